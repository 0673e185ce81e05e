import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// Scripts of keys applied to a workbench, checked on its state and effects: no terminal.
struct WorkbenchStateTests {
    @Test func opensOnTheDiffWithTheFirstAreaExpanded() {
        let wb = WorkbenchFixture.make()
        #expect(wb.focus == .diff)
        #expect(wb.checklistPane.expanded == ["start-here"])
        guard case .line = wb.document.row(wb.diffPane.cursor) else { Issue.record("cursor should start on a line"); return }
    }

    /// The status line names the key that lists the diff's warnings: the reviewer's, once their
    /// keys are read (it named `?` whatever help was bound to).
    @Test func theWarningsMessageNamesTheReviewersHelpKey() {
        let patch = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,5 +1,5 @@\n x = 1\n-y = 2\n+y = 3\n"
            + "diff --git a/b.py b/b.py\n--- a/b.py\n+++ b/b.py\n@@ -1,4 +1,4 @@\n-z = 1\n+z = 2\n"
        let fixture = WorkbenchFixture.make()
        var wb = Workbench(document: DiffDocument(DiffParser.parse(Array(patch.utf8))), review: fixture.review, checklist: fixture.checklist,
                           reviewer: nil, sourceLabel: "w.diff", width: 120, height: 40)
        #expect(wb.message?.text.hasPrefix("the diff has 2 warnings (? lists them): first at line 4") == true, "\(wb.message?.text ?? "")")
        var config = WorkbenchConfig()
        config.keymap.rebind(.help, in: .global, to: [.char("¿")])
        wb.configure(config)
        #expect(wb.message?.text.hasPrefix("the diff has 2 warnings (¿ lists them): first at line 4") == true, "\(wb.message?.text ?? "")")
        #expect(wb.messageLog.filter { $0.text.hasPrefix("the diff has") }.count == 1)
    }

    @Test func movementClampsAndJumps() {
        var wb = WorkbenchFixture.make()
        wb.press("g")
        #expect(wb.diffPane.cursor == 0)
        wb.press("k")
        #expect(wb.diffPane.cursor == 0)
        wb.press("G")
        #expect(wb.diffPane.cursor == wb.document.rowCount - 1)
        wb.press("g", "]")
        #expect(wb.document.row(wb.diffPane.cursor) == .hunk(file: 0, hunk: 0))
        wb.press("]")
        #expect(wb.document.row(wb.diffPane.cursor) == .hunk(file: 0, hunk: 1))
        wb.press("]")
        #expect(wb.document.row(wb.diffPane.cursor) == .hunk(file: 1, hunk: 0))
        wb.press("[")
        #expect(wb.document.row(wb.diffPane.cursor) == .hunk(file: 0, hunk: 1))
        wb.press("}")
        #expect(wb.document.row(wb.diffPane.cursor) == .file(1) && wb.filesPane.cursor == 1)
        wb.press("{", "{")
        #expect(wb.document.row(wb.diffPane.cursor) == .file(0) && wb.filesPane.cursor == 0)
        wb.press("Ctrl-D")
        #expect(wb.diffPane.cursor > 0)
    }

    @Test func tabCyclesPanes() {
        var wb = WorkbenchFixture.make()
        wb.press("Tab")
        #expect(wb.focus == .checklist)
        wb.press("Tab", "Tab")
        #expect(wb.focus == .files)
        wb.press("BTab")
        #expect(wb.focus == .findings)
    }

    @Test func checklistItemsCycleAndSetAndAreSaved() throws {
        var wb = WorkbenchFixture.make()
        wb.press("Tab", "j")
        let id = "start-here/change-is-reviewable"
        let effects = wb.press("Space")
        let mark = try #require(wb.review.items[id])
        #expect(effects == [.setItem(id: id, mark: mark)])
        #expect(wb.review.state(of: id) == .pass)
        wb.press("Space")
        #expect(wb.review.state(of: id) == .fail)
        wb.press("Space", "Space")
        #expect(wb.review.state(of: id) == .unchecked)
        wb.press("x")
        #expect(wb.review.state(of: id) == .fail && wb.review.items[id]?.setBy == "Ada")
        wb.press("-")
        #expect(wb.review.state(of: id) == .notApplicable)
        wb.press("p")
        #expect(wb.review.state(of: id) == .pass)
        #expect(wb.progress(of: wb.checklist.sections[0]) == (1, 6, 0))
    }

    @Test func sectionsCollapseAndExpand() {
        var wb = WorkbenchFixture.make()
        wb.press("Tab")
        let before = wb.checklistRows.count
        wb.press("Enter")
        #expect(wb.checklistRows.count == before - 6) // Start Here folded
        wb.press("Enter", "j", "j", "h")
        #expect(wb.checklistRows.count == before - 6 && wb.checklistPane.cursor == 0)
        wb.press("l")
        #expect(wb.checklistRows.count == before)
    }

    @Test func newFindingAtTheCursorIsPrefilledValidatedAndSaved() throws {
        var wb = WorkbenchFixture.make()
        // The cursor on "+    X = scaler.fit_transform(df)": new line 21.
        wb.diffPane.cursor = try #require(wb.document.row(for: Location(path: "pipelines/train.py", line: 21)))
        wb.press("c")
        guard case .form(let form) = wb.overlay else { Issue.record("no form"); return }
        #expect(form.value("location") == "pipelines/train.py:21" && form.value("side") == "new" && form.focus == 1)
        wb.press("Ctrl-S")
        guard case .form(let refused) = wb.overlay else { Issue.record("form closed without a title"); return }
        #expect(refused.error == "a title is required")
        let effects = wb.press("text:Scaler fitted before the split", "BTab", "Left", "Tab", "Tab", "Tab", "Tab", "Tab", "text:Leaks test rows.", "Tab", "text:Use a Pipeline.", "Ctrl-S")
        #expect(wb.overlay == nil)
        let f = try #require(wb.review.findings.first)
        #expect(f.severity == .high && f.title == "Scaler fitted before the split" && f.issue == "Leaks test rows." && f.fix == "Use a Pipeline.")
        #expect(f.location == Location(path: "pipelines/train.py", line: 21) && f.status == .open && f.author == "Ada")
        #expect(effects.contains(.saveFinding(f)))
        #expect(effects.last == .saveDraft(key: wb.draftKey, body: nil))
        #expect(wb.verdict.decision == .block)
    }

    @Test func aLocationOutsideTheDiffIsRefused() {
        var wb = WorkbenchFixture.make()
        wb.press("c", "text:t", "Tab", "Ctrl-U", "text:pipelines/train.py:999", "Ctrl-S")
        guard case .form(let form) = wb.overlay else { Issue.record("form closed"); return }
        #expect(form.error == "pipelines/train.py:999 is not a line of this diff (new side)")
        wb.press("Ctrl-U", "text:nowhere.py:1", "Ctrl-S")
        guard case .form(let again) = wb.overlay else { Issue.record("form closed"); return }
        #expect(again.error == "nowhere.py is not a file of this diff")
    }

    @Test func aSelectionBecomesARange() throws {
        var wb = WorkbenchFixture.make()
        wb.diffPane.cursor = try #require(wb.document.row(for: Location(path: "pipelines/train.py", line: 21)))
        wb.press("v", "j", "j", "c")
        guard case .form(let form) = wb.overlay else { Issue.record("no form"); return }
        #expect(form.value("location") == "pipelines/train.py:21-23")
    }

    @Test func aRemovedLineIsOnTheOldSide() throws {
        var wb = WorkbenchFixture.make()
        wb.diffPane.cursor = try #require(wb.document.row(for: Location(path: "pipelines/train.py", side: .old, line: 41)))
        wb.press("c", "text:threshold", "Ctrl-S")
        #expect(wb.review.findings.first?.location == Location(path: "pipelines/train.py", side: .old, line: 41))
    }

    @Test func cancellingATypedFormAsksFirstAndKeepsADraftMeanwhile() {
        var wb = WorkbenchFixture.make()
        wb.press("c")
        let typed = wb.press("text:half")
        #expect(typed.count == 4 && typed.allSatisfy { if case .saveDraft(_, let body) = $0 { return body != nil }; return false })
        wb.press("Esc")
        guard case .confirm(let c) = wb.overlay else { Issue.record("closed without asking"); return }
        #expect(c.question == "Discard what you typed in New finding?")
        // The question's footer names the keys that answer it (y was a hidden discard before).
        #expect(Screen.render(wb).snapshot.contains("y yes · n no"))
        wb.press("n")
        guard case .form(let back) = wb.overlay else { Issue.record("closed"); return }
        #expect(back.value("title") == "half")
        #expect(wb.press("Esc", "y") == [.saveDraft(key: wb.draftKey, body: nil)])
        #expect(wb.overlay == nil && wb.review.findings.isEmpty)
    }

    @Test func aDraftLeftByACrashIsRestored() {
        var first = WorkbenchFixture.make()
        first.press("c", "text:unsaved title")
        var second = WorkbenchFixture.make()
        second.pendingDraft = first.pendingDraft
        second.press("c")
        guard case .form(let form) = second.overlay else { Issue.record("no form"); return }
        #expect(form.value("title") == "unsaved title")
    }

    /// A note kept from a crash saves only over the note its form found then: a pair's note
    /// written since is asked about (the store compares the base), not overwritten.
    @Test func aKeptNoteKeepsTheNoteItsFormFound() {
        var first = WorkbenchFixture.make()
        first.press("Tab", "j", "e", "text:split by customer")
        let item = "start-here/change-is-reviewable"
        var second = WorkbenchFixture.make()
        second.review.items[item] = ItemMark(state: .unchecked, note: "Bo's note, written since")
        second.formDrafts = first.formDrafts
        let effects = second.press("Tab", "j", "e", "Ctrl-S")
        let saved = effects.compactMap { e -> (String, String?, String?)? in
            if case .saveItemNote(let i, let mark, let base) = e { return (i, mark.note, base) }
            return nil
        }
        #expect(saved.count == 1 && saved.first?.0 == item && saved.first?.1 == "split by customer", "\(effects)")
        #expect(saved.first?.2 == nil, "the base is the note as the form found it before the crash (none), not Bo's")
    }

    @Test func searchFindsForwardBackwardAndWraps() {
        var wb = WorkbenchFixture.make()
        wb.press("g", "/", "text:auc", "Enter")
        // "    auc = score(model)", a context line, then "-    return auc > 0.8".
        #expect(wb.document.location(at: wb.diffPane.cursor) == Location(path: "pipelines/train.py", line: 41))
        wb.press("n")
        #expect(wb.document.location(at: wb.diffPane.cursor) == Location(path: "pipelines/train.py", side: .old, line: 41))
        wb.press("N")
        #expect(wb.document.location(at: wb.diffPane.cursor) == Location(path: "pipelines/train.py", line: 41))
        wb.press("/", "Ctrl-U", "text:EMAIL", "Enter")
        #expect(wb.message?.text == "not found: EMAIL")
        wb.press("/", "Ctrl-U", "text:email", "Enter")
        #expect(wb.document.location(at: wb.diffPane.cursor) == Location(path: "serving/predict.py", line: 3))
    }

    /// A finding made on a hunk's header points at its changed lines: the new side's, or the
    /// old side's when the hunk only removes (a renamed file's old path then).
    @Test func aHunkHeadersFindingLocationIsItsChangedLines() {
        let patch = """
        diff --git a/old.py b/new.py
        similarity index 80%
        rename from old.py
        rename to new.py
        --- a/old.py
        +++ b/new.py
        @@ -3,4 +3,1 @@ def f():
             keep = 1
        -    a = 2
        -    b = 3
        -    c = 4
        @@ -20,3 +17,4 @@
             x = 1
        +    y = 2
             z = 3
        """
        let doc = DiffDocument(DiffParser.parse(Array((patch + "\n").utf8)))
        let headers = (0..<doc.rowCount).filter { if case .hunk = doc.row($0) { return true }; return false }
        #expect(headers.count == 2)
        #expect(doc.findingLocation(at: headers[0]) == Location(path: "old.py", side: .old, line: 4, endLine: 6))
        #expect(doc.findingLocation(at: headers[1]) == Location(path: "new.py", side: .new, line: 18))
        #expect(doc.findingLocation(at: 0) == Location(path: "new.py"))
        // A line row is the line itself, as before.
        #expect(doc.findingLocation(at: headers[1] + 2) == Location(path: "new.py", side: .new, line: 18))
    }

    @Test func viewedMarksFollowTheFilesDiff() {
        var wb = WorkbenchFixture.make()
        let effects = wb.press("m")
        #expect(effects == [.setViewed(path: "pipelines/train.py", hash: wb.document.hash(ofFile: 0))])
        #expect(wb.isViewed(file: 0))
        // The same path with a different diff is not viewed any more.
        var changed = WorkbenchFixture.make(WorkbenchFixture.diff.replacing("auc > 0.7", with: "auc > 0.75"))
        changed.review.viewedFiles = wb.review.viewedFiles
        #expect(!changed.isViewed(file: 0))
        #expect(wb.press("m") == [.setViewed(path: "pipelines/train.py", hash: nil)])
    }

    @Test func proposedFindingsAreAcceptedOrDismissed() {
        let proposed = Finding(severity: .high, title: "AI says leak", location: Location(path: "pipelines/train.py", line: 21), status: .proposed)
        var wb = WorkbenchFixture.make(findings: [proposed])
        #expect(wb.verdict.reasons.isEmpty)
        wb.press("Tab", "Tab")
        #expect(wb.press("a") == [.setFindingStatus(id: proposed.id, status: .open)])
        #expect(wb.verdict.decision == .block)
        #expect(wb.press("d") == [.setFindingStatus(id: proposed.id, status: .dismissed)])
        #expect(wb.verdict.decision != .block)
        wb.press("Enter")
        #expect(wb.focus == .diff && wb.document.location(at: wb.diffPane.cursor)?.line == 21)
    }

    /// What someone else proposed is dismissed with a reason (or none, with Enter); Esc keeps
    /// it; the reviewer's own typed finding is dismissed at once. A dismissed one brought back
    /// loses its reason.
    @Test func aProposalIsDismissedWithAReason() {
        var ai = Finding(severity: .high, title: "AI says leak", location: Location(path: "pipelines/train.py", line: 21),
                         status: .proposed, origin: .imported(file: "ai.sarif"))
        ai.id = "f-ai"
        var wb = WorkbenchFixture.make(findings: [ai])
        wb.press("Tab", "Tab")
        #expect(wb.press("d", "Escape") == [] && wb.review.findings[0].status == .proposed && wb.message?.text == "kept: nothing changed")
        #expect(wb.press("d", "w") == [.setFindingStatus(id: "f-ai", status: .dismissed, dismissal: .wrong)])
        #expect(wb.review.findings[0].statusLabel == "dismissed, wrong")
        #expect(wb.press("a") == [.setFindingStatus(id: "f-ai", status: .proposed)] && wb.review.findings[0].dismissal == nil)
        #expect(wb.press("d", "Enter") == [.setFindingStatus(id: "f-ai", status: .dismissed)])
        // Asked about, then deleted by the pair's partner before the answer: nothing is dismissed,
        // not the finding now under the cursor either.
        var other = Finding(severity: .high, title: "AI says drift", location: Location(path: "pipelines/train.py", line: 22),
                            status: .proposed, origin: .imported(file: "ai.sarif"))
        other.id = "f-other"
        wb.press("a")
        wb.review.findings.append(other)
        wb.press("g")
        wb.press("d")
        guard case .dismissal(.finding(let asked, _)) = wb.overlay else { Issue.record("d did not ask"); return }
        wb.review.findings.removeAll { $0.id == asked }
        #expect(wb.press("w") == [] && wb.message?.text == "that finding is gone: another reviewer deleted it")
        #expect(wb.review.findings.allSatisfy { $0.status == .proposed })
        var typed = WorkbenchFixture.make(findings: [Finding(severity: .low, title: "mine", location: Location(path: "pipelines/train.py", line: 3))])
        typed.press("Tab", "Tab")
        #expect(typed.press("d") == [.setFindingStatus(id: typed.review.findings[0].id, status: .dismissed)])
    }

    @Test func testRunsAndOverrides() {
        var wb = WorkbenchFixture.make(findings: [Finding(severity: .high, title: "x", location: Location(path: "serving/predict.py", line: 2))])
        let run = wb.press("t", "text:pytest -q", "Tab", "Right", "Tab", "text:1 failed", "Ctrl-S")
        #expect(wb.review.testsRun.first?.outcome == .failed && wb.review.testsRun.first?.summary == "1 failed")
        // Besides the drafts kept as it was typed (and dropped once saved): the run.
        let withoutDrafts = { (e: [Effect]) in e.filter { if case .saveDraft = $0 { return false }; return true } }
        #expect(withoutDrafts(run) == [.addTestRun(wb.review.testsRun[0])])
        #expect(run.last == .saveDraft(key: "form-test-run:Ada", body: nil), "the saved form's draft goes")
        wb.press("V", "o", "Right", "Ctrl-S")
        guard case .form(let form) = wb.overlay else { Issue.record("override saved without a justification"); return }
        #expect(form.error == "APPROVE is less strict than the computed BLOCK: write a justification")
        // The refusal puts the cursor in the justification: what is typed next goes there.
        #expect(form.fields[form.focus].name == "justification")
        let effects = wb.press("text:False positive: the path is pinned by the deploy job.", "Ctrl-S")
        #expect(wb.overlay == .verdict(scroll: 0))
        #expect(wb.verdict.decision == .approve && wb.verdict.computed == .block)
        // It records the reasons it was made over: the HIGH finding and the failed run.
        let covers = ["BLOCK finding:\(wb.review.findings[0].id)", "BLOCK run:\(wb.review.testsRun[0].id)"]
        #expect(withoutDrafts(effects) == [.setOverride(DecisionOverride(decision: .approve, justification: "False positive: the path is pinned by the deploy job.",
                                                          overridden: .block, covers: covers))])
    }

    @Test func exportAsksForAFormatAndAFile() {
        var wb = WorkbenchFixture.make()
        wb.press("E", "Right")
        guard case .form(let form) = wb.overlay else { Issue.record("no form"); return }
        #expect(form.value("format") == "markdown" && form.value("path") == "mle-review-\(wb.review.id).md")
        #expect(wb.press("Enter", "Enter", "Right", "Enter") == [])
        guard case .confirm(let c) = wb.overlay else { Issue.record("exporting did not ask"); return }
        #expect(c.question == "Export and finish with APPROVE?")
        #expect(wb.press("y") == [.export(format: .markdown, path: "mle-review-\(wb.review.id).md", allowIncomplete: true)])
    }

    /// An APPROVE short of its checklist is refused in the form, before the question: a yes
    /// to "Export and finish?" must not be followed by "cannot export".
    @Test func anIncompleteApproveIsRefusedBeforeItIsAsked() {
        var wb = WorkbenchFixture.make()
        #expect(wb.verdict.decision == .approve && !wb.verdict.isComplete)
        wb.press("E")
        #expect(wb.press("Enter", "Enter", "Enter") == [])
        guard case .form(let form) = wb.overlay else { Issue.record("the form closed: \(String(describing: wb.overlay))"); return }
        #expect(form.error == "APPROVE waits for \(wb.verdict.missing.count) required step(s) (V lists them); or set Export while incomplete")
    }

    /// "Export while incomplete" is asked only where it decides something, an APPROVE short of
    /// its checklist: offered for a BLOCK (exported either way) it read as if BLOCK needed it.
    @Test func exportWhileIncompleteIsOfferedOnlyForAnIncompleteApprove() {
        var approve = WorkbenchFixture.make()
        #expect(approve.verdict.approvalWaits)
        approve.press("E")
        #expect(Screen.render(approve).snapshot.contains("Export while incomplete"))
        var block = WorkbenchFixture.make(findings: [Finding(severity: .high, title: "Leak", location: Location(path: "pipelines/train.py", line: 21))])
        #expect(block.verdict.decision == .block && !block.verdict.isComplete)
        block.press("E")
        #expect(!Screen.render(block).snapshot.contains("Export while incomplete"))
        // Format, then the file: Enter on it asks.
        block.press("Enter", "Enter")
        guard case .confirm(let c) = block.overlay else { Issue.record("exporting did not ask: \(String(describing: block.overlay))"); return }
        #expect(c.question == "Export and finish with BLOCK?")
    }

    /// Finishing short of the checklist is allowed below APPROVE, and said before it is done.
    @Test func finishingAWarningsReviewShortOfItsChecklistSaysSoFirst() {
        var wb = WorkbenchFixture.make()
        wb.review.findings.append(Finding(severity: .medium, title: "Threshold not tuned", location: Location(path: "serving/predict.py", line: 9)))
        #expect(wb.verdict.decision == .approveWithWarnings && !wb.verdict.isComplete)
        let steps = "\(wb.verdict.missingSummary()). Every export says so."
        wb.press("E")
        #expect(wb.press("Enter", "Enter", "Enter") == [])
        guard case .confirm(let export) = wb.overlay else { Issue.record("exporting did not ask"); return }
        #expect(export.question == "Export and finish with APPROVE WITH WARNINGS?" && export.detail.hasSuffix(steps), "\(export.detail)")
        wb.press("n", "Escape", "F")
        guard case .confirm(let finish) = wb.overlay else { Issue.record("finishing did not ask"); return }
        #expect(finish.detail.hasSuffix(steps), "\(finish.detail)")
        // The question shows all of it (it was cut after three lines, mid-list).
        let shown = Screen.render(wb).snapshot.replacingOccurrences(of: "│", with: " ")
        #expect(shown.contains("Every export says so."), "\(shown)")
    }

    @Test func everyBindingIsInTheHelp() {
        let help = HelpOverlay.lines(.standard).map { $0.1 }
        for b in Keymap.standard.bindings { #expect(help.contains(b.help), "\(b.action) missing from help") }
        var wb = WorkbenchFixture.make()
        wb.press("?")
        #expect(wb.overlay == .help(scroll: 0))
        wb.press("Esc")
        #expect(wb.overlay == nil)
    }

    @Test func noKeyIsBoundTwiceInOneScope() {
        // Except where availability decides: Esc stops a running check, else goes back; clears a filter, else leaves.
        let allowed: Set<[Action]> = [[.stopRun, .close], [.clearFilter, .quit]]
        for scope in Scope.allCases {
            var seen: [Key: Action] = [:]
            for b in Keymap.standard.bindings where b.scope == scope {
                for k in b.keys {
                    if let other = seen[k] { #expect(allowed.contains([other, b.action]), "\(k) is bound to \(other) and \(b.action) in \(scope)") }
                    seen[k] = b.action
                }
            }
        }
    }

    @Test func quickEscapeThenKeyStillWorks() {
        var wb = WorkbenchFixture.make()
        wb.press("V")
        _ = wb.handle(.alt("E"))
        guard case .form(let form) = wb.overlay else { Issue.record("Alt-E should act as Esc then E"); return }
        #expect(form.kind == .export)
    }

    @Test func qQuits() {
        var wb = WorkbenchFixture.make()
        #expect(wb.press("q") == [.quit])
    }
}

/// Large, generated and lock files start folded; the file list filters by path.
struct FoldAndFilterTests {
    static func bigDiff() -> String {
        var text = WorkbenchFixture.diff
        text += "diff --git a/poetry.lock b/poetry.lock\n--- a/poetry.lock\n+++ b/poetry.lock\n@@ -1 +1 @@\n-a = 1\n+a = 2\n"
        let n = DiffDocument.foldLines + 1
        text += "diff --git a/data/big.csv b/data/big.csv\nnew file mode 100644\n--- /dev/null\n+++ b/data/big.csv\n@@ -0,0 +1,\(n) @@\n"
        for i in 0..<n { text += "+row,\(i)\n" }
        return text
    }

    @Test func largeAndLockFilesStartFoldedAndOpenOnEnter() throws {
        var wb = WorkbenchFixture.make(Self.bigDiff())
        #expect(wb.document.folded == [2, 3])
        let lockRow = wb.document.fileRows[2]
        #expect(wb.document.row(lockRow + 1) == .folded(2))
        let foldedRows = wb.document.rowCount
        wb.diffPane.cursor = lockRow + 1
        wb.press("Enter")
        #expect(!wb.document.folded.contains(2) && wb.document.rowCount == foldedRows + 2)
        #expect(wb.document.location(at: wb.diffPane.cursor) == Location(path: "poetry.lock", side: .old, line: 1))
        wb.press("Enter")
        #expect(wb.document.folded.contains(2) && wb.document.rowCount == foldedRows)
        #expect(Screen.render(wb).snapshot.contains("▸ folded: 2 lines in 1 hunk (generated, vendored or lock file); Enter shows them"))
    }

    @Test func searchAndFindingsOpenAFoldedFile() throws {
        var wb = WorkbenchFixture.make(Self.bigDiff())
        wb.press("/", "text:row,1999", "Enter")
        #expect(!wb.document.folded.contains(3))
        #expect(wb.document.location(at: wb.diffPane.cursor) == Location(path: "data/big.csv", line: 2000))
        var other = WorkbenchFixture.make(Self.bigDiff(), findings: [Finding(severity: .low, title: "x", location: Location(path: "data/big.csv", line: 5))])
        other.press("Tab", "Tab", "Enter")
        #expect(other.document.location(at: other.diffPane.cursor) == Location(path: "data/big.csv", line: 5))
    }

    @Test func theFileListFilters() {
        var wb = WorkbenchFixture.make(Self.bigDiff())
        wb.press("BTab", "f", "text:lock")
        #expect(wb.filesPane.visible == [2] && wb.selectedFile == 2)
        #expect(Screen.render(wb).snapshot.contains("Files 1/4 · \"lock\""))
        wb.press("Enter")
        #expect(wb.prompt == nil && wb.filesPane.visible == [2])
        wb.press("f", "Ctrl-U", "text:py")
        #expect(wb.filesPane.visible == [0, 1])
        wb.press("Enter", "j", "Enter")
        #expect(wb.focus == .diff && wb.document.row(wb.diffPane.cursor).file == 1)
        wb.press("BTab", "f", "Esc")
        #expect(wb.filesPane.visible == [0, 1, 2, 3] && wb.filesPane.filter.isEmpty)
    }
}

/// The scanner's hints in the workbench: a gutter mark, rows in the findings pane, one key to
/// take a hint as a proposed finding, one to dismiss it (remembered by the store).
struct HintWorkbenchTests {
    static func make() -> Workbench {
        var wb = WorkbenchFixture.make()
        wb.hints = HintScanner.scan(wb.document.diff)
        return wb
    }

    @Test func hintsAreMarkedListedAndTaken() throws {
        var wb = Self.make()
        #expect(wb.liveHints.map(\.rule).contains("DESER-001"))
        let joblib = try #require(wb.document.row(for: Location(path: "serving/predict.py", line: 2)))
        let g = Screen.render(wb)
        #expect(g.snapshot.contains("◆ hint   DESER-001 serving/predict.py:2"))
        wb.diffPane.cursor = joblib
        let inner = wb.layout.diff.inner
        #expect(Screen.render(wb)[inner.row + joblib - wb.diffPane.scroll, inner.col + 1].text == "◆")
        let effects = wb.press("H")
        let f = try #require(wb.review.findings.first)
        #expect(effects == [.saveFinding(f)])
        #expect(f.status == .proposed && f.origin == .hint(rule: "DESER-001") && f.location == Location(path: "serving/predict.py", line: 2))
        #expect(f.risk == .unsafeServing && !f.issue.isEmpty && !f.fix.isEmpty)
        #expect(!wb.liveHints.contains { $0.rule == "DESER-001" })
    }

    /// The findings pane's hint rows say "a: take"; on the hint's line in the diff, a takes it too.
    @Test func aOnAHintsLineTakesItAsOnItsRow() throws {
        var wb = Self.make()
        wb.diffPane.cursor = try #require(wb.document.row(for: Location(path: "serving/predict.py", line: 2)))
        let effects = wb.press("a")
        let f = try #require(wb.review.findings.first)
        #expect(effects == [.saveFinding(f)] && f.origin == .hint(rule: "DESER-001") && f.status == .proposed)
        wb.diffPane.cursor = 0
        #expect(wb.press("a") == [] && wb.message?.isError == true, "\(wb.message?.text ?? "no message")")
    }

    @Test func hintRowsAcceptAndDismiss() throws {
        var wb = Self.make()
        wb.press("Tab", "Tab")
        guard case .hint(let first) = try #require(wb.findingsRows.first) else { Issue.record("a hint row first"); return }
        // d asks why (the stats count it); m: true, but not worth fixing here.
        #expect(wb.press("d") == [] && wb.activeScopes == [.dismissal])
        #expect(wb.press("m") == [.dismissHint(key: first.key, reason: .minor)])
        #expect(!wb.liveHints.contains(first))
        guard case .hint(let next) = try #require(wb.findingsRows.first) else { Issue.record("a second hint row"); return }
        wb.press("a")
        #expect(wb.review.findings.contains { $0.origin == .hint(rule: next.rule) && $0.status == .proposed })
        // The proposed finding is now the row under the cursor (the cursor went with it): a accepts it.
        wb.press("a")
        #expect(wb.review.findings.contains { $0.origin == .hint(rule: next.rule) && $0.status == .open })
    }

    /// A finished review, or one opened from the log, offers no keys on its hint rows.
    @Test func readOnlyHintRowsOfferNoKeys() throws {
        var wb = WorkbenchFixture.make(width: 240)
        wb.hints = HintScanner.scan(wb.document.diff)
        let key = try #require(wb.liveHints.first).key
        wb.dismissedHints = [key]
        wb.hintDismissalReasons = [key: .wrong]
        #expect(Screen.render(wb).snapshot.contains("(a: take, d: dismiss)"))
        #expect(Screen.render(wb).snapshot.contains("(a: bring back)"))
        wb.browsing = true
        let shown = Screen.render(wb).snapshot
        #expect(!shown.contains("(a: take") && !shown.contains("(a: bring back)"))
        #expect(shown.contains("◇ hint   (dismissed, wrong)"))
    }

    @Test func dismissalsAreRememberedByTheStore() throws {
        let path = TestScratch.directory.appendingPathComponent("hints-\(UUID().uuidString).sqlite").path
        let bytes = Array(WorkbenchFixture.diff.utf8)
        let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        func open() throws -> ReviewSession {
            let d = try ReviewSession.open(input: input, store: try ReviewStore(path: path), checklist: ChecklistLoader.builtIn,
                                             reviewer: nil, width: 120, height: 40, directory: "/tmp")
            d.afterFirstScreen()
            d.storePendingDiff(wait: true)
            d.collectHints(wait: true)
            return d
        }
        let first = try open()
        let count = first.workbench.liveHints.count
        #expect(count > 0)
        for k in ["Tab", "Tab", "d", "Enter"] { first.handle(Key.parse(k)!) }
        #expect(first.workbench.liveHints.count == count - 1)
        #expect(try open().workbench.liveHints.count == count - 1)
    }
}

/// The areas a change touches come first in the checklist and are all APPROVE waits for.
struct TouchedAreaTests {
    @Test func theDemoTouchesDataTrainingAndServing() throws {
        let diff = DiffParser.parse(Array(DemoPullRequest.diff.utf8))
        let touched = try #require(TouchedAreas.classify(diff, hints: HintScanner.scan(diff), checklist: ChecklistLoader.builtIn))
        #expect(touched.isSuperset(of: ["problem-framing-and-decision-quality", "data-contract-and-leakage", "training-reproducibility", "serving-and-deployment"]))
    }

    @Test func aChangeNothingCanBeToldOfTouchesEverything() {
        let diff = DiffParser.parse(Array("--- a/NOTES.md\n+++ b/NOTES.md\n@@ -1 +1 @@\n-a\n+b\n".utf8))
        #expect(TouchedAreas.classify(diff, hints: [], checklist: ChecklistLoader.builtIn) == nil)
        let custom = try! ChecklistParser.parse("## Ours\n- one\n", source: "c")
        #expect(TouchedAreas.classify(DiffParser.parse(Array(DemoPullRequest.diff.utf8)), hints: [], checklist: custom) == nil)
    }

    @Test func touchedAreasLeadTheChecklistAndTheVerdict() {
        var wb = WorkbenchFixture.make()
        let before = wb.verdict.missing.count
        wb.setTouched(["problem-framing-and-decision-quality", "serving-and-deployment"])
        let titles = wb.checklistRows.compactMap { row -> String? in if case .section(let s) = row { return wb.checklist.sections[s].title }; return nil }
        #expect(Array(titles.prefix(4)) == ["Start Here", "Problem Framing and Decision Quality", "Serving and Deployment", "Common Blockers"])
        #expect(wb.checklistPane.expanded.contains("serving-and-deployment"))
        #expect(Screen.render(wb).snapshot.contains("not touched 0/"))
        // 7 framing + 6 serving + 9 blockers + the missing test run.
        #expect(wb.verdict.missing.count == 7 + 6 + 9 + 1 && wb.verdict.missing.count < before)
    }
}

struct WaivedHintTests {
    @Test func aWaivedHintIsShownWithItsReasonAndCannotBeTaken() throws {
        let diff = "--- a/serve.py\n+++ b/serve.py\n@@ -0,0 +1 @@\n+model = joblib.load(p)  # mle-review: ignore[DESER-001] signed artifact store\n"
        var wb = WorkbenchFixture.make(diff, width: 180)
        wb.hints = HintScanner.scan(wb.document.diff)
        #expect(wb.liveHints.isEmpty)
        #expect(Screen.render(wb).snapshot.contains("◇ waived DESER-001 serve.py:1"))
        #expect(Screen.render(wb).snapshot.contains("(waived in the code: signed artifact store)"))
        wb.press("Tab", "Tab", "a")
        #expect(wb.review.findings.isEmpty)
    }
}

struct MouseTests {
    @Test func aClickFocusesThePaneAndPicksTheRow() {
        var wb = WorkbenchFixture.make()
        let files = wb.layout.files.inner
        _ = wb.handle(.mouseClick(row: files.row + 1, col: files.col + 3))
        #expect(wb.focus == .files && wb.selectedFile == 1)
        #expect(wb.document.row(wb.diffPane.cursor).file == 1)
        let diff = wb.layout.diff.inner
        _ = wb.handle(.mouseClick(row: diff.row + 4, col: diff.col + 10))
        #expect(wb.focus == .diff && wb.diffPane.cursor == wb.diffPane.scroll + 4)
        let before = wb.diffPane.cursor
        _ = wb.handle(.wheel(up: true, row: diff.row + 1, col: diff.col + 1))
        #expect(wb.diffPane.cursor == before - 3)
    }
}

/// Issue 16: findings can be taken back.
struct FindingTakeBackTests {
    @Test func aDismissedProposalComesBackAsAProposalAndAResolvedOneReopens() {
        var imported = Finding(severity: .high, title: "AI says leak", location: Location(path: "serving/predict.py", line: 2),
                               status: .dismissed, origin: .imported(file: "ai.txt"))
        imported.id = "f-imported"
        var typed = Finding(severity: .medium, title: "typed", location: Location(path: "serving/predict.py", line: 3), status: .dismissed)
        typed.id = "f-typed"
        var wb = WorkbenchFixture.make(findings: [imported, typed])
        wb.focus = .findings
        wb.findingsPane.cursor = wb.findingsRows.firstIndex { if case .finding(let f) = $0 { return f.id == "f-imported" }; return false }!
        #expect(wb.press("a") == [.setFindingStatus(id: "f-imported", status: .proposed)])
        wb.findingsPane.cursor = wb.findingsRows.firstIndex { if case .finding(let f) = $0 { return f.id == "f-typed" }; return false }!
        #expect(wb.press("a") == [.setFindingStatus(id: "f-typed", status: .open)])
        // Its line is still in the diff and resolving it loosens the decision: asked first.
        #expect(wb.press("r") == [])
        guard case .confirm(let resolve) = wb.overlay else { Issue.record("resolve did not ask"); return }
        #expect(resolve.question == "Resolve [MEDIUM] typed?")
        #expect(resolve.detail.hasPrefix("This diff still has its line: nothing under review fixed it. Resolving takes the decision from APPROVE WITH WARNINGS to APPROVE."))
        #expect(wb.press("y") == [.setFindingStatus(id: "f-typed", status: .resolved)])
        #expect(wb.press("r") == [.setFindingStatus(id: "f-typed", status: .open)])
        #expect(wb.press("D") == [])
        guard case .confirm(let c) = wb.overlay else { Issue.record("delete did not ask"); return }
        #expect(c.question == "Delete [MEDIUM] typed?")
        #expect(wb.press("y") == [.deleteFinding(id: "f-typed")])
    }
}

/// Issue 16: the finding form has a Risk field; without a choice or an item the risk is a guess.
struct FindingRiskFieldTests {
    @Test func theRiskIsChosenInTheFormOrMarkedAGuess() {
        var wb = WorkbenchFixture.make()
        wb.press("c", "text:Threshold picked by eye")
        guard case .form(var form) = wb.overlay, let r = form.index(of: "risk") else { Issue.record("no risk field"); return }
        #expect(form.value("risk") == Workbench.riskFromItem)
        form.focus = r
        wb.replace(with: .form(form))
        wb.press("Right", "Right", "Right")
        #expect(wb.press("Ctrl-S").contains { if case .saveFinding(let f, _) = $0 { return f.risk == .weakEval && !f.isRiskGuessed }; return false })
        #expect(wb.message?.text == "saved [MEDIUM] Threshold picked by eye at pipelines/train.py:20")
        wb.press("c", "text:Something vague")
        let effects = wb.press("Ctrl-S")
        #expect(effects.contains { if case .saveFinding(let f, _) = $0 { return f.risk == .other && f.isRiskGuessed }; return false })
        // The guess becomes a primary risk of the verdict: the reviewer is told, with how to change it.
        #expect(wb.message?.text.hasSuffix(" · risk guessed: other (e in Findings)") == true, "\(wb.message?.text ?? "")")
        // A long title gives way to the guess, so the status line shows it whole.
        wb.press("c", "text:" + String(repeating: "Threshold tuned on the evaluation split by hand ", count: 3))
        _ = wb.press("Ctrl-S")
        let said = wb.message?.text ?? ""
        #expect(said.hasSuffix(" · risk guessed: weak eval (e in Findings)"), "\(said)")
        #expect(said.contains("…") && DisplayText.columns(said) + 2 <= wb.layout.width - DisplayText.columns("✓ saved") - 1, "\(said)")
        let line = Screen.render(wb).snapshot.split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.contains("risk guessed: weak eval (e in Findings)"), "\(line)")
    }
}

/// A finding saved in kedro's pandas-iris starter, on an 85-column cookiecutter path: the status
/// line said "saved [MEDIUM] Pairwis… at … cookiecutter.python_package }}/nodes.py:55", the
/// title cut to a word so that the path's folders could show. The folders give way first.
struct SavedMessageOnADeepPathTests {
    @Test func theFoldersGiveWayBeforeTheTitle() {
        let path = "pandas-iris/{{ cookiecutter.repo_name }}/src/{{ cookiecutter.python_package }}/nodes.py"
        var wb = WorkbenchFixture.make("diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1,2 @@\n+import numpy as np\n+d = np.sum(a)\n")
        wb.focus = .diff
        wb.jumpDiff(to: wb.document.fileRows[0] + 3)
        wb.press("c", "text:Pairwise distances are n_train x n_test x features in memory", "Ctrl-S")
        let line = Screen.render(wb).snapshot.split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.contains("saved [MEDIUM] Pairwise distances are n_train x n_test") && line.contains(" at …/nodes.py:2 · risk guessed: other (e in Findings)"),
                "\(line)")
    }
}

/// A file marked viewed folds (GitHub's Viewed box); the diff's cursor stays on its line.
struct ViewedFoldTests {
    @Test func markingAnEarlierFileFromTheListKeepsTheDiffsCursorOnItsLine() {
        var wb = WorkbenchFixture.make()
        // The cursor on the last file's first changed line, from the diff.
        let last = wb.document.files.count - 1
        wb.jumpDiff(to: (wb.document.hunkRows[last].first ?? 0) + 1)
        let before = wb.document.findingLocation(at: wb.diffPane.cursor)
        // In the file list, the first file marked viewed: it folds, rows before the cursor go.
        wb.focus = .files
        wb.filesPane.cursor = 0
        let rows = wb.document.rowCount
        let effects = wb.press("m")
        #expect(effects.count == 1 && wb.isViewed(file: 0) && wb.document.folded.contains(0))
        #expect(wb.document.rowCount < rows)
        #expect(wb.document.findingLocation(at: wb.diffPane.cursor) == before)
        // And back: not viewed opens it, the cursor still on its line.
        wb.press("m")
        #expect(!wb.document.folded.contains(0) && wb.document.rowCount == rows)
        #expect(wb.document.findingLocation(at: wb.diffPane.cursor) == before)
    }
}

extension ViewedFoldTests {
    /// `m` in the diff leaves the folded file's header at the top, the next file under it (the
    /// row above, the previous file's last line, was shown too, at the cost of lexing its hunk).
    @Test func aFileMarkedViewedInTheDiffIsShownFromItsHeader() {
        var wb = WorkbenchFixture.make(SyntheticPatch.make(files: 4))
        wb.press("}", "}", "j", "j", "m")
        #expect(wb.document.folded.contains(2))
        #expect(wb.diffPane.cursor == wb.document.fileRows[2] && wb.diffPane.scroll == wb.document.fileRows[2])
    }
}

/// Moving to a file (`}`, the file list) shows it from its header: the previous file's last line
/// above it was drawn for nothing, and lexing its hunk from the start to colour that one line was
/// the slowest key in the Keras diff's file list (3 ms).
struct FileJumpTests {
    @Test func aFileIsShownFromItsHeader() {
        var wb = WorkbenchFixture.make(SyntheticPatch.make(files: 4))
        wb.press("}")
        let header = wb.document.fileRows[1]
        #expect(wb.diffPane.cursor == header && wb.diffPane.scroll == header)
        wb.focus = .files
        wb.press("j")
        #expect(wb.diffPane.scroll == wb.document.fileRows[2])
        // A hunk's header keeps its file's header above it.
        wb.press("Enter")
        #expect(wb.diffPane.scroll == wb.document.fileRows[2] && wb.diffPane.cursor == wb.document.hunkRows[2][0])
    }
}

/// A finished review opened from the log listed a proposal it never decided above the open
/// finding of its verdict (same severity, its path sorted first).
struct FinishedFindingsOrderTests {
    @Test func aFinishedReviewListsItsVerdictsFindingsFirst() {
        let proposed = Finding(severity: .high, title: "F401 unused import", location: Location(path: "/ci/a.py", line: 1), status: .proposed,
                               origin: .imported(file: "ruff.sarif"))
        let open = Finding(severity: .high, title: "Scaler before split", location: Location(path: "pipelines/train.py", line: 26))
        var wb = WorkbenchFixture.make(findings: [proposed, open])
        // While it is open, what waits for a decision sorts with the rest, by severity and place.
        #expect(wb.sortedFindings.map(\.title) == ["F401 unused import", "Scaler before split"])
        wb.review.finish = Finish(decision: .block, primaryRisks: [.dataLeakage])
        #expect(wb.sortedFindings.map(\.title) == ["Scaler before split", "F401 unused import"])
    }
}
