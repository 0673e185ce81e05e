import Foundation
import GRDB

/// One line of `mle-review log`: who reviewed what, when, on which commits, with what outcome.
public struct LogEntry: Sendable, Equatable {
    public var id: String
    /// When it was finished, or last changed while open.
    public var date: Date
    public var reviewers: [Reviewer]
    public var source: ReviewSource
    /// Nil while the review is open.
    public var finish: Finish?
    public var revisionOf: String?
    /// Open findings by severity: what the decision answers for (proposed and dismissed ones
    /// do not count; resolved ones are counted apart).
    public var findings: [Severity: Int]
    /// Findings the review found and marked resolved, by severity.
    public var resolvedFindings: [Severity: Int] = [:]
    /// For a review finished on a reviewer's override that was less strict than the rules:
    /// the decision the rules gave when the override was made.
    public var overriddenFrom: Decision?
    public var primaryRisks: [RiskCategory]
    /// Primary risks only findings whose risk was guessed from their words name (no reviewer
    /// chose it, no failed blocker gives it), as the review's own verdict marks them.
    public var guessedRisks: [RiskCategory] = []
    public var decidedItems: Int
    public var totalItems: Int
    /// Filled in by `Staleness` when a repository is at hand.
    public var staleness: Staleness?
    /// For reviews pulled through git: where from, or the record it conflicts with.
    public var note: String?
    /// Set when a finished review's rows no longer say what its record says; the entry then
    /// shows the recorded values.
    public var tampered: Bool = false

    public var isFinished: Bool { finish != nil }

    public init(id: String, date: Date, reviewers: [Reviewer], source: ReviewSource, finish: Finish?, revisionOf: String?,
                findings: [Severity: Int], primaryRisks: [RiskCategory], decidedItems: Int, totalItems: Int, staleness: Staleness? = nil) {
        self.id = id
        self.date = date
        self.reviewers = reviewers
        self.source = source
        self.finish = finish
        self.revisionOf = revisionOf
        self.findings = findings
        self.primaryRisks = primaryRisks
        self.decidedItems = decidedItems
        self.totalItems = totalItems
        self.staleness = staleness
    }
}

/// Which reviews `log` lists. Every condition given must hold.
public struct LogFilter: Sendable {
    public enum State: Sendable { case all, open, finished }
    public var decision: Decision?
    /// A person: any word prefixes of their name (`ada`, `Ada L`), or their email's start.
    public var reviewer: String?
    public var risk: RiskCategory?
    public var since: Date?
    public var until: Date?
    /// Reviews whose diff touched a path matching this glob (`*` crosses folders; a name
    /// without a folder matches at any depth).
    public var pathGlob: String?
    public var state: State = .all
    /// Only reviews finished with required steps undone (the log's `!`, stats' SHORT).
    public var short = false

    public init(decision: Decision? = nil, reviewer: String? = nil, risk: RiskCategory? = nil, since: Date? = nil,
                until: Date? = nil, pathGlob: String? = nil, state: State = .all, short: Bool = false) {
        self.decision = decision
        self.reviewer = reviewer
        self.risk = risk
        self.since = since
        self.until = until
        self.pathGlob = pathGlob
        self.state = state
        self.short = short
    }

    func admits(_ e: LogEntry) -> Bool {
        if let decision, e.finish?.decision != decision { return false }
        if let reviewer, !e.reviewers.contains(where: { ReviewerMatch.matches(reviewer, $0) }) { return false }
        if let risk, !e.primaryRisks.contains(risk) { return false }
        if let since, e.date < since { return false }
        if let until, e.date > until { return false }
        if short, e.finish?.undoneSteps == nil { return false }
        switch state {
        case .all: return true
        case .open: return !e.isFinished
        case .finished: return e.isFinished
        }
    }
}

extension ReviewStore {
    /// The reviews the filter admits, newest first. A handful of whole-table queries, not one per
    /// review: 10,000 reviews list in a fraction of a second.
    public func log(_ filter: LogFilter = LogFilter()) throws(InputError) -> [LogEntry] {
        let (listed, checklistTotals, failedItems) = try read { db -> ([LogEntry], [String: String], [Int: [String]]) in
            // Columns by position and cursors rather than rows by name: this runs over every review.
            var sql = """
                SELECT id, source_kind, range, base_commit, head_commit, patch_path, diff_sha256, checklist_sha256,
                       finished_at, decision, primary_risks, finished_by, updated_at, revision_of, base_ref, head_ref,
                       override_decision, override_computed, undone_steps FROM reviews
                """
            var args: StatementArguments = []
            if let glob = filter.pathGlob {
                // A name without a folder (`score.py`, `*_test.py`) matches at any depth, as in
                // .gitignore: `--path score.py` said "No reviews match" of code/scoring/score.py.
                let anyDepth = glob.contains("/") ? "" : " OR path GLOB ?"
                sql += " WHERE EXISTS (SELECT 1 FROM diff_files WHERE diff_files.sha256 = reviews.diff_sha256 AND (path GLOB ?\(anyDepth)))"
                args += [glob]
                if !anyDepth.isEmpty { args += ["*/" + glob] }
            }
            var byID: [String: Int] = [:]
            var entries: [LogEntry] = []
            var checklistOf: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: args)
            while let row = try rows.next() {
                let source = ReviewSource(kind: ReviewSource.Kind(rawValue: row[1]) ?? .patch, range: row[2],
                                          baseCommit: row[3], headCommit: row[4], patchPath: row[5], diffSHA256: row[6],
                                          baseRef: row[14], headRef: row[15])
                let finish = Self.finishRecord(at: row[8], decision: row[9], risks: row[10], by: row[11], undone: row[18])
                let id: String = row[0]
                byID[id] = entries.count
                checklistOf[id] = row[7]
                entries.append(LogEntry(id: id, date: finish?.finishedAt ?? Self.date(row[12]), reviewers: [],
                                        source: source, finish: finish, revisionOf: row[13], findings: [:],
                                        primaryRisks: finish?.primaryRisks ?? [], decidedItems: 0, totalItems: 0))
                // Finished on the reviewer's word over a stricter one from the rules: a lead
                // reading WARNINGS beside an open HIGH must see it was overridden, not missed.
                if let f = finish, let o = (row[16] as String?).flatMap(Decision.init(rawValue:)), o == f.decision,
                   let over = (row[17] as String?).flatMap(Decision.init(rawValue:)), over.strictness > o.strictness {
                    entries[entries.count - 1].overriddenFrom = over
                }
            }
            let people = try Row.fetchCursor(db, sql: "SELECT review_id, name, email, role FROM reviewers ORDER BY review_id, position")
            while let r = try people.next() {
                guard let i = byID[r[0]] else { continue }
                entries[i].reviewers.append(Reviewer(name: r[1], email: r[2], role: ReviewerRole(rawValue: r[3]) ?? .reviewer))
            }
            var liveRisks: [Int: [RiskCategory: Severity]] = [:]
            // Risks open findings name: chosen (or given by a tool) and only guessed.
            var chosen: [Int: Set<RiskCategory>] = [:], guessed: [Int: Set<RiskCategory>] = [:]
            let findings = try Row.fetchCursor(db, sql: "SELECT review_id, severity, risk, status, risk_guessed FROM findings WHERE status IN ('open', 'resolved')")
            while let r = try findings.next() {
                guard let i = byID[r[0]], let severity = Severity(rawValue: r[1]) else { continue }
                guard r[3] == "open" else { entries[i].resolvedFindings[severity, default: 0] += 1; continue }
                entries[i].findings[severity, default: 0] += 1
                guard let risk = RiskCategory(rawValue: r[2]) else { continue }
                if r[4] as Bool { guessed[i, default: []].insert(risk) } else { chosen[i, default: []].insert(risk) }
                if !entries[i].isFinished {
                    liveRisks[i, default: [:]][risk] = min(liveRisks[i]?[risk] ?? .low, severity)
                }
            }
            // An open review's risks are those of its open findings, worst first.
            for (i, risks) in liveRisks {
                entries[i].primaryRisks = risks.sorted { ($0.value, $0.key.rank) < ($1.value, $1.key.rank) }.map(\.key)
            }
            for (i, named) in guessed {
                let only = named.subtracting(chosen[i] ?? [])
                entries[i].guessedRisks = entries[i].primaryRisks.filter(only.contains)
            }
            // A failed common blocker gives its risk too; which items are blockers is the
            // checklist's to say, read below for the few reviews this concerns.
            var failed: [Int: [String]] = [:]
            let fails = try Row.fetchCursor(db, sql: "SELECT review_id, item_id FROM item_marks WHERE state = 'fail'")
            while let r = try fails.next() {
                if let i = byID[r[0]], !entries[i].guessedRisks.isEmpty { failed[i, default: []].append(r[1]) }
            }
            let decided = try Row.fetchCursor(db, sql: "SELECT review_id, COUNT(*) FROM item_marks WHERE state != 'unchecked' GROUP BY review_id")
            while let r = try decided.next() {
                if let i = byID[r[0]] { entries[i].decidedItems = r[1] }
            }
            // A finished review is listed as its record says; rows that disagree are marked. The
            // summary written beside each record makes the check one string comparison; only a
            // review that disagrees (or a record from before summaries) has its JSON read.
            var slow: [(index: Int, document: [UInt8], sha: String)] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT review_id, summary FROM records")
            while let r = try cursor.next() {
                guard let i = byID[r[0]] else { continue }
                if let summary = r[1] as String?, summary == RecordedSummary(entries[i]).key { continue }
                let row = try Row.fetchOne(db, sql: "SELECT document, record_sha256 FROM records WHERE review_id = ?", arguments: [entries[i].id])
                guard let row else { continue }
                slow.append((i, Array(row[0] as Data), row[1]))
            }
            // nil: the record does not match its own hash (or is not a record).
            let toRead = slow
            let recorded = Parallel.map(toRead.count) { k -> RecordedSummary? in
                Hashing.sha256Hex(toRead[k].document) == toRead[k].sha ? RecordedSummary(document: toRead[k].document) : nil
            }
            for (r, summary) in zip(slow, recorded) {
                guard let summary else { entries[r.index].tampered = true; continue }
                if summary != RecordedSummary(entries[r.index]) {
                    entries[r.index].tampered = true
                    summary.apply(to: &entries[r.index])
                }
            }
            // Recorded values shown over rows that differ: the rows cannot say what was guessed.
            for i in entries.indices where entries[i].tampered { entries[i].guessedRisks = [] }
            return (entries, checklistOf, failed)
        }
        var checklists: [String: Checklist] = [:]
        func checklistOf(_ sha: String) -> Checklist {
            if let c = checklists[sha] { return c }
            let c = (try? checklist(for: ChecklistRef(source: "", sha256: sha))) ?? ChecklistLoader.builtIn
            checklists[sha] = c
            return c
        }
        var entries = listed
        for (i, items) in failedItems {
            let list = checklistOf(checklistTotals[entries[i].id] ?? "")
            let given = Set(list.sections.filter { $0.kind == .blockers }.flatMap(\.items).filter { items.contains($0.id) }.map(\.risk))
            entries[i].guessedRisks.removeAll(where: given.contains)
        }
        var totals: [String: Int] = [:]
        var out: [LogEntry] = []
        let notes = try importNotes()
        for var e in entries where filter.admits(e) {
            e.note = notes[e.id]
            let sha = checklistTotals[e.id] ?? ""
            if totals[sha] == nil { totals[sha] = checklistOf(sha).items.count }
            e.totalItems = totals[sha] ?? 0
            e.decidedItems = min(e.decidedItems, e.totalItems)
            out.append(e)
        }
        return out.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
    }
}

/// How people are found by a name typed in a filter: case-insensitively, each typed word the
/// start of a word of the name ("ada" and "Ada L" find "Ada Lovelace"), or the start of the
/// git email when it is known.
public enum ReviewerMatch {
    public static func matches(_ query: String, _ reviewer: Reviewer) -> Bool {
        let typed = words(query)
        guard !typed.isEmpty else { return true }
        let name = words(reviewer.name)
        if typed.allSatisfy({ t in name.contains { $0.hasPrefix(t) } }) { return true }
        if let email = reviewer.email?.lowercased(), email.hasPrefix(query.lowercased().trimmingSpaces()) { return true }
        return false
    }

    static func words(_ s: String) -> [String] {
        s.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "." || $0 == "-" || $0 == "_" }).map(String.init)
    }
}
