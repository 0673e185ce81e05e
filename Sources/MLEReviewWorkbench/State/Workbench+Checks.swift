import Foundation
import MLEReviewCore

/// The checks runner (`T`): the checks this change suggests, a line to type any command, the
/// runs of this session live, and the recorded runs with their output.
public struct ChecksPanel: Equatable, Sendable {
    /// Where the checks run, said at the top.
    public var place: String
    public var checks: [CheckCommand]
    /// Indexes of checks from the reviewed head's config that are not trusted yet.
    public var untrusted: Set<Int>
    public var cursor = 0
    public var editor = TextEditor("")
    public var error: String?
    /// The review's recorded runs (newest first), whose output can be read again; in a
    /// read-only review the panel holds only these.
    public var recorded: [TestRun] = []
    public var readOnly = false

    public init(place: String, checks: [CheckCommand], untrusted: Set<Int>, recorded: [TestRun] = [], readOnly: Bool = false) {
        self.place = place
        self.checks = checks
        self.untrusted = untrusted
        self.recorded = recorded
        self.readOnly = readOnly
    }

    /// Rows: each check, the command line (unless read-only), then the recorded runs.
    var commandRow: Int? { readOnly ? nil : checks.count }
    var firstRecordedRow: Int { checks.count + (readOnly ? 0 : 1) }
    var rowCount: Int { firstRecordedRow + recorded.count }
}

/// A check started from the workbench, while it runs and once it is recorded.
public struct LiveRun: Equatable, Sendable {
    public var number: Int
    public var line: String
    public var started: Date?
    /// Plain text lines of output so far (colours stripped, controls shown escaped).
    public var output: [String] = []
    public var recorded: TestRun?
    /// Why the run is not in the review: it could not be started (no test ran), or the store
    /// refused it.
    public var notRecorded: String?
    public var isRunning: Bool { started != nil && recorded == nil && notRecorded == nil }
    public var isQueued: Bool { started == nil && recorded == nil && notRecorded == nil }
}

extension Workbench {

    /// The run a `b`-backgrounded or live check is in, for the title bar: `▶ pytest 12s`.
    public var runningLabel: String? {
        guard let r = runs.first(where: \.isRunning), let started = r.started else { return nil }
        let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        let elapsed = Date().timeIntervalSince(started)
        let queued = runs.filter(\.isQueued).count
        let name = r.line.split(separator: " ").prefix(3).joined(separator: " ")
        return "\(frames[Int(elapsed * 8) % frames.count]) \(name) \(Int(elapsed))s" + (queued > 0 ? " +\(queued) queued" : "")
    }

    mutating func startRun(_ check: CheckCommand) -> [Effect] {
        open(.runOutput(run: runs.count, scroll: Int.max))
        runs.append(LiveRun(number: runs.count + 1, line: check.line))
        return [.runCheck(check)]
    }
}
