import Foundation
import CLibc
import MLEReviewCore

/// The application layer of one reviewer's session, with no terminal in it: opening, joining or
/// reading a review, carrying one forward, exporting and finishing, polling for a pair's
/// changes, and carrying out the workbench's effects against the store (each durable before the
/// next key is read; failures reported in the status line, never lost silently). The terminal
/// loop only draws, reads keys, hands them here and stops when `exit` is set.
public final class ReviewSession {
    public var workbench: Workbench
    public let store: ReviewStore
    /// Where exports without a folder are written.
    public let directory: String

    public init(workbench: Workbench, store: ReviewStore, directory: String) {
        self.workbench = workbench
        self.store = store
        self.directory = directory
        let folder = (store.path as NSString).deletingLastPathComponent
        self.workbench.exportFolder = folder.isEmpty ? nil : folder + "/exports"
        self.workbench.pathExists = { path in FileManager.default.fileExists(atPath: path.hasPrefix("/") ? path : directory + "/" + path) }
        // Until the scan says which areas the change touches and which hints wait, a count of
        // required steps is a guess (the first frame said 50 left, then 58).
        self.workbench.areasPending = true
    }

    /// Opens (or resumes) the review of a diff and builds the workbench on it.
    public static func open(input: ReviewInput, store: ReviewStore, checklist: Checklist, reviewer: Reviewer?,
                            width: Int, height: Int, directory: String) throws(InputError) -> ReviewSession {
        let (id, created) = try store.openReview(input, checklist: checklist, reviewer: reviewer, deferDiff: true)
        let checked = try store.loadChecked(id)
        let review = checked.review
        let usedChecklist = created ? checklist : try store.checklist(for: review.checklist)
        let (document, scanned) = shown(input.bytes, source: input.source, directory: directory)
        var wb = Workbench(document: document, review: review, checklist: usedChecklist, reviewer: reviewer,
                           sourceLabel: input.source.label, width: width, height: height)
        wb.foldViewedFiles()
        (wb.pendingDraft, wb.editDrafts, wb.formDrafts) = try ownDrafts(id, review: review, reviewer: reviewer, store: store)
        let back = created ? nil : try returnToPosition(&wb, id: id, store: store)
        wb.earlierHead = earlierHead(of: review, in: store)
        wb.tampered = checked.tampered
        wb.checklistNote = ChecklistLoader.changeNote(touchedPaths: scanned.touchedPaths, source: review.source)
        if let t = checked.tampered { wb.say(t, error: true) }
        if wb.message == nil {
            if let note = wb.checklistNote { wb.say(note, error: true) }
            else if let caveat = input.caveat { wb.say(caveat, error: true) }
            else if input.source.kind == .patch, let note = scanned.seriesNote(name: input.source.label) { wb.say(note, error: true) }
            else if review.isFinished { wb.say(wb.readOnlyReason) }
            else if let kept = wb.keptDraftsNote { wb.say(kept) }
            else if !created {
                wb.say("resumed review \(id) (last changed \(HumanTime.short(review.updatedAt)))"
                       + (back.map { "; back at \($0.shown), where you left it" } ?? ""), path: back?.path)
            }
        }
        var emptyPrevious: (review: Review, change: String)?
        let piped = input.source.isPiped
        if created, let previous = try earlierReview(of: input.source, touching: scanned.touchedPaths, excluding: id, in: store) {
            let p = try store.load(previous)
            let change = piped ? "an earlier piped diff touched the same files" : Workbench.CarryOffer.change(from: p.source, to: input.source)
            // Opened and left as it was: nothing to carry, so no question; the new review is
            // simply its next revision. A piped diff's earlier review is only a likely one: it
            // is offered when it holds something, never linked unasked.
            if p.findings.isEmpty && p.items.isEmpty && p.viewedFiles.isEmpty, try store.hintDismissals(previous).isEmpty {
                if !piped { emptyPrevious = (p, change) }
            } else {
                // Piped diffs have no name: when the likely one was last worked on tells them apart.
                let state = p.finish.map { "finished \($0.decision.rawValue) on \(Timestamp.format($0.finishedAt).prefix(10))" }
                    ?? (piped ? "open, last changed \(HumanTime.short(p.updatedAt))" : "open")
                // Every finding is carried (resolved and dismissed ones too): the offer counts them all.
                let live = p.findings.filter { $0.status == .open || $0.status == .proposed }.count
                // A patch has no head commit: its diff's hash tells which version of the file it was.
                let of = p.source.kind == .patch ? "diff \(p.source.diffSHA256.prefix(7))" : "head \(p.source.headCommit.map { String($0.prefix(7)) } ?? "?")"
                wb.carryOffer = .init(reviewID: previous, summary: "\(state), \(of), "
                                      + "\(plural(p.findings.count, "finding")) (\(live) open), \(plural(p.items.values.filter { $0.state.isDecided }.count, "tick"))",
                                      change: change, runsStaying: Workbench.CarryOffer.runsStaying(p))
                wb.open(.carryForward)
            }
        }
        let driver = ReviewSession(workbench: wb, store: store, directory: directory)
        if let emptyPrevious {
            try store.carryForward(into: id, from: emptyPrevious.review, findings: [])
            driver.workbench.review = try store.load(id)
            let runs = Workbench.CarryOffer.runsStaying(emptyPrevious.review, short: true).map { "; \($0)" } ?? ""
            driver.workbench.say("\(emptyPrevious.change) since review \(emptyPrevious.review.id), which had nothing to carry forward: this is its next revision\(runs)")
        }
        driver.scanned = scanned
        // A review whose process ended before its diff was stored gets it now.
        // (A diff another review already stored is not compressed again.)
        if try !store.hasDiff(sha256: input.source.diffSHA256) { driver.unsavedDiff = input.bytes }
        return driver
    }

    /// The review this one was carried forward from (or reopened as), with the head it was made
    /// on, when both are reviews of ranges of commits: what `b` compares with.
    static func earlierHead(of review: Review, in store: ReviewStore) -> Workbench.EarlierHead? {
        // An earlier review that cannot be read costs `b` its answer (it says so), never the
        // opening of this one.
        guard review.source.kind == .range, let previous = review.revisionOf, let p = try? store.load(previous),
              p.source.kind == .range, let head = p.source.headCommit else { return nil }
        return .init(reviewID: previous, head: head, base: p.source.baseCommit)
    }

    /// The key of where this reviewer's diff cursor was when they last left the review.
    static func positionKey(_ reviewer: Reviewer?) -> String { "position" + Workbench.draftOwner(reviewer) }

    /// A review opened again goes back to the line its reviewer left it on, as an editor reopens
    /// a file where it was left: on a 60-file pull request the next day it opened at the first
    /// file. The place is kept with the drafts (losing it loses no work). Nil when there is none,
    /// or its line is no longer in the diff.
    static func returnToPosition(_ wb: inout Workbench, id: String, store: ReviewStore) throws(InputError) -> Location? {
        guard let text = try store.draft(id, key: positionKey(wb.reviewer)), let place = Location.parse(text),
              let row = wb.document.reveal(place), row > 0 else { return nil }
        wb.jumpDiff(to: row)
        return place
    }

    /// Keeps where the diff's cursor is, for the next time this reviewer opens the review.
    func rememberPosition() {
        // A review read from the log is only read: nothing of the visit is written.
        guard !workbench.browsing, workbench.document.rowCount > 0, let here = workbench.document.location(at: workbench.diffPane.cursor) else { return }
        try? store.saveDraft(workbench.review.id, key: Self.positionKey(workbench.reviewer), body: here.shown)
    }

    /// The reviewer's own drafts, read at once: the new finding being typed (one from before
    /// drafts were kept per reviewer is theirs only when they are the review's one reviewer),
    /// and the edits of findings, by finding id.
    static func ownDrafts(_ id: String, review: Review, reviewer: Reviewer?, store: ReviewStore) throws(InputError)
        -> (new: String?, edits: [String: String], forms: [String: String]) {
        // "f": the finding drafts (`finding-editor`, `finding-edit:`) and the other forms' (`form-`), in one read.
        let all = try store.drafts(id, keyPrefix: "f")
        var edits: [String: String] = [:]
        for (key, body) in all {
            if let finding = Workbench.editedFinding(inKey: key, reviewer: reviewer) { edits[finding] = body }
        }
        let new = all[Workbench.draftKey(for: reviewer)] ?? (review.reviewers.count <= 1 ? all[Workbench.draftKey(for: nil)] : nil)
        // The other forms' are looked up by their whole key, which names the reviewer.
        return (new, edits, all.filter { $0.key.hasPrefix(Workbench.formDraftPrefix) })
    }

    /// What the diff view shows (notebooks as cells, read from git when it can) and the diff as
    /// parsed (what hints scan: their rules read a notebook's JSON lines).
    static func shown(_ bytes: [UInt8], source: ReviewSource, directory: String) -> (DiffDocument, ParsedDiff) {
        let parsed = DiffParser.parse(bytes)
        let git = GitRepository(directory: directory)
        let range = source.kind == .range
        let view = NotebookRewrite.rewrite(parsed, old: { path in range ? source.baseCommit.flatMap { git.newFile(path, at: $0) } : nil },
                                           new: { path in range ? git.newFile(path, at: source.headCommit) : nil })
        return (DiffDocument(view), parsed)
    }

    /// Joins a review another reviewer has open: its stored diff, this reviewer added with
    /// their role. A finished review opens read-only.
    public static func join(_ id: String, store: ReviewStore, reviewer: Reviewer?, width: Int, height: Int,
                            directory: String) throws(InputError) -> ReviewSession {
        if let reviewer, try !store.load(id).isFinished { try store.addReviewer(id, reviewer) }
        let driver = try stored(id, store: store, reviewer: reviewer, width: width, height: height, directory: directory)
        (driver.workbench.pendingDraft, driver.workbench.editDrafts, driver.workbench.formDrafts)
            = try ownDrafts(id, review: driver.workbench.review, reviewer: reviewer, store: store)
        let back = try returnToPosition(&driver.workbench, id: id, store: store)
        let wb = driver.workbench
        driver.workbench.say(wb.tampered ?? (wb.review.isFinished ? wb.readOnlyReason
                                             : wb.keptDraftsNote ?? "joined review \(id)" + (reviewer.map { " as \($0.role.rawValue)" } ?? "")
                                                + (back.map { "; back at \($0.shown), where you left it" } ?? "")),
                             error: wb.tampered != nil, path: back?.path)
        return driver
    }

    /// Opens a stored review to read, with the diff it was made on, whatever happened to its
    /// commits since.
    public static func openPast(_ id: String, store: ReviewStore, width: Int, height: Int,
                                directory: String) throws(InputError) -> ReviewSession {
        let driver = try stored(id, store: store, reviewer: nil, width: width, height: height, directory: directory)
        driver.workbench.browsing = true
        if let t = driver.workbench.tampered { driver.workbench.say(t, error: true) } else { driver.workbench.say(driver.workbench.readOnlyReason) }
        return driver
    }

    /// A workbench on a review as the store holds it, with the diff it was made on.
    static func stored(_ id: String, store: ReviewStore, reviewer: Reviewer?, width: Int, height: Int,
                       directory: String) throws(InputError) -> ReviewSession {
        let checked = try store.loadChecked(id)
        let review = checked.review
        // The first reviewer stores a large diff just after their first screen: wait for it a little.
        var found = try store.diff(sha256: review.source.diffSHA256)
        let deadline = Date().addingTimeInterval(5)
        while found == nil && Date() < deadline {
            usleep(100_000)
            found = try store.diff(sha256: review.source.diffSHA256)
        }
        guard let bytes = found else {
            throw InputError("review \(id): the diff it was made on is not in the store (has the first reviewer's screen come up?)")
        }
        let (document, scanned) = shown(bytes, source: review.source, directory: directory)
        var wb = Workbench(document: document, review: review, checklist: try store.checklist(for: review.checklist),
                           reviewer: reviewer, sourceLabel: review.source.label, width: width, height: height)
        wb.foldViewedFiles()
        wb.earlierHead = earlierHead(of: review, in: store)
        wb.tampered = checked.tampered
        wb.checklistNote = ChecklistLoader.changeNote(touchedPaths: scanned.touchedPaths, source: review.source)
        let driver = ReviewSession(workbench: wb, store: store, directory: directory)
        driver.scanned = scanned
        return driver
    }

    /// Said on standard error once the screen is closed (changes that could not be saved).
    public var exitNote: String?

    /// Set when the reviewer leaves: the loop stops and does what it says.
    public var exit: Exit?
    public enum Exit: Sendable { case quit, auditLog, interrupted }

    /// What the terminal lends the driver: running a program on the whole terminal (the
    /// reviewer's editor, with the screen suspended), and writing a control sequence to it
    /// (OSC 52 for the clipboard). Unset in tests without a terminal.
    public var terminal: TerminalAccess?

    /// The checks runner: where checks run, what waits, what runs.
    var plan: CheckPlan?
    var checkFolder: String?
    var queue: [CheckCommand] = []
    var current: RunBox?

    /// Lines of context shown per file path, where the reviewer asked for more (`+`).
    var contextLevels: [String: Int] = [:]

    /// The diff of a new review, stored after the first screen so opening stays instant.
    var unsavedDiff: [UInt8]?

    /// The diff as parsed, when the view shows it rewritten (notebooks as cells).
    var scanned: ParsedDiff?

    /// This process's presence on the review.
    let session = Review.newID(prefix: "s")
    var lastBeat = Date.distantPast
    var firstPoll = Date.distantPast
    var lastSpot: String?
    var seenVersion = -1
    var lastPoll = Date.distantPast

    /// The review's hint dismissals and their reasons, as the store has them (a store that cannot
    /// be read leaves what is shown).
    @discardableResult
    func readHintDismissals() -> [HintDismissal]? {
        guard let all = try? store.hintDismissals(workbench.review.id) else { return nil }
        workbench.dismissedHints = Set(all.map(\.key))
        workbench.hintDismissalReasons = Dictionary(all.compactMap { d in d.reason.map { (d.key, $0) } }, uniquingKeysWith: { $1 })
        return all
    }

    /// Work that can wait until the reviewer sees the screen.
    public func afterFirstScreen() {
        if !hintsStarted {
            hintsStarted = true
            workbench.areasPending = true
            readHintDismissals()
            // The scan reads only the parsed diff (a value), so it can run beside the key loop; on
            // a 28 MB diff it takes about a second that the reviewer should not wait for.
            let diff = scanned ?? workbench.document.diff
            let box = hintBox, checklist = workbench.checklist
            // The areas the change touches are worked out there too: nothing heavy on the key loop.
            DispatchQueue.global(qos: .userInitiated).async {
                let hints = HintScanner.scan(diff)
                box.set(ScanResult(hints: hints, touched: TouchedAreas.classify(diff, hints: hints, checklist: checklist)))
            }
        }
        guard let bytes = unsavedDiff else { return }
        unsavedDiff = nil
        // Compressing a large diff takes a while: it happens beside the key loop, and the
        // store takes it between keys (or before anything is written that needs it).
        let sha = workbench.review.source.diffSHA256, paths = (scanned ?? workbench.document.diff).touchedPaths
        let box = packBox
        pendingDiff = true
        // A small diff is stored at once: someone joining a second later finds it.
        if bytes.count < 1 << 20 {
            box.set(ReviewStore.packDiff(bytes, sha: sha, paths: paths))
            storePendingDiff()
            return
        }
        DispatchQueue.global(qos: .utility).async { box.set(ReviewStore.packDiff(bytes, sha: sha, paths: paths)) }
    }

    /// Stores the diff once it is packed; with `wait`, waits for it. True when it was stored now.
    @discardableResult
    public func storePendingDiff(wait: Bool = false) -> Bool {
        guard pendingDiff, let packed = packBox.take(wait: wait) else { return false }
        pendingDiff = false
        do {
            try store.savePacked(packed)
        } catch {
            workbench.saveState = .failed(error.message)
            workbench.say("NOT SAVED: \(error.message)", error: true)
        }
        Self.returnFreedMemory()
        return true
    }

    private var hintsStarted = false
    private let hintBox = HintBox()
    private let packBox = ResultBox<ReviewStore.PackedDiff>()
    /// The new review's diff is being compressed to be stored.
    var pendingDiff = false
    /// What the workbench had said before the key being handled: what a refusal takes back from.
    var messagesBeforeKey: Int?

    /// True while the hint scan is still running.
    public var hintsPending: Bool { hintsStarted && !hintsCollected }
    /// True while the new review's diff is being compressed to be stored.
    public var diffPending: Bool { pendingDiff }
    private var hintsCollected = false

    /// Takes the scan's result when it is ready; true when the screen should be redrawn.
    @discardableResult
    public func collectHints(wait: Bool = false) -> Bool {
        guard hintsStarted, !hintsCollected else { return false }
        guard let result = hintBox.take(wait: wait) else { return false }
        // Listed as findings are (worst first, then by file and line), as `scan` prints them.
        workbench.hints = result.hints.sorted(by: HintReport.order)
        workbench.setTouched(result.touched)
        workbench.areasPending = false
        Self.returnFreedMemory()
        hintsCollected = true
        return true
    }

    /// One key: update the state, then make its effects durable.
    public func handle(_ key: Key) {
        // A key other than one typed into the search (n, N, a jump, Esc) sees every match: a
        // count still running is waited for (it takes tens of milliseconds at most).
        if workbench.search.counting, workbench.prompt?.kind != .search { collectCount(wait: true) }
        // A verdict asked for, finished or exported waits for the scan (a second on a 28 MB diff):
        // without its hints and areas, an APPROVE could stand on steps it has not counted. A key
        // about the hints waits too, or it says there is no hint where one is about to show.
        if hintsPending, let action = workbench.keymap.candidates(for: key, in: workbench.activeScopes).first?.action,
           [.verdict, .finish, .export, .yes, .nextMarked, .previousMarked, .takeHint, .showFinding].contains(action) {
            collectHints(wait: true)
        }
        messagesBeforeKey = workbench.messagesSaid
        let effects = workbench.handle(key)
        apply(effects)
        messagesBeforeKey = nil
        refreshItemHistory()
        startPendingCount()
    }

    /// Starts counting a search's matches beside the key loop, when the workbench asked.
    public func startPendingCount() {
        guard let query = workbench.countRequest else { return }
        workbench.countRequest = nil
        searchCounter.start(query, in: workbench.document.diff.bytes)
    }

    /// Hands a finished count to the workbench; true when the screen should be redrawn.
    @discardableResult
    public func collectCount(wait: Bool = false) -> Bool {
        guard let counted = searchCounter.take(wait: wait) else { return false }
        workbench.searchCounted(counted.query, counted.matches)
        return true
    }

    /// True while a search's matches are being counted.
    public var countPending: Bool { searchCounter.pending }
    private let searchCounter = SearchCounter()

    /// The focused item's history, read only while its explanation is on screen.
    func refreshItemHistory() {
        guard workbench.checklistPane.showExplanation, let item = workbench.focusedItem else {
            workbench.itemHistory = []
            return
        }
        workbench.itemHistory = (try? store.history(of: workbench.review.id, subject: item.id)) ?? []
        // The history takes lines under the list: the cursor stays above them.
        workbench.keepChecklistCursorVisible()
    }

    public func apply(_ effects: [Effect]) {
        // A change, a finish or an export refers to the diff: it is in the store first.
        if effects.contains(where: \.changesReview) || effects.contains(where: { if case .export = $0 { return true }; return false }) {
            storePendingDiff(wait: true)
        }
        // Our own changes are not news: the next poll need not reload them.
        defer { if effects.contains(where: \.changesReview) { seenVersion = (try? store.version(of: workbench.review.id)) ?? seenVersion } }
        let id = workbench.review.id
        let me = workbench.reviewer?.name
        // Changes made while earlier ones were refused: the screen shows what the store holds,
        // so it is read again once they land.
        let retrying = workbench.saveState != .saved
        for (index, effect) in effects.enumerated() {
            do throws(InputError) {
                switch effect {
                case .setItem(let item, let mark): try store.setItem(id, item: item, mark: mark, keepingNote: true)
                case .saveItemNote(let item, let mark, let base):
                    if let theirs = try store.setItemNote(id, item: item, mark: mark, ifNoteWas: base) {
                        workbench.noteConflict(item: item, mine: mark, theirs: theirs, stored: try store.load(id).items[item])
                    }
                case .saveFinding(let f, let base):
                    if let base {
                        if let theirs = try store.saveFinding(id, f, by: me, ifUnchangedSince: base) {
                            workbench.replaceFinding(theirs)
                            let conflict = Workbench.FindingConflict(mine: f, theirs: theirs, savedBy: try? store.lastEditor(id, findingID: f.id))
                            workbench.conflict = conflict
                            workbench.open(.conflict)
                            // The key said "saved [HIGH] …" as it handed the write over: it was not.
                            if let mark = messagesBeforeKey { workbench.retractMessages(since: mark) }
                            workbench.say("NOT SAVED yet: \(conflict.who) saved this finding while you were editing it: choose below", error: true)
                        }
                    } else {
                        try store.saveFinding(id, f, by: me)
                    }
                case .setFindingStatus(let fid, let status, let reason): try store.setFindingStatus(id, findingID: fid, status: status, dismissal: reason, by: me)
                case .deleteFinding(let fid):
                    try store.deleteFinding(id, findingID: fid, by: me)
                    workbench.review.findings.removeAll { $0.id == fid }
                    workbench.clampFindingCursor()
                case .deleteTestRun(let runID):
                    try store.deleteTestRun(id, runID: runID, by: me)
                    workbench.review.testsRun.removeAll { $0.id == runID }
                    workbench.clampFindingCursor()
                case .addTestRun(let run): try store.addTestRun(id, run)
                case .setViewed(let path, let hash): try store.setViewed(id, path: path, diffHash: hash, by: me)
                case .setOverride(let o): try store.setOverride(id, o, by: me)
                case .swapRoles: try store.swapRoles(id, by: me)
                case .saveDraft(let key, let body): try store.saveDraft(id, key: key, body: body)
                case .dismissHint(let key, let reason): try store.dismissHint(id, key: key, reason: reason, by: workbench.reviewer?.name)
                case .restoreHint(let key): try store.restoreHint(id, key: key, by: workbench.reviewer?.name)
                case .export(let format, let path, let allowIncomplete):
                    let full = path.hasPrefix("/") ? path : directory + "/" + path
                    var context = exportContext(allowIncomplete: allowIncomplete)
                    try context.checkExportable()
                    // Finished first, so the export carries the finish (a JSON document its record).
                    if !workbench.isReadOnly {
                        let record = try finish(context)
                        context = context.finished(workbench.review, record: record)
                    }
                    if let folder = workbench.exportFolder, full.hasPrefix(folder + "/") { try AtomicFile.makeFolder(folder) }
                    do throws(InputError) {
                        try AtomicFile.write(Array(try format.render(context).utf8), to: full)
                    } catch {
                        throw InputError(error.message + (workbench.review.isFinished ? " (the review is finished; E writes the export again)" : ""))
                    }
                    workbench.say("exported \(format.rawValue) to \(full)" + (workbench.review.isFinished && !workbench.browsing ? "; the review is finished" : ""))
                case .finish:
                    try finish(exportContext(allowIncomplete: false))
                    let f = workbench.review.finish
                    workbench.say("finished: \(f?.decision.rawValue ?? "?")\(Finish.undoneNote(f?.undoneSteps)); the review is read-only now (R starts a new revision)")
                case .reopen:
                    let (newID, _) = try store.reopen(id, reviewer: workbench.reviewer)
                    workbench.review = try store.load(newID)
                    workbench.say("revision \(newID) of \(id): edit away; the finished review stays as it was")
                case .carryForward(let previousID):
                    try carryForward(from: previousID)
                case .keepUnsaved:
                    keepUnsaved()
                case .planChecks: try planChecks()
                case .useCheckFolder(let folder): checkFolder = folder
                case .runCheck(let check): enqueue(check)
                case .cancelRun: cancelRun()
                case .trustCheck(let check): try CheckTrust().trust(check)
                case .showRunOutput(let run): try showRunOutput(run)
                case .explainRun(let runID, let explanation): try store.explainRun(id, runID: runID, explanation: explanation, by: me)
                case .copy(let clip): copy(clip)
                case .expandContext(let path): try expandContext(path: path)
                case .openInEditor(let path, let line): openInEditor(path: path, line: line)
                case .showSinceReview(let path, let oldPath): try showSinceReview(path: path, oldPath: oldPath)
                case .listCommits: try listCommits()
                case .showCommit(let sha): try showCommit(sha)
                case .setIgnoreWhitespace(let on): try setIgnoreWhitespace(on)
                case .editExternally(let field, let text): editExternally(field: field, text: text)
                case .quit: exit = .quit
                case .interrupt: exit = .interrupted
                case .suspend:
                    guard let terminal else { workbench.say("no terminal to suspend", error: true); break }
                    if let refusal = terminal.suspendToShell() { workbench.say(refusal, error: true) } else { workbench.fullRedraw = true }
                case .openAuditLog: exit = .auditLog
                }
            } catch {
                if case .export = effect {
                    workbench.say("export failed: \(error.message)", error: true)
                    continue
                }
                if !effect.changesReview {
                    workbench.say(error.message, error: true)
                    continue
                }
                refused(Array(effects[index...]), error)
                return
            }
        }
        // "✓ saved" only once a write succeeded and nothing is waiting.
        if effects.contains(where: \.changesReview),
           workbench.unsaved.isEmpty {
            if retrying, let fresh = try? store.load(id) { workbench.review = fresh }
            workbench.saveState = .saved
        }
    }
}

extension ReviewSession {
    func exportContext(allowIncomplete: Bool) -> ExportContext {
        // The diff as git gave it (notebooks as JSON), as the command-line export reads it from the store.
        ExportContext(review: workbench.review, checklist: workbench.checklist, diff: scanned ?? workbench.document.diff,
                      allowIncomplete: allowIncomplete, touchedSections: workbench.touchedSections, unjudgedHints: workbench.liveHints)
    }

    @discardableResult
    func finish(_ context: ExportContext) throws(InputError) -> ReviewRecord {
        let record = try store.finish(context, by: workbench.reviewer?.name)
        CheckPlace.removeWorktree(of: workbench.review.id, repository: GitRepository(directory: directory))
        workbench.review = try store.load(workbench.review.id)
        workbench.closeAll()
        return record
    }
}

extension ReviewSession {
    /// The background work (scan, compression) allocates in its threads' own malloc arenas,
    /// which glibc keeps after it is freed: hand it back, or a 28 MB review sits at 100 MB.
    static func returnFreedMemory() {
        mle_malloc_trim()
    }
}
