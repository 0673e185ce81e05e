/// A PR comment: the verdict first, a findings table, the details of each finding, checklist
/// coverage per area, and the tests run. All user text is escaped.
public enum MarkdownExport {
    static func details(_ f: Finding, resolved: Bool = false) -> String {
        var out = "\n#### [\(f.severity.rawValue)] \(MarkdownEscape.text(f.title))\(resolved ? " (resolved)" : "")\n\n"
        out += "- **File:** \(MarkdownEscape.code(f.location.shown))\(f.isOutdated ? " (outdated: " + Finding.outdatedReason + ")" : "")\n"
        if !f.issue.isEmpty { out += "- **Issue:** \(MarkdownEscape.block(f.issue))\n" }
        if !f.fix.isEmpty { out += "- **Fix:** \(MarkdownEscape.block(f.fix))\n" }
        out += "- **Risk:** \(f.riskLabel)\n"
        if let a = f.author { out += "- **By:** \(MarkdownEscape.text(a))\n" }
        if let comment = f.pullRequestComment { out += "- **On the pull request:** \(link(comment))\n" }
        return out
    }

    /// An https address as GitHub links it; anything else (an id, a file's odd text) as code.
    static func link(_ address: String) -> String {
        let plain = address.hasPrefix("https://") && address.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value < 0x7f && !"()<>[]`\"'\\".unicodeScalars.contains($0)
        }
        return plain ? address : MarkdownEscape.code(address)
    }

    public static func render(_ c: ExportContext) -> String {
        let v = c.verdict
        var out = "## mle-review: **\(v.decision.rawValue)**\n\n"
        let risks = v.primaryRisks.isEmpty ? "none"
            : v.primaryRisks.map { $0.rawValue + (v.guessedRisks.contains($0) ? " (guessed from a finding's words)" : "") }.joined(separator: ", ")
        out += "**Primary risks:** \(risks)  \n"
        out += "**Reviewed:** \(MarkdownEscape.code(c.review.source.label))"
        if let base = c.review.source.baseCommit, let head = c.review.source.headCommit {
            out += " (\(base.prefix(12))..\(head.prefix(12)))"
        }
        out += "  \n"
        if !c.review.reviewers.isEmpty {
            out += "**Reviewers:** " + c.review.reviewers.map { "\(MarkdownEscape.text($0.name)) (\($0.role.rawValue))" }.joined(separator: ", ") + "  \n"
        }
        if let o = v.override {
            out += "\n> **Override:** the rules give \(v.computed.rawValue); the reviewer decided \(o.decision.rawValue)."
            if let j = o.justification, !j.isEmpty { out += " Justification: \(MarkdownEscape.block(j))" }
            out += "\n"
        }
        if let lapsed = v.overrideLapsed { out += "\n> **Note:** \(MarkdownEscape.text(lapsed))\n" }
        if let edits = c.checklistNote { out += "\n> **Note:** \(MarkdownEscape.text(edits))\n" }
        if let note = c.incompleteNote { out += "\n> **Note:** \(MarkdownEscape.text(note))\n" }
        if let note = c.undecidedProposalsNote { out += "\n> **Note:** \(MarkdownEscape.text(note))\n" }
        if let note = c.followUpNote { out += "\n> **Note:** \(MarkdownEscape.text(note))\n" }

        let findings = c.openFindings
        out += "\n### Findings\n\n"
        if findings.isEmpty {
            out += "No open findings.\n"
        } else {
            out += "| Severity | Finding | Location | Risk |\n|---|---|---|---|\n"
            for f in findings {
                out += "| \(f.severity.rawValue) | \(MarkdownEscape.text(f.title)) | \(MarkdownEscape.code(f.location.shown))\(f.isOutdated ? " (outdated)" : "") | \(f.riskLabel) |\n"
            }
            for f in findings { out += details(f) }
        }
        let resolved = c.resolvedFindings
        if !resolved.isEmpty {
            out += "\n### Resolved\n"
            for f in resolved { out += details(f, resolved: true) }
        }

        out += "\n### Checklist coverage\n\n| Area | Decided | Pass | Fail | N/A |\n|---|---|---|---|---|\n"
        for s in c.checklist.sections where s.kind != .guide {
            let states = s.items.map { c.review.state(of: $0.id) }
            let decided = states.filter(\.isDecided).count
            // An area the change does not touch is not required: "0/6" alone read as work left
            // undone beside an APPROVE.
            let untouched = s.kind == .area && c.touchedSections.map { !$0.contains(s.id) } == true ? " (not touched)" : ""
            out += "| \(MarkdownEscape.text(s.title)) | \(decided)/\(states.count)\(untouched) | \(states.filter { $0 == .pass }.count) | "
                + "\(states.filter { $0 == .fail }.count) | \(states.filter { $0 == .notApplicable }.count) |\n"
        }

        // Why an item is n/a, passes or fails, in the reviewer's words.
        let notes = c.checklist.sections.flatMap { s in s.items.compactMap { item -> String? in
            guard let mark = c.review.items[item.id], let note = mark.note, !note.isEmpty else { return nil }
            return "- **\(MarkdownEscape.text(s.title)) › \(MarkdownEscape.text(item.title))** (\(mark.state.rawValue)"
                + (mark.setBy.map { ", " + MarkdownEscape.text($0) } ?? "") + "): \(MarkdownEscape.text(TextExport.oneLine(note)))\n"
        } }
        if !notes.isEmpty { out += "\n#### Checklist notes\n\n" + notes.joined() }

        out += "\n### Tests run\n\n"
        if c.review.testsRun.isEmpty { out += "None recorded.\n" }
        for t in c.review.testsRun {
            out += "- \(MarkdownEscape.code(t.command)): **\(t.outcome.rawValue)**"
            if !t.summary.isEmpty { out += " — \(MarkdownEscape.text(t.summary))" }
            if let e = t.explanation, !e.isEmpty { out += " (explained: \(MarkdownEscape.text(e)))" }
            out += " · " + MarkdownEscape.text(t.provenance) + "\n"
        }
        if !v.reasons.isEmpty {
            out += "\n<details><summary>Why \(v.computed.rawValue)</summary>\n\n"
            for r in v.decisiveReasons { out += "- \(MarkdownEscape.text(r.message))\n" }
            if !v.otherReasons.isEmpty {
                out += "\n" + Verdict.otherReasonsHeading + ":\n\n"
                for r in v.otherReasons { out += "- \(MarkdownEscape.text(r.message))\n" }
            }
            out += "\n</details>\n"
        }
        return out
    }
}
