import MLEReviewCore

/// The diff: per line a finding marker, a warning marker, old and new numbers, the sign and the
/// content, made safe and clipped (or wrapped) to the pane. Only rows on screen are decoded.
enum DiffView {
    static func draw(_ wb: Workbench, into g: inout Grid) {
        let rect = wb.layout.diff
        let doc = wb.document
        // The mode goes last and is never cut: the path gives way to it.
        let sideBySide = wb.diffPane.sideBySide && DiffLayout.sideBySideFits(wb.layout)
        var mode = wb.diffPane.selectionAnchor != nil ? " · selecting" : ""
        if wb.diffPane.sideBySide { mode += sideBySide ? " · side by side" : " · unified: too narrow for side by side" }
        var title = "Diff"
        if !doc.files.isEmpty, doc.rowCount > 0 {
            let f = doc.row(wb.diffPane.cursor).file
            let place = wb.diffIsPartial ? "" : "\(f + 1)/\(doc.files.count) "
            title = "Diff · \(place)\(fittedPath(doc, f, width: max(10, rect.width - 30 - mode.count)))"
        }
        title += mode
        PaneFrame.draw(rect, title: title, focused: wb.focus == .diff, into: &g)
        let inner = rect.inner
        guard doc.rowCount > 0 else {
            g.put("The diff is empty.", row: inner.row, col: inner.col + 1, role: .hint)
            return
        }
        if sideBySide {
            SideBySideView.draw(wb, in: inner, into: &g)
            return
        }
        let marks = wb.findingMarks.lines
        let hintMarks = wb.hintMarks
        let others = wb.others.isEmpty ? [:] : wb.otherCursors
        var screenRow = inner.row
        var r = wb.diffPane.scroll
        while screenRow < inner.row + inner.height && r < doc.rowCount {
            let used = drawRow(wb, r, at: screenRow, in: inner, maxLines: inner.row + inner.height - screenRow, marks: marks, hints: hintMarks, into: &g)
            // The other reviewer's cursor: their initial just before the +/- column.
            if let name = others[r], let initial = name.first {
                g.put(String(initial), row: screenRow, col: inner.col + DiffLayout.gutterWidth(wb.document, file: doc.row(r).file) - 2, role: .warning)
            }
            var h: Highlight = r == wb.diffPane.cursor ? (wb.focus == .diff ? .cursor : .selection) : (wb.selectedRows?.contains(r) == true ? .selection : .none)
            // Under syntax colour a line's kind is its background (where the terminal can show one).
            if h == .none, wb.diffPane.syntaxColour, case .line(let f, let hk, let i) = doc.row(r), doc.language(ofFile: f, hunk: hk) != nil {
                let kind = doc.line(file: f, hunk: hk, index: i).kind
                if kind != .context { h = kind == .added ? .added : .removed }
            }
            if h != .none {
                for k in 0..<used { g.highlight(row: screenRow + k, cols: inner.col..<(inner.col + inner.width), h) }
            }
            screenRow += used
            r += 1
        }
    }

    /// Draws row `r`; returns how many screen lines it used.
    static func drawRow(_ wb: Workbench, _ r: Int, at row: Int, in inner: Rect, maxLines: Int,
                        marks: [String: Severity], hints: Set<String> = [], into g: inout Grid) -> Int {
        let doc = wb.document
        let end = inner.col + inner.width
        switch doc.row(r) {
        case .file(let f):
            let file = doc.files[f]
            var text = "\(FileListView.statusLetter(file)) "
            switch file.status {
            case .renamed, .copied: text += "\(file.oldPath ?? "") → \(file.newPath ?? "")"
            default: text += file.path
            }
            text += file.isBinary ? "  binary" : "  +\(file.additions) -\(file.deletions)"
            if let s = file.similarity, file.status == .renamed || file.status == .copied { text += "  \(s)% similar" }
            if !file.isBinary, let change = doc.lineEndingChange(file: f) {
                text += "  line endings \(change) (\(wb.keymap.key(.toggleWhitespace, in: .diff)) dims lines changed only so)"
            }
            if wb.isViewed(file: f) { text += "  ✓ viewed" } else if wb.changedSinceViewed(file: f) { text += "  Δ changed since viewed" }
            g.fill(row: row, from: inner.col, to: end, role: .fileHeader)
            g.put("━ " + text, row: row, col: inner.col, role: .fileHeader, limit: end)
        case .noHunks(let f):
            g.put("  " + emptyReason(doc.files[f]), row: row, col: inner.col, role: .hint, limit: end)
        case .folded(let f):
            let file = doc.files[f]
            let lines = file.hunks.reduce(0) { $0 + $1.lineCount }
            let why = wb.isViewed(file: f) ? "viewed" : DiffDocument.shouldFold(file) && lines <= DiffDocument.foldLines ? "generated, vendored or lock file" : "large diff"
            g.put("  ▸ folded: \(lines) lines in \(file.hunks.count) hunk\(file.hunks.count == 1 ? "" : "s") (\(why)); Enter shows them",
                  row: row, col: inner.col, role: .hint, limit: end)
        case .hunk(let f, let h):
            let hunk = doc.files[f].hunks[h]
            var text = "@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@"
            let section = DisplayText.line(doc.diff.bytes[hunk.sectionRange], role: .hunkHeader, limit: max(0, inner.width - text.count - 1))
            text += section.cells.isEmpty ? "" : " "
            let col = g.put(text, row: row, col: inner.col, role: .hunkHeader, limit: end)
            g.put(section.cells, row: row, col: col, limit: end)
            if hunk.isTruncated { g.put("  (truncated)", row: row, col: col + section.cells.count, role: .warning, limit: end) }
        case .line(let f, let h, let i):
            let line = doc.line(file: f, hunk: h, index: i)
            let file = doc.files[f]
            let nw = DiffLayout.numberWidth(wb.document, file: f)
            let quiet = wb.ignoreWhitespace && wb.review.source.kind != .range && doc.changesOnlyWhitespace(file: f, hunk: h, index: i)
            let role: Role = quiet ? .dim : line.kind == .added ? .diffAdded : line.kind == .removed ? .diffRemoved : .diffContext
            let sign: String = line.kind == .added ? "+" : line.kind == .removed ? "-" : " "
            let gutter = DiffLayout.gutterWidth(wb.document, file: f)
            let contentWidth = max(1, inner.width - gutter)
            let skip = wb.diffPane.wrap ? 0 : wb.diffPane.horizontalScroll
            let limit = wb.diffPane.wrap ? contentWidth * maxLines : contentWidth + 1
            let spans = quiet ? [] : doc.spans(file: f, hunk: h, index: i, syntax: wb.diffPane.syntaxColour)
            var display = DisplayText.line(doc.diff.bytes[line.content], role: role, skip: skip, limit: limit, spans: spans,
                                           mark: wb.diffPane.wrap ? Int.max : skip + contentWidth - 1)

            if !wb.search.query.isEmpty { markMatches(&display.cells, wb.search.query) }
            // Markers: the worst finding on this line, then a warning for hidden characters.
            let path = line.kind == .removed ? (file.oldPath ?? file.path) : (file.newPath ?? file.path)
            let number = line.kind == .removed ? line.oldNumber : line.newNumber
            let side: Location.Side = line.kind == .removed ? .old : .new
            var col = inner.col
            if let n = number, let s = marks[Workbench.lineKey(path, side, n)] ?? (line.kind == .context ? line.oldNumber.flatMap { marks[Workbench.lineKey(file.oldPath ?? path, .old, $0)] } : nil) {
                g.put("●", row: row, col: col, role: s.role)
            }
            col += 1
            if display.hasWarning { g.put("!", row: row, col: col, role: .warning) }
            else if let n = line.newNumber, line.kind != .removed, hints.contains(Workbench.lineKey(path, .new, n)) { g.put("◆", row: row, col: col, role: .hint) }
            col += 1
            col = g.put(pad(line.oldNumber, nw) + " ", row: row, col: col, role: .lineNumber)
            col = g.put(pad(line.newNumber, nw) + " ", row: row, col: col, role: .lineNumber)
            col = g.put(sign, row: row, col: col, role: role)
            if !wb.diffPane.wrap {
                let cells = display.cells
                let visible = cells.reduce(0) { $0 + $1.width }
                g.put(cells, row: row, col: col, limit: end)
                if visible > contentWidth { g[row, end - 1] = edgeMarker(display, spans) }
                else if line.missingNewline { g.put("  (no newline at end of file)", row: row, col: col + visible, role: .hint, limit: end) }
                return 1
            }
            var used = 0, k = 0
            let cells = display.cells
            repeat {
                var c = col
                while k < cells.count && c + cells[k].width <= end {
                    g.put([cells[k]], row: row + used, col: c)
                    c += cells[k].width
                    k += 1
                }
                used += 1
            } while k < cells.count && used < maxLines
            return used
        }
        return 1
    }

    /// The file's path cut to the title's room, told apart from other files of the diff whose
    /// ends read the same (two starters' `…/pipelines/reporting/nodes.py`), as the file list does.
    static func fittedPath(_ doc: DiffDocument, _ f: Int, width: Int) -> String {
        let path = doc.files[f].path
        let shown = Fit.keepEnd(path, width)
        guard shown != path else { return shown }
        // Only files of the same name can read the same; those are indexed once per diff (a scan
        // of every path each frame made `]` three times slower on the Keras diff).
        let namesakes = doc.namesakes(of: f)
        guard !namesakes.isEmpty else { return shown }
        let tail = shown.dropFirst()
        let alike = namesakes.lazy.filter { doc.files[$0].path.hasSuffix(tail) }.prefix(8).map { (doc.files[$0].path, width) }
        return alike.isEmpty ? shown : PathFit.fit([(path, width)] + alike)[0]
    }

    /// The `›` that ends a cut line, in the changed-word colour when a changed word is cut off:
    /// a CSV row whose label changed at its end otherwise shows the same text on both sides.
    static func edgeMarker(_ display: DisplayText.Line, _ spans: [Lexer.Span]) -> Cell {
        let hidden = display.byteAtMark ?? Int.max
        let cut = spans.last { ($0.role == .diffAddedWord || $0.role == .diffRemovedWord) && $0.range.upperBound > hidden }
        return Cell("›", role: cut?.role ?? .hint)
    }

    /// Gives the cells of every occurrence of the search the match role (smart case, as the search).
    static func markMatches(_ cells: inout [DisplayCell], _ query: String) {
        let exact = query.contains { $0.isUppercase }
        let needle = Array(exact ? query : query.lowercased())
        guard !needle.isEmpty, cells.count >= needle.count else { return }
        let texts = cells.map { exact ? $0.text : $0.text.lowercased() }
        var i = 0
        while i + needle.count <= texts.count {
            if (0..<needle.count).allSatisfy({ texts[i + $0] == String(needle[$0]) }) {
                for k in i..<(i + needle.count) { cells[k].role = .searchMatch }
                i += needle.count
            } else {
                i += 1
            }
        }
    }

    static func pad(_ n: Int?, _ width: Int) -> String {
        let s = n.map(String.init) ?? ""
        return String(repeating: Character(" "), count: max(0, width - s.count)) + s
    }

    static func emptyReason(_ f: DiffFile) -> String {
        if f.isCombined { return "(merge diff: combined hunks are not shown)" }
        if f.isBinary { return "(binary file: no text to show; file-level findings only)" }
        switch f.status {
        case .modeChange: return "(mode \(f.oldMode ?? "?") → \(f.newMode ?? "?"), no content change)"
        case .renamed, .copied: return "(\(f.status.rawValue), no content change)"
        case .added: return "(new empty file)"
        case .deleted: return "(deleted empty file)"
        case .modified: return "(no content change)"
        }
    }
}
