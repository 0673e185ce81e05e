import ArgumentParser
import MLEReviewCore

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Print the ML hints for a diff, without a screen (for CI).",
        discussion: """
        Hints are raised on added lines only. `# mle-review: ignore[RULE] reason` on a line waives a hint there. \
        Exit status: 0, or 1 with --fail-on when a hint at or above that severity is not waived.
        Examples:
          mle-review scan main...feature
          mle-review scan --patch pr.diff --format json
          mle-review scan origin/main...HEAD --fail-on HIGH --format sarif > hints.sarif
          mle-review scan --evaluate Tests/HintCorpus --misses
        """
    )

    @Argument(help: "A git range, as `git diff` takes it (default: what mle-review opens, this branch's changes).")
    var range: String?

    @Option(help: ArgumentHelp("A diff file ('-' for standard input).", valueName: "FILE"))
    var patch: String?

    @Option(help: "How to print the hints.")
    var format: HintFormat = .text

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when a hint at or above this severity is found.", valueName: "SEVERITY"))
    var failOn: Severity?

    @Option(help: ArgumentHelp("Measure the rules on a folder of labelled cases and print recall and precision per family, for the development and the held-out part.", valueName: "DIR"))
    var evaluate: String?

    @Flag(help: "With --evaluate: list the development part's misses and false alarms (never the held-out part's).")
    var misses = false

    func validate() throws {
        if range != nil && patch != nil { throw ValidationError("give a RANGE or --patch FILE, not both") }
        if evaluate != nil && (range != nil || patch != nil) { throw ValidationError("--evaluate reads its own cases: give no RANGE or --patch") }
        if misses && evaluate == nil { throw ValidationError("--misses goes with --evaluate DIR") }
    }

    func run() throws {
        if let folder = evaluate {
            let evaluation = HintEvaluation(cases: try HintCorpusCase.load(folder: folder))
            print(evaluation.table(), terminator: "")
            if misses {
                print("development misses (\(evaluation.misses.count)):")
                evaluation.misses.forEach { print("  " + SafeText.escaped($0)) }
                print("development false alarms (\(evaluation.falseAlarms.count)):")
                evaluation.falseAlarms.forEach { print("  " + SafeText.escaped($0)) }
            }
            return
        }
        let (bytes, range) = try diffToRead(patch: patch, range: range)
        let diff = DiffParser.parse(bytes)
        if let patch, let note = diff.seriesNote(name: inputName(patch)) { printError(note) }
        // For a range, whole new files come from git (to number notebook cells the diff shows in part).
        var newFile: (@Sendable (String) -> [UInt8]?)?
        if let range {
            let repo = GitRepository()
            let head = try repo.commits(of: range).head
            newFile = { path in repo.newFile(path, at: head) }
        }
        let hints = HintScanner.scan(diff, newFile: newFile)
        // Printed a hint at a time: a diff with many hints does not hold their report as well.
        let out = BufferedOutput()
        switch format {
        case .json: HintReport.json(hints, write: out.write)
        case .sarif: out.write(HintReport.sarif(hints, diff: diff))
        case .text: HintReport.text(hints, write: out.write)
        }
        out.flush()
        if let limit = failOn, hints.contains(where: { $0.waiver == nil && $0.severity <= limit }) {
            throw ExitCode(1)
        }
    }
}
