import Foundation

/// What the tool asks git about the repository it runs in.
public struct GitRepository: Sendable {
    /// `-C` argument, or nil for the current directory.
    public var directory: String?

    public init(directory: String? = nil) { self.directory = directory }

    public func git(_ args: [String]) throws(InputError) -> Subprocess.Result {
        try Subprocess.run(["git"] + (directory.map { ["-C", $0] } ?? []) + args)
    }

    public func output(_ args: [String]) throws(InputError) -> String? {
        let r = try git(args)
        guard r.status == 0 else { return nil }
        let s = String(decoding: r.stdout, as: UTF8.self).trimmingSpaces()
        return s.isEmpty ? nil : s
    }

    /// The shared git directory (the same for every worktree), or nil outside a repository.
    public func commonDirectory() -> String? {
        try? output(["rev-parse", "--path-format=absolute", "--git-common-dir"])
    }

    /// The commit a revision names, or nil.
    public func resolve(_ revision: String) -> String? {
        (try? output(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])) ?? nil
    }

    /// The commit a revision names in another checkout (a worktree), or nil.
    public func resolve(_ revision: String, in folder: String) -> String? {
        guard FileManager.default.fileExists(atPath: folder) else { return nil }
        return (try? GitRepository(directory: folder).output(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])) ?? nil
    }

    /// What `mle-review` with no range reviews: this branch against its upstream, else against the
    /// default branch, else the uncommitted changes (`HEAD`).
    public func defaultReviewRange() throws(InputError) -> String {
        guard commonDirectory() != nil else {
            throw InputError("\(directory ?? "current directory"): not a git repository (run inside one, give --patch FILE, or try mle-review demo)")
        }
        let head = resolve("HEAD")
        if let upstream = resolve("@{upstream}"), upstream != head { return "@{upstream}...HEAD" }
        for candidate in ["origin/HEAD", "origin/main", "origin/master", "main", "master"] {
            if let sha = resolve(candidate), sha != head { return "\(candidate)...HEAD" }
        }
        return "HEAD"
    }

    /// The range with the names it stands for now in place of `HEAD` (the branch checked out)
    /// and `@{upstream}` (the upstream branch), so a review records which branches it compared
    /// and a later checkout of another branch does not make it look stale. A side that names
    /// no branch (a detached HEAD, a commit) stays as typed; its ref is nil.
    public func namingBranches(_ range: String) -> (range: String, base: String?, head: String?) {
        func name(_ side: String) -> String? {
            if side.isEmpty || side == "HEAD" { return (try? output(["symbolic-ref", "--short", "-q", "HEAD"])) ?? nil }
            if side.contains("@{") { return (try? output(["rev-parse", "--abbrev-ref", "--symbolic-full-name", side])) ?? nil }
            return resolve(side) != nil ? side : nil
        }
        for dots in ["...", ".."] {
            guard let r = range.range(of: dots) else { continue }
            let a = String(range[..<r.lowerBound]), b = String(range[r.upperBound...])
            let base = name(a), head = name(b)
            return ((base ?? a) + dots + (head ?? b), base, head)
        }
        return (range, nil, nil)
    }

    /// A file's content at a commit, or in the work tree when `commit` is nil.
    public func newFile(_ path: String, at commit: String?) -> [UInt8]? {
        if let commit {
            guard let r = try? git(["show", "\(commit):\(path)"]), r.status == 0 else { return nil }
            return r.stdout
        }
        guard let top = topLevel() else { return nil }
        return try? ByteInput.read(path: top + "/" + path)
    }

    /// True when `ancestor` is `commit` or one of its ancestors.
    public func isAncestor(_ ancestor: String, of commit: String) -> Bool {
        (try? git(["merge-base", "--is-ancestor", ancestor, commit]))?.status == 0
    }

    /// How many commits `to` has that `from` does not.
    public func commitCount(from: String, to: String) -> Int? {
        ((try? output(["rev-list", "--count", "\(from)..\(to)"])) ?? nil).flatMap { Int($0) }
    }

    public func topLevel() -> String? { try? output(["rev-parse", "--show-toplevel"]) }

    /// `user.name` and `user.email` from git config.
    public func user() -> (name: String?, email: String?) {
        ((try? output(["config", "user.name"])) ?? nil, (try? output(["config", "user.email"])) ?? nil)
    }

    /// The commits a range compares: `A...B` is merge-base(A, B) to B, `A..B` is A to B, a single
    /// revision is that commit to the work tree (no head commit).
    public func commits(of range: String) throws(InputError) -> (base: String?, head: String?) {
        func rev(_ r: String) throws(InputError) -> String {
            guard let sha = try output(["rev-parse", "--verify", "--quiet", (r.isEmpty ? "HEAD" : r) + "^{commit}"]) else {
                throw InputError("git range \(range): unknown revision '\(r)'")
            }
            return sha
        }
        if let r = range.range(of: "...") {
            let a = String(range[..<r.lowerBound]), b = String(range[r.upperBound...])
            let head = try rev(b)
            guard let base = try output(["merge-base", try rev(a), head]) else {
                throw InputError("git range \(range): the two sides have no common ancestor")
            }
            return (base, head)
        }
        if let r = range.range(of: "..") {
            return (try rev(String(range[..<r.lowerBound])), try rev(String(range[r.upperBound...])))
        }
        return (try rev(range), nil)
    }
}
