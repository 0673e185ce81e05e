import Foundation
import Testing
import MLEReviewCore

/// Opening a review again and quitting changed nothing, yet it counted as a change: the log's
/// date (and `--since`) moved to that moment, the resume message said "last changed" just now,
/// and the review's history gained a line each time. A lead read "last opened" as "last worked on".
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct ResumeJourneyTests {
    @Test func reopeningAReviewWithoutChangingItLeavesItsDateAndHistoryAlone() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; sleep 1.2; BIN --patch pr.diff --reviewer Ada")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.writeFinding("Unpinned", severity: .medium)
        // The first session's last change, read before the second session opens the review.
        let store = try ReviewStore(path: t.store)
        let id = try store.resolve("latest")
        let changed = try store.load(id).updatedAt
        let history = try store.history(of: id).count
        t.keys("q")
        try t.waitFor("resumed review ")
        t.keys("q")
        try t.waitForExit()
        #expect(try store.load(id).updatedAt == changed)
        #expect(try store.history(of: id).count == history)
        let log = try Subprocess.run([Tmux.binary, "log", "--json", "--store", t.store])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout)) as? [[String: Any]])
        #expect(rows.first?["date"] as? String == Timestamp.format(changed), "\(rows)")
    }

    /// Only new findings were kept as drafts: an edit of a finding half-typed when the workbench
    /// stopped (a closed terminal, a crash) was gone, and nothing said a new finding's draft
    /// waited either. The edit now comes back on e, and opening the review says what was kept.
    @Test func anEditOfAFindingLeftByACrashComesBack() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; BIN --patch pr.diff --reviewer Ada --store STORE")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.writeFinding("No seed", severity: .medium)
        t.keys("Tab", "Tab")
        try t.waitFor("Enter open  e edit")
        t.keys("e")
        try t.waitFor("┌─ Edit finding")
        t.keys("Tab", "Tab", "Tab", "Tab")
        t.type("The seed line was removed")
        try t.waitFor("Issue  The seed line was removed", orLineContaining: "Issue")
        t.killProcess()
        try t.waitFor("unsaved from last time: your edit of “No seed” (e on it in Findings)")
        t.keys("Tab", "Tab")
        try t.waitFor("Enter open  e edit")
        t.keys("e")
        try t.waitFor("restored your unsaved edit of this finding")
        #expect(t.screen().contains("Issue  The seed line was removed"), "\(t.screen())")
        t.keys("C-s")
        try t.waitFor("saved [MEDIUM] ")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let id = try store.resolve("latest")
        #expect(try store.load(id).findings.map(\.issue) == ["The seed line was removed"])
        #expect(try store.drafts(id, keyPrefix: "f").isEmpty, "a saved edit leaves no draft (form drafts start with f; the place left is kept apart)")
    }

    /// A note on why an item passes (or a test run, an override's justification) half-typed when
    /// the workbench stopped was lost: only findings were kept. Every form is kept now.
    @Test func aNoteOnAnItemLeftByACrashComesBack() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; BIN --patch pr.diff --reviewer Ada --store STORE")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("Tab")
        try t.waitFor("Space cycle")
        t.keys("j", "e")
        try t.waitFor("┌─ Note: Start Here › Change is reviewable")
        t.type("Split by customer id, checked in the notebook")
        try t.waitFor("Split by customer id", orLineContaining: "Note")
        t.killProcess()
        try t.waitFor("unsaved from last time: your note on a checklist item")
        t.keys("Tab")
        try t.waitFor("Space cycle")
        t.keys("j", "e")
        try t.waitFor("restored what you were typing here when the workbench last stopped")
        #expect(t.screen().contains("Split by customer id, checked in the notebook"), "\(t.screen())")
        t.keys("C-s")
        try t.waitFor("Change is reviewable: note saved")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let id = try store.resolve("latest")
        #expect(try store.load(id).items["start-here/change-is-reviewable"]?.note == "Split by customer id, checked in the notebook")
        #expect(try store.drafts(id, keyPrefix: "f").isEmpty, "a saved note leaves no draft (form drafts start with f)")
    }
}
