import Foundation

/// Which checks a review offers, and where they run: for a range review, on the reviewed head,
/// never on whatever the work tree holds.
public struct CheckPlan: Sendable {
    public var folder: String
    public var commit: String?
    /// Said to the reviewer: `a worktree of 1a2b3c4 at …`, `the work tree (clean, at 1a2b3c4)`.
    public var place: String
    public var checks: [CheckCommand]

    /// - Parameter folder: for a patch review, the folder the reviewer chose; required there.
    public static func make(for review: Review, diff: ParsedDiff?, repository: GitRepository, folder: String?,
                            environment: [String: String] = ProcessEnvironment.current) throws(InputError) -> CheckPlan {
        let (where_, commit, place) = try CheckPlace.folder(for: review, repository: repository, chosen: folder)
        var checks = suggested(diff: diff, folder: where_, environment: environment)
        checks += try configured(review: review, diff: diff, repository: repository, environment: environment)
        return CheckPlan(folder: where_, commit: commit, place: place, checks: checks)
    }

    /// pytest on touched tests and the tests beside touched modules; ruff and mypy on touched
    /// Python files when the repository configures them.
    static func suggested(diff: ParsedDiff?, folder: String, environment: [String: String]) -> [CheckCommand] {
        guard let diff else { return [] }
        let fm = FileManager.default
        let python = diff.files.filter { $0.newPath != nil && $0.path.hasSuffix(".py") && fm.fileExists(atPath: folder + "/" + $0.path) }.map(\.path)
        var tests: [String] = []
        for path in python {
            let name = (path as NSString).lastPathComponent, dir = (path as NSString).deletingLastPathComponent
            if name.hasPrefix("test_") || name.hasSuffix("_test.py") || path.hasPrefix("tests/") || path.contains("/tests/") {
                tests.append(path)
                continue
            }
            let prefix: String = dir.isEmpty ? "" : dir + "/"
            var candidates: [String] = []
            for t in ["test_" + name, name.replacingOccurrences(of: ".py", with: "_test.py")] {
                candidates.append(prefix + t)
                candidates.append("tests/" + t)
                candidates.append(prefix + "tests/" + t)
            }
            tests += candidates.filter { fm.fileExists(atPath: folder + "/" + $0) }
        }
        var out: [CheckCommand] = []
        var seen = Set<String>()
        let uniqueTests = tests.filter { seen.insert($0).inserted }
        if !uniqueTests.isEmpty {
            out.append(CheckCommand(name: "pytest", arguments: ["python3", "-m", "pytest", "-q"] + uniqueTests, timeout: 900, source: .suggested))
        } else if !python.isEmpty, let testFolder = ["tests", "test"].first(where: { holdsPython(folder + "/" + $0) }) {
            // No test names the touched modules (tests/unit/code_test.py for code/scoring/score.py):
            // the repository's test folder, whole, rather than nothing at all.
            out.append(CheckCommand(name: "pytest", arguments: ["python3", "-m", "pytest", "-q", testFolder], timeout: 900, source: .suggested))
        }
        let pyproject = (try? String(contentsOfFile: folder + "/pyproject.toml", encoding: .utf8)) ?? ""
        let setupCfg = (try? String(contentsOfFile: folder + "/setup.cfg", encoding: .utf8)) ?? ""
        let lintable = python.filter { !$0.isEmpty }
        if !lintable.isEmpty {
            if fm.fileExists(atPath: folder + "/ruff.toml") || fm.fileExists(atPath: folder + "/.ruff.toml") || pyproject.contains("[tool.ruff") {
                out.append(CheckCommand(name: "ruff", arguments: ["ruff", "check"] + lintable, timeout: 300, source: .suggested))
            }
            if fm.fileExists(atPath: folder + "/mypy.ini") || fm.fileExists(atPath: folder + "/.mypy.ini") || pyproject.contains("[tool.mypy")
                || setupCfg.contains("[mypy") {
                out.append(CheckCommand(name: "mypy", arguments: ["mypy"] + lintable, timeout: 600, source: .suggested))
            }
        }
        return out
    }

    /// Whether a folder holds a Python file, at most two levels down.
    static func holdsPython(_ path: String) -> Bool {
        let fm = FileManager.default
        guard let top = try? fm.contentsOfDirectory(atPath: path) else { return false }
        if top.contains(where: { $0.hasSuffix(".py") }) { return true }
        return top.contains { ((try? fm.contentsOfDirectory(atPath: path + "/" + $0)) ?? []).contains { $0.hasSuffix(".py") } }
    }

    /// The team's checks from the base side of the range (or, for a patch, from the work tree's
    /// committed HEAD), the user's own, and any the head adds or changes, marked untrusted.
    static func configured(review: Review, diff: ParsedDiff?, repository: GitRepository,
                           environment: [String: String]) throws(InputError) -> [CheckCommand] {
        let file = TeamConfig.path
        var out: [CheckCommand] = []
        var base: [CheckConfig.Entry] = []
        if let team = TeamConfig.read(for: review.source, repository: repository) {
            base = try CheckConfig.parse(team.text, name: team.name)
        }
        let touched = diff?.touchedPaths ?? []
        func applies(_ e: CheckConfig.Entry) -> Bool { e.paths.isEmpty || touched.contains { p in e.paths.contains { Glob.matches($0, p) } } }
        out += base.filter(applies).map { CheckCommand(name: $0.name, arguments: $0.arguments, timeout: $0.timeout, source: .team) }
        let userFile = TeamConfig.userFile(environment)
        if FileManager.default.fileExists(atPath: userFile) {
            let text = String(decoding: try ByteInput.read(path: userFile, what: "a config", limit: 1_000_000), as: UTF8.self)
            out += try CheckConfig.parse(text, name: userFile).filter(applies)
                .map { CheckCommand(name: $0.name, arguments: $0.arguments, timeout: $0.timeout, source: .user) }
        }
        if review.source.kind == .range, let head = review.source.headCommit, let bytes = repository.newFile(file, at: head) {
            let headEntries = (try? CheckConfig.parse(String(decoding: bytes, as: UTF8.self), name: "\(file)@\(head.prefix(12))")) ?? []
            for e in headEntries where !base.contains(e) && applies(e) {
                out.append(CheckCommand(name: e.name, arguments: e.arguments, timeout: e.timeout, source: .head))
            }
        }
        return out
    }
}

/// Where a review's checks run.
public enum CheckPlace {
    public static func folder(for review: Review, repository: GitRepository, chosen: String?) throws(InputError) -> (String, String?, String) {
        if let chosen {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: chosen, isDirectory: &isDir), isDir.boolValue else {
                throw InputError("\(chosen): not a folder to run checks in")
            }
            let path = URL(fileURLWithPath: chosen).standardizedFileURL.path
            return (path, nil, "the folder you chose (\(path))")
        }
        guard review.source.kind == .range, let top = repository.topLevel(), let common = repository.commonDirectory() else {
            throw InputError("review \(review.id) is of a patch: checks run only in a folder you choose (--in FOLDER)")
        }
        guard let head = review.source.headCommit else {
            // A range ending in the work tree reviews the work tree itself.
            return (top, nil, "the work tree (the range ends there)")
        }
        let clean = ((try? repository.output(["status", "--porcelain", "--untracked-files=no"])) ?? nil) == nil
        if clean, repository.resolve("HEAD") == head { return (top, head, "the work tree (clean, at \(head.prefix(7)))") }
        let path = common + "/mle-review/worktrees/" + review.id
        if repository.resolve("HEAD", in: path) != head {
            _ = try? repository.output(["worktree", "remove", "--force", path])
            let r = try repository.git(["worktree", "add", "--detach", "--force", path, head])
            guard r.status == 0 else {
                throw InputError("git worktree add \(path) \(head.prefix(7)): \(String(decoding: r.stderr, as: UTF8.self).trimmingSpaces())")
            }
        }
        return (path, head, "a worktree of \(head.prefix(7)) at \(path)")
    }

    /// Removes the review's worktree (when the review is finished); nothing when there is none.
    public static func removeWorktree(of reviewID: String, repository: GitRepository) {
        guard let common = repository.commonDirectory() else { return }
        let path = common + "/mle-review/worktrees/" + reviewID
        guard FileManager.default.fileExists(atPath: path) else { return }
        _ = try? repository.git(["worktree", "remove", "--force", path])
    }
}

/// Which commands from a reviewed head the user has confirmed, by command hash.
public struct CheckTrust: Sendable {
    public let file: String

    public init(environment: [String: String] = ProcessEnvironment.current) {
        file = UserFolders.data(environment) + "/mle-review/trusted-checks"
    }

    public func isTrusted(_ c: CheckCommand) -> Bool {
        c.source != .head || ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n").contains { $0.hasPrefix(c.trustKey) }
    }

    public func trust(_ c: CheckCommand) throws(InputError) {
        let existing = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        try AtomicFile.makeFolder((file as NSString).deletingLastPathComponent)
        try AtomicFile.write(Array((existing + c.trustKey + " " + c.line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8), to: file)
    }
}

/// `*` within a folder name, `**` across folders, `?` one character.
enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        fnmatch(pattern, path, 0) == 0 || (pattern.hasPrefix("**/") && fnmatch(String(pattern.dropFirst(3)), path, 0) == 0)
    }
}
