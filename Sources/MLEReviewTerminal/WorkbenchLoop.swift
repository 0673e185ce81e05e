import MLEReviewCore
import MLEReviewWorkbench

/// How a loop ended.
public enum LoopExit: Sendable {
    case quit
    /// Ctrl-C, or the terminal went away: leave everything.
    case interrupted
    /// The reviewer asked for the review log.
    case auditLog
}

/// Runs the workbench on the terminal until the reviewer quits: draw, read a key, apply it.
public enum WorkbenchLoop {
    @discardableResult
    public static func run(_ driver: ReviewSession, screen: TerminalScreen) -> LoopExit {
        driver.workbench.resize(width: screen.width, height: screen.height)
        driver.exit = nil
        driver.terminal = screen
        defer { driver.leave(); driver.terminal = nil }
        driver.workbench.coalesceTypedSearch = true
        driver.workbench.countsInBackground = true
        var dirty = true
        var queued: Key?
        while driver.exit == nil {
            if dirty {
                // Keys already waiting (a paste, key repeat) are handled before a frame is drawn.
                queued = screen.readKey(timeout: 0)
                if queued == nil {
                    driver.workbench.settleTypedSearch()
                    let full = driver.workbench.fullRedraw
                    driver.workbench.fullRedraw = false
                    screen.draw(Screen.render(driver.workbench), full: full)
                }
            }
            driver.startPendingCount()
            driver.afterFirstScreen()
            // Wake up now and then between keys: to show hints when they arrive, and what the
            // other reviewer of a pair changed (within a second, without a key); soon, for a
            // search's count.
            let waiting = driver.hintsPending || driver.runsActive || driver.diffPending
            guard let key = queued ?? screen.readKey(timeout: driver.countPending ? 5 : waiting ? 100 : 250) else {
                if screen.closed { return .interrupted }
                dirty = driver.collectCount() || driver.collectHints() || driver.collectRuns() || driver.runsActive || driver.poll()
                driver.storePendingDiff()
                continue
            }
            queued = nil
            driver.collectRuns()
            dirty = true
            driver.collectHints()
            if key == .resize {
                driver.workbench.resize(width: screen.width, height: screen.height)
                continue
            }
            driver.handle(key)
            driver.poll(afterKey: true)
        }
        switch driver.exit {
        case .auditLog: return .auditLog
        case .interrupted: return .interrupted
        default: return .quit
        }
    }
}

/// The review log on the terminal. Enter opens a review read-only in the workbench; q there
/// comes back to the list, q here leaves.
public enum AuditLoop {
    public static func run(store: ReviewStore, screen: TerminalScreen, queryText: String = "", directory: String,
                           staleness: StalenessChecker?, config: WorkbenchConfig = WorkbenchConfig()) -> LoopExit {
        var browser = AuditBrowser(width: screen.width, height: screen.height, queryText: queryText)
        browser.keymap = config.keymap
        var full = true
        while !browser.quitRequested {
            if browser.reloadRequested {
                do {
                    var entries = try store.log(browser.filter)
                    staleness?.fill(&entries)
                    browser.setEntries(entries)
                } catch {
                    browser.setEntries([])
                    browser.say(error.message, error: true)
                }
            }
            screen.draw(AuditView.render(browser), full: full)
            full = false
            guard let key = screen.readKey(timeout: -1) else { return .interrupted }
            if key == .resize { browser.resize(width: screen.width, height: screen.height); full = true; continue }
            browser.handle(key)
            if browser.interruptRequested { return .interrupted }
            if browser.suspendRequested {
                browser.suspendRequested = false
                if let refusal = screen.suspendToShell() { browser.say(refusal, error: true) }
                browser.resize(width: screen.width, height: screen.height)
                full = true
                continue
            }
            guard let id = browser.openRequested else { continue }
            browser.openRequested = nil
            do {
                let driver = try ReviewSession.openPast(id, store: store, width: screen.width, height: screen.height, directory: directory)
                driver.workbench.configure(config)
                if WorkbenchLoop.run(driver, screen: screen) == .interrupted { return .interrupted }
            } catch {
                browser.say(error.message, error: true)
            }
            browser.resize(width: screen.width, height: screen.height)
            browser.reloadRequested = true
            full = true
        }
        return .quit
    }
}
