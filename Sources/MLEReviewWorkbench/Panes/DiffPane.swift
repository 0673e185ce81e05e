import MLEReviewCore

/// The diff pane: its cursor over the document's rows, its scroll, and how it shows lines.
public struct DiffPane: Equatable, Sendable, Component {
    public var cursor = 0
    public var scroll = 0
    public var horizontalScroll = 0
    public var wrap = false
    /// Syntax colour for the languages the lexer knows (y toggles it).
    public var syntaxColour = true
    /// Old and new side by side (s toggles it; too narrow a pane shows unified and says so).
    public var sideBySide = false
    public var selectionAnchor: Int?

    static let scope = Scope.diff

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        switch action {
        case .nextHunk: wb.jumpHunk(forward: true)
        case .previousHunk: wb.jumpHunk(forward: false)
        case .nextFile: wb.jumpFile(forward: true)
        case .previousFile: wb.jumpFile(forward: false)
        case .nextUnviewed: wb.nextUnviewed()
        case .nextMarked: wb.jumpMarked(forward: true)
        case .previousMarked: wb.jumpMarked(forward: false)
        case .scrollLeft: wb.diffPane.horizontalScroll = max(0, wb.diffPane.horizontalScroll - 8)
        case .scrollRight: if !wb.diffPane.wrap { wb.diffPane.horizontalScroll += 8 }
        case .toggleWrap:
            if wb.diffPane.sideBySide && DiffLayout.sideBySideFits(wb.layout) {
                wb.say("side by side does not wrap: long lines scroll sideways (h/l)")
                return []
            }
            wb.diffPane.wrap.toggle()
            wb.diffPane.horizontalScroll = 0
            wb.say(wb.diffPane.wrap ? "wrapping long lines" : "long lines scroll sideways (h/l)")
        case .toggleSideBySide:
            wb.diffPane.sideBySide.toggle()
            if wb.diffPane.sideBySide { wb.diffPane.wrap = false }
            let zoom = wb.zoomed ? "" : "; \(wb.keymap.key(.zoom)) gives the diff the whole width"
            wb.say(!wb.diffPane.sideBySide ? "unified diff" : DiffLayout.sideBySideFits(wb.layout) ? "side by side: old left, new right"
                   : "too narrow for side by side (needs 2x\(DiffLayout.minimumSideWidth) columns of code): unified until it is wider" + zoom)
        case .toggleSyntax:
            wb.diffPane.syntaxColour.toggle()
            wb.say(wb.diffPane.syntaxColour ? "syntax colour on" : "syntax colour off")
        case .select:
            if wb.diffPane.selectionAnchor == nil {
                wb.diffPane.selectionAnchor = wb.diffPane.cursor
                wb.say("selecting lines: move, then \(wb.keymap.key(.newFinding, in: .diff)) for a finding on them, \(wb.keymap.key(.select, in: .diff)) to stop")
            } else {
                wb.diffPane.selectionAnchor = nil
            }
        case .newFinding: wb.openFindingForm()
        case .toggleFold:
            guard wb.document.rowCount > 0 else { return [] }
            let f = wb.document.row(wb.diffPane.cursor).file
            wb.document.setFolded(f, !wb.document.folded.contains(f))
            wb.diffPane.cursor = wb.document.folded.contains(f) ? wb.document.fileRows[f] : (wb.document.hunkRows[f].first.map { $0 + 1 } ?? wb.diffPane.cursor)
            wb.keepCursorsVisible()
        case .markViewed:
            return wb.toggleViewed(file: wb.document.rowCount > 0 ? wb.document.row(wb.diffPane.cursor).file : nil)
        case .takeHint:
            return wb.takeHints(wb.hintsOnCursorLine)
        case .showFinding:
            // Read where it is about: the row becomes the Findings pane's, so a, d and e act on it.
            guard let row = wb.findingsRowOnCursorLine else { return [] }
            let key = wb.findingsRows[row].key
            wb.followFindingsRow { $0.key == key }
            wb.open(.finding(row: key, scroll: 0))
        case .sinceReview: return wb.showSinceReview()
        case .openInEditor:
            // On a hunk's header, its first changed line.
            guard let l = wb.document.findingLocation(at: wb.diffPane.cursor) else { return [] }
            // A removed line is not in the work tree: the file opens near where it was.
            let file = wb.document.files[wb.document.row(wb.diffPane.cursor).file]
            return [.openInEditor(path: file.newPath ?? l.path, line: l.line)]
        case .expandContext:
            return [.expandContext(path: wb.document.files[wb.document.row(wb.diffPane.cursor).file].path)]
        case .toggleWhitespace:
            if wb.review.source.kind == .range { return [.setIgnoreWhitespace(!wb.ignoreWhitespace)] }
            wb.ignoreWhitespace.toggle()
            wb.say(wb.ignoreWhitespace ? "whitespace-only changes dimmed (a patch cannot be re-read with git diff -w)" : "whitespace shown as reviewed")
        default: break
        }
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) { DiffView.draw(wb, into: &g) }
}

extension Workbench {
    /// Rows of the diff pane's content area.
    public var diffPageHeight: Int { max(1, layout.diff.inner.height) }

    public var selectedRows: ClosedRange<Int>? {
        guard let a = diffPane.selectionAnchor else { return nil }
        return min(a, diffPane.cursor)...max(a, diffPane.cursor)
    }

    /// The Findings pane's row of the first finding or hint on the diff line under the cursor
    /// (as the list shows them: a filter may hide it).
    var findingsRowOnCursorLine: Int? {
        guard let l = document.location(at: diffPane.cursor), let line = l.line else { return nil }
        return findingsRows.firstIndex { $0.isOn(l.path, side: l.side, line: line) }
    }

    /// Live hints on the new-side line under the cursor.
    var hintsOnCursorLine: [Hint] {
        guard let l = document.location(at: diffPane.cursor), l.side == .new, let line = l.line else { return [] }
        return liveHints.filter { $0.path == l.path && $0.line == line }
    }

    mutating func jumpHunk(forward: Bool) {
        var rows: [Int] = []
        let f = document.rowCount > 0 ? document.row(diffPane.cursor).file : 0
        for file in [f - 1, f, f + 1] where file >= 0 && file < document.files.count { rows += document.hunkRows[file] }
        let target = forward ? rows.first { $0 > diffPane.cursor } ?? nextFileStart(after: f) : rows.last { $0 < diffPane.cursor }
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
        let f = document.row(diffPane.cursor).file
        let target = forward ? min(f + 1, document.files.count - 1) : (document.fileRows[f] < diffPane.cursor ? f : max(f - 1, 0))
        jumpDiff(to: document.fileRows[target], top: true)
    }

    /// The next (or previous) line carrying an open finding or a live hint, in diff order,
    /// wrapping around; folded files are opened to reach it.
    mutating func jumpMarked(forward: Bool) {
        // Each marked row with what marks it, worst first: the message says what is there
        // ("marked line 2/8" alone sent the reviewer to the findings pane to find out).
        var marks: [Int: [(rank: Int, text: String)]] = [:]
        for f in review.findings where f.status == .open || f.status == .proposed {
            if f.location.line != nil, !f.isOutdated, let r = document.reveal(f.location) {
                marks[r, default: []].append((f.severity.rank, "[\(f.severity.rawValue)] \(f.status == .proposed ? "(proposed) " : "")\(f.title)"))
            }
        }
        for h in liveHints { if let r = document.reveal(h.location) { marks[r, default: []].append((h.severity.rank, "hint \(h.rule): \(h.title)")) } }
        let rows = marks.keys.sorted()
        guard !rows.isEmpty else { say("no finding or hint on a line of this diff", error: true); return }
        let here = diffPane.cursor
        let target = forward ? rows.first { $0 > here } ?? rows[0] : rows.last { $0 < here } ?? rows[rows.count - 1]
        jumpDiff(to: target)
        let i = rows.firstIndex(of: target)! + 1
        let atTarget = marks[target, default: []].sorted { $0.rank < $1.rank }
        let more = atTarget.count > 1 ? " (+\(atTarget.count - 1) more here)" : ""
        say("marked line \(i)/\(rows.count): \(atTarget.first?.text ?? "")\(more)")
    }

    /// Moves the diff cursor to a row, scrolled to the top of the pane when `top`; a row off
    /// screen lands a third of the way down, so what follows a finding or a match shows too (kept
    /// just visible, it sat on the pane's last line with none of the code after it).
    mutating func jumpDiff(to row: Int, top: Bool = false, focusDiff: Bool = false) {
        diffPane.cursor = clamp(row, document.rowCount)
        if document.rowCount > 0 { showInFileList(document.row(diffPane.cursor).file) }
        if !top, document.rowCount > 0, diffPane.cursor < diffPane.scroll || diffPane.cursor >= diffPane.scroll + diffPageHeight {
            diffPane.scroll = max(document.fileRows[document.row(diffPane.cursor).file], diffPane.cursor - diffPageHeight / 3)
        }
        if top {
            // A row of context above, unless it is the file before's: drawing its last line lexed
            // that file's whole last hunk (3 ms for a 1,800-line one in the Keras diff, on every
            // move in the file list), to show a line of another file.
            let above = diffPane.cursor - 1
            diffPane.scroll = above >= 0 && document.row(above).file == document.row(diffPane.cursor).file ? above : max(0, diffPane.cursor)
        }
        if focusDiff { focus = .diff }
        keepCursorsVisible()
    }
}
