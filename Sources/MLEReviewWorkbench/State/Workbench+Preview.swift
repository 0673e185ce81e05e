import MLEReviewCore

/// The first screen of a large patch, drawn from its first bytes while the rest is read,
/// hashed, parsed and its review opened: as less and tig do, the reviewer sees the diff at once,
/// and the title and status line say it is still loading (keys wait until it is).
extension Workbench {
    /// Bytes enough for a first screen of any width: a few hundred lines.
    public static let previewBytes = 256 * 1024

    /// A workbench on the diff's first bytes (cut at the last whole line), with no review yet.
    public static func preview(prefix: [UInt8], totalBytes: Int, label: String, width: Int, height: Int) -> Workbench {
        var end = prefix.count
        if totalBytes > prefix.count { while end > 0 && prefix[end - 1] != 10 { end -= 1 } }
        let parsed = DiffParser.parse(Array(prefix[..<end]))
        let checklist = ChecklistLoader.builtIn
        let review = Review(source: ReviewSource(kind: .patch, patchPath: label, diffSHA256: ""), checklist: ChecklistRef(checklist))
        var wb = Workbench(document: DiffDocument(parsed), review: review, checklist: checklist, reviewer: nil, sourceLabel: label,
                           width: width, height: height)
        wb.message = nil
        wb.loading = "loading \(ByteCount.text(totalBytes))…"
        return wb
    }
}

/// `28.3 MB`, `512 KB`.
enum ByteCount {
    static func text(_ n: Int) -> String {
        if n >= 1_000_000 { return String(format: "%.1f MB", Double(n) / 1e6) }
        if n >= 1000 { return "\(n / 1000) KB" }
        return "\(n) bytes"
    }
}
