import Foundation
import MLEReviewCore

/// The whole diff as rows a viewer scrolls through: per file a header row, then per hunk a header
/// row and its lines (a file without hunks gets one row saying why). Only file and hunk start
/// rows are stored; a row is found by binary search, and a hunk's lines are decoded the first
/// time they are shown, so opening and moving cost the same on 100 lines or 770,000.
///
/// A value: folding a file changes this copy's rows only. What it decodes and hashes is kept in
/// `memo`, shared between copies on purpose: those are answers of pure functions of the diff's
/// bytes, so no copy can see another's differ.
public struct DiffDocument: Sendable {
    public let diff: ParsedDiff
    /// Row of each file's header; one extra entry holds the row count.
    public private(set) var fileRows: [Int] = []
    /// Row of each hunk header, per file (empty for a folded file).
    public private(set) var hunkRows: [[Int]] = []
    /// Files shown as one summary row until opened: huge, generated, vendored, lock or minified.
    public private(set) var folded: Set<Int>
    let memo = DiffMemo()
    private let hunkIDBase: [Int]
    /// The diff as reviewed, when this one shows it otherwise (more context, whitespace
    /// ignored): viewed marks hash the reviewed bytes, so showing more does not undo them.
    public let reviewed: ParsedDiff

    func hunkID(_ file: Int, _ hunk: Int) -> Int { hunkIDBase[file] + hunk }

    public enum Row: Equatable, Sendable {
        case file(Int)
        case noHunks(Int)
        case folded(Int)
        case hunk(file: Int, hunk: Int)
        case line(file: Int, hunk: Int, index: Int)

        public var file: Int {
            switch self {
            case .file(let f), .noHunks(let f), .folded(let f): return f
            case .hunk(let f, _), .line(let f, _, _): return f
            }
        }
    }

    /// A file's diff longer than this many lines starts folded.
    public static let foldLines = 2000

    public init(_ diff: ParsedDiff, foldLargeFiles: Bool = true, reviewed: ParsedDiff? = nil) {
        self.diff = diff
        self.reviewed = reviewed ?? diff
        var bases: [Int] = [], hunkID = 0
        for f in diff.files { bases.append(hunkID); hunkID += f.hunks.count }
        hunkIDBase = bases
        folded = foldLargeFiles ? Set(diff.files.indices.filter { Self.shouldFold(diff.files[$0]) }) : []
        layoutRows()
    }

    /// Lock files, vendored and generated code, minified assets, and very large diffs.
    public static func shouldFold(_ f: DiffFile) -> Bool {
        guard !f.hunks.isEmpty else { return false }
        let path = f.path.lowercased()
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if lockFiles.contains(name) || name.hasSuffix(".lock") { return true }
        if name.hasSuffix(".min.js") || name.hasSuffix(".min.css") || name.hasSuffix(".map") { return true }
        // Searched on the bytes: Foundation's contains was most of the preview's file layout.
        if name.hasSuffix("_pb2.py") || name.hasSuffix("_pb2_grpc.py") || name.hasSuffix(".pb.go") || name.firstRange(ofASCII: ".generated.") != nil { return true }
        for dir in ["vendor/", "third_party/", "node_modules/", "site-packages/"] where path.hasPrefix(dir) || path.firstRange(ofASCII: "/" + dir) != nil { return true }
        return f.hunks.reduce(0) { $0 + $1.lineCount } > foldLines
    }

    private static let lockFiles: Set<String> = ["package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "pipfile.lock", "cargo.lock",
                                                 "go.sum", "composer.lock", "gemfile.lock", "uv.lock", "conda-lock.yml", "requirements.lock"]

    private mutating func layoutRows() {
        var fileRows: [Int] = [], hunkRows: [[Int]] = []
        fileRows.reserveCapacity(diff.files.count + 1)
        var row = 0
        for (i, f) in diff.files.enumerated() {
            fileRows.append(row)
            row += 1
            if f.hunks.isEmpty || folded.contains(i) { hunkRows.append([]); row += 1; continue }
            var starts: [Int] = []
            starts.reserveCapacity(f.hunks.count)
            for h in f.hunks {
                starts.append(row)
                row += 1 + h.lineCount
            }
            hunkRows.append(starts)
        }
        fileRows.append(row)
        self.fileRows = fileRows
        self.hunkRows = hunkRows
    }

    /// Folds or opens a file; rows after it move.
    public mutating func setFolded(_ file: Int, _ fold: Bool) {
        setFolded(only: fold ? folded.union([file]) : folded.subtracting([file]))
    }

    /// Folds exactly these files (a file with no hunks has nothing to fold), in one layout.
    public mutating func setFolded(only files: Set<Int>) {
        let next = files.filter { $0 >= 0 && $0 < diff.files.count && !diff.files[$0].hunks.isEmpty }
        guard next != folded else { return }
        folded = next
        layoutRows()
    }

    public var rowCount: Int { fileRows.last ?? 0 }

    /// Lower-cased path bytes, made once for the file list's filter.
    public var lowercasedPaths: [[UInt8]] { memo.lowercasedPaths(diff) }

    /// The file with this path (the first, should a diff name one twice), from an index made once.
    public func fileIndex(path: String) -> Int? { memo.pathIndex(diff)[path] }

    /// The other files with the same name in other folders (worked out once per diff).
    public func namesakes(of f: Int) -> [Int] {
        memo.namesakes(diff)[DiffMemo.name(files[f].path)]?.filter { $0 != f } ?? []
    }

    /// The files whose viewed mark (path → hash of its diff) holds. Worked out again only when
    /// the marks change: a frame asks twice (title, file list), and unchanged marks share their
    /// storage, so comparing them is one pointer comparison.
    public func viewedFiles(_ marks: [String: String]) -> Set<Int> {
        guard !marks.isEmpty else { return [] }
        return memo.viewed(marks) {
            let index = memo.pathIndex(diff)
            var out = Set<Int>()
            for (path, mark) in marks {
                if let f = index[path], hash(ofFile: f) == mark { out.insert(f) }
            }
            return out
        }
    }

    public var files: [DiffFile] { diff.files }

    public func row(_ r: Int) -> Row {
        let f = Self.lastIndex(fileRows, notAbove: r)
        if r == fileRows[f] { return .file(f) }
        let hunks = hunkRows[f]
        if hunks.isEmpty { return folded.contains(f) ? .folded(f) : .noHunks(f) }
        let h = Self.lastIndex(hunks, notAbove: r)
        if r == hunks[h] { return .hunk(file: f, hunk: h) }
        return .line(file: f, hunk: h, index: r - hunks[h] - 1)
    }

    public func lines(file: Int, hunk: Int) -> [DiffLine] {
        memo.lines(hunkIDBase[file] + hunk) { diff.lines(of: diff.files[file].hunks[hunk]) }
    }

    public func line(file: Int, hunk: Int, index: Int) -> DiffLine { lines(file: file, hunk: hunk)[index] }

    /// The finding location of a row: a line on its side, or the file for a header.
    public func location(at r: Int) -> Location? {
        guard r >= 0 && r < rowCount else { return nil }
        switch row(r) {
        case .file(let f), .noHunks(let f), .folded(let f), .hunk(let f, _):
            return Location(path: files[f].path)
        case .line(let f, let h, let i):
            let l = line(file: f, hunk: h, index: i)
            if l.kind == .removed { return Location(path: files[f].oldPath ?? files[f].path, side: .old, line: l.oldNumber) }
            return Location(path: files[f].newPath ?? files[f].path, side: .new, line: l.newNumber)
        }
    }

    /// Where a finding made on a row points. On a hunk's header (where `]` lands) the reviewer
    /// means that hunk: its changed lines, on the new side, or on the old one when it only
    /// removes. A file header means the file.
    public func findingLocation(at r: Int) -> Location? {
        guard r >= 0 && r < rowCount, case .hunk(let f, let h) = row(r) else { return location(at: r) }
        let file = files[f], lines = lines(file: f, hunk: h)
        let added = lines.lazy.filter { $0.kind == .added }.compactMap(\.newNumber)
        if let first = added.first, let last = added.last {
            return Location(path: file.newPath ?? file.path, side: .new, line: first, endLine: last)
        }
        let removed = lines.lazy.filter { $0.kind == .removed }.compactMap(\.oldNumber)
        if let first = removed.first, let last = removed.last {
            return Location(path: file.oldPath ?? file.path, side: .old, line: first, endLine: last)
        }
        return Location(path: file.path)
    }

    func fileIndex(of location: Location) -> Int? {
        files.firstIndex(where: { location.side == .old ? ($0.oldPath ?? $0.path) == location.path : ($0.newPath ?? $0.path) == location.path })
            ?? files.firstIndex(where: { $0.path == location.path })
    }

    /// The file, hunk and line index holding a location's line, whether the file is folded or not.
    func position(of location: Location) -> (file: Int, hunk: Int, index: Int)? {
        guard let f = fileIndex(of: location), let target = location.line else { return nil }
        for (h, hunk) in files[f].hunks.enumerated() {
            let start = location.side == .old ? hunk.oldStart : hunk.newStart
            let count = location.side == .old ? hunk.oldCount : hunk.newCount
            guard target >= start && target < start + max(count, 1) else { continue }
            for (i, l) in lines(file: f, hunk: h).enumerated() where (location.side == .old ? l.oldNumber : l.newNumber) == target {
                if location.side == .new && l.kind == .removed { continue }
                return (f, h, i)
            }
        }
        return nil
    }

    /// Whether the diff has the location's line (folded or not).
    public func contains(_ location: Location) -> Bool {
        guard fileIndex(of: location) != nil else { return false }
        return location.line == nil || position(of: location) != nil
    }

    /// The row showing a location, opening its file when it is folded.
    public mutating func reveal(_ location: Location) -> Int? {
        if let p = position(of: location), folded.contains(p.file) { setFolded(p.file, false) }
        return row(for: location)
    }

    /// The row showing a location, if the diff shows that line now (a folded file's lines: nil).
    public func row(for location: Location) -> Int? {
        guard let f = fileIndex(of: location) else { return nil }
        guard location.line != nil else { return fileRows[f] }
        guard let p = position(of: location), !folded.contains(p.file) else { return nil }
        return hunkRows[p.file][p.hunk] + 1 + p.index
    }

    /// Rows of the file's header and its last row.
    public func rows(ofFile f: Int) -> Range<Int> { fileRows[f]..<fileRows[f + 1] }

    /// The byte range a row's text comes from, for search.
    public func byteRange(ofRow r: Int) -> Range<Int>? {
        guard case .line(let f, let h, let i) = row(r) else { return nil }
        return line(file: f, hunk: h, index: i).content
    }

    /// The row whose line contains this byte offset (a search hit), its file opened if folded.
    public mutating func rowRevealing(byte offset: Int) -> Int? {
        guard let f = files.firstIndex(where: { $0.byteRange.contains(offset) }) else { return nil }
        if folded.contains(f) && files[f].hunks.contains(where: { $0.bodyRange.contains(offset) }) { setFolded(f, false) }
        return row(containingByte: offset)
    }

    /// The row whose line contains this byte offset (the file's row when it is folded).
    public func row(containingByte offset: Int) -> Int? {
        guard let f = files.firstIndex(where: { $0.byteRange.contains(offset) }) else { return nil }
        if folded.contains(f) { return fileRows[f] }
        for (h, hunk) in files[f].hunks.enumerated() where hunk.bodyRange.contains(offset) {
            let lines = lines(file: f, hunk: h)
            let i = Self.lastIndex(lines.map(\.content.lowerBound), notAbove: offset)
            return hunkRows[f][h] + 1 + i
        }
        return fileRows[f]
    }

    /// The greatest index whose value is <= x (values ascending, first value <= x).
    static func lastIndex(_ values: [Int], notAbove x: Int) -> Int {
        var lo = 0, hi = values.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if values[mid] <= x { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Hash of one file's diff bytes: the key of its viewed mark, which clears itself when the
    /// file's diff changes.
    public func hash(ofFile f: Int) -> String {
        memo.hash(f) {
            let r = reviewed
            let same = f < r.files.count && r.files[f].path == files[f].path ? f : r.files.firstIndex { $0.path == files[f].path }
            guard let i = same else { return diff.viewedMarkHash(ofFile: f) }
            return r.viewedMarkHash(ofFile: i)
        }
    }
}

/// What a document has worked out from its diff's bytes: decoded hunks (the newest 256), file
/// hashes, lower-cased paths (the drawing's own caches are the views', see `SyntaxMemo`). Every entry is a
/// pure function of the bytes, which never change, so sharing this between copies is safe;
/// the lock keeps it so when the hint scan or a test touches it from another thread.
final class DiffMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var lineCache: [Int: [DiffLine]] = [:]
    private var cacheOrder: [Int] = []
    private var fileHashes: [Int: String] = [:]
    private var paths: [[UInt8]]?
    private var byPath: [String: Int]?
    private var byName: [Substring: [Int]]?
    private var viewedCache: (marks: [String: String], files: Set<Int>)?

    func lines(_ id: Int, _ make: () -> [DiffLine]) -> [DiffLine] {
        lock.lock(); defer { lock.unlock() }
        if let cached = lineCache[id] { return cached }
        let lines = make()
        lineCache[id] = lines
        cacheOrder.append(id)
        // Keep memory bounded on huge diffs: forget the oldest decoded hunks.
        if cacheOrder.count > 256 { lineCache[cacheOrder.removeFirst()] = nil }
        return lines
    }

    func hash(_ f: Int, _ make: () -> String) -> String {
        lock.lock(); defer { lock.unlock() }
        if let h = fileHashes[f] { return h }
        let h = make()
        fileHashes[f] = h
        return h
    }

    func viewed(_ marks: [String: String], _ make: () -> Set<Int>) -> Set<Int> {
        lock.lock()
        if let c = viewedCache, c.marks == marks { lock.unlock(); return c.files }
        lock.unlock()
        // Made outside the lock: it hashes files through this memo.
        let files = make()
        lock.lock(); defer { lock.unlock() }
        viewedCache = (marks, files)
        return files
    }

    func pathIndex(_ diff: ParsedDiff) -> [String: Int] {
        lock.lock(); defer { lock.unlock() }
        if let m = byPath { return m }
        var m: [String: Int] = [:]
        for (i, f) in diff.files.enumerated() where m[f.path] == nil { m[f.path] = i }
        byPath = m
        return m
    }

    /// Files by their name (the path's last part), only the names more than one file has.
    func namesakes(_ diff: ParsedDiff) -> [Substring: [Int]] {
        lock.lock(); defer { lock.unlock() }
        if let m = byName { return m }
        // Counted first, then only the shared names kept: 2,652 Keras paths split into arrays and
        // each given a list took 10 ms, on the key that first drew a cut title.
        var count: [Substring: Int] = [:]
        let names = diff.files.map { DiffMemo.name($0.path) }
        for n in names { count[n, default: 0] += 1 }
        var m: [Substring: [Int]] = [:]
        for (i, n) in names.enumerated() where count[n]! > 1 { m[n, default: []].append(i) }
        byName = m
        return m
    }

    static func name(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
        return path[path.utf8.index(after: slash)...]
    }

    func lowercasedPaths(_ diff: ParsedDiff) -> [[UInt8]] {
        lock.lock(); defer { lock.unlock() }
        if let p = paths { return p }
        let p = diff.files.map { Array($0.path.lowercased().utf8) }
        paths = p
        return p
    }
}
