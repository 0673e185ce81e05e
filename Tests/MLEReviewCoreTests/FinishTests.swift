import Foundation
import GRDB
@testable import MLEReviewCore
import Testing

/// Finishing freezes a review; reopening starts a linked revision; the hash chain catches edits
/// made behind the tool's back.
struct FinishTests {
    let store: ReviewStore
    let path: String

    init() throws {
        path = TestScratch.directory.appendingPathComponent("finish-\(UUID().uuidString)/reviews.sqlite").path
        store = try ReviewStore(path: path)
    }

    func reviewWithWork(_ diff: String = "diff --git a/a.py b/a.py\n") throws -> String {
        let bytes = Array(diff.utf8)
        let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        let id = try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada")).id
        try store.setItem(id, item: "metrics/primary-metric", mark: ItemMark(state: .pass, setBy: "Ada"))
        try store.saveFinding(id, Finding(severity: .high, title: "Scaler fit on all rows", location: Location(path: "a.py", line: 3),
                                          issue: "leak", fix: "fit on train", risk: .dataLeakage, author: "Ada"))
        try store.addTestRun(id, TestRun(command: "pytest", outcome: .passed))
        return id
    }

    /// A raw connection, as someone editing the database file with sqlite3 would have.
    func behindTheBack(_ sql: String, _ arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
        try queue.close()
    }

    @Test func finishingRecordsTheDecisionAndFreezesTheReview() throws {
        let id = try reviewWithWork()
        let record = try store.finish(id, decision: .block, primaryRisks: [.dataLeakage], by: "Ada")
        let r = try store.load(id)
        #expect(r.finish?.decision == .block && r.finish?.primaryRisks == [.dataLeakage] && r.finish?.finishedBy == "Ada")
        #expect(record.previousSHA256 == ReviewRecord.genesis)
        #expect(record.recordSHA256 == Hashing.sha256Hex(ReviewRecord.canonical(r)))
        // The record reads back to the same canonical bytes (times are kept to the millisecond).
        #expect(ReviewRecord.review(from: record.document).map(ReviewRecord.canonical) == record.document)

        // Every kind of edit is refused with a sentence that says why and what to do.
        let edits: [() throws -> Void] = [
            { try store.setItem(id, item: "metrics/primary-metric", mark: ItemMark(state: .fail)) },
            { try store.saveFinding(id, Finding(severity: .low, title: "x", location: Location(path: "a.py"))) },
            { try store.setFindingStatus(id, findingID: r.findings[0].id, status: .resolved) },
            { try store.addTestRun(id, TestRun(command: "make eval", outcome: .failed)) },
            { try store.setViewed(id, path: "a.py", diffHash: "h") },
            { try store.setOverride(id, DecisionOverride(decision: .approve, justification: "ok")) },
            { try store.dismissHint(id, key: "k", by: nil) },
            { try store.addReviewer(id, Reviewer(name: "Grace")) },
        ]
        for edit in edits {
            #expect(throws: InputError.self) { try edit() }
        }
        do { try edits[0]() } catch let e as InputError { #expect(e.message.contains("finished") && e.message.contains("reopen")) }
        #expect(try store.load(id) == r)
        // Finishing again is a no-op that returns the same record.
        #expect(try store.finish(id, decision: .approve, primaryRisks: [], by: "Eve") == record)
    }

    @Test func timestampsReadBackToTheSameText() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: 0...4_000_000_000, using: &rng))
            let text = Timestamp.format(date)
            #expect(Timestamp.parse(text).map(Timestamp.format) == text)
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_000_000.1996)) == "2026-11-18T11:06:40.200Z")
    }

    @Test func reopeningStartsALinkedRevisionAndNeverForks() throws {
        let id = try reviewWithWork()
        try store.finish(id, decision: .block, primaryRisks: [.dataLeakage], by: "Ada")
        let (rev, created) = try store.reopen(id, reviewer: Reviewer(name: "Grace"))
        #expect(created && rev != id)
        let old = try store.load(id), new = try store.load(rev)
        #expect(new.revisionOf == id && !new.isFinished)
        #expect(new.items == old.items && new.findings.map(\.title) == old.findings.map(\.title))
        #expect(Set(new.findings.map(\.id)).isDisjoint(with: old.findings.map(\.id)))
        #expect(new.reviewers.map(\.name) == ["Ada", "Grace"])
        // The revision can be edited; the original cannot.
        try store.setItem(rev, item: "metrics/primary-metric", mark: ItemMark(state: .fail))
        #expect(try store.load(id).items["metrics/primary-metric"]?.state == .pass)
        // Reopening the old one again lands on the open revision instead of forking a second one.
        #expect(try store.reopen(id, reviewer: nil) == (rev, false))
        try store.finish(rev, decision: .approveWithWarnings, primaryRisks: [], by: "Grace")
        let (third, _) = try store.reopen(id, reviewer: nil)
        #expect(try store.load(third).revisionOf == rev)
        #expect(try store.revisions(of: rev).map(\.id) == [id, rev, third])
        // Resuming the same source opens the newest revision.
        #expect(try store.find(source: old.source) == third)
    }

    @Test func theChainVerifiesAndNamesTheFirstTamperedRecord() throws {
        var ids: [String] = []
        for n in 0..<3 {
            let id = try reviewWithWork("diff --git a/\(n).py b/\(n).py\n")
            try store.finish(id, decision: .approveWithWarnings, primaryRisks: [], by: "Ada")
            ids.append(id)
        }
        let clean = try store.verifyChain()
        #expect(clean.records == 3 && clean.problem == nil)
        #expect(clean.head == (try store.record(of: ids[2]))?.chainSHA256)

        // A finding's severity lowered with sqlite3 after the review was finished.
        try behindTheBack("UPDATE findings SET severity = 'LOW' WHERE review_id = ?", [ids[1]])
        let report = try store.verifyChain()
        #expect(report.problem?.reviewID == ids[1])
        #expect(report.problem?.reason.contains("findings changed after it was finished") == true)
    }

    @Test func aRewrittenRecordOrADeletedOneBreaksTheChain() throws {
        var ids: [String] = []
        for n in 0..<3 {
            let id = try reviewWithWork("diff --git a/\(n).py b/\(n).py\n")
            try store.finish(id, decision: .block, primaryRisks: [.dataLeakage], by: "Ada")
            ids.append(id)
        }
        // Decision changed both in the row and in the record, with the record's own hash recomputed.
        let doc = try #require(try store.record(of: ids[0])).document
        let forged = Array(String(decoding: doc, as: UTF8.self).replacingOccurrences(of: "\"BLOCK\"", with: "\"APPROVE\"").utf8)
        try behindTheBack("UPDATE reviews SET decision = 'APPROVE' WHERE id = ?", [ids[0]])
        try behindTheBack("UPDATE records SET document = ?, record_sha256 = ? WHERE review_id = ?",
                          [Data(forged), Hashing.sha256Hex(forged), ids[0]])
        #expect(try store.verifyChain().problem?.reviewID == ids[0])
        #expect(try store.verifyChain().problem?.reason.contains("chain hash") == true)

        let other = try FinishTests()
        var kept: [String] = []
        for n in 0..<3 {
            let id = try other.reviewWithWork("diff --git a/\(n).py b/\(n).py\n")
            try other.store.finish(id, decision: .block, primaryRisks: [], by: "Ada")
            kept.append(id)
        }
        try other.behindTheBack("DELETE FROM records WHERE review_id = ?", [kept[1]])
        let report = try other.store.verifyChain()
        #expect(report.problem?.reviewID == kept[2])
        #expect(report.problem?.reason.contains("record before it is missing") == true)
    }

    @Test func diffsAreStoredCompressedAndReadBackExactly() throws {
        var text = ""
        for i in 0..<2000 { text += "+    model.fit(X_train_\(i % 7), y_train)  # line \(i)\n" }
        let bytes = Array(("diff --git a/train.py b/train.py\n--- a/train.py\n+++ b/train.py\n@@ -0,0 +1,2000 @@\n" + text).utf8)
        let sha = try store.saveDiff(bytes)
        #expect(try store.diff(sha256: sha) == bytes)
        let stored = try DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT length(bytes) AS n, encoding FROM diffs WHERE sha256 = ?", arguments: [sha])
        }
        #expect(stored?["encoding"] == "zlib")
        #expect((stored?["n"] as Int? ?? .max) < bytes.count / 4)
        // A damaged blob is an error naming the diff, never wrong bytes.
        try behindTheBack("UPDATE diffs SET bytes = substr(bytes, 1, 100) WHERE sha256 = ?", [sha])
        #expect(throws: InputError.self) { try store.diff(sha256: sha) }
    }
}

/// A store written before compression (schema v2) opens, and its diffs are compressed and indexed.
struct MigrationTests {
    @Test func aVersion2StoreGainsCompressedDiffsAndTheirPaths() throws {
        let path = TestScratch.directory.appendingPathComponent("v2-\(UUID().uuidString).sqlite").path
        let bytes = Array("diff --git a/features/a.py b/features/a.py\n--- a/features/a.py\n+++ b/features/a.py\n@@ -1 +1,2 @@\n x\n+y\n".utf8)
        let sha = Hashing.sha256Hex(bytes)
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v2-hint-dismissals")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO diffs (sha256, bytes) VALUES (?, ?)", arguments: [sha, Data(bytes)])
                try db.execute(sql: """
                    INSERT INTO reviews (id, source_kind, patch_path, diff_sha256, checklist_source, checklist_sha256, created_at, updated_at)
                    VALUES ('r-old', 'patch', 'pr.diff', ?, 'built-in', 'x', 1, 1)
                    """, arguments: [sha])
            }
            try queue.close()
        }
        let store = try ReviewStore(path: path)
        #expect(try store.diff(sha256: sha) == bytes)
        #expect(try store.log(LogFilter(pathGlob: "features/*")).map(\.id) == ["r-old"])
        let encoding = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT encoding FROM diffs") }
        #expect(encoding == "zlib")
        #expect(try store.load("r-old").finish == nil)
    }
}
