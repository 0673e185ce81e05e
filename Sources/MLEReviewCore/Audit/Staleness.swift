/// Whether a review of a git range still matches the range: the branch may have new commits,
/// have been rebased, or its base may have moved so the same range now gives another diff.
public enum Staleness: Sendable, Equatable, CustomStringConvertible {
    case current
    case newCommits(count: Int, head: String)
    case rebased(head: String)
    /// The head is the same but the diff is not (the base side moved).
    case diffChanged
    /// A review of uncommitted changes: the work tree no longer holds those changes on their
    /// base, and they were not committed as they were reviewed.
    case workTreeChanged
    /// The range names no commits here (a branch deleted, renamed, or never fetched into this
    /// clone): staleness cannot be told, so it is not counted as stale.
    case unresolvable
    /// Uncommitted changes of a branch not checked out here, and not committed on it since:
    /// where they are (another checkout, a stash) cannot be seen, so it is not counted as stale.
    case notCheckedOut(branch: String)

    public var isStale: Bool {
        switch self {
        case .current, .unresolvable, .notCheckedOut: return false
        default: return true
        }
    }

    public var description: String {
        switch self {
        case .current: return "current"
        case .newCommits(let n, let head): return "stale: \(n) new commit\(n == 1 ? "" : "s") (head \(head.prefix(7)))"
        case .rebased(let head): return "stale: rebased (head \(head.prefix(7)))"
        case .diffChanged: return "stale: diff changed (base moved)"
        case .workTreeChanged: return "stale: the work tree changed since (the uncommitted changes are not the ones reviewed)"
        case .unresolvable: return "unknown: the range does not resolve here (branch deleted or not fetched)"
        case .notCheckedOut(let branch): return "unknown: uncommitted changes on \(branch), which is not checked out here, and not committed on it"
        }
    }

    /// Short form for narrow columns.
    public var mark: String {
        switch self {
        case .current: return ""
        case .newCommits(let n, _): return "+\(n) commit\(n == 1 ? "" : "s")"
        case .rebased: return "rebased"
        case .diffChanged: return "diff changed"
        case .workTreeChanged: return "work tree changed"
        case .unresolvable: return "no range here"
        case .notCheckedOut(let branch): return "on \(branch)"
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
        if source.headCommit == nil, let base = source.baseCommit { return workTree(source, base: base) }
        if rangeCommits[range] == nil { rangeCommits[range] = .some(try? repository.commits(of: range)) }
        guard let now = rangeCommits[range] ?? nil else { return .unresolvable }
        if let head = source.headCommit, let nowHead = now.head, head != nowHead {
            let key = head + nowHead
            if let known = ancestry[key] { return known }
            let verdict: Staleness = isAncestor(head, of: nowHead)
                ? .newCommits(count: repository.commitCount(from: head, to: nowHead) ?? 0, head: nowHead)
                : .rebased(head: nowHead)
            ancestry[key] = verdict
            return verdict
        }
        // Same head (or no commit at all to compare): the diff itself decides, and only when the
        // base moved is it worth running git diff.
        guard now.base != source.baseCommit || source.headCommit == nil else { return .current }
        guard let sha = diffSHA256(range) else { return .unresolvable }
        return sha == source.diffSHA256 ? .current : .diffChanged
    }

    /// Whether a review of uncommitted changes (`mle-review`, `mle-review HEAD`) covers `head`:
    /// the changes were committed as reviewed, so `base..head` is exactly the diff it was made
    /// on (git gives the same bytes for the two; a test checks it). What the merge gate accepts.
    public func committed(_ source: ReviewSource, in head: String) -> Bool {
        guard source.kind == .range, source.headCommit == nil, let base = source.baseCommit, base != head,
              isAncestor(base, of: head) else { return false }
        return diffSHA256(base + ".." + head) == source.diffSHA256
    }

    /// The commit a review of uncommitted changes was committed as, on the way to `head`: `head`
    /// itself, or the first commit after the review's base (one commit for the changes is the
    /// usual way; squashed into later ones they are not told apart).
    public func commit(of source: ReviewSource, towards head: String) -> String? {
        guard let base = source.baseCommit, source.headCommit == nil, base != head, isAncestor(base, of: head) else { return nil }
        if committed(source, in: head) { return head }
        guard let first = (try? repository.output(["rev-list", "--reverse", "--ancestry-path", "\(base)..\(head)"]) ?? nil)?
                .split(separator: "\n").first.map(String.init) else { return nil }
        return committed(source, in: first) ? first : nil
    }

    /// A review of uncommitted changes holds while they are still the work tree's changes on
    /// their base, or once they are committed as they were: committing is not moving on.
    /// They are the changes of the branch that was checked out (recorded since the review
    /// store's branch names); judged by that branch, whatever is checked out now.
    private func workTree(_ source: ReviewSource, base: String) -> Staleness {
        guard repository.resolve(base) != nil, let head = workTreeHead(of: source) else { return .unresolvable }
        let elsewhere = otherBranch(of: source)
        if committed(source, in: head) { return .current }
        if let branch = elsewhere, head == base { return .notCheckedOut(branch: branch) }
        if elsewhere == nil, diffSHA256(base) == source.diffSHA256 { return .current }
        if head == base { return .workTreeChanged }
        guard isAncestor(base, of: head) else { return .rebased(head: head) }
        // Committed as reviewed, then built on: the commits after that one are what is new.
        let since = commit(of: source, towards: head) ?? base
        return .newCommits(count: repository.commitCount(from: since, to: head) ?? 0, head: head)
    }

    /// `git merge-base --is-ancestor`, asked once per pair: the gate and the log ask it of the
    /// same commits from several places.
    public func isAncestor(_ ancestor: String, of commit: String) -> Bool {
        let key = ancestor + ".." + commit
        if let known = ancestors[key] { return known }
        let answer = repository.isAncestor(ancestor, of: commit)
        ancestors[key] = answer
        return answer
    }
    private var ancestors: [String: Bool] = [:]

    /// The sha256 of `git diff RANGE`, asked once per range (a commit alone: against the work tree).
    private func diffSHA256(_ range: String) -> String? {
        if rangeDiff[range] == nil {
            rangeDiff[range] = .some((try? GitDiff.diff(range: range, directory: repository.directory)).map(Hashing.sha256Hex))
        }
        return rangeDiff[range] ?? nil
    }

    /// The branch checked out, asked once.
    private lazy var currentBranch: String? = repository.currentBranch()

    /// The branch a review of uncommitted changes was made on, when it is not the one checked out.
    private func otherBranch(of source: ReviewSource) -> String? {
        source.headRef.flatMap { $0 == currentBranch ? nil : $0 }
    }

    /// Where a review of uncommitted changes is judged: the tip of the branch they were on.
    public func workTreeHead(of source: ReviewSource) -> String? {
        repository.resolve(otherBranch(of: source).map { "refs/heads/" + $0 } ?? "HEAD")
    }

    public func fill(_ entries: inout [LogEntry]) {
        for i in entries.indices { entries[i].staleness = check(entries[i].source) }
    }
}
