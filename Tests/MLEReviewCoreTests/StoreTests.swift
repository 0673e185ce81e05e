import Foundation
import GRDB
import MLEReviewCore
import Testing

struct StoreTests {
    func tempStorePath() -> String {
        TestScratch.directory.appendingPathComponent("store-\(UUID().uuidString)/nested/reviews.sqlite").path
    }

    func newReview(_ store: ReviewStore, bytes: [UInt8] = Array("diff".utf8)) throws -> String {
        let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        return try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada")).id
    }

    @Test func everyEditSurvivesClosingAndReopening() throws {
        let path = tempStorePath()
        var id = ""
        do {
            let store = try ReviewStore(path: path)
            id = try newReview(store)
            try store.setItem(id, item: "serving-and-deployment/timeouts-limits-fallback", mark: ItemMark(state: .fail, note: "no timeout", setBy: "Ada"))
            try store.saveFinding(id, Finding(id: "f-1", severity: .high, title: "Scaler before split",
                                              location: Location(path: "train.py", line: 26, endLine: 28), issue: "leak", fix: "pipeline",
                                              sectionID: "data-contract-and-leakage", risk: .dataLeakage, author: "Ada"))
            try store.setFindingStatus(id, findingID: "f-1", status: .resolved)
            try store.addTestRun(id, TestRun(command: "pytest", outcome: .failed, summary: "1 failed", explanation: "flaky"))
            try store.addReviewer(id, Reviewer(name: "Grace", role: .navigator))
            try store.setViewed(id, path: "train.py", diffHash: "abc")
            try store.setOverride(id, DecisionOverride(decision: .approve, justification: "why", overridden: .block,
                                                       covers: ["BLOCK finding:f-1", "BLOCK run:t-1"]))
            try store.saveDraft(id, key: "finding-editor", body: "half typed")
        }
        let store = try ReviewStore(path: path)
        let r = try store.load(id)
        #expect(r.items["serving-and-deployment/timeouts-limits-fallback"]?.state == .fail)
        #expect(r.items["serving-and-deployment/timeouts-limits-fallback"]?.note == "no timeout")
        #expect(r.findings.map(\.id) == ["f-1"] && r.findings[0].status == .resolved)
        #expect(r.findings[0].location == Location(path: "train.py", line: 26, endLine: 28))
        #expect(r.findings[0].risk == .dataLeakage && r.findings[0].author == "Ada")
        #expect(r.testsRun.map(\.explanation) == ["flaky"])
        #expect(r.reviewers.map(\.name) == ["Ada", "Grace"] && r.reviewers[1].role == .navigator)
        #expect(r.viewedFiles == ["train.py": "abc"])
        #expect(r.override == DecisionOverride(decision: .approve, justification: "why", overridden: .block, covers: ["BLOCK finding:f-1", "BLOCK run:t-1"]))
        #expect(try store.draft(id, key: "finding-editor") == "half typed")
        #expect(try store.diff(sha256: r.source.diffSHA256) == Array("diff".utf8))
        #expect(try store.checklist(for: r.checklist) == ChecklistLoader.builtIn)
    }

    /// A finding deleted (by its author, or by a pair's partner while the other was editing it)
    /// takes its kept edits with it: they stayed in the store, never offered, for good.
    @Test func deletingAFindingDeletesItsKeptEdits() throws {
        let path = tempStorePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ReviewStore(path: path)
        let id = try newReview(store)
        let f = Finding(severity: .high, title: "Leak", location: Location(path: "a.py", line: 1))
        let other = Finding(severity: .low, title: "Name", location: Location(path: "a.py", line: 2))
        try store.saveFinding(id, f)
        try store.saveFinding(id, other)
        let prefix = ReviewStore.findingEditDraftPrefix
        for key in [prefix + f.id + ":Ada", prefix + f.id, prefix + other.id + ":Ada", "finding-editor:Ada"] {
            try store.saveDraft(id, key: key, body: "title\u{1F}x")
        }
        try store.deleteFinding(id, findingID: f.id, by: "Bo")
        #expect(try store.drafts(id, keyPrefix: "").keys.sorted() == ["finding-edit:\(other.id):Ada", "finding-editor:Ada"])
    }

    @Test func filesAreOwnerOnly() throws {
        let path = tempStorePath()
        let store = try ReviewStore(path: path)
        _ = try newReview(store)
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        #expect((try fm.attributesOfItem(atPath: folder)[.posixPermissions] as? Int) == 0o700)
        for file in [path, path + "-wal"] where fm.fileExists(atPath: file) {
            #expect((try fm.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600, "\(file)")
        }
    }

    @Test func sameSourceResumesTheReview() throws {
        let store = try ReviewStore(path: tempStorePath())
        let a = try newReview(store)
        #expect(try newReview(store) == a)
        let b = try newReview(store, bytes: Array("other diff".utf8))
        #expect(b != a)
        #expect(try store.resolve("latest") == b)
        try store.setItem(a, item: "x", mark: ItemMark(state: .pass))
        #expect(try store.resolve("latest") == a)
        #expect(try store.resolve(String(a.prefix(6))) == a || a.prefix(6) == b.prefix(6))
        #expect(throws: InputError.self) { try store.resolve("r-nonexistent") }
    }

    @Test func aRangeResumesByItsCommits() throws {
        let store = try ReviewStore(path: tempStorePath())
        func input(_ head: String, _ diff: String) -> ReviewInput {
            ReviewInput(source: ReviewSource(kind: .range, range: "main...f", baseCommit: "b1", headCommit: head,
                                             diffSHA256: Hashing.sha256Hex(Array(diff.utf8))), bytes: Array(diff.utf8))
        }
        let first = try store.openReview(input("h1", "d1"), checklist: ChecklistLoader.builtIn, reviewer: nil)
        let again = try store.openReview(input("h1", "d1"), checklist: ChecklistLoader.builtIn, reviewer: nil)
        let moved = try store.openReview(input("h2", "d2"), checklist: ChecklistLoader.builtIn, reviewer: nil)
        #expect(first.created && !again.created && again.id == first.id)
        #expect(moved.created && moved.id != first.id)
    }

    @Test func aStoreFromANewerVersionIsRefusedUntouched() throws {
        let path = tempStorePath()
        _ = try ReviewStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: InputError("store \(path): written by a newer mle-review; upgrade to use it (nothing was changed)")) {
            try ReviewStore(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func garbageIsNotAStore() throws {
        let path = tempStorePath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError.self) { try ReviewStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x41, count: 4096))
    }

    @Test func editsOfAnUnknownReviewAreRefused() throws {
        let store = try ReviewStore(path: tempStorePath())
        #expect(throws: InputError.self) { try store.setItem("r-none", item: "x", mark: ItemMark(state: .pass)) }
        let id = try newReview(store)
        #expect(throws: InputError("review \(id): no finding f-none")) { try store.setFindingStatus(id, findingID: "f-none", status: .open) }
    }

    /// A writer killed with SIGKILL mid-stream loses nothing it acknowledged.
    @Test func killedWriterLosesNoAcknowledgedEdit() throws {
        let path = tempStorePath()
        let id = try newReview(try ReviewStore(path: path))
        let helper = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mle-review-stress")
        let process = Process()
        process.executableURL = helper
        process.arguments = [path, id, "100000"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // A deadline: a helper that hangs is killed, the pipe closes, and the test fails below.
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { kill(pid, SIGKILL) }
        var acknowledged = -1
        var buffer = ""
        while acknowledged < 60 {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
            while let nl = buffer.firstIndex(of: "\n") {
                let line = buffer[..<nl]
                if line.hasPrefix("done "), let n = Int(line.dropFirst(5)) { acknowledged = n }
                buffer = String(buffer[buffer.index(after: nl)...])
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        try #require(acknowledged >= 60, "the helper stopped early")
        let review = try ReviewStore(path: path).load(id)
        let saved = Set(review.findings.map(\.id))
        for i in 0...acknowledged {
            #expect(saved.contains("f-stress-\(i)"), "edit \(i) was acknowledged but lost")
            #expect(review.items["item-\(i)"]?.state == .pass, "item edit \(i) was acknowledged but lost")
        }
    }
}
