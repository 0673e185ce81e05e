import ArgumentParser
import MLEReviewCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring findings in from an AI reviewer's text, SARIF, or a review document.",
        discussion: """
        Imported findings arrive as proposals for a human to accept or dismiss; --accept opens them at once.
        Tests run are recorded as they are. Without --into a new review is created and its id printed.
        Examples:
          mle-review import ai-review.txt --into latest
          mle-review import ruff.sarif --patch pr.diff
          mle-review import review.json
        """
    )

    @Argument(help: "The file to import ('-' for standard input).")
    var file: String

    @Option(help: "text, json or sarif (default: from the content).")
    var format: String?

    @Option(help: ArgumentHelp("Add to this review (an id, a prefix, or `latest`).", valueName: "REVIEW"))
    var into: String?

    @Flag(help: "Open the imported findings at once instead of proposing them.")
    var accept = false

    @Option(help: ArgumentHelp("The diff the new review is about.", valueName: "FILE"))
    var patch: String?

    @Option(help: ArgumentHelp("The git range the new review is about.", valueName: "RANGE"))
    var range: String?

    @Option(help: ArgumentHelp("The checklist for a new review.", valueName: "FILE"))
    var checklist: String?

    @Option(help: ArgumentHelp("Your name (default: git config user.name).", valueName: "NAME"))
    var reviewer: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let format, ImportFormat(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)' (expected text, json or sarif)")
        }
        if into != nil && (patch != nil || range != nil) { throw ValidationError("--into adds to an existing review: leave out --patch and --range") }
        if patch != nil && range != nil { throw ValidationError("give --patch or --range, not both") }
    }

    func run() throws {
        let bytes = try ByteInput.read(path: file)
        let kind = format.flatMap(ImportFormat.init(rawValue:)) ?? ImportFormat.detect(bytes)
        var imported = try kind.parse(bytes, name: file)
        if accept {
            for i in imported.findings.indices where imported.findings[i].status == .proposed { imported.findings[i].status = .open }
        }
        let store = try storeOptions.open()
        let id: String
        if let into {
            id = try store.resolve(into)
            try store.addImported(id, findings: imported.findings, testsRun: imported.testsRun)
        } else if let review = imported.review, patch == nil, range == nil {
            try store.insert(review)
            id = review.id
        } else {
            let input = try patch.map { p throws(InputError) in try ReviewInput.patch(p) }
                ?? range.map { r throws(InputError) in try ReviewInput.range(r, repository: GitRepository()) } ?? .none
            let list = try ChecklistLoader.load(file: checklist, repositoryRoot: GitRepository().topLevel())
            id = try store.openReview(input, checklist: list, reviewer: currentReviewer(reviewer), resume: false).id
            try store.addImported(id, findings: imported.findings, testsRun: imported.testsRun)
        }
        let state = accept ? "open" : "proposed"
        var message = "imported \(imported.findings.count) finding(s) as \(state) and \(imported.testsRun.count) test run(s) into \(id)"
        if let d = imported.decision { message += "; the file's own decision was \(d.rawValue) (mle-review computes its own)" }
        printError(message)
        print(id)
    }
}
