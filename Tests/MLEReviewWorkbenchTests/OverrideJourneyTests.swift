import Foundation
import Testing
import MLEReviewCore

/// An override's justification speaks of the reasons the rules gave when it was written: a new
/// reason to block, from the reviewer or their pair, is not covered by it.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct OverrideJourneyTests {
    /// Ada lowered a BLOCK (her HIGH finding) to APPROVE WITH WARNINGS with a reason; then Bo,
    /// pairing, wrote a CRITICAL. Her screen went on saying APPROVE WITH WARNINGS: the override
    /// was checked against the decision it was made over (BLOCK, still BLOCK), not its reasons.
    @Test func aCriticalAddedAfterAnOverrideIsNotCoveredByIt() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada", "--role", "driver"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("/")
        t.type("fit_transform")
        t.keys("Enter")
        try t.waitFor("26 +    X = scaler.fit_transform(X)")
        try t.writeHighFinding("Scaler fitted before the split")
        try t.waitFor("BLOCK so far")
        t.keys("V", "o")
        try t.waitFor("┌─ Override the decision")
        t.keys("Right", "Right", "Tab")
        t.type("The split is by time upstream")
        t.keys("C-s")
        try t.waitFor("decision overridden: APPROVE WITH WARNINGS")
        t.keys("Escape")
        try t.waitFor("APPROVE WITH WARNINGS so far")

        try t.startSecond("bo", shell: "BIN join latest --reviewer Bo --role navigator --store STORE")
        try t.waitFor("joined review", in: "bo")
        try t.writeFinding("Model loaded with pickle", severity: .critical, in: "bo")

        try t.waitFor("BLOCK so far", seconds: 3)
        // Her screen says why her decision changed under her.
        try t.waitFor("override to APPROVE WITH WARNINGS lapsed: a reason it did not cover came in (V shows it)")
        #expect(!t.screen().contains("APPROVE WITH WARNINGS so far"), "\(t.screen())")
        t.keys("V")
        try t.waitFor("lapsed: it was made before open finding")
        // The line wraps in the overlay: the reason is on it, whole.
        let verdict = t.screen().replacingOccurrences(of: "│", with: "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(verdict.contains("lapsed: it was made before open finding [CRITICAL] Model loaded with pickle"), "\(t.screen())")
        t.keys("Escape", "q")
        try t.waitForExit()
    }
}
