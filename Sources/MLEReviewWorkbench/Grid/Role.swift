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
}

/// Drawn over a cell's role: the cursor line and a line selection.
public enum Highlight: UInt8, Sendable {
    case none, cursor, selection
}
