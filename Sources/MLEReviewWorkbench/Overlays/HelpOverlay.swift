import MLEReviewCore

/// Every binding of every scope, generated from the keymap the input handling uses, so it
/// cannot go stale; a remapped key shows here as it is.
enum HelpOverlay: Component {
    static let scope = Scope.help

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .help(let scroll) = wb.overlay else { return [] }
        let page = max(1, wb.layout.height - 7)
        let most = maxScroll(wb)
        if let top = OverlayScroll.top(after: action, from: min(scroll, most), page: page, most: most) {
            wb.replace(with: .help(scroll: top))
            return []
        }
        switch action {
        case .search:
            wb.helpFilter = HelpFilter(editor: TextEditor(wb.helpFilter?.editor.text ?? "", multiline: false), typing: true)
        case .accept:
            wb.helpFilter?.typing = false
            if wb.helpFilter?.words.isEmpty == true { wb.helpFilter = nil }
        case .cancel:
            wb.helpFilter = nil
            wb.replace(with: .help(scroll: 0))
        case .close where wb.helpFilter != nil:
            // Esc, q or ? over a kept filter clears it first.
            return perform(.cancel, on: &wb)
        case .close:
            wb.close()
        default: break
        }
        return []
    }

    static func maxScroll(_ wb: Workbench) -> Int { max(0, rows(wb).count - (wb.layout.height - 6)) }

    static func width(_ screen: Int) -> Int { min(110, screen - 4) }
    static let keyWidth = 24

    /// The lines as screen rows, help wrapped under itself: scrolling moves by rows, so a page
    /// down never skips one.
    static func rows(_ wb: Workbench) -> [(String, String, Bool)] {
        let textWidth = max(10, width(wb.layout.width) - 2 - keyWidth - 4)
        var out: [(String, String, Bool)] = []
        let all = lines(wb.keymap, messages: wb.messageLog, warnings: wb.parseWarnings)
        for (keys, help, heading) in wb.helpFilter.map({ $0.narrow(all) }) ?? all {
            if heading { out.append((keys, help, true)); continue }
            for (i, line) in Wrap.words(help, width: textWidth, maxLines: 8).enumerated() { out.append((i == 0 ? keys : "", line, false)) }
        }
        return out
    }

    /// (keys, help, is a heading) per line.
    static func lines(_ keymap: Keymap, messages: [Workbench.Message] = [], warnings: [ParseWarning] = []) -> [(String, String, Bool)] {
        var out: [(String, String, Bool)] = []
        if !messages.isEmpty {
            out.append(("Messages, newest first", "", true))
            for m in messages.suffix(5).reversed() { out.append((m.isError ? "error" : "", m.text, false)) }
            out.append(("", "", false))
        }
        // The status line names the first and sends here for all of them.
        if !warnings.isEmpty {
            out.append(("Warnings in the diff", "", true))
            for w in warnings { out.append((w.line > 0 ? "line \(w.line)" : "", w.message, false)) }
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
        let width = width(g.width), height = g.height - 4
        let rect = Rect(row: 2, col: (g.width - width) / 2, height: height, width: width)
        let all = rows(wb)
        let inner = rect.inner
        let start = min(scroll, max(0, all.count - inner.height))
        let where_ = all.count > inner.height ? " \(start + 1)-\(min(all.count, start + inner.height))/\(all.count)" : ""
        let scopes = wb.activeScopes
        let keys = wb.keymap.footerText(scopes) { wb.isAvailable($0, inAnyOf: scopes) }
        var title = "Keys\(where_) · " + keys
        if let f = wb.helpFilter {
            // What it is narrowed to stays in the title, with a cursor while it is typed.
            title = "Keys /\(f.editor.text)\(f.typing ? "▏" : "")\(all.isEmpty ? " (nothing matches)" : where_) · " + keys
        }
        PaneFrame.box(rect, title: title, into: &g)
        for (r, (keys, help, heading)) in all.dropFirst(start).prefix(inner.height).enumerated() {
            if heading {
                g.put(keys, row: inner.row + r, col: inner.col + 1, role: .paneTitleFocused)
                continue
            }
            g.put(keys, row: inner.row + r, col: inner.col + 3, role: .statusKey, limit: inner.col + keyWidth + 1)
            g.put(help, row: inner.row + r, col: inner.col + keyWidth + 2, role: .overlay, limit: inner.col + inner.width)
        }
    }
}

/// The words help is narrowed to: a line stays when it has them all (in any case), in its keys,
/// its words or its heading; a heading stays with the lines it keeps.
public struct HelpFilter: Equatable, Sendable {
    public var editor: TextEditor
    public var typing: Bool

    var words: [String] { editor.text.lowercased().split(separator: " ").map(String.init) }

    func narrow(_ lines: [(String, String, Bool)]) -> [(String, String, Bool)] {
        let words = words
        guard !words.isEmpty else { return lines }
        var out: [(String, String, Bool)] = [], heading: (String, String, Bool)?
        for line in lines {
            if line.2 { heading = line; continue }
            let text = (line.0 + " " + line.1 + " " + (heading?.0 ?? "")).lowercased()
            guard !line.1.isEmpty, words.allSatisfy(text.contains) else { continue }
            if let h = heading { out.append(h); heading = nil }
            out.append(line)
        }
        return out
    }
}
