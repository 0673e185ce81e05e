import ArgumentParser
import Foundation
import MLEReviewCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring findings in from an AI reviewer's text, SARIF, a JSON list of findings (a bot's pull request comments too), or a review document.",
        discussion: """
        Imported findings arrive as proposals for a human to accept or dismiss; --accept opens them at once. \
        Tests run are recorded as they are. Without --into they go to the open review of the \
        diff given (--patch or --range), else to a new one; with neither, to the store's only open \
        review. The review's id is printed.
        Examples:
          mle-review import ai-review.txt --into latest
          mle-review import ruff.sarif --patch pr.diff
          mle-review import review.json
          mle-review import comments.json --patch pr.diff  # a bot's PR comments
          claude -p "review this diff" < pr.diff | mle-review import - --into latest --source claude
        """
    )

    @Argument(help: "The file to import ('-' for standard input).")
    var file: String

    /// A range or patch typed after the file, as `mle-review RANGE` takes one: refused with the
    /// option that says it (argument-parser's "Unexpected argument" did not).
    @Argument(help: .hidden)
    var stray: [String] = []

    @Option(help: "The file's format (default: told from its content).")
    var format: ImportFormat?

    @Option(help: ArgumentHelp("Add to this review (an id, a prefix, or `latest`).", valueName: "REVIEW"))
    var into: String?

    @Flag(help: "Open the imported findings at once instead of proposing them.")
    var accept = false

    @Option(help: ArgumentHelp("Who proposed the findings, as stats counts them (default: the tool a SARIF or JSON file names, else the file's name; 'stdin' for -).",
                               valueName: "NAME"))
    var source: String?

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
        if let extra = stray.first {
            let option = FileManager.default.fileExists(atPath: extra) ? "--patch" : "--range"
            throw ValidationError("import takes one file; name the diff with \(option) \(extra) (or add to a review with --into REVIEW)")
        }
        if into != nil && (patch != nil || range != nil) { throw ValidationError("--into adds to an existing review: leave out --patch and --range") }
        if patch != nil && range != nil { throw ValidationError("give --patch or --range, not both") }
    }

    func run() throws {
        let bytes = try ByteInput.read(path: file)
        let kind = format ?? ImportFormat.detect(bytes)
        // A pipe has no name: `-` was every piped AI review's source in stats, all one.
        let name = inputName(file)
        var imported = try kind.parse(bytes, name: name)
        if let source = source?.trimmingSpaces(), !source.isEmpty {
            for i in imported.findings.indices where (imported.findings[i].author ?? "").isEmpty { imported.findings[i].author = source }
        }
        if accept {
            for i in imported.findings.indices where imported.findings[i].status == .proposed { imported.findings[i].status = .open }
        }
        // Adding to a review where none was made yet is refused before a store is made for it.
        let isDocument = imported.review != nil
        let makesReview = patch != nil || range != nil || (isDocument && into == nil)
        if !makesReview, !FileManager.default.fileExists(atPath: storeOptions.path) {
            throw InputError(into.map { "\(name): no review \($0) here: no review was made in this repository yet" }
                ?? "\(name): no open review to add to: name the diff with --patch FILE or --range RANGE")
        }
        let store = try storeOptions.open()
        // A whole review document on its own is the review it describes, states and all.
        if isDocument, into == nil, patch == nil, range == nil {
            let parsed = try ReviewDocument.parseDocument(bytes, name: name)
            let line = try DocumentImport.importDocument(parsed, name: name, into: store)
            printError(line)
            print(parsed.review.id)
            return
        }
        let target: ReviewStore.ImportTarget
        let diff: ParsedDiff?
        var onlyOpen: String?
        if let into {
            let id = try store.resolve(into)
            target = .existing(id)
            diff = try store.diff(sha256: try store.load(id).source.diffSHA256).map(DiffParser.parse)
        } else if patch != nil || range != nil {
            let input: ReviewInput
            if let patch { input = try ReviewInput.patch(patch) } else { input = try ReviewInput.range(range!, repository: GitRepository()) }
            let list = try ChecklistLoader.load(file: checklist, repositoryRoot: GitRepository().topLevel(), source: input.source)
            target = .new(input, list, currentReviewer(reviewer))
            diff = input.bytes.isEmpty ? nil : DiffParser.parse(input.bytes)
        } else {
            // No diff named: the one open review takes them. A new review without a diff cannot be
            // opened in the workbench, where the findings are to be judged, and read in the log as
            // a patch review with all of them "not in the diff".
            let open = try store.log(LogFilter(state: .open))
            guard open.count == 1, let only = open.first else {
                let named = open.prefix(5).map { "\($0.id) (\(LogReport.range($0.source)))" }.joined(separator: ", ")
                throw InputError(open.isEmpty
                    ? "\(name): no open review to add to: name the diff with --patch FILE or --range RANGE"
                    : "\(name): \(open.count) open reviews; add to one with --into: \(named)\(open.count > 5 ? ", …" : "")")
            }
            target = .existing(only.id)
            diff = try store.diff(sha256: only.source.diffSHA256).map(DiffParser.parse)
            onlyOpen = LogReport.range(only.source)
        }
        if let diff { ImportPaths.place(&imported.findings, in: diff) }
        let summary = try store.importFindings(imported.findings, testsRun: imported.testsRun, into: target,
                                               inDiff: { location in diff.map { ExportContext.contains(location, in: $0) } ?? false })
        let which = summary.created ? " (new review)" : summary.joinedOpen ? " (the open review of this diff)"
            : onlyOpen.map { " (the only open review: \($0))" } ?? ""
        var message = "imported into \(summary.reviewID)\(which): \(summary.line)"
        if let d = imported.decision { message += "; the file's own decision was \(d.rawValue) (mle-review computes its own)" }
        for note in imported.notes { message += "; " + note }
        printError(message)
        print(summary.reviewID)
    }
}
