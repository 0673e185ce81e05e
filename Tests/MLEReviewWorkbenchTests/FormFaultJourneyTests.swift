import Foundation
import Testing
import MLEReviewCore
import MLEReviewWorkbench

/// A save a form refuses, as a reviewer meets it in tmux: the message, and the next keys typed
/// go into the field at fault. Before, focus stayed where it was, so the title typed after "a
/// title is required" ran on into the location and the form stayed unsaveable.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct FormFaultJourneyTests {
    @Test func aRefusedFindingPutsTheCursorInTheFieldAtFault() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.newFindingOnTheFirstHunkOfTrainPy()
        // From the title to the location, then save with no title.
        t.keys("Tab")
        t.keys("C-s")
        try t.waitFor("a title is required")
        t.type("Scaler leak")
        try t.waitFor("Title  Scaler leak", orLineContaining: "Title")
        #expect(t.screen().contains("Location  pipelines/train.py:2-15"), "the title ran on into the location")
        // A location that is not a file of the diff: typing mends the location, wherever focus was.
        t.keys("Tab", "C-u")
        t.type("nope.py:3")
        t.keys("Tab", "Tab", "C-s")
        try t.waitFor("nope.py is not a file of this diff")
        // A title typed on after the place (one Tab too few) is no file either: said as what it is.
        t.keys("C-u")
        t.type("pipelines/train.py:2decode() returns None")
        t.keys("C-s")
        try t.waitFor("location: pipelines/train.py is in this diff, but \"2decode() returns None\" is no line number")
        t.keys("C-u")
        t.type("pipelines/train.py:2")
        t.keys("C-s")
        try t.waitFor("saved [MEDIUM] Scaler leak")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let f = try #require(try store.load(try store.resolve("latest")).findings.first)
        #expect(f.location.path == "pipelines/train.py" && f.location.line == 2)
    }

    @Test func aTestRunWithNoCommandPutsTheCursorInTheCommand() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("t")
        try t.waitFor("Command")
        t.keys("Tab", "Tab")
        t.type("all green")
        t.keys("C-s")
        try t.waitFor("a command is required")
        t.type("pytest -q")
        t.keys("C-s")
        // What was recorded, the summary too, as a check run says it.
        try t.waitFor("recorded: pytest -q — passed: all green")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let run = try #require(try store.load(try store.resolve("latest")).testsRun.first)
        #expect(run.command == "pytest -q" && run.summary == "all green")
    }

    /// The severities run CRITICAL to LOW, so → went MEDIUM to LOW: a reviewer pressing → for a
    /// worse one got a milder finding. The focused choice says which way is more severe.
    @Test func theSeverityChoiceSaysWhichWayIsMoreSevere() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.newFindingOnTheFirstHunkOfTrainPy()
        t.type("Leak")
        t.keys("BTab")
        try t.waitFor("◀ MEDIUM ▶  ← more severe · → less severe")
        t.keys("Left")
        try t.waitFor("◀ HIGH ▶")
        t.keys("C-s")
        try t.waitFor("saved [HIGH] Leak")
        t.keys("q")
        try t.waitForExit()
    }

    /// A finding on a deep path (a cookiecutter starter's) showed the start of its location and
    /// cut the line number off at the form's edge: the reviewer could not see which line it was on.
    @Test func aLongLocationShowsItsLineNumber() throws {
        let path = "starters/pandas-iris/{{ cookiecutter.repo_name }}/src/{{ cookiecutter.python_package }}/pipelines/split/nodes.py"
        let diff = """
        diff --git a/\(path) b/\(path)
        --- a/\(path)
        +++ b/\(path)
        @@ -40,2 +40,3 @@ def split_data(
             data_train = data.sample(frac=0.8)
        +    data_test = data.drop(data_train.index)
             return data_train

        """
        let t = try Tmux.start(arguments: ["--patch", "deep.diff", "--reviewer", "Ada"], files: ["deep.diff": diff])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("j", "j", "c")
        try t.waitFor("New finding")
        #expect(t.screen().contains("Location  …"), "the location's start is shown, not its end")
        #expect(t.screen().contains("/pipelines/split/nodes.py:42 "), "the line number is cut off")
        t.keys("Escape")
        t.keys("q")
        try t.waitForExit()
    }

    /// Too small a terminal says only "press q to quit", but every key still went to what was
    /// open underneath, unseen: q went into the finding's title ("…titleq"). Now q quits (the
    /// half-typed finding kept as a draft, as always) and other keys do nothing.
    @Test func inATooSmallTerminalQQuitsAndTypesNothing() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("c")
        try t.waitFor("┌─ New finding")
        t.type("half typed")
        try t.waitFor("Title  half typed")
        t.resize(width: 70, height: 20)
        try t.waitFor("Terminal too small: 70x20")
        t.type("xyz")
        t.keys("q")
        try t.waitForExit()
        #expect(t.exitStatus() == "0")
        let store = try ReviewStore(path: t.store)
        let draft = try store.draft(try store.resolve("latest"), key: "finding-editor:Ada")
        #expect(draft?.contains("half typed") == true && draft?.contains("xyz") == false && draft?.contains("typedq") == false, "\(draft ?? "")")
    }

    /// An issue typed one Tab too early lands in the checklist-item choice, where typing finds an
    /// option: the choice kept the option an earlier letter matched ("W" is in "reviewable"),
    /// beside "no option has it", and Ctrl-S filed the finding under Start Here › Change is
    /// reviewable with the typed words gone.
    @Test func proseTypedIntoTheItemChoiceIsNeitherAnItemNorLost() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.newFindingOnTheFirstHunkOfTrainPy()
        t.type("Scaler leak")
        t.keys("Tab", "Tab", "Tab")
        t.type("When the split comes after")
        try t.waitFor("no option has it")
        let field = t.screen().split(separator: "\n").first { $0.contains("Checklist item") }.map(String.init) ?? ""
        #expect(field.contains("◀ (none) ▶"), "the choice shows what a save keeps: \(field)")
        t.keys("C-s")
        try t.waitFor("Checklist item: no option has “When the split comes after”")
        #expect(!t.screen().contains("saved [MEDIUM]"))
        // Esc goes back to (none); the issue goes where it belongs.
        t.keys("Escape", "Tab")
        t.type("The scaler sees the test rows.")
        t.keys("C-s")
        try t.waitFor("saved [MEDIUM] Scaler leak")
        t.keys("q")
        try t.waitForExit()
        let f = try #require(try ReviewStore(path: t.store).load(try ReviewStore(path: t.store).resolve("latest")).findings.first)
        #expect(f.itemID == nil && f.issue == "The scaler sees the test rows.", "\(f)")
    }

    /// A finding filed under one item and then moved to another kept the first item's risk: the
    /// edit form showed it as a risk the reviewer had chosen (`other`, from Start Here), so the
    /// verdict's primary risk stayed `other` for a split finding.
    @Test func movingAFindingToAnotherItemGivesItThatItemsRisk() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.newFindingOnTheFirstHunkOfTrainPy()
        t.type("Scaler fitted on every row")
        t.keys("Tab", "Tab", "Tab")
        t.type("reviewable")
        t.keys("Enter", "C-s")
        try t.waitFor("saved [MEDIUM] Scaler fitted on every row")
        t.keys("Tab", "Tab")
        try t.waitFor("Enter open  e edit")
        t.keys("e")
        try t.waitFor("┌─ Edit finding")
        #expect(t.screen().contains("Risk  ◀ (the item's, or guessed from the words) ▶"), "\(t.screen())")
        t.keys("Tab", "Tab", "Tab")
        t.type("splits respect")
        t.keys("Enter", "C-s")
        try t.waitFor("saved [MEDIUM] Scaler fitted on every row")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let f = try #require(try store.load(try store.resolve("latest")).findings.first)
        #expect(f.itemID == "data-contract-and-leakage/splits-respect-time-and-entities" && f.risk == .dataLeakage, "\(f)")
    }

    /// A run recorded with `t` whose summary says "1 failed" under the default outcome, passed,
    /// counted as the passing run APPROVE waits for. The form says they disagree.
    @Test func aTestRunWhoseSummaryContradictsItsOutcomeIsNotRecorded() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("58 required left")
        try t.typeTestRun("pytest -q", summary: "12 passed, 1 failed")
        try t.waitFor("the summary says failed but the outcome is passed: change one, or Ctrl-S again records it as typed")
        #expect(t.screen().contains("58 required left"), "nothing was recorded")
        // The cursor is on the outcome: Right makes it failed.
        t.keys("Right", "C-s")
        try t.waitFor("recorded: pytest -q — failed: 12 passed, 1 failed")
        // Words that mention a failure that did not happen: a second Ctrl-S records them as they are.
        try t.typeTestRun("pytest -q", summary: "flaky: failed once, then passed")
        try t.waitFor("the summary says failed but the outcome is passed: change one, or Ctrl-S again records it as typed")
        t.keys("C-s")
        try t.waitFor("recorded: pytest -q — passed: flaky: failed once, then passed")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        #expect(try store.load(try store.resolve("latest")).testsRun.map(\.outcome) == [.failed, .passed])
    }

    /// The brief writes a finding `[HIGH] title`: typed so into the title, the severity left at
    /// MEDIUM, the finding said HIGH everywhere and counted as MEDIUM in the verdict (APPROVE WITH
    /// WARNINGS where the reviewer meant BLOCK).
    @Test func aSeverityTypedIntoTheTitleMustAgreeWithTheSeverity() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.newFindingOnTheFirstHunkOfTrainPy()
        t.type("[HIGH] Scaler leak")
        t.keys("C-s")
        try t.waitFor("the title says HIGH but the severity is MEDIUM: set the severity (the title drops the word)")
        #expect(!t.screen().contains("saved ["))
        t.keys("Left", "C-s")
        try t.waitFor("saved [HIGH] Scaler leak")
        try t.waitFor("BLOCK so far")
        // `High: …` may be words: a second Ctrl-S keeps the title as typed (`[HIGH]` never is).
        t.keys("c")
        try t.waitFor("┌─ New finding")
        t.type("High: memory use at inference")
        t.keys("C-s")
        try t.waitFor("the title says HIGH but the severity is MEDIUM: set the severity, or Ctrl-S again keeps the title as typed")
        t.keys("C-s")
        try t.waitFor("saved [MEDIUM] High: memory use")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let found = try store.load(try store.resolve("latest")).findings
        #expect(found.map { "\($0.severity.rawValue) \($0.title)" }.sorted() == ["HIGH Scaler leak", "MEDIUM High: memory use at inference"], "\(found)")
    }

    /// E with a typed file name wrote over whatever file was there (the reviewer's notes.md)
    /// without a word: nothing saved may be overwritten unasked.
    @Test func anExportOverAnExistingFileSaysItReplacesIt() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"], files: ["notes.md": "my notes\n"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("]")
        try t.waitFor("Diff · 2/4 pipelines/train.py")
        try t.writeHighFinding("Leak")
        t.keys("E")
        try t.waitFor("┌─ Export the verdict")
        t.keys("Tab", "C-u")
        t.type("notes.md")
        t.keys("C-s")
        try t.waitFor("Export and finish with BLOCK?")
        let box = try #require(t.box(titled: "Confirm"), "\(t.screen())")
        #expect(box.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    .contains("notes.md exists: it is replaced."), "\(box)")
        t.keys("n")
        try t.waitFor("nothing changed")
        #expect(try String(contentsOfFile: t.dir + "/notes.md", encoding: .utf8) == "my notes\n")
        t.keys("Escape")
        try t.waitFor("Discard what you typed")
        t.keys("y", "q")
        try t.waitForExit()
    }
}
