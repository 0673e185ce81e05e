import Foundation
import GRDB

/// Moves a review's findings onto a newer diff of the same range. A finding follows the text of
/// its line, using the lines around it to choose among repeats, and the nearest match to its old
/// line number to break ties; a finding whose line is gone is kept, marked outdated, at its old
/// location. Never dropped.
public enum CarryForward {
    public struct Result: Sendable {
        public var findings: [Finding]
        public var moved: Int
        public var outdated: Int
    }

    /// Lines around the finding's line compared to pick among lines with the same text.
    static let contextLines = 3

    /// - Parameter newFile: the whole new file at the new head, when git can give it (a finding's
    ///   line may have left the diff while staying in the file).
    public static func carry(_ findings: [Finding], from old: ParsedDiff?, to new: ParsedDiff,
                             newFile: (String) -> [String]? = { _ in nil }) -> Result {
        var out: [Finding] = []
        var moved = 0, outdated = 0
        for f in findings {
            var g = f
            g.id = Review.newID(prefix: "f")
            switch anchor(f.location, from: old, to: new, newFile: newFile) {
            case .some(let location):
                if location != f.location { moved += 1 }
                g.location = location
                g.outdated = nil
            case .none:
                outdated += 1
                g.outdated = true
            }
            out.append(g)
        }
        return Result(findings: out, moved: moved, outdated: outdated)
    }

    /// A finding taken from a hint says where the hint found it ("pickle.load() on line 57"):
    /// once carried to another line, those words described the earlier revision. A carried hint
    /// finding whose words are still the hint's own (not edited since) takes the words the same
    /// rule's hint says where it sits now; edited words are the reviewer's and stay.
    public static func rewordHints(_ carried: inout [Finding], from earlier: [Finding], old: ParsedDiff?, new: ParsedDiff) {
        let pairs = zip(earlier, carried.indices).filter { was, i in
            if case .hint = was.origin, was.location != carried[i].location, carried[i].outdated != true { return true }
            return false
        }
        guard !pairs.isEmpty, let old else { return }
        // Only the rules those findings came from are asked again, not every rule on every file.
        let ids = Set(pairs.compactMap { was, _ -> String? in if case .hint(let rule) = was.origin { return rule }; return nil })
        let rules = HintRules.all.filter { ids.contains($0.id) }
        let before = HintScanner.scan(old, rules: rules), after = HintScanner.scan(new, rules: rules)
        for (was, i) in pairs {
            guard case .hint(let rule) = was.origin,
                  before.contains(where: { $0.rule == rule && $0.location == was.location && $0.issue == was.issue }),
                  let now = after.first(where: { $0.rule == rule && $0.location == carried[i].location }) else { continue }
            carried[i].issue = now.issue
        }
    }

    /// A hint dismissal is the reviewer's judgement of a line of code: it moves with the line as a
    /// finding does (its key, `RULE path:line`, re-made at the new line). One whose code is gone
    /// is dropped: its hint cannot come back there.
    public static func carry(hintDismissals: [HintDismissal], from old: ParsedDiff?, to new: ParsedDiff,
                             newFile: (String) -> [String]? = { _ in nil }) -> [HintDismissal] {
        hintDismissals.compactMap { d in
            guard let (rule, path, line) = Hint.keyParts(d.key),
                  let moved = anchor(Location(path: path, side: .new, line: line), from: old, to: new, newFile: newFile),
                  let at = moved.line else { return nil }
            return (Hint.key(rule: rule, path: moved.path, line: at), d.by, d.reason)
        }
    }

    /// Where the location is in the new diff, or nil when its code is gone.
    public static func anchor(_ location: Location, from old: ParsedDiff?, to new: ParsedDiff,
                              newFile: (String) -> [String]? = { _ in nil }) -> Location? {
        guard let newPath = renamedPath(location.path, side: location.side, in: new) else { return nil }
        guard let line = location.line else {
            var l = location
            l.path = newPath
            return l
        }
        // Without the old diff's text there is nothing to follow: the finding stays where it was.
        guard let old, let before = sideLines(old, path: location.path, side: location.side),
              let at = before.firstIndex(where: { $0.number == line }) else {
            var l = location
            l.path = newPath
            return l
        }
        var candidates = sideLines(new, path: newPath, side: location.side) ?? []
        if location.side == .new, let whole = newFile(newPath) {
            candidates = whole.enumerated().map { (number: $0.offset + 1, text: $0.element) }
        }
        guard let found = bestMatch(for: at, in: before, among: candidates, near: line) else { return nil }
        var l = location
        l.path = newPath
        l.line = found
        l.endLine = location.endLine.map { found + ($0 - line) }
        return l
    }

    static func bestMatch(for index: Int, in before: [(number: Int, text: String)], among after: [(number: Int, text: String)],
                          near line: Int) -> Int? {
        let target = before[index].text
        func score(_ j: Int) -> Int {
            var s = 0
            for k in 1...contextLines {
                if index - k >= 0, j - k >= 0, before[index - k].number == before[index].number - k,
                   after[j - k].text == before[index - k].text { s += 1 }
                if index + k < before.count, j + k < after.count, before[index + k].number == before[index].number + k,
                   after[j + k].text == before[index + k].text { s += 1 }
            }
            return s
        }
        // Exact text first; then the same text re-indented.
        for same in [{ (a: String) in a == target }, { (a: String) in a.trimmingSpaces() == target.trimmingSpaces() && !a.trimmingSpaces().isEmpty }] {
            let hits = after.indices.filter { same(after[$0].text) }
            if let best = hits.max(by: { (score($0), -abs(after[$0].number - line)) < (score($1), -abs(after[$1].number - line)) }) {
                return after[best].number
            }
        }
        return nil
    }

    /// The path of a file in the new diff: the same path, or where a rename took it. Nil when the
    /// new diff does not have the file at all.
    static func renamedPath(_ path: String, side: Location.Side, in diff: ParsedDiff) -> String? {
        if let f = diff.files.first(where: { side == .old ? $0.oldPath == path : $0.newPath == path }) {
            return side == .old ? f.oldPath : f.newPath
        }
        if side == .new, let f = diff.files.first(where: { $0.oldPath == path }), let n = f.newPath { return n }
        return nil
    }

    /// One side of one file's diff as (line number, text), in order.
    static func sideLines(_ diff: ParsedDiff, path: String, side: Location.Side) -> [(number: Int, text: String)]? {
        guard let file = diff.files.first(where: { side == .old ? $0.oldPath == path : $0.newPath == path }) else { return nil }
        var out: [(number: Int, text: String)] = []
        for hunk in file.hunks {
            for l in diff.lines(of: hunk) {
                if let n = side == .old ? l.oldNumber : l.newNumber { out.append((n, diff.text(l.content))) }
            }
        }
        return out
    }
}

extension ReviewStore {
    /// The newest other review of the same git range: made before the branch moved. For
    /// uncommitted changes (`HEAD`), only one of the same branch's: another branch's work in
    /// progress is another change, whose ticks say nothing about this one. For a patch, the
    /// newest of the same file (a pull request's diff saved again after it was updated): the
    /// same absolute path, or, for a review stored before paths were kept so, the same name as
    /// given; a piped one has no name to go by (see `previousPipedReviews`).
    public func previousReview(of source: ReviewSource, excluding id: String) throws(InputError) -> String? {
        if source.kind == .patch, !source.isPiped, let path = source.patchPath {
            return try read { db in
                try String.fetchOne(db, sql: """
                    SELECT id FROM reviews WHERE source_kind = 'patch' AND id != ?
                      AND (patch_file = ? OR (patch_file IS NULL AND patch_path = ?))
                    ORDER BY COALESCE(finished_at, updated_at) DESC LIMIT 1
                    """, arguments: [id, source.patchFile, path])
            }
        }
        guard source.kind == .range, let range = source.range else { return nil }
        let sameWork = source.headCommit == nil ? " AND head_commit IS NULL AND head_ref IS ?" : ""
        let arguments: StatementArguments = source.headCommit == nil ? [range, id, source.headRef] : [range, id]
        return try read { db in
            try String.fetchOne(db, sql: """
                SELECT id FROM reviews WHERE source_kind = 'range' AND range = ? AND id != ?\(sameWork)
                ORDER BY COALESCE(finished_at, updated_at) DESC LIMIT 1
                """, arguments: arguments)
        }
    }

    /// A piped diff (`gh pr diff 12 | mle-review --patch -`) has no name to find its earlier
    /// review by: of the last few piped reviews, newest first, those whose diff touched mostly
    /// the same files (at least half of the files either touched), to be offered, never taken
    /// unasked.
    public func previousPipedReviews(touching paths: [String], excluding id: String) throws(InputError) -> [String] {
        let mine = Set(paths)
        guard !mine.isEmpty else { return [] }
        let candidates = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, diff_sha256 FROM reviews WHERE source_kind = 'patch' AND patch_path = '-' AND id != ?
                ORDER BY COALESCE(finished_at, updated_at) DESC LIMIT 5
                """, arguments: [id]).map { (id: $0["id"] as String, sha: $0["diff_sha256"] as String) }
        }
        var out: [String] = []
        for c in candidates {
            guard let bytes = try diff(sha256: c.sha) else { continue }
            let theirs = Set(DiffParser.parse(bytes).touchedPaths)
            if 2 * mine.intersection(theirs).count >= mine.union(theirs).count { out.append(c.id) }
        }
        return out
    }

    /// Starts review `id` from `previous`: its ticks, its viewed marks (they count only where a
    /// file's diff is unchanged), the re-anchored findings and hint dismissals, linked to it, in
    /// one transaction.
    public func carryForward(into id: String, from previous: Review, findings: [Finding],
                             hintDismissals: [HintDismissal] = []) throws(InputError) {
        try edit(id) { db in
            let now = Date().timeIntervalSince1970
            for d in hintDismissals { try Self.insertHintDismissal(db, id, d, at: now) }
            for (item, mark) in previous.items { try Self.upsertMark(db, id, item, mark) }
            for f in findings { try Self.upsertFinding(db, id, f) }
            for (p, h) in previous.viewedFiles {
                try db.execute(sql: "INSERT OR REPLACE INTO viewed_files (review_id, path, diff_hash) VALUES (?, ?, ?)", arguments: [id, p, h])
            }
            try db.execute(sql: "UPDATE reviews SET revision_of = ? WHERE id = ?", arguments: [previous.id, id])
        }
    }
}
