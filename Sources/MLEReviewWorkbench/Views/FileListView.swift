import MLEReviewCore

/// Files with status, +/- counts, a viewed mark and a marker where findings sit.
enum FileListView {
    static func draw(_ wb: Workbench, into g: inout Grid) {
        let rect = wb.layout.files
        let files = wb.document.files
        let viewed = wb.viewedCount
        // The first bytes of a large diff hold its first files only: no count that would be wrong.
        let title = wb.diffIsPartial ? "Files · loading…"
            : wb.filesPane.filter.isEmpty ? "Files \(viewed)/\(files.count) viewed"
            : "Files \(wb.filesPane.visible.count)/\(files.count) · \"\(wb.filesPane.filter)\""
        PaneFrame.draw(rect, title: title, focused: wb.focus == .files, into: &g)
        let inner = rect.inner
        let marks = wb.findingMarks.files
        for r in 0..<inner.height {
            let position = wb.filesPane.scroll + r
            guard position < wb.filesPane.visible.count else { break }
            let i = wb.filesPane.visible[position]
            let f = files[i]
            let row = inner.row + r
            let counts = "+\(f.additions) -\(f.deletions)"
            let status = statusLetter(f)
            var col = inner.col
            col = g.put(wb.isViewed(file: i) ? "✓" : " ", row: row, col: col, role: .itemPass)
            if let s = marks[f.path] { g.put("●", row: row, col: col, role: s.role) } else { g.put(" ", row: row, col: col) }
            col += 1
            col = g.put(status + " ", row: row, col: col, role: status == "D" ? .diffRemoved : status == "A" ? .diffAdded : .text)
            let countsCol = inner.col + inner.width - counts.count
            g.put(Fit.keepEnd(f.path, countsCol - col - 1), row: row, col: col, limit: countsCol - 1)
            g.put("+\(f.additions)", row: row, col: countsCol, role: .diffAdded)
            g.put(" -\(f.deletions)", row: row, col: countsCol + "+\(f.additions)".count, role: .diffRemoved)
            if position == wb.filesPane.cursor { g.highlight(row: row, cols: inner.col..<(inner.col + inner.width), wb.focus == .files ? .cursor : .selection) }
        }
    }

    static func statusLetter(_ f: DiffFile) -> String {
        switch f.status {
        case .added: return "A"
        case .deleted: return "D"
        case .modified: return "M"
        case .renamed: return "R"
        case .copied: return "C"
        case .modeChange: return "T"
        }
    }
}
