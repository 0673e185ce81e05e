import Foundation
@testable import MLEReviewCore
import Testing

/// What the tool asks git while a review opens, asked in fewer calls: the answers must be those
/// the separate calls gave, in a work tree, a subfolder, a linked worktree, a bare repository and
/// outside any repository.
struct GitRepositoryTests {
    let audit = AuditTests()

    @Test func theLayoutIsWhereGitSaysInEveryKindOfCheckout() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let top = try repo.git("rev-parse", "--show-toplevel")
        let common = try repo.git("rev-parse", "--path-format=absolute", "--git-common-dir")
        try FileManager.default.createDirectory(atPath: repo.path + "/pkg/sub", withIntermediateDirectories: true)
        for folder in [repo.path, repo.path + "/pkg/sub"] {
            let layout = try #require(GitRepository(directory: folder).layout())
            #expect(layout.topLevel == top && layout.commonDirectory == common && layout.gitDirectory == common, "\(folder)")
        }
        let linked = repo.path + "-linked"
        defer { try? FileManager.default.removeItem(atPath: linked) }
        try repo.git("worktree", "add", "-q", linked, "main")
        let worktree = try #require(GitRepository(directory: linked).layout())
        #expect(worktree.commonDirectory == common && worktree.gitDirectory != common)
        #expect(worktree.topLevel == (try AuditTests.Repo(path: linked).git("rev-parse", "--show-toplevel")))

        let bare = repo.path + "-bare.git"
        defer { try? FileManager.default.removeItem(atPath: bare) }
        _ = try Subprocess.run(["git", "clone", "-q", "--bare", repo.path, bare])
        let bareLayout = try #require(GitRepository(directory: bare).layout())
        #expect(bareLayout.topLevel == nil && GitRepository(directory: bare).commonDirectory() != nil)

        let outside = try CommandLineTests().tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        #expect(GitRepository(directory: outside).layout() == nil && GitRepository(directory: outside).topLevel() == nil)
    }

    @Test func theUserIsGitsLastValueOfEach() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try repo.git("config", "user.name", "First Name")
        try repo.git("config", "--add", "user.name", "Ada Lovelace")
        try repo.git("config", "user.email", "ada@example.com")
        let user = GitRepository(directory: repo.path).user()
        // What `git config user.name` answers (without the test helper's own -c user.name).
        let asked = try Subprocess.run(["git", "-C", repo.path, "config", "user.name"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(user.name == asked && user.name == "Ada Lovelace")
        #expect(user.email == "ada@example.com")
    }

    @Test func bothSidesOfARangeResolveAndAnUnknownOneIsNamed() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let git = GitRepository(directory: repo.path)
        let main = try repo.git("rev-parse", "main"), feature = try repo.git("rev-parse", "feature")
        let three = try git.commits(of: "main...feature")
        #expect(three.base == main && three.head == feature)
        let two = try git.commits(of: "main..feature")
        #expect(two.base == main && two.head == feature)
        #expect(throws: InputError("git range main...nope: unknown revision 'nope'")) { try git.commits(of: "main...nope") }
        #expect(throws: InputError("git range nope..feature: unknown revision 'nope'")) { try git.commits(of: "nope..feature") }
        let input = try ReviewInput.range("main...feature", repository: git)
        #expect(input.source.baseRef == "main" && input.source.headRef == "feature" && input.source.headCommit == feature)
    }

    /// A range's sides and the repository's layout come from one git call before a range's first
    /// screen: the layout it leaves for the rest of the process must be the one asked alone, in a
    /// subfolder and in a linked worktree; a single revision resolves too, and a side git does not
    /// know is still named.
    @Test func aRangeResolvedWithTheLayoutLeavesTheLayoutGitGives() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let main = try repo.git("rev-parse", "main"), feature = try repo.git("rev-parse", "feature")
        let top = try repo.git("rev-parse", "--show-toplevel")
        let common = try repo.git("rev-parse", "--path-format=absolute", "--git-common-dir")
        try FileManager.default.createDirectory(atPath: repo.path + "/pkg/sub", withIntermediateDirectories: true)
        let sub = GitRepository(directory: repo.path + "/pkg/sub")
        let resolved = try #require(sub.quickResolve(range: "main...feature"))
        #expect(resolved.first == main && resolved.second == feature && resolved.threeDot)
        #expect(sub.layout() == GitRepository.Layout(gitDirectory: common, commonDirectory: common, topLevel: top))
        // Once the layout is known, the calls one by one (it is not asked again).
        #expect(sub.quickResolve(range: "main..feature") == nil)
        let two = try sub.resolve(range: "main..feature")
        #expect(two.first == main && two.second == feature && !two.threeDot)

        let linked = repo.path + "-linked"
        defer { try? FileManager.default.removeItem(atPath: linked) }
        try repo.git("worktree", "add", "-q", linked, "main")
        let worktree = GitRepository(directory: linked)
        let single = try worktree.resolve(range: "HEAD")
        #expect(single.first == main && single.second == nil)
        let layout = try #require(worktree.layout())
        #expect(layout.commonDirectory == common && layout.gitDirectory != common)
        #expect(layout.topLevel == (try AuditTests.Repo(path: linked).git("rev-parse", "--show-toplevel")))

        let fresh = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: fresh.path) }
        #expect(throws: InputError("git range main...nope: unknown revision 'nope'")) {
            try GitRepository(directory: fresh.path).resolve(range: "main...nope")
        }
    }

    /// The team's checklist and config are read together at a commit: each must be exactly what
    /// `git show` gives, and a missing one (or a folder by that name) is none.
    @Test func teamFilesReadTogetherAreWhatGitShowGives() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try FileManager.default.createDirectory(atPath: repo.path + "/.mle-review", withIntermediateDirectories: true)
        // Bytes a line-reader would get wrong: no final newline, a NUL, a line that looks like a header.
        let checklist = "# Team\n\n## Data\n- [ ] Split by time\nabc blob 12\n\u{0}end"
        try repo.commit(".mle-review/checklist.md", checklist, "team checklist")
        let first = try repo.git("rev-parse", "HEAD")
        try repo.commit(".mle-review/config.toml", "[view]\ntheme = \"monochrome\"\n", "team config")
        let second = try repo.git("rev-parse", "HEAD")
        try repo.git("rm", "-q", ".mle-review/config.toml")
        try FileManager.default.createDirectory(atPath: repo.path + "/.mle-review/config.toml", withIntermediateDirectories: true)
        try repo.commit(".mle-review/config.toml/inner", "x", "a folder named like the config")
        let third = try repo.git("rev-parse", "HEAD")

        let git = GitRepository(directory: repo.path)
        func shown(_ commit: String, _ path: String) throws -> [UInt8]? {
            let r = try Subprocess.run(["git", "-C", repo.path, "show", "\(commit):\(path)"])
            return r.status == 0 ? r.stdout : nil
        }
        for commit in [first, second, third] {
            for path in [".mle-review/config.toml", ".mle-review/checklist.md"] {
                let read = git.newFile(path, at: commit)
                if path.hasSuffix("config.toml") && commit == third {
                    #expect(read == nil, "a folder is not a config")
                } else {
                    #expect(read == (try shown(commit, path)), "\(path) at \(commit.prefix(7))")
                }
            }
        }
        #expect(git.newFile(".mle-review/checklist.md", at: first) == Array(checklist.utf8))
        #expect(git.newFile(".mle-review/config.toml", at: first) == nil)
    }

    /// A review records the commits its diff was read from, even when the branch moves while it
    /// opens (a fetch, a commit in another terminal): the diff is read from the resolved commits.
    @Test func aBranchMovingWhileARangeOpensChangesNeitherItsDiffNorItsCommits() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let git = GitRepository(directory: repo.path)
        let resolved = try git.resolve(range: "main...feature")
        let head = try repo.git("rev-parse", "feature")
        try repo.commit("late.py", "print('landed while the review opened')\n", "late")
        let bytes = try GitDiff.diff(range: resolved.diffSpec, directory: repo.path)
        let input = try ReviewInput.range(resolved, bytes: bytes, repository: git)
        #expect(input.source.headCommit == head)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("late.py"))
        // The recorded commits give back exactly the diff that was reviewed.
        let base = try #require(input.source.baseCommit)
        #expect(try GitDiff.diff(range: "\(base)..\(head)", directory: repo.path) == bytes)
        // Not a repository, a range like an option: said before git is asked to diff.
        let outside = try CommandLineTests().tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        #expect(throws: InputError("\(outside): not a git repository (run inside one, or give --patch FILE)")) {
            try GitRepository(directory: outside).resolve(range: "main...feature")
        }
        #expect(throws: InputError("-p: a range cannot start with '-'")) { try git.resolve(range: "-p") }
    }
}
