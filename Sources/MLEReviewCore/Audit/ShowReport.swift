import Foundation

/// `mle-review show`: one review in full — where it came from, who reviewed it, its revisions,
/// the verdict in the brief's format, and the checklist state area by area.
public enum ShowReport {
    /// How many of the diff's files carry a viewed mark made on the diff as it is (a mark made
    /// before the file's diff changed does not count, as in the workbench).
    static func viewedFiles(_ c: ExportContext) -> (viewed: Int, total: Int)? {
        guard let diff = c.diff, !diff.files.isEmpty else { return nil }
        let viewed = diff.files.indices.filter { f in
            c.review.viewedFiles[diff.files[f].path].map { $0 == diff.viewedMarkHash(ofFile: f) } ?? false
        }.count
        return (viewed, diff.files.count)
    }

    public static func render(_ c: ExportContext, record: ReviewRecord?, revisions: [(id: String, finish: Finish?, createdAt: Date)],
                              staleness: Staleness?, committedAs: String? = nil, hintDismissals: [HintDismissal] = [],
                              dismissedBy: [String: String] = [:], history: [Activity] = []) -> String {
        let r = c.review
        var out = "Review \(r.id)\n"
        out += "Source: \(r.source.label)"
        // Which file `pr.diff` was, for a lead reading it from elsewhere.
        if let file = r.source.patchFile, file != r.source.patchPath { out += " (\(file))" }
        if r.source.kind == .range {
            out += " (\(r.source.baseCommit.map { String($0.prefix(12)) } ?? "?")..\(r.source.headCommit.map { String($0.prefix(12)) } ?? "work tree" + (r.source.headRef.map { " of " + $0 } ?? "")))"
        }
        out += "\nDiff sha256: \(r.source.diffSHA256)\n"
        // A review of uncommitted changes says which commit they became, once they were committed.
        if let staleness { out += "Branch: \(staleness)" + (committedAs.map { " (its changes committed as \($0.prefix(12)))" } ?? "") + "\n" }
        out += "Started: \(LogReport.day(r.createdAt))\n"
        if let f = r.finish {
            out += "Finished: \(LogReport.day(f.finishedAt))" + (f.finishedBy.map { " by \($0)" } ?? "") + ", \(f.decision.rawValue)\n"
            if let record { out += "Record: #\(record.sequence) sha256 \(record.recordSHA256)\n" }
            // An approval finished over undecided required steps (`--allow-incomplete`, or the
            // workbench's "export while incomplete") says so where a lead reads it, as its export did.
            if let note = c.incompleteNote { out += "Incomplete: \(note)\n" }
        } else {
            out += "State: open (last changed \(LogReport.day(r.updatedAt)))\n"
        }
        if let viewed = viewedFiles(c) { out += "Viewed: \(viewed.viewed) of \(viewed.total) file\(viewed.total == 1 ? "" : "s") marked viewed in the workbench\n" }
        if revisions.count > 1 {
            out += "Revisions:\n"
            for (n, rev) in revisions.enumerated() {
                let state = rev.finish.map { "\($0.decision.rawValue) \(LogReport.day($0.finishedAt))" } ?? "open"
                out += "  \(n + 1). \(rev.id)  \(state)\(rev.id == r.id ? "  ← this one" : "")\n"
            }
        }
        out += "\n" + TextExport.render(c, soFar: r.finish == nil ? inProgress(c) : nil)
        // The brief's format names the decision, not its cause: a BLOCK from a failed test run
        // alone read as if its findings blocked. The rules' reasons, as the markdown export gives them.
        if !c.verdict.reasons.isEmpty {
            out += "\nWhy the rules give \(c.verdict.computed.rawValue):\n"
            for reason in c.verdict.decisiveReasons { out += "  • \(TextExport.oneLine(reason.message))\n" }
            if !c.verdict.otherReasons.isEmpty {
                out += Verdict.otherReasonsHeading + ":\n"
                for reason in c.verdict.otherReasons { out += "  • \(TextExport.oneLine(reason.message))\n" }
            }
        }
        // The brief's line escapes what would split it (`\;`, `\(`) so that import reads it back;
        // a lead reads each run here as it was typed or run, with where it comes from.
        if !r.testsRun.isEmpty {
            out += "\nTests run, one by one:\n"
            for t in r.testsRun {
                out += "  \(t.outcome.rawValue): \(TextExport.oneLine(t.command))"
                if !t.summary.isEmpty { out += " — \(TextExport.oneLine(t.summary))" }
                if let e = t.explanation, !e.isEmpty { out += " (explained: \(TextExport.oneLine(e)))" }
                out += " · \(t.provenance)\n"
            }
        }
        out += "\nChecklist (\(c.checklist.source)):\n"
        for section in c.checklist.sections where !section.items.isEmpty {
            let decided = section.items.filter { r.state(of: $0.id).isDecided }.count
            out += "\n\(section.title)  \(decided)/\(section.items.count)\n"
            for item in section.items {
                let mark = r.items[item.id]
                out += "  \(box(mark?.state ?? .unchecked)) \(item.title)"
                if let by = mark?.setBy, mark?.state.isDecided == true { out += "  (\(by))" }
                out += "\n"
                if let note = mark?.note, !note.isEmpty { out += "      note: \(TextExport.oneLine(note))\n" }
            }
        }
        let outdated = r.findings.filter(\.isOutdated)
        if !outdated.isEmpty {
            out += "\nOutdated findings (their code is no longer in the diff):\n"
            for f in outdated { out += "  [\(f.severity.rawValue)] \(TextExport.oneLine(f.title)) — was \(f.location.shown)\n" }
        }
        // What the verdict leaves out, for a lead to judge the judging: what was dismissed (and
        // why, when the reviewer said) and what was proposed and not decided: "never" only once
        // the review is finished (an open one's proposals still wait for the reviewer).
        let undecided = r.isFinished ? "Proposed findings never decided" : "Proposed findings not decided yet"
        for (status, heading) in [(FindingStatus.dismissed, "Dismissed findings (not in the verdict):"),
                                  (.proposed, undecided + " (not in the verdict):")] {
            let list = r.findings.filter { $0.status == status }.sorted(by: Finding.reportOrder)
            guard !list.isEmpty else { continue }
            out += "\n\(heading)\n"
            for f in list {
                var line = "  [\(f.severity.rawValue)] \(TextExport.oneLine(f.title)) — \(f.location.shown) — "
                line += f.source.map { "from " + $0 } ?? "typed" + (f.author.map { " by \($0)" } ?? "")
                if status == .dismissed { line += " — " + judged(f.dismissal, by: dismissedBy[f.id]) }
                out += line + "\n"
            }
        }
        if !hintDismissals.isEmpty {
            out += "\nHints dismissed (never findings):\n"
            for h in hintDismissals {
                out += "  hint \(h.key) — " + judged(h.reason, by: h.by) + "\n"
            }
        }
        // What the tool itself pointed at and nobody looked at: a BLOCK's export does not need
        // them, but a lead judging the judging does.
        let unjudged = c.unjudgedHints
        if !unjudged.isEmpty {
            out += "\n" + (r.isFinished ? "Hints never judged" : "Hints not judged yet") + " (neither taken nor dismissed):\n"
            for h in unjudged.prefix(20) { out += "  [\(h.severity.rawValue)] hint \(h.key) — \(TextExport.oneLine(h.title))\n" }
            if unjudged.count > 20 { out += "  … and \(unjudged.count - 20) more\n" }
        }
        let deleted = history.compactMap(deletion)
        if !deleted.isEmpty {
            out += "\nDeleted (the review's history keeps them):\n" + deleted.map { "  " + $0 + "\n" }.joined()
        }
        return SafeText.escapedKeepingLines(out)
    }

    /// `33 required steps left, 2 proposed findings not decided`: an open review's decision
    /// read "Decision: APPROVE" with two HIGH proposals waiting, where the workbench and the log
    /// say it is in review. Nil when nothing is left to decide.
    static func inProgress(_ c: ExportContext) -> String? {
        let proposed = c.review.findings.filter { $0.status == .proposed }.count
        var left: [String] = []
        if !c.verdict.missing.isEmpty { left.append("\(c.verdict.missing.count) required step\(c.verdict.missing.count == 1 ? "" : "s") left") }
        if proposed > 0 { left.append("\(proposed) proposed finding\(proposed == 1 ? "" : "s") not decided") }
        return left.isEmpty ? nil : left.joined(separator: ", ")
    }

    /// A finding or a reported test run deleted from the review, as a lead reads it: a deleted
    /// HIGH or failed run is what a verdict would not show. Nil for any other activity.
    static func deletion(_ a: Activity) -> String? {
        let by = (a.who.map { " by \($0)" } ?? "") + " on " + LogReport.day(a.at)
        let bytes = Data((a.detail ?? "").utf8)
        switch a.kind {
        case "finding-deleted":
            guard let f = try? ReviewDocument.decoder().decode(Finding.self, from: bytes) else { return "a finding (\(a.subject ?? "?")) — deleted" + by }
            return "[\(f.severity.rawValue)] \(TextExport.oneLine(f.title)) — \(f.location.shown) — deleted" + by
        case "test-run-deleted":
            guard let t = try? ReviewDocument.decoder().decode(TestRun.self, from: bytes) else { return "a test run (\(a.subject ?? "?")) — deleted" + by }
            return "test run \(TextExport.oneLine(t.command)) (\(t.outcome.rawValue)) — deleted" + by
        default: return nil
        }
    }

    /// `wrong, dismissed by Bo`: why a finding or hint was dismissed, and who did, as far as known.
    static func judged(_ reason: DismissalReason?, by who: String?) -> String {
        (reason?.label ?? "no reason given") + (who.map { ", dismissed by \($0)" } ?? "")
    }

    static func box(_ s: ItemState) -> String {
        switch s {
        case .unchecked: return "[ ]"
        case .pass: return "[x]"
        case .fail: return "[!]"
        case .notApplicable: return "[-]"
        }
    }
}

extension SafeText {
    /// Escapes like `escaped` but keeps line breaks, for multi-line reports printed to a terminal.
    public static func escapedKeepingLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }
}
