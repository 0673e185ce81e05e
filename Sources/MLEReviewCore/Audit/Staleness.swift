/// Whether a review of a git range still matches the range: the branch may have new commits,
/// have been rebased, or its base may have moved so the same range now gives another diff.
public enum Staleness: Sendable, Equatable, CustomStringConvertible {
    case current
    case newCommits(count: Int, head: String)
    case rebased(head: String)
    /// The head is the same but the diff is not (the base side moved).
    case diffChanged
    /// The range names no commits here (a branch deleted, renamed, or never fetched into this
    /// clone): staleness cannot be told, so it is not counted as stale.
    case unresolvable

    public var isStale: Bool { self != .current && self != .unresolvable }

    public var description: String {
        switch self {
        case .current: return "current"
        case .newCommits(let n, let head): return "stale: \(n) new commit\(n == 1 ? "" : "s") (head \(head.prefix(7)))"
        case .rebased(let head): return "stale: rebased (head \(head.prefix(7)))"
        case .diffChanged: return "stale: diff changed (base moved)"
        case .unresolvable: return "unknown: the range does not resolve here (branch deleted or not fetched)"
        }
    }

    /// Short form for narrow columns.
    public var mark: String {
        switch self {
        case .current: return ""
        case .newCommits(let n, _): return "+\(n) commit\(n == 1 ? "" : "s")"
        case .rebased: return "rebased"
        case .diffChanged: return "diff changed"
        case .unresolvable: return "no range here"
        }
    }
}

/// Works out staleness for log entries, asking git once per distinct range (and once per
/// distinct pair of heads), so a log of thousands of reviews of a few branches stays fast.
public final class StalenessChecker {
    let repository: GitRepository
    private var rangeCommits: [String: (base: String?, head: String?)?] = [:]
    private var rangeDiff: [String: String?] = [:]
    private var ancestry: [String: Staleness] = [:]

    public init(repository: GitRepository) { self.repository = repository }

    /// A checker for the repository the command runs in; nil outside one (staleness unknown).
    public static func here() -> StalenessChecker? {
        let repo = GitRepository()
        return repo.commonDirectory() != nil ? StalenessChecker(repository: repo) : nil
    }

    public func check(_ source: ReviewSource) -> Staleness? {
        guard source.kind == .range, let range = source.range else { return nil }
        if rangeCommits[range] == nil { rangeCommits[range] = .some(try? repository.commits(of: range)) }
        guard let now = rangeCommits[range] ?? nil else { return .unresolvable }
        if let head = source.headCommit, let nowHead = now.head, head != nowHead {
            let key = head + nowHead
            if let known = ancestry[key] { return known }
            let verdict: Staleness = repository.isAncestor(head, of: nowHead)
                ? .newCommits(count: repository.commitCount(from: head, to: nowHead) ?? 0, head: nowHead)
                : .rebased(head: nowHead)
            ancestry[key] = verdict
            return verdict
        }
        // Same head (or a work-tree range): the diff itself decides, and only when the base moved
        // or there is no head commit to compare is it worth running git diff.
        guard now.base != source.baseCommit || source.headCommit == nil else { return .current }
        if rangeDiff[range] == nil {
            rangeDiff[range] = .some((try? GitDiff.diff(range: range, directory: repository.directory)).map(Hashing.sha256Hex))
        }
        guard let sha = rangeDiff[range] ?? nil else { return .unresolvable }
        return sha == source.diffSHA256 ? .current : .diffChanged
    }

    public func fill(_ entries: inout [LogEntry]) {
        for i in entries.indices { entries[i].staleness = check(entries[i].source) }
    }
}
