import Foundation
import MLEReviewCore

/// Carrying an earlier review forward onto the diff just opened: which review that is, and
/// taking its ticks, findings and hint dismissals across.
extension ReviewSession {
    /// The review a new one of `source` would carry forward: the same range's or patch file's
    /// last, or, for a piped diff, which has no name, the newest recent piped review of mostly
    /// the same files that holds something.
    static func earlierReview(of source: ReviewSource, touching paths: [String], excluding id: String,
                              in store: ReviewStore) throws(InputError) -> String? {
        if let same = try store.previousReview(of: source, excluding: id) { return same }
        guard source.isPiped else { return nil }
        for candidate in try store.previousPipedReviews(touching: paths, excluding: id) {
            let c = try store.load(candidate)
            if !c.findings.isEmpty || !c.items.isEmpty || !c.viewedFiles.isEmpty { return candidate }
        }
        return nil
    }

    /// Takes an earlier review of this range onto the current diff (see `CarryForward`).
    func carryForward(from previousID: String) throws(InputError) {
        let previous = try store.load(previousID)
        let oldDiff = try store.diff(sha256: previous.source.diffSHA256).map(DiffParser.parse)
        let head = workbench.review.source.headCommit
        let repository = GitRepository(directory: directory)
        // Both sides as git gave them: the stored diff and whole files are raw (notebooks as JSON).
        let newFile = { (path: String) -> [String]? in
            guard let head, let bytes = repository.newFile(path, at: head) else { return nil }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let diff = scanned ?? workbench.document.diff
        var result = CarryForward.carry(previous.findings, from: oldDiff, to: diff, newFile: newFile)
        CarryForward.rewordHints(&result.findings, from: previous.findings, old: oldDiff, new: diff)
        let dismissals = CarryForward.carry(hintDismissals: try store.hintDismissals(previousID), from: oldDiff, to: diff, newFile: newFile)
        try store.carryForward(into: workbench.review.id, from: previous, findings: result.findings, hintDismissals: dismissals)
        workbench.review = try store.load(workbench.review.id)
        workbench.earlierHead = Self.earlierHead(of: workbench.review, in: store)
        // Viewed files fold, as a resumed review's do (carried, they stood open with ✓ viewed).
        workbench.foldViewedFiles()
        readHintDismissals()
        let ticks = previous.items.values.filter { $0.state.isDecided }.count
        let live = result.findings.filter { $0.status == .open || $0.status == .proposed }.count
        // What there was to carry, none of it said as "0 ticks, 0 findings": the status line is
        // one line, and the viewed files to read again matter as much.
        var carried = [ticks > 0 ? plural(ticks, "tick") : nil,
                       result.findings.isEmpty ? nil : "\(plural(result.findings.count, "finding")) (\(live) open)"].compactMap { $0 }.joined(separator: ", ")
        if result.moved > 0 { carried += " (\(result.moved) moved with their code)" }
        var parts = carried.isEmpty ? [] : [carried]
        if result.outdated > 0 { parts.append("\(result.outdated) outdated: their code is gone") }
        if !dismissals.isEmpty { parts.append(dismissals.count == 1 ? "1 hint stays dismissed" : "\(dismissals.count) hints stay dismissed") }
        // Which files to read again: a viewed mark holds only while its file's diff is unchanged.
        let changed = workbench.document.files.indices.filter { workbench.changedSinceViewed(file: $0) }.count
        if workbench.viewedCount + changed > 0 {
            var viewed = "\(plural(workbench.viewedCount, "viewed file")) kept"
            if changed > 0 { viewed += ", \(changed) changed since (Δ" + (workbench.earlierHead != nil ? ": \(workbench.keymap.key(.sinceReview, in: .diff)) shows how)" : ")") }
            parts.append(viewed)
        }
        if let runs = Workbench.CarryOffer.runsStaying(previous, short: true) { parts.append(runs) }
        let text = "carried forward from \(previousID): " + (parts.isEmpty ? "nothing to carry" : parts.joined(separator: "; "))
        workbench.say(text, error: false)
    }
}
