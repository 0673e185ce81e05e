import ArgumentParser
import Foundation
import MLEReviewCore
import MLEReviewTerminal
import MLEReviewWorkbench

/// The filters `log` and `stats` share.
struct LogFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only finished reviews with this decision.", valueName: "DECISION"))
    var decision: Decision?

    @Option(help: ArgumentHelp("Only reviews this person took part in.", valueName: "NAME"))
    var reviewer: String?

    @Option(help: ArgumentHelp("Only reviews with this primary risk.", valueName: "RISK"))
    var risk: RiskCategory?

    @Option(help: ArgumentHelp("Only reviews finished (or, if open, changed) on or after: 2026-11-01, an ISO time, 7d/2w/3m ago, today or yesterday.", valueName: "WHEN"))
    var since: String?

    @Option(help: ArgumentHelp("Only reviews finished (or changed) on or before this day or time.", valueName: "WHEN"))
    var until: String?

    @Option(help: ArgumentHelp("Only reviews whose diff touched a path matching this glob (* also crosses /; a name without / matches at any depth: score.py).", valueName: "GLOB"))
    var path: String?

    @Flag(help: "Only open reviews.")
    var open = false

    @Flag(help: "Only finished reviews.")
    var finished = false

    @Flag(help: "Only reviews finished with required steps undone (the log's !, stats' SHORT).")
    var short = false

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, DateArgument.parse(value) == nil { throw ValidationError("\(flag): '\(value)' is not a date (2026-11-01), a time, an age (7d), today or yesterday") }
        }
        if open && finished { throw ValidationError("give --open or --finished, not both") }
    }

    /// The same filters as the audit view's filter line.
    var queryText: String {
        var words: [String] = []
        if let decision { words.append("decision:\(decision.argumentName)") }
        if let reviewer { words.append("reviewer:" + AuditQuery.quoted(reviewer)) }
        if let risk { words.append("risk:\(risk.argumentName)") }
        if let since { words.append("since:\(since)") }
        if let until { words.append("until:\(until)") }
        if let path { words.append("path:" + AuditQuery.quoted(path)) }
        if open { words.append("open") }
        if finished { words.append("finished") }
        if short { words.append("short") }
        return words.joined(separator: " ")
    }

    var filter: LogFilter {
        LogFilter(decision: decision, reviewer: reviewer, risk: risk,
                  since: since.flatMap { DateArgument.parse($0) }, until: until.flatMap { DateArgument.parse($0, endOfDay: true) },
                  pathGlob: path, state: open ? .open : finished ? .finished : .all, short: short)
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List reviews newest first: who, when, which commits, decision, findings, risks, coverage, staleness.",
        discussion: """
        Columns: C H M L count open and resolved findings by severity; ITEMS is decided/total checklist \
        items; STALE says how a range review no longer matches its branch (new commits, rebased, diff \
        changed). --verify recomputes the hash chain of finished reviews and names the first record \
        that does not match (exit 1).
        Examples:
          mle-review log --decision block --since 30d
          mle-review log --path 'features/*' --json
          mle-review log --stale --finished
          mle-review log --verify
        """
    )

    @OptionGroup var filters: LogFilterOptions

    @Flag(help: "Only reviews the branch moved on from since (new commits, rebased, diff changed): what needs a look again.")
    var stale = false

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @Flag(help: "Check the hash chain of finished reviews instead of listing them.")
    var verify = false

    @Flag(help: "Browse the log in the terminal: the same columns and filters; Enter opens a review read-only.")
    var tui = false

    @Option(help: ArgumentHelp("Theme for --tui (see `mle-review open --help`).", valueName: "NAME"))
    var theme: String?

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (opened, path) = try storeOptions.openIfMade()
        guard let store = opened else {
            print(json ? "[]" : verify ? "0 finished reviews verified (no review was made here yet)"
                  : SafeText.escapedKeepingLines("No reviews yet: \(path) is made when the first review is opened."))
            return
        }
        if verify {
            if let damage = try store.integrityProblem() {
                throw InputError("store \(store.path): damaged (\(damage)); see \"A damaged store\" in the README")
            }
            let report = try store.verifyChain()
            if let p = report.problem {
                printError("store \(store.path): review \(p.reviewID)\(p.sequence > 0 ? " (record #\(p.sequence))" : ""): \(p.reason)")
                throw ExitCode(1)
            }
            print("\(report.records) finished review\(report.records == 1 ? "" : "s") verified; chain head \(report.head)")
            return
        }
        let checker = StalenessChecker.here()
        // Whether a review is stale is asked of the branch it reviewed: only git can say.
        if stale && checker == nil {
            throw InputError("log --stale: \(FileManager.default.currentDirectoryPath): not a git repository (run it in the repository the reviews are of)")
        }
        if tui {
            let config = try WorkbenchConfig.load(for: nil)
            let screen = try startScreen(theme: theme, config: config)
            defer { screen.close() }
            _ = AuditLoop.run(store: store, screen: screen, queryText: [filters.queryText, stale ? "stale" : ""].filter { !$0.isEmpty }.joined(separator: " "),
                              directory: FileManager.default.currentDirectoryPath, staleness: checker, config: config)
            return
        }
        var entries = try store.log(filters.filter)
        checker?.fill(&entries)
        if stale { entries.removeAll { $0.staleness?.isStale != true } }
        print(json ? LogReport.json(entries) : SafeText.escapedKeepingLines(LogReport.text(entries, filtered: stale || !filters.queryText.isEmpty)), terminator: "")
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one review in full: source, reviewers, revisions, verdict, checklist by area, tests run."
    )

    @OptionGroup var target: ReviewArgument

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(.readOnly)
        let checked = try store.loadChecked(try store.resolve(target.review))
        let r = checked.review
        let checker = StalenessChecker.here()
        let staleness = checker?.check(r.source)
        let committedAs = r.source.headCommit == nil ? checker.flatMap { c in c.workTreeHead(of: r.source).flatMap { c.commit(of: r.source, towards: $0) } } : nil
        let report = ShowReport.render(try store.exportContext(r), record: try store.record(of: r.id),
                                       revisions: try store.revisions(of: r.id), staleness: staleness, committedAs: committedAs,
                                       hintDismissals: try store.hintDismissals(r.id), dismissedBy: try store.dismissedBy(r.id),
                                       history: try store.history(of: r.id))
        print(SafeText.escapedKeepingLines((checked.tampered.map { $0 + "\n" } ?? "") + report), terminator: "")
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "For leads: decisions by month, the risks and checklist items that fail most, findings per review, reviews per reviewer, and how each AI reviewer's, linter's and hint rule's findings were judged."
    )

    @OptionGroup var filters: LogFilterOptions

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let stats = try storeOptions.openIfMade().store.map { try $0.stats(try $0.log(filters.filter), checklist: ChecklistLoader.builtIn) }
            ?? ReviewStats.none
        print(json ? stats.json() : SafeText.escapedKeepingLines(stats.text()), terminator: "")
    }
}

struct FinishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finish",
        abstract: "Finish a review: record its decision, head commit and diff, and freeze it (exporting also finishes).",
        discussion: "A finished review is never edited; `mle-review reopen REVIEW` starts a new revision linked to it. A review someone has open in the workbench is not finished from here: finish it there (F)."
    )

    @OptionGroup var target: ReviewArgument

    @Option(help: ArgumentHelp("Who finishes it (default: git config user.name).", valueName: "NAME"))
    var reviewer: String?

    @Flag(help: "Finish with APPROVE even though required checklist items are undecided.")
    var allowIncomplete = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let r = try store.load(try store.resolve(target.review))
        if let f = r.finish {
            print("\(r.id) was already finished: \(f.decision.rawValue) on \(LogReport.day(f.finishedAt))")
            return
        }
        let context = try store.exportContext(r, allowIncomplete: allowIncomplete)
        try context.checkExportable("finish with")
        try store.refuseFinishingUnderReviewers(r.id, doing: "finishing it here")
        let record = try store.finish(context, by: currentReviewer(reviewer)?.name)
        // The worktree its checks ran in goes with the review.
        CheckPlace.removeWorktree(of: r.id, repository: GitRepository())
        print("\(r.id) finished: \(context.verdict.decision.rawValue)\(context.verdict.undoneNote) (record #\(record.sequence), sha256 \(record.recordSHA256.prefix(16)))")
    }
}

struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Start a new revision of a finished review (the finished one stays as it was) and print its id."
    )

    @OptionGroup var target: ReviewArgument

    @Option(help: ArgumentHelp("Your name on the revision (default: git config user.name).", valueName: "NAME"))
    var reviewer: String?

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let id = try store.resolve(target.review)
        let (revision, created) = try store.reopen(id, reviewer: currentReviewer(reviewer))
        print(created ? "\(revision) is a new revision of \(try store.load(revision).revisionOf ?? id)" : "\(revision) is already open")
    }
}
