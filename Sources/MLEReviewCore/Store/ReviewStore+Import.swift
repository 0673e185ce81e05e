import Foundation
import GRDB

/// What an import did, for the one line `import` prints.
public struct ImportSummary: Sendable, Equatable {
    public var reviewID: String
    public var created: Bool
    /// Asked for a new review of a diff that already had an open one: the findings went there,
    /// where the reviewer's work is (a second review of the same range hid it: reopening the
    /// range resumed the newer one).
    public var joinedOpen = false
    public var newFindings = 0
    /// Findings the review already had (same origin, path, line and title): left as they are,
    /// so a dismissal stands.
    public var alreadyThere = 0
    /// Of those, proposals an `--accept` import opened (a dismissal stands).
    public var acceptedNow = 0
    /// New findings on a path or line that is not in the review's diff: kept, and said.
    public var notInDiff = 0
    public var newRuns = 0
    public var runsAlreadyThere = 0
    /// New findings by the state they arrived in.
    public var byStatus: [FindingStatus: Int] = [:]

    /// `2 open, 1 resolved`: findings by state, in the states' order.
    public static func counts(_ byStatus: [FindingStatus: Int]) -> String {
        FindingStatus.allCases.compactMap { s in byStatus[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
    }

    public var line: String {
        var parts = ["\(newFindings) new finding\(newFindings == 1 ? "" : "s")"]
        if !byStatus.isEmpty { parts[0] += " (" + Self.counts(byStatus) + ")" }
        parts.append("\(alreadyThere) already there" + (acceptedNow > 0 ? " (\(acceptedNow) of them accepted now)" : ""))
        if notInDiff > 0 { parts.append("\(notInDiff) not in the diff (kept)") }
        var runs = "\(newRuns) test run\(newRuns == 1 ? "" : "s")"
        if runsAlreadyThere > 0 { runs += " (\(runsAlreadyThere) already there)" }
        parts.append(runs)
        return parts.joined(separator: ", ")
    }
}

extension ReviewStore {
    public enum ImportTarget: Sendable {
        case existing(String)
        /// The open review of this diff, or a new one created in the same transaction as the import.
        case new(ReviewInput, Checklist, Reviewer?)
    }

    /// Adds findings and test runs to a review, matching what is already there: a finding with
    /// the same origin, path, line and title (or a test run with the same command, outcome and
    /// summary) is not added again. Everything, the new review included, is one transaction:
    /// an import lands whole or not at all. Ids already used in the store are replaced.
    public func importFindings(_ findings: [Finding], testsRun: [TestRun], into target: ImportTarget,
                               inDiff: (Location) -> Bool) throws(InputError) -> ImportSummary {
        var packed: (sha: String, packed: (encoding: String, bytes: [UInt8]), size: Int, paths: [String])?
        if case .new(let input, _, _) = target {
            packed = (Hashing.sha256Hex(input.bytes), Self.pack(input.bytes), input.bytes.count, DiffParser.parse(input.bytes).touchedPaths)
        }
        let path = self.path
        return try write { db in
            let id: String
            var summary: ImportSummary
            switch target {
            case .existing(let existing):
                id = existing
                summary = ImportSummary(reviewID: id, created: false)
            case .new(let input, let checklist, let reviewer):
                if let open = try Self.find(db, source: input.source, openOnly: true) {
                    id = open
                    summary = ImportSummary(reviewID: id, created: false, joinedOpen: true)
                    break
                }
                if let p = packed { try Self.insertDiff(db, sha: p.sha, packed: p.packed, size: p.size, paths: p.paths, replace: false) }
                try Self.insertChecklist(db, checklist)
                let review = Review(source: input.source, checklist: ChecklistRef(checklist), reviewers: reviewer.map { [$0] } ?? [])
                try Self.insert(db, review, path: path)
                id = review.id
                summary = ImportSummary(reviewID: id, created: true)
            }
            let now = Date().timeIntervalSince1970
            try Self.gate(db, id, path: path, at: now)
            let existing = try Self.reviews(db, only: id).first
            summary.alreadyThere = try Self.addNew(findings, have: existing?.findings ?? [], key: Self.matchKey, db: db, table: "findings",
                                                   renew: { $0.id = Review.newID(prefix: "f") }, id: \.id) { f in
                try Self.upsertFinding(db, id, f)
                summary.newFindings += 1
                summary.byStatus[f.status, default: 0] += 1
                if !inDiff(f.location) { summary.notInDiff += 1 }
            }
            // `import --accept` again after an import without it: "2 already there" and the two
            // stayed proposals. Asked for open, proposals open; a dismissal is a judgement and stands.
            let accepting = Set(findings.filter { $0.status == .open }.map(Self.matchKey))
            for f in existing?.findings ?? [] where f.status == .proposed && accepting.contains(Self.matchKey(f)) {
                try Self.updateStatus(db, id, findingID: f.id, status: .open, dismissal: nil, at: now)
                try Self.recordActivity(db, id, at: now, who: nil, kind: "finding-status", subject: f.id, detail: Finding.statusLabel(.open, dismissal: nil))
                summary.acceptedNow += 1
            }
            summary.runsAlreadyThere = try Self.addNew(testsRun, have: existing?.testsRun ?? [], key: Self.matchKey, db: db, table: "test_runs",
                                                       renew: { $0.id = Review.newID(prefix: "t") }, id: \.id) { t in
                try Self.insertTestRun(db, id, t)
                summary.newRuns += 1
            }
            try Self.recordActivity(db, id, at: now, who: nil, kind: "import", subject: nil, detail: summary.line)
            return summary
        }
    }

    /// Adds the items whose key is not among `have` (nor earlier in `items`), with a new id
    /// where theirs is taken in the store; returns how many were already there.
    static func addNew<T>(_ items: [T], have: [T], key: (T) -> String, db: Database, table: String,
                          renew: (inout T) -> Void, id: KeyPath<T, String>, insert: (T) throws -> Void) throws -> Int {
        var keys = Set(have.map(key))
        var already = 0
        for var item in items {
            guard keys.insert(key(item)).inserted else { already += 1; continue }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [item[keyPath: id]]) ?? false { renew(&item) }
            try insert(item)
        }
        return already
    }

    /// What makes two findings the same finding for an import.
    static func matchKey(_ f: Finding) -> String {
        [f.origin.code, f.location.path, f.location.side.rawValue, f.location.line.map(String.init) ?? "", f.title].joined(separator: "\u{1F}")
    }

    static func matchKey(_ t: TestRun) -> String {
        [t.command, t.outcome.rawValue, t.summary, t.explanation ?? ""].joined(separator: "\u{1F}")
    }
}
