import MLEReviewCore

/// Searching the diff: every match is found once per query (a byte scan), so n and N are a
/// binary search, and the status line can say which match of how many the cursor is on.
extension Workbench {
    mutating func setSearch(_ query: String) {
        search.query = query
        search.matches = DiffSearch.all(query, in: document)
        search.current = nil
    }

    mutating func runSearch(forward: Bool) {
        guard !search.query.isEmpty else { return }
        guard !search.matches.isEmpty else { say("not found: \(search.query)", error: true); return }
        let start = DiffSearch.offset(after: diffPane.cursor, in: document, forward: forward)
        let m = search.matches
        // The first match at or after the start (forward), or the last one before it.
        var lo = 0, hi = m.count
        while lo < hi { let mid = (lo + hi) / 2; if m[mid] < start { lo = mid + 1 } else { hi = mid } }
        var i = forward ? lo : lo - 1
        var wrapped = false
        if i >= m.count { i = 0; wrapped = true }
        if i < 0 { i = m.count - 1; wrapped = true }
        guard let row = document.rowRevealing(byte: m[i]) else { return }
        jumpDiff(to: row)
        if focus != .diff { focus = .diff }
        search.current = i
        say("\(search.query): \(i + 1)/\(m.count)" + (wrapped ? (forward ? " (from the top)" : " (from the bottom)") : ""))
    }
}
