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

    /// E finishes a review as F does, and its question left out what F's says: proposals that
    /// will not count, and files not marked viewed (which `show` then tells a lead).
    @Test func exportingAsksAsFinishingDoesWithWhatIsLeftBehind() throws {
        let linted = "[LOW] F401 os imported but unused\nFile: pipelines/train.py:1\n"
        let shell = """
            printf '\(linted)' > b.txt && BIN import b.txt --patch pr.diff --reviewer Ada --store STORE \
            && BIN --patch pr.diff --reviewer Ada --store STORE
            """
        let t = try Tmux.start(shell: shell)
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.writeFinding("Unpinned", severity: .medium)
        t.keys("E")
        try t.waitFor("Export the verdict")
        t.keys("C-s")
        try t.waitFor("Export and finish with APPROVE WITH WARNINGS?")
        let question = try #require(t.box(titled: "Confirm"), "\(t.screen())")
        #expect(question.contains("1 proposed finding will not count."), "\(question)")
        #expect(question.contains("0 of 4 files marked viewed."), "\(question)")
        t.keys("n", "Escape", "q")
        try t.waitForExit()
    }

    /// A review reopened and finished again is two rows of the same range and decision in the
    /// log view, which has no room for `log`'s NOTE column: the row under the cursor says which
    /// it was revised as or from.
    @Test func theLogViewSaysWhichRowIsARevisionOfWhich() throws {
        let high = "[HIGH] Scaler fitted before the split\nFile: pipelines/train.py:26\n"
        let shell = """
            printf '\(high)' > a.txt && BIN import a.txt --patch pr.diff --accept --reviewer Ada --store STORE \
            && BIN finish latest --allow-incomplete --reviewer Ada --store STORE \
            && BIN reopen latest --reviewer Ada --store STORE > reopened.txt \
            && BIN finish latest --allow-incomplete --reviewer Ada --store STORE && BIN log --tui
            """
        let t = try Tmux.start(shell: shell)
        defer { t.stop() }
        try t.waitFor("Enter open read-only")
        let ids = try ReviewStore(path: t.store).log().map(\.id)
        try #require(ids.count == 2)
        // Newest first: the revision, then the review it revised.
        try t.waitFor("\(ids[0]): revision of \(ids[1])")
        // Rows not under the cursor tell them apart too: the one revised since is dim.
        let styled = t.styledScreen()
        #expect(Tmux.isDim(ids[1] + " 20", in: styled) == true, "\(styled)")
        #expect(t.screen().contains("dim: revised since"))
        t.keys("j")
        try t.waitFor("\(ids[1]): revised as \(ids[0])")
        t.keys("q")
        try t.waitForExit()
    }

    /// `short` keeps the reviews finished with required steps undone, in the log view as in
    /// `log --short`: a lead had to scan the `!` by eye.
    @Test func theLogViewFiltersTheReviewsFinishedShort() throws {
        let high = "[HIGH] Scaler fitted before the split\nFile: pipelines/train.py:26\n"
        let medium = "[MEDIUM] Unpinned model path\nFile: pipelines/train.py:26\n"
        let shell = """
            printf '\(high)' > a.txt && printf '\(medium)' > b.txt && sed 's/threshold: 0.35/threshold: 0.4/' pr.diff > other.diff \
            && BIN import a.txt --patch pr.diff --accept --reviewer Ada --store STORE && BIN finish latest --reviewer Ada --store STORE \
            && BIN import b.txt --patch other.diff --accept --reviewer Ada --store STORE && BIN finish latest --reviewer Ada --store STORE \
            && BIN log --tui --short
            """
        let t = try Tmux.start(shell: shell)
        defer { t.stop() }
        try t.waitFor("Enter open read-only")
        try t.waitFor("1 review │ filter: short")
        let rows = t.screen().split(separator: "\n").filter { $0.hasPrefix(" r-") }
        #expect(rows.count == 1 && rows[0].contains("WARNINGS!") && rows[0].contains("other.diff"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
    }

    /// The log too small to draw says "press q", but keys still went to the filter line no one
    /// could see, and q was typed into it instead of leaving.
    @Test func theLogTooSmallToDrawLeavesOnQ() throws {
        let shell = "printf '[HIGH] Scaler fitted before the split\\nFile: pipelines/train.py:26\\n' > a.txt"
            + " && BIN import a.txt --patch pr.diff --accept --reviewer Ada --store STORE && BIN log --tui"
        let t = try Tmux.start(shell: shell)
        defer { t.stop() }
        try t.waitFor("Enter open read-only")
        t.keys("/")
        t.resize(width: 30, height: 5)
        try t.waitFor("Terminal too small")
        t.type("zz")
        t.keys("q")
        try t.waitForExit()
    }
}
