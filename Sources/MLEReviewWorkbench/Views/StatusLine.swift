/// The last row: the search being typed, a message, or the keys that answer (the top overlay's,
/// else the focused pane's); and on the right whether everything is saved.
enum StatusLine {
    /// What the right end says: saved, not saved, loading, or read-only (a finished review, or
    /// one opened from the log: "saved" there read as if this visit had written something).
    static func saveLabel(_ wb: Workbench) -> String {
        switch wb.loading != nil ? .failed("") : wb.saveState {
        case .saved: return wb.isReadOnly ? "read-only" : "✓ saved"
        case .failed: return wb.loading != nil ? "loading…" : wb.unsaved.isEmpty ? "✗ NOT SAVED" : "✗ \(wb.unsaved.count) NOT SAVED · Ctrl-R retry"
        }
    }

    /// The columns a message may take and still be shown whole (a longer one keeps its start).
    static func messageRoom(_ wb: Workbench) -> Int { wb.layout.width - DisplayText.columns(saveLabel(wb)) - 4 }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        let row = wb.layout.height - 1
        g.fill(row: row, role: .status)
        let saved = saveLabel(wb)
        let rightStart = wb.layout.width - DisplayText.columns(saved) - 1
        g.put(saved, row: row, col: rightStart, role: wb.saveState == .saved || wb.loading != nil ? .status : .error)
        let limit = rightStart - 1
        if let loading = wb.loading {
            g.put(" \(loading) the first lines are shown; keys wait until the review is open", row: row, col: 0, role: .status, limit: limit)
            return
        }
        if let m = wb.message {
            // A message longer than the line gives up its path's start first (the file's name and
            // what the message says of it stay), then its end; help (?) shows it whole.
            var text = m.text
            let room = messageRoom(wb)
            if DisplayText.columns(text) > room, let path = m.path, let at = text.range(of: path) {
                let width = max(16, DisplayText.columns(path) - (DisplayText.columns(text) - room))
                text.replaceSubrange(at, with: Fit.keepEnd(path, width))
            }
            if DisplayText.columns(text) > room { text = Fit.keepStart(text, max(10, limit - 16)) + " (? shows all)" }
            g.put(" " + text, row: row, col: 0, role: m.isError ? .error : .status, limit: limit)
            return
        }
        if case .failed(let text) = wb.saveState {
            g.put(" " + text, row: row, col: 0, role: .error, limit: limit)
            return
        }
        var col = 1
        // The keys that answer now: an overlay's while one is open, not the pane's beneath it.
        let scopes = wb.activeScopes
        for (key, help) in wb.keymap.footer(scopes, available: { wb.isAvailable($0, inAnyOf: scopes) }) {
            let width = DisplayText.columns(key) + DisplayText.columns(help) + 3
            if col + width > limit { break }
            col = g.put(key, row: row, col: col, role: .statusKey, limit: limit)
            col = g.put(" " + help + "  ", row: row, col: col, role: .status, limit: limit)
        }
    }
}
