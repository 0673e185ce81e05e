import MLEReviewCore

/// The line typed at the bottom: a search of the diff (with its history), the file filter,
/// which narrows the file list as it is typed, or where to go (`:`).
enum PromptLine: Component {
    static let scope = Scope.prompt

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard var p = wb.prompt else { return [] }
        if action == .accept { wb.settleTypedSearch() }
        wb.typedSearchPending = false
        switch action {
        case .accept:
            wb.prompt = nil
            switch p.kind {
            case .search:
                let text = p.editor.text
                guard !text.isEmpty else { return [] }
                wb.search.history.removeAll { $0 == text }
                wb.search.history.append(text)
                if wb.search.history.count > 50 { wb.search.history.removeFirst() }
                // Typing already went to the match; Enter keeps it there and says where it is.
                if wb.search.query == text, let i = wb.search.current {
                    wb.say("\(text): \(i + 1)/\(wb.search.matches.count)")
                } else if wb.search.query == text, wb.search.counting {
                    wb.say("\(text): counting matches…")
                } else {
                    // From where the search started, as typing did.
                    if let origin = p.origin { wb.returnTo(origin) }
                    wb.setSearch(text)
                    wb.runSearch(forward: true)
                }
            case .goTo:
                wb.goTo(p.editor.text)
            case .fileFilter:
                if wb.filesPane.visible.isEmpty { wb.say("no file matches \(wb.filesPane.filter)", error: true) }
            }
        case .cancel:
            wb.prompt = nil
            if p.kind == .fileFilter { wb.applyFileFilter("") }
            if let origin = p.origin { wb.cancelSearch(origin) }
        case .historyPrevious, .historyNext:
            let h = wb.search.history
            var i = p.historyIndex ?? h.count
            i = action == .historyPrevious ? max(0, i - 1) : i + 1
            p.historyIndex = i < h.count ? i : nil
            p.editor = TextEditor(i < h.count ? h[i] : "")
            wb.prompt = p
            wb.searchAsTyped()
        default: break
        }
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard let p = wb.prompt else { return }
        let row = wb.layout.height - 1
        g.fill(row: row, role: .status)
        let label: String
        switch p.kind {
        case .search: label = "/"
        case .goTo: label = "go to: "
        case .fileFilter: label = "filter files: "
        }
        // While a search is typed: which match the cursor is on, or that there is none.
        var position = ""
        if p.kind == .search, !p.editor.text.isEmpty, wb.search.query == p.editor.text {
            position = wb.search.matches.isEmpty ? " not found" : wb.search.current.map { " \($0 + 1)/\(wb.search.matches.count)" } ?? ""
        }
        let hint = "  " + wb.keymap.footerText([.prompt]) { wb.isAvailable($0, in: .prompt) }
        let limit = wb.layout.width - DisplayText.columns(hint) - DisplayText.columns(position) - 1
        let end = g.put(label + p.editor.text, row: row, col: 0, role: .status, limit: limit)
        if end < limit { g[row, end] = Cell(" ", role: .cursor) }
        let after = g.put(position, row: row, col: end + 1, role: wb.search.matches.isEmpty ? .error : .status, limit: wb.layout.width)
        g.put(hint, row: row, col: max(after, limit + DisplayText.columns(position)), role: .hint, limit: wb.layout.width)
    }
}
