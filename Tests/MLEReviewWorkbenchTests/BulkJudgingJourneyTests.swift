import Foundation
import MLEReviewCore
import Testing

/// A linter's or an AI reviewer's many proposals judged together, in tmux as a reviewer does it.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct BulkJudgingJourneyTests {
    static let proposals = """
    [LOW] Missing docstring in public module
    File: pipelines/train.py:1

    [LOW] Import block is un-sorted
    File: pipelines/train.py:2

    [LOW] Missing return type annotation
    File: serving/predict.py:3

    [HIGH] Model loaded with pickle
    File: serving/predict.py:9

    """

    /// `ruff --select ALL` on a two-file change proposed 21 findings, each needing `d` and a
    /// reason: `v` selects a range of the findings pane, and `d` dismisses (or `a` accepts)
    /// every proposal in it with one answer; the cursor stays where the selection began.
    @Test func aRangeOfProposalsIsDismissedWithOneReason() throws {
        let t = try Tmux.start(shell: "BIN import lint.txt --patch pr.diff --store STORE > /dev/null 2>&1; BIN --patch pr.diff --reviewer Ada",
                               files: ["lint.txt": Self.proposals])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.waitFor("0 open, 4 proposed")
        t.keys("Tab", "Tab")
        try t.waitFor("v select")
        // The HIGH sorts first: the three LOWs are rows 2 to 4.
        t.keys("j", "v", "j", "j")
        try t.waitFor("selecting 3")
        t.keys("d")
        try t.waitFor("Dismiss 3 proposed findings?")
        t.keys("m")
        try t.waitFor("dismissed 3 (true but minor)")
        #expect(t.screen().contains("Findings 0 open, 1 proposed"), "\(t.screen())")
        t.keys("k", "v", "a")
        try t.waitFor("accepted 1 proposed finding")
        #expect(t.screen().contains("Findings 1 open"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        var judged: [String: String] = [:]
        for f in try store.load(store.resolve("latest")).findings {
            judged[f.title] = f.statusLabel
        }
        let minor = Finding.statusLabel(.dismissed, dismissal: .minor)
        #expect(judged == ["Missing docstring in public module": minor, "Import block is un-sorted": minor,
                           "Missing return type annotation": minor, "Model loaded with pickle": Finding.statusLabel(.open, dismissal: nil)], "\(judged)")
    }

    /// Judging one proposal after another: a dismissed proposal left for the list's end and the
    /// cursor went with it, so the next `a`, meant for the proposal below, brought the dismissed
    /// one back instead. The cursor now stays on the row that took its place.
    @Test func afterADismissalTheNextKeyJudgesTheNextProposal() throws {
        let t = try Tmux.start(shell: "BIN import lint.txt --patch pr.diff --store STORE > /dev/null 2>&1; BIN --patch pr.diff --reviewer Ada",
                               files: ["lint.txt": Self.proposals])
        defer { t.stop() }
        try t.waitFor("0 open, 4 proposed")
        t.keys("Tab", "Tab")
        try t.waitFor("v select")
        // The HIGH first, then the three LOWs: dismiss the HIGH as wrong, accept the next one.
        t.keys("d")
        try t.waitFor("Dismiss Model loaded with pickle?")
        t.keys("w")
        try t.waitFor("Model loaded with pickle: dismissed, wrong (moved to the list's end, where a brings it back)")
        t.keys("a")
        try t.waitFor("1 open, 2 proposed", orLineContaining: "Findings")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let judged = Dictionary(uniqueKeysWithValues: try store.load(store.resolve("latest")).findings.map { ($0.title, $0.statusLabel) })
        #expect(judged["Model loaded with pickle"] == Finding.statusLabel(.dismissed, dismissal: .wrong), "\(judged)")
        #expect(judged["Missing docstring in public module"] == "open", "the next proposal was accepted: \(judged)")
    }
}
