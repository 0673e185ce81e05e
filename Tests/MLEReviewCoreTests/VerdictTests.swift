import MLEReviewCore
import Testing

/// Every decision rule and how they combine, one row each.
struct VerdictTests {
    static let checklist = try! ChecklistParser.parse("""
    ## Start Here
    - Read the diff
    ## Data Contract and Leakage
    - **Time split**: x
    - **PII**: x
    ## Serving and Deployment
    - **Timeouts**: x
    ## Common Blockers
    - **Random split**: x <!-- risk: data leakage -->
    """, source: "t")

    static let allDecided: [String: ItemState] = [
        "data-contract-and-leakage/time-split": .pass, "data-contract-and-leakage/pii": .notApplicable,
        "serving-and-deployment/timeouts": .pass, "common-blockers/random-split": .pass,
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var findings: [(Severity, FindingStatus, RiskCategory)] = []
        var items: [String: ItemState] = VerdictTests.allDecided
        var tests: [(TestOutcome, String?)] = [(.passed, nil)]
        var override: DecisionOverride?
        var touched: Set<String>?
        var decision: Decision
        var computed: Decision? = nil
        var complete = true
        var risks: [RiskCategory] = []
        var reasonCount: Int? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "all decided, a passing test: APPROVE", decision: .approve),
        Case(name: "an open HIGH blocks", findings: [(.high, .open, .dataLeakage)], decision: .block, risks: [.dataLeakage]),
        Case(name: "an open CRITICAL blocks", findings: [(.critical, .open, .unsafeServing)], decision: .block, risks: [.unsafeServing]),
        Case(name: "a MEDIUM warns", findings: [(.medium, .open, .weakEval)], decision: .approveWithWarnings, risks: [.weakEval]),
        Case(name: "a LOW alone approves", findings: [(.low, .open, .other)], decision: .approve, risks: [.other], reasonCount: 0),
        // A proposal counts once judged; until then an APPROVE waits for it (one that would not
        // change the decision, a LOW, does not hold it up).
        Case(name: "a proposed finding is not a reason, but APPROVE waits for it", findings: [(.critical, .proposed, .dataLeakage)],
             decision: .approve, complete: false, risks: []),
        Case(name: "a proposed LOW does not hold APPROVE up", findings: [(.low, .proposed, .other)], decision: .approve, risks: []),
        Case(name: "beside a BLOCK a proposal is still listed to judge", findings: [(.high, .open, .dataLeakage), (.medium, .proposed, .weakEval)],
             decision: .block, complete: false, risks: [.dataLeakage]),
        Case(name: "dismissed findings do not count", findings: [(.high, .dismissed, .dataLeakage)], decision: .approve, risks: []),
        Case(name: "resolved findings do not block", findings: [(.high, .resolved, .dataLeakage)], decision: .approve, risks: []),
        Case(name: "HIGH beats MEDIUM", findings: [(.medium, .open, .weakEval), (.high, .open, .unsafeServing)],
             decision: .block, risks: [.unsafeServing, .weakEval], reasonCount: 2),
        Case(name: "risks worst first, then in the brief's order",
             findings: [(.low, .open, .other), (.medium, .open, .missingMonitoring), (.medium, .open, .dataLeakage), (.critical, .open, .weakEval)],
             decision: .block, risks: [.weakEval, .dataLeakage, .missingMonitoring, .other]),
        Case(name: "a confirmed common blocker blocks",
             items: allDecided.merging(["common-blockers/random-split": .fail]) { $1 }, decision: .block, risks: [.dataLeakage]),
        Case(name: "a failed area item warns",
             items: allDecided.merging(["serving-and-deployment/timeouts": .fail]) { $1 }, decision: .approveWithWarnings),
        Case(name: "an unexplained failed test blocks", tests: [(.passed, nil), (.failed, nil)], decision: .block),
        Case(name: "an errored test blocks like a failure", tests: [(.passed, nil), (.errored, "  ")], decision: .block),
        Case(name: "an explained failed test warns", tests: [(.passed, nil), (.failed, "flaky upstream")], decision: .approveWithWarnings),
        Case(name: "no test run: APPROVE is not complete", tests: [], decision: .approve, complete: false),
        Case(name: "only skipped tests: not complete", tests: [(.skipped, nil)], decision: .approve, complete: false),
        Case(name: "an undecided area item: not complete",
             items: allDecided.filter { $0.key != "data-contract-and-leakage/pii" }, decision: .approve, complete: false),
        Case(name: "start-here items are not required",
             items: allDecided.merging(["start-here/read-the-diff": .unchecked]) { $1 }, decision: .approve),
        Case(name: "untouched areas are not required",
             items: allDecided.filter { !$0.key.hasPrefix("serving") }, touched: ["data-contract-and-leakage"], decision: .approve),
        Case(name: "common blockers are required even when no area is touched",
             items: allDecided.filter { !$0.key.hasPrefix("common") }, touched: [], decision: .approve, complete: false),
        Case(name: "stricter override needs no reason", override: DecisionOverride(decision: .block),
             decision: .block, computed: .approve),
        Case(name: "less strict override without a reason is ignored", findings: [(.high, .open, .dataLeakage)],
             override: DecisionOverride(decision: .approveWithWarnings, justification: " ", overridden: .block), decision: .block, risks: [.dataLeakage]),
        Case(name: "less strict override with a reason applies", findings: [(.high, .open, .dataLeakage)],
             override: DecisionOverride(decision: .approveWithWarnings, justification: "false positive: split is by time upstream", overridden: .block),
             decision: .approveWithWarnings, computed: .block, risks: [.dataLeakage]),
        Case(name: "an override made over a less strict decision lapses", findings: [(.high, .open, .dataLeakage)],
             override: DecisionOverride(decision: .approve, justification: "Lead accepted the warnings", overridden: .approveWithWarnings),
             decision: .block, risks: [.dataLeakage]),
        Case(name: "an override that does not record what it overrode lapses when it would loosen", findings: [(.medium, .open, .weakEval)],
             override: DecisionOverride(decision: .approve, justification: "ok"), decision: .approveWithWarnings, risks: [.weakEval]),
    ]

    @Test(arguments: cases)
    func rule(_ c: Case) {
        var review = Review(source: ReviewSource(kind: .patch, diffSHA256: "x"), checklist: ChecklistRef(Self.checklist))
        for (i, f) in c.findings.enumerated() {
            review.findings.append(Finding(severity: f.0, title: "finding \(i)", location: Location(path: "p.py", line: i + 1), risk: f.2, status: f.1))
        }
        review.items = c.items.mapValues { ItemMark(state: $0) }
        review.testsRun = c.tests.map { TestRun(command: "pytest", outcome: $0.0, explanation: $0.1) }
        review.override = c.override
        let v = VerdictRules.evaluate(review, checklist: Self.checklist, touchedSections: c.touched)
        #expect(v.decision == c.decision)
        #expect(v.computed == (c.computed ?? c.decision))
        #expect(v.isComplete == c.complete, "missing: \(v.missing)")
        #expect(v.primaryRisks == c.risks)
        if let n = c.reasonCount { #expect(v.reasons.count == n) }
        // Every reason names what caused it.
        for r in v.reasons {
            switch r.subject {
            case .finding(let id): #expect(review.findings.contains { $0.id == id })
            case .item(let id): #expect(Self.checklist.item(id) != nil)
            case .testRun(let id): #expect(review.testsRun.contains { $0.id == id })
            case .hint, .review: Issue.record("a reason should name a finding, item or test run")
            }
        }
        if c.decision == .block && c.computed == nil { #expect(v.reasons.first?.effect == .block) }
    }

    @Test func refusedOverrideSaysWhy() {
        var review = Review(source: ReviewSource(kind: .patch, diffSHA256: "x"), checklist: ChecklistRef(Self.checklist))
        review.findings = [Finding(severity: .high, title: "t", location: Location(path: "a"))]
        review.override = DecisionOverride(decision: .approve, overridden: .block)
        let v = VerdictRules.evaluate(review, checklist: Self.checklist)
        #expect(v.overrideRefusal?.contains("needs a written justification") == true)
        #expect(v.override == nil)
    }

    @Test func aLapsedOverrideSaysWhatItWasMadeOver() {
        var review = Review(source: ReviewSource(kind: .patch, diffSHA256: "x"), checklist: ChecklistRef(Self.checklist))
        review.findings = [Finding(severity: .critical, title: "t", location: Location(path: "a"))]
        review.override = DecisionOverride(decision: .approveWithWarnings, justification: "fine", overridden: .approveWithWarnings)
        let v = VerdictRules.evaluate(review, checklist: Self.checklist)
        #expect(v.override == nil && v.decision == .block)
        #expect(v.overrideLapsed == "override to APPROVE WITH WARNINGS lapsed: it was made over APPROVE WITH WARNINGS and the rules now give BLOCK; make it again if it still holds")
    }

    /// An override stands over the reasons it was made over, and over fewer; a new reason as
    /// strict, or a covered one made stricter, ends it and says which.
    @Test func anOverrideCoversTheReasonsItWasMadeOver() {
        var review = Review(source: ReviewSource(kind: .patch, diffSHA256: "x"), checklist: ChecklistRef(Self.checklist))
        let high = Finding(id: "f-1", severity: .high, title: "Scaler before split", location: Location(path: "a", line: 3))
        let medium = Finding(id: "f-2", severity: .medium, title: "Naming", location: Location(path: "a", line: 4))
        review.findings = [high, medium]
        let made = VerdictRules.evaluate(review, checklist: Self.checklist)
        review.override = DecisionOverride(decision: .approveWithWarnings, justification: "split upstream", overridden: made.computed,
                                           covers: made.reasons.map(\.key))
        #expect(VerdictRules.evaluate(review, checklist: Self.checklist).decision == .approveWithWarnings)
        // One of them resolved: still covered.
        review.findings[0].status = .resolved
        #expect(VerdictRules.evaluate(review, checklist: Self.checklist).decision == .approveWithWarnings)
        review.findings[0].status = .open
        // A new CRITICAL: the decision is the rules' again, and the lapse names it.
        review.findings.append(Finding(id: "f-3", severity: .critical, title: "Pickle load", location: Location(path: "b", line: 1)))
        var v = VerdictRules.evaluate(review, checklist: Self.checklist)
        #expect(v.decision == .block && v.override == nil)
        #expect(v.overrideLapsed == "override to APPROVE WITH WARNINGS lapsed: it was made before open finding [CRITICAL] Pickle load (b:1); make it again if it still holds")
        review.findings.removeLast()
        // The MEDIUM raised to HIGH is a new reason to block, not the one the override was about.
        review.findings[1].severity = .high
        v = VerdictRules.evaluate(review, checklist: Self.checklist)
        #expect(v.decision == .block && v.overrideLapsed?.contains("made before open finding [HIGH] Naming (a:4)") == true)
        // A new MEDIUM is no stricter than the override's own decision: it stands.
        review.findings[1].severity = .medium
        review.findings.append(Finding(id: "f-4", severity: .medium, title: "Docs", location: Location(path: "c", line: 1)))
        #expect(VerdictRules.evaluate(review, checklist: Self.checklist).decision == .approveWithWarnings)
        // An override from before its reasons were recorded is judged by its decision alone.
        review.findings.append(Finding(id: "f-5", severity: .critical, title: "Pickle load", location: Location(path: "b", line: 1)))
        review.override?.covers = nil
        #expect(VerdictRules.evaluate(review, checklist: Self.checklist).decision == .approveWithWarnings)
    }

    @Test func missingListsEachUndecidedItemAndTheTests() {
        let review = Review(source: ReviewSource(kind: .patch, diffSHA256: "x"), checklist: ChecklistRef(Self.checklist))
        let v = VerdictRules.evaluate(review, checklist: Self.checklist)
        #expect(v.missing.map(\.message) == [
            "undecided: Data Contract and Leakage / Time split", "undecided: Data Contract and Leakage / PII",
            "undecided: Serving and Deployment / Timeouts", "undecided: Common Blockers / Random split",
            "no passing test or eval run recorded",
        ])
    }
}
