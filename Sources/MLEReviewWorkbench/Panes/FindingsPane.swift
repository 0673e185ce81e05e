import MLEReviewCore

/// The findings pane: findings, live hints and recorded test runs, narrowed by a filter.
public struct FindingsPane: Equatable, Sendable, Component {
    public var cursor = 0
    public var scroll = 0
    public var filter: Filter = .all
    /// Where a range selection started (v): d and a then judge every proposal in it at once.
    public var anchor: Int?

    /// What the pane lists (f cycles).
    public enum Filter: String, CaseIterable, Sendable {
        case all
        case open = "open and proposed"
        case severe = "critical and high"
        case proposed
        case hints
        case closed = "resolved and dismissed"
    }

    static let scope = Scope.findings

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        switch action {
        case .open: return wb.openFocusedRow()
        case .showFinding:
            let rows = wb.findingsRows
            if wb.findingsPane.cursor < rows.count { wb.open(.finding(row: rows[wb.findingsPane.cursor].key, scroll: 0)) }
        case .newFinding: wb.openFindingForm()
        case .editFinding: wb.openFindingForm(editing: wb.focusedFinding)
        case .select:
            if wb.findingsPane.anchor == nil {
                wb.findingsPane.anchor = wb.findingsPane.cursor
                let k = wb.keymap
                wb.say("selecting findings: move, then \(k.key(.dismissFinding, in: .findings)) dismisses or \(k.key(.acceptFinding, in: .findings)) accepts every proposal and hint in it; \(k.key(.select, in: .findings)) stops")
            } else {
                wb.findingsPane.anchor = nil
                wb.say("selection ended")
            }
        case .dismissFinding where wb.findingsPane.anchor != nil:
            return wb.dismissSelected()
        case .acceptFinding where wb.findingsPane.anchor != nil:
            return wb.acceptSelected()
        case .dismissFinding:
            // What someone else proposed (an AI reviewer, a linter, a hint) is dismissed with a
            // reason, for the stats; the reviewer's own typed finding goes at once.
            if let h = wb.focusedHint { wb.open(.dismissal(.hint(h))); return [] }
            if let f = wb.focusedFinding, f.status != .dismissed, f.origin != .typed {
                wb.open(.dismissal(.finding(id: f.id, title: f.title)))
                return []
            }
            return wb.setFindingStatus(.dismissed)
        case .acceptFinding:
            if let h = wb.focusedHint { return wb.takeHints([h]) }
            if let h = wb.focusedDismissedHint { return wb.restoreHint(h) }
            // A dismissed finding comes back as it arrived: a proposal if it was imported or a hint.
            if let f = wb.focusedFinding, f.status == .dismissed {
                if case .typed = f.origin { return wb.setFindingStatus(.open, restoring: true) }
                return wb.setFindingStatus(.proposed, restoring: true)
            }
            return wb.setFindingStatus(.open)
        case .resolveFinding:
            if let f = wb.focusedFinding, f.status == .resolved { return wb.setFindingStatus(.open, restoring: true) }
            return wb.resolveFocusedFinding()
        case .deleteFinding:
            if let run = wb.focusedTestRun {
                wb.open(.confirm(.init(question: "Delete the test run \(run.command) (\(run.outcome.rawValue))?",
                                       detail: "It leaves the review and its verdict; the review's history keeps it.",
                                       effects: [.deleteTestRun(id: run.id)], done: "deleted the test run \(run.command)")))
                return []
            }
            guard let f = wb.focusedFinding else { return [] }
            wb.open(.confirm(.init(question: "Delete [\(f.severity.rawValue)] \(f.title)?",
                                   detail: "It leaves the review and its verdict; the review's history keeps it.",
                                   effects: [.deleteFinding(id: f.id)], done: "deleted \(f.title)")))
        case .filterFindings:
            wb.findingsPane.anchor = nil
            let all = Filter.allCases
            wb.findingsPane.filter = all[(all.firstIndex(of: wb.findingsPane.filter)! + 1) % all.count]
            wb.findingsPane.cursor = 0
            wb.findingsPane.scroll = 0
            wb.say("findings: \(wb.findingsPane.filter.rawValue) (\(wb.findingsRows.count) row\(wb.findingsRows.count == 1 ? "" : "s"))")
        default: break
        }
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) { FindingsView.draw(wb, into: &g) }
}

extension Workbench {
    /// One row of the findings pane: a finding, or a hint still waiting for a decision.
    public enum FindingsRow: Equatable, Sendable {
        case finding(Finding)
        case hint(Hint)
        /// A hint the reviewer dismissed, among the closed findings: it can be brought back.
        case dismissedHint(Hint)
        /// A recorded test run, at the end: Enter shows its output.
        case testRun(TestRun)

        /// What the row is, kept while the list changes under it (a pair's edit, a deletion).
        var key: String {
            switch self {
            case .finding(let f): return "finding " + f.id
            case .hint(let h), .dismissedHint(let h): return "hint " + h.key
            case .testRun(let t): return "run " + t.id
            }
        }

        func isFinding(_ id: String?) -> Bool {
            if case .finding(let f) = self { return f.id == id }
            return false
        }

        /// Whether the row is about that line: a finding's range holds it, a hint is on it (hints
        /// are read on the new side). `i` on a diff line and "Also on this line" ask the same.
        func isOn(_ path: String, side: Location.Side, line: Int) -> Bool {
            switch self {
            case .finding(let f):
                guard f.location.path == path, f.location.side == side, let first = f.location.line else { return false }
                return first <= line && line <= max(first, f.location.endLine ?? first)
            case .hint(let h), .dismissedHint(let h): return side == .new && h.path == path && h.line == line
            case .testRun: return false
            }
        }
    }

    /// Hints not waived, not dismissed, and not already turned into a finding.
    public var liveHints: [Hint] { Hint.unjudged(hints, findings: review.findings, dismissed: dismissedHints) }

    /// Hints the reviewer dismissed (a hint waived in the code is shown as waived instead).
    public var dismissedHintList: [Hint] { hints.filter { $0.waiver == nil && dismissedHints.contains($0.key) } }

    /// Findings (open and proposed first), then live hints, then dismissed and resolved
    /// findings and dismissed hints, then test runs: as many of them as the filter lets through.
    public var findingsRows: [FindingsRow] {
        let findings = sortedFindings
        let live = findings.filter { $0.status == .open || $0.status == .proposed }
        let done = findings.filter { $0.status != .open && $0.status != .proposed }.map(FindingsRow.finding)
            + dismissedHintList.map(FindingsRow.dismissedHint)
        let waived = hints.filter { $0.waiver != nil }
        switch findingsPane.filter {
        case .all:
            return live.map(FindingsRow.finding) + liveHints.map(FindingsRow.hint) + waived.map(FindingsRow.hint) + done
                + review.testsRun.reversed().map(FindingsRow.testRun)
        case .open: return live.map(FindingsRow.finding)
        case .severe: return live.filter { $0.severity == .critical || $0.severity == .high }.map(FindingsRow.finding)
        case .proposed: return live.filter { $0.status == .proposed }.map(FindingsRow.finding)
        case .hints: return liveHints.map(FindingsRow.hint) + waived.map(FindingsRow.hint)
        case .closed: return done
        }
    }

    /// Open and proposed findings first by severity; dismissed and resolved at the end. In a
    /// finished review nothing waits to be decided: its verdict's findings come first, then the
    /// proposals it left undecided (as `show` lists them), not mixed by severity.
    public var sortedFindings: [Finding] {
        var live = review.findings.filter { $0.status == .open || $0.status == .proposed }.sorted(by: Finding.reportOrder)
        if review.isFinished { live = live.filter { $0.status == .open } + live.filter { $0.status == .proposed } }
        let done = review.findings.filter { $0.status == .resolved || $0.status == .dismissed }.sorted(by: Finding.reportOrder)
        return live + done
    }

    /// Keeps the findings cursor on a row after rows came or went (a reload, a delete).
    mutating func clampFindingCursor() { findingsPane.cursor = clamp(findingsPane.cursor, findingsRows.count) }

    /// The cursor goes with a row that moved in the list (a finding whose status changed, a hint
    /// taken or brought back), and the list scrolls to show it there.
    mutating func followFindingsRow(where matches: (FindingsRow) -> Bool) {
        if let j = findingsRows.firstIndex(where: matches) { findingsPane.cursor = j }
        clampFindingCursor()
        keepCursorsVisible()
    }

    /// The rows of the findings pane's range selection, nil when none is being made.
    public var selectedFindingRows: ClosedRange<Int>? {
        guard let a = findingsPane.anchor else { return nil }
        let rows = findingsRows.count
        guard rows > 0 else { return nil }
        let lo = min(a, findingsPane.cursor), hi = max(a, findingsPane.cursor)
        return min(lo, rows - 1)...min(hi, rows - 1)
    }

    /// What a range selection can judge: the proposed findings and the live hints in it (the
    /// reviewer's own open findings are not dismissed in bulk: each is one key away).
    var selectedProposals: (findings: [Finding], hints: [Hint]) {
        guard let range = selectedFindingRows else { return ([], []) }
        var findings: [Finding] = [], hints: [Hint] = []
        let rows = findingsRows
        for i in range {
            switch rows[i] {
            case .finding(let f) where f.status == .proposed: findings.append(f)
            case .hint(let h) where h.waiver == nil: hints.append(h)
            default: break
            }
        }
        return (findings, hints)
    }

    /// d on a selection: one question, one reason for all of them.
    mutating func dismissSelected() -> [Effect] {
        let (findings, hints) = selectedProposals
        guard !findings.isEmpty || !hints.isEmpty else {
            say("no proposed finding or hint in the selection (a finding of your own is dismissed one at a time)", error: true)
            return []
        }
        open(.dismissal(.many(findings: findings.map(\.id), hints: hints)))
        return []
    }

    /// a on a selection: its proposed findings open, its hints become proposals (as one row's a does).
    mutating func acceptSelected() -> [Effect] {
        let (findings, hints) = selectedProposals
        guard !findings.isEmpty || !hints.isEmpty else { say("no proposed finding or hint in the selection", error: true); return [] }
        endFindingsSelection()
        var effects: [Effect] = []
        for f in findings {
            guard let i = review.findings.firstIndex(where: { $0.id == f.id }) else { continue }
            review.findings[i].status = .open
            effects.append(.setFindingStatus(id: f.id, status: .open, dismissal: nil))
        }
        if !hints.isEmpty { effects += takeHints(hints) }
        var said: [String] = []
        if !findings.isEmpty { said.append("accepted \(findings.count) proposed finding\(findings.count == 1 ? "" : "s")") }
        if !hints.isEmpty { said.append("\(hints.count) hint\(hints.count == 1 ? " is" : "s are") now proposed") }
        say(said.joined(separator: "; "))
        clampFindingCursor()
        keepCursorsVisible()
        return effects
    }

    /// The test run under the cursor.
    var focusedTestRun: TestRun? {
        let rows = findingsRows
        guard findingsPane.cursor < rows.count, case .testRun(let run) = rows[findingsPane.cursor] else { return nil }
        return run
    }

    var focusedFinding: Finding? {
        let rows = findingsRows
        guard findingsPane.cursor < rows.count, case .finding(let f) = rows[findingsPane.cursor] else { return nil }
        return f
    }

    /// The hint under the cursor, unless it is waived in the code (then it is only shown).
    var focusedHint: Hint? {
        let rows = findingsRows
        guard findingsPane.cursor < rows.count, case .hint(let h) = rows[findingsPane.cursor], h.waiver == nil else { return nil }
        return h
    }

    var focusedDismissedHint: Hint? {
        let rows = findingsRows
        guard findingsPane.cursor < rows.count, case .dismissedHint(let h) = rows[findingsPane.cursor] else { return nil }
        return h
    }

    var focusedRowLocation: Location? {
        let rows = findingsRows
        guard findingsPane.cursor < rows.count else { return nil }
        switch rows[findingsPane.cursor] {
        case .finding(let f): return f.location
        case .hint(let h), .dismissedHint(let h): return h.location
        case .testRun: return nil
        }
    }

    mutating func openFocusedRow() -> [Effect] {
        if findingsPane.cursor < findingsRows.count, case .testRun(let run) = findingsRows[findingsPane.cursor] { return [.showRunOutput(run)] }
        guard let location = focusedRowLocation else { return [] }
        // An outdated finding's line is from an earlier revision: its file, not other code.
        if let f = focusedFinding, f.isOutdated {
            if let row = document.reveal(Location(path: location.path, side: location.side, line: nil)) { jumpDiff(to: row, top: true, focusDiff: true) }
            let k = keymap
            say("outdated: \(location.shown) was in an earlier revision and its code is gone (\(k.key(.resolveFinding, in: .findings)) resolves it, \(k.key(.editFinding, in: .findings)) moves it)")
            return []
        }
        if let row = document.reveal(location) {
            jumpDiff(to: row, focusDiff: true)
        } else {
            say("\(location) is not a line of this diff", error: true)
        }
        return []
    }

    /// Turns hints into proposed findings, their text filled in from the rule.
    mutating func takeHints(_ hints: [Hint]) -> [Effect] {
        guard !hints.isEmpty else { say("no hint on this line", error: true); return [] }
        var effects: [Effect] = []
        var first: String?
        for h in hints {
            var f = h.finding(author: reviewer?.name)
            f.itemID = nil
            review.findings.append(f)
            effects.append(.saveFinding(f))
            first = first ?? f.id
        }
        // The proposal sorts among the findings above the hints: the cursor goes with it, so that
        // the key the message names accepts this one (it stayed on the row, now the next hint).
        followFindingsRow { $0.isFinding(first) }
        let accept = keymap.key(.acceptFinding, in: .findings) + (focus == .findings ? "" : " in Findings")
        say(hints.count == 1 ? "hint \(hints[0].rule) is now a proposed finding: \(accept) accepts it"
            : "\(hints.count) hints are now proposed findings")
        return effects
    }

    mutating func dismissHint(_ h: Hint, reason: DismissalReason? = nil) -> [Effect] {
        dismissedHints.insert(h.key)
        hintDismissalReasons[h.key] = reason
        say("hint \(h.rule) dismissed for this review" + (reason.map { " (\($0.label))" } ?? ""))
        clampFindingCursor()
        keepCursorsVisible()
        return [.dismissHint(key: h.key, reason: reason)]
    }

    mutating func restoreHint(_ h: Hint) -> [Effect] {
        dismissedHints.remove(h.key)
        hintDismissalReasons[h.key] = nil
        say("hint \(h.rule) is back: \(keymap.key(.acceptFinding, in: .findings)) takes it, \(keymap.key(.dismissFinding, in: .findings)) dismisses it")
        followFindingsRow { $0 == .hint(h) }
        return [.restoreHint(key: h.key)]
    }

    /// A review is of one diff: a finding whose line that diff still has was not fixed by it.
    /// Resolving such a finding when that loosens the decision (a HIGH's BLOCK gone) is asked
    /// first, with what it changes; an outdated finding (its code left the diff) resolves at once.
    mutating func resolveFocusedFinding() -> [Effect] {
        guard let f = focusedFinding else { return [] }
        // Only an open finding the diff still has can loosen the decision: the verdict is worked
        // out again, without it, for that one.
        guard f.status == .open, !f.isOutdated, document.contains(f.location),
              let i = review.findings.firstIndex(where: { $0.id == f.id }) else { return setFindingStatus(.resolved) }
        let before = verdict.decision
        var after = review
        after.findings[i].status = .resolved
        let then = VerdictRules.evaluate(after, checklist: checklist, touchedSections: touchedSections).decision
        guard then.strictness < before.strictness else { return setFindingStatus(.resolved) }
        open(.confirm(Confirmation(
            question: "Resolve [\(f.severity.rawValue)] \(f.title)?",
            detail: "This diff still has its line: nothing under review fixed it. Resolving takes the decision from \(before.rawValue) to \(then.rawValue)."
                + " If it was wrong, \(keymap.key(.dismissFinding, in: .findings)) dismisses it with a reason.",
            effects: [], then: .resolveFinding(f.id))))
        return []
    }

    mutating func setFindingStatus(_ status: FindingStatus, restoring: Bool = false, dismissal: DismissalReason? = nil, findingID: String? = nil) -> [Effect] {
        // A finding named by id (asked about before) may have been deleted by the pair's partner
        // meanwhile: then nothing, said; never whatever the cursor is on now.
        let named = findingID ?? focusedFinding?.id
        guard let i = review.findings.firstIndex(where: { $0.id == named }) else {
            if findingID != nil { say("that finding is gone: another reviewer deleted it", error: true) }
            return []
        }
        let f = review.findings[i]
        if status == .open && f.status != .proposed && !restoring { say("only a proposed finding can be accepted", error: true); return [] }
        review.findings[i].status = status
        review.findings[i].dismissal = status == .dismissed ? dismissal : nil
        if restoring || (status != .dismissed && status != .resolved) {
            say(restoring ? "\(f.title): back to \(status.rawValue)" : "\(f.title): \(review.findings[i].statusLabel)")
            followFindingsRow { $0.isFinding(f.id) }
        } else {
            // Judging goes down the list: a dismissed or resolved finding leaves for the list's
            // end and the cursor stays on the row that took its place, as after a hint's
            // dismissal. (It went along: the next a, meant for the next proposal, undid this.)
            let back = keymap.key(status == .dismissed ? .acceptFinding : .resolveFinding, in: .findings)
            say("\(f.title): \(review.findings[i].statusLabel) (moved to the list's end, where \(back) brings it back)")
            clampFindingCursor()
            keepCursorsVisible()
        }
        return [.setFindingStatus(id: f.id, status: status, dismissal: review.findings[i].dismissal)]
    }
}
