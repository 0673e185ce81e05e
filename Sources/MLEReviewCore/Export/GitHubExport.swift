/// The body of GitHub's "create a review for a pull request" call, ready for
/// `gh api repos/OWNER/REPO/pulls/N/reviews --input FILE`.
///
/// `event`: BLOCK → REQUEST_CHANGES, APPROVE → APPROVE, APPROVE WITH WARNINGS → COMMENT.
/// Findings on a line of the diff become line comments (`side` RIGHT for the new file, LEFT for
/// the old; `start_line`/`start_side` for ranges); the others are listed in the body, as are
/// findings imported from the pull request's own comments, which are there already.
public enum GitHubExport {
    public static func event(_ d: Decision) -> String {
        switch d {
        case .block: return "REQUEST_CHANGES"
        case .approve: return "APPROVE"
        case .approveWithWarnings: return "COMMENT"
        }
    }

    /// The file as the pull request names it: a renamed file by its new name on both sides (a
    /// LEFT comment given the old name was refused, and the whole review with it).
    static func path(of location: Location, in c: ExportContext) -> String {
        guard location.side == .old, let file = c.diff?.files.first(where: { $0.oldPath == location.path }) else { return location.path }
        return file.newPath ?? location.path
    }

    public static func render(_ c: ExportContext) -> String {
        var comments: [JSONValue] = []
        var unplaced: [Finding] = []
        var posted: [Finding] = []
        for f in c.openFindings {
            // Imported from the pull request's own comments: posting it again would double it.
            if f.pullRequestComment != nil { posted.append(f); continue }
            // An outdated finding's line number is from an earlier diff: on this one it would sit
            // on unrelated code.
            guard !f.isOutdated, c.isInDiff(f.location), let line = f.location.line else { unplaced.append(f); continue }
            let side = f.location.side == .new ? "RIGHT" : "LEFT"
            var body = "**[\(f.severity.rawValue)] \(MarkdownEscape.text(f.title))**"
            if !f.issue.isEmpty { body += "\n\n**Issue:** \(MarkdownEscape.block(f.issue))" }
            if !f.fix.isEmpty { body += "\n\n**Fix:** \(MarkdownEscape.block(f.fix))" }
            var comment: [(String, JSONValue)] = [("path", .string(Self.path(of: f.location, in: c)))]
            if let end = f.location.endLine, c.isOneHunk(f.location) {
                comment += [("start_line", .int(line)), ("start_side", .string(side)), ("line", .int(end)), ("side", .string(side))]
            } else {
                comment += [("line", .int(line)), ("side", .string(side))]
            }
            comment.append(("body", .string(body)))
            comments.append(.object(comment))
        }
        var body = MarkdownExport.render(c)
        if !unplaced.isEmpty {
            body += "\n### Findings not on a diff line\n\n"
            for f in unplaced {
                body += "- **[\(f.severity.rawValue)] \(MarkdownEscape.text(f.title))** at \(MarkdownEscape.code(f.location.shown))"
                    + (f.isOutdated ? " (outdated: \(Finding.outdatedReason))" : "") + "\n"
            }
        }
        if !posted.isEmpty {
            body += "\n### Already comments on the pull request (not posted again)\n\n"
            for f in posted {
                body += "- **[\(f.severity.rawValue)] \(MarkdownEscape.text(f.title))** at \(MarkdownEscape.code(f.location.shown))"
                    + (f.author.map { " by \(MarkdownEscape.text($0))" } ?? "") + ": \(MarkdownExport.link(f.pullRequestComment!))\n"
            }
        }
        var doc: [(String, JSONValue)] = []
        if let head = c.review.source.headCommit { doc.append(("commit_id", .string(head))) }
        doc += [("event", .string(event(c.verdict.decision))), ("body", .string(body)), ("comments", .array(comments))]
        return JSONValue.object(doc).serialized(pretty: true) + "\n"
    }
}
