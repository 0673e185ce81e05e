/// What a cell shows, by meaning. Themes map roles to colours and attributes, so views never
/// name a colour.
public enum Role: String, CaseIterable, Sendable {
    case text, dim, hint, warning, error
    case titleBar = "title-bar", status, statusKey = "status-key"
    case paneBorder = "pane-border", paneTitle = "pane-title", paneTitleFocused = "pane-title-focused"
    case diffAdded = "diff-added", diffRemoved = "diff-removed", diffContext = "diff-context"
    case hunkHeader = "hunk-header", fileHeader = "file-header", lineNumber = "line-number"
    case cursor, selection, searchMatch = "search-match"
    case itemUnchecked = "item-unchecked", itemPass = "item-pass", itemFail = "item-fail", itemNotApplicable = "item-na"
    case severityCritical = "severity-critical", severityHigh = "severity-high", severityMedium = "severity-medium", severityLow = "severity-low"
    case decisionApprove = "decision-approve", decisionWarnings = "decision-warnings", decisionBlock = "decision-block"
    case overlay, overlayBorder = "overlay-border", input, inputFocused = "input-focused"
    /// Changed words inside a changed line.
    case diffAddedWord = "diff-added-word", diffRemovedWord = "diff-removed-word"
    /// Line backgrounds under syntax colour (used where the terminal has 256 colours).
    case diffAddedLine = "diff-added-line", diffRemovedLine = "diff-removed-line"
    case syntaxKeyword = "syntax-keyword", syntaxString = "syntax-string", syntaxComment = "syntax-comment"
    case syntaxNumber = "syntax-number", syntaxFunction = "syntax-function", syntaxType = "syntax-type"
}

/// Drawn over a cell's role: the cursor line, a line selection, and the background of added
/// and removed lines when syntax colour takes their foreground.
public enum Highlight: UInt8, Sendable {
    case none, cursor, selection, added, removed
}
