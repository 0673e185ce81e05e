/// Every binding of every scope, generated from the keymap the input handling uses, so it
/// cannot go stale; a remapped key shows here as it is.
enum HelpOverlay: Component {
    static let scope = Scope.help

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .help(let scroll) = wb.overlay else { return [] }
        let page = max(1, wb.layout.height - 8)
        switch action {
        case .down: wb.replace(with: .help(scroll: min(scroll + 1, maxScroll(wb))))
        case .up: wb.replace(with: .help(scroll: max(0, scroll - 1)))
        case .pageDown: wb.replace(with: .help(scroll: min(scroll + page, maxScroll(wb))))
        case .pageUp: wb.replace(with: .help(scroll: max(0, scroll - page)))
        case .close: wb.close()
        default: break
        }
        return []
    }

    static func maxScroll(_ wb: Workbench) -> Int { max(0, lines(wb.keymap, messages: wb.messageLog).count - (wb.layout.height - 6)) }

    /// (keys, help, is a heading) per line.
    static func lines(_ keymap: Keymap, messages: [Workbench.Message] = []) -> [(String, String, Bool)] {
        var out: [(String, String, Bool)] = []
        if !messages.isEmpty {
            out.append(("Messages, newest first", "", true))
            for m in messages.suffix(5).reversed() { out.append((m.isError ? "error" : "", m.text, false)) }
            out.append(("", "", false))
        }
        for scope in Scope.allCases {
            let bindings = keymap.bindings.filter { $0.scope == scope && !$0.keys.isEmpty }
            guard !bindings.isEmpty else { continue }
            out.append((scope.title, "", true))
            for b in bindings { out.append((b.keyText, b.help, false)) }
            if scope == .text { out.append(("(other keys)", "typed into the text", false)) }
            out.append(("", "", false))
        }
        out.append(("Mouse", "", true))
        out.append(("click / wheel", "focus and select / scroll the pane under the pointer", false))
        return out
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard case .help(let scroll) = wb.overlay else { return }
        let width = min(110, g.width - 4), height = g.height - 4
        let rect = Rect(row: 2, col: (g.width - width) / 2, height: height, width: width)
        PaneFrame.box(rect, title: "Keys · " + wb.keymap.footerText([.help]), into: &g)
        let inner = rect.inner
        let all = lines(wb.keymap, messages: wb.messageLog)
        let start = min(scroll, max(0, all.count - inner.height))
        let keyWidth = 24
        var r = 0, i = start
        while r < inner.height && i < all.count {
            let (keys, help, heading) = all[i]
            i += 1
            if heading {
                g.put(keys, row: inner.row + r, col: inner.col + 1, role: .paneTitleFocused)
                r += 1
                continue
            }
            g.put(keys, row: inner.row + r, col: inner.col + 3, role: .statusKey, limit: inner.col + keyWidth + 1)
            // Long help wraps under itself rather than being cut.
            for line in Wrap.words(help, width: max(10, inner.width - keyWidth - 4), maxLines: 6) where r < inner.height {
                g.put(line, row: inner.row + r, col: inner.col + keyWidth + 2, role: .overlay, limit: inner.col + inner.width)
                r += 1
            }
            if help.isEmpty { r += 1 }
        }
    }
}
