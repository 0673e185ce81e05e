import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// The driver makes every key's effect durable: what the screen shows is what a reopened
/// store holds.
struct DriverTests {
    func open(_ store: ReviewStore) throws -> ReviewSession {
        let bytes = Array(WorkbenchFixture.diff.utf8)
        let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        return try ReviewSession.open(input: input, store: store, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"),
                                        width: 120, height: 40, directory: TestScratch.directory.path)
    }

    func keys(_ driver: ReviewSession, _ names: String...) {
        for n in names {
            if n.hasPrefix("text:") { for c in n.dropFirst(5) { driver.handle(.char(c)) } } else { driver.handle(Key.parse(n)!) }
        }
    }

    /// Until the areas the change touches are known, every area counts: the title said "50
    /// required left" and then, a moment (or on a large diff a second) later, 28. It says it is
    /// counting until the number is the one the verdict will hold.
    @Test func theRequiredCountWaitsForTheAreasTheChangeTouches() throws {
        let path = TestScratch.directory.appendingPathComponent("drv-\(UUID().uuidString).sqlite").path
        let d = try open(try ReviewStore(path: path))
        // The first frame is drawn before the scan starts: it said "50 required left" too.
        #expect(d.workbench.decisionLabel(d.workbench.verdict) == "IN REVIEW · counting required steps…", "\(d.workbench.decisionLabel(d.workbench.verdict))")
        d.afterFirstScreen()
        let before = d.workbench.verdict
        #expect(d.workbench.decisionLabel(before) == "IN REVIEW · counting required steps…", "\(d.workbench.decisionLabel(before))")
        d.collectHints(wait: true)
        let after = d.workbench.verdict
        #expect(after.missing.count < before.missing.count)
        #expect(d.workbench.decisionLabel(after).hasPrefix("IN REVIEW · \(after.missing.count) required left"), "\(d.workbench.decisionLabel(after))")
    }

    @Test func everyKeyIsSavedAndAReopenResumes() throws {
        let path = TestScratch.directory.appendingPathComponent("drv-\(UUID().uuidString).sqlite").path
        let first = try open(try ReviewStore(path: path))
        keys(first, "m", "Tab", "j", "p", "Tab", "Tab", "Tab", "c", "text:Leak", "Ctrl-S", "t", "text:pytest", "Ctrl-S")
        #expect(first.workbench.saveState == .saved)
        keys(first, "c", "text:half-typed")   // then the process dies

        let again = try open(try ReviewStore(path: path))
        let r = again.workbench.review
        #expect(r.id == first.workbench.review.id)
        #expect(r.state(of: "start-here/change-is-reviewable") == .pass)
        #expect(r.findings.map(\.title) == ["Leak"] && r.testsRun.map(\.command) == ["pytest"])
        #expect(again.workbench.isViewed(file: 0))
        // The half-typed finding is said to be waiting, not found only by pressing c.
        #expect(again.workbench.message?.text == "unsaved from last time: your new finding (c brings it back)", "\(again.workbench.message?.text ?? "")")
        keys(again, "c")
        guard case .form(let form) = again.workbench.overlay else { Issue.record("no form"); return }
        #expect(form.value("title") == "half-typed")
    }

    @Test func exportWritesTheFileAndSaysWhere() throws {
        let path = TestScratch.directory.appendingPathComponent("drv-\(UUID().uuidString).sqlite").path
        let d = try open(try ReviewStore(path: path))
        keys(d, "c", "text:Leak", "BTab", "Left", "Ctrl-S", "E", "Tab", "Ctrl-U", "text:verdict-\(d.workbench.review.id).txt", "Enter", "Enter")
        #expect(d.workbench.overlay.map { if case .confirm(let c) = $0 { return c.question }; return "" } == "Export and finish with BLOCK?")
        keys(d, "y")
        let file = TestScratch.directory.path + "/verdict-\(d.workbench.review.id).txt"
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(d.workbench.message?.text == "exported text to \(file); the review is finished")
        #expect(d.workbench.review.finish?.decision == .block && d.workbench.isReadOnly)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("[HIGH] Leak\nFile: pipelines/train.py:") && text.contains("Decision: BLOCK"))
    }

    /// "Export while incomplete" in the workbench finishes the review short of its checklist: the
    /// file says so as every later export will, and names no command-line flag the reviewer never typed.
    @Test func anExportWhileIncompleteSaysFinishedShortOfTheChecklist() throws {
        let path = TestScratch.directory.appendingPathComponent("drv-\(UUID().uuidString).sqlite").path
        let d = try open(try ReviewStore(path: path))
        d.afterFirstScreen()
        d.collectHints(wait: true)
        let missing = d.workbench.verdict.missing.count, summary = d.workbench.verdict.missingSummary()
        #expect(d.workbench.verdict.decision == .approve && missing > 0)
        keys(d, "E", "Tab", "Ctrl-U", "text:verdict-\(d.workbench.review.id).txt", "Enter", "Right", "Enter")
        #expect(d.workbench.overlay.map { if case .confirm(let c) = $0 { return c.question }; return "" } == "Export and finish with APPROVE?")
        keys(d, "y")
        let file = TestScratch.directory.path + "/verdict-\(d.workbench.review.id).txt"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("Note: finished with \(summary)\nDecision: APPROVE\n"), "\(text)")
        #expect(!text.contains("--allow-incomplete"))
    }

    @Test func aFailedSaveIsShownNotHidden() throws {
        let path = TestScratch.directory.appendingPathComponent("drv-\(UUID().uuidString).sqlite").path
        let store = try ReviewStore(path: path)
        let d = try open(store)
        d.workbench.review.id = "r-gone" // edits now name a review the store does not have
        keys(d, "Tab", "j", "p")
        guard case .failed = d.workbench.saveState else { Issue.record("a failed save must show"); return }
        #expect(Screen.render(d.workbench).snapshot.contains("✗ 1 NOT SAVED"))
    }
}

/// Issue 14: a write the store refuses is never shown as saved.
struct FullStoreTests {
    let driverTests = DriverTests()

    @Test func aFindingRefusedByAFullStoreIsNotShownAsSavedAndComesBack() throws {
        let path = TestScratch.directory.appendingPathComponent("full-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ReviewStore(path: path)
        let d = try driverTests.open(store)
        driverTests.keys(d, "c", "text:Leak", "BTab", "Left")
        // A long Issue (set whole: typing it would save a draft per key) needs pages the full store lacks.
        guard case .form(var typed) = d.workbench.overlay, let issue = typed.index(of: "issue") else { Issue.record("no form"); return }
        typed.fields[issue].input = .text(TextEditor(String(repeating: "the scaler sees the test rows; ", count: 400), multiline: true))
        d.workbench.replace(with: .form(typed))
        try store.limitSize()
        driverTests.keys(d, "Ctrl-S")
        #expect(d.workbench.saveState != .saved)
        #expect(d.workbench.message?.text.hasPrefix("NOT SAVED:") == true)
        #expect(!(d.workbench.message?.text.contains("✓") ?? true))
        #expect(d.workbench.review.findings.isEmpty, "the screen shows what the store holds")
        #expect(try store.load(d.workbench.review.id).findings.isEmpty)
        #expect(d.workbench.unsaved.count == 1)
        let screen = Screen.render(d.workbench).lines.last ?? ""
        #expect(screen.contains("✗ 1 NOT SAVED · Ctrl-R retry") && !screen.contains("✓ saved"), "\(screen)")
        // c brings the refused finding back.
        driverTests.keys(d, "c")
        guard case .form(let form) = d.workbench.overlay else { Issue.record("no form"); return }
        #expect(form.value("title") == "Leak" && form.value("issue").hasPrefix("the scaler sees"))
        driverTests.keys(d, "Esc", "y")
        // Room again: Ctrl-R saves it, and only then "✓ saved".
        try store.limitSize(extraPages: 100_000)
        driverTests.keys(d, "Ctrl-R")
        #expect(d.workbench.saveState == .saved && d.workbench.unsaved.isEmpty)
        #expect(try store.load(d.workbench.review.id).findings.map(\.title) == ["Leak"])
        #expect(d.workbench.review.findings.map(\.title) == ["Leak"])
    }
}

/// An edit the store refused, kept at quit, came back as a new finding's draft: c brought it
/// back and saving it made a second copy of the finding. It is kept as that finding's edit.
struct RefusedEditTests {
    let driverTests = DriverTests()

    @Test func anEditRefusedAtQuitIsKeptAsThatFindingsEdit() throws {
        let path = TestScratch.directory.appendingPathComponent("edit-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ReviewStore(path: path)
        let d = try driverTests.open(store)
        driverTests.keys(d, "c", "text:Leak", "Ctrl-S")
        let id = d.workbench.review.id
        let finding = try #require(try store.load(id).findings.first)
        driverTests.keys(d, "Tab", "Tab", "e")
        guard case .form(var typed) = d.workbench.overlay, let issue = typed.index(of: "issue") else { Issue.record("no form"); return }
        typed.fields[issue].input = .text(TextEditor(String(repeating: "the scaler sees the test rows; ", count: 400), multiline: true))
        d.workbench.replace(with: .form(typed))
        try store.limitSize()
        driverTests.keys(d, "Ctrl-S")
        #expect(d.workbench.message?.text.hasPrefix("NOT SAVED:") == true)
        // Room for a draft again as the reviewer leaves.
        try store.limitSize(extraPages: 100_000)
        driverTests.keys(d, "q", "y")
        #expect(d.exitNote?.contains("kept as a draft in the store") == true, "\(d.exitNote ?? "")")
        #expect(try store.draft(id, key: Workbench.draftKey(for: d.workbench.reviewer)) == nil, "not a new finding's draft")
        let kept = try store.drafts(id, keyPrefix: "finding-edit:")
        #expect(Array(kept.keys) == [Workbench.editDraftKey(finding.id, reviewer: d.workbench.reviewer)], "\(kept.keys)")
        #expect(kept.values.first?.contains("the scaler sees the test rows") == true)
    }
}

/// Issue 15: a recorded run's output is readable again, also in a past review opened read-only.
struct RecordedRunOutputTests {
    let driverTests = DriverTests()

    @Test func aPastReviewShowsItsRunsOutputReadOnly() throws {
        let path = TestScratch.directory.appendingPathComponent("runs-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ReviewStore(path: path)
        let d = try driverTests.open(store)
        d.afterFirstScreen() // stores the diff, as the first screen does
        d.storePendingDiff(wait: true)
        let id = d.workbench.review.id
        let run = TestRun(command: "pytest -q", outcome: .failed, summary: "1 failed, 1 passed in 0.02s", recordedBy: "Ada",
                          ran: RunDetails(folder: "/tmp/x", commit: "abc1234", exitStatus: 1, milliseconds: 20))
        try store.addRun(id, run, output: Array("\u{1B}[31mF.\u{1B}[0m\nE   assert 0 == 1\n1 failed, 1 passed in 0.02s\n".utf8))
        try store.finish(id, decision: .block, primaryRisks: [], by: "Ada")
        let past = try ReviewSession.openPast(id, store: store, width: 120, height: 40, directory: TestScratch.directory.path)
        driverTests.keys(past, "T")
        guard case .checks = past.workbench.overlay, let panel = past.workbench.checksPanel else { Issue.record("no checks panel"); return }
        #expect(panel.readOnly && panel.checks.isEmpty && panel.recorded.map(\.id) == [run.id])
        let screen = Screen.render(past.workbench).snapshot
        #expect(screen.contains("pytest -q — failed: 1 failed, 1 passed in 0.02s  (ran)"), "\(screen)")
        driverTests.keys(past, "Enter")
        guard case .runOutput(let index, _) = past.workbench.overlay else { Issue.record("no output"); return }
        #expect(past.workbench.runs[index].output.contains("E   assert 0 == 1"))
        #expect(!Screen.render(past.workbench).snapshot.contains("\u{1B}"))
        // Nothing can be run or explained from a read-only review.
        driverTests.keys(past, "x")
        #expect(past.workbench.overlay == .runOutput(run: index, scroll: 0))
        // The findings pane lists the run too; Enter there shows its output.
        driverTests.keys(past, "Esc", "Esc")
        past.workbench.focus = .findings
        past.workbench.findingsPane.cursor = try #require(past.workbench.findingsRows.firstIndex { if case .testRun = $0 { return true }; return false })
        #expect(Screen.render(past.workbench).snapshot.contains("▶ run    failed pytest -q  1 failed, 1 passed in 0.02s  (Enter: output)"))
        driverTests.keys(past, "Enter")
        guard case .runOutput(let again, _) = past.workbench.overlay else { Issue.record("Enter on the run row shows no output"); return }
        #expect(past.workbench.runs[again].output.contains("E   assert 0 == 1"))
    }
}

/// F pressed before the scan of the hints was in: the verdict had no hint to wait for, and an
/// APPROVE could be finished over a HIGH pickle load nobody had judged.
struct ScanBeforeFinishTests {
    /// A fresh store and a patch that loads a pickle (a HIGH hint on its line 3).
    static func pickleLoad() throws -> (ReviewStore, ReviewInput) {
        let store = try ReviewStore(path: TestScratch.directory.appendingPathComponent("drv-\(UUID().uuidString).sqlite").path)
        let diff = "diff --git a/serving/load.py b/serving/load.py\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/serving/load.py\n"
            + "@@ -0,0 +1,3 @@\n+import pickle\n+def load(path):\n+    return pickle.load(open(path, \"rb\"))\n"
        let bytes = Array(diff.utf8)
        return (store, ReviewInput(source: ReviewSource(kind: .patch, patchPath: "load.diff", diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes))
    }

    @Test func finishingWaitsForTheHintsScan() throws {
        let (store, input) = try Self.pickleLoad()
        let (id, _) = try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"))
        for item in ChecklistLoader.builtIn.items { try store.setItem(id, item: item.id, mark: ItemMark(state: .pass, setBy: "Ada")) }
        try store.addTestRun(id, TestRun(command: "pytest", outcome: .passed, summary: "3 passed", recordedBy: "Ada"))
        let d = try ReviewSession.open(input: input, store: store, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"),
                                       width: 120, height: 40, directory: TestScratch.directory.path)
        d.afterFirstScreen()
        d.handle(.char("F"))
        #expect(d.workbench.message?.text.hasPrefix("cannot finish with APPROVE: 1 required step not done: 1 hint not judged") == true,
                "\(d.workbench.message?.text ?? "no message")")
        #expect(d.workbench.overlay == nil)
    }

    /// `)` pressed as the workbench opened said "no finding or hint on a line of this diff" and
    /// `H` then said "no hint on this line", on the line the hint was about: the scan was not in.
    /// A CI run's journey pressed them a little early and failed.
    @Test func jumpingToAndTakingAHintWaitForTheScan() throws {
        let (store, input) = try Self.pickleLoad()
        let d = try ReviewSession.open(input: input, store: store, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"),
                                       width: 120, height: 40, directory: TestScratch.directory.path)
        d.afterFirstScreen()
        d.handle(.char(")"))
        #expect(d.workbench.message?.text.hasPrefix("marked line 1/1: hint DESER-001") == true, "\(d.workbench.message?.text ?? "no message")")
        d.handle(.char("H"))
        #expect(d.workbench.review.findings.map(\.status) == [.proposed], "\(d.workbench.message?.text ?? "no message")")
    }
}
