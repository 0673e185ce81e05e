import Foundation
import Testing
import MLEReviewCore

/// Resolving a finding whose line the reviewed diff still has, in tmux as a reviewer does it.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct ResolveJourneyTests {
    /// `r` on the HIGH that blocked took the decision to APPROVE at once, with no word, though
    /// the diff under review still had the line: the same diff cannot have fixed it. Now it is
    /// asked, with what it changes; `n` keeps the finding open, `y` resolves it.
    @Test func resolvingAFindingTheDiffStillHasAsksFirst() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.writeHighFinding("Scaler sees the test rows")
        try t.waitFor("BLOCK")
        t.keys("Tab", "Tab")
        try t.waitFor("Findings 1 open")
        t.keys("r")
        try t.waitFor("Resolve [HIGH] Scaler sees the test rows?")
        #expect(t.screen().contains("This diff still has its line"), "\(t.screen())")
        t.keys("n")
        try t.waitFor("nothing changed")
        #expect(t.screen().contains("Findings 1 open"), "\(t.screen())")
        t.keys("r")
        try t.waitFor("Resolve [HIGH] Scaler sees the test rows?")
        t.keys("y")
        try t.waitFor("Scaler sees the test rows: resolved")
        #expect(t.screen().contains("Findings 0 open"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
    }

    /// A test run recorded with `t` could not be taken back: `pyest -q (passed)`, a typo, counted
    /// as the passing run APPROVE waits for, in every export, for good. `D` on a reported run
    /// deletes it (asked first; the history keeps it).
    @Test func aMistypedReportedTestRunCanBeDeleted() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("58 required left")
        t.keys("t")
        try t.waitFor("┌─ Record a test run")
        t.type("pyest -q")
        t.keys("C-s")
        try t.waitFor("57 required left")
        t.keys("Tab", "Tab", "G")
        try t.waitFor("passed pyest -q", orLineContaining: "▷ run")
        t.keys("D")
        try t.waitFor("Delete the test run pyest -q (passed)?")
        t.keys("y")
        try t.waitFor("deleted the test run pyest -q")
        try t.waitFor("58 required left")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let id = try store.resolve("latest")
        #expect(try store.load(id).testsRun.isEmpty)
        #expect(try store.history(of: id).contains { $0.kind == "test-run-deleted" && ($0.detail ?? "").contains("pyest -q") })
        // A lead reading the review sees what left it, and who took it out.
        let show = String(decoding: try Subprocess.run([Tmux.binary, "show", "--store", t.store]).stdout, as: UTF8.self)
        #expect(show.contains("\nDeleted (the review's history keeps them):\n  test run pyest -q (passed) — deleted by Ada on "), "\(show)")
    }
}
