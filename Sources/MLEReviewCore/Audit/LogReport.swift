import Foundation

/// `mle-review log` as a table or as JSON.
public enum LogReport {
    /// `filtered`: whether filters were given; an empty store without any is not "no match".
    public static func text(_ entries: [LogEntry], filtered: Bool = true) -> String {
        guard !entries.isEmpty else { return filtered ? "No reviews match.\n" : "No reviews yet.\n" }
        let revisedAs = revisedAs(entries)
        func revisionNote(_ e: LogEntry) -> String? { Self.revisionNote(e, revisedAs: revisedAs[e.id]) }
        let notes = entries.contains { $0.note != nil || $0.tampered || revisionNote($0) != nil }
        var table = TextTable(headers: ["ID", "DATE", "REVIEWERS", "RANGE", "DECISION", "C H M L", "RISKS", "ITEMS", "STALE"] + (notes ? ["NOTE"] : []),
                              limits: [0, 0, 24, 36, 0, 0, riskLimit, 0, 0, 0])
        for e in entries {
            let counts = countsLabel(e)
            let full = risksLabel(e)
            let risks = full.count > riskLimit ? shortRisksLabel(e) : full
            var row: [String] = [e.id, day(e.date), e.reviewers.map(\.name).joined(separator: ", "), range(e.source)]
            row += [decisionLabel(e), counts, risks, "\(e.decidedItems)/\(e.totalItems)", e.staleness?.mark ?? ""]
            if notes {
                row.append(e.tampered ? "TAMPERED: rows differ from the record; recorded values shown"
                           : [e.note, revisionNote(e)].compactMap { $0 }.joined(separator: "; "))
            }
            table.add(row)
        }
        let stale = entries.filter { $0.staleness?.isStale == true }.count
        let tampered = entries.filter(\.tampered).count
        let guessed = entries.contains { !$0.guessedRisks.isEmpty } ? guessedLegend + "\n" : ""
        let resolved = entries.contains { !$0.resolvedFindings.isEmpty } ? resolvedLegend + "\n" : ""
        let overridden = entries.contains { $0.overriddenFrom != nil } ? overriddenLegend + "\n" : ""
        let short = entries.contains { $0.finish?.undoneSteps != nil } ? undoneLegend + "\n" : ""
        let superseded = entries.filter { revisedAs[$0.id] != nil }.count
        return table.render() + overridden + short + resolved + guessed + "\(entries.count) review\(entries.count == 1 ? "" : "s")"
            + (superseded > 0 ? " (\(superseded) revised since)" : "") + (stale > 0 ? ", \(stale) stale" : "")
            + (tampered > 0 ? ", \(tampered) TAMPERED (run `mle-review log --verify`)" : "") + "\n"
    }

    /// A reopened review is listed once per revision: each says which it was revised as or from,
    /// so a lead reads one change decided twice, not two changes. Keyed by the earlier review.
    public static func revisedAs(_ entries: [LogEntry]) -> [String: String] {
        var out: [String: String] = [:]
        for e in entries { if let p = e.revisionOf { out[p] = e.id } }
        return out
    }

    /// `revision of r-1, revised as r-3`, or nil; `revisedAs` is the review it was revised as.
    public static func revisionNote(_ e: LogEntry, revisedAs next: String?) -> String? {
        let parts = [e.revisionOf.map { "revision of \($0)" }, next.map { "revised as \($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    public static func json(_ entries: [LogEntry]) -> String {
        JSONValue.array(entries.map(object)).serialized(pretty: true) + "\n"
    }

    public static func object(_ e: LogEntry) -> JSONValue {
        .object([
            ("id", .string(e.id)),
            ("date", .string(Timestamp.format(e.date))),
            ("state", .string(e.isFinished ? "finished" : "open")),
            ("reviewers", .array(e.reviewers.map { .object([("name", .string($0.name)), ("role", .string($0.role.rawValue))]) })),
            ("source", .object([("kind", .string(e.source.kind.rawValue)), ("label", .string(e.source.label)),
                                ("base_commit", .optional(e.source.baseCommit)), ("head_commit", .optional(e.source.headCommit)),
                                ("diff_sha256", .string(e.source.diffSHA256))])),
            ("decision", .optional(e.finish?.decision.rawValue)),
            ("finished_by", .optional(e.finish?.finishedBy)),
            ("overridden_from", .optional(e.overriddenFrom?.rawValue)),
            ("undone_steps", e.finish?.undoneSteps.map { .int($0) } ?? .null),
            ("findings", .object(Severity.allCases.map { ($0.rawValue.lowercased(), .int(e.findings[$0] ?? 0)) })),
            ("resolved_findings", .object(Severity.allCases.map { ($0.rawValue.lowercased(), .int(e.resolvedFindings[$0] ?? 0)) })),
            ("primary_risks", .array(e.primaryRisks.map { .string($0.rawValue) })),
            ("guessed_risks", .array(e.guessedRisks.map { .string($0.rawValue) })),
            ("checklist", .object([("decided", .int(e.decidedItems)), ("total", .int(e.totalItems))])),
            ("revision_of", .optional(e.revisionOf)),
            ("note", .optional(e.note)),
            ("tampered", .bool(e.tampered)),
            ("stale", e.staleness.map { s in .object([("stale", .bool(s.isStale)), ("how", .string(s.description))]) } ?? .null),
        ])
    }

    /// `data leakage, missing monitoring?`: a guessed risk carries a `?`, which the table's
    /// legend explains, so the column stays narrow.
    static let riskLimit = 34

    /// `WARNINGS*`: finished on an override less strict than the rules' decision.
    public static func decisionLabel(_ e: LogEntry) -> String {
        e.finish.map { short($0.decision) + (e.overriddenFrom != nil ? "*" : "") + ($0.undoneSteps != nil ? "!" : "") } ?? "open"
    }

    public static let undoneLegend = "DECISION: ! finished with required steps undone (`show` lists them)"

    public static let overriddenLegend = "DECISION: * the reviewer overrode a stricter decision of the rules, with a justification (`show` prints it)"

    /// `0 1 0 0`: the open findings by severity, as the decision reads them; `0 0 0 0 +1`: one
    /// more was found and resolved (an APPROVE beside a HIGH read as a rule bypassed).
    public static func countsLabel(_ e: LogEntry) -> String {
        let resolved = e.resolvedFindings.values.reduce(0, +)
        return Severity.allCases.map { String(e.findings[$0] ?? 0) }.joined(separator: " ") + (resolved > 0 ? " +\(resolved)" : "")
    }

    public static let resolvedLegend = "C H M L: open findings by severity; +N: N more were found and resolved"

    public static let guessedLegend = "RISKS: ? marks a risk guessed from a finding's words (no reviewer set it)"

    public static func risksLabel(_ e: LogEntry) -> String {
        e.primaryRisks.isEmpty ? "-" : e.primaryRisks.map { $0.rawValue + (e.guessedRisks.contains($0) ? "?" : "") }.joined(separator: ", ")
    }

    /// The same in a narrow column: each risk by its last word (`leakage, serving?`), so a cut
    /// does not take a risk's `?` with it.
    public static func shortRisksLabel(_ e: LogEntry) -> String {
        e.primaryRisks.isEmpty ? "-" : e.primaryRisks.map { String($0.rawValue.split(separator: " ").last ?? "") + (e.guessedRisks.contains($0) ? "?" : "") }
            .joined(separator: ", ")
    }

    public static func short(_ d: Decision) -> String {
        switch d {
        case .approve: return "APPROVE"
        case .approveWithWarnings: return "WARNINGS"
        case .block: return "BLOCK"
        }
    }

    /// `main...feature 1a2b3c4..5d6e7f8`, or the patch file. The name first: it is what a lead
    /// knows the review by, and what stays when a narrow column cuts the end off.
    public static func range(_ s: ReviewSource) -> String {
        // A piped diff has no name: its hash tells one from another (`gh pr diff 12 | mle-review --patch -`).
        if s.isPiped { return "stdin, diff " + s.diffSHA256.prefix(7) }
        guard s.kind == .range else { return s.patchPath.map { ($0 as NSString).lastPathComponent } ?? "patch" }
        // No head commit: the uncommitted changes, as the workbench's title calls them.
        // Whose they were: the branch checked out when they were reviewed.
        let ids = [s.baseCommit, s.headCommit].map { $0.map { String($0.prefix(7)) } ?? "uncommitted" }.joined(separator: "..")
            + (s.headCommit == nil ? s.headRef.map { " on " + $0 } ?? "" : "")
        guard let name = s.range, !name.isEmpty else { return ids }
        return name + " " + ids
    }

    /// Local time to the minute: what a person scanning a log wants.
    public static func day(_ d: Date) -> String {
        // localtime_r directly: a formatter per row costs more than the rest of the log.
        var seconds = time_t(d.timeIntervalSince1970.rounded(.down))
        var t = tm()
        localtime_r(&seconds, &t)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : String(v) }
        return "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday)) \(two(t.tm_hour)):\(two(t.tm_min))"
    }
}
