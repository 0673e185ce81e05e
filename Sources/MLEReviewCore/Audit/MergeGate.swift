import Foundation

/// `mle-review verify`: does a finished, published, current review cover exactly this head
/// commit with a good enough decision? Reads the review refs in the repository (no store), so a
/// CI job needs only `git fetch` of the refs.
public enum MergeGate {
    public enum Requirement: String, Sendable, CaseIterable {
        case approve, warnings

        /// `approve` asks for an APPROVE as the rules give it: one finished short of its
        /// checklist (`--allow-incomplete`), or made from a stricter decision by an override, is
        /// the reviewer's word, and passes `warnings` only.
        func admits(_ f: Finish, overridden: Bool = false) -> Bool {
            switch self {
            case .approve: return f.decision == .approve && f.undoneSteps == nil && !overridden
            case .warnings: return f.decision != .block
            }
        }
    }

    public struct Outcome: Sendable {
        public var passed: Bool
        public var head: String
        public var reviewID: String?
        public var decision: Decision?
        public var reviewer: String?
        public var finishedAt: Date?
        /// One line: why it passed or failed.
        public var reason: String
        /// Refs that could not be trusted, with why (they were ignored).
        public var rejected: [RecordProblem]
        /// A published review of exactly this head was found (whatever its decision).
        public var covered: Bool { reviewHead == head }
        var reviewHead: String?

        public var json: String {
            JSONValue.object([
                ("passed", .bool(passed)), ("head", .string(head)), ("review", .optional(reviewID)),
                ("decision", .optional(decision?.rawValue)), ("reviewer", .optional(reviewer)),
                ("finished_at", .optional(finishedAt.map(Timestamp.format))), ("reason", .string(reason)),
                ("rejected", .array(rejected.map { .object([("ref", .string($0.ref)), ("reason", .string($0.reason))]) })),
            ]).serialized(pretty: true) + "\n"
        }
    }

    /// Why no published review covers the head, as far as this repository's own store can tell:
    /// a review of it finished here but not published, or still open. The gate itself reads only
    /// the refs (a CI job has no store); this is what a reviewer at their own machine needs to hear.
    /// `named` is the review the gate's own reason already names (a published one): not said twice.
    public static func localNote(head: String, local: [LogEntry], repository git: GitRepository, named: String? = nil) -> String? {
        let staleness = StalenessChecker(repository: git)
        let mine = local.filter { $0.source.headCommit == head || staleness.committed($0.source, in: head) }
        if let done = mine.filter(\.isFinished).max(by: { $0.date < $1.date }), let finish = done.finish {
            return "review \(done.id) of it (\(finish.decision.rawValue)) is finished in this repository's store but not published: "
                + "mle-review publish \(done.id)"
        }
        if let open = mine.max(by: { $0.date < $1.date }) {
            return "review \(open.id) of it is still open in this repository's store: finish it, then mle-review publish \(open.id)"
        }
        // Reviewed here on an earlier head: the branch moved on. Opening the range again carries
        // that review forward onto the new head, which is what brings it back under the gate.
        let behind = local.compactMap { e -> (LogEntry, String, Int)? in
            guard e.id != named, let h = e.source.headCommit, h != head, staleness.isAncestor(h, of: head),
                  let n = git.commitCount(from: h, to: head) else { return nil }
            return (e, h, n)
        }.min { ($0.2, -$0.0.date.timeIntervalSince1970) < ($1.2, -$1.0.date.timeIntervalSince1970) }
        if let (e, h, n) = behind {
            let state = e.finish.map { "finished \($0.decision.rawValue)" } ?? "open"
            var reopen = ""
            if e.source.kind == .range, let range = e.source.range { reopen = ": mle-review \(range) carries it forward onto \(head.prefix(7))" }
            return "review \(e.id) (\(state)) in this repository's store is of \(h.prefix(7)), \(n) commit\(n == 1 ? "" : "s") behind\(reopen)"
        }
        return nil
    }

    public static func check(_ target: String, require: Requirement, maxAgeDays: Int?, repository git: GitRepository,
                             now: Date = Date()) throws(InputError) -> Outcome {
        let head: String
        if target.contains("..") {
            guard let h = try git.commits(of: target).head else { throw InputError("verify \(target): the range has no head commit") }
            head = h
        } else {
            guard let h = git.resolve(target) else { throw InputError("verify: unknown revision '\(target)'") }
            head = h
        }
        var rejected: [RecordProblem] = []
        var records: [ReviewRefs.Published] = []
        var seen: Set<String> = []
        for (ref, commit) in try ReviewRefs.list("refs/mle-review/", repository: git) where seen.insert(commit).inserted {
            switch ReviewRefs.read(ref: ref, commit: commit, repository: git) {
            case .success(let p): records.append(p)
            case .failure(let problem): rejected.append(problem)
            }
        }
        let staleness = StalenessChecker(repository: git)
        // A review of uncommitted changes covers the commit they were committed as, unchanged.
        func covers(_ p: ReviewRefs.Published) -> Bool {
            p.review.source.headCommit == head || staleness.committed(p.review.source, in: head)
        }
        func outcome(_ passed: Bool, _ p: ReviewRefs.Published?, _ reason: String) -> Outcome {
            Outcome(passed: passed, head: head, reviewID: p?.review.id, decision: p?.review.finish?.decision,
                    reviewer: p?.review.finish?.finishedBy ?? p?.author, finishedAt: p?.review.finish?.finishedAt,
                    reason: reason, rejected: rejected, reviewHead: p.map { covers($0) ? head : $0.review.source.headCommit } ?? nil)
        }
        let short = String(head.prefix(7))
        let covering = records.filter(covers)
            .sorted { ($0.review.finish?.finishedAt ?? .distantPast) > ($1.review.finish?.finishedAt ?? .distantPast) }
        guard let newest = covering.first, let finish = newest.review.finish else {
            // The nearest reviewed ancestor says how far behind the reviews are.
            // (A review of uncommitted changes counts from the commit they were committed as.)
            let behind = records.compactMap { p -> (ReviewRefs.Published, String, Int)? in
                guard let h = p.review.source.headCommit ?? staleness.commit(of: p.review.source, towards: head),
                      staleness.isAncestor(h, of: head), let n = git.commitCount(from: h, to: head) else { return nil }
                return (p, h, n)
            }.min { $0.2 < $1.2 }
            if let (p, h, n) = behind {
                let first = (try? git.checked(["rev-list", "--reverse", "\(h)..\(head)"]))?.split(separator: "\n").first.map { String($0.prefix(7)) } ?? "?"
                return outcome(false, p, "no review covers \(short): review \(p.review.id) is of \(h.prefix(7)), \(n) commit\(n == 1 ? "" : "s") behind (stale since commit \(first))")
            }
            // Uncommitted changes reviewed on this head or an ancestor, committed otherwise (or not yet).
            let workTree = records.filter { p in
                guard p.review.source.headCommit == nil, let base = p.review.source.baseCommit else { return false }
                return base == head || staleness.isAncestor(base, of: head)
            }.max { ($0.review.finish?.finishedAt ?? .distantPast) < ($1.review.finish?.finishedAt ?? .distantPast) }
            if let p = workTree, let base = p.review.source.baseCommit {
                return outcome(false, p, "no review covers \(short): review \(p.review.id) is of uncommitted changes on \(base.prefix(7)), "
                    + (base == head ? "and \(short) is that commit without them" : "and \(base.prefix(7))..\(short) is not the diff it reviewed"))
            }
            return outcome(false, nil, "no published review covers \(short)" + (records.isEmpty ? " (no review refs here: fetch refs/mle-review/*)" : ""))
        }
        let who = finish.finishedBy ?? newest.author
        let when = String(Timestamp.format(finish.finishedAt).prefix(10))
        if let maxAgeDays, now.timeIntervalSince(finish.finishedAt) > Double(maxAgeDays) * 86_400 {
            let age = Int(now.timeIntervalSince(finish.finishedAt) / 86_400)
            return outcome(false, newest, "review \(newest.review.id) by \(who) on \(when) is \(age) days old (--max-age \(maxAgeDays))")
        }
        // Same head, but a range whose base moved reviews another diff than it would today.
        if let range = newest.review.source.range, newest.review.source.kind == .range, newest.review.source.headCommit == head,
           case .diffChanged = staleness.check(newest.review.source) {
            return outcome(false, newest, "review \(newest.review.id) of \(range) is stale: the diff changed since (its base moved)")
        }
        // An approval short of its checklist is said as such, passing or not; so is a decision
        // the reviewer made less strict than the rules gave, with the reason they wrote.
        var said = finish.undoneSteps == nil ? "" : " (finished\(Finish.undoneNote(finish.undoneSteps)))"
        var overridden = false
        if let o = newest.review.override, o.decision == finish.decision, let from = o.overridden, from.strictness > o.decision.strictness {
            overridden = true
            said += " (overridden from \(from.rawValue): \(TextExport.oneLine(o.justification ?? "no justification recorded"))"
                .prefix(200) + ")"
        }
        guard require.admits(finish, overridden: overridden) else {
            return outcome(false, newest, "decision \(finish.decision.rawValue)\(said) by \(who) on \(when) (review \(newest.review.id); required: \(require.rawValue)"
                + (finish.decision == .approve ? ", an APPROVE with every required step done" : "") + ")")
        }
        let committed = newest.review.source.headCommit == nil
            ? ", of the uncommitted changes on \(newest.review.source.baseCommit?.prefix(7) ?? "?"), committed as reviewed" : ""
        return outcome(true, newest, "\(finish.decision.rawValue)\(said) by \(who) on \(when) covers \(short) (review \(newest.review.id)\(committed))")
    }
}
