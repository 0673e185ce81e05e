/// The decision a review's state leads to, with every reason behind it. Computed, never stored,
/// by one pure function that fails closed: anything it cannot prove safe is not APPROVE.
public struct Verdict: Sendable, Equatable {
    /// What the rules give.
    public var computed: Decision
    /// What is reported: the computed decision, or the reviewer's override when it applies.
    public var decision: Decision
    public var reasons: [Reason]
    /// What must still be done before APPROVE can be exported.
    public var missing: [Reason]
    public var primaryRisks: [RiskCategory]
    /// Primary risks that only findings whose risk was guessed from their words name (no reviewer
    /// or tool set it, no blocker item gives it): said beside them, so a guess is not read as a call.
    public var guessedRisks: [RiskCategory] = []
    /// The override that applies, if any.
    public var override: DecisionOverride?
    /// Why a requested override was not applied.
    public var overrideRefusal: String?
    /// Set when the override was made over a less strict decision than the rules give now: it
    /// no longer applies, and this says why (it can be made again).
    public var overrideLapsed: String?

    public var isComplete: Bool { missing.isEmpty }
    /// The reasons that give the rules' decision (a BLOCK's blocking ones), and the milder ones
    /// besides: "Why the rules give BLOCK" over a MEDIUM finding read as if it blocked.
    public var decisiveReasons: [Reason] { reasons.filter { $0.effect == computed } }
    public var otherReasons: [Reason] { reasons.filter { $0.effect != computed } }
    /// What heads `otherReasons` where the decisive ones are listed (only a BLOCK has others).
    public static let otherReasonsHeading = "Besides (each would give \(Decision.approveWithWarnings.rawValue) alone)"
    /// APPROVE with required steps undone: it can be neither exported nor finished as it is.
    public var approvalWaits: Bool { decision == .approve && !isComplete }
    /// Required steps undone under a decision that stands without them (anything but BLOCK,
    /// whose reasons stand alone): said before finishing and on every export.
    public var leavesStepsUndone: Bool { decision != .block && !isComplete }
    /// How many required steps a finish now leaves undone, as the record keeps it.
    public var undoneSteps: Int? { leavesStepsUndone ? missing.count : nil }
    /// ` with 27 required steps undone`, or nothing: said where a finish is reported.
    public var undoneNote: String { Finish.undoneNote(undoneSteps) }

    /// What `missing` holds, in one line a reader can act on: `2 required steps not done: no
    /// passing test or eval run recorded; 1 checklist item undecided (Serving and Deployment /
    /// Rollout can be undone)`. A count alone sent a lead reading an export to guess which.
    /// A few items are named; more are counted by area, in checklist order.
    public func missingSummary(_ state: String = "not done") -> String {
        let n = missing.count
        var parts = missing.filter { $0.item == nil && $0.proposal == nil }.map(\.message)
        // Proposals not judged: named when few, counted by severity when many (a linter's 21).
        for hints in [false, true] {
            let proposals = missing.compactMap(\.proposal).filter { $0.isHint == hints }
            guard !proposals.isEmpty else { continue }
            let head = hints ? "\(proposals.count) hint\(proposals.count == 1 ? "" : "s") not judged"
                : "\(proposals.count) proposed finding\(proposals.count == 1 ? "" : "s") not judged"
            parts.append(head + " (" + (proposals.count <= 3 ? proposals.map { "[\($0.severity.rawValue)] \($0.title)" }
                : Severity.allCases.compactMap { s in
                    let n = proposals.filter { $0.severity == s }.count
                    return n > 0 ? "\(n) \(s.rawValue)" : nil
                }).joined(separator: "; ") + ")")
        }
        let items = missing.filter { $0.item != nil }
        if !items.isEmpty {
            let head = "\(items.count) checklist item\(items.count == 1 ? "" : "s") undecided"
            if items.count <= 3 {
                parts.append(head + " (" + items.map { "\($0.area ?? "") / \($0.item ?? "")" }.joined(separator: "; ") + ")")
            } else {
                var areas: [(String, Int)] = []
                for i in items {
                    let a = i.area ?? ""
                    if let k = areas.firstIndex(where: { $0.0 == a }) { areas[k].1 += 1 } else { areas.append((a, 1)) }
                }
                parts.append(head + " (" + areas.map { "\($0.0) \($0.1)" }.joined(separator: "; ") + ")")
            }
        }
        return "\(n) required step\(n == 1 ? "" : "s") \(state)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: "; "))
    }

    public struct Reason: Sendable, Equatable, CustomStringConvertible {
        public enum Subject: Sendable, Equatable {
            case finding(String), item(String), testRun(String), hint(String), review
        }
        /// BLOCK or APPROVE WITH WARNINGS for a reason; APPROVE for a missing step.
        public var effect: Decision
        public var subject: Subject
        public var message: String
        /// For an undecided checklist item: its area and title, so a summary can name or group it.
        public var area: String? = nil
        public var item: String? = nil
        /// For a proposal not judged yet: its severity and title, so a summary can count them.
        public var proposal: Proposal? = nil
        public struct Proposal: Sendable, Equatable {
            public var severity: Severity
            public var title: String
            /// One of mle-review's own hints, not yet a finding.
            public var isHint = false
        }
        public var description: String { message }
        /// `BLOCK finding:f-1`: what an override covers. The effect is in it: a finding raised
        /// from MEDIUM to HIGH is a new reason to block.
        public var key: String {
            switch subject {
            case .finding(let id): return "\(effect.rawValue) finding:\(id)"
            case .item(let id): return "\(effect.rawValue) item:\(id)"
            case .testRun(let id): return "\(effect.rawValue) run:\(id)"
            case .hint(let key): return "\(effect.rawValue) hint:\(key)"
            case .review: return "\(effect.rawValue) review"
            }
        }
    }
}

public enum VerdictRules {
    /// - Parameter touchedSections: ids of the review areas the change touches; nil means all
    ///   (without a way to tell, every area must be decided).
    /// - Parameter unjudgedHints: mle-review's own hints on the diff that nobody took or dismissed.
    public static func evaluate(_ review: Review, checklist: Checklist, touchedSections: Set<String>? = nil, unjudgedHints: [Hint] = []) -> Verdict {
        var reasons: [Verdict.Reason] = []
        var missing: [Verdict.Reason] = []
        var riskRanks: [RiskCategory: Int] = [:]
        var setRisks: Set<RiskCategory> = []

        // Open findings are reasons; a proposal (an AI reviewer's, a linter's) that would change the
        // decision if accepted is judged before an APPROVE stands: fail closed on what nobody has
        // read yet (a LOW one would not change it).
        for f in review.findings.sorted(by: Finding.reportOrder) where f.status == .open || (f.status == .proposed && f.severity != .low) {
            guard f.status == .open else {
                missing.append(.init(effect: .approve, subject: .finding(f.id),
                                     message: "proposed, not judged: [\(f.severity.rawValue)] \(f.title) (\(f.location.shown)): accept or dismiss it",
                                     proposal: .init(severity: f.severity, title: f.title)))
                continue
            }
            riskRanks[f.risk] = min(riskRanks[f.risk] ?? Int.max, f.severity.rank)
            if !f.isRiskGuessed { setRisks.insert(f.risk) }
            // An outdated finding's line is from an earlier revision: said as such, not as today's line.
            let what = "[\(f.severity.rawValue)] \(f.title) (\(f.isOutdated ? "outdated: was " : "")\(f.location.shown))"
            switch f.severity {
            case .critical, .high: reasons.append(.init(effect: .block, subject: .finding(f.id), message: "open finding \(what)"))
            case .medium: reasons.append(.init(effect: .approveWithWarnings, subject: .finding(f.id), message: "open finding \(what)"))
            case .low: break
            }
        }

        // The hints are mle-review's own linter: one that would change the decision is taken or
        // dismissed before an APPROVE stands, as an AI reviewer's proposal is (a HIGH pickle load
        // nobody looked at let the review be approved as if it had been read).
        for h in unjudgedHints where h.severity != .low {
            missing.append(.init(effect: .approve, subject: .hint(h.key),
                                 message: "hint not judged: [\(h.severity.rawValue)] \(h.title) (\(h.path):\(h.line), \(h.rule)): take it as a finding or dismiss it",
                                 proposal: .init(severity: h.severity, title: h.title, isHint: true)))
        }

        for section in checklist.sections {
            for item in section.items {
                let state = review.state(of: item.id)
                switch (section.kind, state) {
                case (.blockers, .fail):
                    riskRanks[item.risk] = min(riskRanks[item.risk] ?? Int.max, Severity.high.rank)
                    setRisks.insert(item.risk)
                    reasons.append(.init(effect: .block, subject: .item(item.id), message: "common blocker present: \(item.title)"))
                case (.area, .fail):
                    reasons.append(.init(effect: .approveWithWarnings, subject: .item(item.id), message: "checklist item failed: \(section.title) / \(item.title)"))
                default: break
                }
                let required = section.kind == .blockers || (section.kind == .area && (touchedSections?.contains(section.id) ?? true))
                if required && !state.isDecided {
                    missing.append(.init(effect: .approve, subject: .item(item.id), message: "undecided: \(section.title) / \(item.title)",
                                         area: section.title, item: item.title))
                }
            }
        }

        for run in review.testsRun where run.outcome.isFailure {
            if run.isExplained {
                reasons.append(.init(effect: .approveWithWarnings, subject: .testRun(run.id), message: "test run \(run.outcome.rawValue), explained: \(run.command)"))
            } else {
                reasons.append(.init(effect: .block, subject: .testRun(run.id), message: "test run \(run.outcome.rawValue) without an explanation: \(run.command)"))
            }
        }
        // A pass an imported file reports is that tool's claim: the review's own evidence is a
        // run mle-review made or one a reviewer recorded. (An imported failure still counts.)
        if !review.testsRun.contains(where: { $0.outcome == .passed && $0.importedFrom == nil }) {
            let claimed = review.testsRun.first { $0.outcome == .passed }?.importedFrom
            missing.append(.init(effect: .approve, subject: .review, message: "no passing test or eval run recorded"
                                 + (claimed.map { " by a reviewer (only \($0) reports one)" } ?? "")))
        }

        let computed: Decision = reasons.contains { $0.effect == .block } ? .block
            : reasons.isEmpty ? .approve : .approveWithWarnings
        // Reasons in the order a reader acts on them: blockers first.
        let ordered = reasons.filter { $0.effect == .block } + reasons.filter { $0.effect != .block }
        var decision = computed
        var applied: DecisionOverride?
        var refusal: String?
        var lapsed: String?
        // A loosening override's justification speaks of the reasons it was made over: one
        // that came after (a CRITICAL a pair added, a finding raised to HIGH) is not covered.
        let uncovered = review.override.flatMap { o in
            o.covers.map { covered in ordered.filter { $0.effect.strictness > o.decision.strictness && !covered.contains($0.key) } }
        } ?? []
        if let o = review.override, o.decision.strictness < computed.strictness,
           (o.overridden?.strictness ?? -1) < computed.strictness {
            lapsed = "override to \(o.decision.rawValue) lapsed: it was made over "
                + (o.overridden.map { $0.rawValue } ?? "an unrecorded decision")
                + " and the rules now give \(computed.rawValue); make it again if it still holds"
        } else if let o = review.override, o.decision.strictness < computed.strictness, let first = uncovered.first {
            let more = uncovered.count > 1 ? " (and \(uncovered.count - 1) more reason\(uncovered.count == 2 ? "" : "s"))" : ""
            lapsed = "override to \(o.decision.rawValue) lapsed: it was made before \(first.message)\(more); make it again if it still holds"
        } else if let o = review.override, o.decision != computed {
            if o.decision.strictness > computed.strictness || !(o.justification ?? "").trimmingSpaces().isEmpty {
                decision = o.decision
                applied = o
            } else {
                refusal = "override to \(o.decision.rawValue) ignored: a less strict decision than \(computed.rawValue) needs a written justification"
            }
        }
        let risks = riskRanks.sorted { a, b in
            a.value != b.value ? a.value < b.value
                : a.key.rank < b.key.rank
        }.map(\.key)
        // A finished review was short by as many steps as its record says, by the rules it was
        // finished under. Hints became steps after some reviews were finished (and a newer
        // scanner finds more on an old diff): unless the record counted them, they are not
        // said now to have been left undone.
        if let f = review.finish, f.decision != .block, f.undoneSteps != missing.count {
            missing = missing.filter { $0.proposal?.isHint != true }
        }
        return Verdict(computed: computed, decision: decision, reasons: ordered, missing: missing,
                       primaryRisks: risks, guessedRisks: risks.filter { !setRisks.contains($0) },
                       override: applied, overrideRefusal: refusal, overrideLapsed: lapsed)
    }
}
