/// A box of wrapped lines in the middle of the screen, as the verdict and a finding read whole
/// show them: its title says which lines show when they do not all fit, then the keys.
enum ScrolledText {
    typealias Line = (text: String, role: Role, indent: Int)

    static func width(_ screen: Int) -> Int { min(100, screen - 4) }

    /// The first line shown after a move over `count` lines, or nil when the action is no move.
    static func moved(_ action: Action, from scroll: Int, count: Int, screenHeight: Int) -> Int? {
        let page = max(1, screenHeight - 8)
        let most = max(0, count - page)
        return OverlayScroll.top(after: action, from: min(scroll, most), page: page, most: most)
    }

    /// How a line of git's diff output is drawn, as the diff pane draws its kind of line.
    static func diffRole(_ line: String) -> Role {
        line.hasPrefix("@@") ? .hunkHeader : line.hasPrefix("+") && !line.hasPrefix("+++") ? .diffAdded
            : line.hasPrefix("-") && !line.hasPrefix("---") ? .diffRemoved : .diffContext
    }

    /// `text` wrapped into the box's lines (its own line breaks kept), continuation lines
    /// indented under the first.
    static func add(_ text: String, _ role: Role, indent: Int, boxWidth: Int, maxLines: Int = 200, to out: inout [Line]) {
        let textWidth = max(10, boxWidth - 8) - indent
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let wrapped = Wrap.words(String(paragraph), width: textWidth, maxLines: maxLines)
            for (i, l) in (wrapped.isEmpty ? [""] : wrapped).enumerated() { out.append((l, role, indent + (i > 0 ? 2 : 0))) }
        }
    }

    /// - Parameter keys: the keys the title lists, told whether the text scrolls.
    static func draw(_ all: [Line], name: String, keys: (_ scrolls: Bool) -> String, moreKey: String, scroll: Int, width: Int,
                     into g: inout Grid) {
        draw(count: all.count, line: { all[$0] }, name: name, keys: keys, moreKey: moreKey, scroll: scroll, width: width, into: &g)
    }

    /// An overlay's box with its scope's keys in the title, as the bindings make them.
    static func draw(count: Int, line: (Int) -> Line, name: String, scope: Scope, of wb: Workbench, scroll: Int, width: Int,
                     into g: inout Grid) {
        draw(count: count, line: line, name: name, keys: { _ in wb.keymap.footerText([scope]) { wb.isAvailable($0, in: scope) } },
             moreKey: wb.keymap.key(.down, in: scope), scroll: scroll, width: width, into: &g)
    }

    /// The same, asking only for the lines on screen: a commit of 100,000 lines is not made into
    /// lines at every frame.
    static func draw(count: Int, line: (Int) -> Line, name: String, keys: (_ scrolls: Bool) -> String, moreKey: String, scroll: Int,
                     width: Int, into g: inout Grid) {
        let rect = Rect(row: 2, col: (g.width - width) / 2, height: g.height - 4, width: width)
        let visible = max(1, rect.inner.height - 2)
        let top = min(scroll, max(0, count - visible))
        let scrolls = count > visible
        let title = (scrolls ? "\(name) \(top + 1)-\(min(count, top + visible))/\(count) · " : name + " · ") + keys(scrolls)
        PaneFrame.box(rect, title: Fit.keepStart(title, width - 6), into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        for i in top..<min(count, top + visible) {
            let l = line(i)
            g.put(l.text, row: inner.row + 1 + i - top, col: inner.col + l.indent, role: l.role, limit: end)
        }
        if top + visible < count {
            g.put("↓ \(count - top - visible) more (\(moreKey))", row: inner.row + inner.height - 1, col: inner.col + 1, role: .hint, limit: end)
        }
    }
}
