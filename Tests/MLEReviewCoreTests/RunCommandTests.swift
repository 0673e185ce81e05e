import Foundation
import MLEReviewCore
import Testing

/// Issue 15, `mle-review run`: checks run on the reviewed head, are recorded from what happened,
/// and decide the verdict; nothing the change contains chooses what runs.
enum Pytest {
    static var available: Bool { (try? Subprocess.run(["python3", "-m", "pytest", "--version"]))?.status == 0 }
}

@Suite(.enabled(if: Pytest.available, "needs python3 with pytest (.ci/run installs it)"))
struct RunCommandTests {
    let cli = CommandLineTests()
    let audit = AuditTests()

    /// main has a model and its passing test; feature breaks the model and leaves the work tree dirty.
    func repository() throws -> AuditTests.Repo {
        let repo = AuditTests.Repo(path: try cli.tempDirectory())
        try repo.git("init", "-q", "-b", "main")
        try FileManager.default.createDirectory(atPath: repo.path + "/tests", withIntermediateDirectories: true)
        try repo.write("model.py", "def predict(x):\n    return 1 if x > 0.5 else 0\n")
        try repo.write("tests/test_model.py", "from model import predict\n\ndef test_high():\n    assert predict(0.9) == 1\n\ndef test_low():\n    assert predict(0.1) == 0\n")
        try repo.write("conftest.py", "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-qm", "base")
        try repo.git("checkout", "-qb", "feature")
        try repo.commit("model.py", "def predict(x):\n    return 1 if x > 0.95 else 0\n", "raise the threshold")
        // The reviewer's work tree has something else in it: the check must not see it.
        try repo.write("model.py", "raise SystemExit('the work tree, not the reviewed head')\n")
        return repo
    }

    func run(_ repo: AuditTests.Repo, _ args: [String]) throws -> Subprocess.Result {
        // The user's config and trust live in the test's own folders, not the machine's.
        try Subprocess.run(["env", "XDG_DATA_HOME=\(repo.path)/.git/data", "XDG_CONFIG_HOME=\(repo.path)/.git/config",
                            "sh", "-c", "cd \"$0\" && exec \"$@\"", repo.path, CommandLineTests.binary,
                            "run", "--store", repo.path + "/.git/s.sqlite", "--reviewer", "Ada"] + args)
    }

    @Test func aFailingPytestRunIsRecordedAndBlocksUntilExplained() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let list = try run(repo, ["--range", "main...feature"])
        #expect(list.status == 0, "\(list.stderrText)")
        #expect(list.stdoutText.contains("pytest     python3 -m pytest -q tests/test_model.py  [suggested]"), "\(list.stdoutText)")
        #expect(list.stdoutText.contains("a worktree of"), "\(list.stdoutText)")

        let r = try run(repo, ["--range", "main...feature", "--check", "pytest"])
        #expect(r.status == 1, "\(r.stderrText)")
        #expect(r.stdoutText.contains("1 failed, 1 passed"), "\(r.stdoutText)")
        #expect(r.stderrText.contains("— failed: 1 failed, 1 passed in "), "\(r.stderrText)")
        // The work tree was not touched, and the check did not run there.
        #expect(try String(contentsOfFile: repo.path + "/model.py", encoding: .utf8).hasPrefix("raise SystemExit"))
        #expect(!r.stdoutText.contains("the work tree, not the reviewed head"))

        let store = try ReviewStore(path: repo.path + "/.git/s.sqlite")
        let id = try store.resolve("latest")
        let recorded = try #require(try store.load(id).testsRun.first)
        #expect(recorded.outcome == .failed && recorded.ran?.exitStatus == 1 && recorded.ran?.folder.contains("/mle-review/worktrees/") == true)
        #expect(recorded.ran?.commit == (try repo.git("rev-parse", "feature")).trimmedText)
        #expect(String(decoding: try #require(try store.runOutput(recorded.id)), as: UTF8.self).contains("assert 0 == 1"))

        let text = try cli.run(["export", id, "--no-finish", "--store", repo.path + "/.git/s.sqlite"], in: repo.path).stdoutText
        #expect(text.contains("Decision: BLOCK\n"), "\(text)")
        #expect(text.contains("Tests run: python3 -m pytest -q tests/test_model.py (failed: 1 failed, 1 passed in "), "\(text)")
        #expect(text.contains("; ran at \((try repo.git("rev-parse", "--short=7", "feature")).trimmedText))"))

        // Finishing the review removes its worktree.
        let worktree = try #require(recorded.ran?.folder)
        #expect(FileManager.default.fileExists(atPath: worktree))
        _ = try cli.run(["finish", id, "--store", repo.path + "/.git/s.sqlite"], in: repo.path)
        #expect(!FileManager.default.fileExists(atPath: worktree))
    }

    @Test func aCheckTheHeadAddsToTheTeamConfigIsNotRunWithoutConfirming() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try FileManager.default.createDirectory(atPath: repo.path + "/.mle-review", withIntermediateDirectories: true)
        try repo.commit(".mle-review/config.toml", "[checks.smoke]\ncommand = \"python3 -c 'print(1)'\"\n\n[checks.evil]\ncommand = \"touch PWNED\"\n", "add checks")
        let list = try run(repo, ["--range", "main...feature"])
        #expect(list.stdoutText.contains("evil") && list.stdoutText.contains("needs --trust"), "\(list.stdoutText)")
        let refused = try run(repo, ["--range", "main...feature", "--check", "evil"])
        #expect(refused.status == 2 && refused.stderrText.contains("comes from the reviewed head's .mle-review/config.toml") && refused.stderrText.contains("touch PWNED"),
                "\(refused.stderrText)")
        let worktrees = repo.path + "/.git/mle-review/worktrees"
        let found = (try? FileManager.default.subpathsOfDirectory(atPath: worktrees))?.contains { $0.hasSuffix("PWNED") } ?? false
        #expect(!found && !FileManager.default.fileExists(atPath: repo.path + "/PWNED"))
        let trusted = try run(repo, ["--range", "main...feature", "--check", "evil", "--trust"])
        #expect(trusted.status == 0, "\(trusted.stderrText)")
        // Trust is remembered for that exact command.
        #expect(try run(repo, ["--range", "main...feature", "--check", "evil"]).status == 0)
    }

    @Test func aTimeoutStopsTheWholeProcessGroupAndIsRecorded() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let marker = "mle-review-timeout-\(UInt32.random(in: 100_000...999_999))"
        let r = try run(repo, ["--range", "main...feature", "--timeout", "1", "--", "bash", "-c", "sleep 60 & exec -a \(marker) sleep 60"])
        #expect(r.status == 124, "\(r.stderrText)")
        #expect(r.stderrText.contains("— timed out: timed out after 1 s"), "\(r.stderrText)")
        #expect(Self.processes(named: marker).isEmpty, "the check's processes outlived it")
        let store = try ReviewStore(path: repo.path + "/.git/s.sqlite")
        #expect(try store.load(try store.resolve("latest")).testsRun.first?.outcome == .timedOut)
    }

    /// A module whose tests are not named after it (code/scoring/score.py, tested in
    /// tests/unit/code_test.py, as MLOpsPython lays it out): "No check suggested for this
    /// change". The repository's test folder is suggested whole.
    @Test func aChangeWithNoNamesakeTestSuggestsTheTestFolder() throws {
        let repo = AuditTests.Repo(path: try cli.tempDirectory())
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try repo.git("init", "-q", "-b", "main")
        try FileManager.default.createDirectory(atPath: repo.path + "/code/scoring", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repo.path + "/tests/unit", withIntermediateDirectories: true)
        try repo.write("code/scoring/score.py", "def run(x):\n    return x\n")
        try repo.write("tests/unit/code_test.py", "def test_truth():\n    assert True\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-qm", "base")
        try repo.git("checkout", "-qb", "feature")
        try repo.commit("code/scoring/score.py", "def run(x, headers=None):\n    return x\n", "headers")
        let list = try run(repo, ["--range", "main...feature"])
        #expect(list.stdoutText.contains("pytest     python3 -m pytest -q tests  [suggested]"), "\(list.stdoutText)")
        let r = try run(repo, ["--range", "main...feature", "--check", "pytest"])
        #expect(r.status == 0 && r.stderrText.contains("— passed: 1 passed in "), "\(r.stderrText)")
    }

    /// A typo in the command ran no test: it was recorded as an errored run (exit 127) and the
    /// review said BLOCK until someone explained a run that never happened.
    @Test func aCommandThatCannotStartIsRefusedAndNothingIsRecorded() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let passing = try run(repo, ["--range", "main...feature", "--", "true"])
        #expect(passing.status == 0, "\(passing.stderrText)")
        let r = try run(repo, ["--range", "main...feature", "--", "pytset", "-q"])
        #expect(r.status == 2, "\(r.stderrText)")
        #expect(r.stderrText == "mle-review: pytset: cannot run it (No such file or directory): no test ran, nothing was recorded\n",
                "\(r.stderrText)")
        // A whole command line quoted as one word says so.
        let quoted = try run(repo, ["--range", "main...feature", "--", "python3 -m pytest -q"])
        #expect(quoted.status == 2 && quoted.stderrText.contains("(one quoted word: give the command's words apart, -- python3 -m pytest -q)"),
                "\(quoted.stderrText)")
        let store = try ReviewStore(path: repo.path + "/.git/s.sqlite")
        #expect(try store.load(try store.resolve("latest")).testsRun.map(\.command) == ["true"])
    }

    /// pytest that ran no test, for a mistyped option or path (its usage error, exit 4), was
    /// recorded as an errored run ("errored: rootdir: /tmp/…"), and the review said BLOCK until
    /// someone explained a run that never tested anything. As a command that cannot start, it is
    /// not recorded, and the error pytest printed says why.
    @Test(arguments: [
        (["python3", "-m", "pytest", "-q", "--no-such-option"], "__main__.py: error: unrecognized arguments: --no-such-option"),
        (["python3", "-m", "pytest", "tests/test_modle.py"], "ERROR: file or directory not found: tests/test_modle.py"),
    ])
    func aPytestThatRanNoTestIsNotATestRun(command: [String], said: String) throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let r = try run(repo, ["--range", "main...feature", "--"] + command)
        #expect(r.status == 2, "\(r.stderrText)")
        #expect(r.stderrText.hasSuffix("mle-review: \(command.joined(separator: " ")): pytest's usage error (exit 4): \(said): no test ran, nothing was recorded\n"),
                "\(r.stderrText)")
        let store = try ReviewStore(path: repo.path + "/.git/s.sqlite")
        #expect(try store.load(try store.resolve("latest")).testsRun.isEmpty)
        let shown = try cli.run(["export", "latest", "--no-finish", "--allow-incomplete", "--store", repo.path + "/.git/s.sqlite"], in: repo.path).stdoutText
        #expect(!shown.contains("Decision: BLOCK"), "\(shown)")
    }

    /// Ctrl-C stopped the check; SIGTERM or a closed terminal's SIGHUP ended `run` alone and
    /// left the check running in its own process group, with nothing recorded.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalCancelsAndLeavesNoProcessBehind(_ sig: Int32) throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let marker = "mle-review-cancel-\(UInt32.random(in: 100_000...999_999))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.currentDirectoryURL = URL(fileURLWithPath: repo.path)
        process.arguments = ["run", "--range", "main...feature", "--store", repo.path + "/.git/s.sqlite", "--",
                             "bash", "-c", "echo started; sleep 60 & exec -a \(marker) sleep 60"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Self.processes(named: marker).isEmpty && Date() < deadline { usleep(50_000) }
        try #require(!Self.processes(named: marker).isEmpty, "the check did not start")
        kill(process.processIdentifier, sig)
        let exited = Date().addingTimeInterval(20)
        while process.isRunning && Date() < exited { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(Self.processes(named: marker).isEmpty, "the check's processes outlived it")
        let store = try ReviewStore(path: repo.path + "/.git/s.sqlite")
        #expect(try store.load(try store.resolve("latest")).testsRun.first?.outcome == .cancelled)
    }

    @Test func hostileOutputNeverReachesTheTerminalRaw() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let r = try run(repo, ["--range", "main...feature", "--", "printf", "\\033]0;pwned\\007\\033[31mred\\033[0m \\302\\233x \\342\\200\\256abc\\n"])
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(!r.stdout.contains(0x1B) && !r.stdout.contains(0x07), "\(r.stdoutText.debugDescription)")
        #expect(r.stdoutText.contains("red"))
        #expect(!r.stdoutText.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x202E })
    }

    @Test func aPatchReviewRunsOnlyWhereTheUserSays() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let diff = try Subprocess.run(["git", "-C", repo.path, "diff", "main...feature"]).stdout
        try Data(diff).write(to: URL(fileURLWithPath: repo.path + "/.git/pr.diff"))
        let refused = try run(repo, ["--patch", repo.path + "/.git/pr.diff", "--", "true"])
        #expect(refused.status == 2 && refused.stderrText.contains("checks run only in a folder you choose (--in FOLDER)"), "\(refused.stderrText)")
        let ran = try run(repo, ["--patch", repo.path + "/.git/pr.diff", "--in", repo.path, "--", "true"])
        #expect(ran.status == 0, "\(ran.stderrText)")
    }

    /// Processes whose command line starts with `name` (they were started by this test's check).
    static func processes(named name: String) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }.filter { pid in
            let cmd = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
            return String(decoding: cmd.prefix { $0 != 0 }, as: UTF8.self) == name
        }
    }
}

extension String {
    var trimmedText: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
