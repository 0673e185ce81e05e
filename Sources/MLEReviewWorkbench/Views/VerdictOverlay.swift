import MLEReviewCore

/// The verdict: the decision and why, what is still missing before APPROVE, the primary risks
/// and the override.
enum VerdictOverlay {
    static func draw(_ wb: Workbench, into g: inout Grid) {
        let v = wb.verdict
        let width = min(100, g.width - 4), height = g.height - 4
        let rect = Rect(row: 2, col: (g.width - width) / 2, height: height, width: width)
        let keys = wb.isReadOnly ? "E export · Esc close" : "o override · F finish · E export · Esc close"
        PaneFrame.box(rect, title: "Verdict · " + keys, into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        var row = inner.row + 1
        func line(_ text: String, _ role: Role = .overlay, indent: Int = 1) {
            guard row < inner.row + inner.height else { return }
            g.put(text, row: row, col: inner.col + indent, role: role, limit: end)
            row += 1
        }
        var col = g.put("Decision: ", row: row, col: inner.col + 1, role: .overlay)
        if wb.verdictIsFinal(v) {
            col = g.put(wb.review.finish?.decision.rawValue ?? v.decision.rawValue, row: row, col: col, role: (wb.review.finish?.decision ?? v.decision).role)
            if v.decision != v.computed && !wb.review.isFinished { g.put("  (the rules give \(v.computed.rawValue))", row: row, col: col, role: .hint, limit: end) }
        } else {
            col = g.put(wb.decisionLabel(v), row: row, col: col, role: .overlay, limit: end)
            g.put("  (not final: decide what is listed below)", row: row, col: col, role: .hint, limit: end)
        }
        row += 1
        if let f = wb.review.finish {
            let t = Timestamp.format(f.finishedAt)
            line("Finished \(t.prefix(10)) \(t.dropFirst(11).prefix(5)) UTC" + (f.finishedBy.map { " by \($0)" } ?? "") + " with \(f.decision.rawValue)", .hint)
        }
        if let t = wb.tampered { line(t, .error) }
        if let note = wb.checklistNote { line("Note: " + note, .warning) }
        line("Primary risks: " + (v.primaryRisks.isEmpty ? "none" : v.primaryRisks.map(\.rawValue).joined(separator: ", ")))
        if let o = v.override { line("Override: \(o.decision.rawValue)" + (o.justification.map { " — \($0)" } ?? ""), .warning) }
        if let refusal = v.overrideRefusal { line(refusal, .error) }
        if let lapsed = v.overrideLapsed { line(lapsed, .error) }
        row += 1
        line(v.reasons.isEmpty ? "Nothing blocks or warns." : "Why:", .paneTitleFocused)
        let budget = max(3, (inner.height - 8) / 2)
        for r in v.reasons.prefix(budget) { line("• " + r.message, r.effect.role, indent: 3) }
        if v.reasons.count > budget { line("… and \(v.reasons.count - budget) more", .hint, indent: 3) }
        row += 1
        if v.missing.isEmpty {
            line("Every required item is decided and a test run passed.", .itemPass)
        } else {
            line("Before APPROVE (\(v.missing.count) to do):", .paneTitleFocused)
            let left = inner.row + inner.height - row - 1
            for m in v.missing.prefix(max(1, left)) { line("• " + m.message, .hint, indent: 3) }
            if v.missing.count > left { line("… and \(v.missing.count - left) more", .hint, indent: 3) }
        }
    }
}
