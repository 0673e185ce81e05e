import MLEReviewCore

/// The diff side by side: old on the left, new on the right, each with its own line numbers; a
/// removed line and the added line paired with it share a row, context lines show on both
/// sides. The cursor still moves over the unified rows (a removed line, then the added ones),
/// so findings, hints, search, selection and `c` work as in the unified view; the half the
/// cursor's line is on is highlighted.
enum SideBySideView {
    static func draw(_ wb: Workbench, in inner: Rect, into g: inout Grid) {
        let doc = wb.document
        let marks = wb.findingMarks.lines
        let hints = wb.hintMarks
        let half = (inner.width - 1) / 2
        let left = Rect(row: inner.row, col: inner.col, height: inner.height, width: half)
        let right = Rect(row: inner.row, col: inner.col + half + 1, height: inner.height, width: inner.width - half - 1)
        var screenRow = inner.row
        var r = wb.diffPane.scroll
        var shown: Set<Int> = []
        while screenRow < inner.row + inner.height && r < doc.rowCount {
            defer { r += 1 }
            if shown.contains(r) { continue }
            guard case .line(let f, let h, let i) = doc.row(r) else {
                _ = DiffView.drawRow(wb, r, at: screenRow, in: inner, maxLines: 1, marks: marks, hints: hints, into: &g)
                if r == wb.diffPane.cursor { g.highlight(row: screenRow, cols: inner.col..<(inner.col + inner.width), cursorHighlight(wb)) }
                screenRow += 1
                continue
            }
            let lines = doc.lines(file: f, hunk: h)
            var oldRow: Int?, newRow: Int?
            switch lines[i].kind {
            case .context: oldRow = r; newRow = r
            case .removed:
                oldRow = r
                if let p = doc.partner(of: i, in: lines) { newRow = r + (p - i); shown.insert(r + (p - i)) }
            case .added: newRow = r
            }
            g[screenRow, inner.col + half] = Cell("│", role: .paneBorder)
            for (rowID, side, rect) in [(oldRow, Location.Side.old, left), (newRow, .new, right)] {
                guard let rowID, case .line(_, _, let index) = doc.row(rowID) else { continue }
                drawHalf(wb, f, h, index, side: side, at: screenRow, in: rect, marks: marks, hints: hints, into: &g)
                let highlight: Highlight = rowID == wb.diffPane.cursor ? cursorHighlight(wb)
                    : wb.selectedRows?.contains(rowID) == true ? .selection : .none
                if highlight != .none { g.highlight(row: screenRow, cols: rect.col..<(rect.col + rect.width), highlight) }
            }
            screenRow += 1
        }
    }

    static func cursorHighlight(_ wb: Workbench) -> Highlight { wb.focus == .diff ? .cursor : .selection }

    /// One side of a row: finding marker, hint or warning marker, that side's line number, sign, content.
    static func drawHalf(_ wb: Workbench, _ f: Int, _ h: Int, _ i: Int, side: Location.Side, at row: Int, in rect: Rect,
                         marks: [String: Severity], hints: Set<String>, into g: inout Grid) {
        let doc = wb.document
        let file = doc.files[f]
        let line = doc.line(file: f, hunk: h, index: i)
        let number = side == .old ? line.oldNumber : line.newNumber
        let path = side == .old ? (file.oldPath ?? file.path) : (file.newPath ?? file.path)
        let quiet = wb.ignoreWhitespace && wb.review.source.kind != .range && doc.changesOnlyWhitespace(file: f, hunk: h, index: i)
        let role: Role = quiet ? .dim : line.kind == .added ? .diffAdded : line.kind == .removed ? .diffRemoved : .diffContext
        let nw = DiffLayout.numberWidth(wb.document, file: f)
        let end = rect.col + rect.width
        var col = rect.col
        if let n = number, let s = marks[Workbench.lineKey(path, side, n)] { g.put("●", row: row, col: col, role: s.role) }
        col += 1
        let spans = quiet ? [] : doc.spans(file: f, hunk: h, index: i, syntax: wb.diffPane.syntaxColour)
        let room = max(1, rect.width - nw - 4)
        var display = DisplayText.line(doc.diff.bytes[line.content], role: role, skip: wb.diffPane.horizontalScroll,
                                       limit: room + 1, spans: spans, mark: wb.diffPane.horizontalScroll + room - 1)
        if !wb.search.query.isEmpty { DiffView.markMatches(&display.cells, wb.search.query) }
        if display.hasWarning { g.put("!", row: row, col: col, role: .warning) }
        else if side == .new, let n = number, hints.contains(Workbench.lineKey(path, .new, n)) { g.put("◆", row: row, col: col, role: .hint) }
        col += 1
        col = g.put(DiffView.pad(number, nw) + " ", row: row, col: col, role: .lineNumber)
        col = g.put(line.kind == .added ? "+" : line.kind == .removed ? "-" : " ", row: row, col: col, role: role)
        let visible = display.cells.reduce(0) { $0 + $1.width }
        g.put(display.cells, row: row, col: col, limit: end)
        if visible > end - col { g[row, end - 1] = DiffView.edgeMarker(display, spans) }
        if !quiet && wb.diffPane.syntaxColour && line.kind != .context && doc.language(ofFile: f, hunk: h) != nil {
            g.highlight(row: row, cols: rect.col..<end, line.kind == .added ? .added : .removed)
        }
    }
}
