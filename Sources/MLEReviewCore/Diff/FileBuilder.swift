/// What the parser has learned of one file so far; `build()` settles paths and status.
struct FileBuilder {
    var start: Int
    var end: Int
    var headerLine: Int
    var isGit: Bool
    /// Paths as written on the `diff --git` line (prefixes included).
    var gitOld: [UInt8]?
    var gitNew: [UInt8]?
    /// Paths from `---` / `+++` or a `Binary files` line (prefixes included, /dev/null kept).
    var oldRaw: [UInt8]?
    var newRaw: [UInt8]?
    var renameFrom: [UInt8]?
    var renameTo: [UInt8]?
    var sawDashes = false
    var newFile = false
    var deletedFile = false
    var renamed = false
    var copied = false
    var isBinary = false
    var isCombined = false
    var similarity: Int?
    var oldMode: [UInt8]?
    var newMode: [UInt8]?
    var hunks: [Hunk] = []

    init(start: Int, headerLine: Int, isGit: Bool) {
        self.start = start
        self.end = start
        self.headerLine = headerLine
        self.isGit = isGit
    }

    /// `Binary files A and B differ`, where the paths carry their prefixes.
    mutating func readBinaryLine(_ text: ArraySlice<UInt8>) {
        isBinary = true
        var body = Array(text.dropFirst("Binary files ".utf8.count))
        if body.reversed().starts(with: " differ".utf8.reversed()) { body.removeLast(" differ".utf8.count) }
        if let and = Bytes.index(of: Array(" and ".utf8), in: body) {
            oldRaw = Array(body[..<and])
            newRaw = Array(body[(and + 5)...])
        }
    }

    func build() -> DiffFile {
        var old: [UInt8]?, new: [UInt8]?
        if isGit {
            // The diff --git line says whether git used a/ b/ prefixes (it may not: --no-prefix).
            let prefixed = DiffPaths.hasPrefix(gitOld, "a/") && DiffPaths.hasPrefix(gitNew, "b/")
            func strip(_ p: [UInt8]?, _ prefix: String) -> [UInt8]? {
                guard let p, p != DiffPaths.devNull else { return nil }
                return prefixed && DiffPaths.hasPrefix(p, prefix) ? Array(p.dropFirst(2)) : p
            }
            // Paths by trust: ---/+++ lines, then a clean `diff --git a/… b/…`, then rename/copy lines
            // (needed when the diff --git line cannot be split, as with spaces and no prefixes).
            old = oldRaw != nil ? strip(oldRaw, "a/") : prefixed ? strip(gitOld, "a/") : renameFrom ?? strip(gitOld, "a/")
            new = newRaw != nil ? strip(newRaw, "b/") : prefixed ? strip(gitNew, "b/") : renameTo ?? strip(gitNew, "b/")
            if oldRaw == DiffPaths.devNull || newFile { old = nil }
            if newRaw == DiffPaths.devNull || deletedFile { new = nil }
            if !sawDashes && old == nil && new == nil { old = strip(gitOld, "a/") }
        } else {
            old = oldRaw == DiffPaths.devNull ? nil : oldRaw
            new = newRaw == DiffPaths.devNull ? nil : newRaw
            // hg and others write a/ b/ without a git header.
            if (old == nil || DiffPaths.hasPrefix(old, "a/")) && (new == nil || DiffPaths.hasPrefix(new, "b/")) {
                old = old.map { Array($0.dropFirst(2)) }
                new = new.map { Array($0.dropFirst(2)) }
            }
        }
        let status = self.status(old: old, new: new)
        if status == .added { old = nil }
        if status == .deleted { new = nil }
        return DiffFile(
            oldPath: old.map(DiffPaths.string), newPath: new.map(DiffPaths.string), status: status,
            similarity: similarity, oldMode: oldMode.map(DiffPaths.string), newMode: newMode.map(DiffPaths.string),
            isBinary: isBinary, isCombined: isCombined, isGit: isGit, hunks: hunks,
            byteRange: start..<end, headerLine: headerLine)
    }

    private func status(old: [UInt8]?, new: [UInt8]?) -> FileStatus {
        if newFile || (old == nil && new != nil) { return .added }
        if deletedFile || (new == nil && old != nil) { return .deleted }
        if renamed { return .renamed }
        if copied { return .copied }
        if !isGit, hunks.count == 1 {
            // Without git's headers a whole-file hunk is the only sign (as svn and diff -N write).
            let h = hunks[0]
            if h.oldStart == 0 && h.oldCount == 0 { return .added }
            if h.newStart == 0 && h.newCount == 0 { return .deleted }
        }
        if hunks.isEmpty && !isBinary, let oldMode, let newMode, oldMode != newMode { return .modeChange }
        return .modified
    }
}

/// `@@ -a[,b] +c[,d] @@ section`; a missing count means 1.
enum HunkHeader {
    struct Counts {
        var oldStart, oldCount, newStart, newCount: Int
        var section: Range<Int>
    }

    static func parse(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Counts? {
        var i = start + 3 // after "@@ "
        func number() -> Int? {
            var value = 0, digits = 0
            while i < end, buf[i] >= 48, buf[i] <= 57, digits < 10 {
                value = value * 10 + Int(buf[i] - 48); i += 1; digits += 1
            }
            return digits == 0 || (i < end && buf[i] >= 48 && buf[i] <= 57) ? nil : value
        }
        func range(_ sign: UInt8) -> (Int, Int)? {
            guard i < end, buf[i] == sign else { return nil }
            i += 1
            guard let first = number() else { return nil }
            guard i < end, buf[i] == UInt8(ascii: ",") else { return (first, 1) }
            i += 1
            guard let count = number() else { return nil }
            return (first, count)
        }
        guard let (oldStart, oldCount) = range(UInt8(ascii: "-")), i < end, buf[i] == 32 else { return nil }
        i += 1
        guard let (newStart, newCount) = range(UInt8(ascii: "+")) else { return nil }
        guard end - i >= 3, buf[i] == 32, buf[i + 1] == 64, buf[i + 2] == 64 else { return nil }
        i += 3
        if i < end && buf[i] == 32 { i += 1 }
        return Counts(oldStart: oldStart, oldCount: oldCount, newStart: newStart, newCount: newCount, section: i..<max(i, end))
    }
}
