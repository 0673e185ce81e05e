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
    public var isRunning: Bool { started != nil && recorded == nil }
    public var isQueued: Bool { started == nil && recorded == nil }
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

    mutating func handleChecks(_ key: Key) -> [Effect] {
        guard var panel = checksPanel else { overlay = nil; return [] }
        panel.error = nil
        let typing = panel.cursor == panel.commandRow
        switch key {
        case .escape:
            overlay = nil
            return []
        case .up: panel.cursor = max(0, panel.cursor - 1)
        case .down, .tab: panel.cursor = min(panel.rowCount - 1, panel.cursor + 1)
        case .char("k") where !typing: panel.cursor = max(0, panel.cursor - 1)
        case .char("j") where !typing: panel.cursor = min(panel.rowCount - 1, panel.cursor + 1)
        case .char("o") where !typing:
            // The output of the newest run, live or recorded.
            guard !runs.isEmpty else { panel.error = "no run yet in this session"; break }
            checksPanel = panel
            overlay = .runOutput(run: runs.count - 1, scroll: Int.max)
            return []
        case .enter where panel.cursor >= panel.firstRecordedRow:
            let run = panel.recorded[panel.cursor - panel.firstRecordedRow]
            checksPanel = panel
            return [.showRunOutput(run)]
        case .enter where panel.readOnly:
            break
        case .enter:
            if typing {
                let line = panel.editor.text.trimmingSpaces()
                guard !line.isEmpty else { panel.error = "type a command, e.g. pytest -q tests/"; break }
                do {
                    let words = try Shell.words(line)
                    panel.editor = TextEditor("")
                    checksPanel = panel
                    return startRun(CheckCommand(name: words[0], arguments: words, timeout: nil, source: .user))
                } catch {
                    panel.error = error.message
                }
                break
            }
            let check = panel.checks[panel.cursor]
            checksPanel = panel
            if panel.untrusted.contains(panel.cursor) {
                overlay = .confirm(Confirmation(question: "Run a command from the reviewed head's own config?",
                                                detail: "The change adds or edits .mle-review/config.toml; it would run: \(check.line)  (y trusts this exact command from now on)",
                                                effects: [.trustCheck(check), .runCheck(check)], back: .checks))
                return []
            }
            return startRun(check)
        default:
            if typing, panel.editor.handle(key) { break }
        }
        checksPanel = panel
        return []
    }

    mutating func startRun(_ check: CheckCommand) -> [Effect] {
        overlay = .runOutput(run: runs.count, scroll: Int.max)
        runs.append(LiveRun(number: runs.count + 1, line: check.line))
        return [.runCheck(check)]
    }

    mutating func handleRunOutput(run index: Int, scroll: Int, _ key: Key) -> [Effect] {
        guard index < runs.count else { overlay = nil; return [] }
        let height = max(1, layout.height - 8)
        let lines = runs[index].output.count
        let top = min(scroll, max(0, lines - height))
        switch key {
        case .escape where runs[index].isRunning:
            say("stopping \(runs[index].line)…")
            return [.cancelRun]
        case .escape, .char("q"):
            overlay = .checks
        case .char("b"):
            overlay = nil
            if runs[index].isRunning { say("running in the background: the title bar shows it; T then o shows its output") }
        case .char("j"), .down: overlay = .runOutput(run: index, scroll: top + 1)
        case .char("k"), .up: overlay = .runOutput(run: index, scroll: max(0, top - 1))
        case .pageDown, .char(" "): overlay = .runOutput(run: index, scroll: top + height)
        case .pageUp: overlay = .runOutput(run: index, scroll: max(0, top - height))
        case .char("g"), .home: overlay = .runOutput(run: index, scroll: 0)
        case .char("G"), .end: overlay = .runOutput(run: index, scroll: Int.max)
        case .char("x"):
            guard let t = runs[index].recorded, t.outcome.isFailure, !isReadOnly else { say("x explains a failed run once it is recorded", error: true); return [] }
            overlay = .form(Form(kind: .explainRun(t.id), title: "Why this failed run is acceptable (it then warns instead of blocking)", fields: [
                Form.text("explanation", "Explanation", t.explanation ?? "", multiline: true),
            ]))
        case .char("["): if index > 0 { overlay = .runOutput(run: index - 1, scroll: Int.max) }
        case .char("]"): if index + 1 < runs.count { overlay = .runOutput(run: index + 1, scroll: Int.max) }
        default: break
        }
        return []
    }
}
