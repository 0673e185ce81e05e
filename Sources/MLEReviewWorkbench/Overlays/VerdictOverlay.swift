import MLEReviewCore

/// The verdict: the decision and why, what is still missing before APPROVE, the primary risks
/// and the override. It scrolls: on a small screen nothing is cut, it is further down.
enum VerdictOverlay: Component {
    static let scope = Scope.verdict

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .verdict(let scroll) = wb.overlay else { return [] }
        if let top = ScrolledText.moved(action, from: scroll, count: lines(wb, width: width(wb.layout.width)).count, screenHeight: wb.layout.height) {
            wb.replace(with: .verdict(scroll: top))
            return []
        }
        switch action {
        case .override: wb.openOverrideForm()
        case .finish: return wb.finishReview()
        case .export: wb.openExportForm()
        case .copy: return [.copy(.verdict)]
        case .close: wb.close()
        default: break
        }
        return []
    }

    static func width(_ screen: Int) -> Int { ScrolledText.width(screen) }

    typealias Line = ScrolledText.Line

    /// Everything the view says, wrapped to its width.
    static func lines(_ wb: Workbench, width: Int) -> [Line] {
        let v = wb.verdict
        var out: [Line] = []
        func add(_ text: String, _ role: Role = .overlay, indent: Int = 1) {
            ScrolledText.add(text, role, indent: indent, boxWidth: width, maxLines: 20, to: &out)
        }
        if wb.verdictIsFinal(v) {
            let decision = wb.review.finish?.decision ?? v.decision
            add("Decision: " + decision.rawValue + (v.decision != v.computed && !wb.review.isFinished ? "  (the rules give \(v.computed.rawValue))" : ""), decision.role)
        } else {
            add("Decision: " + wb.decisionLabel(v) + "  (not final: decide what is listed below)")
        }
        if let f = wb.review.finish {
            let t = Timestamp.format(f.finishedAt)
            add("Finished \(t.prefix(10)) \(t.dropFirst(11).prefix(5)) UTC" + (f.finishedBy.map { " by \($0)" } ?? "") + " with \(f.decision.rawValue)", .hint)
        }
        if let t = wb.tampered { add(t, .error) }
        if let note = wb.checklistNote { add("Note: " + note, .warning) }
        add("Primary risks: " + (v.primaryRisks.isEmpty ? "none" : v.primaryRisks.map(\.rawValue).joined(separator: ", ")))
        if !v.guessedRisks.isEmpty {
            // A frozen review's risks cannot be set any more: only what they are is said.
            add("  \(v.guessedRisks.map(\.rawValue).joined(separator: ", ")): guessed from the findings' words"
                + (wb.isReadOnly ? "" : "; \(wb.keymap.key(.editFinding, in: .findings)) on a finding in Findings sets its risk"), .hint)
        }
        if let o = v.override { add("Override: \(o.decision.rawValue)" + (o.justification.map { " — \($0)" } ?? ""), .warning) }
        if let refusal = v.overrideRefusal { add(refusal, .error) }
        if let lapsed = v.overrideLapsed { add(lapsed, .error) }
        out.append(("", .overlay, 1))
        add(v.reasons.isEmpty ? "Nothing blocks or warns." : "Why (\(v.decisiveReasons.count)):", .paneTitleFocused)
        for r in v.decisiveReasons { add("• " + r.message, r.effect.role, indent: 3) }
        // A MEDIUM under a BLOCK's reasons read as one of them.
        if !v.otherReasons.isEmpty {
            add("Besides, each would give \(Decision.approveWithWarnings.rawValue) alone (\(v.otherReasons.count)):", .paneTitleFocused)
            for r in v.otherReasons { add("• " + r.message, r.effect.role, indent: 3) }
        }
        let bare = FollowUp.missing(in: wb.review, decision: v.decision)
        if !bare.isEmpty {
            add("APPROVE WITH WARNINGS is for medium issues with an explicit follow-up; no Fix on:", .warning)
            for f in bare { add("• [MEDIUM] \(f.title) (\(f.location.shown))" + (wb.isReadOnly ? "" : ": \(wb.keymap.key(.editFinding, in: .findings)) in Findings adds one"), .hint, indent: 3) }
        }
        out.append(("", .overlay, 1))
        if v.missing.isEmpty {
            add("Every required item is decided and a test run passed.", .itemPass)
        } else {
            add(wb.review.isFinished ? "Not done when it was finished (\(v.missing.count)):" : "Before APPROVE (\(v.missing.count) to do):", .paneTitleFocused)
            for m in v.missing { add("• " + m.message, .hint, indent: 3) }
        }
        return out
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard case .verdict(let scroll) = wb.overlay else { return }
        let width = width(g.width)
        ScrolledText.draw(lines(wb, width: width), name: "Verdict", keys: { scrolls in
            wb.keymap.footerText([.verdict]) { a in (scrolls || a != .down) && wb.isAvailable(a, in: .verdict) }
        }, moreKey: wb.keymap.key(.down, in: .verdict), scroll: scroll, width: width, into: &g)
    }
}
