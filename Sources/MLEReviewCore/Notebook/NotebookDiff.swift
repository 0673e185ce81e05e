/// A notebook's change as cells: each changed, added, removed or moved cell becomes one hunk of
/// a unified diff whose lines are the cell's source (not JSON) and whose line numbers are the raw
/// `.ipynb` lines, so everything that reads diffs (the view, findings, exports) works unchanged.
public enum NotebookDiff {
    public enum Change: String, Sendable { case modified, added, removed, moved }

    public struct Entry: Sendable {
        public var old: Int?
        public var new: Int?
        public var change: Change
    }

    /// Pairs cells: unchanged in order (longest common subsequence of whole cells), then the same
    /// cell elsewhere (moved), then what is left in each gap, in order (modified), then the rest.
    public static func match(_ a: Notebook, _ b: Notebook) -> [Entry] {
        let x = a.cells.map(\.key), y = b.cells.map(\.key)
        let pairs = lcs(x, y)
        var usedOld = Set(pairs.map(\.0)), usedNew = Set(pairs.map(\.1))
        var out: [Entry] = []
        var unchanged: [Int: Int] = [:]
        for (i, j) in pairs { unchanged[j] = i }
        // Moved: the same cell, out of order.
        for j in y.indices where !usedNew.contains(j) {
            if let i = x.indices.first(where: { !usedOld.contains($0) && x[$0] == y[j] }) {
                usedOld.insert(i); usedNew.insert(j)
                out.append(Entry(old: i, new: j, change: .moved))
            }
        }
        // In each gap between unchanged cells, what is left on both sides pairs up in order.
        var anchors = pairs
        anchors.append((x.count, y.count))
        var prev = (-1, -1)
        for (ai, aj) in anchors {
            let olds = ((prev.0 + 1)..<ai).filter { !usedOld.contains($0) }
            let news = ((prev.1 + 1)..<aj).filter { !usedNew.contains($0) }
            for k in 0..<max(olds.count, news.count) {
                let o = k < olds.count ? olds[k] : nil, n = k < news.count ? news[k] : nil
                if let o, let n, a.cells[o].kind == b.cells[n].kind {
                    out.append(Entry(old: o, new: n, change: .modified))
                } else {
                    if let o { out.append(Entry(old: o, new: nil, change: .removed)) }
                    if let n { out.append(Entry(old: nil, new: n, change: .added)) }
                }
                if let o { usedOld.insert(o) }
                if let n { usedNew.insert(n) }
            }
            prev = (ai, aj)
        }
        // A removed and an added cell that share a good part of their lines are one cell, edited.
        for r in out.indices where out[r].change == .removed {
            let oldCell = a.cells[out[r].old!]
            let best = out.indices.filter { out[$0].change == .added && b.cells[out[$0].new!].kind == oldCell.kind }
                .map { ($0, similarity(oldCell.source, b.cells[out[$0].new!].source)) }
                .max { $0.1 < $1.1 }
            if let (k, score) = best, score >= 0.3 {
                out[k] = Entry(old: out[r].old, new: out[k].new, change: .modified)
                out[r].change = .moved // placeholder, dropped below
                out[r].new = -1
            }
        }
        out.removeAll { $0.new == -1 }
        // Outputs can change under unchanged source: that is a change too.
        for (j, i) in unchanged where a.cells[i].outputs != b.cells[j].outputs {
            out.append(Entry(old: i, new: j, change: .modified))
        }
        return out.sorted { ($0.new ?? $0.old ?? 0, $0.old ?? 0) < ($1.new ?? $1.old ?? 0, $1.old ?? 0) }
    }

    /// The file's section of a unified diff, as cells. Nil when raw line numbers are unknown for
    /// some changed cell (the caller keeps the JSON diff then).
    public static func section(path: String, old: Notebook?, new: Notebook?, header: String) -> String? {
        let a = old ?? Notebook(cells: []), b = new ?? Notebook(cells: [])
        var out = header
        for e in match(a, b) {
            let oc = e.old.map { a.cells[$0] }, nc = e.new.map { b.cells[$0] }
            if let oc, oc.lines.count != oc.source.count { return nil }
            if let nc, nc.lines.count != nc.source.count { return nil }
            let oldLines = oc?.source ?? [], newLines = nc?.source ?? []
            if oldLines.isEmpty && newLines.isEmpty { continue }
            var body: [String] = []
            var oldCount = 0, newCount = 0
            for op in lineDiff(oldLines, newLines) {
                switch op {
                case .same(let t): body.append(" " + t); oldCount += 1; newCount += 1
                case .removed(let t): body.append("-" + t); oldCount += 1
                case .added(let t): body.append("+" + t); newCount += 1
                }
            }
            let oldStart = oc?.lines.first ?? 0, newStart = nc?.lines.first ?? 0
            let label = "cell " + (e.old.map { String($0 + 1) } ?? "–") + "→" + (e.new.map { String($0 + 1) } ?? "–")
                + " · \((nc ?? oc)!.kind) · \(e.change.rawValue)" + outputsNote(oc?.outputs ?? [], nc?.outputs ?? [])
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@ \(label)\n"
            out += body.map { $0 + "\n" }.joined()
        }
        return out
    }

    /// Shared lines over the longer cell's lines.
    static func similarity(_ a: [String], _ b: [String]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        let shared = lcs(a, b).filter { !a[$0.0].trimmingSpaces().isEmpty }.count
        return Double(shared) / Double(max(a.count, b.count))
    }

    static func outputsNote(_ a: [String], _ b: [String]) -> String {
        guard a != b else { return "" }
        if b.isEmpty { return " · outputs cleared" }
        let shown = b.prefix(2).joined(separator: "; ")
        return " · outputs: " + shown + (b.count > 2 ? "; +\(b.count - 2) more" : "") + (a.isEmpty ? "" : " (were: \(a.prefix(1).joined()))")
    }

    enum Op { case same(String), removed(String), added(String) }

    /// Line diff by longest common subsequence (cells are short).
    static func lineDiff(_ a: [String], _ b: [String]) -> [Op] {
        let pairs = lcs(a, b)
        var ops: [Op] = []
        var i = 0, j = 0
        for (pi, pj) in pairs + [(a.count, b.count)] {
            while i < pi { ops.append(.removed(a[i])); i += 1 }
            while j < pj { ops.append(.added(b[j])); j += 1 }
            if pi < a.count { ops.append(.same(a[pi])); i += 1; j += 1 }
        }
        return ops
    }

    static func lcs(_ a: [String], _ b: [String]) -> [(Int, Int)] { CommonSubsequence.pairs(a, b) }
}
