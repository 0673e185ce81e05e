import MLEReviewCore

/// How the diff pane lays rows out: the gutter, how many screen lines a wrapped row takes, and
/// whether side by side fits. Key handling (keeping the cursor on screen) and the views both
/// read it, so they cannot disagree.
enum DiffLayout {
    /// Narrower than this per side, two columns of code are unreadable: unified instead. (56
    /// leaves about 48 columns of code a side, and fits a zoomed diff on 120 columns.)
    static let minimumSideWidth = 56

    static func sideBySideFits(_ layout: Layout) -> Bool { (layout.diff.inner.width - 1) / 2 >= minimumSideWidth }

    /// How many screen lines rows `from...through` take (more than one each only when wrapping).
    static func screenLines(_ wb: Workbench, from: Int, through: Int) -> Int {
        var total = 0
        for r in from...through { total += lineCount(wb, r) }
        return total
    }

    static func lineCount(_ wb: Workbench, _ r: Int) -> Int {
        guard wb.diffPane.wrap, case .line(let f, let h, let i) = wb.document.row(r) else { return 1 }
        let line = wb.document.line(file: f, hunk: h, index: i)
        let width = max(1, wb.layout.diff.inner.width - gutterWidth(wb.document, file: f))
        let cols = DisplayText.line(wb.document.diff.bytes[line.content], role: .text, limit: width * 50).cells.reduce(0) { $0 + $1.width }
        return max(1, (cols + width - 1) / width)
    }

    static func numberWidth(_ doc: DiffDocument, file f: Int) -> Int {
        let maxLine = doc.files[f].hunks.map { max($0.oldStart + $0.oldCount, $0.newStart + $0.newCount) }.max() ?? 0
        return max(3, String(maxLine).count)
    }

    /// Two marker columns, two numbers with spaces, and the sign.
    static func gutterWidth(_ doc: DiffDocument, file f: Int) -> Int { 2 + 2 * (numberWidth(doc, file: f) + 1) + 1 }
}
