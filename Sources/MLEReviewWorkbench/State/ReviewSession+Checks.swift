import Foundation
import MLEReviewCore

/// The checks runner's side of the driver: plans (which checks, where), runs one check at a
/// time on a background thread while the workbench stays responsive, hands its output over
/// between keys, and records each run in the store.
extension ReviewSession {
    func planChecks() throws(InputError) {
        let review = workbench.review
        let recorded = Array(review.testsRun.reversed())
        // A finished review, or one opened from the log: its recorded runs, to read; nothing runs.
        if workbench.isReadOnly {
            workbench.checksPanel = ChecksPanel(place: "nowhere: the review is read-only (recorded runs below)", checks: [], untrusted: [],
                                                recorded: recorded, readOnly: true)
            workbench.open(.checks)
            return
        }
        if review.source.kind == .patch && checkFolder == nil {
            workbench.open(.confirm(Workbench.Confirmation(
                question: "Run this patch's checks in \(directory)?",
                detail: "A patch review runs checks only in a folder you confirm: it should hold the code the patch applies to.",
                effects: [.useCheckFolder(directory), .planChecks])))
            return
        }
        let plan = try CheckPlan.make(for: review, diff: scanned ?? workbench.document.diff, repository: GitRepository(directory: directory),
                                      folder: review.source.kind == .patch ? checkFolder : nil)
        self.plan = plan
        let trust = CheckTrust()
        let panel = ChecksPanel(place: plan.place, checks: plan.checks,
                                untrusted: Set(plan.checks.indices.filter { !trust.isTrusted(plan.checks[$0]) }), recorded: recorded)
        workbench.checksPanel = panel
        workbench.open(.checks)
    }

    /// A recorded run's output, read back from the store (compressed there) to view.
    func showRunOutput(_ run: TestRun) throws(InputError) {
        var live = LiveRun(number: workbench.runs.count + 1, line: run.command)
        live.started = run.recordedAt
        live.recorded = run
        if let bytes = try store.runOutput(run.id) {
            live.output = CheckSummary.plain(bytes).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } else {
            live.output = ["(reported, not run: no output was recorded)", "", "\(run.command) — \(run.outcome.rawValue): \(run.summary)"]
        }
        workbench.runs.append(live)
        workbench.open(.runOutput(run: workbench.runs.count - 1, scroll: 0))
    }

    func enqueue(_ check: CheckCommand) {
        queue.append(check)
        startNextRun()
    }

    /// Starts the next queued check when none is running.
    func startNextRun() {
        guard current == nil, !queue.isEmpty, let plan else { return }
        let check = queue.removeFirst()
        guard let index = workbench.runs.firstIndex(where: { $0.isQueued && $0.line == check.line }) else { return }
        workbench.runs[index].started = Date()
        let box = RunBox(index: index)
        current = box
        let (store, id, me) = (self.store, workbench.review.id, workbench.reviewer?.name)
        Thread.detachNewThread {
            let process: CheckProcess
            do throws(InputError) {
                process = try CheckRun.start(check, plan: plan, reviewID: id)
            } catch {
                box.finish(.notStarted(error.message))
                return
            }
            do throws(InputError) {
                switch try CheckRun.finish(process, check: check, plan: plan, reviewID: id, store: store, reviewer: me,
                                           stop: box.stop, onOutput: { box.append($0) }) {
                case .recorded(let run): box.finish(.recorded(run))
                // As a command that cannot start: the command goes back on its line to be put right.
                case .ranNoTest(let why): box.finish(.notStarted(why))
                }
            } catch {
                box.finish(.notSaved(error.message))
            }
        }
    }

    /// Moves output and endings from the running check into the workbench; true when the
    /// screen changed.
    @discardableResult
    public func collectRuns() -> Bool {
        guard let box = current else { return false }
        let (bytes, ending) = box.take()
        var changed = false
        if !bytes.isEmpty {
            let text = CheckSummary.plain(bytes)
            var lines = workbench.runs[box.index].output
            let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let first = parts.first, !lines.isEmpty, !box.lineEnded { lines[lines.count - 1] += first } else if let first = parts.first { lines.append(first) }
            lines += parts.dropFirst()
            box.lineEnded = text.hasSuffix("\n")
            if box.lineEnded, lines.last == "" { lines.removeLast() }
            // The newest 20,000 lines stay on screen; all of it is in the store.
            if lines.count > 20_000 { lines.removeFirst(lines.count - 20_000) }
            workbench.runs[box.index].output = lines
            changed = true
        }
        if let ending {
            current = nil
            switch ending {
            case .recorded(let run):
                workbench.runs[box.index].recorded = run
                if let fresh = try? store.load(workbench.review.id) { workbench.review = fresh }
                workbench.say("recorded: \(run.command) — \(run.outcome.rawValue): \(run.summary)", error: run.outcome.isFailure)
            case .notStarted(let why):
                workbench.runs[box.index].notRecorded = why
                workbench.runs[box.index].output.append(why)
                workbench.say(why, error: true)
                // Back in the panel, the command waits on its line to be put right.
                if var panel = workbench.checksPanel, !panel.readOnly, panel.editor.text.isEmpty, let row = panel.commandRow {
                    panel.editor = TextEditor(workbench.runs[box.index].line)
                    panel.cursor = row
                    workbench.checksPanel = panel
                }
            case .notSaved where workbench.review.isFinished:
                // The review was finished while the check ran: its run has no review to go into,
                // which is no save to retry (the question before finishing said so).
                let line = workbench.runs[box.index].line
                workbench.runs[box.index].notRecorded = "ended after the review was finished: not recorded"
                workbench.say("\(line) ended after the review was finished: not recorded (its output is here: \(workbench.keymap.key(.runChecks)) then \(workbench.keymap.key(.showOutput, in: .checks)))", error: true)
            case .notSaved(let why):
                workbench.runs[box.index].notRecorded = "NOT SAVED: the run could not be recorded: " + why
                workbench.saveState = .failed(why)
                workbench.say("NOT SAVED: the run could not be recorded: \(why)", error: true)
            }
            changed = true
            startNextRun()
        }
        return changed
    }

    /// True while a check runs or waits: the loop then wakes more often to show its output.
    public var runsActive: Bool { current != nil || !queue.isEmpty }

    func cancelRun() { current?.stop.stop() }

    /// Stops what runs and drops what waits, as the workbench ends: a check is not left to run
    /// on, orphaned in its own process group (a visit to the review log is no ending).
    public func stopChecks() {
        queue.removeAll()
        cancelRun()
    }
}

/// How a background check ended.
enum RunEnding: Sendable {
    case recorded(TestRun)
    /// No such program, or pytest's usage error: no test ran and nothing is recorded.
    case notStarted(String)
    /// It ran, but the store refused the record.
    case notSaved(String)
}

/// What a background check hands to the key loop.
final class RunBox: @unchecked Sendable {
    let index: Int
    private let lock = NSLock()
    private var pending: [UInt8] = []
    private var ending: RunEnding?
    let stop = CheckStop()
    /// Whether the output shown so far ended with a line end (touched by the key loop only).
    var lineEnded = true

    init(index: Int) { self.index = index }

    func append(_ bytes: [UInt8]) { lock.lock(); pending += bytes; lock.unlock() }
    func finish(_ result: RunEnding) { lock.lock(); ending = result; lock.unlock() }

    func take() -> ([UInt8], RunEnding?) {
        lock.lock(); defer { lock.unlock() }
        let out = pending
        pending = []
        return (out, ending)
    }
}
