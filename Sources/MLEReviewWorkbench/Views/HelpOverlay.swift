/// Every key, generated from the keymap the input handling uses, so it cannot go stale.
enum HelpOverlay {
    static func lines() -> [(String, String, Bool)] {
        var out: [(String, String, Bool)] = []
        let groups: [(String, [Pane])] = [("Everywhere", []), ("Files", [.files]), ("Diff", [.diff]),
                                          ("Checklist", [.checklist]), ("Findings", [.findings])]
        for (name, panes) in groups {
            let bindings = Keymap.bindings.filter { panes.isEmpty ? $0.panes.isEmpty : $0.panes.contains(panes[0]) }
            guard !bindings.isEmpty else { continue }
            out.append((name, "", true))
            for b in bindings { out.append((b.keys.map(\.description).joined(separator: " "), b.help, false)) }
            out.append(("", "", false))
        }
        out.append(("Forms", "", true))
        for (k, h) in [("Tab Shift-Tab", "next / previous field"), ("Ctrl-S", "save (Enter on the last one-line field too)"),
                       ("Esc", "cancel (asks first when something was typed)"), ("← →", "change a choice"),
                       ("Ctrl-A Ctrl-E Home End", "start / end of line"), ("Ctrl-W Ctrl-U Ctrl-K", "delete word / to start / to end"),
                       ("Enter", "new line in Issue and Fix")] {
            out.append((k, h, false))
        }
        out.append(("", "", false))
        out.append(("Mouse", "", true))
        out.append(("click / wheel", "focus and select / scroll", false))
        return out
    }

    static func draw(scroll: Int, into g: inout Grid) {
        let width = min(104, g.width - 4), height = g.height - 4
        let rect = Rect(row: 2, col: (g.width - width) / 2, height: height, width: width)
        PaneFrame.box(rect, title: "Keys · j/k scroll · Esc close", into: &g)
        let inner = rect.inner
        let all = lines()
        let start = min(scroll, max(0, all.count - inner.height))
        for r in 0..<inner.height {
            let i = start + r
            guard i < all.count else { break }
            let (keys, help, heading) = all[i]
            if heading {
                g.put(keys, row: inner.row + r, col: inner.col + 1, role: .paneTitleFocused)
            } else {
                g.put(keys, row: inner.row + r, col: inner.col + 3, role: .statusKey, limit: inner.col + 25)
                g.put(help, row: inner.row + r, col: inner.col + 26, role: .overlay, limit: inner.col + inner.width)
            }
        }
    }
}
