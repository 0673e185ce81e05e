import MLEReviewCore

/// Searching the diff: every match is found once per query (a byte scan), so n and N are a
/// binary search, and the status line can say which match of how many the cursor is on.
extension Workbench {
    mutating func setSearch(_ query: String) {
        // Typing a search mostly adds to it: the longer query is looked for where the last one
        // matched, when that is exact (DiffSearch.narrowed), else in the whole diff: at once in
        // a small diff, beside the key loop in a large one.
        let narrowed = search.counting ? nil : DiffSearch.narrowed(from: search.query, search.matches, to: query, in: document)
        if narrowed == nil, countsInBackground, document.diff.bytes.count >= Self.backgroundCountBytes {
            search.matches = []
            search.counting = true
            countRequest = query
        } else {
            search.matches = narrowed ?? DiffSearch.all(query, in: document)
            search.counting = false
        }
        search.query = query
        search.current = nil
    }

    /// The matches of a search counted beside the key loop: kept if it is still the search, and
    /// the status line says which of them the cursor is on.
    public mutating func searchCounted(_ query: String, _ matches: [Int]) {
        guard search.counting, search.query == query else { return }
        search.counting = false
        search.matches = matches
        guard !matches.isEmpty else { say("not found: \(query)", error: true); return }
        // The cursor went to the first match on its row.
        let from = document.byteRange(ofRow: diffPane.cursor)?.lowerBound ?? DiffSearch.offset(after: diffPane.cursor, in: document, forward: false)
        let i = min(DiffSearch.firstMatch(in: matches, atOrAfter: from), matches.count - 1)
        search.current = i
        say("\(query): \(i + 1)/\(matches.count)")
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
        if search.matches.isEmpty && !search.counting { keepCursorsVisible() } else { runSearch(forward: true) }
    }

    /// Esc in the search prompt: the cursor, the pane and the last search as they were.
    mutating func cancelSearch(_ origin: SearchOrigin) {
        returnTo(origin)
        search = origin.search
        keepCursorsVisible()
    }

    mutating func runSearch(forward: Bool) {
        guard !search.query.isEmpty else { return }
        if search.counting {
            // Still being counted: forward goes to the next match now and the count follows;
            // backward needs them all (the session waits for the count before n or N, so
            // only a workbench without one gets here).
            guard forward else {
                search.matches = DiffSearch.all(search.query, in: document)
                search.counting = false
                countRequest = nil
                return runSearch(forward: false)
            }
            let start = DiffSearch.offset(after: diffPane.cursor, in: document, forward: true)
            guard let hit = DiffSearch.first(search.query, in: document, from: start) else {
                search.counting = false
                countRequest = nil
                say("not found: \(search.query)", error: true)
                return
            }
            if let row = document.rowRevealing(byte: hit) { jumpDiff(to: row) }
            if focus != .diff { focus = .diff }
            say("\(search.query): counting matches…" + (hit < start ? " (from the top)" : ""))
            return
        }
        guard !search.matches.isEmpty else { say("not found: \(search.query)", error: true); return }
        let start = DiffSearch.offset(after: diffPane.cursor, in: document, forward: forward)
        let m = search.matches
        // The first match at or after the start (forward), or the last one before it.
        let lo = DiffSearch.firstMatch(in: m, atOrAfter: start)
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
