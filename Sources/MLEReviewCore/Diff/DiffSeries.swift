/// A patch file that changes one file in more than one diff: a series of patches
/// (`git format-patch main..feature --stdout`), applied one after another. Each diff's line
/// numbers are of the file as the patches before it left it, so a finding on an earlier one
/// points at a line of a version the pull request never shows. Said, not mended: only git, with
/// the commits, can give the combined diff.
extension ParsedDiff {
    /// The files changed in more than one diff, in order of first appearance, with how many.
    public var repeatedFiles: [(path: String, diffs: Int)] {
        var counts: [String: Int] = [:], order: [String] = []
        for f in files {
            let path = f.path
            if counts[path] == nil { order.append(path) }
            counts[path, default: 0] += 1
        }
        return order.compactMap { p in counts[p].flatMap { $0 > 1 ? (p, $0) : nil } }
    }

    /// What a reviewer should know before reading such a patch, or nil.
    public func seriesNote(name: String) -> String? {
        let repeated = repeatedFiles
        guard let first = repeated.first else { return nil }
        let times = first.diffs == 2 ? "twice" : "\(first.diffs) times"
        let which = repeated.count == 1 ? "\(first.path) \(times)" : "\(first.path) and \(repeated.count - 1) more file\(repeated.count == 2 ? "" : "s") more than once"
        // The status line keeps a message's start: what to know comes first, what to do after.
        return "\(name) changes \(which) (a patch series): earlier diffs number lines as it was then "
            + "(git diff BASE...HEAD gives the combined change)"
    }
}
