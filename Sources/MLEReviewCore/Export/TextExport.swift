/// The reviewer brief's output format, exactly: finding blocks worst first, then the three
/// closing lines. Anything else (override, incomplete note, reviewers) comes just before them.
public enum TextExport {
    /// - Parameter soFar: what is left, when the decision is not final (`show` of an open
    /// review): an APPROVE that waits for it is IN REVIEW, as the workbench and the log say it;
    /// a BLOCK or a warning stands already, and what is left is said after it.
    public static func render(_ c: ExportContext, soFar: String? = nil) -> String {
        var out = ""
        for f in c.openFindings { out += block(f) }
        if c.openFindings.isEmpty { out += "No open findings.\n\n" }
        // Resolved findings are part of what happened; they come after the open ones, marked.
        for f in c.resolvedFindings { out += block(f, status: "resolved") }
        if !c.review.reviewers.isEmpty {
            out += "Reviewers: " + c.review.reviewers.map { "\(oneLine($0.name)) (\($0.role.rawValue))" }.joined(separator: ", ") + "\n"
        }
        if let o = c.verdict.override {
            out += "Override: computed \(c.verdict.computed.rawValue)"
            if let j = o.justification, !j.isEmpty { out += "; justification: \(indented(j))" }
            out += "\n"
        }
        if let lapsed = c.verdict.overrideLapsed { out += "Note: \(lapsed)\n" }
        if let edits = c.checklistNote { out += "Note: \(edits)\n" }
        if let note = c.incompleteNote { out += "Note: \(note)\n" }
        if let note = c.undecidedProposalsNote { out += "Note: \(note)\n" }
        if let note = c.followUpNote { out += "Note: \(note)\n" }
        if let note = c.guessedRisksNote { out += "Note: \(note)\n" }
        if let soFar, c.verdict.approvalWaits {
            out += "Decision: IN REVIEW (\(soFar))\n"
        } else {
            out += "Decision: \(c.verdict.decision.rawValue)" + (soFar.map { " (so far: \($0))" } ?? "") + "\n"
        }
        out += "Primary risks: " + (c.verdict.primaryRisks.isEmpty ? "none" : c.verdict.primaryRisks.map(\.rawValue).joined(separator: ", ")) + "\n"
        out += "Tests run: " + TestRunLine.render(c.review.testsRun) + "\n"
        return out
    }

    /// One finding in the brief's block form; empty Issue and Fix lines are left out.
    public static func block(_ f: Finding, status: String? = nil) -> String {
        var out = "[\(f.severity.rawValue)] \(oneLine(f.title))\n"
        out += "File: \(f.location.shown)\n"
        // Right after File: an import reads past it (no field takes the line).
        if f.isOutdated { out += "Outdated: \(Finding.outdatedReason)\n" }
        if let status { out += "Status: \(status)\n" }
        if !f.issue.isEmpty { out += "Issue: \(indented(f.issue))\n" }
        if !f.fix.isEmpty { out += "Fix: \(indented(f.fix))\n" }
        return out + "\n"
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Continuation lines are indented so the block stays one block and import can rejoin them.
    static func indented(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
    }
}
