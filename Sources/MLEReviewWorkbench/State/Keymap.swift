/// Every action the workbench has, with its keys, help text and where it applies: one table
/// that drives key handling, the status-line hints and the help overlay, so they cannot disagree.
public enum Action: String, Sendable, CaseIterable {
    case nextPane, previousPane, down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case nextHunk, previousHunk, nextFile, previousFile, scrollLeft, scrollRight, toggleWrap, toggleSyntax, toggleSideBySide
    case search, searchNext, searchPrevious, select, newFinding
    case open, markViewed, toggleFold, filterFiles
    case cycleItem, passItem, failItem, notApplicableItem, collapse, expand, toggleExplanation
    case editFinding, dismissFinding, acceptFinding, resolveFinding, deleteFinding, takeHint
    case addTestRun, runChecks, verdict, export, finish, reopen, auditLog, follow, swapRoles, help, redraw, retrySave, quit

    /// Actions that change the review: refused (with a word why) while it is read-only.
    public var edits: Bool {
        switch self {
        case .newFinding, .markViewed, .cycleItem, .passItem, .failItem, .notApplicableItem,
             .editFinding, .dismissFinding, .acceptFinding, .resolveFinding, .deleteFinding, .takeHint, .addTestRun, .finish, .swapRoles:
            return true
        default:
            return false
        }
    }
}

public enum Pane: String, Sendable, CaseIterable {
    case files, diff, checklist, findings

    public var title: String {
        switch self {
        case .files: return "Files"
        case .diff: return "Diff"
        case .checklist: return "Checklist"
        case .findings: return "Findings"
        }
    }
}

public struct Binding: Sendable {
    public var action: Action
    public var keys: [Key]
    public var help: String
    /// The panes it works in; empty means everywhere.
    public var panes: [Pane]
    /// Shown in the status line's hints for those panes.
    public var hint: Bool
}

public enum Keymap {
    public static let bindings: [Binding] = [
        b(.nextPane, [.tab], "next pane", hint: true),
        b(.previousPane, [.backTab], "previous pane"),
        b(.down, [.char("j"), .down], "down"),
        b(.up, [.char("k"), .up], "up"),
        b(.pageDown, [.pageDown, .ctrl("f")], "page down"),
        b(.pageUp, [.pageUp, .ctrl("b")], "page up"),
        b(.halfPageDown, [.ctrl("d")], "half a page down"),
        b(.halfPageUp, [.ctrl("u")], "half a page up"),
        b(.top, [.char("g"), .home], "first line"),
        b(.bottom, [.char("G"), .end], "last line"),
        b(.nextHunk, [.char("]")], "next hunk", [.diff], hint: true),
        b(.previousHunk, [.char("[")], "previous hunk", [.diff]),
        b(.nextFile, [.char("}")], "next file", [.diff, .files]),
        b(.previousFile, [.char("{")], "previous file", [.diff, .files]),
        b(.scrollLeft, [.char("h"), .left], "scroll left", [.diff]),
        b(.scrollRight, [.char("l"), .right], "scroll right", [.diff]),
        b(.toggleWrap, [.char("w")], "wrap long lines on/off", [.diff]),
        b(.toggleSideBySide, [.char("s")], "side by side / unified (side by side needs 2x60 columns)", [.diff], hint: true),
        b(.toggleSyntax, [.char("y")], "syntax colour on/off (Python, SQL, YAML, JSON, TOML, shell, Markdown)", [.diff]),
        b(.search, [.char("/")], "search the diff", hint: true),
        b(.searchNext, [.char("n")], "next match"),
        b(.searchPrevious, [.char("N")], "previous match"),
        b(.select, [.char("v")], "start/end a selection of lines", [.diff], hint: true),
        b(.newFinding, [.char("c")], "new finding at the cursor (or the selection, or the item)", [.diff, .checklist, .files, .findings], hint: true),
        b(.open, [.enter], "open: jump to the file or the finding's line", [.files, .findings], hint: true),
        b(.toggleFold, [.enter], "show or fold the file (large, generated and lock files start folded)", [.diff]),
        b(.filterFiles, [.char("f")], "filter the file list by path (Esc clears)", [.files], hint: true),
        b(.markViewed, [.char("m")], "mark the file viewed / not viewed", [.files, .diff], hint: true),
        b(.cycleItem, [.char(" ")], "cycle the item: unchecked, pass, fail, n/a", [.checklist], hint: true),
        b(.passItem, [.char("p")], "item passes", [.checklist], hint: true),
        b(.failItem, [.char("x")], "item fails (for a blocker: it is present)", [.checklist], hint: true),
        b(.notApplicableItem, [.char("-")], "item does not apply", [.checklist], hint: true),
        b(.collapse, [.char("h"), .left], "collapse the section", [.checklist]),
        b(.expand, [.char("l"), .right, .enter], "expand or collapse the section", [.checklist]),
        b(.toggleExplanation, [.char("i")], "show the item's explanation", [.checklist], hint: true),
        b(.takeHint, [.char("H")], "turn the ML hint on this line (◆) into a proposed finding", [.diff], hint: true),
        b(.editFinding, [.char("e")], "edit the finding", [.findings], hint: true),
        b(.dismissFinding, [.char("d")], "dismiss the finding, or the hint", [.findings], hint: true),
        b(.acceptFinding, [.char("a")], "accept a proposed finding, restore a dismissed one; make a hint a proposed finding", [.findings], hint: true),
        b(.resolveFinding, [.char("r")], "mark the finding resolved; on a resolved one, reopen it", [.findings]),
        b(.deleteFinding, [.char("D")], "delete the finding (asked first; its history keeps it)", [.findings]),
        b(.addTestRun, [.char("t")], "record a test run someone reported (not run here)", hint: true),
        b(.runChecks, [.char("T")], "run checks: suggested pytest/ruff/mypy and the team's, or any command; recorded as test runs", hint: true),
        b(.verdict, [.char("V")], "the verdict: decision, reasons, what is missing, override", hint: true),
        b(.export, [.char("E")], "export the verdict to a file (this finishes the review: asked first)", hint: true),
        b(.finish, [.char("F")], "finish the review: record the decision and freeze it (asked first; also in the verdict view)"),
        b(.reopen, [.char("R")], "reopen a finished review as a new revision"),
        b(.auditLog, [.char("L")], "the review log: past reviews, opened read-only"),
        b(.follow, [.char("P")], "pairing: follow the other reviewer's file and line (any movement stops)"),
        b(.swapRoles, [.char("S")], "pairing: driver and navigator swap roles"),
        b(.help, [.char("?")], "this help", hint: true),
        b(.redraw, [.ctrl("l")], "redraw the screen"),
        b(.retrySave, [.ctrl("r")], "retry saving the changes the store refused (shown as ✗ NOT SAVED)"),
        b(.quit, [.char("q")], "quit (everything is already saved)", hint: true),
    ]

    private static func b(_ a: Action, _ keys: [Key], _ help: String, _ panes: [Pane] = [], hint: Bool = false) -> Binding {
        Binding(action: a, keys: keys, help: help, panes: panes, hint: hint)
    }

    /// The action a key means in a pane: a binding for that pane wins over a global one.
    public static func action(for key: Key, in pane: Pane) -> Action? {
        if let b = bindings.first(where: { $0.panes.contains(pane) && $0.keys.contains(key) }) { return b.action }
        return bindings.first { $0.panes.isEmpty && $0.keys.contains(key) }?.action
    }

    /// `key:help` pairs for the status line.
    public static func hints(for pane: Pane) -> [(String, String)] {
        bindings.filter { $0.hint && ($0.panes.isEmpty || $0.panes.contains(pane)) }
            .map { ($0.keys[0].description, shortHelp($0)) }
    }

    static func shortHelp(_ b: Binding) -> String {
        switch b.action {
        case .nextPane: return "pane"
        case .search: return "search"
        case .select: return "select"
        case .newFinding: return "finding"
        case .open: return "open"
        case .markViewed: return "viewed"
        case .filterFiles: return "filter"
        case .cycleItem: return "cycle"
        case .passItem: return "pass"
        case .failItem: return "fail"
        case .notApplicableItem: return "n/a"
        case .toggleExplanation: return "explain"
        case .editFinding: return "edit"
        case .dismissFinding: return "dismiss"
        case .acceptFinding: return "accept"
        case .addTestRun: return "test run"
        case .runChecks: return "run checks"
        case .verdict: return "verdict"
        case .export: return "export"
        case .help: return "help"
        case .quit: return "quit"
        case .retrySave: return "retry save"
        case .nextHunk: return "hunk"
        case .takeHint: return "take hint"
        case .toggleSideBySide: return "split"
        default: return b.help
        }
    }
}
