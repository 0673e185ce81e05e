/// Paths shortened to a width so that the ones on screen stay told apart. Keeping the end
/// (`…nes/reporting/nodes.py`) is right for most, but a monorepo's starters differ only at the
/// top: `spaceflights-pandas/…/nodes.py` and `spaceflights-pyspark/…/nodes.py` both read
/// `…nes/reporting/nodes.py`. Those keep the folder where they first differ instead.
enum PathFit {
    /// Each path fitted to its own width (rows differ by their counts' width).
    static func fit(_ items: [(path: String, width: Int)]) -> [String] {
        var out = items.map { Fit.keepEnd($0.path, $0.width) }
        var groups: [String: [Int]] = [:]
        for (i, shown) in out.enumerated() where shown != items[i].path { groups[shown, default: []].append(i) }
        for (_, members) in groups where members.count > 1 {
            let split = members.map { items[$0].path.split(separator: "/", omittingEmptySubsequences: false).map(String.init) }
            guard let k = (0..<(split.map(\.count).min() ?? 0)).first(where: { i in Set(split.map { $0[i] }).count > 1 }) else { continue }
            let elided = commonWordPrefix(split.map { $0[k] })
            for (m, parts) in zip(members, split) {
                out[m] = shorten(folder: (elided > 0 ? "…" : "") + String(parts[k].dropFirst(elided)), rest: Array(parts[(k + 1)...]),
                                 skipped: k > 0, width: items[m].width)
            }
        }
        return out
    }

    /// `…pandas/…/nodes.py`: the differing folder, then as much of the end as fits.
    static func shorten(folder: String, rest: [String], skipped: Bool, width: Int) -> String {
        let head = (skipped ? "…/" : "") + folder
        guard let name = rest.last else { return Fit.keepEnd(head, width) }
        var tail = name
        // Folders between it and the file name, from the file upwards, while they fit.
        for part in rest.dropLast().reversed() {
            let longer = part + "/" + tail
            guard DisplayText.columns(head) + 3 + DisplayText.columns(longer) <= width else { break }
            tail = longer
        }
        let joint = tail.count < rest.joined(separator: "/").count ? "/…/" : "/"
        let whole = head + joint + tail
        if DisplayText.columns(whole) <= width { return whole }
        // The folder that tells them apart comes first; the file name gives way.
        let gap = rest.count > 1 ? "/…/" : "/"
        let headFit = Fit.keepStart(head, max(1, width - gap.count - min(DisplayText.columns(name), width / 2)))
        return headFit + gap + Fit.keepEnd(name, max(1, width - DisplayText.columns(headFit) - gap.count))
    }

    /// How many leading characters all names share, back to a word's start (after `-`, `_` or
    /// `.`), so `spaceflights-pandas` and `spaceflights-pyspark` show `…pandas` and `…pyspark`.
    static func commonWordPrefix(_ names: [String]) -> Int {
        let all = names.map(Array.init)
        guard let first = all.first else { return 0 }
        var n = 0
        while n < first.count, all.allSatisfy({ $0.count > n && $0[n] == first[n] }) { n += 1 }
        while n > 0, !"-_.".contains(first[n - 1]) { n -= 1 }
        return n
    }
}
