/// A form in a box: one row per one-line field, a few rows for Issue and Fix, the cursor shown
/// as a reversed cell, and the keys or the validation message at the bottom.
enum FormOverlay: Component {
    static let scope = Scope.form
    static let multilineRows = 4

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .form(var form) = wb.overlay else { return [] }
        let before = form.draftText
        switch action {
        case .save: return wb.save(form)
        case .cancel:
            guard form.dirty else { return wb.discardForm() }
            wb.open(.confirm(.init(question: "Discard what you typed in \(form.title)?", detail: "The form closes and its text is gone.",
                                   effects: [], then: .discardForm)))
            return []
        case .nextField: form.focus = (form.focus + 1) % form.fields.count
        case .previousField: form.focus = (form.focus + form.fields.count - 1) % form.fields.count
        case .nextFieldOrSave:
            if form.focus == form.fields.count - 1 { return wb.save(form) }
            form.focus += 1
        case .editExternally:
            return [.editExternally(field: form.fields[form.focus].name, text: form.fields[form.focus].value)]
        case .searchChoice:
            return ChoiceSearch.start(on: &wb)
        case .nextChoice, .previousChoice:
            guard case .choice(let options, let selected) = form.fields[form.focus].input, !options.isEmpty else { return [] }
            let s = (selected + (action == .nextChoice ? 1 : options.count - 1)) % options.count
            form.fields[form.focus].input = .choice(options: options, selected: s)
            form.dirty = true
        default: return []
        }
        wb.replace(with: .form(form))
        return wb.formChanged(form, before: before)
    }

    /// A line cut into pieces of at most `width` columns, at the last space that fits when there
    /// is one; each piece with the index of its first character in the line.
    static func wrap(_ chars: [Character], width: Int) -> [(start: Int, text: String)] {
        guard !chars.isEmpty else { return [(0, "")] }
        var out: [(Int, String)] = [], start = 0
        while start < chars.count {
            var end = start, columns = 0
            while end < chars.count {
                let w = DisplayText.columns(String(chars[end]))
                if columns + w > width { break }
                columns += w
                end += 1
            }
            if end == start { end = start + 1 }
            if end < chars.count, let space = chars[start..<end].lastIndex(of: " "), space > start { end = space + 1 }
            out.append((start, String(chars[start..<end])))
            start = end
        }
        return out
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard case .form(let form) = wb.overlay else { return }
        let rows = form.fields.reduce(0) { $0 + ($1.isMultiline ? multilineRows : 1) } + 4
        // Wide enough at 120 columns for a checklist item's section and name whole
        // ("Metrics, Thresholds, and Error Analysis › Thresholds are product decisions").
        let width = min(112, g.width - 4)
        let height = min(rows + 2, g.height - 2)
        let rect = Rect(row: max(1, (g.height - height) / 2), col: (g.width - width) / 2, height: height, width: width)
        PaneFrame.box(rect, title: form.title, into: &g)
        let inner = rect.inner
        let labelWidth = min(30, max(18, form.fields.map { DisplayText.columns($0.label) }.max() ?? 0))
        var row = inner.row + 1
        let end = inner.col + inner.width - 1
        for (i, field) in form.fields.enumerated() {
            guard row < inner.row + inner.height - 2 else { break }
            let focused = i == form.focus
            g.put(String(repeating: Character(" "), count: max(0, labelWidth - field.label.count)) + field.label,
                  row: row, col: inner.col + 1, role: focused ? .paneTitleFocused : .overlay)
            let col = inner.col + labelWidth + 3
            switch field.input {
            case .choice(let options, let selected):
                let text = "◀ \(options.isEmpty ? "" : options[selected]) ▶"
                // While an option is being found, the typed text keeps its room: the option is cut.
                let search = focused ? form.choiceSearch : nil
                let unmatched = ChoiceSearch.isUnmatched(form)
                let noMatch = "  no option has it"
                let room = search.map { 4 + DisplayText.columns($0.editor.text) + 1 + (unmatched ? noMatch.count + 1 : 0) } ?? 0
                let shown = DisplayText.columns(text) > end - col - room ? Fit.keepStart(text, max(1, end - col - room)) : text
                var after = g.put(shown, row: row, col: col, role: focused ? .inputFocused : .input, limit: end)
                if let search {
                    let start = g.put("  / ", row: row, col: after, role: .overlay, limit: end)
                    after = g.put(search.editor.text, row: row, col: start, role: .overlay, limit: end)
                    let line = search.editor.lines.first ?? []
                    let cursor = start + DisplayText.columns(String(line.prefix(search.editor.col)))
                    if cursor < end { g[row, cursor].highlight = .cursor }
                    if unmatched { g.put(noMatch, row: row, col: after + 1, role: .error, limit: end) }
                } else if focused, field.name == "severity" {
                    // The list runs CRITICAL to LOW: which way is worse is not plain from ◀ ▶.
                    let k = wb.keymap
                    g.put("  \(k.key(.previousChoice, in: .choice)) more severe · \(k.key(.nextChoice, in: .choice)) less severe",
                          row: row, col: after, role: .hint, limit: end)
                }
                row += 1
            case .text(let editor) where field.isMultiline:
                // Soft-wrapped at words, so a long issue (a hint's, with its evidence) reads whole.
                let visible = multilineRows
                g.fill(rows: row..<(row + visible), cols: col..<end, role: focused ? .inputFocused : .input)
                var rows: [(line: Int, start: Int, text: String)] = []
                for (i, line) in editor.lines.enumerated() {
                    for chunk in wrap(line, width: max(1, end - col - 1)) { rows.append((i, chunk.start, chunk.text)) }
                }
                let cursorRow = rows.lastIndex { $0.line == editor.row && $0.start <= editor.col } ?? 0
                let first = focused ? max(0, cursorRow - visible + 1) : 0
                for k in 0..<visible where first + k < rows.count {
                    let shown = rows[first + k]
                    g.put(shown.text, row: row + k, col: col, role: focused ? .inputFocused : .input, limit: end)
                    if focused && first + k == cursorRow {
                        let prefix = String(shown.text.prefix(editor.col - shown.start))
                        let cursorCol = min(col + DisplayText.columns(prefix), end - 1)
                        g[row + k, cursorCol].highlight = .cursor
                    }
                }
                row += visible
            case .text(let editor):
                let visible = 1
                g.fill(rows: row..<(row + visible), cols: col..<end, role: focused ? .inputFocused : .input)
                let first = max(0, editor.row - visible + 1)
                for k in 0..<visible {
                    let lineIndex = first + k
                    guard lineIndex < editor.lines.count else { break }
                    let line = editor.lines[lineIndex]
                    // Keep the cursor in view on long lines.
                    let width = end - col - 1
                    let offset = focused && lineIndex == editor.row ? max(0, editor.col - width + 1) : 0
                    // A location's line number is at its end: a long path gives way, not the line.
                    let shown = !focused && field.name == "location" ? Fit.keepEnd(String(line), width)
                        : String(line.dropFirst(offset))
                    let after = g.put(shown, row: row + k, col: col, role: focused ? .inputFocused : .input, limit: end)
                    if focused && lineIndex == editor.row {
                        let prefix = String(line.dropFirst(offset).prefix(editor.col - offset))
                        let cursorCol = min(col + DisplayText.columns(prefix), max(col, after))
                        if cursorCol < end { g[row + k, cursorCol].highlight = .cursor }
                    }
                }
                row += visible
            }
        }
        let bottom = inner.row + inner.height - 1
        if let error = form.error {
            g.put(error, row: bottom, col: inner.col + 1, role: .error, limit: end)
        } else {
            let scopes: [Scope] = form.choiceSearch != nil ? [.choiceSearch] : form.fields[form.focus].isChoice ? [.form, .choice] : [.form]
            g.put(wb.keymap.footerText(scopes) { a in a != .nextFieldOrSave && wb.isAvailable(a, in: .form) },
                  row: bottom, col: inner.col + 1, role: .hint, limit: end)
        }
    }
}
