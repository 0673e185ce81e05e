import Foundation
import MLEReviewCore
import Testing

/// The range a reviewer types, as the workbench reads it to them.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct RangeJourneyTests {
    /// Two dots after main moved on: the diff also shows main's commit undone (README.md as if
    /// the branch deleted it), and the workbench opened on it without a word.
    @Test func twoDotsAfterTheBaseMovedAreSaidOnOpening() throws {
        let setup = Tmux.newRepository + """
        echo 'x = 1' > model.py && git add -A && git commit -qm base && git checkout -qb feature
        echo 'x = 2' > model.py && git commit -qam change
        git checkout -q main && echo hello > README.md && git add README.md && git commit -qm docs && git checkout -q feature
        """
        let t = try Tmux.start(shell: "sh setup.sh && cd repo && BIN main..feature --reviewer Ada", files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("main..feature also undoes main's 1 commit not in feature; main...feature is feature's changes alone")
        #expect(t.screen().contains("D README.md"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
    }
}
