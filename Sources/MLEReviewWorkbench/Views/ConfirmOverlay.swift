import MLEReviewCore

/// The question asked before an irreversible step.
enum ConfirmOverlay {
    static func draw(_ c: Workbench.Confirmation, into g: inout Grid) {
        let width = min(84, g.width - 4)
        let rect = Rect(row: max(1, g.height / 2 - 3), col: (g.width - width) / 2, height: 6, width: width)
        PaneFrame.box(rect, title: "Confirm", into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        g.put(c.question + " y/n", row: inner.row + 1, col: inner.col + 1, role: .paneTitleFocused, limit: end)
        g.put(c.detail, row: inner.row + 2, col: inner.col + 1, role: .overlay, limit: end)
        g.put("y yes   n or Esc: no, go back", row: inner.row + 3, col: inner.col + 1, role: .hint, limit: end)
    }
}
