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

    /// Where the repository's parts are. Opening a review asks for all three in turn (the store
    /// lives in the common directory, the checklist at the top level): one `git rev-parse` for
    /// them, once per folder in a process, since a folder does not move in or out of a
    /// repository while the tool runs.
    public struct Layout: Sendable, Equatable {
        public var gitDirectory: String
        public var commonDirectory: String
        /// Nil in a bare repository or inside `.git`.
        public var topLevel: String?
    }

    /// The layout of the repository this folder is in, or nil outside one.
    public func layout() -> Layout? {
        let key = directory ?? FileManager.default.currentDirectoryPath
        if let known = Self.layouts.value(key) { return known }
        let found = readLayout()
        Self.layouts.set(key, found)
        return found
    }

    private func readLayout() -> Layout? {
        let parts = ["rev-parse", "--path-format=absolute", "--git-dir", "--git-common-dir"]
        func lines(_ r: Subprocess.Result) -> [String] { String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map(String.init) }
        guard let whole = try? git(parts + ["--show-toplevel"]) else { return nil }
        if whole.status == 0 {
            let l = lines(whole)
            if l.count >= 3 { return Layout(gitDirectory: l[0], commonDirectory: l[1], topLevel: l[2]) }
        } else if whole.stderrText.contains("not a git repository") {
            return nil
        }
        // No work tree (a bare repository, inside .git): --show-toplevel fails the whole call.
        guard let r = try? git(parts), r.status == 0 else { return nil }
        let l = lines(r)
        guard l.count >= 2 else { return nil }
        return Layout(gitDirectory: l[0], commonDirectory: l[1], topLevel: nil)
    }

    private static let layouts = LockedCache<Layout?>()

    /// Throws the one line every command gives outside a repository.
    public func requireRepository() throws(InputError) {
        guard layout() != nil else {
            throw InputError("\(directory ?? "current directory"): not a git repository (run inside one, or give --patch FILE)")
        }
    }

    /// The shared git directory (the same for every worktree), or nil outside a repository.
    public func commonDirectory() -> String? { layout()?.commonDirectory }

    /// The commit a revision names, or nil.
    public func resolve(_ revision: String) -> String? {
        (try? output(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])) ?? nil
    }

    /// The commit a revision names in another checkout (a worktree), or nil.
    public func resolve(_ revision: String, in folder: String) -> String? {
        guard FileManager.default.fileExists(atPath: folder) else { return nil }
        return (try? GitRepository(directory: folder).output(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])) ?? nil
    }

    /// What `mle-review` with no range reviews: this branch against its upstream when that is
    /// its base (another branch), else against the default branch, else the uncommitted changes
    /// (`HEAD`).
    public func defaultReviewRange() throws(InputError) -> String {
        guard commonDirectory() != nil else {
            throw InputError("\(directory ?? "current directory"): not a git repository (run inside one, give --patch FILE, or try mle-review demo)")
        }
        let head = resolve("HEAD")
        let upstream = resolve("@{upstream}").flatMap { $0 != head ? $0 : nil }
        // A branch that tracks its own name on a remote (feature → origin/feature) is pushed
        // there, not based on it: against it, the review held only the commits not pushed yet,
        // not the branch a pull request shows. Its base is the default branch.
        if upstream != nil, !tracksItsOwnName() { return "@{upstream}...HEAD" }
        for candidate in ["origin/HEAD", "origin/main", "origin/master", "main", "master"] {
            if let sha = resolve(candidate), sha != head { return "\(candidate)...HEAD" }
        }
        return upstream != nil ? "@{upstream}...HEAD" : "HEAD"
    }

    /// Whether the branch checked out tracks a remote branch of its own name (pushed there).
    func tracksItsOwnName() -> Bool {
        guard let branch = currentBranch(),
              let remote = (try? output(["config", "branch.\(branch).remote"])) ?? nil, remote != ".",
              let merge = (try? output(["config", "branch.\(branch).merge"])) ?? nil else { return false }
        return merge == "refs/heads/" + branch
    }

    /// The branch checked out here, or nil on a detached HEAD.
    public func currentBranch() -> String? { (try? output(["symbolic-ref", "--short", "-q", "HEAD"])) ?? nil }

    /// The range with the names it stands for now in place of `HEAD` (the branch checked out)
    /// and `@{upstream}` (the upstream branch), so a review records which branches it compared
    /// and a later checkout of another branch does not make it look stale. A side that names
    /// no branch (a detached HEAD, a commit) stays as typed; its ref is nil.
    /// `sidesResolved`: each side is already known to name a commit (`resolve(range:)` asked git).
    /// A range of one side (`HEAD`, a commit) is a diff of the work tree: its head is the branch
    /// checked out, whose uncommitted changes those are.
    public func namingBranches(_ range: String, sidesResolved: Bool = false) -> (range: String, base: String?, head: String?) {
        func name(_ side: String) -> String? {
            if side.isEmpty || side == "HEAD" { return currentBranch() }
            if side.contains("@{") { return (try? output(["rev-parse", "--abbrev-ref", "--symbolic-full-name", side])) ?? nil }
            return sidesResolved || resolve(side) != nil ? side : nil
        }
        for dots in ["...", ".."] {
            guard let r = range.range(of: dots) else { continue }
            let a = String(range[..<r.lowerBound]), b = String(range[r.upperBound...])
            let base = name(a), head = name(b)
            return ((base ?? a) + dots + (head ?? b), base, head)
        }
        return (range, nil, currentBranch())
    }

    /// A file's content at a commit, or in the work tree when `commit` is nil.
    public func newFile(_ path: String, at commit: String?) -> [UInt8]? {
        if let commit {
            if Self.teamFiles.contains(path), Self.isObjectName(commit) { return teamFile(path, at: commit) }
            return show(path, at: commit)
        }
        guard let top = topLevel() else { return nil }
        return try? ByteInput.read(path: top + "/" + path)
    }

    private func show(_ path: String, at commit: String) -> [UInt8]? {
        guard let r = try? git(["show", "\(commit):\(path)"]), r.status == 0 else { return nil }
        return r.stdout
    }

    /// The team's files, read from the base commit as a review opens: asked of git together.
    static let teamFiles = [".mle-review/checklist.md", ".mle-review/config.toml"]

    static func isObjectName(_ s: String) -> Bool { (s.utf8.count == 40 || s.utf8.count == 64) && s.allSatisfy(\.isHexDigit) }

    /// One team file at a commit: both are read with one `git cat-file --batch` the first time
    /// either is asked for at that commit, and kept (a commit's files never change).
    private func teamFile(_ path: String, at commit: String) -> [UInt8]? {
        let key = (directory ?? FileManager.default.currentDirectoryPath) + "\u{0}" + commit
        if let known = Self.teamFileCache.value(key) { return known[path] ?? nil }
        var found: [String: [UInt8]?] = [:]
        let names = Self.teamFiles.map { "\(commit):\($0)" }
        guard let r = try? Subprocess.run(["git"] + (directory.map { ["-C", $0] } ?? []) + ["cat-file", "--batch"],
                                          input: Array((names.joined(separator: "\n") + "\n").utf8)), r.status == 0 else {
            return show(path, at: commit)
        }
        // Each answer: "<object> blob <size>\n<bytes>\n", or "<name> missing\n" (or ambiguous).
        var at = 0
        let out = r.stdout
        for file in Self.teamFiles {
            guard let end = out[at...].firstIndex(of: 10) else { break }
            let header = String(decoding: out[at..<end], as: UTF8.self).split(separator: " ")
            at = end + 1
            if header.count == 3, header[1] == "blob", let size = Int(header[2]), at + size <= out.count {
                found[file] = Array(out[at..<(at + size)])
                at += size + 1
            } else if header.count == 3, let size = Int(header[2]) {
                at = min(out.count, at + size + 1) // a tree or another kind of object: not a file
                found[file] = .some(nil)
            } else {
                found[file] = .some(nil)
            }
        }
        // An answer not read to the end is not taken for "no such file": git is asked the old way.
        guard found.count == Self.teamFiles.count else { return show(path, at: commit) }
        Self.teamFileCache.set(key, found)
        return found[path] ?? nil
    }

    private static let teamFileCache = LockedCache<[String: [UInt8]?]>()

    /// True when `ancestor` is `commit` or one of its ancestors.
    public func isAncestor(_ ancestor: String, of commit: String) -> Bool {
        (try? git(["merge-base", "--is-ancestor", ancestor, commit]))?.status == 0
    }

    /// How many commits `to` has that `from` does not.
    public func commitCount(from: String, to: String) -> Int? {
        ((try? output(["rev-list", "--count", "\(from)..\(to)"])) ?? nil).flatMap { Int($0) }
    }

    public func topLevel() -> String? { layout()?.topLevel }

    /// How many files the work tree changes against HEAD, new ones included (a review store
    /// kept in it aside): what a review of the branch's commits does not show. Nil when git
    /// cannot tell.
    public func uncommittedChanges() -> Int? {
        guard let top = topLevel(), let r = try? git(["status", "--porcelain=v1", "-z", "--untracked-files=normal"]), r.status == 0 else { return nil }
        var count = 0, skipNext = false
        for entry in r.stdout.split(separator: 0, omittingEmptySubsequences: true) {
            if skipNext { skipNext = false; continue }
            guard entry.count > 3 else { continue }
            // A rename or copy is followed by the path it came from.
            if entry.first == UInt8(ascii: "R") || entry.first == UInt8(ascii: "C") { skipNext = true }
            let path = String(decoding: entry.dropFirst(3), as: UTF8.self)
            if UntrackedFiles.isStore(top + "/" + path) { continue }
            count += 1
        }
        return count
    }

    /// `user.name` and `user.email` from git config, in one call (the last value of each wins,
    /// as `git config user.name` answers).
    public func user() -> (name: String?, email: String?) {
        guard let r = try? git(["config", "--get-regexp", "^user\\.(name|email)$"]), r.status == 0 else { return (nil, nil) }
        var name: String?, email: String?
        for line in String(decoding: r.stdout, as: UTF8.self).split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let value = String(line[line.index(after: space)...]).trimmingSpaces()
            if value.isEmpty { continue }
            switch line[..<space] {
            case "user.name": name = value
            case "user.email": email = value
            default: break
            }
        }
        return (name, email)
    }

    /// A range whose sides are resolved to commits, once: its diff is read from those commits,
    /// so the commits a review records are the ones its diff was made from, whatever moves a
    /// branch meanwhile.
    public struct ResolvedRange: Sendable, Equatable {
        public var range: String
        /// The commit of each side (the second nil for a single revision: the work tree).
        public var first: String
        public var second: String?
        public var threeDot: Bool

        /// `A...B`, `A..B` or `REV` with commits in place of names: what `git diff` is given.
        public var diffSpec: String { second.map { first + (threeDot ? "..." : "..") + $0 } ?? first }
    }

    public func resolve(range: String) throws(InputError) -> ResolvedRange {
        try GitDiff.refuseOption(range)
        if let quick = quickResolve(range: range) { return quick }
        try requireRepository()
        func rev(_ r: String) throws(InputError) -> String {
            guard let sha = try output(["rev-parse", "--verify", "--quiet", Self.commitName(r)]) else {
                throw InputError("git range \(range): unknown revision '\(r)'")
            }
            return sha
        }
        // Both sides in one call; when one is unknown, one call each says which.
        func revs(_ a: String, _ b: String) throws(InputError) -> (String, String) {
            let names = [a, b].map(Self.commitName)
            if !names.contains(where: { $0.hasPrefix("-") }), let r = try? git(["rev-parse"] + names), r.status == 0 {
                let shas = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
                if shas.count == 2, shas.allSatisfy(Self.isObjectName) { return (shas[0], shas[1]) }
            }
            return (try rev(a), try rev(b))
        }
        let (sides, threeDot) = Self.sides(of: range)
        if sides.count == 2 {
            let (a, b) = try revs(sides[0], sides[1])
            return ResolvedRange(range: range, first: a, second: b, threeDot: threeDot)
        }
        return ResolvedRange(range: range, first: try rev(range), second: nil, threeDot: false)
    }

    /// `A...B` and `A..B` as their two sides (and which it was), a single revision as itself.
    static func sides(of range: String) -> (sides: [String], threeDot: Bool) {
        for dots in ["...", ".."] {
            guard let r = range.range(of: dots) else { continue }
            return ([String(range[..<r.lowerBound]), String(range[r.upperBound...])], dots == "...")
        }
        return ([range], false)
    }

    /// What rev-parse is asked for a side: its commit (an empty side is HEAD, as git reads `A..`).
    static func commitName(_ side: String) -> String { (side.isEmpty ? "HEAD" : side) + "^{commit}" }

    /// The repository's layout and the range's sides in one `git rev-parse` (each git process
    /// is 2-3 ms before a range's first screen, and tig's reader waits for only `git diff`), when
    /// the layout is not known yet and that call answers whole; nil otherwise, and the calls one
    /// by one then say what is wrong (not a repository, which side is unknown).
    func quickResolve(range: String) -> ResolvedRange? {
        let key = directory ?? FileManager.default.currentDirectoryPath
        guard Self.layouts.value(key) == nil else { return nil }
        let (sides, threeDot) = Self.sides(of: range)
        let names = sides.map(Self.commitName)
        guard !names.contains(where: { $0.hasPrefix("-") }),
              let r = try? git(["rev-parse", "--path-format=absolute", "--git-dir", "--git-common-dir", "--show-toplevel"] + names),
              r.status == 0 else { return nil }
        let l = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        guard l.count == 3 + names.count, l[3...].allSatisfy(Self.isObjectName) else { return nil }
        Self.layouts.set(key, Layout(gitDirectory: l[0], commonDirectory: l[1], topLevel: l[2]))
        return ResolvedRange(range: range, first: l[3], second: names.count == 2 ? l[4] : nil, threeDot: threeDot)
    }

    /// `A..B` compares B with A's tip: when A has commits B lacks (the base branch moved on),
    /// the diff shows them undone, as if the branch removed them. Said to the reviewer, who
    /// mostly meant the branch's own changes (`A...B`, as a pull request shows them); nil when
    /// A is an ancestor of B, where both read the same, and for any other range.
    public func twoDotCaveat(_ resolved: ResolvedRange) -> String? {
        guard !resolved.threeDot, let second = resolved.second, resolved.first != second,
              let text = try? output(["rev-list", "--count", second + ".." + resolved.first]), let n = Int(text), n > 0 else { return nil }
        let (sides, _) = Self.sides(of: resolved.range)
        let a = sides[0].isEmpty ? "HEAD" : sides[0], b = sides[1].isEmpty ? "HEAD" : sides[1]
        let commits = n == 1 ? "1 commit" : "\(n) commits"
        return "\(resolved.range) also undoes \(a)'s \(commits) not in \(b); \(a)...\(b) is \(b)'s changes alone"
    }

    /// The same for a range as typed: git is asked only when it is two-dot (`parse` and `scan`
    /// read every other range without resolving it).
    public func twoDotCaveat(range: String) -> String? {
        let (sides, threeDot) = Self.sides(of: range)
        guard sides.count == 2, !threeDot, let resolved = try? resolve(range: range) else { return nil }
        return twoDotCaveat(resolved)
    }

    /// The commits a range compares: `A...B` is merge-base(A, B) to B, `A..B` is A to B, a single
    /// revision is that commit to the work tree (no head commit).
    public func commits(of range: String) throws(InputError) -> (base: String?, head: String?) {
        try commits(of: try resolve(range: range))
    }

    public func commits(of resolved: ResolvedRange) throws(InputError) -> (base: String?, head: String?) {
        guard let second = resolved.second else { return (resolved.first, nil) }
        guard resolved.threeDot else { return (resolved.first, second) }
        guard let common = try output(["merge-base", resolved.first, second]) else {
            throw InputError("git range \(resolved.range): the two sides have no common ancestor")
        }
        return (common, second)
    }
}

/// Answers already read from git, by key (a layout by folder, team files by folder and commit),
/// shared by every thread of the process.
final class LockedCache<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: Value] = [:]

    func value(_ key: String) -> Value? { lock.withLock { known[key] } }
    func set(_ key: String, _ value: Value) { lock.withLock { known[key] = value } }
}
