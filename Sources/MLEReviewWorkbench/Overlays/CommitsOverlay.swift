import MLEReviewCore

/// The commits of a range, as tig's main view lists them, and one commit's own change read whole:
/// a pull request of "train on the new features", "fix the test", "address review" read as one
/// diff, with no way to step through it as its author made it. Read-only; Esc goes back.
enum CommitsOverlay: Component {
    static let scope = Scope.commits

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .commits(var list) = wb.overlay else { return [] }
        let page = max(1, wb.layout.height - 8)
        if let shown = list.shown {
            if let top = ScrolledText.moved(action, from: list.shownScroll, count: shown.lines.count, screenHeight: wb.layout.height) {
                list.shownScroll = top
                wb.replace(with: .commits(list))
                return []
            }
            switch action {
            case .close:
                list.shown = nil
                wb.replace(with: .commits(list))
            case .nextCommit, .previousCommit:
                // n and N step through the commits without going back to the list.
                let next = list.cursor + (action == .nextCommit ? 1 : -1)
                guard list.commits.indices.contains(next) else {
                    wb.say(action == .nextCommit ? "the last commit of the range" : "the first commit of the range")
                    return []
                }
                list.cursor = next
                wb.replace(with: .commits(list))
                return [.showCommit(list.commits[next].sha)]
            default: break
            }
            return []
        }
        if let moved = OverlayScroll.top(after: action, from: list.cursor, page: page, most: max(0, list.commits.count - 1)) {
            list.cursor = moved
            wb.replace(with: .commits(list))
            return []
        }
        switch action {
        case .open, .nextCommit: return list.commits.isEmpty ? [] : [.showCommit(list.commits[list.cursor].sha)]
        case .close: wb.close()
        default: break
        }
        return []
    }

    /// Each line's look, worked out once when the commit is read: its message, then its diff.
    static func roles(_ lines: [String]) -> [Role] {
        var inMessage = true
        return lines.map { l in
            if l.hasPrefix("diff --git") { inMessage = false }
            return inMessage ? (l.hasPrefix("commit ") ? .paneTitleFocused : .overlay)
                : l.hasPrefix("diff --git") ? .fileHeader : ScrolledText.diffRole(l)
        }
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard case .commits(let list) = wb.overlay else { return }
        let width = ScrolledText.width(g.width)
        if let shown = list.shown {
            let n = list.cursor + 1
            ScrolledText.draw(count: shown.lines.count, line: { (shown.lines[$0], shown.roles[$0], 1) }, name: "Commit \(n) of \(list.commits.count)",
                              scope: .commits, of: wb, scroll: list.shownScroll, width: width, into: &g)
            return
        }
        let rect = Rect(row: 2, col: (g.width - width) / 2, height: min(g.height - 4, list.commits.count + 4), width: width)
        let then = list.workTree ? "; then the work tree's uncommitted edits" : ""
        let keys = wb.keymap.footerText([.commits]) { wb.isAvailable($0, in: .commits) }
        PaneFrame.box(rect, title: Fit.keepStart("Commits of \(list.range) (\(list.commits.count), oldest first\(then)) · " + keys, width - 6), into: &g)
        let inner = rect.inner
        let visible = max(1, inner.height - 2)
        let top = max(0, list.cursor - visible + 1)
        for (i, c) in list.commits.enumerated().dropFirst(top).prefix(visible) {
            let row = inner.row + 1 + i - top
            let role: Role = i == list.cursor ? .cursor : .overlay
            if i == list.cursor { g.fill(row: row, from: inner.col, to: inner.col + inner.width, role: .cursor) }
            var col = g.put(" \(c.short) ", row: row, col: inner.col, role: i == list.cursor ? .cursor : .dim)
            col = g.put("\(c.date) ", row: row, col: col, role: i == list.cursor ? .cursor : .dim)
            col = g.put(Fit.keepStart(c.author, 14) + "  ", row: row, col: col, role: role)
            g.put(c.subject, row: row, col: col, role: role, limit: inner.col + inner.width - 1)
        }
    }
}

extension Workbench {
    /// A range's commits and, once one is opened, its `git show`.
    public struct CommitList: Equatable, Sendable {
        public struct Commit: Equatable, Sendable {
            public var sha, short, date, author, subject: String
            public init(sha: String, short: String, date: String, author: String, subject: String) {
                (self.sha, self.short, self.date, self.author, self.subject) = (sha, short, date, author, subject)
            }
        }
        public struct Shown: Equatable, Sendable {
            public var sha: String
            public var lines: [String]
            var roles: [Role]
            init(sha: String, lines: [String]) { (self.sha, self.lines, self.roles) = (sha, lines, CommitsOverlay.roles(lines)) }
        }
        public var range: String
        public var commits: [Commit]
        /// The review is of the work tree: its uncommitted edits follow the commits, as no commit.
        public var workTree = false
        public var cursor = 0
        public var shown: Shown?
        public var shownScroll = 0
        public init(range: String, commits: [Commit]) { (self.range, self.commits) = (range, commits) }
    }

    /// Why `C` cannot list the commits, or nil when it can.
    var commitsUnavailable: String? {
        review.source.kind == .range && review.source.baseCommit != nil ? nil : "commits are asked of git: this review is not of a range of commits"
    }
}
