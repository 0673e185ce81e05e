import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// Finishing, read-only reviews, revisions and carrying forward in the workbench, and the
/// review log's browser.
struct AuditWorkbenchTests {
    let driverTests = DriverTests()

    func tempStore() throws -> ReviewStore {
        try ReviewStore(path: TestScratch.directory.appendingPathComponent("aw-\(UUID().uuidString).sqlite").path)
    }

    @Test func aFinishedReviewRefusesEveryEditAndSaysWhy() {
        var wb = WorkbenchFixture.make()
        wb.review.finish = Finish(decision: .block, primaryRisks: [], finishedAt: Date(timeIntervalSince1970: 1_795_000_000))
        let before = wb.review
        for keys in [["c"], ["m"], ["Tab", "p"], ["Tab", "x"], ["Tab", "Space"], ["Tab", "Tab", "e"], ["t"], ["H"], ["F"], ["V", "o"], ["V", "F"]] {
            var w = wb
            for k in keys { #expect(w.press(k).isEmpty, "\(keys)") }
            #expect(w.overlay == nil || w.overlay == .verdict(scroll: 0), "\(keys)")
            #expect(w.message?.text == "read-only: finished (BLOCK, 2026-11-18); R starts a new revision", "\(keys)")
            #expect(w.review == before)
        }
        let screen = Screen.render(wb).snapshot
        #expect(screen.split(separator: "\n")[0].hasSuffix("READ-ONLY FINISHED BLOCK"))
        // Reading still works: moving, searching, the verdict, exporting again.
        #expect(wb.press("j", "j", "V").isEmpty && wb.overlay == .verdict(scroll: 0))
        #expect(wb.press("R") == [] && wb.overlay == .verdict(scroll: 0))
        wb.closeAll()
        #expect(wb.press("R") == [.reopen])
    }

    @Test func finishingFromTheVerdictViewFreezesAndReopenStartsARevision() throws {
        let store = try tempStore()
        let d = try driverTests.open(store)
        driverTests.keys(d, "c", "text:Leak", "BTab", "Left", "Ctrl-S", "V", "F")
        #expect(!d.workbench.review.isFinished)
        driverTests.keys(d, "n")
        #expect(d.workbench.overlay == .verdict(scroll: 0) && !d.workbench.review.isFinished)
        driverTests.keys(d, "F", "y")
        let first = d.workbench.review
        #expect(first.finish?.decision == .block && d.workbench.isReadOnly && d.workbench.overlay == nil)
        #expect(d.workbench.message?.text.hasPrefix("finished: BLOCK; the review is read-only now") == true)
        #expect(try store.load(first.id).isFinished && (try store.record(of: first.id)) != nil)

        driverTests.keys(d, "R")
        let second = d.workbench.review
        #expect(second.id != first.id && second.revisionOf == first.id && !d.workbench.isReadOnly)
        driverTests.keys(d, "Tab", "j", "p")
        #expect(try store.load(second.id).state(of: "start-here/change-is-reviewable") == .pass)
        #expect(try store.load(first.id) == first)
    }

    @Test func approveCannotBeFinishedWithStepsMissing() {
        var wb = WorkbenchFixture.make()
        #expect(wb.verdict.decision == .approve && !wb.verdict.isComplete)
        #expect(wb.press("F").isEmpty)
        #expect(wb.message?.text.hasPrefix("cannot finish with APPROVE") == true)
    }

    /// A branch that moved: the same range at a new head is a new review, offered the old one's work.
    @Test func openingAMovedRangeOffersToCarryTheReviewForward() throws {
        let store = try tempStore()
        func input(_ head: String, _ extra: String) -> ReviewInput {
            var text = WorkbenchFixture.diff
            if !extra.isEmpty { text = text.replacingOccurrences(of: "@@ -1,4 +1,6 @@", with: "@@ -1,4 +1,6 @@" + extra) }
            let bytes = Array(text.utf8)
            return ReviewInput(source: ReviewSource(kind: .range, range: "main...feature", baseCommit: "b", headCommit: head,
                                                    diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        }
        let d1 = try ReviewSession.open(input: input("h1", ""), store: store, checklist: ChecklistLoader.builtIn, reviewer: nil,
                                          width: 120, height: 40, directory: "/tmp")
        #expect(d1.workbench.carryOffer == nil)
        driverTests.keys(d1, "c", "text:Leak", "Ctrl-S", "Tab", "j", "p")
        // A resolved finding is carried too: the offer must count it (it said "1 finding" and then carried 2).
        driverTests.keys(d1, "BTab", "BTab", "BTab", "c", "text:Seed", "Ctrl-S", "r")
        let old = d1.workbench.review
        #expect(old.findings.count == 2 && old.findings.contains { $0.status == .resolved })
        // A hint dismissed as a duplicate: the judgement of that line is carried too.
        try store.dismissHint(old.id, key: "DESER-001 serving/predict.py:2", reason: .duplicate, by: "Ada")

        let d2 = try ReviewSession.open(input: input("h2", " moved"), store: store, checklist: ChecklistLoader.builtIn, reviewer: nil,
                                          width: 120, height: 40, directory: "/tmp")
        #expect(d2.workbench.review.id != old.id && d2.workbench.overlay == .carryForward)
        #expect(d2.workbench.carryOffer?.summary == "open, head h1, 2 findings (1 open), 1 tick")
        #expect(Screen.render(d2.workbench).snapshot.contains("The branch moved since the last review"))
        driverTests.keys(d2, "y")
        let r = d2.workbench.review
        #expect(r.revisionOf == old.id && Set(r.findings.map(\.title)) == ["Leak", "Seed"])
        #expect(r.state(of: "start-here/change-is-reviewable") == .pass)
        #expect(d2.workbench.message?.text.hasPrefix("carried forward from \(old.id): 1 tick, 2 findings (1 open)") == true, "\(d2.workbench.message?.text ?? "")")
        #expect(d2.workbench.message?.text.hasSuffix("; 1 hint stays dismissed") == true, "\(d2.workbench.message?.text ?? "")")
        #expect(d2.workbench.dismissedHints == ["DESER-001 serving/predict.py:2"] && d2.workbench.hintDismissalReasons.values.first == .duplicate)
        #expect(try store.hintDismissals(r.id).map(\.key) == ["DESER-001 serving/predict.py:2"])

        // Declining leaves the new review empty and the old one alone.
        let d3 = try ReviewSession.open(input: input("h3", " again"), store: store, checklist: ChecklistLoader.builtIn, reviewer: nil,
                                          width: 120, height: 40, directory: "/tmp")
        driverTests.keys(d3, "n")
        #expect(d3.workbench.review.findings.isEmpty && d3.workbench.overlay == nil)
    }

    /// A review of the fixture's diff (with `extra` bytes after it, so that each is another diff)
    /// of `range` at `head` (nil: the work tree), opened on `store`.
    func openRange(_ store: ReviewStore, _ range: String, head: String?, extra: String) throws -> ReviewSession {
        let bytes = Array((WorkbenchFixture.diff + extra).utf8)
        let input = ReviewInput(source: ReviewSource(kind: .range, range: range, baseCommit: "b", headCommit: head,
                                                     diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        return try ReviewSession.open(input: input, store: store, checklist: ChecklistLoader.builtIn, reviewer: nil,
                                      width: 120, height: 40, directory: "/tmp")
    }

    /// An earlier review opened and left as it was has nothing to carry: the question (which
    /// took the reviewer's first keys) is not asked, and the new review is still its revision.
    @Test func aMovedRangeWhoseEarlierReviewIsEmptyAsksNothing() throws {
        let store = try tempStore()
        let d1 = try openRange(store, "main...feature", head: "h1", extra: "")
        let d2 = try openRange(store, "main...feature", head: "h2", extra: "\n")
        #expect(d2.workbench.overlay == nil && d2.workbench.carryOffer == nil)
        #expect(d2.workbench.review.id != d1.workbench.review.id && d2.workbench.review.revisionOf == d1.workbench.review.id)
        #expect(d2.workbench.message?.text == "the branch moved since review \(d1.workbench.review.id), which had nothing to carry forward: this is its next revision")
        // The first key is the reviewer's: m marks the file viewed.
        driverTests.keys(d2, "m")
        #expect(d2.workbench.viewedCount == 1)
    }

    /// A review of the work tree (`mle-review HEAD`) gets another diff when files are edited, not
    /// when a branch moves: the offer and the message say what changed.
    @Test func aWorkTreeReviewSaysTheWorkTreeChanged() throws {
        let store = try tempStore()
        let d1 = try openRange(store, "HEAD", head: nil, extra: "")
        let d2 = try openRange(store, "HEAD", head: nil, extra: "\n")
        #expect(d2.workbench.message?.text == "the work tree changed since review \(d1.workbench.review.id), which had nothing to carry forward: this is its next revision")
        driverTests.keys(d2, "c", "text:Leak", "Ctrl-S")
        let d3 = try openRange(store, "HEAD", head: nil, extra: "\n\n")
        #expect(d3.workbench.overlay == .carryForward)
        #expect(Screen.render(d3.workbench).snapshot.contains("The work tree changed since the last review"))
    }

    @Test func outdatedFindingsAreMarkedInTheFindingsPane() {
        let f = Finding(severity: .high, title: "gone code", location: Location(path: "pipelines/train.py", line: 2), outdated: true)
        let wb = WorkbenchFixture.make(findings: [f])
        #expect(Screen.render(wb).snapshot.contains("HIGH     (outdated) "))
    }

    // MARK: the review log

    static func entry(_ id: String, _ decision: Decision?, reviewer: String, risks: [RiskCategory] = [], stale: Staleness? = nil) -> LogEntry {
        LogEntry(id: id, date: Date(timeIntervalSince1970: 1_795_000_000), reviewers: [Reviewer(name: reviewer)],
                 source: ReviewSource(kind: .range, range: "main...feature", baseCommit: "aaaaaaaaa", headCommit: "bbbbbbbbb", diffSHA256: "x"),
                 finish: decision.map { Finish(decision: $0, primaryRisks: risks) }, revisionOf: nil,
                 findings: [.high: 2], primaryRisks: risks, decidedItems: 3, totalItems: 55, staleness: stale)
    }

    @Test func at120ColumnsEveryColumnKeepsItsPlace() {
        var b = AuditBrowser(width: 120, height: 8)
        var tampered = Self.entry("r-dddd", .approve, reviewer: "Ada Lovelace")
        tampered.tampered = true
        b.setEntries([Self.entry("r-aaaa", .block, reviewer: "Ada", risks: [.dataLeakage, .unsafeServing], stale: .newCommits(count: 2, head: "c")), tampered])
        let screen = AuditView.render(b).snapshot.split(separator: "\n").map(String.init)
        for header in ["ID", "DATE", "REVIEWERS", "RANGE", "DECISION", "C H M L", "RISKS", "ITEMS", "STALE"] {
            #expect(screen[1].contains(header), "\(header) in \(screen[1])")
        }
        #expect(screen[2].contains("3/55") && screen[2].contains("+2 commits"), "\(screen[2])")
        #expect(screen[3].contains("3/55") && screen[3].contains("TAMPERED"), "\(screen[3])")
        // A range cut short keeps its name (the commits came first, and the name was cut).
        #expect(screen[2].contains(" main...feature "), "\(screen[2])")
    }

    /// A revision whose earlier review was finished short, with a guessed risk: the focused
    /// row's note and three legends ran past 120 columns on one line, cut mid-word. Where the
    /// rows leave room the legends take lines of their own; the earlier review's row is dim.
    @Test func everyLegendIsReadWholeAt120Columns() {
        var b = AuditBrowser(width: 120, height: 12)
        var revision = Self.entry("r-316a487709", .block, reviewer: "Ada", risks: [.irreproducibleTraining])
        revision.revisionOf = "r-1b098ad35b"
        revision.guessedRisks = [.irreproducibleTraining]
        var earlier = Self.entry("r-1b098ad35b", .approveWithWarnings, reviewer: "Ada", risks: [.irreproducibleTraining])
        earlier.finish?.undoneSteps = 27
        b.setEntries([revision, earlier])
        let g = AuditView.render(b)
        let screen = g.snapshot.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let text = screen.suffix(4).joined(separator: "\n")
        for said in ["r-316a487709: revision of r-1b098ad35b", "DECISION !: finished with required steps undone",
                     "RISKS ?: guessed from a finding's words", "dim: revised since"] {
            #expect(text.contains(said), "\(said) in\n\(text)")
        }
        #expect(g[3, 1].role == .dim && g[2, 1].role != .dim, "the review revised since is dim, its revision not")
    }

    /// The browsed log marks a guessed risk as `log` does, and says what the mark means.
    @Test func aGuessedRiskIsMarkedInTheBrowsedLog() {
        var b = AuditBrowser(width: 120, height: 8)
        var guessed = Self.entry("r-aaaa", .block, reviewer: "Ada", risks: [.unsafeServing])
        guessed.guessedRisks = [.unsafeServing]
        b.setEntries([guessed, Self.entry("r-bbbb", .approve, reviewer: "Bo", risks: [.weakEval])])
        let screen = AuditView.render(b).snapshot.split(separator: "\n").map(String.init)
        #expect(screen[2].contains(" unsafe serving? "), "\(screen[2])")
        #expect(screen[3].contains("weak eval ") && !screen[3].contains("?"), "\(screen[3])")
        let legend = screen.count >= 2 ? screen[screen.count - 2] : ""
        #expect(legend.contains("RISKS ?: guessed from a finding's words"), "\(screen)")
        b.setEntries([Self.entry("r-bbbb", .approve, reviewer: "Bo", risks: [.weakEval])])
        #expect(!AuditView.render(b).snapshot.contains("RISKS ?:"))
        // Two risks in the narrow column: the short names keep the second one's mark.
        var two = Self.entry("r-cccc", .block, reviewer: "Ada", risks: [.dataLeakage, .unsafeServing])
        two.guessedRisks = [.unsafeServing]
        b.setEntries([two])
        let row = AuditView.render(b).snapshot.split(separator: "\n").map(String.init)[2]
        #expect(row.contains(" leakage, serving? "), "\(row)")
        // `log`'s table does the same past its column's 34 characters.
        var three = Self.entry("r-dddd", .block, reviewer: "Ada", risks: [.dataLeakage, .missingMonitoring, .weakEval])
        three.guessedRisks = [.weakEval]
        #expect(LogReport.text([three]).contains(" leakage, monitoring, eval? "), "\(LogReport.text([three]))")
    }

    /// Patch reviews have no staleness: STALE kept fourteen blank columns at the right while
    /// RANGE cut every patch's name to eighteen. Columns fit what the rows hold, and a column
    /// cut short takes what another does not use.
    @Test func columnsFitWhatTheRowsHold() {
        func patch(_ id: String, _ name: String) -> LogEntry {
            var e = Self.entry(id, .block, reviewer: "Ada", risks: [.dataLeakage])
            e.reviewers.append(Reviewer(name: "Grace", role: .navigator))
            e.source = ReviewSource(kind: .patch, patchPath: "/tmp/prs/" + name, diffSHA256: "x")
            return e
        }
        var b = AuditBrowser(width: 120, height: 8)
        b.setEntries([patch("r-c1c9682499", "microsoft-MLOpsPython-2a22e75.diff"), patch("r-39ab6d8fa8", "karpathy-nanoGPT-d17350a.diff")])
        let screen = AuditView.render(b).snapshot.split(separator: "\n").map(String.init)
        #expect(screen[2].contains("microsoft-MLOpsPython-2a22e75.diff") && screen[2].contains("Ada, Grace"), "\(screen[2])")
        #expect(screen[3].contains("karpathy-nanoGPT-d17350a.diff") && screen[3].contains("3/55"), "\(screen[3])")
        for header in ["ID", "DATE", "REVIEWERS", "RANGE", "DECISION", "C H M L", "RISKS", "ITEMS", "STALE"] {
            #expect(screen[1].contains(header), "\(header) in \(screen[1])")
        }
        // Room for one more whole column: the range takes it before the names.
        var long = patch("r-c1c9682499", "microsoft-MLOpsPython-2a22e75.diff")
        long.reviewers = [Reviewer(name: "Seed e6738b0e maintainers")]
        var wide = AuditBrowser(width: 130, height: 8)
        wide.setEntries([long])
        let row = AuditView.render(wide).snapshot.split(separator: "\n").map(String.init)[2]
        #expect(row.contains("microsoft-MLOpsPython-2a22e75.diff") && row.contains("Seed e6738b0e maint"), "\(row)")
        // Narrower, the columns still give way in their order and keep their places.
        b.resize(width: 100, height: 8)
        let narrow = AuditView.render(b).snapshot.split(separator: "\n").map(String.init)
        #expect(narrow[1].contains("STALE") && narrow[2].contains("3/55") && narrow[2].contains("BLOCK"), "\(narrow)")
    }

    /// As in `mle-review log`: C H M L are open findings, resolved ones counted beside them.
    @Test func theLogBrowserCountsResolvedFindingsApart() throws {
        var b = AuditBrowser(width: 120, height: 8)
        var fixed = Self.entry("r-aaaa", .approve, reviewer: "Ada")
        fixed.findings = [:]
        fixed.resolvedFindings = [.high: 2]
        b.setEntries([fixed, Self.entry("r-bbbb", .block, reviewer: "Grace")])
        let screen = AuditView.render(b).snapshot.split(separator: "\n").map(String.init)
        #expect(screen[2].contains("APPROVE  0 0 0 0 +2 ") && screen[3].contains("0 2 0 0"), "\(screen)")
        #expect(screen.contains { $0.contains("C H M L +N: N more resolved") }, "\(screen)")
        // With every mark on screen, the three legends fit one line of 120 columns.
        var all = fixed
        all.overriddenFrom = .block
        all.guessedRisks = [.dataLeakage]
        all.primaryRisks = [.dataLeakage]
        b.setEntries([all])
        let legend = try #require(AuditView.render(b).snapshot.split(separator: "\n").first { $0.contains("DECISION *") })
        #expect(legend.contains("DECISION *: made less strict than the rules · C H M L +N: N more resolved · RISKS ?: guessed from a finding's words"),
                "\(legend)")
    }

    @Test func theLogBrowserShowsColumnsFiltersAndOpens() {
        var b = AuditBrowser(width: 150, height: 12)
        b.setEntries([Self.entry("r-aaaa", .block, reviewer: "Ada", risks: [.dataLeakage], stale: .rebased(head: "ccccccc")),
                      Self.entry("r-bbbb", nil, reviewer: "Grace"),
                      Self.entry("r-cccc", .approve, reviewer: "Linus", stale: .current)])
        let screen = AuditView.render(b).snapshot.split(separator: "\n").map(String.init)
        #expect(screen[0].contains("review log │ 3 reviews, 1 stale"))
        #expect(screen[1].hasPrefix(" ID") && screen[1].contains("DECISION") && screen[1].contains("STALE"))
        #expect(screen[2].contains("r-aaaa") && screen[2].contains("Ada") && screen[2].contains("aaaaaaa..bbbbbbb") && screen[2].contains("BLOCK")
                && screen[2].contains("0 2 0 0") && screen[2].contains("data leakage") && screen[2].contains("3/55") && screen[2].contains("rebased"))
        #expect(screen[3].contains("r-bbbb") && screen[3].contains("open"))

        // Words filter the loaded rows; `s` keeps the stale ones; Esc clears.
        b.press("/", "text:grace", "Enter")
        #expect(b.visible.map(\.id) == ["r-bbbb"] && b.queryText == "grace")
        b.press("Esc", "s")
        #expect(b.visible.map(\.id) == ["r-aaaa"])
        b.press("Esc", "j", "j", "Enter")
        #expect(b.openRequested == "r-cccc")
        // Store-side filters are handed to the loop as a LogFilter.
        b.press("/", "Ctrl-U", "text:decision:block reviewer:\"Ada L\" path:features/*", "Enter")
        #expect(b.filter.decision == .block && b.filter.reviewer == "Ada L" && b.filter.pathGlob == "features/*" && b.reloadRequested)
        b.press("/", "Ctrl-U", "text:decision:maybe", "Enter")
        #expect(b.message == "decision:maybe? use approve, warnings or block" && b.messageIsError)
        b.press("Esc", "Esc", "q")
        #expect(b.quitRequested)
    }
}

extension AuditBrowser {
    mutating func press(_ keys: String...) {
        for k in keys {
            if k.hasPrefix("text:") { for c in k.dropFirst(5) { handle(.char(c)) } } else { handle(Key.parse(k)!) }
        }
    }
}
