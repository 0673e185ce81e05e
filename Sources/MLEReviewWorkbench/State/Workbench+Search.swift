import MLEReviewCore

/// Searching the diff: every match is found once per query (a byte scan), so n and N are a
/// binary search, and the status line can say which match of how many the cursor is on.
extension Workbench {
    mutating func setSearch(_ query: String) {
        // Typing a search mostly adds to it: the longer query is looked for where the last one
        // matched, when that is exact (DiffSearch.narrowed), else in the whole diff.
        search.matches = DiffSearch.narrowed(from: search.query, search.matches, to: query, in: document)
            ?? DiffSearch.all(query, in: document)
        search.query = query
        search.current = nil
    }

    /// The search as it is typed (as less and vim's incsearch do): from where the search started
    /// to the first match after it, every key; with nothing typed, back where it started.
    mutating func searchAsTyped() {
        if coalesceTypedSearch { typedSearchPending = true; return }
        runTypedSearch()
    }

    /// Runs the search typed since the last frame, if any (the loop calls it before drawing).
    public mutating func settleTypedSearch() {
        guard typedSearchPending else { return }
        typedSearchPending = false
        runTypedSearch()
    }

    /// Back to where a search started: the cursor, the scroll and the focused pane.
    mutating func returnTo(_ origin: SearchOrigin) {
        diffPane.cursor = origin.cursor
        diffPane.scroll = origin.scroll
        focus = origin.focus
    }

    private mutating func runTypedSearch() {
        guard let p = prompt, p.kind == .search, let origin = p.origin else { return }
        let text = p.editor.text
        guard !text.isEmpty else { cancelSearch(origin); return }
        returnTo(origin)
        if text.utf8.count <= 2 {
            // One or two characters: go to the next match; they are counted from the third, when
            // there are few enough for the count to be quick (a two-letter query stopped at every
            // third byte of a 28 MB diff: the slowest key of a typed search, 13-17 ms).
            let start = DiffSearch.offset(after: diffPane.cursor, in: document, forward: true)
            search = origin.search
            if let hit = DiffSearch.first(text, in: document, from: start), let row = document.rowRevealing(byte: hit) { jumpDiff(to: row) }
            return
        }
        setSearch(text)
        if search.matches.isEmpty { keepCursorsVisible() } else { runSearch(forward: true) }
    }

    /// Esc in the search prompt: the cursor, the pane and the last search as they were.
    mutating func cancelSearch(_ origin: SearchOrigin) {
        returnTo(origin)
        search = origin.search
        keepCursorsVisible()
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
