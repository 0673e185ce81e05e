/// The shipped key bindings of every scope, in the order help lists them. A user's
/// `config.toml` changes them (see `KeyConfig`); `mle-review config --dump` prints them.
extension Keymap {
    public static let defaultBindings: [Binding] = global + panes + overlays + input + auditLog

    private static func b(_ a: Action, _ s: Scope, _ keys: [Key], _ help: String, _ label: String? = nil) -> Binding {
        Binding(a, s, keys, help, label: label)
    }

    private static let moves: [(Action, [Key], String)] = [
        (.down, [.char("j"), .down], "down"), (.up, [.char("k"), .up], "up"),
        (.pageDown, [.pageDown, .ctrl("f")], "page down"), (.pageUp, [.pageUp, .ctrl("b")], "page up"),
        (.halfPageDown, [.ctrl("d")], "half a page down"), (.halfPageUp, [.ctrl("u")], "half a page up"),
        (.top, [.char("g"), .home], "first line"), (.bottom, [.char("G"), .end], "last line"),
    ]

    static let global: [Binding] = [
        b(.nextPane, .global, [.tab], "next pane", "pane"),
        b(.previousPane, .global, [.backTab], "previous pane"),
    ] + moves.map { b($0.0, .global, $0.1, $0.2) } + [
        b(.zoom, .global, [.char("z")], "zoom: the focused pane gets the whole screen (z again: back)", "zoom"),
        b(.search, .global, [.char("/")], "search the diff as you type (↑ recalls earlier searches, Esc goes back)", "search"),
        b(.searchNext, .global, [.char("n")], "next match"),
        b(.searchPrevious, .global, [.char("N")], "previous match"),
        b(.goTo, .global, [.char(":")], "go to a line (42), a file (train.py) or both (train.py:42, as linters and tracebacks print it)", "go to"),
        b(.addTestRun, .global, [.char("t")], "record a test run someone reported (not run here)", "test run"),
        b(.runChecks, .global, [.char("T")], "run checks: suggested pytest/ruff/mypy and the team's, or any command; recorded as test runs", "run checks"),
        b(.verdict, .global, [.char("V")], "the verdict: decision, reasons, what is missing, override", "verdict"),
        b(.export, .global, [.char("E")], "export the verdict to a file (this finishes the review: asked first)", "export"),
        b(.finish, .global, [.char("F")], "finish the review: record the decision and freeze it (asked first; also in the verdict view)"),
        b(.reopen, .global, [.char("R")], "reopen a finished review as a new revision"),
        b(.copy, .global, [.char("Y")], "copy the focused finding (or, elsewhere, the verdict) to the clipboard"),
        b(.auditLog, .global, [.char("L")], "the review log: past reviews, opened read-only"),
        b(.commits, .global, [.char("C")], "the range's commits, oldest first; Enter reads one whole, n/N step through them (range reviews)"),
        b(.follow, .global, [.char("P")], "pairing: follow the other reviewer's file and line (any movement stops)"),
        b(.swapRoles, .global, [.char("S")], "pairing: driver and navigator swap roles"),
        b(.help, .global, [.char("?")], "this help", "help"),
        b(.redraw, .global, [.ctrl("l")], "redraw the screen"),
        b(.suspend, .global, [.ctrl("z")], "suspend to the shell (fg comes back; everything is saved)"),
        b(.retrySave, .global, [.ctrl("r")], "retry saving the changes the store refused (shown as ✗ NOT SAVED)", "retry save"),
        b(.quit, .global, [.char("q")], "quit (everything is already saved)", "quit"),
    ] + interrupt(.global)

    /// Ctrl-C leaves at once wherever nothing typed would be lost (in forms and prompts it cancels).
    /// A text overlay scrolls with every move a pane takes, and Space pages as in less.
    private static func scrolling(_ s: Scope, label: String? = nil, what: String = "scroll: ") -> [Binding] {
        moves.enumerated().map { i, m in
            b(m.0, s, m.0 == .pageDown ? m.1 + [.char(" ")] : m.1, what + m.2, i == 0 ? label : nil)
        }
    }

    private static func interrupt(_ s: Scope) -> [Binding] {
        [b(.interrupt, s, [.ctrl("c")], "leave at once (what is saved stays; changes the store refused are kept as a draft)")]
    }

    static let panes: [Binding] = [
        b(.open, .files, [.enter], "show the file in the diff; on a folder, fold or open it", "open"),
        b(.filterFiles, .files, [.char("f")], "filter the file list by path (Esc clears)", "filter"),
        b(.toggleFileTree, .files, [.char("`")], "show the files as a tree of folders / as a list", "tree"),
        b(.markViewed, .files, [.char("m")], "mark the file viewed (it folds) / not viewed; on a folder, every file in it", "viewed"),
        b(.nextUnviewed, .files, [.char("u")], "next file not yet viewed", "unviewed"),
        b(.nextFile, .files, [.char("}")], "next file"),
        b(.previousFile, .files, [.char("{")], "previous file"),
        b(.newFinding, .files, [.char("c")], "new finding on the whole file", "finding"),
        b(.sinceReview, .files, [.char("b")], "what changed in this file since the last review (a range carried forward; Δ files)"),

        b(.nextHunk, .diff, [.char("]")], "next hunk", "hunk"),
        b(.previousHunk, .diff, [.char("[")], "previous hunk"),
        b(.nextFile, .diff, [.char("}")], "next file"),
        b(.previousFile, .diff, [.char("{")], "previous file"),
        b(.nextUnviewed, .diff, [.char("u")], "next file not yet viewed"),
        b(.nextMarked, .diff, [.char(")")], "next finding or hint in the diff (● ◆)"),
        b(.previousMarked, .diff, [.char("(")], "previous finding or hint in the diff"),
        b(.scrollLeft, .diff, [.char("h"), .left], "scroll left"),
        b(.scrollRight, .diff, [.char("l"), .right], "scroll right"),
        b(.toggleWrap, .diff, [.char("w")], "wrap long lines on/off"),
        b(.toggleSideBySide, .diff, [.char("s")], "side by side / unified (side by side needs 2x56 columns: z gives the diff the whole width)", "split"),
        b(.toggleSyntax, .diff, [.char("y")], "syntax colour on/off (Python, SQL, YAML, JSON, TOML, shell, Markdown)"),
        b(.toggleWhitespace, .diff, [.char("W")], "ignore whitespace: a range review re-reads git diff -w; a patch dims whitespace-only lines"),
        b(.expandContext, .diff, [.char("+"), .char("=")], "more context around the file's hunks (view.context-lines more each time; read from git)", "context"),
        b(.select, .diff, [.char("v")], "start/end a selection of lines", "select"),
        b(.newFinding, .diff, [.char("c")], "new finding at the cursor (or the selection)", "finding"),
        b(.toggleFold, .diff, [.enter], "show or fold the file (large, generated and lock files start folded)"),
        b(.markViewed, .diff, [.char("m")], "mark the file viewed (it folds) / not viewed", "viewed"),
        // a, as on a hint's row in the findings pane ("a: take").
        b(.takeHint, .diff, [.char("H"), .char("a")], "turn the ML hint on this line (◆) into a proposed finding", "take hint"),
        b(.showFinding, .diff, [.char("i")], "read the finding or hint on this line whole (a, d and e judge it there)", "read"),
        b(.openInEditor, .diff, [.char("o")], "open the file at this line in $VISUAL/$EDITOR (range reviews of the work tree)"),
        b(.sinceReview, .diff, [.char("b")], "what changed in this file since the last review (a range carried forward; Δ files)", "since last"),

        b(.cycleItem, .checklist, [.char(" ")], "cycle the item: unchecked, pass, fail, n/a", "cycle"),
        b(.passItem, .checklist, [.char("p")], "item passes (on a section: every undecided item, asked first)", "pass"),
        b(.failItem, .checklist, [.char("x")], "item fails; for a blocker: it is present (on a section: asked first)", "fail"),
        b(.notApplicableItem, .checklist, [.char("-")], "item does not apply (on a section: every undecided item, asked first)", "n/a"),
        b(.noteItem, .checklist, [.char("e")], "say why: a note on the item, with its state (on a section: one note for every undecided item)", "note"),
        b(.nextUndecided, .checklist, [.char("u")], "next undecided item (opens its section)", "undecided"),
        b(.collapse, .checklist, [.char("h"), .left], "collapse the section"),
        b(.expand, .checklist, [.char("l"), .right, .enter], "expand or collapse the section; on an item, its explanation"),
        b(.toggleExplanation, .checklist, [.char("i")], "show the item's explanation and history", "explain"),
        b(.newFinding, .checklist, [.char("c")], "new finding on the item, at the diff's cursor", "finding"),

        b(.open, .findings, [.enter], "jump to the finding's line (a test run: its output)", "open"),
        b(.editFinding, .findings, [.char("e")], "edit the finding", "edit"),
        b(.dismissFinding, .findings, [.char("d")], "dismiss the finding, or the hint (what was proposed asks why: wrong, duplicate, minor)", "dismiss"),
        b(.acceptFinding, .findings, [.char("a")], "accept a proposed finding, restore a dismissed one; make a hint a proposed finding, or bring a dismissed hint back", "accept"),
        b(.resolveFinding, .findings, [.char("r")], "mark the finding resolved; on a resolved one, reopen it"),
        b(.deleteFinding, .findings, [.char("D")], "delete the finding, or a test run someone reported (asked first; the history keeps it)"),
        b(.select, .findings, [.char("v")], "start/end a selection of findings: d then dismisses, a accepts, every proposal and hint in it", "select"),
        b(.filterFindings, .findings, [.char("f")], "filter: all, open, critical+high, proposed, hints, resolved/dismissed", "filter"),
        b(.showFinding, .findings, [.char("i")], "read the finding, hint or run whole: its issue, fix, where it came from (a, d and e work there too)", "read"),
        b(.newFinding, .findings, [.char("c")], "new finding at the diff's cursor", "finding"),
    ]

    static let overlays: [Binding] = [
    ] + scrolling(.help) + [
        b(.search, .help, [.char("/")], "show only the lines with these words (keys, actions, warnings)", "filter"),
        b(.close, .help, [.escape, .char("q"), .char("?")], "close (with a filter: clear it first)", "close"),
        b(.accept, .helpFilter, [.enter], "keep the filter and scroll what it shows", "keep"),
        b(.cancel, .helpFilter, [.escape, .ctrl("c")], "clear the filter", "clear"),

    ] + scrolling(.verdict, label: "scroll") + [
        b(.override, .verdict, [.char("o")], "override the decision (a less strict one needs a justification)", "override"),
        b(.finish, .verdict, [.char("F")], "finish with this decision (asked first)", "finish"),
        b(.export, .verdict, [.char("E")], "export (finishes an open review: asked first)", "export"),
        b(.copy, .verdict, [.char("Y")], "copy the verdict to the clipboard", "copy"),
        b(.close, .verdict, [.escape, .char("q"), .char("V")], "close", "close"),

    ] + scrolling(.findingDetail) + [
        b(.acceptFinding, .findingDetail, [.char("a")], "accept it (a hint: take it as a proposed finding)", "accept"),
        b(.dismissFinding, .findingDetail, [.char("d")], "dismiss it, saying why", "dismiss"),
        b(.editFinding, .findingDetail, [.char("e")], "edit it", "edit"),
        b(.close, .findingDetail, [.escape, .char("q"), .char("i")], "close", "close"),
    ] + scrolling(.sinceReview) + [
        b(.open, .sinceReview, [.enter], "to the first line changed since, in the diff (to read it in context, or c on it)", "to it"),
        b(.close, .sinceReview, [.escape, .char("q"), .char("b")], "close", "close"),
    ] + scrolling(.commits, what: "the list's cursor, or a commit read whole, ") + [
        b(.open, .commits, [.enter], "read the commit under the cursor whole: its message and its change", "read"),
        b(.nextCommit, .commits, [.char("n")], "the next commit (from a commit read whole too)", "next"),
        b(.previousCommit, .commits, [.char("N")], "the previous commit", "previous"),
        b(.close, .commits, [.escape, .char("q"), .char("C")], "back to the list; from the list, close", "back"),

        b(.yes, .confirm, [.char("y"), .char("Y")], "yes, do it", "yes"),
        b(.no, .confirm, [.char("n"), .char("N"), .escape, .char("q"), .ctrl("c")], "no: nothing changes", "no"),

        b(.dismissWrong, .dismissal, [.char("w")], "dismiss: wrong, not a real problem", "wrong"),
        b(.dismissDuplicate, .dismissal, [.char("d")], "dismiss: a duplicate, already reported", "duplicate"),
        b(.dismissMinor, .dismissal, [.char("m")], "dismiss: true, but not worth fixing in this change", "true but minor"),
        b(.dismissWithoutReason, .dismissal, [.enter], "dismiss without saying why (counts as wrong in stats)", "no reason"),
        b(.no, .dismissal, [.escape, .char("n"), .char("q"), .ctrl("c")], "keep it: nothing changes", "keep"),

        b(.yes, .carryForward, [.char("y"), .char("Y"), .enter], "carry the earlier review's ticks and findings forward", "carry forward"),
        b(.no, .carryForward, [.char("n"), .char("N"), .escape, .char("q")], "start fresh (the earlier review stays as it was)", "start fresh"),

        b(.keepMine, .conflict, [.char("m")], "keep your version", "keep mine"),
        b(.takeTheirs, .conflict, [.char("t")], "take their version", "take theirs"),
        b(.keepBoth, .conflict, [.char("b")], "keep both (yours becomes a new finding)", "keep both"),
    ] + [Scope.help, .verdict, .carryForward, .conflict, .checks, .runOutput, .findingDetail, .sinceReview, .commits].flatMap(interrupt) + [

        // j and k move as in every list; on the command line they are typed (text is asked first there).
        b(.down, .checks, [.down, .tab, .char("j")], "next check"),
        b(.up, .checks, [.up, .backTab, .char("k")], "previous check"),
        b(.run, .checks, [.enter], "run the check (or the typed command); on a recorded run: its output", "run"),
        b(.showOutput, .checks, [.char("o")], "the newest run's output", "output"),
        b(.close, .checks, [.escape], "close", "close"),

        b(.stopRun, .runOutput, [.escape], "stop the running check (its whole process group)", "stop"),
        b(.close, .runOutput, [.escape, .char("q")], "back to the checks", "back"),
        b(.background, .runOutput, [.char("b")], "keep it running in the background (the title bar shows it)", "background"),
        b(.explainRun, .runOutput, [.char("x")], "explain why the failure is acceptable (it then warns instead of blocking)", "explain"),
        b(.goTo, .runOutput, [.char(":")], "go to the last file:line the output shows (pytest's failing line, a linter's), in the go-to line to take or edit", "go to"),
        b(.previousRun, .runOutput, [.char("[")], "previous run"),
        b(.nextRun, .runOutput, [.char("]")], "next run", "other runs"),
    ] + moves.map { b($0.0, .runOutput, $0.1, "scroll: " + $0.2) } + [

        b(.save, .form, [.ctrl("s")], "save", "save"),
        b(.nextField, .form, [.tab], "next field", "next field"),
        b(.previousField, .form, [.backTab], "previous field"),
        b(.nextFieldOrSave, .form, [.enter], "next field (on the last one-line field: save); a new line in Issue and Fix"),
        b(.editExternally, .form, [.ctrl("e")], "write the multi-line field in $VISUAL/$EDITOR", "editor"),
        b(.cancel, .form, [.escape, .ctrl("c")], "cancel (asks first when something was typed)", "cancel"),
        b(.nextChoice, .choice, [.right, .down, .char(" "), .char("l"), .char("j")], "next option (typing a letter finds an option by it)", "change"),
        b(.previousChoice, .choice, [.left, .up, .char("h"), .char("k")], "previous option"),
        b(.searchChoice, .choice, [.char("/")], "find an option by typing part of it (a checklist item among 55)", "find"),
        b(.accept, .choiceSearch, [.enter], "keep the option found", "keep"),
        b(.nextField, .choiceSearch, [.tab], "keep it and go to the next field"),
        b(.save, .choiceSearch, [.ctrl("s")], "keep it and save the form"),
        b(.cancel, .choiceSearch, [.escape, .ctrl("c")], "back to the option before", "back"),
        b(.nextChoice, .choiceSearch, [.down, .ctrl("n")], "the next option that matches", "next match"),
        b(.previousChoice, .choiceSearch, [.up, .ctrl("p")], "the previous option that matches"),
    ]

    static let input: [Binding] = [
        b(.accept, .prompt, [.enter], "search / apply the filter / go", "apply"),
        b(.cancel, .prompt, [.escape, .ctrl("c")], "cancel (a filter: clear it)", "cancel"),
        b(.historyPrevious, .prompt, [.up], "an earlier search", "history"),
        b(.historyNext, .prompt, [.down], "a later search"),

        b(.newLine, .text, [.enter], "new line (multi-line fields)"),
        b(.cursorLeft, .text, [.left, .ctrl("b")], "cursor left"),
        b(.cursorRight, .text, [.right, .ctrl("f")], "cursor right"),
        b(.lineStart, .text, [.home, .ctrl("a")], "start of the line"),
        b(.lineEnd, .text, [.end, .ctrl("e")], "end of the line (in Issue, Fix and other multi-line fields Ctrl-E opens your editor)"),
        b(.lineUp, .text, [.up], "line up (multi-line fields)"),
        b(.lineDown, .text, [.down], "line down (multi-line fields)"),
        b(.deleteBackward, .text, [.backspace, .ctrl("h")], "delete the character before the cursor"),
        b(.deleteForward, .text, [.delete, .ctrl("d")], "delete the character under the cursor"),
        b(.deleteWord, .text, [.ctrl("w")], "delete the word before the cursor"),
        b(.deleteToStart, .text, [.ctrl("u")], "delete to the start of the line"),
        b(.deleteToEnd, .text, [.ctrl("k")], "delete to the end of the line"),
    ]

    static let auditLog: [Binding] = moves.map { b($0.0, .auditLog, $0.1, $0.2) } + [
        b(.open, .auditLog, [.enter], "open the review read-only (q comes back)", "open read-only"),
        b(.filterLog, .auditLog, [.char("/"), .char("f")], "filter: decision:block reviewer:NAME risk:… since:30d path:GLOB open finished stale short WORDS", "filter"),
        b(.openOnly, .auditLog, [.char("o")], "only open reviews (again: all)", "open only"),
        b(.staleOnly, .auditLog, [.char("s")], "only stale reviews (again: all)", "stale only"),
        b(.clearFilter, .auditLog, [.escape], "clear the filter", "clear filter"),
        b(.quit, .auditLog, [.char("q"), .escape], "leave the log", "back"),
        b(.suspend, .auditLog, [.ctrl("z")], "suspend to the shell (fg comes back)"),
    ] + interrupt(.auditLog)
}
