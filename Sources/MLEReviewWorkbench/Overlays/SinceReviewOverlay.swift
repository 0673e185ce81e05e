import MLEReviewCore

/// What changed in a file since the review this one was carried forward from, as GitHub's
/// "changes since your last review" shows it: the author pushed fixes after the comments, and the
/// diff against the base showed the whole change again with nothing to say which lines were new.
/// `git diff` of the two heads for that file, read-only; Esc goes back to the diff.
enum SinceReviewOverlay: Component {
    static let scope = Scope.sinceReview

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .sinceReview(var shown) = wb.overlay else { return [] }
        let count = lines(shown, width: ScrolledText.width(wb.layout.width)).count
        if let top = ScrolledText.moved(action, from: shown.scroll, count: count, screenHeight: wb.layout.height) {
            shown.scroll = top
            wb.replace(with: .sinceReview(shown))
            return []
        }
        switch action {
        case .close: wb.close()
        case .open:
            // To the first line changed since, in the diff, to be read in context or written about.
            guard let line = shown.firstChanged else { return [] }
            wb.close()
            guard let row = wb.document.reveal(Location(path: shown.path, side: .new, line: line)) else {
                wb.say("\(shown.path):\(line) is not among the lines this diff shows", error: true, path: shown.path)
                return []
            }
            wb.jumpDiff(to: row, focusDiff: true)
            wb.say("\(shown.path):\(line): the first line changed since review \(shown.reviewID)", path: shown.path)
        default: break
        }
        return []
    }

    static func lines(_ shown: Workbench.SinceReview, width: Int) -> [ScrolledText.Line] {
        var out: [ScrolledText.Line] = [("\(shown.path): \(shown.from)..\(shown.to), since review \(shown.reviewID)", .dim, 1)]
        if shown.baseMoved {
            ScrolledText.add("The base moved too (a rebase, or the target branch merged in): what it changed in this file shows here as well.",
                             .warning, indent: 1, boxWidth: width, to: &out)
        }
        out.append(("", .overlay, 1))
        for l in shown.lines { out.append((l, ScrolledText.diffRole(l), 1)) }
        return out
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard case .sinceReview(let shown) = wb.overlay else { return }
        let width = ScrolledText.width(g.width)
        let all = lines(shown, width: width)
        ScrolledText.draw(count: all.count, line: { all[$0] }, name: "Since the last review", scope: .sinceReview, of: wb,
                          scroll: shown.scroll, width: width, into: &g)
    }
}

extension Workbench {
    /// The review this one was carried forward from, and the head it was made on: what `b`
    /// compares with.
    public struct EarlierHead: Equatable, Sendable {
        public var reviewID: String
        public var head: String
        /// The merge base that review's diff was taken from.
        public var base: String?
        public init(reviewID: String, head: String, base: String? = nil) { (self.reviewID, self.head, self.base) = (reviewID, head, base) }
    }

    /// A file's changes between the two heads, as shown.
    public struct SinceReview: Equatable, Sendable {
        public var path: String
        public var reviewID: String
        public var from: String
        public var to: String
        public var lines: [String]
        /// The new-side number of the first line added since, or where the first hunk starts when
        /// it only removes: where Enter goes.
        public var firstChanged: Int?
        /// Set when the base moved too: what the target branch changed in the file shows as well.
        public var baseMoved = false
        public var scroll = 0
        public init(path: String, reviewID: String, from: String, to: String, lines: [String], firstChanged: Int?, baseMoved: Bool = false) {
            (self.path, self.reviewID, self.from, self.to, self.lines) = (path, reviewID, from, to, lines)
            (self.firstChanged, self.baseMoved) = (firstChanged, baseMoved)
        }
    }

    /// Why `b` cannot show what changed since the last review, or nil when it can.
    var sinceReviewUnavailable: String? {
        if document.rowCount == 0 { return "the diff is empty" }
        if review.source.kind != .range {
            return "what changed since the last review is asked of git: this review is not of a range of commits"
        }
        if review.source.headCommit == nil {
            return "a review of the work tree's edits has no commit to compare with its last review (commit them, and open the range)"
        }
        guard let earlier = earlierHead else { return "no earlier review of this range was carried forward into this one" }
        if earlier.head == review.source.headCommit { return "the branch has not moved since review \(earlier.reviewID)" }
        return nil
    }

    /// The file under the cursor's changes since the earlier review's head, asked of git.
    mutating func showSinceReview() -> [Effect] {
        let f = focus == .files ? fileUnderListCursor ?? document.row(diffPane.cursor).file : document.row(diffPane.cursor).file
        let file = document.files[f]
        return [.showSinceReview(path: file.newPath ?? file.path, oldPath: file.oldPath)]
    }
}
