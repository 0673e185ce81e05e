import ArgumentParser
import Foundation
import MLEReviewCore
import MLEReviewTerminal
import MLEReviewWorkbench

/// Options every workbench command shares.
struct WorkbenchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A Markdown checklist (default: the repository's .mle-review/checklist.md, else the built-in one).", valueName: "FILE"))
    var checklist: String?

    @Option(help: ArgumentHelp("A theme from Themes/ or $XDG_CONFIG_HOME/mle-review/themes/ (default-dark, default-light, high-contrast, monochrome), or a .toml file.", valueName: "NAME"))
    var theme: String?

    @Option(help: ArgumentHelp("Your name on the review (default: git config user.name).", valueName: "NAME"))
    var reviewer: String?

    @Option(help: ArgumentHelp("Your role when pairing.", valueName: "ROLE"))
    var role: ReviewerRole = .reviewer

    @OptionGroup var storeOptions: StoreOptions

    var settings: WorkbenchSettings {
        WorkbenchSettings(checklist: checklist, theme: theme, reviewer: reviewer, role: role, store: storeOptions.store)
    }
}

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the review workbench (the default command).",
        discussion: """
        Without a RANGE: the current branch against its upstream when that is another branch (its base), \
        else against the default branch (a branch pushed to its own name is reviewed whole, as its pull \
        request shows it), else the uncommitted changes. Reopening the same range resumes its review.
        Examples:
          mle-review                          # this branch's changes
          mle-review main...feature
          mle-review --patch pr.diff
          gh pr diff 12 | mle-review --patch -
        Press ? in the workbench for every key.
        """
    )

    @Argument(help: "A git range, as `git diff` takes it.")
    var range: String?

    @Option(help: ArgumentHelp("Review a diff file instead ('-' reads standard input; keys still come from the terminal).", valueName: "FILE"))
    var patch: String?

    @OptionGroup var options: WorkbenchOptions

    func validate() throws {
        if range != nil && patch != nil { throw ValidationError("give a RANGE or --patch FILE, not both") }
    }

    var request: OpenRequest { OpenRequest(range: range, patch: patch, settings: options.settings) }

    func run() throws { try request.run() }
}

struct JoinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Open a review someone else has open (pairing): the same review, your own cursor, live.",
        discussion: """
        Both terminals share the store (same host: two ssh logins, two tmux panes). Each change \
        shows in the other within a second; the title bar shows who else is here and where.
        Examples:
          mle-review main...feature --role driver          # the driver opens the range
          mle-review join latest --role navigator          # the navigator joins it
        """
    )

    @OptionGroup var target: ReviewArgument

    @OptionGroup var options: WorkbenchOptions

    func run() throws {
        let settings = options.settings
        let store = try openStore(at: settings.store)
        let id = try store.resolve(target.review)
        try settings.run(store: store, source: try store.load(id).source) { (width, height) throws(InputError) in
            try ReviewSession.join(id, store: store, reviewer: settings.me, width: width, height: height,
                                     directory: FileManager.default.currentDirectoryPath)
        }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open a bundled sample ML pull request in the workbench, in a store of its own.",
        discussion: "Needs no repository and no setup. --print-diff writes the sample diff to standard output instead."
    )

    @Flag(help: "Print the sample diff instead of opening it.")
    var printDiff = false

    @OptionGroup var options: WorkbenchOptions

    func run() throws {
        if printDiff { print(DemoPullRequest.diff, terminator: ""); return }
        let bytes = Array(DemoPullRequest.diff.utf8)
        let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: DemoPullRequest.label, diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        let settings = options.settings
        let store = try ReviewStore(path: settings.store ?? UserFolders.data() + "/mle-review/demo.sqlite")
        // The demo is for trying things: a demo review finished last time continues as a revision.
        if let id = try store.find(source: input.source), try store.load(id).isFinished {
            _ = try store.reopen(id, reviewer: settings.me)
        }
        try settings.run(input: input, store: store) { (store, id) throws(InputError) in
            let imported = try TextImport.parse(DemoPullRequest.aiReview, name: "ai-reviewer.txt")
            try store.addImported(id, findings: imported.findings, testsRun: imported.testsRun)
        }
    }
}

/// Takes over the terminal with the theme (`--theme`, else the config's) and the config's mouse
/// setting; standard error is captured until the screen closes.
func startScreen(theme name: String?, config: WorkbenchConfig) throws(InputError) -> TerminalScreen {
    try startScreen(theme: try ThemeLoader.load(name: name ?? config.view.theme), config: config)
}

func startScreen(theme: Theme, config: WorkbenchConfig) throws(InputError) -> TerminalScreen {
    let screen = try TerminalScreen(theme: theme, mouse: config.view.mouse)
    StderrCapture.begin()
    return screen
}
