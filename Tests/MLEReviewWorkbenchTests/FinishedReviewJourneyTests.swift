import Foundation
import Testing
import MLEReviewCore

/// A lead opening a finished review from the log reads its findings as its verdict has them.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct FinishedReviewJourneyTests {
    /// A review finished with an accepted finding and a linter's proposal never decided listed
    /// the proposal first (both HIGH; its absolute path sorted before the other's).
    @Test func aFinishedReviewListsItsVerdictsFindingsBeforeWhatItLeftUndecided() throws {
        let accepted = "[HIGH] Scaler fitted before the split\nFile: pipelines/train.py:26\n"
        let linted = "[HIGH] F401 os imported but unused\nFile: /ci/checkout/tools/other.py:1\n"
        let shell = """
            printf '\(accepted)' > a.txt && printf '\(linted)' > b.txt \
            && BIN import a.txt --patch pr.diff --accept --reviewer Ada --store STORE \
            && BIN import b.txt --into latest --store STORE \
            && BIN finish latest --allow-incomplete --reviewer Ada --store STORE && BIN log --tui
            """
        let t = try Tmux.start(shell: shell)
        defer { t.stop() }
        try t.waitFor("Enter open read-only")
        t.keys("Enter")
        try t.waitFor("read-only: opened from the review log (q goes back)")
        t.keys("Tab", "Tab")
        let lines = t.screen().split(separator: "\n").map(String.init)
        let open = try #require(lines.firstIndex { $0.contains("Scaler fitted before the split") }, "\(t.screen())")
        let proposal = try #require(lines.firstIndex { $0.contains("(proposed)") }, "\(t.screen())")
        #expect(open < proposal, "\(t.screen())")
        t.keys("q", "q")
        try t.waitForExit()
    }
}
