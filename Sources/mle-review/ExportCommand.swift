import ArgumentParser
import MLEReviewCore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a review's verdict: text, markdown, json, sarif or github.",
        discussion: """
        text is the reviewer brief's format; markdown a PR comment; json the whole review (import reads \
        it back); sarif for code scanning; github the body of a pull-request review for \
        `gh api repos/OWNER/REPO/pulls/N/reviews --input FILE` (BLOCK → REQUEST_CHANGES, \
        APPROVE → APPROVE, APPROVE WITH WARNINGS → COMMENT).
        Examples:
          mle-review export latest --format text
          mle-review export r-3f9a2c1b07 --format github --output review.json
          mle-review export --file review.json --format markdown
        Exporting a stored review finishes it (see `mle-review finish`); --no-finish previews.
        A review someone has open in the workbench is not finished from here: finish it there (F).
        """
    )

    @Argument(help: "The review: an id, an id prefix, or `latest`.")
    var review: String?

    @Option(name: .customLong("review"), help: ArgumentHelp("Same as the REVIEW argument.", valueName: "ID"))
    var reviewOption: String?

    @Option(name: .long, help: ArgumentHelp("Export a review document (JSON) instead of a stored review.", valueName: "REVIEW.json"))
    var file: String?

    @Option(help: "What to write.")
    var format: ExportFormat = .text

    @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Export APPROVE even though required checklist items are undecided (the export says so).")
    var allowIncomplete = false

    @Flag(help: "Preview: export without finishing the review (exporting a stored review finishes it).")
    var noFinish = false

    @Option(help: ArgumentHelp("Who finishes the review (default: git config user.name).", valueName: "NAME"))
    var reviewer: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if file != nil && (review != nil || reviewOption != nil) { throw ValidationError("give a REVIEW or --file, not both") }
    }

    func run() throws {
        if let file {
            let review = try ReviewDocument.parse(try ByteInput.read(path: file), name: file)
            let context = ExportContext(review: review, checklist: ChecklistLoader.builtIn, diff: nil, allowIncomplete: allowIncomplete)
            try emit(try format.render(context), to: output, format: format)
            return
        }
        let store = try storeOptions.open()
        let checked = try store.loadChecked(try store.resolve(review ?? reviewOption ?? "latest"))
        // A finished review whose rows were edited is exported as recorded, with a warning.
        if let t = checked.tampered { printError(t) }
        var review = checked.review
        var context = try store.exportContext(review, allowIncomplete: allowIncomplete)
        try context.checkExportable()
        // The verdict leaves the tool finished: it is recorded first, so the document carries
        // the finish and its record (a JSON export imports back as the finished record it is).
        var finished: String?
        if !noFinish && !review.isFinished {
            try store.refuseFinishingUnderReviewers(review.id, doing: "exporting it finishes it, which")
            let record = try store.finish(context, by: currentReviewer(reviewer)?.name)
            finished = "finished \(review.id): \(context.verdict.decision.rawValue)\(context.verdict.undoneNote) (record #\(record.sequence); `mle-review reopen \(review.id)` to change it)"
            review = try store.load(review.id)
            CheckPlace.removeWorktree(of: review.id, repository: GitRepository())
            context = context.finished(review, record: record)
        }
        do {
            try emit(try format.render(context), to: output, format: format)
        } catch {
            guard finished != nil else { throw error }
            throw InputError(error.message + "; the review is finished: `mle-review export \(review.id) --output FILE` writes it again")
        }
        if let finished { printError(finished) }
        // Posted to a pull request, a verdict of an earlier head reads as the verdict of today's.
        if let staleness = StalenessChecker.here()?.check(review.source), staleness.isStale {
            let of = review.source.headCommit.map { " of \($0.prefix(7))" } ?? ""
            printError("note: review \(review.id) is \(staleness): this verdict is\(of), not of \(review.source.label) as it is now")
        }
    }
}
