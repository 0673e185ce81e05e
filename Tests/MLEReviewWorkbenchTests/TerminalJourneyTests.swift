import Foundation
import MLEReviewCore
import Testing

/// The real binary in a real terminal (tmux): start-up, keys, the screen a person reads, export,
/// quitting, and a kill in the middle of typing. Few and end-to-end; everything else is tested
/// below the terminal.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct TerminalJourneyTests {
    @Test func reviewFromFirstKeyToExportedVerdict() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        #expect(t.screen().contains("┌─ Diff · 1/4 configs/train.yaml"))
        // To the scaler line of pipelines/train.py (new line 26), by search.
        t.keys("/")
        t.type("fit_transform")
        t.keys("Enter")
        try t.waitFor(" ◆     26 +    X = scaler.fit_transform(X)", orLineContaining: "fit_transform")
        // Tick an item in the checklist.
        t.keys("Tab", "j", "p")
        try t.waitFor("[✓] Change is reviewable")
        // Back to the diff, write a finding on the cursor line.
        t.keys("Tab", "Tab", "Tab", "c")
        try t.waitFor("┌─ New finding")
        #expect(t.screen().contains("Location  pipelines/train.py:26"))
        t.type("Scaler fitted before the split")
        t.keys("BTab", "Left", "Tab", "Tab", "Tab", "Tab", "Tab")
        t.type("fit_transform sees the test rows.")
        t.keys("Tab")
        t.type("Fit inside a Pipeline.")
        t.keys("C-s")
        // The risk was guessed from the words: the status line says which, whole (the title gives way).
        try t.waitFor("at pipelines/train.py:26 · risk guessed: data leakage (e in Findings)")
        #expect(t.screen().contains("saved [HIGH] Scaler fitted"))
        #expect(t.screen().contains("BLOCK"))
        // Export the text verdict.
        t.keys("E")
        try t.waitFor("┌─ Export the verdict")
        t.keys("Enter", "Enter", "Enter")
        try t.waitFor("Export and finish with BLOCK?")
        t.keys("y")
        try t.waitFor("exported text to")
        t.keys("q")
        try t.waitForExit()
        #expect(t.exitStatus() == "0")
        #expect(t.alternateScreen() == "0")

        // Exports go beside the store, not into the work tree.
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.dir).filter { $0.hasPrefix("mle-review-r-") }.isEmpty)
        let folder = (t.store as NSString).deletingLastPathComponent + "/exports"
        let exported = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("mle-review-r-") && $0.hasSuffix(".txt") }
        #expect(exported.count == 1)
        let text = try String(contentsOfFile: folder + "/" + exported[0], encoding: .utf8)
        #expect(text.hasPrefix("[HIGH] Scaler fitted before the split\nFile: pipelines/train.py:26\nIssue: fit_transform sees the test rows.\nFix: Fit inside a Pipeline.\n"))
        #expect(text.contains("Decision: BLOCK\n"))
        let store = try ReviewStore(path: t.store)
        let review = try store.load(try store.resolve("latest"))
        #expect(review.state(of: "start-here/change-is-reviewable") == .pass)
    }

    @Test func sigtermMidEditRestoresTheTerminalAndKeepsTheDraft() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("c")
        try t.waitFor("┌─ New finding")
        t.type("half typed title")
        try t.waitFor("Title  half typed title")
        t.signal("TERM")
        try t.waitForExit()
        #expect(t.exitStatus() == "143") // 128 + SIGTERM: re-raised after the terminal was restored
        #expect(t.alternateScreen() == "0")
        let store = try ReviewStore(path: t.store)
        let draft = try store.draft(try store.resolve("latest"), key: "finding-editor:Ada")
        #expect(draft?.contains("half typed title") == true)
    }

    /// A piped diff was called "-" in the title and in the log, where two such reviews could
    /// not be told apart: it is "standard input", and the log adds its diff's hash.
    @Test func aPipedDiffWithKeysFromTheTerminal() throws {
        let t = try Tmux.start(shell: "cat pr.diff | BIN --patch - --reviewer Ada --store STORE; BIN log")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        #expect(t.screen().split(separator: "\n").first?.hasPrefix(" mle-review │ standard input │ 4 files") == true, "\(t.screen())")
        t.keys("j", "q")
        try t.waitForExit()
        #expect(t.exitStatus() == "0")
        let sha = try #require(try ReviewStore(path: t.store).load(try ReviewStore(path: t.store).resolve("latest")).source.diffSHA256)
        #expect(t.screen().contains(" stdin, diff \(sha.prefix(7)) "), "\(t.screen())")
    }

    /// A named pipe as the patch (`mkfifo`, a writer that starts later): the first-screen peek
    /// lets go of the pipe (it is no plain file) and the whole read takes what the writer sends.
    @Test func aNamedPipeAsThePatch() throws {
        let t = try Tmux.start(shell: "mkfifo pipe.diff; (sleep 0.3; cat pr.diff > pipe.diff) & BIN --patch pipe.diff --reviewer Ada")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        #expect(t.screen().contains("configs/train.yaml"))
        t.keys("q")
        try t.waitForExit()
        #expect(t.exitStatus() == "0")
    }

    /// The demo with its training script moved to a path that fills the status line.
    static let demoOnALongPath = "sed 's#pipelines/train.py#services/churn_model/training/pipelines/evaluate_and_register.py#g' pr.diff > long.diff"
        + " && BIN --patch long.diff --reviewer Ada"

    /// A finding saved on a long path with a guessed risk: the status line showed the path whole
    /// and cut the guess to "…" (the title alone gave way). The path keeps its end now.
    @Test func aGuessedRiskShowsWholeAfterALongPath() throws {
        let t = try Tmux.start(shell: Self.demoOnALongPath)
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("/")
        t.type("fit_transform")
        t.keys("Enter")
        try t.waitFor(" ◆     26 +    X = scaler.fit_transform(X)", orLineContaining: "fit_transform")
        t.keys("c")
        try t.waitFor("┌─ New finding")
        t.type("Scaler fitted on all rows before the train and test split")
        t.keys("Tab", "Tab", "Tab", "Tab")
        t.type("fit_transform sees the test rows.")
        t.keys("C-s")
        try t.waitFor("evaluate_and_register.py:26 · risk guessed: data leakage (e in Findings)")
        // The path gave way at its start, the title before it.
        let status = t.screen().split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.contains("saved [MEDIUM] Scaler") && status.contains(" at …"), "\(status)")
        t.keys("q")
        try t.waitForExit()
    }

    /// The same with the risk from a checklist item (nothing guessed): the message was cut after
    /// "at" with "(? shows all)", so the place the finding was saved at never showed.
    @Test func aSavedFindingSaysWhereAfterALongTitleAndPath() throws {
        let t = try Tmux.start(shell: Self.demoOnALongPath)
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys(":")
        t.type("evaluate_and_register.py:26")
        t.keys("Enter", "c")
        try t.waitFor("┌─ New finding")
        t.type("Scaler fitted on all rows before the train and test split, so the test metrics are optimistic")
        t.keys("Tab", "Tab", "Tab", "/")
        t.type("splits respect")
        t.keys("Enter", "C-s")
        try t.waitFor("evaluate_and_register.py:26", orLineContaining: "saved [MEDIUM]")
        let status = t.screen().split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.contains("saved [MEDIUM] Scaler") && !status.contains("shows all"), "\(status)")
        t.keys("q")
        try t.waitForExit()
    }

    /// Issue 16: an untouched review is in progress, not approved; irreversible keys ask; a
    /// form does not vanish on Ctrl-C; findings can be taken back.
    @Test func theVerdictIsInProgressUntilFinalAndIrreversibleKeysAsk() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        // 50 steps of the checklist and a test run, and the demo's 8 MEDIUM or worse hints to judge.
        try t.waitFor("IN REVIEW · 58 required left")
        let title = t.screen().split(separator: "\n")[0]
        #expect(title.hasSuffix("IN REVIEW · 58 required left"), "\(title)")
        #expect(!title.contains("APPROVE"))
        // F asks, and n leaves the review open.
        t.keys("F")
        try t.waitFor("cannot finish with APPROVE")
        t.keys("c")
        try t.waitFor("┌─ New finding")
        t.type("Label leak")
        t.keys("BTab", "Left")
        // Ctrl-C in a form asks like Esc (the question's own keys shown); n goes back to the form.
        t.keys("C-c")
        try t.waitFor("Discard what you typed in New finding?")
        #expect(t.screen().contains("y yes · n no"))
        t.keys("n")
        try t.waitFor("nothing changed")
        t.keys("C-s")
        try t.waitFor("saved [HIGH] Label leak")
        try t.waitFor("IN REVIEW · 58 required left · BLOCK so far")
        t.keys("F")
        try t.waitFor("Finish with BLOCK?")
        t.keys("n")
        try t.waitFor("nothing changed")
        #expect(!t.screen().contains("FINISHED"))
        // Resolve (asked: the diff still has its line), then take it back; delete asks first.
        t.keys("Tab", "Tab")
        t.keys("r")
        try t.waitFor("Resolve [HIGH] Label leak?")
        t.keys("y")
        try t.waitFor("Label leak: resolved (moved to the list's end, where r brings it back)")
        t.keys("G", "r")
        try t.waitFor("Label leak: back to open")
        t.keys("D")
        try t.waitFor("Delete [HIGH] Label leak?")
        t.keys("y")
        try t.waitFor("deleted Label leak")
        try t.waitFor("IN REVIEW · 58 required left", absent: false)
        #expect(!t.screen().contains("BLOCK so far"))
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let id = try store.resolve("latest")
        #expect(try store.load(id).findings.isEmpty && !(try store.load(id).isFinished))
        #expect(try store.history(of: id).contains { $0.kind == "finding-deleted" && ($0.detail ?? "").contains("Label leak") })
        // `show` lists it for a lead: a deleted HIGH is what the verdict no longer shows.
        let show = String(decoding: try Subprocess.run([Tmux.binary, "show", "--store", t.store]).stdout, as: UTF8.self)
        #expect(show.contains("\nDeleted (the review's history keeps them):\n  [HIGH] Label leak — "), "\(show)")
    }

    /// Issue 14: when the store refuses writes (here a trigger standing in for a full disk, added
    /// while the workbench runs), nothing reads "✓ saved", the checklist does not count the tick,
    /// and q asks, then keeps what was refused in a file it names.
    @Test func aRefusedWriteIsNeverShownAsSaved() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        let refuse = try Subprocess.run(["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            for table in ("item_marks", "findings"):
                c.execute(f"CREATE TRIGGER full_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
            c.commit()
            """, t.store])
        try #require(refuse.status == 0, "\(refuse.stderrText)")
        t.keys("Tab", "j", "p")
        try t.waitFor("NOT SAVED: ")
        try t.waitFor("✗ 1 NOT SAVED · Ctrl-R retry")
        let screen = t.screen()
        #expect(!screen.contains("✓ saved"))
        #expect(screen.contains("┌─ Checklist 0/55") && screen.contains("[ ] Change is reviewable"), "\(screen)")
        t.keys("q")
        try t.waitFor("Quit with 1 change not saved?")
        t.keys("y")
        try t.waitForExit()
        #expect(t.exitStatus() == "1")
        let shown = t.screen()
        #expect(shown.contains("could not be saved; written to"), "\(shown)")
        let folder = (t.store as NSString).deletingLastPathComponent
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("unsaved-r-") }
        #expect(kept.count == 1)
        let text = try String(contentsOfFile: folder + "/" + (kept.first ?? ""), encoding: .utf8)
        #expect(text.contains("# checklist item start-here/change-is-reviewable: pass"))
    }

    /// Issue 14: a terminal that cannot address the cursor gets one line and exit 2, not a
    /// blank screen that exits 0.
    @Test func aDumbTerminalIsRefusedInOneLine() throws {
        let t = try Tmux.start(shell: "TERM=dumb BIN --patch pr.diff 2>err.txt")
        defer { t.stop() }
        try t.waitForExit()
        #expect(t.exitStatus() == "2")
        let err = try String(contentsOfFile: t.dir + "/err.txt", encoding: .utf8)
        #expect(err.hasPrefix("mle-review: TERM=dumb: this terminal cannot move the cursor;") && err.split(separator: "\n").count == 1, "\(err)")
        #expect(t.alternateScreen() == "0")
    }

    /// Issue 14: a binary copied out of the build (as an install does) still has its themes,
    /// by name and as a parent, and is in colour without --theme.
    @Test func anInstalledBinaryKeepsItsThemes() throws {
        let t = try Tmux.start(shell: "mkdir -p inst/bin && cp BIN inst/bin/mle-review && cd / && \"$OLDPWD\"/inst/bin/mle-review --patch \"$OLDPWD\"/pr.diff --theme high-contrast")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("q")
        try t.waitForExit()
        #expect(t.exitStatus() == "0")
        try "inherits = \"default-dark\"\n".write(toFile: t.dir + "/mine.toml", atomically: true, encoding: .utf8)
        try t.startSecond("plain", shell: "cd / && env -u NO_COLOR \(t.dir)/inst/bin/mle-review --patch \(t.dir)/pr.diff --store STORE")
        try t.waitFor("✓ saved", in: "plain")
        // Colour is on without --theme: the title bar carries a background colour.
        let styled = t.tmux("capture-pane", "-p", "-e", "-t", "plain")
        #expect(styled.contains("\u{1B}[") && (styled.contains(";46m") || styled.contains("[46m") || styled.contains("48;5;")), "no colour in the title bar: \(styled.prefix(300).debugDescription)")
        try t.startSecond("inherited", shell: "cd / && \(t.dir)/inst/bin/mle-review --patch \(t.dir)/pr.diff --theme \(t.dir)/mine.toml --store STORE")
        try t.waitFor("✓ saved", in: "inherited")
    }

    /// On the default branch with edits not yet committed, the title said only "HEAD", which
    /// reads as the commit (and `verify HEAD` does not count such a review); it says what it is.
    @Test func uncommittedChangesSayWhatIsReviewed() throws {
        let setup = Tmux.newRepository + """
        echo 'x = 1' > model.py && git add -A && git commit -qm base
        echo 'x = 2' > model.py
        """
        let t = try Tmux.start(shell: "sh setup.sh && cd repo && BIN --reviewer Ada", files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        let title = String(t.screen().split(separator: "\n").first ?? "")
        #expect(title.contains("│ HEAD (") && title.contains("..uncommitted changes) │"), "\(title)")
        t.keys("q")
        try t.waitForExit()
        // The log calls it the same (it said `HEAD 1a2b3c4..worktree`).
        let log = String(decoding: try Subprocess.run([Tmux.binary, "log", "--store", t.store]).stdout, as: UTF8.self)
        #expect(log.contains(" HEAD ") && log.contains("..uncommitted "), "\(log)")
    }

    /// Home and End as tmux sends them reach the workbench as Home and End with
    /// TERM=xterm-256color (whose terminfo names other sequences): in a field and in the diff.
    @Test func homeAndEndWorkUnderXtermInTmux() throws {
        let t = try Tmux.start(shell: "TERM=xterm-256color BIN --patch pr.diff --reviewer Ada")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("c")
        try t.waitFor("┌─ New finding")
        t.type("abc")
        t.keys("Home")
        t.type("X")
        t.keys("End")
        t.type("Y")
        try t.waitFor("Title  XabcY")
        #expect(!t.screen().contains("4~") && !t.screen().contains("1~"))
        t.keys("Escape", "y")
        try t.waitFor("finding discarded")
        t.keys("End")
        try t.waitFor("4/4 tests/test_predict.py")
        t.keys("Home")
        try t.waitFor("1/4 configs/train.yaml")
    }

    /// Issue 16: a navigator's half-typed finding, killed, comes back to the navigator on join,
    /// never to the driver.
    @Test func draftsBelongToTheirReviewer() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        let id = try ReviewStore(path: t.store).resolve("latest")
        try t.startSecond("nav", shell: "BIN join \(id) --reviewer Grace --role navigator --store STORE")
        try t.waitFor("joined review", in: "nav")
        t.keys(to: "nav", "c")
        try t.waitFor("┌─ New finding", in: "nav")
        t.tmux("send-keys", "-t", "nav", "-l", "Grace half typed")
        try t.waitFor("Title  Grace half typed", in: "nav")
        t.signal("TERM", in: "nav")
        try t.waitFor("Title  Grace half typed", in: "nav", absent: true)
        // The driver's new finding starts empty.
        t.keys("c")
        try t.waitFor("┌─ New finding")
        #expect(!t.screen().contains("Grace half typed"))
        t.keys("Escape")
        // Grace joins again: her draft is back.
        try t.startSecond("nav2", shell: "BIN join \(id) --reviewer Grace --role navigator --store STORE")
        try t.waitFor("unsaved from last time: your new finding (c brings it back)", in: "nav2")
        t.keys(to: "nav2", "c")
        try t.waitFor("Title  Grace half typed", in: "nav2")
    }

    /// Finish a review, find it in the review log, open it read-only, then browse the log again
    /// with `log --tui` after quitting.
    @Test func theReviewLogOpensAPastReviewReadOnly() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; BIN log --tui")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("c")
        try t.waitFor("┌─ New finding")
        t.type("Unpinned model path")
        t.keys("C-s")
        try t.waitFor("saved [MEDIUM] Unpinned")
        t.keys("V")
        try t.waitFor("F finish")
        t.keys("F")
        try t.waitFor("Finish with APPROVE WITH WARNINGS?")
        // `show` tells a lead how many files were viewed; the reviewer hears it before finishing.
        let question = t.screen()
        #expect(question.contains(" 0 of 4") && question.contains("files marked viewed."), "\(question)")
        t.keys("y")
        // Finished with the checklist untouched, and it says so, as `finish` and the log's ! do.
        try t.waitFor("finished: APPROVE WITH WARNINGS with ")
        #expect(t.screen().contains("required steps undone"), "\(t.screen())")
        #expect(t.screen().split(separator: "\n")[0].hasSuffix("READ-ONLY FINISHED APPROVE WITH WARNINGS"))
        // The status line's right end says what the review is now, not "saved" for ever after.
        #expect(statusLine(t).hasSuffix("read-only") && !t.screen().contains("✓ saved"))
        t.keys("m")
        try t.waitFor("read-only: finished (APPROVE WITH WARNINGS")

        t.keys("L")
        try t.waitFor("review log │ 1 review")
        #expect(t.screen().contains("WARNINGS") && t.screen().contains("Ada"))
        t.keys("Enter")
        try t.waitFor("read-only: opened from the review log (q goes back)")
        #expect(t.screen().split(separator: "\n")[0].contains("READ-ONLY"))
        #expect(t.screen().contains("Unpinned model path"))
        // A lead reading a past review has saved nothing: the right end says so.
        #expect(statusLine(t).hasSuffix("read-only") && !t.screen().contains("✓ saved"), "\(statusLine(t))")
        t.keys("c")
        try t.waitFor("read-only: opened from the review log (q goes back)")
        #expect(!t.screen().contains("┌─ New finding"))
        t.keys("q")
        try t.waitFor("review log │ 1 review")
        t.keys("q")   // back to the workbench
        try t.waitFor("READ-ONLY FINISHED")
        t.keys("q")   // the workbench ends; `log --tui` starts
        try t.waitFor("Enter open read-only")
        t.keys("/")
        t.type("decision:block")
        t.keys("Enter")
        try t.waitFor("No review matches the filter")
        t.keys("Escape")
        try t.waitFor("1 review")
        t.keys("q")
        try t.waitForExit()
        #expect(t.exitStatus() == "0")
        #expect(t.alternateScreen() == "0")
    }

    /// A lead reads an AI reviewer's precision off `stats`; a reviewer dismissing its duplicate
    /// counted as the AI being wrong. d on a proposal now asks why (d again: a duplicate), the
    /// row says so, Esc keeps a proposal, and stats counts the duplicate as right.
    @Test func aDismissedProposalSaysWhyAndStatsCountsIt() throws {
        let ai = "[MEDIUM] Unpinned seed\nFile: pipelines/train.py:12\nIssue: seed\n\n[LOW] Naming\nFile: pipelines/train.py:14\n"
        let t = try Tmux.start(shell: "BIN import ai.txt --patch pr.diff --reviewer Ada --store STORE >/dev/null 2>&1 && BIN --patch pr.diff --reviewer Ada --store STORE; BIN stats",
                               files: ["ai.txt": ai])
        defer { t.stop() }
        try t.waitFor("2 proposed")
        t.keys("Tab", "Tab")
        try t.waitFor("d dismiss")
        // Deleting it instead would take the AI's miss out of stats: D says so and does nothing.
        t.keys("D")
        try t.waitFor("proposed by ai.txt: d dismisses it with a reason (stats counts it); D deletes what a reviewer typed")
        #expect(!t.screen().contains("┌─ Confirm"))
        t.keys("d")
        try t.waitFor("Dismiss Unpinned seed?")
        #expect(t.screen().contains("w wrong · d duplicate · m true but minor · Enter no reason · Esc keep"))
        t.keys("d")
        try t.waitFor("Unpinned seed: dismissed, duplicate (moved to the list's end, where a brings it back)")
        // The list's end shows it there, saying why.
        t.keys("G")
        try t.waitFor("(dismissed, duplicate) pipelines/train.py:12")
        t.keys("g", "d")
        try t.waitFor("Dismiss Naming?")
        t.keys("Escape")
        try t.waitFor("kept: nothing changed")
        #expect(t.screen().contains("(proposed) pipelines/train.py:14"))
        t.keys("q")
        try t.waitFor("PRECISION")
        let row = t.screen().split(separator: "\n").first { $0.hasPrefix("ai.txt ") }
        #expect(row?.split(separator: " ") == ["ai.txt", "0", "1", "0", "1", "0", "1", "100%"], "\(t.screen())")
    }

    /// Taking a hint with `a` says "a accepts it": a second `a` accepts that proposal (the cursor
    /// stayed on the row, by then the next hint, and took that one). A hint dismissed by mistake
    /// is listed among the closed rows and `a` brings it back, for the stats too.
    @Test func aTakenHintIsAcceptedAndADismissedHintComesBack() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; BIN stats")
        defer { t.stop() }
        try t.waitFor("10 hints")
        t.keys("Tab", "Tab")
        try t.waitFor("d dismiss")
        // Worst first, then by file and line, as scan lists them: LEAK-001, then DESER-001.
        t.keys("j", "a")
        try t.waitFor("hint DESER-001 is now a proposed finding: a accepts it")
        t.keys("a")
        try t.waitFor("Pickle-based load of a file: open")
        #expect(t.screen().contains("◆ hint   LEAK-001 pipelines/train.py:26"), "LEAK-001 is still a hint")
        t.keys("j", "d")
        try t.waitFor("Dismiss hint LEAK-001")
        t.keys("w")
        try t.waitFor("hint LEAK-001 dismissed for this review (wrong)")
        t.keys("G")
        try t.waitFor("◇ hint   (dismissed, wrong) LEAK-001 pipelines/train.py:26")
        t.keys("d")
        try t.waitFor("the hint is dismissed already: a brings it back")
        t.keys("a")
        try t.waitFor("hint LEAK-001 is back")
        #expect(t.screen().contains("◆ hint   LEAK-001 pipelines/train.py:26"))
        #expect(!t.screen().contains("(dismissed, wrong)"))
        t.keys("q")
        try t.waitFor("PRECISION")
        let rows = t.screen().split(separator: "\n").filter { $0.hasPrefix("hint ") }.map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows == ["hint DESER-001 1 0 0 0 0 0 100%"], "\(t.screen())")
    }

    /// The screen's last line that shows anything: the status line.
    func statusLine(_ t: Tmux) -> String {
        String(t.screen().split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "")
            .trimmingCharacters(in: .whitespaces)
    }

    /// A driver and a navigator in two terminals on one review: ticks and findings cross within a
    /// second, follow mode moves the navigator, and a killed driver leaves the title bar.
    @Test func aPairReviewsLiveInTwoTerminals() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada", "--role", "driver"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.startSecond("grace", shell: "BIN join latest --reviewer Grace --role navigator --store STORE")
        try t.waitFor("joined review", in: "grace")
        try t.waitFor("with Grace (navigator)", seconds: 2)
        try t.waitFor("with Ada (driver)", seconds: 2, in: "grace")

        t.keys("Tab", "j", "p")
        try t.waitFor("[✓] Change is reviewable")
        try t.waitFor("[✓] Change is reviewable", seconds: 1, in: "grace")
        t.keys("Tab", "Tab", "Tab", "c")
        try t.waitFor("┌─ New finding")
        t.type("Unpinned model path")
        t.keys("C-s")
        try t.waitFor("saved [MEDIUM] Unpinned")
        try t.waitFor("Unpinned model path", seconds: 1, in: "grace")

        t.keys("/")
        t.type("fit_transform")
        t.keys("Enter")
        try t.waitFor("26 +    X = scaler.fit_transform(X)")
        try t.waitFor("with Ada (driver) train.py:26", seconds: 2, in: "grace")
        t.keys(to: "grace", "P")
        try t.waitFor("following Ada", seconds: 2, in: "grace")
        try t.waitFor("pipelines/train.py", seconds: 2, in: "grace")
        // On the same line, with Ada's cursor marked by her initial beside the + column.
        #expect(t.screen("grace").contains("26A+    X = scaler.fit_transform(X)"))

        t.killProcess(in: "main")
        try t.waitFor("Ada (driver)", seconds: ReviewStore.presenceTimeout + 3, in: "grace", absent: true)
        #expect(t.screen("grace").contains("stopped following: they left"))
    }

    /// Side by side, changed words and syntax colour as a terminal shows them.
    @Test func sideBySideWithChangedWordsAndSyntaxColour() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--theme", "default-dark"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.resize(width: 200, height: 45)
        // s only once the program has the new size (a key can overtake the resize).
        let deadline = Date().addingTimeInterval(10)
        while (t.screen().split(separator: "\n").first?.count ?? 0) < 190 && Date() < deadline { usleep(50_000) }
        t.keys("s")
        try t.waitFor("side by side: old left, new right")
        let paired = try #require(t.screen().split(separator: "\n").first { $0.contains("-threshold: 0.5") })
        #expect(paired.contains("+threshold: 0.35"))
        // The changed number is drawn reversed (the theme's changed-word style); its neighbours are not.
        let styled = t.tmux("capture-pane", "-p", "-e", "-t", "main")
        let line = try #require(styled.split(separator: "\n").first { $0.contains("threshold") && $0.contains("35") })
        #expect(line.contains("\u{1b}[7m\u{1b}[32m35") || line.contains("\u{1b}[7m35"), "\(line.debugDescription)")
        // Syntax colour: the YAML key has its own colour (default-dark: bright cyan), until y turns it off.
        #expect(line.contains("\u{1b}[96mthreshold"))
        t.keys("y")
        try t.waitFor("syntax colour off")
        let plain = t.tmux("capture-pane", "-p", "-e", "-t", "main")
        #expect(!plain.contains("\u{1b}[96mthreshold") && plain.contains("threshold"))
        t.resize(width: 120, height: 40)
        try t.waitFor("unified: too narrow for side by side")
        t.keys("q")
        try t.waitForExit()
        #expect(t.exitStatus() == "0")
    }

    /// A row whose change is past the pane's right edge: the `›` cutting it is drawn in the
    /// changed-word style, so the row does not read as unchanged (Made-With-ML 030573f re-tagged
    /// CSV rows at their ends).
    @Test func aChangePastTheRightEdgeIsMarked() throws {
        let long = String(repeating: "A curated list of papers with implementations, ", count: 4)
        let diff = "diff --git a/data/holdout.csv b/data/holdout.csv\n--- a/data/holdout.csv\n+++ b/data/holdout.csv\n@@ -1,2 +1,2 @@\n"
            + " id,text,tag\n-7,\"\(long)\",graph-learning\n+7,\"\(long)\",other\n"
        let t = try Tmux.start(arguments: ["--patch", "rows.diff", "--theme", "default-dark"], files: ["rows.diff": diff])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        let styled = t.tmux("capture-pane", "-p", "-e", "-t", "main").split(separator: "\n")
        for sign in ["-", "+"] {
            let line = try #require(styled.first { $0.contains(sign + "7,\"A curated") })
            let marker = try #require(line.range(of: "›"), "\(line.debugDescription)")
            #expect(line[..<marker.lowerBound].hasSuffix("\u{1b}[7m"), "\(line.debugDescription)")
        }
        t.keys("q")
        try t.waitForExit()
    }

    @Test func aNotebookReadsAsCells() throws {
        let t = try Tmux.start(arguments: ["--patch", "nb.diff"], files: ["nb.diff": NotebookViewTests.diff])
        defer { t.stop() }
        try t.waitFor("cell –→1 · code · added")
        #expect(t.screen().contains("9 +import joblib"))
        #expect(!t.screen().contains("cell_type"))
        t.keys("q")
        try t.waitForExit()
    }

    @Test func resizingRedrawsAndATinyTerminalSaysSo() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.resize(width: 60, height: 20)
        try t.waitFor("Terminal too small: 60x20")
        t.resize(width: 120, height: 40)
        try t.waitFor("✓ saved")
        #expect(!t.screen().contains("too small"))
        t.keys("q")
        try t.waitForExit()
    }
}

/// A private tmux server running the binary in a 120x40 window.
final class Tmux {
    /// The start of a setup script: a new repository `repo` on branch main, entered, with a
    /// committer; what follows makes its commits.
    static let newRepository = "set -e\ngit init -q -b main repo && cd repo\ngit config user.name T && git config user.email t@example.com\n"

    static var available: Bool { (try? Subprocess.run(["tmux", "-V"]))?.status == 0 }
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mle-review").path

    let socket: String
    let dir: String
    var store: String { dir + "/store.sqlite" }

    private init(socket: String, dir: String) {
        self.socket = socket
        self.dir = dir
    }

    /// Starts `mle-review ARGS` (or a shell line where BIN is the binary and STORE the store) in a fresh folder holding
    /// the demo diff as pr.diff.
    static func start(arguments: [String] = [], shell: String? = nil, files: [String: String] = [:]) throws -> Tmux {
        let dir = TestScratch.directory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try FileManager.default.createDirectory(atPath: (dir + "/" + name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        let demo = try Subprocess.run([binary, "demo", "--print-diff"])
        try Data(demo.stdout).write(to: URL(fileURLWithPath: dir + "/pr.diff"))
        let t = Tmux(socket: "mle-test-\(UUID().uuidString.prefix(8))", dir: dir)
        let command = (shell.map { $0.replacingOccurrences(of: "BIN", with: binary).replacingOccurrences(of: "STORE", with: t.store) }
            ?? binary + " " + arguments.map { "'\($0)'" }.joined(separator: " ")) + " --store \(t.store)"
        // The shell stays after the program so the screen it leaves behind can be read, and
        // records how it ended.
        let script = "cd \(dir) && LANG=C.UTF-8 TERM=tmux-256color HOME=\(dir) XDG_CONFIG_HOME=\(dir) XDG_DATA_HOME=\(dir) \(command); echo $? > \(dir)/exit-status; sleep 600"
        try script.write(toFile: dir + "/run.sh", atomically: true, encoding: .utf8)
        _ = try Subprocess.run(["tmux", "-L", t.socket, "-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "120", "-y", "40",
                                "sh", dir + "/run.sh"], detached: true)
        return t
    }

    @discardableResult
    func tmux(_ args: String...) -> String {
        let r = try? Subprocess.run(["tmux", "-L", socket] + args)
        return String(decoding: r?.stdout ?? [], as: UTF8.self)
    }

    // Every command names its session: without one, tmux picks the most recently created.
    /// The screen as a person sees it. A capture that fails is a failed test, never an empty
    /// screen that "does not contain" whatever is asked.
    func screen(_ session: String? = nil) -> String {
        do {
            let r = try Subprocess.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", session ?? "main"])
            if r.status == 0 { return String(decoding: r.stdout, as: UTF8.self) }
            Issue.record("tmux capture-pane failed: \(r.stderrText)")
        } catch {
            Issue.record("tmux capture-pane could not run: \(error)")
        }
        return "<no screen: capture failed>"
    }
    /// The words inside the box whose top border reads `┌─ title`, its lines joined by spaces:
    /// a wrapped question read as a person reads it, without the panes around it.
    func box(titled title: String) -> String? {
        let lines = screen().split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let top = Array("┌─ " + title)
        for (row, line) in lines.enumerated() {
            guard let left = (0..<max(0, line.count - top.count + 1)).first(where: { Array(line[$0..<$0 + top.count]) == top }),
                  let right = line[(left + 1)...].firstIndex(of: "┐") else { continue }
            var words: [String] = []
            for inner in lines[(row + 1)...] {
                guard inner.count > right, inner[left] == "│" else { break }
                words.append(String(inner[(left + 1)..<right]).trimmingCharacters(in: .whitespaces))
            }
            return words.filter { !$0.isEmpty }.joined(separator: " ")
        }
        return nil
    }
    /// The screen with tmux's escape sequences for colour and attributes (`capture-pane -e`).
    func styledScreen() -> String { tmux("capture-pane", "-p", "-e", "-t", "main") }

    /// Whether the first character of `text` on a styled screen is drawn dim (SGR 2), following
    /// the attribute changes from the screen's start (tmux carries them across lines); nil when
    /// the text is not on one line of it.
    static func isDim(_ text: String, in styled: String) -> Bool? {
        let target = Array(text.unicodeScalars)
        let chars = Array(styled.unicodeScalars)
        var dim = false, i = 0
        var plain: [Unicode.Scalar] = [], dimAt: [Bool] = []
        while i < chars.count {
            if chars[i] == "\u{1b}", i + 1 < chars.count, chars[i + 1] == "[" {
                var j = i + 2, params = ""
                while j < chars.count, !("@"..."~").contains(chars[j]) { params.unicodeScalars.append(chars[j]); j += 1 }
                if j < chars.count, chars[j] == "m" {
                    let ps = params.split(separator: ";", omittingEmptySubsequences: false)
                    var k = 0
                    while k < ps.count {
                        let p = ps[k]
                        if p == "" || p == "0" || p == "22" { dim = false } else if p == "2" { dim = true }
                        // A colour's own numbers (38;5;2 is green, not dim).
                        if p == "38" || p == "48" || p == "58" { k += k + 1 < ps.count && ps[k + 1] == "2" ? 4 : 2 }
                        k += 1
                    }
                }
                i = j + 1
                continue
            }
            if chars[i] == "\n" { plain.removeAll(); dimAt.removeAll(); i += 1; continue }
            plain.append(chars[i])
            dimAt.append(dim)
            if plain.count >= target.count, Array(plain.suffix(target.count)) == target { return dimAt[plain.count - target.count] }
            i += 1
        }
        return nil
    }
    func keys(_ names: String...) { for k in names { tmux("send-keys", "-t", "main", k); usleep(30_000) } }
    func type(_ text: String) { tmux("send-keys", "-t", "main", "-l", text); usleep(30_000) }
    func keys(to session: String, _ names: String...) { for k in names { tmux("send-keys", "-t", session, k); usleep(30_000) } }

    /// `]` to the demo's second file, pipelines/train.py, and `c` on its first hunk's header: the
    /// finding form, its location that hunk's changed lines.
    func newFindingOnTheFirstHunkOfTrainPy() throws {
        keys("]")
        try waitFor("Diff · 2/4 pipelines/train.py")
        keys("c")
        try waitFor("┌─ New finding")
    }

    /// Writes a HIGH finding at the diff's cursor with the form (`c`, the title, one step more
    /// severe than MEDIUM, Ctrl-S) and waits until it is saved.
    func writeHighFinding(_ title: String) throws { try writeFinding(title) }

    /// Writes a finding through the form at the cursor of a session (the first by default): the
    /// title, then the severity (the form starts at MEDIUM; Left is more severe), then saves.
    /// `t`, then a reported run's command and summary (outcome left at passed), saved with Ctrl-S.
    func typeTestRun(_ command: String, summary: String) throws {
        keys("t")
        try waitFor("┌─ Record a test run")
        type(command)
        keys("Tab", "Tab")
        type(summary)
        keys("C-s")
    }

    func writeFinding(_ title: String, severity: Severity = .high, in session: String = "main") throws {
        tmux("send-keys", "-t", session, "c")
        try waitFor("┌─ New finding", in: session)
        tmux("send-keys", "-t", session, "-l", title)
        usleep(30_000)
        let steps = Severity.medium.rank - severity.rank
        for k in ["BTab"] + Array(repeating: steps > 0 ? "Left" : "Right", count: abs(steps)) + ["C-s"] {
            tmux("send-keys", "-t", session, k)
            usleep(30_000)
        }
        // A second session is narrower (110 columns): its status line may cut the title short.
        try waitFor("saved [\(severity.rawValue)]" + (session == "main" ? " " + title.prefix(10) : ""), in: session)
    }

    /// A second terminal on the same folder and store: a session of its own, its own size.
    func startSecond(_ name: String, shell: String, width: Int = 110, height: Int = 36) throws {
        let command = shell.replacingOccurrences(of: "BIN", with: Tmux.binary).replacingOccurrences(of: "STORE", with: store)
        let script = "cd \(dir) && LANG=C.UTF-8 TERM=tmux-256color HOME=\(dir) XDG_CONFIG_HOME=\(dir) XDG_DATA_HOME=\(dir) \(command); sleep 600"
        try script.write(toFile: dir + "/\(name).sh", atomically: true, encoding: .utf8)
        tmux("new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "sh", dir + "/\(name).sh")
    }

    /// The mle-review process a session's shell started: found through the pane's own process
    /// (its children in /proc), so a test only ever signals a process it started.
    func binaryPID(in session: String = "main") -> pid_t? {
        guard let pane = Int32(tmux("display", "-p", "-t", session, "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let children = ((try? String(contentsOfFile: "/proc/\(pane)/task/\(pane)/children", encoding: .utf8)) ?? "")
            .split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return children.first { pid in
            let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
            return String(decoding: cmdline.prefix { $0 != 0 }, as: UTF8.self) == Tmux.binary
        }
    }

    /// Kills the binary of a session, like a crash.
    func killProcess(in session: String = "main") {
        if let pid = binaryPID(in: session) { kill(pid, SIGKILL) }
    }
    func resize(width: Int, height: Int) { tmux("resize-window", "-t", "main", "-x", String(width), "-y", String(height)) }
    func alternateScreen() -> String { tmux("display", "-p", "-t", "main", "#{alternate_on}").trimmingCharacters(in: .whitespacesAndNewlines) }
    func exitStatus() -> String {
        ((try? String(contentsOfFile: dir + "/exit-status", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
    /// Signals the binary itself (the shell around it stays to report how it ended).
    func signal(_ name: String, in session: String = "main") {
        let number: Int32 = ["TERM": SIGTERM, "KILL": SIGKILL, "HUP": SIGHUP, "INT": SIGINT][name] ?? SIGTERM
        if let pid = binaryPID(in: session) { kill(pid, number) }
    }

    /// Polls the screen every 50 ms until it shows `text` (or, failing that, reports the line with `hint`).
    func waitFor(_ text: String, orLineContaining hint: String? = nil, seconds: Double = 10, in session: String? = nil,
                 absent: Bool = false) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen(session).contains(text) != absent { return }
            usleep(50_000)
        }
        let shown = screen(session)
        let line = hint.flatMap { h in shown.split(separator: "\n").first { $0.contains(h) } }
        throw TmuxError(message: "waited \(seconds)s for \(absent ? "the end of " : "")\"\(text)\"" + (line.map { "; the line shows \"\($0)\"" } ?? "") + "\n" + shown)
    }

    func waitForExit(seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: dir + "/exit-status") && !exitStatus().isEmpty { return }
            usleep(50_000)
        }
        throw TmuxError(message: "the program did not exit\n" + screen())
    }

    func stop() {
        // The pane's shell leads its own process group: end it and what it started, then the server.
        for session in tmux("list-sessions", "-F", "#{session_name}").split(separator: "\n") {
            if let pid = Int32(tmux("display", "-p", "-t", String(session), "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
                kill(-pid, SIGKILL)
            }
        }
        tmux("kill-server")
        // tmux 3.3 leaves its socket behind when killed: thousands piled up in /tmp/tmux-UID.
        let socketDir = (ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp") + "/tmux-\(getuid())"
        try? FileManager.default.removeItem(atPath: socketDir + "/" + socket)
        try? FileManager.default.removeItem(atPath: dir)
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
