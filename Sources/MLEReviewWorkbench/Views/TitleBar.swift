import MLEReviewCore

/// The first row: what is under review, its size, how much is viewed, and the live decision.
enum TitleBar {
    static func draw(_ wb: Workbench, into g: inout Grid) {
        g.fill(row: 0, role: .titleBar)
        let d = wb.document.diff
        let viewed = wb.viewedCount
        var left = " mle-review │ \(wb.sourceLabel)"
        if let base = wb.review.source.baseCommit, let head = wb.review.source.headCommit {
            left += " (\(base.prefix(7))..\(head.prefix(7)))"
        }
        left += " │ \(d.files.count) files +\(d.additions) -\(d.deletions) │ viewed \(viewed)/\(d.files.count)"
        let v = wb.verdict
        let decision = wb.review.finish?.decision ?? v.decision
        var right = decision.rawValue
        if wb.review.isFinished { right = "FINISHED " + right }
        else if v.decision == .approve && !v.isComplete { right += " (\(v.missing.count) to decide)" }
        if v.override != nil { right += " (override)" }
        let lock = wb.isReadOnly ? "READ-ONLY " : ""
        let rightStart = max(0, wb.layout.width - DisplayText.columns(right) - DisplayText.columns(lock) - 2)
        g.put(Fit.keepStart(left, rightStart - 1), row: 0, col: 0, role: .titleBar, limit: rightStart)
        let after = g.put(lock, row: 0, col: rightStart, role: .warning)
        g.put(right, row: 0, col: after, role: decision.role)
    }
}
