/// Everything a key can do, in any scope. A binding gives an action its keys and words; the
/// scope's component carries it out. Config files name actions in kebab case (`next-pane`).
public enum Action: String, Sendable, CaseIterable {
    // Moving, in whatever has a cursor.
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    // Everywhere under the panes.
    case nextPane, previousPane, zoom, search, searchNext, searchPrevious, goTo, newFinding
    case addTestRun, runChecks, verdict, export, finish, reopen, auditLog, follow, swapRoles, commits, nextCommit, previousCommit
    case copy, help, redraw, retrySave, quit, interrupt, suspend
    // Files and diff.
    case open, markViewed, filterFiles, nextFile, previousFile, nextUnviewed, toggleFileTree
    case nextHunk, previousHunk, scrollLeft, scrollRight, toggleWrap, toggleSideBySide, toggleSyntax
    case toggleWhitespace, expandContext, select, toggleFold, takeHint, nextMarked, previousMarked, openInEditor, sinceReview
    // Checklist.
    case cycleItem, passItem, failItem, notApplicableItem, noteItem, collapse, expand, toggleExplanation, nextUndecided
    // Findings.
    case editFinding, dismissFinding, acceptFinding, resolveFinding, deleteFinding, filterFindings, showFinding
    // Overlays.
    case close, yes, no, override, keepMine, takeTheirs, keepBoth
    case dismissWrong, dismissDuplicate, dismissMinor, dismissWithoutReason
    case run, showOutput, stopRun, background, explainRun, previousRun, nextRun
    // Forms.
    case nextField, previousField, save, cancel, nextFieldOrSave, editExternally, nextChoice, previousChoice, searchChoice
    // The prompt line.
    case accept, historyPrevious, historyNext
    // Typing.
    case cursorLeft, cursorRight, lineStart, lineEnd, deleteBackward, deleteForward, deleteWord, deleteToStart, deleteToEnd
    case newLine, lineUp, lineDown
    // The review log.
    case filterLog, openOnly, staleOnly, clearFilter

    /// The name a config file uses.
    public var configName: String { rawValue.kebabCased }

    public static func named(_ name: String) -> Action? { allCases.first { $0.configName == name || $0.rawValue == name } }

    /// Actions that change the review: refused (with a word why) while it is read-only.
    public var edits: Bool {
        switch self {
        case .newFinding, .markViewed, .cycleItem, .passItem, .failItem, .notApplicableItem, .noteItem, .editFinding, .dismissFinding,
             .acceptFinding, .resolveFinding, .deleteFinding, .takeHint, .addTestRun, .finish, .swapRoles, .override, .explainRun:
            return true
        default:
            return false
        }
    }

    /// Actions that keep following the other reviewer (anything else that moves stops it).
    var keepsFollowing: Bool { [.follow, .redraw, .help, .close, .copy, .interrupt, .suspend].contains(self) }
}
