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

    var me: Reviewer? { currentReviewer(reviewer, role: role) }

    /// Opens the workbench on a diff and runs it until the reviewer quits.
    func run(input: ReviewInput, store: ReviewStore, checklistFile: String?, seed: ((ReviewStore, String) throws(InputError) -> Void)? = nil) throws(InputError) {
        let list = try ChecklistLoader.load(file: checklistFile, repositoryRoot: GitRepository().topLevel(), source: input.source)
        try run(store: store, source: input.source) { (width, height) throws(InputError) in
            let existing = try store.find(source: input.source)
            let driver = try ReviewSession.open(input: input, store: store, checklist: list, reviewer: me, width: width, height: height,
                                                  directory: FileManager.default.currentDirectoryPath)
            if existing == nil, let seed {
                try seed(store, driver.workbench.review.id)
                driver.workbench.review = try store.load(driver.workbench.review.id)
            }
            return driver
        }
    }

    /// Runs the workbench on the driver `open` makes once the screen's size is known; `source`
    /// says where the team's config is read (the base side of a range).
    func run(store: ReviewStore, source: ReviewSource?, open: (Int, Int) throws(InputError) -> ReviewSession) throws(InputError) {
        // Everything that can fail on bad input fails before the terminal is touched.
        let config = try WorkbenchConfig.load(for: source)
        let screen = try startScreen(theme: theme, config: config)
        // Closed on every way out, an error too: the error's line is printed after.
        defer { screen.close() }
        let driver = try open(screen.width, screen.height)
        driver.workbench.configure(config)
        try loop(driver, store: store, screen: screen, config: config)
    }

    /// A patch file: its first screen is drawn from its first bytes at once, then the
    /// whole file is read, hashed and parsed, the store and the team's config opened, and the
    /// review takes over the screen. Only the user's own config can shape that first screen
    /// (the team's is read from git); a team theme is applied once it is known.
    func runPreviewed(patch: String, prefix: (bytes: [UInt8], size: Int), checklistFile: String?, storeOptions: StoreOptions) throws(InputError) {
        let own = try WorkbenchConfig.load(team: nil, userFile: TeamConfig.userFile())
        let themed = try ThemeLoader.load(name: theme ?? own.view.theme)
        // The first frame is drawn on the second core while ncurses starts on this one.
        TerminalScreen.prepareLocale()
        let size = TerminalScreen.expectedSize()
        let frame = PreviewFrame(prefix: prefix.bytes, totalBytes: prefix.size, label: patch, config: own, width: size?.width ?? 80,
                                 height: size?.height ?? 24, beside: size != nil && TerminalScreen.localeIsUTF8)
        let screen = try startScreen(theme: themed, config: own)
        defer { screen.close() }
        let grid = frame.grid(width: screen.width, height: screen.height)
        screen.draw(grid, full: true)
        let input = try ReviewInput.patch(patch)
        let store = try storeOptions.open()
        let config = try WorkbenchConfig.load(for: input.source)
        if self.theme == nil, config.view.theme != own.view.theme { screen.setTheme(try ThemeLoader.load(name: config.view.theme)) }
        let list = try ChecklistLoader.load(file: checklistFile, repositoryRoot: GitRepository().topLevel(), source: input.source)
        let driver = try ReviewSession.open(input: input, store: store, checklist: list, reviewer: me, width: screen.width, height: screen.height,
                                            directory: FileManager.default.currentDirectoryPath)
        driver.workbench.configure(config)
        try loop(driver, store: store, screen: screen, config: config)
    }

    /// The workbench until the reviewer leaves, with visits to the review log.
    func loop(_ driver: ReviewSession, store: ReviewStore, screen: TerminalScreen, config: WorkbenchConfig) throws(InputError) {
        // L in the workbench visits the review log; q there comes back here.
        while WorkbenchLoop.run(driver, screen: screen) == .auditLog {
            let exit = AuditLoop.run(store: store, screen: screen, directory: FileManager.default.currentDirectoryPath,
                                     staleness: StalenessChecker.here(), config: config)
            if exit == .interrupted { break }
            driver.workbench.fullRedraw = true
        }
        driver.afterFirstScreen() // in case the loop ended before drawing
        driver.storePendingDiff(wait: true)
        // Left with changes the store refused (Ctrl-C skips the question q asks): kept, and said.
        if !driver.workbench.unsaved.isEmpty { driver.keepUnsaved() }
        if let note = driver.exitNote {
            screen.close()
            printError(note)
            Foundation.exit(1)
        }
    }
}

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the review workbench (the default command).",
        discussion: """
        Without a RANGE: the current branch against its upstream, else against the default branch, else \
        the uncommitted changes. Reopening the same range resumes its review.
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

    func run() throws {
        let repo = GitRepository()
        let input: ReviewInput
        if let patch {
            // A file shows its first screen from its first bytes, before it is read whole and
            // before git, the store and the team's config are asked anything.
            if let prefix = try ByteInput.prefix(path: patch, limit: Workbench.previewBytes) {
                return try options.runPreviewed(patch: patch, prefix: prefix, checklistFile: options.checklist, storeOptions: options.storeOptions)
            }
            input = try ReviewInput.patch(patch)
        } else {
            do {
                input = try ReviewInput.range(range ?? repo.defaultReviewRange(), repository: repo)
            } catch {
                // A bare word git does not know, one typo from a command, was meant as the command
                // (`mle-review lgo`): say that rather than what git thinks of it as a range.
                if let range, let command = MLEReview.command(near: range) {
                    throw InputError("'\(range)' is neither a command nor a git range; did you mean 'mle-review \(command)'?")
                }
                throw error
            }
        }
        try options.run(input: input, store: try options.storeOptions.open(), checklistFile: options.checklist)
    }
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
        let store = try options.storeOptions.open()
        let id = try store.resolve(target.review)
        try options.run(store: store, source: try store.load(id).source) { (width, height) throws(InputError) in
            try ReviewSession.join(id, store: store, reviewer: options.me, width: width, height: height,
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
        let store = try ReviewStore(path: options.storeOptions.store ?? UserFolders.data() + "/mle-review/demo.sqlite")
        // The demo is for trying things: a demo review finished last time continues as a revision.
        if let id = try store.find(source: input.source), try store.load(id).isFinished {
            _ = try store.reopen(id, reviewer: options.me)
        }
        try options.run(input: input, store: store, checklistFile: options.checklist) { (store, id) throws(InputError) in
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
