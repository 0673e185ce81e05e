import Foundation
import MLEReviewCore
import Testing

/// Judging an AI reviewer's proposal meant reading it, and the findings list shows one line of
/// each: its issue and fix were only in the edit form (one slip and the proposal was changed).
/// `i` reads the row whole; a, d and e judge it from there.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct FindingDetailJourneyTests {
    static let review = """
    [HIGH] Scaler fitted before the split
    File: pipelines/train.py:26
    Issue: StandardScaler().fit_transform(X) runs on every row, so the validation AUC the PR
      reports includes the test rows' statistics.
    Fix: Split first; fit the scaler on the training rows only (an sklearn Pipeline does it).

    """

    /// "Also on this line" matched a finding by its first line only: a proposal about lines
    /// 24-27 was not named beside the hint on its line 26, where `i` on that diff line opened it.
    @Test func aFindingOverSeveralLinesIsAlsoOnEachOfThem() throws {
        let range = "[MEDIUM] The split and the scaling happen in the wrong order\nFile: pipelines/train.py:24-27\n"
        let t = try Tmux.start(shell: "BIN import ai.txt --patch pr.diff --store STORE > /dev/null 2>&1; BIN --patch pr.diff --reviewer Ada",
                               files: ["ai.txt": range])
        defer { t.stop() }
        try t.waitFor("0 open, 1 proposed")
        try t.waitFor("LEAK-001", orLineContaining: "hint")
        // In Findings, the proposal first, then the hint LEAK-001 on line 26.
        t.keys("Tab", "Tab", "j", "i")
        try t.waitFor("┌─ Finding · ")
        #expect(t.screen().contains("Hint LEAK-001 at pipelines/train.py:26")
                && t.screen().contains("Also on this line: [MEDIUM] The split and the scaling happen in the wrong order"), "\(t.screen())")
        t.keys("Escape", "q")
        try t.waitForExit()
    }

    @Test func iReadsAProposalWholeAndAAcceptsItFromThere() throws {
        let t = try Tmux.start(shell: "BIN import ai.txt --patch pr.diff --store STORE > /dev/null 2>&1; BIN --patch pr.diff --reviewer Ada",
                               files: ["ai.txt": Self.review])
        defer { t.stop() }
        try t.waitFor("0 open, 1 proposed")
        // From the diff, on the line it is about.
        t.keys("i")
        try t.waitFor("no finding or hint on this line")
        t.keys(":")
        t.type("pipelines/train.py:26")
        t.keys("Enter")
        try t.waitFor("26 +    X = scaler.fit_transform(X)")
        t.keys("i")
        try t.waitFor("┌─ Finding · ")
        #expect(t.screen().contains("[HIGH] Scaler fitted before the split"), "\(t.screen())")
        t.keys("Escape")
        t.keys("Tab", "Tab")
        try t.waitFor("(proposed) pipelines/train.py:26")
        t.keys("i")
        try t.waitFor("┌─ Finding · ")
        let shown = t.screen()
        for words in ["[HIGH] Scaler fitted before the split", "File: pipelines/train.py:26", "Line: X = scaler.fit_transform(X)",
                      "Status: proposed by ai.txt, not judged yet", "so the validation AUC the PR", "reports includes the test rows' statistics.",
                      "Split first; fit the scaler on the training rows only"] {
            #expect(shown.contains(words), "\(words)\n\(shown)")
        }
        #expect(shown.contains("a accept") && shown.contains("d dismiss") && shown.contains("e edit"), "\(shown)")
        // The tool's own hint on the same line is likely the same point: said.
        #expect(shown.contains("Also on this line: [HIGH] hint LEAK-001 Fitted before the split or on held-out rows"), "\(shown)")
        t.keys("a")
        try t.waitFor("1 open", orLineContaining: "Findings")
        #expect(!t.screen().contains("┌─ Finding · "), "\(t.screen())")

        // A hint reads the same: the rule's words and what it found.
        t.keys("G")
        try t.waitFor("◆ hint", orLineContaining: "hint")
        t.keys("i")
        try t.waitFor("┌─ Finding · ")
        #expect(t.screen().contains("Status: not judged yet"), "\(t.screen())")
        t.keys("Escape", "q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        #expect(try store.load(try store.resolve("latest")).findings.map(\.status) == [.open])
    }

    /// Ada read the proposal whole while Bo, pairing, wrote a CRITICAL, which sorts above it:
    /// the view showed the row under the list's cursor, now Bo's finding, and `a` judged that.
    /// What is read stays what was opened, and `a` accepts it.
    @Test func whatIsReadStaysWhatAIsAboutWhenThePairChangesTheList() throws {
        let t = try Tmux.start(shell: "BIN import ai.txt --patch pr.diff --store STORE > /dev/null 2>&1; BIN --patch pr.diff --reviewer Ada",
                               files: ["ai.txt": Self.review])
        defer { t.stop() }
        try t.waitFor("0 open, 1 proposed")
        t.keys("Tab", "Tab", "i")
        try t.waitFor("┌─ Finding · ")
        try boAddsACriticalAboveIt(t)
        #expect(t.screen().contains("│ [HIGH] Scaler fitted before the split") && t.screen().contains("Status: proposed by ai.txt, not judged yet")
                && !t.screen().contains("│ [CRITICAL] Model loaded with pickle"), "\(t.screen())")
        t.keys("a")
        try t.waitFor("1 open, 1 proposed", absent: true)
        try t.waitFor("2 open")
        try quitWithTheProposalAccepted(t)
    }

    /// The same in the list itself: the cursor was on the proposal, Bo's CRITICAL sorted above
    /// it, and the cursor stayed on the row number, now Bo's finding.
    @Test func theListsCursorStaysOnItsRowWhenThePairAddsAbove() throws {
        let t = try Tmux.start(shell: "BIN import ai.txt --patch pr.diff --store STORE > /dev/null 2>&1; BIN --patch pr.diff --reviewer Ada",
                               files: ["ai.txt": Self.review])
        defer { t.stop() }
        try t.waitFor("0 open, 1 proposed")
        t.keys("Tab", "Tab")
        try boAddsACriticalAboveIt(t)
        t.keys("a")
        try t.waitFor("2 open")
        try quitWithTheProposalAccepted(t)
    }

    /// Bo joins and writes a CRITICAL, which sorts above the proposal in Ada's list.
    func boAddsACriticalAboveIt(_ t: Tmux) throws {
        try t.startSecond("bo", shell: "BIN join latest --reviewer Bo --store STORE")
        try t.waitFor("joined review", in: "bo")
        try t.writeFinding("Model loaded with pickle", severity: .critical, in: "bo")
        try t.waitFor("Bo added [CRITICAL] Model loaded with pickle")
    }

    /// Ada quits; the proposal she judged, not Bo's finding, is the one accepted.
    func quitWithTheProposalAccepted(_ t: Tmux) throws {
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let findings = try store.load(try store.resolve("latest")).findings
        #expect(findings.first { $0.title == "Scaler fitted before the split" }?.status == .open, "\(findings.map { ($0.title, $0.status) })")
    }
}
