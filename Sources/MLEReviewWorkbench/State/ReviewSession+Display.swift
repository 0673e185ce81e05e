import Foundation
import MLEReviewCore

/// Showing the diff otherwise without changing what is reviewed: more context around a file's
/// hunks, or whitespace ignored, both read from git for a range review. The review's diff,
/// its hashes and its findings stay those of the reviewed diff.
extension ReviewSession {
    /// `git diff` of the review's range as commits (the work tree when it ends there).
    var reviewedRange: String? {
        let s = workbench.review.source
        guard s.kind == .range, let base = s.baseCommit else { return nil }
        return s.headCommit.map { "\(base)..\($0)" } ?? base
    }

    func expandContext(path: String) throws(InputError) {
        let level = (contextLevels[path] ?? 3) + workbench.contextStep
        contextLevels[path] = level
        try redisplay()
        workbench.say("\(path): \(level) lines of context around each change (read from git)", path: path)
    }

    func setIgnoreWhitespace(_ ignore: Bool) throws(InputError) {
        workbench.ignoreWhitespace = ignore
        if reviewedRange != nil { try redisplay() }
        let how = reviewedRange != nil ? "git diff -w" : "whitespace-only changes dimmed"
        workbench.say(ignore ? "ignoring whitespace (\(how)); findings still refer to the reviewed diff" : "whitespace shown as reviewed")
    }

    /// Rebuilds what the diff pane shows, the cursor staying on its line.
    func redisplay() throws(InputError) {
        guard let range = reviewedRange else { return }
        let reviewed = workbench.document.reviewed
        let ws = workbench.ignoreWhitespace ? ["-w"] : []
        var shown = reviewed
        if !ws.isEmpty {
            let bytes = try GitDiff.diff(range: range, options: ws, paths: [], directory: directory)
            shown = Self.shown(bytes, source: workbench.review.source, directory: directory).0.diff
        }
        var replacements: [Int: (from: ParsedDiff, file: DiffFile)] = [:]
        for (path, level) in contextLevels {
            guard let i = shown.files.firstIndex(where: { $0.path == path }) else { continue }
            let f = shown.files[i]
            let paths = Array(Set([f.oldPath, f.newPath].compactMap { $0 })).sorted()
            let parsed = DiffParser.parse(try GitDiff.diff(range: range, options: ["-U\(level)"] + ws, paths: paths, directory: directory))
            if let file = parsed.files.first(where: { $0.path == path }) { replacements[i] = (parsed, file) }
        }
        let here = workbench.document.rowCount > 0 ? workbench.document.location(at: workbench.diffPane.cursor) : nil
        // Folds carry over by path (a viewed file stays folded, one opened stays open); a file
        // new to the diff starts as any does.
        let old = workbench.document
        let wasFolded = Set(old.folded.map { old.files[$0].path })
        let wasOpen = Set(old.files.map(\.path)).subtracting(wasFolded)
        var doc = DiffDocument(shown.replacing(replacements), reviewed: reviewed)
        doc.setFolded(only: Set(doc.files.indices.filter { f in
            let path = doc.files[f].path
            return wasFolded.contains(path) || (doc.folded.contains(f) && !wasOpen.contains(path))
        }))
        workbench.document = doc
        workbench.applyFileFilter(workbench.filesPane.filter)
        if let here, let row = workbench.document.reveal(here) ?? workbench.document.reveal(Location(path: here.path)) {
            workbench.jumpDiff(to: row)
        } else {
            workbench.jumpDiff(to: min(workbench.diffPane.cursor, max(0, workbench.document.rowCount - 1)))
        }
        // Search offsets were into the old bytes.
        if !workbench.search.query.isEmpty { workbench.setSearch(workbench.search.query) }
    }
}
