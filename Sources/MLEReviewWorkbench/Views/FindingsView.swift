import MLEReviewCore

/// Findings by severity with their location; proposed ones marked for a decision, dismissed and
/// resolved ones dimmed at the end.
enum FindingsView {
    static func draw(_ wb: Workbench, into g: inout Grid) {
        let rect = wb.layout.findings
        let rows = wb.findingsRows
        let list = wb.review.findings
        let open = list.filter { $0.status == .open }.count, proposed = list.filter { $0.status == .proposed }.count
        let hints = wb.liveHints.count
        var title = "Findings \(open) open"
        if proposed > 0 { title += ", \(proposed) proposed" }
        if hints > 0 { title += " · \(hints) hint\(hints == 1 ? "" : "s")" }
        if wb.findingsPane.filter != .all { title += " · showing \(wb.findingsPane.filter.rawValue)" }
        let selected = wb.selectedFindingRows
        if let selected { title += " · selecting \(selected.count)" }
        PaneFrame.draw(rect, title: title, focused: wb.focus == .findings, into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width
        if rows.isEmpty {
            let empty = wb.findingsPane.filter != .all ? "Nothing \(wb.findingsPane.filter.rawValue): \(wb.keymap.key(.filterFindings, in: .findings)) shows the others."
                : "No findings yet: \(wb.keymap.key(.newFinding, in: .diff)) on a diff line writes one."
            g.put(empty, row: inner.row, col: inner.col + 1, role: .hint, limit: end)
            return
        }
        for r in 0..<inner.height {
            let i = wb.findingsPane.scroll + r
            guard i < rows.count else { break }
            let row = inner.row + r
            switch rows[i] {
            case .finding(let f):
                let live = f.status == .open || f.status == .proposed
                var col = g.put(f.severity.rawValue.padding(9), row: row, col: inner.col, role: live ? f.severity.role : .dim)
                if f.status != .open { col = g.put("(\(f.statusLabel)) ", row: row, col: col, role: f.status == .proposed ? .warning : .dim) }
                if f.isOutdated { col = g.put("(outdated) ", row: row, col: col, role: .warning) }
                else if wb.document.rowCount > 0 && !wb.isInDiff(f.location) { col = g.put("(not in the diff) ", row: row, col: col, role: .warning) }
                col = putLocation(f.location.shown, row: row, col: col, width: inner.width, end: end, into: &g)
                col = g.put(f.title, row: row, col: col, role: live ? .text : .dim, limit: end)
                // With more than one reviewer, whose finding it is.
                if wb.review.reviewers.count > 1, let author = f.author { g.put("  — \(author)", row: row, col: col, role: .dim, limit: end) }
            case .testRun(let t):
                let failing = t.outcome.isFailure && !t.isExplained
                var col = g.put((t.ran == nil ? "▷ run    " : "▶ run    "), row: row, col: inner.col, role: failing ? .error : .hint)
                col = g.put(t.outcome.rawValue + " ", row: row, col: col, role: failing ? .error : .dim)
                g.put("\(t.command)  \(t.summary)" + (t.isExplained ? "  (explained)" : "") + (t.ran != nil ? "  (Enter: output)" : t.importedFrom.map { "  (reported by \($0))" } ?? "  (reported)"),
                      row: row, col: col, role: .dim, limit: end)
            case .hint(let h):
                var col = g.put(h.waiver == nil ? "◆ hint   " : "◇ waived ", row: row, col: inner.col, role: .hint)
                col = g.put(h.rule + " ", row: row, col: col, role: h.waiver == nil ? h.severity.role : .dim)
                col = putLocation(h.location.description, row: row, col: col, width: inner.width, end: end, into: &g)
                // The keys only where they work: a read-only review (finished, or opened from the log) takes none.
                let note = h.waiver.map { "  (waived in the code: \($0))" }
                    ?? (wb.isReadOnly ? "" : "  (\(wb.keymap.key(.acceptFinding, in: .findings)): take, \(wb.keymap.key(.dismissFinding, in: .findings)): dismiss)")
                g.put(h.title + note, row: row, col: col, role: h.waiver == nil ? .hint : .dim, limit: end)
            case .dismissedHint(let h):
                var col = g.put("◇ hint   ", row: row, col: inner.col, role: .dim)
                let why = Finding.statusLabel(.dismissed, dismissal: wb.hintDismissalReasons[h.key])
                col = g.put("(\(why)) \(h.rule) ", row: row, col: col, role: .dim)
                col = putLocation(h.location.description, row: row, col: col, width: inner.width, end: end, into: &g)
                g.put(h.title + (wb.isReadOnly ? "" : "  (\(wb.keymap.key(.acceptFinding, in: .findings)): bring back)"), row: row, col: col, role: .dim, limit: end)
            }
            if i == wb.findingsPane.cursor { g.highlight(row: row, cols: inner.col..<end, wb.focus == .findings ? .cursor : .selection) }
            else if selected?.contains(i) == true { g.highlight(row: row, cols: inner.col..<end, .selection) }
        }
    }

    /// `path:line` cut from the left to a third of the pane (at least 12 columns), then two blanks.
    private static func putLocation(_ location: String, row: Int, col: Int, width: Int, end: Int, into g: inout Grid) -> Int {
        g.put(Fit.keepEnd(location, min(DisplayText.columns(location), max(12, width / 3))) + "  ", row: row, col: col, role: .lineNumber, limit: end)
    }
}
