import Foundation
import Testing
import MLEReviewCore

/// The seed approves with warnings for "medium issues only, with explicit follow-up": a MEDIUM
/// finding written with a title and nothing else warned, and nothing said the follow-up was
/// missing. The verdict view and every export say so; the decision is unchanged.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct FollowUpJourneyTests {
    @Test func aWarningWithNoFixSaysItNamesNoFollowUp() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; BIN export latest --no-finish --store STORE")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.writeFinding("Unpinned", severity: .medium)
        t.keys("V")
        try t.waitFor("no Fix on:")
        #expect(t.screen().contains("APPROVE WITH WARNINGS is for medium issues with an explicit follow-up"), "\(t.screen())")
        #expect(t.screen().contains("• [MEDIUM] Unpinned (configs/train.yaml:1 (old side)): e in Findings adds one"), "\(t.screen())")
        t.keys("Escape", "q")
        try t.waitFor("Note: 1 MEDIUM finding has no Fix: the warnings name no follow-up (Unpinned (configs/train.yaml:1 (old side)))")
        #expect(t.screen().contains("Decision: APPROVE WITH WARNINGS"), "\(t.screen())")
    }

    /// A HIGH and a MEDIUM finding: the verdict view listed both under "Why", and `show` under
    /// "Why the rules give BLOCK", as if the MEDIUM blocked too. The MEDIUM is said apart.
    @Test func aBlocksReasonsAreSaidApartFromTheWarnings() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.writeFinding("Leak", severity: .high)
        try t.writeFinding("Unpinned", severity: .medium)
        t.keys("V")
        try t.waitFor("Besides, each would give APPROVE WITH WARNINGS alone (1):")
        let lines = t.screen().split(separator: "\n").map(String.init)
        let why = try #require(lines.firstIndex { $0.contains("Why (1):") }, "\(t.screen())")
        #expect(lines[why + 1].contains("• open finding [HIGH] Leak"), "\(t.screen())")
        #expect(lines[why + 2].contains("Besides, each would give") && lines[why + 3].contains("• open finding [MEDIUM] Unpinned"), "\(t.screen())")
        t.keys("Escape", "q")
        try t.waitForExit()
    }
}
