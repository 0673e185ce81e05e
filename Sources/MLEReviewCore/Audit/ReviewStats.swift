import Foundation
import GRDB

/// `mle-review stats`: what a lead wants to know about finished reviews over time.
public struct ReviewStats: Sendable {
    public struct Month: Sendable, Equatable {
        public var month: String
        public var decisions: [Decision: Int]
        /// Of those, decided less strictly than the rules gave, on a reviewer's override.
        public var overridden = 0
        /// Of those, finished with required steps undone.
        public var short = 0
    }
    public struct PerReviewer: Sendable, Equatable {
        public var name: String
        public var reviews: Int
        public var decisions: [Decision: Int]
        public var overridden = 0
        public var short = 0
    }

    public var finished: Int
    public var open: Int
    public var months: [Month]
    /// Risk → finished reviews naming it a primary risk, most frequent first.
    /// `guessed`: of those, the reviews where only findings' words gave it (no reviewer chose it).
    public var risks: [(risk: RiskCategory, reviews: Int, guessed: Int)]
    /// Checklist items most often failed in finished reviews.
    public var failingItems: [(id: String, title: String, count: Int)]
    public var medianFindings: Double
    public var reviewers: [PerReviewer]
    /// Imported findings by tool or file, and hints by rule, as the reviewers judged them.
    public var sources: [SourceJudgement] = []

    /// One entry per review, not per revision: a review's line of revisions counts once, by its
    /// newest finished revision (open when none is finished).
    public static func reviews(_ entries: [LogEntry]) -> [LogEntry] {
        let byID = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func root(_ e: LogEntry) -> String {
            var id = e.id, seen: Set<String> = [id]
            while let prev = byID[id]?.revisionOf, byID[prev] != nil, seen.insert(prev).inserted { id = prev }
            return id
        }
        var lines: [String: LogEntry] = [:]
        var order: [String] = []
        for e in entries {
            let r = root(e)
            guard let current = lines[r] else { lines[r] = e; order.append(r); continue }
            // A finished revision beats an open one; between two alike, the newer.
            let better = (e.isFinished && !current.isFinished) || (e.isFinished == current.isFinished && e.date > current.date)
            if better { lines[r] = e }
        }
        return order.map { lines[$0]! }
    }

    /// Where no review was made yet.
    public static var none: ReviewStats { compute(reviews: [], failedItems: [:], checklist: ChecklistLoader.builtIn, sources: []) }

    /// `entries` one per review (`reviews(_:)`); `ReviewStore.stats` reads the rest for them.
    static func compute(reviews entries: [LogEntry], failedItems: [String: Int], checklist: Checklist, sources: [SourceJudgement]) -> ReviewStats {
        let done = entries.filter(\.isFinished)
        var months: [String: [Decision: Int]] = [:], overriddenIn: [String: Int] = [:], shortIn: [String: Int] = [:]
        var risks: [RiskCategory: Int] = [:], guessed: [RiskCategory: Int] = [:]
        var people: [String: PerReviewer] = [:]
        for e in done {
            guard let d = e.finish?.decision else { continue }
            let month = String(Timestamp.format(e.date).prefix(7))
            months[month, default: [:]][d, default: 0] += 1
            if e.overriddenFrom != nil { overriddenIn[month, default: 0] += 1 }
            if e.finish?.undoneSteps != nil { shortIn[month, default: 0] += 1 }
            for r in e.primaryRisks { risks[r, default: 0] += 1 }
            for r in e.guessedRisks { guessed[r, default: 0] += 1 }
            for name in Set(e.reviewers.map(\.name)) {
                people[name, default: PerReviewer(name: name, reviews: 0, decisions: [:])].reviews += 1
                people[name]?.decisions[d, default: 0] += 1
                if e.overriddenFrom != nil { people[name]?.overridden += 1 }
                if e.finish?.undoneSteps != nil { people[name]?.short += 1 }
            }
        }
        let counts = done.map { $0.findings.values.reduce(0, +) + $0.resolvedFindings.values.reduce(0, +) }.sorted()
        let median: Double = counts.isEmpty ? 0
            : counts.count % 2 == 1 ? Double(counts[counts.count / 2]) : Double(counts[counts.count / 2 - 1] + counts[counts.count / 2]) / 2
        return ReviewStats(
            finished: done.count, open: entries.count - done.count,
            months: months.keys.sorted().map { Month(month: $0, decisions: months[$0]!, overridden: overriddenIn[$0] ?? 0, short: shortIn[$0] ?? 0) },
            risks: risks.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }.map { ($0.key, $0.value, guessed[$0.key] ?? 0) },
            failingItems: failedItems.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(10)
                .map { ($0.key, checklist.item($0.key)?.title ?? $0.key, $0.value) },
            medianFindings: median,
            reviewers: people.values.sorted { ($1.reviews, $0.name) < ($0.reviews, $1.name) }, sources: sources)
    }

    public func text() -> String {
        var out = "Reviews: \(finished) finished, \(open) open\n"
        out += "Median findings per finished review: \(Self.number(medianFindings))\n"
        out += "\nDecisions by month (OVERRIDDEN: of those, made less strict than the rules by the reviewer, with a justification;\n"
        out += "SHORT: of those, finished with required steps undone):\n"
        var t = TextTable(headers: ["MONTH", "APPROVE", "WARNINGS", "BLOCK", "OVERRIDDEN", "SHORT"], limits: [0, 0, 0, 0, 0, 0])
        for m in months { t.add([m.month] + Decision.allCases.map { String(m.decisions[$0] ?? 0) } + [String(m.overridden), String(m.short)]) }
        out += months.isEmpty ? "  none yet\n" : t.render()
        out += "\nPrimary risks (finished reviews naming each; GUESSED: of those, only from a finding's words):\n"
        var rt = TextTable(headers: ["RISK", "REVIEWS", "GUESSED"], limits: [0, 0, 0])
        for r in risks { rt.add([r.risk.rawValue, String(r.reviews), String(r.guessed)]) }
        out += risks.isEmpty ? "  none\n" : rt.render()
        out += "\nChecklist items failed most often:\n"
        var it = TextTable(headers: ["FAILED", "ITEM"], limits: [0, 70])
        for i in failingItems { it.add([String(i.count), i.title]) }
        out += failingItems.isEmpty ? "  none\n" : it.render()
        out += "\nReviews per reviewer:\n"
        var pt = TextTable(headers: ["REVIEWER", "REVIEWS", "APPROVE", "WARNINGS", "BLOCK", "OVERRIDDEN", "SHORT"], limits: [30, 0, 0, 0, 0, 0, 0])
        for p in reviewers { pt.add([p.name, String(p.reviews)] + Decision.allCases.map { String(p.decisions[$0] ?? 0) } + [String(p.overridden), String(p.short)]) }
        out += reviewers.isEmpty ? "  none\n" : pt.render()
        out += "\nImported findings and hints, as judged (precision: right of decided; a duplicate or a true but minor point\n"
        out += "dismissed was right, a dismissal without a reason counts as wrong):\n"
        var st = TextTable(headers: ["SOURCE", "ACCEPTED", "DISMISSED", "WRONG", "DUPLICATE", "MINOR", "UNDECIDED", "PRECISION"],
                           limits: [40, 0, 0, 0, 0, 0, 0, 0])
        for j in sources {
            st.add([j.source, String(j.accepted), String(j.dismissed), String(j.wrong), String(j.duplicate), String(j.minor), String(j.undecided),
                    j.precision.map { String(Int(($0 * 100).rounded())) + "%" } ?? "-"])
        }
        out += sources.isEmpty ? "  none\n" : st.render()
        return out
    }

    public func json() -> String {
        func decisions(_ d: [Decision: Int]) -> JSONValue { .object(Decision.allCases.map { ($0.rawValue, .int(d[$0] ?? 0)) }) }
        return JSONValue.object([
            ("finished", .int(finished)), ("open", .int(open)), ("median_findings", .double(medianFindings)),
            ("months", .array(months.map { .object([("month", .string($0.month)), ("decisions", decisions($0.decisions)), ("overridden", .int($0.overridden)),
                                                  ("short", .int($0.short))]) })),
            ("primary_risks", .array(risks.map { .object([("risk", .string($0.risk.rawValue)), ("reviews", .int($0.reviews)), ("guessed", .int($0.guessed))]) })),
            ("failing_items", .array(failingItems.map { .object([("id", .string($0.id)), ("title", .string($0.title)), ("failed", .int($0.count))]) })),
            ("reviewers", .array(reviewers.map { .object([("name", .string($0.name)), ("reviews", .int($0.reviews)), ("decisions", decisions($0.decisions)),
                                                        ("overridden", .int($0.overridden)), ("short", .int($0.short))]) })),
            ("sources", .array(sources.map { j in .object([
                ("source", .string(j.source)), ("accepted", .int(j.accepted)), ("dismissed", .int(j.dismissed)),
                ("wrong", .int(j.wrong)), ("duplicate", .int(j.duplicate)), ("minor", .int(j.minor)), ("undecided", .int(j.undecided)),
                ("precision", j.precision.map { .double($0) } ?? .null),
            ]) })),
        ]).serialized(pretty: true) + "\n"
    }

    static func number(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(format: "%.1f", d) }
}

extension ReviewStore {
    /// `stats` over these log entries: one per review, its failed items and judged sources read
    /// from the store for exactly those reviews.
    public func stats(_ entries: [LogEntry], checklist: Checklist) throws(InputError) -> ReviewStats {
        let reviews = ReviewStats.reviews(entries)
        let failed = try failedItemCounts(reviewIDs: Set(reviews.filter(\.isFinished).map(\.id)))
        let sources = try judgements(reviewIDs: Set(reviews.map(\.id)))
        return ReviewStats.compute(reviews: reviews, failedItems: failed, checklist: checklist, sources: sources)
    }

    /// How often each checklist item was failed, over the given reviews.
    public func failedItemCounts(reviewIDs: Set<String>) throws(InputError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT review_id, item_id FROM item_marks WHERE state = 'fail'") where reviewIDs.contains(r["review_id"]) {
                counts[r["item_id"], default: 0] += 1
            }
            return counts
        }
    }
}
