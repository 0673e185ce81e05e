import Foundation
import Testing

/// Help lists g/G, Home/End and the half pages under "Everywhere", but in the verdict and in help
/// itself only j/k and the pages moved: G on the verdict's 40-line "Before APPROVE" list did
/// nothing, and the last line (no passing test run) was three pages of j away.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct OverlayScrollJourneyTests {
    @Test func gAndBigGMoveTheVerdictAndHelpAsEverywhereElse() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("V")
        try t.waitFor("┌─ Verdict 1-")
        #expect(!t.screen().contains("no passing test or eval run recorded"), "\(t.screen())")
        t.keys("G")
        try t.waitFor("no passing test or eval run recorded")
        #expect(!t.screen().contains("Decision: IN REVIEW"), "\(t.screen())")
        t.keys("g")
        try t.waitFor("Decision: IN REVIEW")
        t.keys("End")
        try t.waitFor("no passing test or eval run recorded")
        t.keys("Home", "C-d")
        try t.waitFor("Decision: IN REVIEW", absent: true)
        #expect(t.screen().contains("┌─ Verdict "), "half a page down moved the verdict, not what is under it: \(t.screen())")
        t.keys("Escape")

        t.keys("?")
        try t.waitFor("┌─ Keys 1-")
        t.keys("G")
        try t.waitFor("┌─ Keys 1-", absent: true)
        #expect(t.screen().contains("┌─ Keys "), "\(t.screen())")
        t.keys("g")
        try t.waitFor("┌─ Keys 1-")
        t.keys("Escape", "q")
        try t.waitForExit()
    }
}
