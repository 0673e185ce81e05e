import Foundation

/// Everything a review holds. The store keeps it durable edit by edit; export and import turn it
/// into documents; the verdict is computed from it, never stored.
public struct Review: Sendable, Equatable, Codable {
    public var id: String
    public var source: ReviewSource
    public var checklist: ChecklistRef
    public var reviewers: [Reviewer]
    /// Item id → the reviewer's decision on it. Absent means unchecked.
    public var items: [String: ItemMark]
    public var findings: [Finding]
    public var testsRun: [TestRun]
    /// Path → hash of that file's diff when it was marked viewed; a changed diff clears the mark.
    public var viewedFiles: [String: String]
    public var override: DecisionOverride?
    public var createdAt: Date
    public var updatedAt: Date
    /// Set once the review is finished; a finished review is never edited again.
    public var finish: Finish?
    /// The review this one is a later revision (or a carried-forward successor) of.
    public var revisionOf: String?

    public init(id: String = Review.newID(), source: ReviewSource, checklist: ChecklistRef, reviewers: [Reviewer] = [],
                items: [String: ItemMark] = [:], findings: [Finding] = [], testsRun: [TestRun] = [],
                viewedFiles: [String: String] = [:], override: DecisionOverride? = nil,
                createdAt: Date = Date(), updatedAt: Date? = nil, finish: Finish? = nil, revisionOf: String? = nil) {
        self.id = id
        self.source = source
        self.checklist = checklist
        self.reviewers = reviewers
        self.items = items
        self.findings = findings
        self.testsRun = testsRun
        self.viewedFiles = viewedFiles
        self.override = override
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.finish = finish
        self.revisionOf = revisionOf
    }

    public var isFinished: Bool { finish != nil }

    public func state(of itemID: String) -> ItemState { items[itemID]?.state ?? .unchecked }

    /// Short random ids: unique enough across machines for reviews that travel through git.
    public static func newID(prefix: String = "r") -> String {
        prefix + "-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10)
    }
}

public struct ReviewSource: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case range, patch }
    public var kind: Kind
    /// The git range as typed (`main...feature`), for a range.
    public var range: String?
    public var baseCommit: String?
    public var headCommit: String?
    /// The patch file's path (or `-`), for a patch, as given: what the review calls it.
    public var patchPath: String?
    /// The patch file's absolute path when it was opened: which file it was. `pr.diff` given
    /// in two folders (or two repositories sharing the user's store) is two files; kept in the
    /// store only, never in an export.
    public var patchFile: String?
    /// SHA-256 of the diff bytes the review was made on.
    public var diffSHA256: String
    /// The branch (or other ref) names the range's two sides were resolved from, with HEAD
    /// replaced by the branch it stood on: what staleness is judged by later.
    public var baseRef: String?
    public var headRef: String?

    // Spelled so that snake_case conversion gives `diff_sha256` and reads it back.
    enum CodingKeys: String, CodingKey {
        case kind, range, baseCommit, headCommit, patchPath, baseRef, headRef
        case diffSHA256 = "diffSha256"
    }

    public init(kind: Kind, range: String? = nil, baseCommit: String? = nil, headCommit: String? = nil,
                patchPath: String? = nil, diffSHA256: String, baseRef: String? = nil, headRef: String? = nil, patchFile: String? = nil) {
        self.kind = kind
        self.range = range
        self.baseCommit = baseCommit
        self.headCommit = headCommit
        self.patchPath = patchPath
        self.patchFile = patchFile
        self.diffSHA256 = diffSHA256
        self.baseRef = baseRef
        self.headRef = headRef
    }

    /// A patch read from standard input (`--patch -`): it has no name to know it by.
    public var isPiped: Bool { kind == .patch && patchPath == "-" }

    /// What a person calls it: the range, or the patch file (`-`: what was piped in).
    public var label: String { range ?? (isPiped ? "standard input" : patchPath) ?? "patch" }
}

public struct ChecklistRef: Sendable, Equatable, Codable {
    public var source: String
    public var sha256: String
    public init(source: String, sha256: String) {
        self.source = source
        self.sha256 = sha256
    }
    public init(_ checklist: Checklist) { self.init(source: checklist.source, sha256: checklist.sha256) }
}

public struct Reviewer: Sendable, Equatable, Codable {
    public var name: String
    public var email: String?
    public var role: ReviewerRole
    public init(name: String, email: String? = nil, role: ReviewerRole = .reviewer) {
        self.name = name
        self.email = email
        self.role = role
    }
}

public struct ItemMark: Sendable, Equatable, Codable {
    public var state: ItemState
    public var note: String?
    public var setBy: String?
    public var setAt: Date
    public init(state: ItemState, note: String? = nil, setBy: String? = nil, setAt: Date = Date()) {
        self.state = state
        self.note = note
        self.setBy = setBy
        self.setAt = setAt
    }
}

public struct DecisionOverride: Sendable, Equatable, Codable {
    public var decision: Decision
    public var justification: String?
    /// The decision the rules gave when the override was made. An override only stands while
    /// the rules give nothing stricter than this: new facts are not covered by the old reasons.
    /// Nil for overrides made before this was recorded; those lapse as soon as they would
    /// loosen the rules' decision (fail closed).
    public var overridden: Decision?
    /// The reasons the override was made over (`Verdict.Reason.key`): it stands only while the
    /// rules give no other reason as strict, since its justification was written about these.
    /// Nil for overrides made before this was recorded (only `overridden` is checked for them).
    public var covers: [String]?
    public init(decision: Decision, justification: String? = nil, overridden: Decision? = nil, covers: [String]? = nil) {
        self.decision = decision
        self.justification = justification
        self.overridden = overridden
        self.covers = covers
    }
}

public struct TestRun: Sendable, Equatable, Codable {
    public var id: String
    public var command: String
    public var outcome: TestOutcome
    public var summary: String
    /// Why a failure does not block (makes it a warning).
    public var explanation: String?
    public var recordedBy: String?
    public var recordedAt: Date
    /// Set when mle-review ran the check itself (`T`, `mle-review run`); nil for a run someone
    /// reported (typed, imported), which exports mark as reported, not run.
    public var ran: RunDetails?

    public init(id: String = Review.newID(prefix: "t"), command: String, outcome: TestOutcome, summary: String = "",
                explanation: String? = nil, recordedBy: String? = nil, recordedAt: Date = Date(), ran: RunDetails? = nil) {
        self.id = id
        self.command = command
        self.outcome = outcome
        self.summary = summary
        self.explanation = explanation
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.ran = ran
    }

    public var isExplained: Bool { !(explanation ?? "").trimmingSpaces().isEmpty }

    /// Where the run comes from, for a reader: `ran by mle-review at f729dc6, 0.4 s`, `reported
    /// by ai.txt, not run`, `reported by Ada, not run`.
    public var provenance: String {
        if let ran {
            return "ran by mle-review" + (ran.commit.map { " at \($0.prefix(7))" } ?? "") + ", \(String(format: "%.1f", Double(ran.milliseconds) / 1000)) s"
        }
        let who = importedFrom ?? recordedBy.flatMap { $0.isEmpty ? nil : $0 }
        return "reported" + (who.map { " by \($0)" } ?? "") + ", not run"
    }

    /// The name of the file a run was imported from (an AI reviewer's text, a SARIF run): its
    /// claim, not a reviewer's.
    public var importedFrom: String? {
        guard let by = recordedBy, by.hasPrefix("import:") else { return nil }
        return String(by.dropFirst("import:".count).split(separator: "/").last ?? "")
    }
}

/// Where and how a check mle-review ran was run; its output is kept in the store beside it.
public struct RunDetails: Sendable, Equatable, Codable {
    /// The folder it ran in (a worktree of the reviewed head, or the work tree).
    public var folder: String
    /// The commit checked out there, when it was a git checkout.
    public var commit: String?
    /// The exit status; nil when it was cancelled or timed out before exiting.
    public var exitStatus: Int?
    public var milliseconds: Int
    /// The team's name for the check (`[checks.NAME]`), when it came from a config.
    public var check: String?

    public init(folder: String, commit: String?, exitStatus: Int?, milliseconds: Int, check: String? = nil) {
        self.folder = folder
        self.commit = commit
        self.exitStatus = exitStatus
        self.milliseconds = milliseconds
        self.check = check
    }
}

/// What finishing a review recorded: the decision it was exported or finished with, when, by whom.
public struct Finish: Sendable, Equatable, Codable {
    public var decision: Decision
    public var primaryRisks: [RiskCategory]
    public var finishedAt: Date
    public var finishedBy: String?
    /// The required steps the rules still listed when an APPROVE was finished without them
    /// (`--allow-incomplete`, the workbench's "export while incomplete"): not to be read in the
    /// log as a full one. Nil when none were left, and in records from before it
    /// was kept (their JSON has no such key, so they verify as they were).
    public var undoneSteps: Int?

    /// ` with 27 required steps undone`, or nothing: said wherever a finish is reported.
    public static func undoneNote(_ steps: Int?) -> String { steps.map { " with \($0) required step\($0 == 1 ? "" : "s") undone" } ?? "" }

    public init(decision: Decision, primaryRisks: [RiskCategory], finishedAt: Date = Date(), finishedBy: String? = nil, undoneSteps: Int? = nil) {
        self.decision = decision
        self.primaryRisks = primaryRisks
        self.finishedAt = finishedAt
        self.finishedBy = finishedBy
        self.undoneSteps = undoneSteps
    }
}

extension ParsedDiff {
    /// What a viewed mark records for a file: the sha256 of its whole diff, headers included, so
    /// that a mark made before the file's diff changed no longer holds. The workbench marks with
    /// it and `show` counts with it.
    public func viewedMarkHash(ofFile f: Int) -> String { Hashing.sha256Hex(bytes[files[f].byteRange]) }
}
