import GRDB

/// How the reviewers judged what they did not write: each AI reviewer's or linter's imported
/// findings, and each built-in hint rule, counted as accepted (opened, later resolved or not),
/// dismissed (and why, when the reviewer said), or undecided (still proposed). A lead reads a
/// source's precision off it: right out of decided, where a dismissed duplicate or true but
/// minor point was right, and a dismissal without a reason counts as wrong.
public struct SourceJudgement: Sendable, Equatable {
    public var source: String
    public var accepted = 0
    /// Every dismissal, with a reason or without.
    public var dismissed = 0
    public var wrong = 0
    public var duplicate = 0
    public var minor = 0
    public var undecided = 0

    public var total: Int { accepted + dismissed + undecided }
    /// Right (accepted, or dismissed as a duplicate or as true but minor) out of decided; nil
    /// before any decision.
    public var precision: Double? {
        accepted + dismissed == 0 ? nil : Double(accepted + duplicate + minor) / Double(accepted + dismissed)
    }

    mutating func dismiss(_ reason: DismissalReason?) {
        dismissed += 1
        switch reason {
        case .wrong: wrong += 1
        case .duplicate: duplicate += 1
        case .minor: minor += 1
        case nil: break
        }
    }

    /// Imported findings by their tool (SARIF's driver) or, without one, the file they came
    /// from (its name only); then hints by rule (a dismissed hint never became a finding: its dismissal counts).
    public static func count(findings: [(origin: Origin, author: String?, status: FindingStatus, dismissal: DismissalReason?)],
                             dismissedHints: [(key: String, reason: DismissalReason?)]) -> [SourceJudgement] {
        var bySource: [String: SourceJudgement] = [:]
        func add(_ source: String, _ body: (inout SourceJudgement) -> Void) {
            body(&bySource[source, default: SourceJudgement(source: source)])
        }
        for f in findings {
            guard let source = Finding.source(origin: f.origin, author: f.author) else { continue }
            add(source) { j in
                switch f.status {
                case .proposed: j.undecided += 1
                case .dismissed: j.dismiss(f.dismissal)
                case .open, .resolved: j.accepted += 1
                }
            }
        }
        for hint in dismissedHints {
            guard let rule = hint.key.split(separator: " ", maxSplits: 1).first, !rule.isEmpty else { continue }
            add("hint " + rule) { $0.dismiss(hint.reason) }
        }
        return bySource.values.sorted { ($1.total, $0.source) < ($0.total, $1.source) }
    }
}

extension ReviewStore {
    /// The imported and hint findings, and the dismissed hints, of the given reviews.
    public func judgements(reviewIDs: Set<String>) throws(InputError) -> [SourceJudgement] {
        try read { db in
            var findings: [(origin: Origin, author: String?, status: FindingStatus, dismissal: DismissalReason?)] = []
            for r in try Row.fetchAll(db, sql: "SELECT review_id, origin, author, status, dismissal FROM findings WHERE origin != 'typed'")
            where reviewIDs.contains(r["review_id"]) {
                guard let status = FindingStatus(rawValue: r["status"]) else { continue }
                findings.append((Origin(code: r["origin"]), r["author"], status, DismissalReason(stored: r["dismissal"])))
            }
            var hints: [(key: String, reason: DismissalReason?)] = []
            for r in try Row.fetchAll(db, sql: "SELECT review_id, hint_key, reason FROM hint_dismissals") where reviewIDs.contains(r["review_id"]) {
                hints.append((r["hint_key"], DismissalReason(stored: r["reason"])))
            }
            return SourceJudgement.count(findings: findings, dismissedHints: hints)
        }
    }
}
