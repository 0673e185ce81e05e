import ArgumentParser
import Foundation
import MLEReviewCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a check (pytest, ruff, mypy, the team's own) on the reviewed head and record it as a test run.",
        discussion: """
        For a range review the check runs on the reviewed head: in the work tree when it is clean and at that \
        commit, else in a worktree of the head kept for the review (removed when the review is finished). A \
        patch review runs checks only in a folder you give (--in). With no command, the checks suggested for \
        the change are listed. Commands from the reviewed head's own .mle-review/config.toml run only once \
        confirmed with --trust. The exit status is the check's; a command that cannot be started (no such \
        program) ran no test: nothing is recorded and the status is 2.
        Examples:
          mle-review run --range main...feature   # the suggested checks
          mle-review run latest --check pytest
          mle-review run --range main...feature -- pytest -q tests/test_predict.py
        """
    )

    @Argument(help: "The review: an id, an id prefix, or `latest` (or give --range / --patch).")
    var review: String?

    @Option(help: ArgumentHelp("Resume or start the review of this git range, as opening it would.", valueName: "RANGE"))
    var range: String?

    @Option(help: ArgumentHelp("Resume or start the review of this diff file.", valueName: "FILE"))
    var patch: String?

    @Option(help: ArgumentHelp("Run the suggested or configured check of this name.", valueName: "NAME"))
    var check: String?

    @Option(name: .customLong("in"), help: ArgumentHelp("Run in this folder (required for a patch review).", valueName: "FOLDER"))
    var folder: String?

    @Option(help: ArgumentHelp("Stop the check after this many seconds.", valueName: "SECONDS"))
    var timeout: Double?

    @Flag(help: "Confirm a command that comes from the reviewed head's own config (remembered for that exact command).")
    var trust = false

    @Option(help: ArgumentHelp("Your name (default: git config user.name).", valueName: "NAME"))
    var reviewer: String?

    @OptionGroup var storeOptions: StoreOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command to run, after --.", valueName: "COMMAND"))
    var command: [String] = []

    func validate() throws {
        if [review != nil, range != nil, patch != nil].filter({ $0 }).count > 1 { throw ValidationError("give one of REVIEW, --range or --patch") }
        if check != nil && !command.isEmpty { throw ValidationError("give --check NAME or a command after --, not both") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be above 0 seconds") }
    }

    func run() throws {
        let store = try storeOptions.open()
        let repository = GitRepository()
        let me = currentReviewer(reviewer)
        // --range and --patch resume or start the review as opening them would.
        let input = try range.map { r throws(InputError) in try ReviewInput.range(r, repository: repository) }
            ?? patch.map { p throws(InputError) in try ReviewInput.patch(p) }
        let id: String
        if let input {
            let list = try ChecklistLoader.load(file: nil, repositoryRoot: repository.topLevel(), source: input.source)
            id = try store.openReview(input, checklist: list, reviewer: me).id
        } else {
            id = try store.resolve(review ?? "latest")
        }
        let r = try store.load(id)
        if r.isFinished { throw InputError("review \(id) is finished; `mle-review reopen \(id)` starts a new revision to run checks in") }
        let diff = try input.map { DiffParser.parse($0.bytes) } ?? store.diff(sha256: r.source.diffSHA256).map(DiffParser.parse)
        let plan = try CheckPlan.make(for: r, diff: diff, repository: repository, folder: folder)
        var chosen: CheckCommand
        if !command.isEmpty {
            chosen = CheckCommand(name: command[0], arguments: command, timeout: timeout, source: .user)
        } else if let check {
            guard let c = plan.checks.first(where: { $0.name == check }) else {
                throw InputError("no check named \(check) for review \(id) (here: \(plan.checks.map(\.name).joined(separator: ", ")))")
            }
            chosen = c
            if let timeout { chosen.timeout = timeout }
        } else {
            print("Checks for review \(id), run in \(SafeText.escaped(plan.place)):")
            if plan.checks.isEmpty { print("  none suggested; give one after --") }
            let trust = CheckTrust()
            for c in plan.checks {
                let mark = c.source == .head ? (trust.isTrusted(c) ? " (from the reviewed head; trusted)" : " (from the reviewed head: needs --trust)") : ""
                print("  \(c.name.padding(10)) \(SafeText.escaped(c.line))  [\(c.source.rawValue)]\(mark)")
            }
            return
        }
        let trust = CheckTrust()
        if !trust.isTrusted(chosen) {
            guard self.trust else {
                throw InputError("check \(chosen.name) comes from the reviewed head's .mle-review/config.toml, which the change edits; "
                                 + "to run `\(SafeText.escaped(chosen.line))` confirm it once with --trust")
            }
            try trust.trust(chosen)
        }
        // Ctrl-C stops the check (its whole process group) and records it as cancelled; so do
        // SIGTERM and a closed terminal's SIGHUP, which would otherwise end this process alone
        // and leave the check running in its own group.
        let stop = CheckStop()
        let interrupts = [SIGINT, SIGTERM, SIGHUP].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.stop() }
            source.resume()
            return source
        }
        let process = try CheckRun.start(chosen, plan: plan, reviewID: id)
        printError("running \(SafeText.escaped(chosen.line)) in \(SafeText.escaped(plan.place))")
        let ending = try CheckRun.finish(process, check: chosen, plan: plan, reviewID: id, store: store, reviewer: me?.name,
                                         stop: stop,
                                         onOutput: { bytes in StandardOutput.write(SafeText.escapedKeepingLines(CheckSummary.plain(bytes))) })
        interrupts.forEach { $0.cancel() }
        let run: TestRun
        switch ending {
        case .recorded(let recorded): run = recorded
        case .ranNoTest(let why): throw InputError(why)
        }
        printError("recorded in \(id): \(SafeText.escaped(run.command)) — \(run.outcome.rawValue): \(SafeText.escaped(run.summary))")
        let code: Int32
        switch run.outcome {
        case .passed: code = 0
        case .cancelled: code = 130
        case .timedOut: code = 124
        default: code = Int32(run.ran?.exitStatus ?? 1)
        }
        if code != 0 { throw ExitCode(code) }
    }
}

