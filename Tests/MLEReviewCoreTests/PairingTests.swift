import Foundation
import MLEReviewCore
import Testing

/// Two processes on one review through the store: versions, presence, history, crossed edits.
struct PairingTests {
    let path = TestScratch.directory.appendingPathComponent("pair-\(UUID().uuidString).sqlite").path

    func review(_ store: ReviewStore) throws -> String {
        let bytes = Array("diff --git a/train.py b/train.py\n".utf8)
        let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        return try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada", role: .driver)).id
    }

    @Test func twoProcessesApplyAThousandInterleavedChangesEachAndLoseNone() throws {
        let store = try ReviewStore(path: path)
        let id = try review(store)
        try store.saveFinding(id, Finding(id: "f-shared", severity: .high, title: "shared", location: Location(path: "train.py", line: 1)))
        let helper = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mle-review-stress").path
        let outputs = Outputs()
        let start = String(Date().timeIntervalSince1970 + 1)
        let seed = UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000
        print("pair stress: seeds \(seed) (Ada) and \(seed + 1) (Grace)")
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let name = i == 0 ? "Ada" : "Grace"
            outputs.set(i, try? Subprocess.run([helper, "pair", path, id, name, "1000", start, String(seed + UInt64(i))]))
        }
        var conflicts = 0
        for r in outputs.all {
            let r = try #require(r)
            #expect(r.status == 0, "\(r.stderrText)")
            conflicts += Int(String(decoding: r.stdout, as: UTF8.self).split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        }
        let final = try store.load(id)
        let history = try store.history(of: id)
        for name in ["Ada", "Grace"] {
            // Their own items and findings: every one is there.
            #expect((0..<1000).filter { $0 % 4 == 0 }.allSatisfy { final.items["pair/\(name)-\($0)"]?.state == .pass })
            #expect((0..<1000).filter { $0 % 4 == 1 }.allSatisfy { i in final.findings.contains { $0.id == "f-\(name)-\(i)" } })
            // Each edit of the shared finding either landed (in its history) or was kept beside it: none vanished.
            let landed = Set(history.filter { $0.subject == "f-shared" && $0.who == name }.compactMap(\.detail))
            for i in stride(from: 2, to: 1000, by: 4) {
                let kept = final.findings.contains { $0.id == "f-\(name)-\(i)-kept" && $0.title == "\(name) \(i)" }
                #expect(landed.contains("\(name) \(i)") != kept, "\(name)'s edit \(i): landed \(landed.contains("\(name) \(i)")), kept \(kept)")
            }
        }
        #expect(conflicts > 0, "crossed edits of one finding must be surfaced")
        #expect(final.findings.filter { $0.id.hasSuffix("-kept") }.count == conflicts)
        // The shared item: last writer wins, and every write is in its history.
        let itemHistory = try store.history(of: id, subject: "pair/shared")
        #expect(itemHistory.count == 500)
        #expect(final.items["pair/shared"]?.state.rawValue == itemHistory.last?.detail)
        #expect(final.items["pair/shared"]?.setBy == itemHistory.last?.who)
    }

    @Test func versionsPresenceAndRoles() throws {
        let store = try ReviewStore(path: path)
        let id = try review(store)
        let v0 = try store.version(of: id)
        try store.setItem(id, item: "common-blockers/key-slices-regress", mark: ItemMark(state: .fail, setBy: "Ada"))
        #expect(try store.version(of: id) == v0 + 1)

        let now = Date()
        try store.heartbeat(Presence(session: "s-ada", name: "Ada", role: .driver, path: "train.py", line: 4, seenAt: now), reviewID: id)
        try store.heartbeat(Presence(session: "s-grace", name: "Grace", role: .navigator, path: nil, line: nil, seenAt: now), reviewID: id)
        #expect(try store.present(on: id, excluding: "s-grace", now: now).map(\.name) == ["Ada"])
        #expect(try store.present(on: id, excluding: "s-grace", now: now)[0].line == 4)
        // A process that stops beating (killed) is gone a few seconds later, with nothing to clean up.
        #expect(try store.present(on: id, excluding: "s-grace", now: now.addingTimeInterval(ReviewStore.presenceTimeout + 0.5)).isEmpty)
        try store.leave(session: "s-ada")
        #expect(try store.present(on: id, excluding: "s-grace", now: now).isEmpty)

        try store.addReviewer(id, Reviewer(name: "Grace", role: .navigator))
        try store.swapRoles(id, by: "Grace")
        #expect(try store.load(id).reviewers.map { "\($0.name) \($0.role.rawValue)" } == ["Ada navigator", "Grace driver"])
        #expect(try store.history(of: id).last.map { "\($0.who ?? "") \($0.kind)" } == "Grace swap-roles")
    }

    @Test func anEditCrossedByAnotherSaveIsReturnedNotLost() throws {
        let store = try ReviewStore(path: path)
        let id = try review(store)
        let original = Finding(id: "f-1", severity: .medium, title: "Leak", location: Location(path: "train.py", line: 1), issue: "v1")
        try store.saveFinding(id, original)
        var theirs = original
        theirs.issue = "Grace's words"
        theirs.updatedAt = Date().addingTimeInterval(1)
        #expect(try store.saveFinding(id, theirs, by: "Grace", ifUnchangedSince: original.updatedAt) == nil)
        var mine = original
        mine.issue = "Ada's words"
        let crossed = try store.saveFinding(id, mine, by: "Ada", ifUnchangedSince: original.updatedAt)
        #expect(crossed?.issue == "Grace's words")
        #expect(try store.load(id).findings[0].issue == "Grace's words")
    }

    @Test func theExportOfAPairedReviewNamesBothReviewersAndRoles() throws {
        let store = try ReviewStore(path: path)
        let id = try review(store)
        try store.addReviewer(id, Reviewer(name: "Grace", role: .navigator))
        let text = TextExport.render(try store.exportContext(try store.load(id)))
        #expect(text.contains("Reviewers: Ada (driver), Grace (navigator)\n"))
        let markdown = MarkdownExport.render(try store.exportContext(try store.load(id)))
        #expect(markdown.contains("Ada") && markdown.contains("driver") && markdown.contains("Grace") && markdown.contains("navigator"))
    }

    /// Grace ticks an item from a screen that has not yet read Ada's note on it: the tick sets
    /// the state and leaves the note as stored (it once wrote the whole mark, note and all).
    @Test func aTickFromAStaleScreenKeepsThePartnersNote() throws {
        let store = try ReviewStore(path: path)
        let id = try review(store)
        let item = "data-contract-and-leakage/inputs-validated"
        try store.setItem(id, item: item, mark: ItemMark(state: .notApplicable, note: "no new inputs", setBy: "Ada"))
        try store.setItem(id, item: item, mark: ItemMark(state: .pass, note: nil, setBy: "Grace"), keepingNote: true)
        #expect(try store.load(id).items[item] == ItemMark(state: .pass, note: "no new inputs", setBy: "Grace", setAt: try store.load(id).items[item]!.setAt))
        // Back to undecided, the note stays (it is still the reason someone wrote).
        try store.setItem(id, item: item, mark: ItemMark(state: .unchecked, setBy: "Grace"), keepingNote: true)
        #expect(try store.load(id).items[item]?.note == "no new inputs")
        // The note form writes both, over the note it opened with: an empty note removes it, and
        // the undecided mark with it.
        #expect(try store.setItemNote(id, item: item, mark: ItemMark(state: .unchecked, note: nil, setBy: "Ada"), ifNoteWas: "no new inputs") == nil)
        #expect(try store.load(id).items[item] == nil)
    }

    /// Two note forms opened on one item: the second save does not write over the first's note.
    @Test func aNoteSavedOverAnotherIsRefusedWithTheOther() throws {
        let store = try ReviewStore(path: path)
        let id = try review(store)
        let item = "data-contract-and-leakage/inputs-validated"
        #expect(try store.setItemNote(id, item: item, mark: ItemMark(state: .pass, note: "schema checked", setBy: "Bo"), ifNoteWas: nil) == nil)
        let version = try store.version(of: id)
        let conflict = try store.setItemNote(id, item: item, mark: ItemMark(state: .notApplicable, note: "no inputs", setBy: "Ada"), ifNoteWas: nil)
        #expect(conflict == ReviewStore.NoteConflict(note: "schema checked", by: "Bo"))
        #expect(try store.load(id).items[item]?.note == "schema checked" && store.version(of: id) == version)
    }
}

final class Outputs: @unchecked Sendable {
    private var values: [Subprocess.Result?] = [nil, nil]
    private let lock = NSLock()
    func set(_ i: Int, _ v: Subprocess.Result?) { lock.lock(); values[i] = v; lock.unlock() }
    var all: [Subprocess.Result?] { lock.lock(); defer { lock.unlock() }; return values }
}
