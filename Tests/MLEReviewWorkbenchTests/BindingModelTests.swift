import Foundation
import Testing
import MLEReviewCore
@testable import MLEReviewWorkbench

/// Issue 18: one binding model. Walks every scope: every key help lists for it does its action
/// there (or says why it cannot), and no key outside the scope's bindings changes anything.
struct BindingModelTests {
    /// A workbench whose keys are read in `scope`.
    static func workbench(in scope: Scope) -> Workbench {
        let finding = Finding(severity: .high, title: "Leak", location: Location(path: "pipelines/train.py", line: 21))
        var wb = WorkbenchFixture.make(findings: [finding])
        switch scope {
        case .global, .diff: wb.focus = .diff
        case .files: wb.focus = .files
        case .checklist: wb.focus = .checklist
        case .findings: wb.focus = .findings
        case .help: wb.press("?")
        case .helpFilter: wb.press("?", "/")
        case .verdict: wb.press("V")
        case .findingDetail:
            wb.focus = .findings
            wb.press("i")
        case .confirm: wb.press("F")
        case .dismissal:
            let proposed = Finding(severity: .medium, title: "Unpinned seed", location: Location(path: "pipelines/train.py", line: 9),
                                   status: .proposed, origin: .imported(file: "ai-review.sarif"))
            wb = WorkbenchFixture.make(findings: [proposed])
            wb.focus = .findings
            wb.press("d")
        case .carryForward:
            wb.carryOffer = .init(reviewID: "r-old", summary: "open, 1 finding")
            wb.open(.carryForward)
        case .conflict:
            var theirs = finding
            theirs.issue = "theirs"
            wb.conflict = .init(mine: finding, theirs: theirs)
            wb.open(.conflict)
        case .checks:
            wb.checksPanel = ChecksPanel(place: "here", checks: [CheckCommand(name: "pytest", arguments: ["pytest"], timeout: nil, source: .suggested)], untrusted: [])
            wb.open(.checks)
        case .runOutput:
            var run = LiveRun(number: 1, line: "pytest")
            run.started = Date()
            run.output = (1...100).map { "line \($0)" }
            wb.runs = [run]
            wb.open(.runOutput(run: 0, scroll: 0))
        case .sinceReview:
            wb.open(.sinceReview(.init(path: "pipelines/train.py", reviewID: "r-old", from: "1111111", to: "2222222",
                                       lines: ["@@ -1,2 +1,2 @@"] + (1...100).map { "+line \($0)" }, firstChanged: 1)))
        case .commits:
            wb.open(.commits(.init(range: "main...feature", commits: (1...30).map {
                .init(sha: String(repeating: "\($0 % 10)", count: 40), short: String(repeating: "\($0 % 10)", count: 7), date: "2026-12-05",
                      author: "Ada", subject: "Commit \($0)")
            })))
        case .form: wb.press("c")
        // Issue: a multi-line field, where every editing key applies.
        case .text: wb.press("c", "Tab", "Tab", "Tab", "Tab", "text:first", "Enter", "text:second")
        case .choice: wb.press("c", "BTab")
        case .choiceSearch: wb.press("c", "Tab", "Tab", "Tab", "/")
        case .prompt: wb.press("/")
        case .auditLog: break
        }
        #expect(scope == .auditLog || wb.activeScopes.contains(scope), "\(scope): \(wb.activeScopes)")
        return wb
    }

    @Test(arguments: Scope.allCases.filter { $0 != .auditLog })
    func everyKeyInHelpWorksInItsScope(scope: Scope) {
        let keymap = Keymap.standard
        let help = HelpOverlay.lines(keymap)
        for b in keymap.bindings where b.scope == scope {
            #expect(help.contains { $0.0 == b.keyText && $0.1 == b.help }, "\(b.action) in \(scope) is not in help")
            for key in b.keys {
                var wb = Self.workbench(in: scope)
                let chain = wb.activeScopes
                // The key must reach this scope: no scope asked before it may bind the key.
                let before = chain.prefix { $0 != scope }
                // One documented exception: in a multi-line field Ctrl-E opens the editor (End still ends the line).
                let shadow = keymap.candidates(for: key, in: Array(before)).filter { wb.isAvailable($0.action, in: $0.scope) }
                    .filter { !($0.action == .editExternally && b.action == .lineEnd) }
                #expect(shadow.isEmpty, "\(key) in \(scope) is taken by \(shadow.map(\.action)) first")
                if !keymap.candidates(for: key, in: Array(before)).filter({ wb.isAvailable($0.action, in: $0.scope) }).isEmpty { continue }
                let reason = wb.whyUnavailable(b.action, in: scope)
                // Another binding of the same key in the scope may come first when it is available (Esc: stop, else back).
                let first = keymap.candidates(for: key, in: [scope]).first { wb.isAvailable($0.action, in: scope) }
                _ = wb.handle(key)
                if let reason {
                    #expect(wb.lastAction != b.action, "\(b.action) ran though unavailable")
                    // With nothing available anywhere in the chain, the reason is said.
                    let any = keymap.candidates(for: key, in: chain).contains { wb.isAvailable($0.action, in: $0.scope) }
                    if first == nil && !any { #expect(wb.message?.text == reason, "\(key) in \(scope): \(wb.message?.text ?? "no message")") }
                } else {
                    #expect(wb.lastAction == (first?.action ?? b.action), "\(key) in \(scope) ran \(String(describing: wb.lastAction)), not \(b.action)")
                }
            }
        }
    }

    /// Keys to try: letters, digits, punctuation, and every named key.
    static let universe: [Key] = (33...126).map { Key.char(Character(UnicodeScalar($0)!)) } + [.char(" "), .char("ж")]
        + "abcdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }
        + [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .tab, .backTab, .escape, .backspace, .delete]

    @Test(arguments: Scope.allCases.filter { $0 != .auditLog && $0 != .text && $0 != .choice })
    func noKeyOutsideTheBindingsDoesAnything(scope: Scope) {
        let keymap = Keymap.standard
        // A running check's spinner in the title bar turns every eighth of a second (two keys
        // failed when it turned between the renders): below the title bar for that overlay.
        func screen(_ wb: Workbench) -> String {
            let s = Screen.render(wb).snapshot
            return scope == .runOutput ? String(s.drop { $0 != "\n" }) : s
        }
        for key in Self.universe {
            var wb = Self.workbench(in: scope)
            let chain = wb.activeScopes
            guard keymap.candidates(for: key, in: chain).isEmpty else { continue }
            // Typing is what an unbound letter does where text is typed, and on a choice it finds an
            // option; in the checks panel it goes to the command line from any row.
            if case .char = key, chain.contains(.text) || chain.contains(.choice) || chain.first == .checks { continue }
            wb.message = nil
            let before = screen(wb)
            let effects = wb.handle(key)
            wb.message = nil
            #expect(effects.isEmpty && screen(wb) == before, "\(key) changed something in \(scope) though no binding has it")
        }
    }

    @Test func theReviewLogReadsKeysThroughItsScope() {
        var browser = AuditBrowser(width: 120, height: 30)
        browser.setEntries([])
        for b in Keymap.standard.bindings where b.scope == .auditLog {
            #expect(HelpOverlay.lines(.standard).contains { $0.1 == b.help })
        }
        browser.handle(.char("/"))
        #expect(browser.editor != nil && browser.activeScopes == [.prompt, .text])
        browser.handle(.char("o"))
        browser.handle(.enter)
        #expect(browser.queryText == "o" && browser.editor == nil)
        browser.handle(.escape)
        #expect(browser.queryText == "" && !browser.quitRequested)
        browser.handle(.char("q"))
        #expect(browser.quitRequested)
    }

    @Test func footersComeFromTheBindings() {
        var keymap = Keymap.standard
        keymap.rebind(.override, in: .verdict, to: [.char("O")])
        var wb = WorkbenchFixture.make()
        wb.keymap = keymap
        wb.press("V")
        let screen = Screen.render(wb).snapshot
        #expect(screen.contains("O override") && !screen.contains("o override"))
        #expect(wb.press("o").isEmpty && wb.overlay == .verdict(scroll: 0))
        wb.press("O")
        guard case .form(let f) = wb.overlay else { Issue.record("O did not open the override"); return }
        #expect(f.kind == .override)
    }
}

/// The README's key table is the keymap's: regenerate it with `mle-review config --markdown`.
struct ReadmeKeyTableTests {
    @Test func theReadmeShowsTheKeysTheWorkbenchReads() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let parts = text.components(separatedBy: "<!-- keys:begin -->\n")
        try #require(parts.count == 2, "README.md has no key table markers")
        let table = parts[1].components(separatedBy: "<!-- keys:end -->")[0]
        #expect(table == Keymap.standard.markdownTable(), "README.md's key table is stale: paste `mle-review config --markdown` between the markers")
    }
}

/// Issue 18's reading moves on the workbench state.
struct ReadingMovesTests {
    @Test func searchStartsEmptyRecallsAndCounts() {
        var wb = WorkbenchFixture.make()
        wb.press("/", "text:x", "Enter")
        let total = wb.search.matches.count
        #expect(total > 3)
        // The first match after the cursor, of how many there are.
        let first = (wb.search.current ?? -1) + 1
        #expect(wb.message?.text.hasPrefix("x: \(first)/\(total)") == true, "\(wb.message?.text ?? "")")
        // n goes to the next line with a match (several on one line count once each in N).
        let row = wb.diffPane.cursor
        wb.press("n")
        let next = (wb.search.current ?? -1) + 1
        #expect(wb.diffPane.cursor != row && (next > first || next == 1))
        #expect(wb.message?.text.hasPrefix("x: \(next)/\(total)") == true, "\(wb.message?.text ?? "")")
        wb.press("/")
        guard let p = wb.prompt else { Issue.record("no prompt"); return }
        #expect(p.editor.text.isEmpty, "/ starts empty")
        wb.press("Up")
        #expect(wb.prompt?.editor.text == "x", "↑ recalls the last search")
        wb.press("Esc")
    }

    @Test func theVerdictScrollsToEveryReasonAt80x24() {
        var findings: [Finding] = []
        for i in 0..<12 { findings.append(Finding(severity: .high, title: "Leak \(i)", location: Location(path: "pipelines/train.py", line: 21))) }
        var wb = WorkbenchFixture.make(width: 80, height: 24, findings: findings)
        wb.press("V")
        var seen = Set<String>()
        for _ in 0..<40 {
            for i in 0..<12 where Screen.render(wb).snapshot.contains("[HIGH] Leak \(i) ") { seen.insert("Leak \(i)") }
            wb.press("j")
        }
        #expect(seen.count == 12, "\(seen.sorted())")
    }

    @Test func aSectionHeaderSetsItsUndecidedItemsWhenAsked() {
        var wb = WorkbenchFixture.make()
        wb.press("Tab")
        #expect(wb.focusedSection != nil)
        wb.press("Space")
        #expect(wb.message?.isError == true && wb.overlay == nil, "cycling a section says what works instead of folding")
        let effects = wb.press("x")
        #expect(effects.isEmpty)
        guard case .confirm = wb.overlay else { Issue.record("not asked"); return }
        let set = wb.press("y")
        let section = wb.checklist.sections[wb.sectionOrder[0]]
        #expect(set.count == section.items.count && section.items.allSatisfy { wb.review.state(of: $0.id) == .fail })
    }

    @Test func theWheelScrollsThePaneUnderThePointer() {
        var findings: [Finding] = []
        for i in 0..<20 { findings.append(Finding(severity: .low, title: "n\(i)", location: Location(path: "pipelines/train.py", line: 21))) }
        var wb = WorkbenchFixture.make(findings: findings)
        #expect(wb.focus == .diff)
        let f = wb.layout.findings.inner
        _ = wb.handle(.wheel(up: false, row: f.row + 1, col: f.col + 2))
        #expect(wb.focus == .diff && wb.findingsPane.cursor == 3)
    }

    @Test func formLabelsAreWholeAndANotebookWarningHasNoLineZero() {
        var wb = WorkbenchFixture.make()
        wb.press("t")
        #expect(Screen.render(wb).snapshot.contains("Why a failure is acceptable"))
        let nb = "diff --git a/n.ipynb b/n.ipynb\n--- a/n.ipynb\n+++ b/n.ipynb\n@@ -1,3 +1,3 @@\n {\n-\"a\": 1\n+\"a\": 2\n }\n"
        let parsed = NotebookRewrite.rewrite(DiffParser.parse(Array(nb.utf8)))
        let w = Workbench(document: DiffDocument(parsed), review: wb.review, checklist: wb.checklist, reviewer: nil, sourceLabel: "n", width: 120, height: 40)
        #expect(w.message?.text.contains("line 0") == false && w.message?.text.contains("1 warning: first:") == true, "\(w.message?.text ?? "")")
    }

    @Test func wDimsWhitespaceOnlyChangesOfAPatch() {
        let diff = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,2 +1,2 @@\n-def f():\n-  return 1\n+def f():\n+    return 1\n"
        var wb = WorkbenchFixture.make(diff)
        let before = Screen.render(wb)
        wb.press("W")
        #expect(wb.message?.text.hasPrefix("whitespace-only changes dimmed") == true)
        let after = Screen.render(wb)
        let row = after.lines.firstIndex { $0.contains("+    return 1") }!
        let col = after.lines[row].distance(from: after.lines[row].startIndex, to: after.lines[row].range(of: "return")!.lowerBound)
        #expect(after[row, col].role == .dim && before[row, col].role != .dim)
    }

    /// D deletes a run someone reported (a typo may claim a pass); a run mle-review ran is the
    /// record's evidence: the key is not offered there, and pressing it says why.
    @Test func aRunMleReviewRanCannotBeDeleted() {
        var wb = WorkbenchFixture.make()
        wb.review.testsRun = [TestRun(command: "pytest -q", outcome: .failed, summary: "1 failed", recordedBy: "Ada",
                                      ran: RunDetails(folder: "/tmp", commit: nil, exitStatus: 1, milliseconds: 900))]
        wb.press("Tab", "Tab", "G")
        #expect(wb.whyUnavailable(.deleteFinding, in: .findings)?.hasPrefix("mle-review ran this check: it stays in the record") == true)
        #expect(wb.press("D").isEmpty && wb.overlay == nil)
        wb.review.testsRun[0].ran = nil
        _ = wb.press("D")
        guard case .confirm(let c) = wb.overlay else { Issue.record("no question"); return }
        #expect(c.question == "Delete the test run pytest -q (failed)?")
    }
}
