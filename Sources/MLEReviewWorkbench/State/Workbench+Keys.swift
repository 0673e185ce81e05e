import MLEReviewCore

extension Workbench {
    /// Applies one key. Returns what must be made durable, in order.
    public mutating func handle(_ key: Key) -> [Effect] {
        if key == .resize { return [] }
        // Nothing is bound to Alt: Escape typed quickly before a key arrives as Alt+key.
        if case .alt(let c) = key { return handle(.escape) + handle(.char(c)) }
        message = nil
        if let overlay { return handleOverlay(overlay, key) }
        if search.editor != nil { handleSearchInput(key); return [] }
        if fileFilterEditor != nil { handleFilterInput(key); return [] }
        if case .mouseClick(let row, let col) = key { click(row: row, col: col); return [] }
        if key == .wheelUp || key == .wheelDown { move(key == .wheelUp ? -3 : 3); return [] }
        guard let action = Keymap.action(for: key, in: focus) else { return [] }
        return perform(action)
    }

    public mutating func resize(width: Int, height: Int) {
        layout = Layout(width: width, height: height)
        fullRedraw = true
        keepCursorsVisible()
    }

    mutating func perform(_ action: Action) -> [Effect] {
        if action.edits && isReadOnly {
            say(readOnlyReason, error: true)
            return []
        }
        if following != nil && action != .follow && action != .redraw && action != .help {
            following = nil
            say("stopped following")
        }
        switch action {
        case .nextPane: focus = Pane.allCases[(Pane.allCases.firstIndex(of: focus)! + 1) % Pane.allCases.count]
        case .previousPane: focus = Pane.allCases[(Pane.allCases.firstIndex(of: focus)! + Pane.allCases.count - 1) % Pane.allCases.count]
        case .down: move(1)
        case .up: move(-1)
        case .pageDown: move(pageSize)
        case .pageUp: move(-pageSize)
        case .halfPageDown: move(max(1, pageSize / 2))
        case .halfPageUp: move(-max(1, pageSize / 2))
        case .top: move(-Int.max / 2)
        case .bottom: move(Int.max / 2)
        case .nextHunk: jumpHunk(forward: true)
        case .previousHunk: jumpHunk(forward: false)
        case .nextFile: jumpFile(forward: true)
        case .previousFile: jumpFile(forward: false)
        case .scrollLeft: horizontalScroll = max(0, horizontalScroll - 8)
        case .scrollRight: if !wrap { horizontalScroll += 8 }
        case .toggleWrap:
            if sideBySide && SideBySideView.fits(self) { say("side by side does not wrap: long lines scroll sideways (h/l)"); return [] }
            wrap.toggle(); horizontalScroll = 0; say(wrap ? "wrapping long lines" : "long lines scroll sideways (h/l)")
        case .toggleSideBySide:
            sideBySide.toggle()
            if sideBySide { wrap = false }
            say(!sideBySide ? "unified diff" : SideBySideView.fits(self) ? "side by side: old left, new right"
                : "too narrow for side by side (needs 2x\(SideBySideView.minimumSideWidth) columns of code): unified until the window is wider")
        case .toggleSyntax: syntaxColour.toggle(); say(syntaxColour ? "syntax colour on" : "syntax colour off")
        case .search: search.editor = TextEditor(search.query)
        case .searchNext: runSearch(forward: true)
        case .searchPrevious: runSearch(forward: false)
        case .select:
            if selectionAnchor == nil { selectionAnchor = diffCursor; say("selecting lines: move, then c for a finding on them, v to stop") }
            else { selectionAnchor = nil }
        case .newFinding: openFindingForm()
        case .open: return open()
        case .markViewed: return toggleViewed()
        case .toggleFold:
            guard document.rowCount > 0 else { return [] }
            let f = document.row(diffCursor).file
            document.setFolded(f, !document.folded.contains(f))
            diffCursor = document.folded.contains(f) ? document.fileRows[f] : (document.hunkRows[f].first.map { $0 + 1 } ?? diffCursor)
            keepCursorsVisible()
        case .filterFiles: fileFilterEditor = TextEditor(fileFilter)
        case .cycleItem: return setFocusedItem(nil)
        case .passItem: return setFocusedItem(.pass)
        case .failItem: return setFocusedItem(.fail)
        case .notApplicableItem: return setFocusedItem(.notApplicable)
        case .collapse: collapseSection()
        case .expand: toggleSection()
        case .toggleExplanation: showExplanation.toggle()
        case .editFinding: openFindingForm(editing: focusedFinding)
        case .dismissFinding:
            if let h = focusedHint { return dismissHint(h) }
            return setFindingStatus(.dismissed)
        case .acceptFinding:
            if let h = focusedHint { return takeHints([h]) }
            // A dismissed finding comes back as it arrived: a proposal if it was imported or a hint.
            if let f = focusedFinding, f.status == .dismissed {
                if case .typed = f.origin { return setFindingStatus(.open, restoring: true) }
                return setFindingStatus(.proposed, restoring: true)
            }
            return setFindingStatus(.open)
        case .takeHint:
            guard let l = document.location(at: diffCursor), l.side == .new, let line = l.line else { say("no hint on this line", error: true); return [] }
            return takeHints(liveHints.filter { $0.path == l.path && $0.line == line })
        case .resolveFinding:
            if let f = focusedFinding, f.status == .resolved { return setFindingStatus(.open, restoring: true) }
            return setFindingStatus(.resolved)
        case .deleteFinding:
            guard let f = focusedFinding else { say("no finding here", error: true); return [] }
            overlay = .confirm(Confirmation(question: "Delete [\(f.severity.rawValue)] \(f.title)?",
                                            detail: "It leaves the review and its verdict; the review's history keeps it.",
                                            effects: [.deleteFinding(id: f.id)], done: "deleted \(f.title)"))
        case .addTestRun: openTestRunForm()
        case .runChecks:
            if checksPanel != nil { overlay = .checks; return [] }
            return [.planChecks]
        case .verdict: overlay = .verdict
        case .export: openExportForm()
        case .finish: return finishReview()
        case .reopen:
            if browsing { say(readOnlyReason, error: true); return [] }
            guard review.isFinished else { say("this review is open: nothing to reopen"); return [] }
            return [.reopen]
        case .follow: startFollowing()
        case .swapRoles: return swapRoles()
        case .auditLog:
            auditRequested = true
            quitRequested = true
        case .help: overlay = .help(scroll: 0)
        case .redraw: fullRedraw = true
        case .retrySave:
            guard !unsaved.isEmpty else { say("nothing is waiting to be saved"); return [] }
            let pending = unsaved
            unsaved = []
            return pending
        case .quit:
            guard !unsaved.isEmpty else { quitRequested = true; return [] }
            overlay = .confirm(Confirmation(question: "Quit with \(unsaved.count) change\(unsaved.count == 1 ? "" : "s") not saved?",
                                            detail: "y keeps them as a draft to restore next time (Ctrl-R retries saving instead)",
                                            effects: [.keepUnsaved], quits: true))
        }
        return []
    }

    /// Finishing with APPROVE needs every required step done, as exporting does. It is asked
    /// first: a finished review is frozen.
    mutating func finishReview() -> [Effect] {
        let v = verdict
        if v.decision == .approve && !v.isComplete {
            say("cannot finish with APPROVE: \(v.missing.count) required step(s) not done (V shows them)", error: true)
            return []
        }
        let pending = proposedCount > 0 ? " \(proposedCount) proposed finding\(proposedCount == 1 ? "" : "s") will not count." : ""
        overlay = .confirm(Confirmation(question: "Finish with \(v.decision.rawValue)?",
                                        detail: "The decision is recorded and the review frozen (R starts a new revision)." + pending,
                                        effects: [.finish], back: overlay))
        return []
    }

    // MARK: movement

    var pageSize: Int { max(1, layout.rect(focus).inner.height - 1) }

    mutating func move(_ delta: Int) {
        switch focus {
        case .files:
            fileCursor = clamp(fileCursor.addingClamped(delta), visibleFiles.count)
        case .diff:
            diffCursor = clamp(diffCursor.addingClamped(delta), document.rowCount)
            if document.rowCount > 0 { showInFileList(document.row(diffCursor).file) }
        case .checklist:
            checklistCursor = clamp(checklistCursor.addingClamped(delta), checklistRows.count)
        case .findings:
            findingCursor = clamp(findingCursor.addingClamped(delta), findingsRows.count)
        }
        keepCursorsVisible()
    }

    func clamp(_ v: Int, _ count: Int) -> Int { max(0, min(v, count - 1)) }

    /// Keeps the findings cursor on a row after rows came or went (a reload, a delete).
    mutating func clampFindingCursor() { findingCursor = clamp(findingCursor, findingsRows.count) }

    mutating func keepCursorsVisible() {
        func fit(_ cursor: Int, _ scroll: inout Int, _ height: Int) {
            let h = max(1, height)
            if cursor < scroll { scroll = cursor }
            if cursor >= scroll + h { scroll = cursor - h + 1 }
            scroll = max(0, scroll)
        }
        fit(fileCursor, &fileScroll, layout.files.inner.height)
        fit(checklistCursor, &checklistScroll, layout.checklist.inner.height - (showExplanation ? 4 : 0))
        fit(findingCursor, &findingScroll, layout.findings.inner.height)
        if wrap {
            // Wrapped rows can take several screen lines: make sure the cursor's row still fits.
            if diffCursor < diffScroll { diffScroll = diffCursor }
            // Every row takes at least one line, so the cursor's row is on screen only if the
            // scroll is within a page of it: start there, not a whole diff away.
            diffScroll = max(diffScroll, diffCursor - diffPageHeight + 1)
            while diffScroll < diffCursor && DiffView.screenLines(self, from: diffScroll, through: diffCursor) > diffPageHeight { diffScroll += 1 }
        } else {
            fit(diffCursor, &diffScroll, diffPageHeight)
        }
    }

    mutating func jumpHunk(forward: Bool) {
        var rows: [Int] = []
        let f = document.rowCount > 0 ? document.row(diffCursor).file : 0
        for file in [f - 1, f, f + 1] where file >= 0 && file < document.files.count { rows += document.hunkRows[file] }
        let target = forward ? rows.first { $0 > diffCursor } ?? nextFileStart(after: f) : rows.last { $0 < diffCursor }
        guard let target else { return }
        jumpDiff(to: target, top: true)
    }

    func nextFileStart(after f: Int) -> Int? {
        for file in (f + 1)..<max(f + 1, document.files.count) {
            if let h = document.hunkRows[file].first { return h }
            return document.fileRows[file]
        }
        return nil
    }

    mutating func jumpFile(forward: Bool) {
        guard !document.files.isEmpty else { return }
        if focus == .files {
            fileCursor = clamp(fileCursor + (forward ? 1 : -1), visibleFiles.count)
            if let f = selectedFile { jumpDiff(to: document.fileRows[f], top: true) }
            return
        }
        let f = document.row(diffCursor).file
        let target = forward ? min(f + 1, document.files.count - 1) : (document.fileRows[f] < diffCursor ? f : max(f - 1, 0))
        jumpDiff(to: document.fileRows[target], top: true, focusDiff: false)
    }

    /// Moves the diff cursor to a row, scrolled to the top of the pane when `top`.
    mutating func jumpDiff(to row: Int, top: Bool = false, focusDiff: Bool = false) {
        diffCursor = clamp(row, document.rowCount)
        if document.rowCount > 0 { showInFileList(document.row(diffCursor).file) }
        if top { diffScroll = max(0, diffCursor - 1) }
        if focusDiff { focus = .diff }
        keepCursorsVisible()
    }

    mutating func click(row: Int, col: Int) {
        for pane in Pane.allCases where layout.rect(pane).contains(row: row, col: col) {
            focus = pane
            let offset = row - layout.rect(pane).inner.row
            guard offset >= 0 else { return }
            switch pane {
            case .files: fileCursor = clamp(fileScroll + offset, visibleFiles.count)
            case .diff: if !wrap { diffCursor = clamp(diffScroll + offset, document.rowCount) }
            case .checklist: checklistCursor = clamp(checklistScroll + offset, checklistRows.count)
            case .findings: findingCursor = clamp(findingScroll + offset, findingsRows.count)
            }
            keepCursorsVisible()
            return
        }
    }

    // MARK: panes

    mutating func open() -> [Effect] {
        switch focus {
        case .files:
            guard let f = selectedFile else { return [] }
            document.setFolded(f, false)
            jumpDiff(to: document.hunkRows[f].first ?? document.fileRows[f], top: true, focusDiff: true)
        case .findings:
            if findingCursor < findingsRows.count, case .testRun(let run) = findingsRows[findingCursor] { return [.showRunOutput(run)] }
            guard let location = focusedRowLocation else { return [] }
            if let row = document.row(for: location) {
                jumpDiff(to: row, focusDiff: true)
            } else {
                say("\(location) is not a line of this diff", error: true)
            }
        default: break
        }
        return []
    }

    var focusedFinding: Finding? {
        let rows = findingsRows
        guard findingCursor < rows.count, case .finding(let f) = rows[findingCursor] else { return nil }
        return f
    }

    /// The hint under the cursor, unless it is waived in the code (then it is only shown).
    var focusedHint: Hint? {
        let rows = findingsRows
        guard findingCursor < rows.count, case .hint(let h) = rows[findingCursor], h.waiver == nil else { return nil }
        return h
    }

    var focusedRowLocation: Location? {
        let rows = findingsRows
        guard findingCursor < rows.count else { return nil }
        switch rows[findingCursor] {
        case .finding(let f): return f.location
        case .hint(let h): return h.location
        case .testRun: return nil
        }
    }

    /// Turns hints into proposed findings, their text filled in from the rule.
    mutating func takeHints(_ hints: [Hint]) -> [Effect] {
        guard !hints.isEmpty else { say("no hint on this line", error: true); return [] }
        var effects: [Effect] = []
        for h in hints {
            var f = h.finding(author: reviewer?.name)
            f.itemID = nil
            review.findings.append(f)
            effects.append(.saveFinding(f))
        }
        say(hints.count == 1 ? "hint \(hints[0].rule) is now a proposed finding: a accepts it" : "\(hints.count) hints are now proposed findings")
        return effects
    }

    mutating func dismissHint(_ h: Hint) -> [Effect] {
        dismissedHints.insert(h.key)
        say("hint \(h.rule) dismissed for this review")
        findingCursor = clamp(findingCursor, findingsRows.count)
        return [.dismissHint(key: h.key)]
    }

    mutating func toggleViewed() -> [Effect] {
        guard !document.files.isEmpty, let f = focus == .files ? selectedFile : document.row(diffCursor).file else { return [] }
        let path = document.files[f].path
        if isViewed(file: f) {
            review.viewedFiles[path] = nil
            say("\(path): not viewed")
            return [.setViewed(path: path, hash: nil)]
        }
        let hash = document.hash(ofFile: f)
        review.viewedFiles[path] = hash
        say("\(path): viewed")
        return [.setViewed(path: path, hash: hash)]
    }

    /// Sets the focused item's state, or cycles it when `state` is nil.
    mutating func setFocusedItem(_ state: ItemState?) -> [Effect] {
        let rows = checklistRows
        guard checklistCursor < rows.count else { return [] }
        guard case .item(let s, let i) = rows[checklistCursor] else {
            toggleSection()
            return []
        }
        let item = checklist.sections[s].items[i]
        let order: [ItemState] = [.unchecked, .pass, .fail, .notApplicable]
        let current = review.state(of: item.id)
        let next = state ?? order[(order.firstIndex(of: current)! + 1) % order.count]
        let mark = ItemMark(state: next, note: review.items[item.id]?.note, setBy: reviewer?.name)
        review.items[item.id] = next == .unchecked ? nil : mark
        say("\(item.title): \(next.rawValue)")
        return [.setItem(id: item.id, mark: mark)]
    }

    mutating func toggleSection() {
        let rows = checklistRows
        guard checklistCursor < rows.count else { return }
        switch rows[checklistCursor] {
        case .section(let s):
            let id = checklist.sections[s].id
            if expandedSections.contains(id) { expandedSections.remove(id) } else { expandedSections.insert(id) }
        case .item:
            showExplanation.toggle()
        }
        keepCursorsVisible()
    }

    mutating func collapseSection() {
        let rows = checklistRows
        guard checklistCursor < rows.count else { return }
        let s: Int
        switch rows[checklistCursor] {
        case .section(let x): s = x
        case .item(let x, _): s = x
        }
        expandedSections.remove(checklist.sections[s].id)
        checklistCursor = checklistRows.firstIndex(of: .section(s)) ?? 0
        keepCursorsVisible()
    }

    mutating func setFindingStatus(_ status: FindingStatus, restoring: Bool = false) -> [Effect] {
        guard let f = focusedFinding, let i = review.findings.firstIndex(where: { $0.id == f.id }) else { return [] }
        if status == .open && f.status != .proposed && !restoring { say("only a proposed finding can be accepted", error: true); return [] }
        review.findings[i].status = status
        say(restoring ? "\(f.title): back to \(status.rawValue)" : "\(f.title): \(status.rawValue)")
        if let j = findingsRows.firstIndex(where: { if case .finding(let x) = $0 { return x.id == f.id }; return false }) { findingCursor = j }
        return [.setFindingStatus(id: f.id, status: status)]
    }

    // MARK: file filter

    mutating func handleFilterInput(_ key: Key) {
        guard var editor = fileFilterEditor else { return }
        switch key {
        case .escape:
            fileFilterEditor = nil
            applyFileFilter("")
        case .enter:
            fileFilterEditor = nil
            if visibleFiles.isEmpty { say("no file matches \(fileFilter)", error: true) }
        default:
            editor.handle(key)
            fileFilterEditor = editor
            applyFileFilter(editor.text)
        }
    }

    // MARK: search

    mutating func handleSearchInput(_ key: Key) {
        guard var editor = search.editor else { return }
        switch key {
        case .escape: search.editor = nil
        case .enter:
            search.editor = nil
            search.query = editor.text
            if !search.query.isEmpty { runSearch(forward: true) }
        default:
            editor.handle(key)
            search.editor = editor
        }
    }

    mutating func runSearch(forward: Bool) {
        guard !search.query.isEmpty else { say("no search yet: press /", error: true); return }
        guard let row = DiffSearch.find(search.query, in: document, from: diffCursor, forward: forward) else {
            say("not found: \(search.query)", error: true)
            return
        }
        jumpDiff(to: row)
        if focus != .diff { focus = .diff }
    }
}

extension Int {
    func addingClamped(_ d: Int) -> Int {
        let (r, o) = addingReportingOverflow(d)
        return o ? (d > 0 ? Int.max / 2 : -Int.max / 2) : r
    }
}
