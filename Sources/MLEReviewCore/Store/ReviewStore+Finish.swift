import Foundation
import GRDB

/// Finishing reviews, reopening them as new revisions, and the hash chain over finished ones.
extension ReviewStore {
    /// Freezes a review with its decision and appends its record to the chain, in one transaction.
    /// Finishing a review that is already finished returns its record unchanged.
    @discardableResult
    public func finish(_ reviewID: String, decision: Decision, primaryRisks: [RiskCategory], by: String?,
                       at: Date = Date(), undoneSteps: Int? = nil) throws(InputError) -> ReviewRecord {
        let path = self.path
        return try write { db in
            try Self.finish(db, reviewID, decision: decision, primaryRisks: primaryRisks, by: by, at: at, undoneSteps: undoneSteps, path: path)
        }
    }

    static func finish(_ db: Database, _ reviewID: String, decision: Decision, primaryRisks: [RiskCategory], by: String?,
                       at: Date, undoneSteps: Int? = nil, path: String) throws -> ReviewRecord {
        if let existing = try record(db, reviewID: reviewID) { return existing }
        try writeFinish(db, reviewID, Finish(decision: decision, primaryRisks: primaryRisks, finishedAt: at, finishedBy: by, undoneSteps: undoneSteps),
                        onlyIfOpen: true)
        if db.changesCount != 1 { try refuseEdit(db, reviewID, path: path) }
        // Whoever finishes a review answers for its verdict: they are among its reviewers (the
        // log's REVIEWERS, `--reviewer`, stats), even when someone else opened it.
        if let by, !by.isEmpty,
           try String.fetchOne(db, sql: "SELECT name FROM reviewers WHERE review_id = ? AND name = ?", arguments: [reviewID, by]) == nil {
            try insertReviewer(db, reviewID, Reviewer(name: by))
        }
        guard let review = try reviews(db, only: reviewID).first else { throw InputError("store \(path): no review \(reviewID)") }
        let document = ReviewRecord.canonical(review)
        let previous = try String.fetchOne(db, sql: "SELECT chain_sha256 FROM records ORDER BY seq DESC LIMIT 1") ?? ReviewRecord.genesis
        let recordHash = Hashing.sha256Hex(document)
        let chain = ReviewRecord.chain(previous: previous, record: recordHash)
        try db.execute(sql: """
            INSERT INTO records (review_id, document, record_sha256, previous_sha256, chain_sha256, summary) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [reviewID, Data(document), recordHash, previous, chain, RecordedSummary(document: document)?.key])
        return ReviewRecord(sequence: Int(db.lastInsertedRowID), reviewID: reviewID, document: document,
                            recordSHA256: recordHash, previousSHA256: previous, chainSHA256: chain)
    }

    public func record(of reviewID: String) throws(InputError) -> ReviewRecord? {
        try read { db in try Self.record(db, reviewID: reviewID) }
    }

    static func record(_ db: Database, reviewID: String) throws -> ReviewRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM records WHERE review_id = ?", arguments: [reviewID]).map(record)
    }

    static func record(_ r: Row) -> ReviewRecord {
        ReviewRecord(sequence: r["seq"], reviewID: r["review_id"], document: Array(r["document"] as Data),
                     recordSHA256: r["record_sha256"], previousSHA256: r["previous_sha256"], chainSHA256: r["chain_sha256"])
    }

    /// Starts a new, open revision of a finished review: same diff, ticks, findings and test runs,
    /// linked to the one before. When the review already has a newer revision, that one is
    /// reopened instead (or returned, when it is still open), so revisions never fork.
    public func reopen(_ reviewID: String, reviewer: Reviewer?) throws(InputError) -> (id: String, created: Bool) {
        let tip = try latestRevision(of: reviewID)
        var review = try load(tip)
        guard review.isFinished else { return (tip, false) }
        let now = Date()
        review.revisionOf = review.id
        review.id = Review.newID()
        review.finish = nil
        // An override answered the facts of the finished revision; the new one is judged afresh.
        review.override = nil
        review.createdAt = now
        review.updatedAt = now
        review.findings = review.findings.map { var f = $0; f.id = Review.newID(prefix: "f"); return f }
        review.testsRun = review.testsRun.map { var t = $0; t.id = Review.newID(prefix: "t"); return t }
        if let reviewer, !review.reviewers.contains(where: { $0.name == reviewer.name }) { review.reviewers.append(reviewer) }
        let path = self.path, previous = tip, next = review
        try write { db in
            try Self.insert(db, next, path: path)
            // Hints judged not to apply stay dismissed: the diff is the same.
            try db.execute(sql: """
                INSERT INTO hint_dismissals (review_id, hint_key, dismissed_by, dismissed_at, reason)
                SELECT ?, hint_key, dismissed_by, dismissed_at, reason FROM hint_dismissals WHERE review_id = ?
                """, arguments: [next.id, previous])
        }
        return (review.id, true)
    }

    /// Follows revision links forward to the newest revision.
    public func latestRevision(of reviewID: String) throws(InputError) -> String {
        try read { db in
            var id = reviewID
            var seen: Set<String> = [id]
            while let next = try String.fetchOne(db, sql: "SELECT id FROM reviews WHERE revision_of = ? ORDER BY created_at DESC LIMIT 1",
                                                 arguments: [id]), seen.insert(next).inserted {
                id = next
            }
            return id
        }
    }

    /// Every revision of the review's line, oldest first (the review itself included).
    public func revisions(of reviewID: String) throws(InputError) -> [(id: String, finish: Finish?, createdAt: Date)] {
        var first = reviewID
        try read { db in
            var seen: Set<String> = [first]
            while let prev = try String.fetchOne(db, sql: "SELECT revision_of FROM reviews WHERE id = ?", arguments: [first]),
                  seen.insert(prev).inserted,
                  try Bool.fetchOne(db, sql: "SELECT 1 FROM reviews WHERE id = ?", arguments: [prev]) == true {
                first = prev
            }
        }
        var out: [(String, Finish?, Date)] = []
        var id: String? = first
        var seen: Set<String> = []
        while let current = id, seen.insert(current).inserted {
            let r = try load(current)
            out.append((r.id, r.finish, r.createdAt))
            id = try read { db in
                try String.fetchOne(db, sql: "SELECT id FROM reviews WHERE revision_of = ? ORDER BY created_at DESC LIMIT 1", arguments: [current])
            }
        }
        return out
    }
}

/// What `log --verify` reports.
public struct ChainReport: Sendable {
    public var records: Int
    /// The last chain hash: write it down (or publish it) to anchor everything before it.
    public var head: String
    public var problem: (reviewID: String, sequence: Int, reason: String)?
}

extension ReviewStore {
    /// Recomputes the chain from the first record: each record's own hash, its link to the one
    /// before, and whether the review's rows still say what the record says. Stops at the first
    /// record that does not match.
    public func verifyChain() throws(InputError) -> ChainReport {
        let (records, reviews, unrecorded, imported) = try read { db in
            let records = try Row.fetchAll(db, sql: "SELECT * FROM records ORDER BY seq").map(Self.record)
            let unrecorded = try String.fetchOne(db, sql: """
                SELECT id FROM reviews WHERE finished_at IS NOT NULL AND id NOT IN (SELECT review_id FROM records)
                    AND id NOT IN (SELECT review_id FROM imported_records) LIMIT 1
                """)
            let imported = try Row.fetchAll(db, sql: "SELECT review_id, original_id, document, record_sha256 FROM imported_records ORDER BY rowid")
                .map { (id: $0["review_id"] as String, original: $0["original_id"] as String, document: Array($0["document"] as Data),
                        sha: $0["record_sha256"] as String) }
            return (records, try Self.reviews(db), unrecorded, imported)
        }
        // Rendering each review's canonical form is the cost; it is independent per record.
        let byID = Dictionary(reviews.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rendered = Parallel.map(records.count) { i in byID[records[i].reviewID].map(ReviewRecord.canonical) }
        var previous = ReviewRecord.genesis
        let chains = Set(records.map(\.chainSHA256))
        for (i, r) in records.enumerated() {
            func fail(_ reason: String) -> ChainReport {
                ChainReport(records: i + 1, head: previous, problem: (r.reviewID, r.sequence, reason))
            }
            if Hashing.sha256Hex(r.document) != r.recordSHA256 {
                return fail("its stored record was changed after it was finished (the record's hash does not match)")
            }
            if r.previousSHA256 != previous {
                return fail(chains.contains(r.previousSHA256) ? "its link to the record before it is broken (finished reviews were reordered or rewritten)"
                                                              : "the record before it is missing (a finished review's record was removed)")
            }
            if ReviewRecord.chain(previous: previous, record: r.recordSHA256) != r.chainSHA256 {
                return fail("its chain hash does not match")
            }
            guard let now = rendered[i] else { return fail("the review itself is gone from the store") }
            if now != r.document {
                let parts = ReviewRecord.differingParts(r.document, now)
                return fail("its \(parts.isEmpty ? "rows" : parts.joined(separator: ", ")) changed after it was finished")
            }
            previous = r.chainSHA256
        }
        if let unrecorded {
            return ChainReport(records: records.count, head: previous, problem: (unrecorded, 0, "it is marked finished but has no record in the chain"))
        }
        // Reviews pulled from others are outside this chain; each must still match its record.
        for r in imported {
            let problem = { (why: String) in ChainReport(records: records.count, head: previous, problem: (r.id, 0, "imported: " + why)) }
            if Hashing.sha256Hex(r.document) != r.sha { return problem("its stored record does not match its hash") }
            guard var review = byID[r.id] else { return problem("the review itself is gone from the store") }
            // A conflicting copy was stored under suffixed ids; its record holds the originals.
            if review.id != r.original {
                let suffix = review.id.dropFirst(r.original.count)
                review.id = r.original
                review.findings = review.findings.map { var f = $0; if f.id.hasSuffix(suffix) { f.id.removeLast(suffix.count) }; return f }
                review.testsRun = review.testsRun.map { var t = $0; if t.id.hasSuffix(suffix) { t.id.removeLast(suffix.count) }; return t }
            }
            let now = ReviewRecord.canonical(review)
            if now != r.document {
                let parts = ReviewRecord.differingParts(r.document, now)
                return problem("its \(parts.isEmpty ? "rows" : parts.joined(separator: ", ")) changed after it was imported")
            }
        }
        return ChainReport(records: records.count, head: previous, problem: nil)
    }
}
