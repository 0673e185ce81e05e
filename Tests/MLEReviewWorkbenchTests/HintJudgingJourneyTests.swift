import Foundation
import MLEReviewCore
import Testing

/// nanoGPT's sample.py loads a pickle: the workbench hinted it (HIGH, DESER-001) and the review
/// went to APPROVE with the hint never taken or dismissed, as if someone had read it. An AI
/// reviewer's HIGH proposal waited for a judgement; mle-review's own did not.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct HintJudgingJourneyTests {
    static let diff = """
    diff --git a/serving/load.py b/serving/load.py
    new file mode 100644
    index 0000000..1111111
    --- /dev/null
    +++ b/serving/load.py
    @@ -0,0 +1,6 @@
    +import pickle
    +
    +
    +def load(path):
    +    with open(path, "rb") as f:
    +        return pickle.load(f)

    """

    @Test func anApproveWaitsForTheHintNobodyJudged() throws {
        let t = try Tmux.start(arguments: ["--patch", "load.diff", "--reviewer", "Ada"], files: ["load.diff": Self.diff])
        defer { t.stop() }
        try t.waitFor("1 hint")
        // Every checklist item decided, by the pair in another terminal.
        let store = try ReviewStore(path: t.store)
        let id = try store.resolve("latest")
        for item in ChecklistLoader.builtIn.items { try store.setItem(id, item: item.id, mark: ItemMark(state: .pass, setBy: "Bo")) }
        try t.typeTestRun("pytest -q", summary: "3 passed")
        try t.waitFor("IN REVIEW · 1 required left")
        t.keys("V")
        try t.waitFor("hint not judged: [HIGH] Pickle-based load of a file (serving/load.py:6, DESER-001)")
        t.keys("Escape", "F")
        try t.waitFor("cannot finish with APPROVE: 1 required step not done: 1 hint not judged ([HIGH] Pickle-based l")
        // Judged: dismissed as minor (the file is the team's own artifact store), it waits no more.
        t.keys("Tab", "Tab")
        try t.waitFor("◆ hint   DESER-001")
        t.keys("d", "m")
        try t.waitFor("hint DESER-001 dismissed for this review (true but minor)")
        try t.waitFor("required left", absent: true)
        #expect(t.screen().split(separator: "\n")[0].hasSuffix("APPROVE"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
    }
}
