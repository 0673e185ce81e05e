import Foundation

/// Runs one check for a review and records what happened as a test run, output included.
public enum CheckRun {
    /// The check's process, started in the plan's folder; nothing is recorded yet. A command that
    /// cannot be started at all (no such program, no permission) is refused here: it ran no test,
    /// and a typo must not stand in the review as a failed run that blocks it.
    public static func start(_ check: CheckCommand, plan: CheckPlan, reviewID: String,
                             environment: [String: String] = ProcessEnvironment.current) throws(InputError) -> CheckProcess {
        var env = environment
        env["MLE_REVIEW"] = "1"
        env["MLE_REVIEW_ID"] = reviewID
        do {
            return try CheckProcess(check.arguments, folder: plan.folder, environment: env)
        } catch {
            // One word with spaces in it is a whole command line quoted as one program's name.
            let quoted = check.arguments.count == 1 && check.arguments[0].contains(" ")
                ? " (one quoted word: give the command's words apart, -- \(check.arguments[0]))" : ""
            throw InputError(error.message + quoted + ": no test ran, nothing was recorded")
        }
    }

    /// What became of a check that ran.
    public enum Ending: Sendable {
        case recorded(TestRun)
        /// It ran no test (pytest's usage error): why, and nothing recorded.
        case ranNoTest(String)
    }

    /// Waits for a started check and records it as a test run, output included.
    /// - Parameters:
    ///   - stop: lets another thread stop the run (Esc, Ctrl-C), before or after it starts.
    ///   - onOutput: the output as it arrives.
    public static func finish(_ process: CheckProcess, check: CheckCommand, plan: CheckPlan, reviewID: String, store: ReviewStore,
                              reviewer: String?, stop: CheckStop = CheckStop(),
                              onOutput: ([UInt8]) -> Void = { _ in }) throws(InputError) -> Ending {
        stop.attach(process)
        let result = process.wait(timeout: check.timeout, onOutput: onOutput)
        let plain = CheckSummary.plain(result.output)
        let outcome = CheckSummary.outcome(result.ending, command: check.arguments)
        var summary: String
        switch result.ending {
        case .cancelled: summary = "cancelled after \(Int(result.seconds)) s"
        case .timedOut: summary = "timed out after \(Int(check.timeout ?? result.seconds)) s"
        case .exited(let status): summary = CheckSummary.summary(plain, command: check.arguments, failed: outcome != .passed); if summary.isEmpty { summary = "exit status \(status)" }
        }
        let exit: Int? = { if case .exited(let s) = result.ending { return Int(s) }; return nil }()
        // pytest's usage error (exit 4: an unknown option, a test path that is not there) ran no
        // test: a typo in the path stood as an errored run and the review said BLOCK until it
        // was explained, where a command that cannot start records nothing.
        if exit == 4, CheckSummary.isPytest(check.arguments) {
            return .ranNoTest("\(check.line): pytest's usage error (exit 4): \(summary): no test ran, nothing was recorded")
        }
        let run = TestRun(command: check.line, outcome: outcome, summary: summary, recordedBy: reviewer,
                          ran: RunDetails(folder: plan.folder, commit: plan.commit, exitStatus: exit,
                                          milliseconds: Int((result.seconds * 1000).rounded()), check: check.source == .suggested ? nil : check.name))
        try store.addRun(reviewID, run, output: result.output)
        return .recorded(run)
    }
}

/// A way to stop a check from another thread: asked before the process exists, it stops it as
/// soon as it starts.
public final class CheckStop: @unchecked Sendable {
    private let lock = NSLock()
    private var process: CheckProcess?
    private var stopped = false

    public init() {}

    func attach(_ p: CheckProcess) {
        lock.lock(); process = p; let now = stopped; lock.unlock()
        if now { p.cancel() }
    }

    public func stop() {
        lock.lock(); stopped = true; let p = process; lock.unlock()
        p?.cancel()
    }
}
