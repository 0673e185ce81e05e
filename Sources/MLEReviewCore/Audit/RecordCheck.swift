import Foundation
import GRDB

/// Every view of a finished review checks it against its record: a row edited after finishing
/// (with sqlite3, say) is never shown as genuine. The view shows the recorded values and says so.
extension ReviewStore {
    public struct Checked: Sendable {
        /// The review as recorded when it was finished (or as stored, when it matches or is open).
        public var review: Review
        /// Set when the stored rows (or the record) no longer match: one line for the view.
        public var tampered: String?
    }

    /// Loads a review; for a finished one, re-renders its rows and compares them with its record.
    public func loadChecked(_ id: String) throws(InputError) -> Checked {
        let review = try load(id)
        guard let finish = review.finish else { return Checked(review: review, tampered: nil) }
        let stored = try read { db -> (document: [UInt8], sha: String)? in
            if let r = try Row.fetchOne(db, sql: "SELECT document, record_sha256 FROM records WHERE review_id = ?", arguments: [id]) {
                return (Array(r["document"] as Data), r["record_sha256"])
            }
            if let r = try Row.fetchOne(db, sql: "SELECT document, record_sha256, review_id, original_id FROM imported_records WHERE review_id = ?",
                                        arguments: [id]), (r["review_id"] as String) == (r["original_id"] as String) {
                return (Array(r["document"] as Data), r["record_sha256"])
            }
            return nil
        }
        let when = Timestamp.format(finish.finishedAt)
        guard let stored else {
            if try read({ db in try Bool.fetchOne(db, sql: "SELECT 1 FROM imported_records WHERE review_id = ?", arguments: [id]) ?? false }) {
                return Checked(review: review, tampered: nil) // a conflicting copy: checked by `log --verify`
            }
            return Checked(review: review, tampered: "TAMPERED: marked finished (\(when)) but it has no record; nothing shown can be trusted")
        }
        guard Hashing.sha256Hex(stored.document) == stored.sha, let recorded = ReviewRecord.review(from: stored.document) else {
            return Checked(review: review, tampered: "TAMPERED: the record of \(when) no longer matches its own hash; showing the stored rows, which cannot be trusted")
        }
        if ReviewRecord.canonical(review) == stored.document { return Checked(review: review, tampered: nil) }
        return Checked(review: recorded, tampered: "TAMPERED: the stored rows no longer match the record of \(when); showing the recorded values")
    }
}

/// What the log shows of a finished review, read from its record rather than its rows.
struct RecordedSummary: Equatable, Sendable {
    var decision: String?
    var risks: [String]
    /// Open findings by severity, and resolved ones apart (as the log shows them).
    var findings: [String: Int]
    var resolved: [String: Int] = [:]
    var reviewers: [String]
    var decided: Int
    /// Required steps left undone at the finish; nil in records from before it was kept.
    var undone: Int?

    /// From a record document; JSONSerialization, not the Codable decoder: the log reads thousands.
    init?(document: [UInt8]) {
        guard let top = (try? JSONSerialization.jsonObject(with: Data(document))) as? [String: Any],
              let review = top["review"] as? [String: Any], let finish = review["finish"] as? [String: Any] else { return nil }
        decision = finish["decision"] as? String
        undone = finish["undone_steps"] as? Int
        risks = finish["primary_risks"] as? [String] ?? []
        var open: [String: Int] = [:], resolved: [String: Int] = [:]
        for f in review["findings"] as? [[String: Any]] ?? [] {
            guard let s = f["severity"] as? String else { continue }
            switch f["status"] as? String {
            case "open": open[s, default: 0] += 1
            case "resolved": resolved[s, default: 0] += 1
            default: continue
            }
        }
        findings = open
        self.resolved = resolved
        reviewers = (review["reviewers"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        decided = (review["items"] as? [String: [String: Any]] ?? [:]).values.filter { ($0["state"] as? String).map { $0 != "unchecked" } ?? false }.count
    }

    init(_ e: LogEntry) {
        decision = e.finish?.decision.rawValue
        undone = e.finish?.undoneSteps
        risks = e.primaryRisks.map(\.rawValue)
        findings = Self.named(e.findings)
        resolved = Self.named(e.resolvedFindings)
        reviewers = e.reviewers.map(\.name)
        decided = e.decidedItems
    }

    /// Counts by severity as the record names them (`HIGH`), the severities without any left out.
    static func named(_ counts: [Severity: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: counts.filter { $0.value > 0 }.map { ($0.key.rawValue, $0.value) })
    }

    static func severities(_ counts: [String: Int]) -> [Severity: Int] {
        Dictionary(uniqueKeysWithValues: counts.compactMap { k, v in Severity(rawValue: k).map { ($0, v) } })
    }

    /// One line that is equal exactly when two summaries are. Resolved counts and undone steps
    /// are added only when there are some, so the keys stored before they were kept still match.
    var key: String {
        func counts(_ c: [String: Int]) -> String { c.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
        return [decision ?? "", risks.joined(separator: ","), counts(findings), reviewers.joined(separator: "\u{1F}"), String(decided)]
            .joined(separator: "|") + (resolved.isEmpty ? "" : "|resolved=" + counts(resolved)) + (undone.map { "|undone=\($0)" } ?? "")
    }

    /// The entry with the recorded values in place of the rows' ones.
    func apply(to e: inout LogEntry) {
        if let d = decision.flatMap(Decision.init(rawValue:)), let f = e.finish {
            e.finish = Finish(decision: d, primaryRisks: risks.compactMap(RiskCategory.init(rawValue:)), finishedAt: f.finishedAt, finishedBy: f.finishedBy,
                              undoneSteps: undone)
        }
        e.primaryRisks = risks.compactMap(RiskCategory.init(rawValue:))
        e.findings = Self.severities(findings)
        e.resolvedFindings = Self.severities(resolved)
        e.reviewers = reviewers.map { name in e.reviewers.first { $0.name == name } ?? Reviewer(name: name) }
        e.decidedItems = decided
    }
}

