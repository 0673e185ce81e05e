import MLEReviewCore

/// Which changed lines of a hunk are changed only in spaces, tabs and CRs: blank lines, and lines
/// that match a line of the other side of their block (the removed lines and the added lines after
/// them) once those are squeezed out, matched in order as `git diff -w` would line them up. A
/// patch cannot be re-read with `-w`, so this is what `W` dims there. Matching by position only
/// missed every line of a file whose line endings changed along with a few edits (MLOpsPython
/// 2a22e75 rewrites a 328-line CRLF guide as 264 LF lines: nothing was dimmed).
enum WhitespaceChanges {
    /// Blocks up to this many removed × added lines are matched exactly (a longest common
    /// subsequence, a 16 MB table at most); larger ones in one greedy pass, each line to the first
    /// equal one after the last match: fewer lines dimmed, never a wrong one.
    static let maxCells = 4_000_000

    /// Indices into `lines` of the changed lines that differ only in whitespace.
    static func quiet(_ lines: [DiffLine], in bytes: [UInt8]) -> Set<Int> {
        var out = Set<Int>()
        var ids: [[UInt8]: Int] = [:]
        func id(_ key: [UInt8]) -> Int {
            if let known = ids[key] { return known }
            ids[key] = ids.count
            return ids.count - 1
        }
        var i = 0
        while i < lines.count {
            guard lines[i].kind != .context else { i += 1; continue }
            var removed: [(index: Int, id: Int)] = [], added: [(index: Int, id: Int)] = []
            while i < lines.count, lines[i].kind == .removed {
                let key = squeezed(bytes[lines[i].content])
                if key.isEmpty { out.insert(i) } else { removed.append((i, id(key))) }
                i += 1
            }
            while i < lines.count, lines[i].kind == .added {
                let key = squeezed(bytes[lines[i].content])
                if key.isEmpty { out.insert(i) } else { added.append((i, id(key))) }
                i += 1
            }
            guard !removed.isEmpty, !added.isEmpty else { continue }
            let a = removed.map(\.id), b = added.map(\.id)
            let pairs = a.count * b.count <= maxCells ? CommonSubsequence.pairs(a, b, maxCells: maxCells) : inOrder(a, b)
            for (x, y) in pairs { out.insert(removed[x].index); out.insert(added[y].index) }
        }
        return out
    }

    static func squeezed(_ bytes: ArraySlice<UInt8>) -> [UInt8] { bytes.filter { $0 != 32 && $0 != 9 && $0 != 13 } }

    /// Each line of `a` paired with the first equal line of `b` after the previous pair.
    static func inOrder(_ a: [Int], _ b: [Int]) -> [(Int, Int)] {
        var positions: [Int: [Int]] = [:]
        for (j, v) in b.enumerated() { positions[v, default: []].append(j) }
        var next: [Int: Int] = [:]
        var out: [(Int, Int)] = []
        var last = -1
        for (k, v) in a.enumerated() {
            guard let list = positions[v] else { continue }
            var p = next[v] ?? 0
            while p < list.count && list[p] <= last { p += 1 }
            next[v] = p
            guard p < list.count else { continue }
            last = list[p]
            out.append((k, last))
        }
        return out
    }
}
