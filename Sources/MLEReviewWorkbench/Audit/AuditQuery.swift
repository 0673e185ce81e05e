import MLEReviewCore

/// The audit view's filter line: the same filters as `mle-review log`, typed as words.
/// `decision:block reviewer:ada risk:data-leakage since:30d until:2026-11-01 path:features/*`,
/// `open`, `finished`, `stale`, `short`; any other word must appear in the row (id, names, range, risks).
public struct AuditQuery: Equatable, Sendable {
    public var filter = LogFilter()
    public var staleOnly = false
    public var words: [String] = []

    public static func == (a: AuditQuery, b: AuditQuery) -> Bool { a.text == b.text }
    var text: String { "\(filter.decision?.rawValue ?? "")|\(filter.reviewer ?? "")|\(filter.risk?.rawValue ?? "")|\(filter.since?.timeIntervalSince1970 ?? 0)|\(filter.until?.timeIntervalSince1970 ?? 0)|\(filter.pathGlob ?? "")|\(filter.state)|\(filter.short)|\(staleOnly)|\(words)" }

    public init() {}

    /// The query, or a message naming the word that is not understood.
    public static func parse(_ text: String) -> Result<AuditQuery, QueryError> {
        var q = AuditQuery()
        for word in words(text) {
            let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
            let key = parts.count == 2 ? parts[0].lowercased() : ""
            let value = parts.count == 2 ? parts[1] : ""
            switch key {
            case "decision":
                guard let d = Decision(loose: value) else { return .failure(QueryError("decision:\(value)? use approve, warnings or block")) }
                q.filter.decision = d
            case "reviewer": q.filter.reviewer = value
            case "risk":
                guard let r = RiskCategory(loose: value) else { return .failure(QueryError("risk:\(value)? use e.g. data-leakage, weak-eval")) }
                q.filter.risk = r
            case "since", "until":
                guard let d = DateArgument.parse(value, endOfDay: key == "until") else { return .failure(QueryError("\(key):\(value)? use 2026-11-01 or 30d")) }
                if key == "since" { q.filter.since = d } else { q.filter.until = d }
            case "path": q.filter.pathGlob = value
            default:
                switch word.lowercased() {
                case "open": q.filter.state = .open
                case "finished": q.filter.state = .finished
                case "stale": q.staleOnly = true
                case "short": q.filter.short = true
                default: q.words.append(word.lowercased())
                }
            }
        }
        return .success(q)
    }

    /// Splits on spaces, except inside double quotes: `reviewer:"Ada Lovelace"`.
    static func words(_ text: String) -> [String] {
        var out: [String] = [], current = "", quoted = false
        for c in text {
            if c == "\"" { quoted.toggle(); continue }
            if c == " " && !quoted {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// A value as the filter line needs it typed.
    public static func quoted(_ value: String) -> String { value.contains(" ") ? "\"\(value)\"" : value }

    func admits(_ e: LogEntry) -> Bool {
        if staleOnly && e.staleness?.isStale != true { return false }
        guard !words.isEmpty else { return true }
        let hay = ([e.id, LogReport.range(e.source), e.finish.map { LogReport.short($0.decision) } ?? "open"]
                   + e.reviewers.map(\.name) + e.primaryRisks.map(\.rawValue)).joined(separator: " ").lowercased()
        return words.allSatisfy { hay.contains($0) }
    }
}

public struct QueryError: Error, Equatable, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
