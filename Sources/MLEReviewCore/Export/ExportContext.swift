/// Everything an export needs, computed once: the review, its checklist and verdict, and the
/// diff it was made on (for placing comments and fingerprinting lines), when known.
public struct ExportContext: Sendable {
    public var review: Review
    public var checklist: Checklist
    public var verdict: Verdict
    public var diff: ParsedDiff?
    /// Set by `--allow-incomplete`; the export says so.
    public var allowIncomplete: Bool
    /// A finished review's record: the JSON document carries its hashes.
    public var record: ReviewRecord?
    /// The diff's hints nobody took or dismissed (worst first, as the findings pane lists them).
    public var unjudgedHints: [Hint]
    /// The review areas the change touches (nil: unknown, every one counts).
    public var touchedSections: Set<String>?

    /// - Parameter touchedSections: the review areas the change touches (nil: all of them).
    /// - Parameter unjudgedHints: the diff's hints nobody took or dismissed (`Hint.unjudged`), in
    ///   `HintReport.order`.
    public init(review: Review, checklist: Checklist, diff: ParsedDiff?, allowIncomplete: Bool = false, touchedSections: Set<String>? = nil,
                unjudgedHints: [Hint] = []) {
        self.review = review
        self.checklist = checklist
        self.diff = diff
        self.allowIncomplete = allowIncomplete
        self.unjudgedHints = unjudgedHints
        self.touchedSections = touchedSections
        self.verdict = VerdictRules.evaluate(review, checklist: checklist, touchedSections: touchedSections, unjudgedHints: unjudgedHints)
        applyFinish()
    }

    /// A finished review's decision is the one it was finished with, whatever the rules would
    /// say of its rows today.
    private mutating func applyFinish() {
        guard let finish = review.finish else { return }
        verdict.decision = finish.decision
        verdict.primaryRisks = finish.primaryRisks
        verdict.guessedRisks = verdict.guessedRisks.filter(finish.primaryRisks.contains)
    }

    /// The same context once its review was finished (finishing changes no row the verdict reads,
    /// so nothing is computed again): the finished review and its record.
    public func finished(_ review: Review, record: ReviewRecord?) -> ExportContext {
        var c = self
        c.review = review
        c.record = record
        c.applyFinish()
        return c
    }

    /// Open findings in report order: severity, then path and line.
    public var openFindings: [Finding] {
        review.findings.filter { $0.status == .open }.sorted(by: Finding.reportOrder)
    }

    /// Set when the change under review edits the team checklist.
    public var checklistNote: String? {
        diff.flatMap { ChecklistLoader.changeNote(touchedPaths: $0.touchedPaths, source: review.source) }
    }

    /// Resolved findings in report order: listed after the open ones, marked resolved.
    public var resolvedFindings: [Finding] {
        review.findings.filter { $0.status == .resolved }.sorted(by: Finding.reportOrder)
    }

    /// Exporting APPROVE while items are undecided is refused, unless explicitly allowed.
    /// - Parameter doing: what was asked, as the refusal says it (`export`, `finish with`): `finish`
    ///   refused with "cannot export".
    public func checkExportable(_ doing: String = "export") throws(InputError) {
        guard review.finish == nil, verdict.approvalWaits, !allowIncomplete else { return }
        // Five items by name then "and 28 more" said nothing of where the rest were: counted by area.
        // An APPROVE with a CRITICAL not judged is of the judged part only, and says so.
        let unjudged = verdict.missing.compactMap(\.proposal).contains { $0.severity == .critical || $0.severity == .high }
        throw InputError("review \(review.id): cannot \(doing) APPROVE yet: \(verdict.missingSummary())"
                         + (unjudged ? " (APPROVE counts only what is judged: a CRITICAL or HIGH proposal accepted makes it BLOCK)" : "")
                         + "; decide them, or pass --allow-incomplete")
    }

    /// The sentence a verdict short of a finished checklist carries. Only APPROVE waits for the
    /// checklist, but an APPROVE WITH WARNINGS over undecided steps reads as a full review
    /// unless it says otherwise, and a finished review says it on every export, not only the
    /// one that finished it. A BLOCK needs no finished checklist to stand.
    public var incompleteNote: String? {
        guard verdict.leavesStepsUndone else { return nil }
        let steps = verdict.missingSummary()
        // A finished review says the same on every export, the one that finished it included;
        // "incomplete" names no flag: the workbench's "Export while incomplete" sets it too.
        if review.finish != nil { return "finished with " + steps }
        return allowIncomplete ? "exported while incomplete: " + steps : verdict.missingSummary("not done yet")
    }

    /// Said when findings an AI reviewer, a linter or a hint proposed were left undecided: they
    /// are not in the verdict, and an APPROVE that does not say so reads as if they were judged.
    public var undecidedProposalsNote: String? {
        let proposed = review.findings.filter { $0.status == .proposed }
        guard !proposed.isEmpty else { return nil }
        let bySeverity = Severity.allCases.compactMap { s in
            let n = proposed.filter { $0.severity == s }.count
            return n > 0 ? "\(n) \(s.rawValue)" : nil
        }
        var sources: [String] = []
        for f in proposed {
            // By the file it came from (the name `import` printed), not a SARIF file's tool.
            let from = Finding.source(origin: f.origin, author: nil) ?? "a reviewer"
            if !sources.contains(from) { sources.append(from) }
        }
        let one = proposed.count == 1
        return "\(proposed.count) proposed finding\(one ? "" : "s") (\(bySeverity.joined(separator: ", ")); from \(sources.joined(separator: ", "))) "
            + (review.finish != nil ? "never decided" : "not decided yet") + ": not in the verdict"
    }

    /// A warning with no follow-up (`FollowUp`): MEDIUM findings with no Fix.
    public var followUpNote: String? { FollowUp.note(in: review, decision: verdict.decision) }

    /// Said when a primary risk is only a guess from findings' words: the brief's line names
    /// the risk, and a lead would otherwise read the guess as the reviewer's call.
    public var guessedRisksNote: String? {
        let g = verdict.guessedRisks
        guard !g.isEmpty else { return nil }
        let one = g.count == 1
        return "primary risk\(one ? "" : "s") \(g.map(\.rawValue).joined(separator: ", ")) guessed from the findings' words (no reviewer set \(one ? "it" : "them"))"
    }

    /// The text of the diff line a finding points at, when the diff has it.
    public func lineText(_ location: Location) -> String? {
        guard let diff else { return nil }
        return Self.lineText(location, in: diff)
    }

    /// Whether a finding's place is in the diff: its line on its side, or for a whole-file
    /// finding, the file. (Imports keep findings elsewhere, and say so.)
    public static func contains(_ location: Location, in diff: ParsedDiff) -> Bool {
        if location.line == nil { return diff.files.contains { $0.newPath == location.path || $0.oldPath == location.path } }
        return lineText(location, in: diff) != nil
    }

    public static func lineText(_ location: Location, in diff: ParsedDiff) -> String? {
        place(location, in: diff)?.text
    }

    /// The text of a finding's line and which hunk of its file holds it.
    static func place(_ location: Location, in diff: ParsedDiff) -> (text: String, hunk: Int)? {
        guard let line = location.line,
              let file = diff.files.first(where: { location.side == .old ? $0.oldPath == location.path : $0.newPath == location.path })
        else { return nil }
        for (index, hunk) in file.hunks.enumerated() {
            let start = location.side == .old ? hunk.oldStart : hunk.newStart
            let count = location.side == .old ? hunk.oldCount : hunk.newCount
            guard (start..<(start + max(count, 1))).contains(line) else { continue }
            for l in diff.lines(of: hunk) where (location.side == .old ? l.oldNumber : l.newNumber) == line {
                return (diff.text(l.content), index)
            }
        }
        return nil
    }

    /// True when the finding's line (and range start) is a line of the diff on its side, so a
    /// review comment can be placed on it.
    public func isInDiff(_ location: Location) -> Bool {
        guard location.line != nil else { return false }
        return lineText(location) != nil
    }

    /// Whether a range's first and last lines are lines of one hunk: GitHub places a comment on
    /// several lines only within one (a range across two was refused, and the whole review with it).
    public func isOneHunk(_ location: Location) -> Bool {
        guard let diff, let end = location.endLine,
              let a = Self.place(location, in: diff), let b = Self.place(Location(path: location.path, side: location.side, line: end), in: diff)
        else { return false }
        return a.hunk == b.hunk
    }
}

public enum ExportFormat: String, Sendable, CaseIterable {
    case text, markdown, json, sarif, github

    public func render(_ context: ExportContext) throws(InputError) -> String {
        try context.checkExportable()
        switch self {
        // Escaped wherever they are written, a file included: `cat` of an export must not let a
        // finding's text drive the reader's terminal. (JSON and SARIF escape their own strings.)
        case .text: return SafeText.escapedKeepingLines(TextExport.render(context))
        case .markdown: return SafeText.escapedKeepingLines(MarkdownExport.render(context))
        case .json: return ReviewDocument.render(context)
        case .sarif: return SARIFExport.render(context)
        case .github: return GitHubExport.render(context)
        }
    }
}
