import Foundation
import MLEReviewCore

/// All of the workbench's state. Views are functions of it; keys change it through `handle`,
/// which returns the effects (saves, exports) the driver must carry out. No terminal in here.
public struct Workbench: Sendable {
    public var document: DiffDocument
    public var review: Review
    public let checklist: Checklist
    public var reviewer: Reviewer?
    /// What is under review, for the title bar (`main...feature`, a patch file).
    public var sourceLabel: String
    /// Warnings the parser gave, shown once at start.
    public var parseWarnings: [ParseWarning]

    /// The bindings in force (the shipped ones, changed by the user's and the team's config).
    public var keymap: Keymap = .standard
    public var layout: Layout
    public var focus: Pane = .diff
    /// The focused pane has the whole body of the screen (z).
    public var zoomed = false
    public var filesPane = FilesPane()
    public var diffPane = DiffPane()
    public var checklistPane = ChecklistPane()
    public var findingsPane = FindingsPane()
    /// The line at the bottom being typed: a search or the file filter.
    public var prompt: Prompt?
    public var search = Search()
    /// Overlays over the panes, the top one has the keys. Opened and closed only through
    /// `open(_:)`, `close()` and `replace(with:)`.
    public private(set) var overlays: [Overlay] = []
    public var message: Message?
    /// The latest messages, whole: the help shows them (a long one is cut in the status line).
    public var messageLog: [Message] = []
    public var saveState: SaveState = .saved
    /// Changes the store refused (a full disk, say), in order: shown as not saved, retried with
    /// Ctrl-R, and kept as a draft when the reviewer quits anyway.
    public var unsaved: [Effect] = []
    /// Opened from the review log to read: nothing can be changed, whatever the review's state.
    public var browsing = false
    /// The review this one was carried forward from and its head, when both are ranges of commits.
    public var earlierHead: EarlierHead?
    /// A review of the same range made before the branch moved, offered as a starting point.
    public var carryOffer: CarryOffer?
    /// The other reviewers with this review open, and where they are.
    public var others: [Presence] = []
    /// Those of `others` with a finding form open (their draft is in the store), by name.
    public var othersWriting: [String] = []
    /// The session whose cursor this view follows.
    public var following: String?
    /// When the open edit form's finding was last saved: its base for conflict detection.
    public var editBase: Date?
    /// Two saves of one finding crossed: both texts, for the reviewer to choose.
    public var conflict: FindingConflict?
    /// Who set the focused checklist item, and when, newest last (shown with its explanation).
    public var itemHistory: [Activity] = []
    /// A finding the reviewer was typing when the workbench last stopped, kept in the store.
    public var pendingDraft: String?
    /// Edits of findings kept from a session that stopped before they were saved, by finding id.
    public var editDrafts: [String: String] = [:]
    /// The other forms' kept text, by draft key (`formDraftKey`).
    public var formDrafts: [String: String] = [:]
    /// What the ML hint scanner found in the diff (filled in once the first screen is up).
    public var hints: [Hint] = []
    /// Keys of hints dismissed in this review.
    public var dismissedHints: Set<String> = []
    /// Why, for the dismissed hints whose reviewer said.
    public var hintDismissalReasons: [String: DismissalReason] = [:]
    /// The review areas the change touches (nil until known, or when it cannot be told: all count).
    public var touchedSections: Set<String>?
    /// True while the areas the change touches are being worked out (with its hints): until
    /// then every area counts, and a count of required steps would only fall when they arrive.
    public var areasPending = false
    /// Set when this finished review's rows no longer match its record: the review shown is
    /// the recorded one, and the title bar and status line say so.
    public var tampered: String?
    /// The checks runner's list, filled in by the driver when T is pressed.
    public var checksPanel: ChecksPanel?
    /// Words the help is narrowed to (`/` in help), and whether they are being typed.
    public var helpFilter: HelpFilter?
    /// Checks started in this session: running, queued, recorded.
    public var runs: [LiveRun] = []
    /// Where exports go by default (the store's `exports` folder); nil: the current folder.
    public var exportFolder: String?
    /// Whether a file is already at an export's path (as typed: the session resolves it). The
    /// state does no IO of its own: the session gives the real check; nothing exists by default.
    public var pathExists: @Sendable (String) -> Bool = { _ in false }
    /// Set when the change under review edits the team checklist (reviewed against the base).
    public var checklistNote: String?
    /// Ask the backend to repaint everything (Ctrl-L, resize).
    public var fullRedraw = false
    /// Lines `+` shows above and below a hunk (the config's view.context-lines).
    public var contextStep = 10
    /// Whether whitespace-only changes are dimmed (a patch review's W; a range re-reads git).
    public var ignoreWhitespace = false
    /// Set while the screen shows the first bytes of a diff still being read (see `preview`).
    public var loading: String?
    /// Set while only the diff's first bytes are parsed: its file count is not known yet.
    public var diffIsPartial = false
    /// Set by the terminal loop: a search typed faster than frames are drawn (a paste, a fast
    /// typist) runs once before the next frame, not at every key (`settleTypedSearch`).
    public var coalesceTypedSearch = false
    var typedSearchPending = false
    /// Set by the terminal loop: a large diff's search matches are counted beside the key loop
    /// (`countRequest`), the cursor going to the first match at once.
    public var countsInBackground = false
    /// A query whose matches the session is to count beside the key loop (`searchCounted`).
    public var countRequest: String?
    /// From this size a search's matches are counted beside the key loop (a pass over the
    /// Keras diff for a one- or two-letter query took 27-51 ms: over a frame).
    public static let backgroundCountBytes = 4 << 20
    /// The action the last key ran, or why it could not: for tests of the bindings.
    public internal(set) var lastAction: Action?

    public struct Search: Equatable, Sendable {
        public var query = ""
        /// Earlier queries, oldest first (↑ in the prompt recalls them).
        public var history: [String] = []
        /// Byte offsets of every match in the diff, found once per query.
        public var matches: [Int] = []
        /// Which match the cursor went to last (0-based): the status line shows `3/17`.
        public var current: Int?
        /// The matches are being counted beside the key loop; `matches` is empty until they are.
        public var counting = false
    }

    /// A line being typed at the bottom of the screen.
    public struct Prompt: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case search, fileFilter, goTo }
        public var kind: Kind
        public var editor: TextEditor
        /// Where ↑/↓ are in the search history (nil: the line being typed).
        public var historyIndex: Int?
        /// For a search, where it started: the search moves as it is typed and Esc goes back here.
        public var origin: SearchOrigin?
        public init(_ kind: Kind, _ text: String = "") {
            self.kind = kind
            self.editor = TextEditor(text)
        }
    }

    public struct SearchOrigin: Equatable, Sendable {
        public var cursor: Int
        public var scroll: Int
        public var focus: Pane
        public var search: Search
    }

    public enum Overlay: Equatable, Sendable {
        case help(scroll: Int)
        case form(Form)
        case verdict(scroll: Int)
        case carryForward
        case conflict
        /// An irreversible step, asked first: y does it, anything else goes back.
        indirect case confirm(Confirmation)
        /// Why a proposed finding or a hint is dismissed (a lead's precision figures need it).
        case dismissal(Dismissal)
        /// The checks runner (T).
        case checks
        /// A run's output; `scroll` is the first line shown (Int.max: follow the end).
        case runOutput(run: Int, scroll: Int)
        /// A row of the Findings pane (by `FindingsRow.key`), read whole.
        case finding(row: String, scroll: Int)
        /// A file's changes since the review this one was carried forward from (`b`).
        case sinceReview(SinceReview)
        /// The range's commits, one of them read whole (`C`).
        case commits(CommitList)
    }

    /// What is being dismissed: a finding (by id) or a hint, named as the question shows it.
    public enum Dismissal: Equatable, Sendable {
        case finding(id: String, title: String)
        case hint(Hint)
        /// A range selection's proposals and hints, dismissed with one reason.
        case many(findings: [String], hints: [Hint])
    }

    /// A question before an irreversible step (finishing, exporting, deleting).
    public struct Confirmation: Equatable, Sendable {
        /// `Finish with BLOCK?`: answered with y or n.
        public var question: String
        /// One more line of what happens.
        public var detail: String
        public var effects: [Effect]
        /// Said once the step is taken.
        public var done: String?
        /// What else yes does to the screen.
        public var then: Then
        public enum Then: Equatable, Sendable {
            case nothing
            /// Close the form under the question too (its typing is discarded).
            case discardForm
            /// Set every undecided item of a checklist section.
            case setSection(Int, ItemState)
            /// Resolve this finding (it may have changed meanwhile: looked up by id).
            case resolveFinding(String)
        }
        public init(question: String, detail: String, effects: [Effect], done: String? = nil, then: Then = .nothing) {
            self.question = question
            self.detail = detail
            self.effects = effects
            self.done = done
            self.then = then
        }
    }

    /// Whether a finding's place is in this diff (a whole-file finding: its file is).
    func isInDiff(_ l: Location) -> Bool {
        if l.line == nil { return document.files.contains { $0.path == l.path || $0.oldPath == l.path } }
        return document.contains(l)
    }

    /// True while a form is open: Ctrl-C then asks, like Esc, instead of leaving.
    public var formOpen: Bool { overlays.contains { if case .form = $0 { return true }; return false } }

    /// The overlay that has the keys.
    public var overlay: Overlay? { overlays.last }

    /// Opens an overlay over what is there; closing it comes back.
    public mutating func open(_ o: Overlay) {
        // A form opens with what was typed in it when the workbench last stopped.
        if case .form(let form) = o { overlays.append(.form(withKeptDraft(form))); return }
        overlays.append(o)
    }

    /// Closes the top overlay.
    public mutating func close() { if !overlays.isEmpty { overlays.removeLast() } }

    /// Changes the top overlay in place (its scroll, a form being typed in), or opens it.
    public mutating func replace(with o: Overlay) {
        if overlays.isEmpty { overlays.append(o) } else { overlays[overlays.count - 1] = o }
    }

    /// Closes every overlay (a review finished under them, say).
    public mutating func closeAll() { overlays.removeAll() }

    /// Proposed findings, waiting for a human to accept or dismiss them.
    public var proposedCount: Int { review.findings.filter { $0.status == .proposed }.count }

    /// True when the verdict is what would be exported: nothing required is undecided and no
    /// proposal waits. Until then the decision is shown as in progress, in a neutral colour.
    /// (The verdict is passed in: it is computed once per frame.)
    public func verdictIsFinal(_ v: Verdict) -> Bool { review.isFinished || (v.isComplete && proposedCount == 0) }

    /// `IN REVIEW · 49 required left · 3 proposed` (steps APPROVE waits for: the checklist counts all items), or the decision once it is final.
    public func decisionLabel(_ v: Verdict) -> String {
        if let f = review.finish { return "FINISHED " + f.decision.rawValue }
        guard !verdictIsFinal(v) else { return v.decision.rawValue + (v.override != nil ? " (override)" : "") }
        var parts = ["IN REVIEW"]
        if !v.missing.isEmpty { parts.append(areasPending ? "counting required steps…" : "\(v.missing.count) required left") }
        if proposedCount > 0 { parts.append("\(proposedCount) proposed") }
        if v.decision != .approve { parts.append("\(v.decision.rawValue) so far") }
        return parts.joined(separator: " · ")
    }

    /// Finished reviews are frozen; reviews opened from the log are only read.
    public var isReadOnly: Bool { review.isFinished || browsing }

    /// Why nothing can be changed, and what to do instead.
    public var readOnlyReason: String {
        if browsing { return "read-only: opened from the review log (q goes back)" }
        let f = review.finish
        return "read-only: finished\(f.map { " (\($0.decision.rawValue), \(Timestamp.format($0.finishedAt).prefix(10)))" } ?? ""); R starts a new revision"
    }

    public struct Message: Equatable, Sendable {
        public var text: String
        public var isError: Bool
        /// A path within the text that the status line may shorten from its start when the line
        /// is short of room: what follows a long path is usually what the message says.
        public var path: String? = nil
    }

    public enum SaveState: Equatable, Sendable {
        case saved
        case failed(String)
    }

    public init(document: DiffDocument, review: Review, checklist: Checklist, reviewer: Reviewer?, sourceLabel: String,
                width: Int, height: Int) {
        self.document = document
        self.review = review
        self.checklist = checklist
        self.reviewer = reviewer
        self.sourceLabel = sourceLabel
        self.parseWarnings = document.diff.warnings
        self.layout = Layout(width: width, height: height)
        self.filesPane.visible = Array(document.files.indices)
        self.filesPane.rows = document.files.indices.map { .file($0, depth: 0) }
        if let first = checklist.sections.first { checklistPane.expanded.insert(first.id) }
        // Start on the first changed line rather than a header.
        if document.rowCount > 2, case .hunk = document.row(1) { diffPane.cursor = 2 } else if document.rowCount > 2, case .hunk = document.row(2) { diffPane.cursor = 3 }
        if let text = parseWarningsText { say(text, error: true) }
    }

    /// The first warning, for the status line, and the key that lists them all.
    var parseWarningsText: String? {
        guard !parseWarnings.isEmpty else { return nil }
        // Notebook warnings have no line of the diff to point at.
        let at = parseWarnings[0].line > 0 ? " at line \(parseWarnings[0].line)" : ""
        let all = parseWarnings.count > 1 ? " (\(keymap.key(.help)) lists them)" : ""
        return "the diff has \(plural(parseWarnings.count, "warning"))\(all): first\(at): \(parseWarnings[0].message)"
    }

    // MARK: derived

    /// New-side `line:path` keys of live hints, for the gutter.
    public var hintMarks: Set<String> { Set(liveHints.map { Self.lineKey($0.path, .new, $0.line) }) }

    public var verdict: Verdict { VerdictRules.evaluate(review, checklist: checklist, touchedSections: touchedSections, unjudgedHints: liveHints) }

    /// Sets the touched areas and shows them first, expanded.
    public mutating func setTouched(_ sections: Set<String>?) {
        touchedSections = sections
        guard let sections else { return }
        for s in checklist.sections where sections.contains(s.id) && s.kind == .area { checklistPane.expanded.insert(s.id) }
        checklistPane.cursor = 0
        checklistPane.scroll = 0
    }

    /// Sections in the order the checklist pane shows them: guides, touched areas, blockers, the rest.
    public var sectionOrder: [Int] {
        let all = Array(checklist.sections.indices)
        guard let touched = touchedSections else { return all }
        func rank(_ i: Int) -> Int {
            let s = checklist.sections[i]
            if s.kind == .guide { return 0 }
            if touched.contains(s.id) { return 1 }
            if s.kind == .blockers { return 2 }
            return 3
        }
        return all.sorted { (rank($0), $0) < (rank($1), $1) }
    }

    /// Worst open or proposed finding on each `side:path:line` and per path, for gutter and file
    /// markers. An outdated finding marks its file only: its line number is from an earlier
    /// revision, and on this one it is other code.
    public var findingMarks: (lines: [String: Severity], files: [String: Severity]) {
        var lines: [String: Severity] = [:], files: [String: Severity] = [:]
        for f in review.findings where f.status == .open || f.status == .proposed {
            files[f.location.path] = min(files[f.location.path] ?? .low, f.severity)
            guard let start = f.location.line, !f.isOutdated else { continue }
            for l in start...(f.location.endLine ?? start) {
                let key = Self.lineKey(f.location.path, f.location.side, l)
                lines[key] = min(lines[key] ?? .low, f.severity)
            }
        }
        return (lines, files)
    }

    static func lineKey(_ path: String, _ side: Location.Side, _ line: Int) -> String { "\(side.rawValue):\(line):\(path)" }

    /// The files whose viewed mark holds (their diff unchanged), found from the marks rather
    /// than the files (the Keras diff has 2,652) and kept while the marks are unchanged: the one
    /// answer the title, the file list, the diff's headers and the jumps all read.
    public var viewedFileSet: Set<Int> { document.viewedFiles(review.viewedFiles) }

    public func isViewed(file f: Int) -> Bool { viewedFileSet.contains(f) }

    /// A file marked viewed whose diff has changed since (a new commit, a carried-forward review):
    /// not viewed any more, but not new to the reviewer either, as GitHub's "changed since last
    /// viewed" says.
    public func changedSinceViewed(file f: Int) -> Bool {
        review.viewedFiles[document.files[f].path] != nil && !isViewed(file: f)
    }

    public var viewedCount: Int { viewedFileSet.count }

    public mutating func say(_ text: String, error: Bool = false, path: String? = nil) {
        message = Message(text: text, isError: error, path: path)
        messageLog.append(message!)
        messagesSaid += 1
        if messageLog.count > 30 { messageLog.removeFirst() }
    }

    /// How many messages were ever said: a mark that the 30-message history's trimming leaves valid.
    public private(set) var messagesSaid = 0

    /// Takes back what was said since `mark` other than errors: a key says "saved [HIGH] …" as
    /// it hands the write over, and when the store then refuses it neither the status line nor
    /// the message history may still claim it.
    public mutating func retractMessages(since mark: Int) {
        let n = min(messagesSaid - mark, messageLog.count)
        guard n > 0 else { return }
        let kept = messageLog.suffix(n).filter(\.isError)
        messageLog.removeLast(n)
        messageLog += kept
        if message?.isError == false { message = nil }
    }
}
