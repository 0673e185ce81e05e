import Foundation
import GRDB
@testable import MLEReviewCore
import Testing

/// A store written by the previous release (schema up to v5) opens, migrates to this one's, and
/// keeps every review and record: finished ones still verify.
struct SchemaV7MigrationTests {
    @Test func aStoreOfThePreviousSchemaMigratesAndStillVerifies() throws {
        let dir = TestScratch.directory.appendingPathComponent("migrate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/reviews.sqlite"
        // The schema as the last release left it.
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v5-pairing")
        try queue.close()
        // Reviews written through this build's code into the old tables would need the new
        // columns; so the old rows are written as the last release wrote them, by SQL.
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO reviews (id, source_kind, range, base_commit, head_commit, diff_sha256, checklist_source, checklist_sha256,
                    override_decision, override_justification, created_at, updated_at)
                VALUES ('r-old', 'range', 'main...HEAD', 'aaa', 'bbb', 'd1', 'built-in', 'c1', 'APPROVE', 'lead said so', 1.0, 2.0)
                """)
            try db.execute(sql: """
                INSERT INTO findings (id, review_id, position, severity, title, path, side, line, issue, fix, risk, status, origin, created_at, updated_at)
                VALUES ('f-old', 'r-old', 1, 'MEDIUM', 'old finding', 'a.py', 'new', 3, 'i', 'f', 'weak eval', 'open', 'typed', 1.0, 1.0)
                """)
            try db.execute(sql: """
                INSERT INTO test_runs (id, review_id, position, command, outcome, summary, recorded_at)
                VALUES ('t-old', 'r-old', 1, 'pytest', 'passed', '3 passed', 1.5)
                """)
        }
        try old.close()
        let store = try ReviewStore(path: path)
        let review = try store.load("r-old")
        #expect(review.findings.map(\.title) == ["old finding"] && !review.findings[0].isRiskGuessed)
        #expect(review.testsRun.first?.ran == nil && review.testsRun.first?.summary == "3 passed")
        // An override from before overrides recorded what they overrode: it lapses rather than loosen.
        #expect(review.override?.overridden == nil)
        #expect(VerdictRules.evaluate(review, checklist: ChecklistLoader.builtIn).decision == .approveWithWarnings)
        // Finishing works on the migrated store and its record verifies.
        try store.finish("r-old", decision: .approveWithWarnings, primaryRisks: [.weakEval], by: "Ada")
        #expect(try store.verifyChain().problem == nil)
        let version = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == StoreSchema.version)
    }

    /// A lead's first `log` after upgrading mle-review was refused ("written by an older
    /// mle-review; a command that changes reviews upgrades it first") until someone opened a
    /// review. A command that only reads now brings the store up to date when it can write it.
    @Test func logAndShowReadAStoreOfTheSchemaBefore() throws {
        let cli = CommandLineTests()
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/reviews.sqlite"
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v8-dismissal-reasons")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO reviews (id, source_kind, range, base_commit, head_commit, diff_sha256, checklist_source, checklist_sha256,
                    override_decision, override_justification, override_computed, created_at, updated_at)
                VALUES ('r-v8', 'range', 'main...feature', 'aaa', 'bbb', 'd1', 'built-in', 'c1', 'APPROVE WITH WARNINGS', 'split upstream', 'BLOCK', 1.0, 2.0)
                """)
        }
        try queue.close()
        chmod(path, 0o600)
        let log = try cli.run(["log", "--store", path])
        #expect(log.status == 0 && log.stdoutText.contains("r-v8") && log.stdoutText.contains("main...feature"), "\(log.stderrText)")
        let show = try cli.run(["show", "r-v8", "--store", path])
        #expect(show.status == 0 && show.stdoutText.contains("Override: computed APPROVE"), "\(show.stdoutText)\(show.stderrText)")
        let version = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == StoreSchema.version)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    /// Dismissal reasons (v8) change no record finished before them: a finding without one
    /// encodes as before (no key), so old records hash the same; one with a reason is in the
    /// record, and the chain verifies.
    @Test func aDismissalReasonIsRecordedAndOldRecordsAreUnchanged() throws {
        let dir = TestScratch.directory.appendingPathComponent("reasons-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try ReviewStore(path: dir + "/reviews.sqlite")
        func finished(_ name: String, reason: DismissalReason?) throws -> String {
            let bytes = Array("diff --git a/\(name).py b/\(name).py\n--- a/\(name).py\n+++ b/\(name).py\n@@ -1 +1,2 @@\n x = 1\n+y = 2\n".utf8)
            let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: name + ".diff", diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
            let id = try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada")).id
            let f = Finding(severity: .low, title: "AI nit", location: Location(path: name + ".py", line: 2), status: .proposed,
                            origin: .imported(file: "ai.txt"))
            try store.saveFinding(id, f)
            try store.setFindingStatus(id, findingID: f.id, status: .dismissed, dismissal: reason, by: "Ada")
            try store.finish(id, decision: .approveWithWarnings, primaryRisks: [.other], by: "Ada")
            return id
        }
        let plain = try finished("a", reason: nil)
        let reasoned = try finished("b", reason: .duplicate)
        let plainRecord = String(decoding: try #require(try store.record(of: plain)).document, as: UTF8.self)
        let reasonedRecord = String(decoding: try #require(try store.record(of: reasoned)).document, as: UTF8.self)
        #expect(!plainRecord.contains("dismissal") && plainRecord.contains("\"status\":\"dismissed\""))
        #expect(reasonedRecord.contains("\"dismissal\":\"duplicate\""))
        #expect(try store.load(reasoned).findings.first?.dismissal == .duplicate)
        #expect(try store.verifyChain().problem == nil)
    }
}
