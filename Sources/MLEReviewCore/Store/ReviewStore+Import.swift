import Foundation
import GRDB

/// What an import did, for the one line `import` prints.
public struct ImportSummary: Sendable, Equatable {
    public var reviewID: String
    public var created: Bool
    public var newFindings = 0
    /// Findings the review already had (same origin, path, line and title): left as they are,
    /// so a dismissal stands.
    public var alreadyThere = 0
    /// New findings on a path or line that is not in the review's diff: kept, and said.
    public var notInDiff = 0
    public var newRuns = 0
    public var runsAlreadyThere = 0
    /// New findings by the state they arrived in.
    public var byStatus: [FindingStatus: Int] = [:]

    public var line: String {
        var parts = ["\(newFindings) new finding\(newFindings == 1 ? "" : "s")"]
        if !byStatus.isEmpty {
            parts[0] += " (" + FindingStatus.allCases.compactMap { s in byStatus[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ") + ")"
        }
        parts.append("\(alreadyThere) already there")
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
        /// A new review of this diff, created in the same transaction as the import.
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
                if let p = packed, try !(Bool.fetchOne(db, sql: "SELECT 1 FROM diffs WHERE sha256 = ?", arguments: [p.sha]) ?? false) {
                    try Self.insertDiff(db, sha: p.sha, packed: p.packed, size: p.size, paths: p.paths, replace: false)
                }
                try db.execute(sql: "INSERT OR IGNORE INTO checklists (sha256, source, markdown) VALUES (?, ?, ?)",
                               arguments: [checklist.sha256, checklist.source, checklist.markdown])
                let review = Review(source: input.source, checklist: ChecklistRef(checklist), reviewers: reviewer.map { [$0] } ?? [])
                try Self.insert(db, review, path: path)
                id = review.id
                summary = ImportSummary(reviewID: id, created: true)
            }
            try Self.gate(db, id, path: path)
            let have = try Self.reviews(db, only: id).first?.findings ?? []
            var keys = Set(have.map(Self.matchKey))
            for var f in findings {
                guard keys.insert(Self.matchKey(f)).inserted else { summary.alreadyThere += 1; continue }
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM findings WHERE id = ?", arguments: [f.id]) ?? false {
                    f.id = Review.newID(prefix: "f")
                }
                try Self.upsertFinding(db, id, f)
                summary.newFindings += 1
                summary.byStatus[f.status, default: 0] += 1
                if !inDiff(f.location) { summary.notInDiff += 1 }
            }
            let runs = try Self.reviews(db, only: id).first?.testsRun ?? []
            var runKeys = Set(runs.map(Self.matchKey))
            for var t in testsRun {
                guard runKeys.insert(Self.matchKey(t)).inserted else { summary.runsAlreadyThere += 1; continue }
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM test_runs WHERE id = ?", arguments: [t.id]) ?? false {
                    t.id = Review.newID(prefix: "t")
                }
                try Self.insertTestRun(db, id, t)
                summary.newRuns += 1
            }
            try db.execute(sql: "INSERT INTO activity (review_id, at, who, kind, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, Date().timeIntervalSince1970, nil, "import", nil, summary.line])
            return summary
        }
    }

    /// What makes two findings the same finding for an import.
    static func matchKey(_ f: Finding) -> String {
        [f.origin.code, f.location.path, f.location.side.rawValue, f.location.line.map(String.init) ?? "", f.title].joined(separator: "\u{1F}")
    }

    static func matchKey(_ t: TestRun) -> String {
        [t.command, t.outcome.rawValue, t.summary, t.explanation ?? ""].joined(separator: "\u{1F}")
    }

    /// The edit gate inside an open transaction: refuses a finished review, bumps the version.
    static func gate(_ db: Database, _ reviewID: String, path: String) throws {
        try db.execute(sql: "UPDATE reviews SET updated_at = ?, version = version + 1 WHERE id = ? AND finished_at IS NULL",
                       arguments: [Date().timeIntervalSince1970, reviewID])
        if db.changesCount != 1 { try refuseEdit(db, reviewID, path: path) }
    }
}
