import MLEReviewCore

/// Two reviewers saved the same finding: both versions side by side in one box, and the choice.
enum ConflictOverlay {
    static func draw(_ c: Workbench.FindingConflict, into g: inout Grid) {
        let width = min(110, g.width - 4), height = min(20, g.height - 4)
        let rect = Rect(row: max(1, (g.height - height) / 2), col: (g.width - width) / 2, height: height, width: width)
        PaneFrame.box(rect, title: "\(c.theirs.author ?? "Someone") saved this finding while you were editing it", into: &g)
        let inner = rect.inner
        let half = (inner.width - 3) / 2
        let columns = [(inner.col + 1, "Yours", c.mine), (inner.col + 2 + half, "Theirs (now saved)", c.theirs)]
        for (col, label, f) in columns {
            var row = inner.row + 1
            let end = col + half - 1
            func line(_ text: String, _ role: Role = .overlay) {
                guard row < inner.row + inner.height - 2 else { return }
                g.put(text, row: row, col: col, role: role, limit: end)
                row += 1
            }
            line(label, .paneTitleFocused)
            line("[\(f.severity.rawValue)] \(f.title)", f.severity.role)
            line("File: \(f.location)")
            line("Issue:", .hint)
            for l in f.issue.split(separator: "\n", omittingEmptySubsequences: false).prefix(4) { line("  " + l) }
            line("Fix:", .hint)
            for l in f.fix.split(separator: "\n", omittingEmptySubsequences: false).prefix(4) { line("  " + l) }
        }
        g.put("m keep mine   t take theirs   b keep both (yours becomes a new finding)", row: inner.row + inner.height - 1,
              col: inner.col + 1, role: .hint, limit: inner.col + inner.width - 1)
    }
}
