import MLEReviewCore

/// When an action cannot be done here, the reason the status line gives (and the footer leaves
/// the key out): a read-only review, nothing under the cursor, nothing to retry.
extension Workbench {
    public func whyUnavailable(_ action: Action, in scope: Scope) -> String? {
        if action.edits && isReadOnly { return readOnlyReason }
        switch action {
        case .open where scope == .commits:
            if case .commits(let list) = overlay, list.shown != nil { return "the commit is read whole: \(keymap.key(.close, in: .commits)) goes back to the list" }
            return nil
        case .deleteFinding where focusedTestRun != nil:
            // A run mle-review ran is the record's evidence; one someone reported may be a typo.
            return focusedTestRun?.ran != nil ? "mle-review ran this check: it stays in the record (\(keymap.key(.explainRun, in: .runOutput)) in its output explains a failure)" : nil
        case .deleteFinding where focusedFinding.map({ $0.origin != .typed }) == true:
            // Deleting what a tool or a hint proposed would take its judgement out of stats'
            // precision: it is dismissed, with a reason.
            let from = focusedFinding?.source ?? "a tool"
            return "proposed by \(from): \(keymap.key(.dismissFinding, in: .findings)) dismisses it with a reason (stats counts it); \(keymap.key(.deleteFinding, in: .findings)) deletes what a reviewer typed"
        case .editFinding, .resolveFinding, .deleteFinding:
            return focusedFinding == nil ? "no finding under the cursor" + (focusedHint != nil ? " (a hint: \(keymap.key(.acceptFinding, in: .findings)) makes it one)" : "") : nil
        // A range selection judges what is in it (the pane says when nothing there can be).
        case .dismissFinding where findingsPane.anchor != nil && scope == .findings,
             .acceptFinding where findingsPane.anchor != nil && scope == .findings:
            return nil
        case .dismissFinding:
            if focusedDismissedHint != nil { return "the hint is dismissed already: \(keymap.key(.acceptFinding, in: .findings)) brings it back" }
            return focusedFinding == nil && focusedHint == nil ? "no finding or hint under the cursor" : nil
        case .acceptFinding:
            return focusedFinding == nil && focusedHint == nil && focusedDismissedHint == nil ? "no finding or hint under the cursor" : nil
        case .showFinding where scope == .diff:
            return findingsRowOnCursorLine == nil ? "no finding or hint on this line (● ◆ mark them; \(keymap.key(.nextMarked, in: .diff)) goes to the next)" : nil
        case .showFinding:
            return findingsPane.cursor < findingsRows.count ? nil : "nothing under the cursor to read"
        case .takeHint:
            return hintsOnCursorLine.isEmpty ? "no hint on this line (◆ marks them)" : nil
        case .newFinding where scope == .files && selectedFolder != nil:
            return "a folder: a finding is about a file (\(keymap.key(.open, in: .files)) opens the folder)"
        case .follow:
            return others.isEmpty ? "nobody else has this review open" : nil
        case .swapRoles:
            return review.reviewers.contains { $0.role == .driver || $0.role == .navigator } ? nil
                : "nobody on this review is driver or navigator (start with --role driver)"
        case .retrySave:
            return unsaved.isEmpty ? "nothing is waiting to be saved" : nil
        case .reopen:
            if browsing { return readOnlyReason }
            return review.isFinished ? nil : "this review is open: nothing to reopen"
        case .searchNext, .searchPrevious:
            return search.query.isEmpty ? "no search yet: press \(keymap.key(.search))" : nil
        case .sinceReview: return sinceReviewUnavailable
        case .commits: return commitsUnavailable
        case .openInEditor:
            if document.rowCount == 0 { return "the diff is empty" }
            if review.source.kind != .range || review.source.headCommit != nil || browsing {
                return "\(keymap.key(.openInEditor, in: .diff)) opens files of the work tree: only in a review of the work tree's changes (a range ending there, e.g. mle-review HEAD)"
            }
            return document.files[document.row(diffPane.cursor).file].newPath == nil ? "the file is deleted in the work tree" : nil
        case .expandContext:
            if document.rowCount == 0 { return "the diff is empty" }
            if review.source.kind != .range || review.source.baseCommit == nil {
                return "a patch carries only its own lines: more context needs a range review (mle-review main...feature)"
            }
            let path = document.files[document.row(diffPane.cursor).file].path
            return path.hasSuffix(".ipynb") ? "a notebook is shown as cells: no more context to read" : nil
        case .toggleFold:
            return document.rowCount == 0 ? "the diff is empty" : nil
        case .stopRun:
            if case .runOutput(let i, _) = overlay, i < runs.count, runs[i].isRunning { return nil }
            return "the run is not running"
        case .explainRun:
            if case .runOutput(let i, _) = overlay, i < runs.count, let t = runs[i].recorded, t.outcome.isFailure { return nil }
            return "\(keymap.key(.explainRun, in: .runOutput)) explains a failed run once it is recorded"
        case .showOutput:
            return runs.isEmpty ? "no run yet in this session" : nil
        case .nextFieldOrSave:
            if case .form(let f) = overlay, f.fields[f.focus].isMultiline { return "a new line in this field" }
            return nil
        case .newLine, .lineUp, .lineDown:
            if case .form(let f) = overlay, f.fields[f.focus].isMultiline { return nil }
            return "one line only here"
        case .editExternally:
            if case .form(let f) = overlay, f.fields[f.focus].isMultiline { return nil }
            return "the editor opens on Issue, Fix and other multi-line fields"
        case .historyPrevious, .historyNext:
            return prompt?.kind == .search && !search.history.isEmpty ? nil : "no earlier search"
        default:
            return nil
        }
    }

    /// Whether an action works here now: footers show only those.
    public func isAvailable(_ action: Action, in scope: Scope) -> Bool { whyUnavailable(action, in: scope) == nil }

    /// Whether one of these scopes binds the action and it works there now: what a footer over
    /// several scopes (the status line, help's title) lists.
    func isAvailable(_ action: Action, inAnyOf scopes: [Scope]) -> Bool {
        scopes.contains { keymap.has(action, in: $0) && isAvailable(action, in: $0) }
    }
}
