import Foundation
import MLEReviewCore
import MLEReviewTerminal
import MLEReviewWorkbench

/// What every workbench command is given (`--checklist`, `--theme`, `--reviewer`, `--role`,
/// `--store`), as plain values: the parser's option group and the quick reader of the open
/// command's common lines both make one.
struct WorkbenchSettings: Equatable {
    var checklist: String?
    var theme: String?
    var reviewer: String?
    var role: ReviewerRole = .reviewer
    var store: String?

    var me: Reviewer? { currentReviewer(reviewer, role: role) }

    /// Opens the workbench on a diff and runs it until the reviewer quits.
    func run(input: ReviewInput, store: ReviewStore, seed: ((ReviewStore, String) throws(InputError) -> Void)? = nil) throws(InputError) {
        let list = try ChecklistLoader.load(file: checklist, repositoryRoot: GitRepository().topLevel(), source: input.source)
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

    /// A patch file or a range's diff: its first screen is drawn from its first bytes at once,
    /// then `input` reads the rest (the whole file, or the range's commits), the store and the
    /// team's config are opened, and the review takes over the screen. Only the user's own
    /// config can shape that first screen (the team's is read from git); a team theme is
    /// applied once it is known.
    func runPreviewed(label: String, prefix: (bytes: [UInt8], size: Int), input read: () throws(InputError) -> ReviewInput) throws(InputError) {
        // The first frame is drawn on the second core while the config and theme are read and
        // ncurses starts on this one (a frame is in roles: the theme colours it when it is put out).
        TerminalScreen.prepareLocale()
        let size = TerminalScreen.expectedSize()
        let frame = PreviewFrame(prefix: prefix.bytes, totalBytes: prefix.size, label: label, width: size?.width ?? 80,
                                 height: size?.height ?? 24, beside: size != nil && TerminalScreen.localeIsUTF8)
        let own: WorkbenchConfig
        do { own = try WorkbenchConfig.load(team: nil, userFile: TeamConfig.userFile()) } catch { frame.configure(nil); throw error }
        frame.configure(own)
        let themed = try ThemeLoader.load(name: theme ?? own.view.theme)
        let screen = try startScreen(theme: themed, config: own)
        defer { screen.close() }
        let grid = frame.grid(width: screen.width, height: screen.height)
        screen.draw(grid, full: true)
        WarmUp.start { _ = ChecklistLoader.builtIn } // while `read` and the store work here
        let input = try read()
        let store = try openStore(at: store)
        let config = try WorkbenchConfig.load(for: input.source)
        if self.theme == nil, config.view.theme != own.view.theme { screen.setTheme(try ThemeLoader.load(name: config.view.theme)) }
        let list = try ChecklistLoader.load(file: checklist, repositoryRoot: GitRepository().topLevel(), source: input.source)
        let driver = try ReviewSession.open(input: input, store: store, checklist: list, reviewer: me, width: screen.width, height: screen.height,
                                            directory: FileManager.default.currentDirectoryPath)
        driver.workbench.configure(config)
        if input.source.kind == .range, let note = GitDiff.untrackedLeftOut { driver.workbench.say(note, error: true) }
        if let note = Self.uncommittedNote(input.source) { driver.workbench.say(note, error: true) }
        try loop(driver, store: store, screen: screen, config: config)
    }

    /// A review of the checked-out branch's commits does not show what the work tree changes
    /// beyond them: a reviewer of their own branch read their edits as reviewed.
    static func uncommittedNote(_ source: ReviewSource) -> String? {
        guard source.kind == .range, let head = source.headCommit, let range = source.range else { return nil }
        let repo = GitRepository()
        guard repo.resolve("HEAD") == head, let n = repo.uncommittedChanges(), n > 0 else { return nil }
        return "\(n) uncommitted change\(n == 1 ? " is" : "s are") not in this review of \(range) (mle-review HEAD reviews them)"
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
        driver.stopChecks()
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
