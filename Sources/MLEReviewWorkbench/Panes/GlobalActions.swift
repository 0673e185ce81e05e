import MLEReviewCore

/// What works under every pane: moving the focused pane's cursor, panes, search, the review's
/// steps (verdict, export, finish), pairing and leaving.
enum GlobalActions: Component {
    static let scope = Scope.global

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        switch action {
        case .nextPane, .previousPane:
            let all = Pane.allCases
            wb.focus = all[(all.firstIndex(of: wb.focus)! + (action == .nextPane ? 1 : all.count - 1)) % all.count]
            if wb.zoomed { wb.layout = Layout(width: wb.layout.width, height: wb.layout.height, zoomed: wb.focus) }
        case .down: wb.move(1)
        case .up: wb.move(-1)
        case .pageDown: wb.page(wb.pageSize)
        case .pageUp: wb.page(-wb.pageSize)
        case .halfPageDown: wb.page(max(1, wb.pageSize / 2))
        case .halfPageUp: wb.page(-max(1, wb.pageSize / 2))
        case .top: wb.move(-Int.max / 2)
        case .bottom: wb.move(Int.max / 2)
        case .zoom:
            wb.zoomed.toggle()
            wb.resize(width: wb.layout.width, height: wb.layout.height)
            wb.say(wb.zoomed ? "\(wb.focus.title) zoomed: \(wb.keymap.key(.zoom)) brings the other panes back" : "all panes")
        case .search:
            var p = Workbench.Prompt(.search)
            p.origin = .init(cursor: wb.diffPane.cursor, scroll: wb.diffPane.scroll, focus: wb.focus, search: wb.search)
            wb.prompt = p
        case .goTo: wb.prompt = Workbench.Prompt(.goTo)
        case .searchNext: wb.runSearch(forward: true)
        case .searchPrevious: wb.runSearch(forward: false)
        case .addTestRun: wb.openTestRunForm()
        case .runChecks:
            if wb.checksPanel != nil { wb.open(.checks); return [] }
            return [.planChecks]
        case .verdict: wb.open(.verdict(scroll: 0))
        case .export: wb.openExportForm()
        case .finish: return wb.finishReview()
        case .reopen: return [.reopen]
        case .follow: wb.startFollowing()
        case .swapRoles: return wb.swapRoles()
        case .auditLog: return [.openAuditLog]
        case .commits: return [.listCommits]
        case .interrupt: return [.interrupt]
        case .suspend: return [.suspend]
        case .copy:
            if wb.focus == .findings, let f = wb.focusedFinding { return [.copy(.finding(f))] }
            return [.copy(.verdict)]
        case .help:
            wb.helpFilter = nil
            wb.open(.help(scroll: 0))
        case .redraw: wb.fullRedraw = true
        case .retrySave:
            let pending = wb.unsaved
            wb.unsaved = []
            return pending
        case .quit:
            // A check running in the background ends with the workbench: its run would be lost
            // unsaid (and it ran on, orphaned, until it finished).
            let stopping = wb.stillRunning.map { "\($0.subject) still running: quitting stops \($0.them) and nothing of \($0.them) is recorded (n, then wait for the title bar's ▶ to go)." } ?? ""
            guard !wb.unsaved.isEmpty || !stopping.isEmpty else { return [.quit] }
            if wb.unsaved.isEmpty {
                wb.open(.confirm(.init(question: "Quit while a check runs?", detail: stopping, effects: [.quit])))
                break
            }
            wb.open(.confirm(.init(question: "Quit with \(wb.unsaved.count) change\(wb.unsaved.count == 1 ? "" : "s") not saved?",
                                   detail: "y keeps them as a draft to restore next time (\(wb.keymap.key(.retrySave)) retries saving instead)"
                                       + (stopping.isEmpty ? "" : ". " + stopping),
                                   effects: [.keepUnsaved, .quit])))
        default: break
        }
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        TitleBar.draw(wb, into: &g)
        StatusLine.draw(wb, into: &g)
    }
}

extension Workbench {
    /// Finishing with APPROVE needs every required step done, as exporting does. It is asked
    /// first: a finished review is frozen.
    mutating func finishReview() -> [Effect] {
        let v = verdict
        if v.approvalWaits {
            say("cannot finish with APPROVE: \(v.missingSummary()) (\(keymap.key(.verdict)) lists them)", error: true)
            return []
        }
        open(.confirm(.init(question: "Finish with \(v.decision.rawValue)?",
                            detail: "The decision is recorded and the review frozen (\(keymap.key(.reopen)) starts a new revision)." + finishingNotes(v),
                            effects: [.finish])))
        return []
    }

    /// What finishing leaves behind, said in the question before it (F and E both finish):
    /// proposals that will not count, files not marked viewed (`show` tells a lead), steps undone.
    func finishingNotes(_ v: Verdict) -> String {
        let pending = proposedCount > 0 ? " \(proposedCount) proposed finding\(proposedCount == 1 ? "" : "s") will not count." : ""
        let viewed = viewedFileSet.count, files = document.files.count
        let unviewed = viewed < files ? " \(viewed) of \(files) files marked viewed." : ""
        // A partner's half-typed finding is not in the verdict, and their save will be refused.
        let writing = othersWriting.isEmpty ? "" : " \(othersWriting.joined(separator: " and ")) \(othersWriting.count == 1 ? "is" : "are") writing a finding, not saved yet: it will not be in this verdict."
        // So is a check still running (or waiting to): its run comes after the verdict is frozen.
        let checks = stillRunning.map { " \($0.subject) still running: \($0.them == "it" ? "its result" : "their results") will not be in this verdict (n, then wait for \($0.them))." } ?? ""
        return checks + writing + pending + unviewed + Self.undoneSteps(v)
    }

    /// The checks running or waiting to, as a sentence says them: ("pytest -q is", "it") or
    /// ("2 checks are", "them"); nil when none is.
    var stillRunning: (subject: String, them: String)? {
        let lines = runs.filter { $0.isRunning || $0.isQueued }.map(\.line)
        guard let first = lines.first else { return nil }
        return lines.count == 1 ? (first + " is", "it") : ("\(lines.count) checks are", "them")
    }

    /// Said before a review is finished short of its checklist (only APPROVE must wait for it).
    static func undoneSteps(_ v: Verdict) -> String {
        v.leavesStepsUndone ? " " + v.missingSummary() + ". Every export says so." : ""
    }

    var pageSize: Int { max(1, layout.rect(focus).inner.height - 1) }

    /// Moves the focused pane's cursor.
    mutating func move(_ delta: Int) {
        switch focus {
        case .files:
            filesPane.cursor = clamp(filesPane.cursor.addingClamped(delta), filesPane.rows.count)
            followFileCursor()
        case .diff:
            diffPane.cursor = clamp(diffPane.cursor.addingClamped(delta), document.rowCount)
            if document.rowCount > 0 { showInFileList(document.row(diffPane.cursor).file) }
        case .checklist:
            checklistPane.cursor = clamp(checklistPane.cursor.addingClamped(delta), checklistRows.count)
        case .findings:
            findingsPane.cursor = clamp(findingsPane.cursor.addingClamped(delta), findingsRows.count)
        }
        keepCursorsVisible()
    }

    /// PgDn, PgUp and the half pages move the view as far as the cursor, so the cursor keeps its
    /// place on screen and the next page of text shows, as in less, vim and tig. Moved alone, the
    /// cursor first crossed the screen and the text stood still: PgDn or Ctrl-D from the top of a
    /// file seemed to do nothing.
    mutating func page(_ delta: Int) {
        func scrolled(_ scroll: Int, count: Int, height: Int) -> Int {
            min(max(0, scroll.addingClamped(delta)), max(0, count - max(1, height)))
        }
        switch focus {
        case .files: filesPane.scroll = scrolled(filesPane.scroll, count: filesPane.rows.count, height: layout.files.inner.height)
        case .diff: diffPane.scroll = scrolled(diffPane.scroll, count: document.rowCount, height: diffPageHeight)
        case .checklist:
            checklistPane.scroll = scrolled(checklistPane.scroll, count: checklistRows.count,
                                            height: layout.checklist.inner.height - checklistExplanationHeight)
        case .findings: findingsPane.scroll = scrolled(findingsPane.scroll, count: findingsRows.count, height: layout.findings.inner.height)
        }
        move(delta)
    }

    /// The diff shows the file under the file list's cursor however it got there (j, G, a
    /// click, the wheel), as `{`/`}` always did: the list said train.py while the diff and its
    /// title stayed on the file before, and `c` there wrote about a file not on screen.
    mutating func followFileCursor() {
        guard let f = fileUnderListCursor, document.rowCount > 0, document.row(diffPane.cursor).file != f else { return }
        // On a folder the list's cursor stays there (the diff would put it on the file's row).
        let row = filesPane.cursor
        jumpDiff(to: document.fileRows[f], top: true)
        filesPane.cursor = row
        keepCursorsVisible()
    }

    /// The lines the focused item's explanation takes under the checklist, its rule included.
    var checklistExplanationHeight: Int {
        let lines = ChecklistView.explanationLines(self).count
        return lines == 0 ? 0 : lines + 1
    }

    mutating func keepChecklistCursorVisible() {
        keepVisible(checklistPane.cursor, &checklistPane.scroll, height: layout.checklist.inner.height - checklistExplanationHeight,
                    count: checklistRows.count)
    }

    mutating func keepCursorsVisible() {
        keepVisible(filesPane.cursor, &filesPane.scroll, height: layout.files.inner.height, count: filesPane.rows.count)
        keepChecklistCursorVisible()
        keepVisible(findingsPane.cursor, &findingsPane.scroll, height: layout.findings.inner.height, count: findingsRows.count)
        guard diffPane.wrap else { keepVisible(diffPane.cursor, &diffPane.scroll, height: diffPageHeight); return }
        // Wrapped rows can take several screen lines: make sure the cursor's row still fits.
        if diffPane.cursor < diffPane.scroll { diffPane.scroll = diffPane.cursor }
        // Every row takes at least one line, so the cursor's row is on screen only if the
        // scroll is within a page of it: start there, not a whole diff away.
        diffPane.scroll = max(diffPane.scroll, diffPane.cursor - diffPageHeight + 1)
        while diffPane.scroll < diffPane.cursor && DiffLayout.screenLines(self, from: diffPane.scroll, through: diffPane.cursor) > diffPageHeight {
            diffPane.scroll += 1
        }
    }

    public mutating func resize(width: Int, height: Int) {
        // Only a new size needs the screen cleared: the loop also calls this when it starts,
        // over a patch's first screen drawn at the same size, which is then updated cell by
        // cell (it was cleared and drawn again whole, 10 KB and a flash as the review opened).
        if width != layout.width || height != layout.height { fullRedraw = true }
        layout = Layout(width: width, height: height, zoomed: zoomed ? focus : nil)
        keepCursorsVisible()
    }

    /// A click focuses the pane under it and puts its cursor on the row; the wheel scrolls the
    /// pane under the pointer, wherever the focus is.
    mutating func pointer(_ key: Key) {
        switch key {
        case .mouseClick(let row, let col):
            guard let pane = Pane.allCases.first(where: { layout.rect($0).contains(row: row, col: col) }) else { return }
            focus = pane
            let offset = row - layout.rect(pane).inner.row
            guard offset >= 0 else { return }
            switch pane {
            case .files:
                filesPane.cursor = clamp(filesPane.scroll + offset, filesPane.rows.count)
                followFileCursor()
            case .diff: if !diffPane.wrap { diffPane.cursor = clamp(diffPane.scroll + offset, document.rowCount) }
            case .checklist: checklistPane.cursor = clamp(checklistPane.scroll + offset, checklistRows.count)
            case .findings: findingsPane.cursor = clamp(findingsPane.scroll + offset, findingsRows.count)
            }
            keepCursorsVisible()
        case .wheel(let up, let row, let col):
            let pane = Pane.allCases.first { layout.rect($0).contains(row: row, col: col) } ?? focus
            let was = focus
            focus = pane
            move(up ? -3 : 3)
            focus = was
        default: break
        }
    }
}
