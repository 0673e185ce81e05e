import Foundation
import MLEReviewCore

/// All of the workbench's state. Views are functions of it; keys change it through `handle`,
/// which returns the effects (saves, exports) the driver must carry out. No terminal in here.
public struct Workbench: Sendable {
    public let document: DiffDocument
    public var review: Review
    public let checklist: Checklist
    public var reviewer: Reviewer?
    /// What is under review, for the title bar (`main...feature`, a patch file).
    public var sourceLabel: String
    /// Warnings the parser gave, shown once at start.
    public var parseWarnings: [ParseWarning]

    public var layout: Layout
    public var focus: Pane = .diff
    /// Index into `visibleFiles`, not into the diff's files.
    public var fileCursor = 0
    /// The file list's filter (a path substring, or words that must all appear).
    public var fileFilter = ""
    public var fileFilterEditor: TextEditor?
    /// Files the file list shows, in diff order.
    public var visibleFiles: [Int] = []
    public var fileScroll = 0
    public var diffCursor = 0
    public var diffScroll = 0
    public var horizontalScroll = 0
    public var wrap = false
    /// Syntax colour for the languages the lexer knows (y toggles it).
    public var syntaxColour = true
    /// Old and new side by side (s toggles it; too narrow a pane shows unified and says so).
    public var sideBySide = false
    public var selectionAnchor: Int?
    public var checklistCursor = 0
    public var checklistScroll = 0
    public var expandedSections: Set<String> = []
    public var showExplanation = false
    public var findingCursor = 0
    public var findingScroll = 0

    public var search: Search = Search()
    public var overlay: Overlay?
    public var message: Message?
    public var saveState: SaveState = .saved
    /// Changes the store refused (a full disk, say), in order: shown as not saved, retried with
    /// Ctrl-R, and kept as a draft when the reviewer quits anyway.
    public var unsaved: [Effect] = []
    public var quitRequested = false
    /// The reviewer asked for the review log (the loop hands over to the audit browser).
    public var auditRequested = false
    /// Opened from the review log to read: nothing can be changed, whatever the review's state.
    public var browsing = false
    /// A review of the same range made before the branch moved, offered as a starting point.
    public var carryOffer: CarryOffer?
    /// The other reviewers with this review open, and where they are.
    public var others: [Presence] = []
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
    /// What the ML hint scanner found in the diff (filled in once the first screen is up).
    public var hints: [Hint] = []
    /// Keys of hints dismissed in this review.
    public var dismissedHints: Set<String> = []
    /// The review areas the change touches (nil until known, or when it cannot be told: all count).
    public var touchedSections: Set<String>?
    /// Set when this finished review's rows no longer match its record: the review shown is
    /// the recorded one, and the title bar and status line say so.
    public var tampered: String?
    /// The checks runner's list, filled in by the driver when T is pressed.
    public var checksPanel: ChecksPanel?
    /// Checks started in this session: running, queued, recorded.
    public var runs: [LiveRun] = []
    /// Where exports go by default (the store's `exports` folder); nil: the current folder.
    public var exportFolder: String?
    /// Set when the change under review edits the team checklist (reviewed against the base).
    public var checklistNote: String?
    /// Ask the backend to repaint everything (Ctrl-L, resize).
    public var fullRedraw = false

    public struct Search: Equatable, Sendable {
        public var query = ""
        /// Non-nil while the query is being typed.
        public var editor: TextEditor?
    }

    public enum Overlay: Equatable, Sendable {
        case help(scroll: Int)
        case form(Form)
        case verdict
        case carryForward
        case conflict
        /// An irreversible step, asked first: y does it, anything else goes back.
        indirect case confirm(Confirmation)
        /// The checks runner (T).
        case checks
        /// A run's output; `scroll` is the first line shown (Int.max: follow the end).
        case runOutput(run: Int, scroll: Int)
    }

    /// A question before an irreversible step (finishing, exporting, deleting).
    public struct Confirmation: Equatable, Sendable {
        /// `Finish with BLOCK?`: answered with y or n.
        public var question: String
        /// One more line of what happens.
        public var detail: String
        public var effects: [Effect]
        /// Where to go back to on n (the verdict view, say).
        public var back: Overlay?
        /// Said once the step is taken.
        public var done: String?
        /// The workbench ends once the effects are carried out.
        public var quits: Bool
        public init(question: String, detail: String, effects: [Effect], back: Overlay? = nil, done: String? = nil, quits: Bool = false) {
            self.question = question
            self.detail = detail
            self.effects = effects
            self.back = back
            self.done = done
            self.quits = quits
        }
        public static func == (a: Confirmation, b: Confirmation) -> Bool {
            a.question == b.question && a.detail == b.detail && a.effects == b.effects && a.back == b.back && a.done == b.done && a.quits == b.quits
        }
    }

    /// Whether a finding's place is in this diff (a whole-file finding: its file is).
    func isInDiff(_ l: Location) -> Bool {
        if l.line == nil { return document.files.contains { $0.path == l.path || $0.oldPath == l.path } }
        return document.row(for: l) != nil
    }

    /// True while a form is open: Ctrl-C then asks, like Esc, instead of leaving.
    public var formOpen: Bool { if case .form = overlay { return true }; return false }

    /// Proposed findings, waiting for a human to accept or dismiss them.
    public var proposedCount: Int { review.findings.filter { $0.status == .proposed }.count }

    /// True when the verdict is what would be exported: nothing required is undecided and no
    /// proposal waits. Until then the decision is shown as in progress, in a neutral colour.
    /// (The verdict is passed in: it is computed once per frame.)
    public func verdictIsFinal(_ v: Verdict) -> Bool { review.isFinished || (v.isComplete && proposedCount == 0) }

    /// `IN REVIEW · 49 to decide · 3 proposed`, or the decision once it is final.
    public func decisionLabel(_ v: Verdict) -> String {
        if let f = review.finish { return "FINISHED " + f.decision.rawValue }
        guard !verdictIsFinal(v) else { return v.decision.rawValue + (v.override != nil ? " (override)" : "") }
        var parts = ["IN REVIEW"]
        if !v.missing.isEmpty { parts.append("\(v.missing.count) to decide") }
        if proposedCount > 0 { parts.append("\(proposedCount) proposed") }
        if v.decision != .approve { parts.append("\(v.decision.rawValue) so far") }
        return parts.joined(separator: " · ")
    }

    public struct FindingConflict: Equatable, Sendable {
        public var mine: Finding
        public var theirs: Finding
        public init(mine: Finding, theirs: Finding) {
            self.mine = mine
            self.theirs = theirs
        }
    }

    public struct CarryOffer: Equatable, Sendable {
        public var reviewID: String
        /// "finished BLOCK on 2026-11-20, 3 findings, 12 ticks"
        public var summary: String
        public init(reviewID: String, summary: String) {
            self.reviewID = reviewID
            self.summary = summary
        }
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
        self.visibleFiles = Array(document.files.indices)
        if let first = checklist.sections.first { expandedSections.insert(first.id) }
        // Start on the first changed line rather than a header.
        if document.rowCount > 2, case .hunk = document.row(1) { diffCursor = 2 } else if document.rowCount > 2, case .hunk = document.row(2) { diffCursor = 3 }
        if !parseWarnings.isEmpty {
            message = Message(text: "the diff has \(parseWarnings.count) warning(s): first at line \(parseWarnings[0].line): \(parseWarnings[0].message)", isError: true)
        }
    }

    // MARK: derived

    /// One row of the findings pane: a finding, or a hint still waiting for a decision.
    public enum FindingsRow: Equatable, Sendable {
        case finding(Finding)
        case hint(Hint)
        /// A recorded test run, at the end: Enter shows its output.
        case testRun(TestRun)
    }

    /// Hints not waived, not dismissed, and not already turned into a finding.
    public var liveHints: [Hint] {
        let taken = Set(review.findings.compactMap { f -> String? in
            if case .hint(let rule) = f.origin { return "\(rule) \(f.location.path):\(f.location.line ?? 0)" }
            return nil
        })
        return hints.filter { $0.waiver == nil && !dismissedHints.contains($0.key) && !taken.contains($0.key) }
    }

    /// Findings (open and proposed first), then live hints, then dismissed and resolved findings.
    public var findingsRows: [FindingsRow] {
        let findings = sortedFindings
        let live = findings.filter { $0.status == .open || $0.status == .proposed }
        let done = findings.filter { $0.status != .open && $0.status != .proposed }
        let waived = hints.filter { $0.waiver != nil }
        return live.map(FindingsRow.finding) + liveHints.map(FindingsRow.hint) + waived.map(FindingsRow.hint) + done.map(FindingsRow.finding)
            + review.testsRun.reversed().map(FindingsRow.testRun)
    }

    /// New-side `line:path` keys of live hints, for the gutter.
    public var hintMarks: Set<String> { Set(liveHints.map { Self.lineKey($0.path, .new, $0.line) }) }

    public var verdict: Verdict { VerdictRules.evaluate(review, checklist: checklist, touchedSections: touchedSections) }

    /// Sets the touched areas and shows them first, expanded.
    public mutating func setTouched(_ sections: Set<String>?) {
        touchedSections = sections
        guard let sections else { return }
        for s in checklist.sections where sections.contains(s.id) && s.kind == .area { expandedSections.insert(s.id) }
        checklistCursor = 0
        checklistScroll = 0
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

    /// Open and proposed findings first by severity; dismissed and resolved at the end.
    public var sortedFindings: [Finding] {
        let live = review.findings.filter { $0.status == .open || $0.status == .proposed }.sorted(by: Finding.reportOrder)
        let done = review.findings.filter { $0.status == .resolved || $0.status == .dismissed }.sorted(by: Finding.reportOrder)
        return live + done
    }

    /// Worst open or proposed finding on each `side:path:line` and per path, for gutter and file markers.
    public var findingMarks: (lines: [String: Severity], files: [String: Severity]) {
        var lines: [String: Severity] = [:], files: [String: Severity] = [:]
        for f in review.findings where f.status == .open || f.status == .proposed {
            files[f.location.path] = min(files[f.location.path] ?? .low, f.severity)
            guard let start = f.location.line else { continue }
            for l in start...(f.location.endLine ?? start) {
                let key = Self.lineKey(f.location.path, f.location.side, l)
                lines[key] = min(lines[key] ?? .low, f.severity)
            }
        }
        return (lines, files)
    }

    static func lineKey(_ path: String, _ side: Location.Side, _ line: Int) -> String { "\(side.rawValue):\(line):\(path)" }

    /// Hashes a file's diff only when it has a viewed mark to compare with (and then once).
    public func isViewed(file f: Int) -> Bool {
        guard let mark = review.viewedFiles[document.files[f].path] else { return false }
        return mark == document.hash(ofFile: f)
    }

    /// How many files are viewed, without touching files that have no mark.
    public var viewedCount: Int {
        guard !review.viewedFiles.isEmpty else { return 0 }
        var pathIndex: [String: Int] = [:]
        for (i, f) in document.files.enumerated() where review.viewedFiles[f.path] != nil { pathIndex[f.path] = i }
        return pathIndex.values.filter { isViewed(file: $0) }.count
    }

    /// Rows of the diff pane's content area.
    public var diffPageHeight: Int { max(1, layout.diff.inner.height) }

    public var selectedRows: ClosedRange<Int>? {
        guard let a = selectionAnchor else { return nil }
        return min(a, diffCursor)...max(a, diffCursor)
    }

    /// The diff's file under the file list's cursor.
    public var selectedFile: Int? { fileCursor < visibleFiles.count ? visibleFiles[fileCursor] : nil }

    /// Moves the file list's cursor to a file of the diff, if the filter shows it.
    mutating func showInFileList(_ file: Int) {
        if let i = visibleFiles.firstIndex(of: file) { fileCursor = i }
    }

    mutating func applyFileFilter(_ text: String) {
        fileFilter = text
        let words = text.lowercased().split(separator: " ").map { Array($0.utf8) }
        let current = selectedFile
        let paths = document.lowercasedPaths
        visibleFiles = words.isEmpty ? Array(document.files.indices) : document.files.indices.filter { i in
            words.allSatisfy { Bytes.contains(paths[i], $0) }
        }
        fileCursor = current.flatMap { visibleFiles.firstIndex(of: $0) } ?? 0
        fileScroll = 0
        keepCursorsVisible()
    }

    mutating func say(_ text: String, error: Bool = false) { message = Message(text: text, isError: error) }
}
