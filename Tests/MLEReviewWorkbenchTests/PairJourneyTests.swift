import Foundation
import Testing
import MLEReviewCore

/// Two terminals on one review, as a pair uses them: each hears what the other did.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct PairJourneyTests {
    /// Ada on the demo patch in the main session, Bo joined to her review in session "bo".
    static func adaWithBo(_ options: String = "") throws -> Tmux {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        do {
            try t.waitFor("✓ saved")
            try t.startSecond("bo", shell: "BIN join latest --reviewer Bo \(options) --store STORE")
            try t.waitFor("joined review", in: "bo")
        } catch {
            t.stop() // the caller's defer is not set yet: its own tmux server goes here
            throw error
        }
        return t
    }

    /// Crossed edits of a finding neither of them wrote (an AI reviewer's): the dialog said
    /// "Someone saved this finding", and Bo's status line said "saved [HIGH] …" above the
    /// question, though his version was not saved.
    @Test func crossedEditsNameWhoSavedAndDoNotClaimTheLosingSave() throws {
        let shell = "printf '[HIGH] Scaler fitted before the split\\nFile: pipelines/train.py:26\\n' > f.txt"
            + " && BIN import f.txt --patch pr.diff --accept --store STORE && BIN --patch pr.diff --reviewer Ada --store STORE"
        let t = try Tmux.start(shell: shell)
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.startSecond("bo", shell: "BIN join latest --reviewer Bo --store STORE")
        try t.waitFor("joined review", in: "bo")
        t.keys("Tab", "Tab", "e")
        try t.waitFor("┌─ Edit finding")
        t.keys(to: "bo", "Tab", "Tab", "e")
        try t.waitFor("┌─ Edit finding", in: "bo")
        t.keys("End")
        t.type(" (Ada)")
        t.keys("C-s")
        try t.waitFor("saved [HIGH] ")
        t.keys(to: "bo", "End")
        t.tmux("send-keys", "-t", "bo", "-l", " (Bo)")
        t.keys(to: "bo", "C-s")
        try t.waitFor("Ada saved this finding while you were editing it", in: "bo")
        let status = String(t.screen("bo").split(separator: "\n").last ?? "")
        #expect(status.contains("NOT SAVED yet: Ada saved this finding while you were editing it") && !status.contains("saved [HIGH]"), "\(status)")
    }

    /// Bo's finding appeared in Ada's findings pane with nothing said; Ada's export finished the
    /// review and Bo's screen went on saying IN REVIEW until his next change was refused.
    @Test func eachHearsWhatTheOtherDidAndAFinishTurnsTheOtherReadOnly() throws {
        let t = try Self.adaWithBo()
        defer { t.stop() }
        try t.writeFinding("Model loaded with pickle", severity: .critical, in: "bo")
        try t.waitFor("Bo added [CRITICAL] Model loaded with pickle (", seconds: 3)

        t.keys("E")
        try t.waitFor("┌─ Export the verdict")
        t.keys("C-s")
        try t.waitFor("Export and finish with BLOCK?")
        t.keys("y")
        try t.waitFor("READ-ONLY FINISHED BLOCK")
        try t.waitFor("Ada finished the review: BLOCK. It is read-only now; R starts a new revision", seconds: 3, in: "bo")
        #expect(t.screen("bo").split(separator: "\n").first?.contains("READ-ONLY FINISHED BLOCK") == true, "\(t.screen("bo"))")
        t.keys(to: "bo", "q")
        t.keys("q")
        try t.waitForExit()
    }

    /// A terminal closed under the workbench (SIGHUP ends it before it can leave) stayed present
    /// for the 3 s timeout: its reviewer, back at once, read "with Ada (reviewer)" about
    /// themselves. A session whose process is gone is forgotten when a workbench opens.
    @Test func aReviewerBackAfterTheirTerminalClosedIsNotWithThemselves() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        usleep(1_200_000) // at least one beat written
        let closed = Date()
        t.tmux("respawn-pane", "-k", "-t", "main", "sh \(t.dir)/run.sh")
        try t.waitFor("✓ saved")
        usleep(700_000) // its first polls have read who is here
        let title = String(t.screen().split(separator: "\n").first ?? "")
        // Within the timeout, or the old session would be gone anyway and this would prove nothing.
        try #require(Date().timeIntervalSince(closed) < ReviewStore.presenceTimeout - 0.3, "too slow to tell")
        #expect(!title.contains("with Ada"), "\(title)")
    }

    /// A partner with a long name, on a file, beside a long decision ("IN REVIEW · 27 required
    /// left · APPROVE WITH WARNINGS so far") took the whole title bar: what was under review and
    /// how much was viewed went off the screen. The tool's name gives way first, then the pair's part.
    @Test func aLongPartnerNameLeavesTheSourceInTheTitle() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada Lovelace of the Analytical Engine team"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("c")
        try t.waitFor("┌─ New finding")
        t.type("Leak")
        t.keys("C-s")
        try t.waitFor("APPROVE WITH WARNINGS so far")
        try t.startSecond("bo", shell: "BIN join latest --reviewer 'Bartholomew Oyelaran-Fitzgerald the Third' --store STORE")
        try t.waitFor("joined review", in: "bo")
        try t.waitFor("with Bartholomew")
        let title = String(t.screen().split(separator: "\n").first ?? "")
        #expect(title.hasPrefix(" pr.diff with Bartholomew"), "\(title)")
        #expect(title.contains("APPROVE WITH WARNINGS so far"), "\(title)")
        t.keys(to: "bo", "q")
        t.keys("q")
        try t.waitForExit()
    }

    /// Bo was typing a finding when Ada finished: her question said nothing of it, and his save
    /// was refused after. The question says who is writing one, not saved yet.
    @Test func finishingWhileThePartnerTypesAFindingSaysSo() throws {
        let t = try Self.adaWithBo()
        defer { t.stop() }
        try t.writeFinding("Model loaded with pickle", severity: .high)
        t.keys(to: "bo", "c")
        try t.waitFor("┌─ New finding", in: "bo")
        t.tmux("send-keys", "-t", "bo", "-l", "Threshold tuned on the test set")
        try t.waitFor("Title  Threshold tuned", orLineContaining: "Title", in: "bo")
        usleep(600_000) // Ada's polls read who is writing
        t.keys("F")
        try t.waitFor("Finish with BLOCK?")
        try t.waitFor("writing a finding, not saved yet")
        // The question wraps: read as one text.
        let question = t.screen().split(separator: "\n").map { $0.split(separator: "│").dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }.joined(separator: " ")
        #expect(question.contains("Bo is writing a finding, not saved yet: it will not be in this verdict."), "\(t.screen())")
        t.keys("n")
        t.keys(to: "bo", "C-s")
        try t.waitFor("saved [MEDIUM]", in: "bo")
        usleep(600_000)
        t.keys("F")
        try t.waitFor("Finish with BLOCK?")
        #expect(!t.screen().contains("is writing a finding"), "\(t.screen())")
        t.keys("n")
        t.keys(to: "bo", "q")
        t.keys("q")
        try t.waitForExit()
    }

    /// Ada with the review open in a second terminal read "with Ada (reviewer)" about herself.
    @Test func theSameReviewerInAnotherTerminalIsYou() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.startSecond("again", shell: "BIN --patch pr.diff --reviewer Ada --store STORE")
        try t.waitFor("resumed review", in: "again")
        try t.waitFor("with you in another terminal")
        #expect(!(t.screen().split(separator: "\n").first ?? "").contains("Ada (reviewer)"), "\(t.screen())")
        t.keys(to: "again", "q")
        t.keys("q")
        try t.waitForExit()
    }

    /// Bo saved a finding after Ada had finished the review: the store refused it, and the
    /// message history went on saying "saved [MEDIUM] …" under the NOT SAVED. What a key said as
    /// it handed the write over is taken back when the write is refused.
    @Test func aFindingSavedAfterThePartnerFinishedIsNeverSaidSaved() throws {
        let t = try Self.adaWithBo()
        defer { t.stop() }
        t.keys(to: "bo", "c")
        try t.waitFor("┌─ New finding", in: "bo")
        t.tmux("send-keys", "-t", "bo", "-l", "Rows dropped silently")
        try t.writeFinding("Pickle", severity: .critical)
        t.keys("V")
        try t.waitFor("F finish")
        t.keys("F")
        try t.waitFor("Finish with BLOCK?")
        t.keys("y")
        try t.waitFor("READ-ONLY FINISHED BLOCK")
        try t.waitFor("Ada finished the review: BLOCK", seconds: 3, in: "bo")
        t.keys(to: "bo", "C-s")
        try t.waitFor("NOT SAVED: ", in: "bo")
        t.keys(to: "bo", "?")
        try t.waitFor("Messages, newest first", in: "bo")
        let help = t.screen("bo")
        #expect(help.contains("NOT SAVED: review "), "\(help)")
        #expect(!help.contains("saved [MEDIUM]"), "\(help)")
        t.keys(to: "bo", "Escape", "q")
        t.keys("q")
        try t.waitForExit()
    }

    /// Ada opened the review (a plain reviewer) and Bo joined it as navigator: S made Bo the
    /// driver and left Ada a reviewer, a pair with nobody navigating. She was the one driving:
    /// she navigates now.
    @Test func swappingWithTheReviewerWhoOpenedItMakesThemNavigator() throws {
        let t = try Self.adaWithBo("--role navigator")
        defer { t.stop() }
        t.keys(to: "bo", "S")
        try t.waitFor("roles swapped: Ada navigator, Bo driver", in: "bo")
        try t.waitFor("with Bo (driver)")
        let reviewers = try ReviewStore(path: t.store).load(try ReviewStore(path: t.store).resolve("latest")).reviewers
        #expect(reviewers.map { "\($0.name) \($0.role.rawValue)" } == ["Ada navigator", "Bo driver"])
        t.keys(to: "bo", "q")
        t.keys("q")
        try t.waitForExit()
    }
}
