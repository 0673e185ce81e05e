import Foundation
import MLEReviewCore
import Testing

/// Checks run from the workbench (`T`), in tmux: the suggested and typed commands, their output
/// live, what is recorded, and what the verdict makes of it.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct ChecksJourneyTests {
    /// Issue 15: T runs the suggested pytest on the reviewed head with its output live; the
    /// failed run is recorded with pytest's summary and blocks; an explanation makes it warn.
    @Test(.enabled(if: (try? Subprocess.run(["python3", "-m", "pytest", "--version"]))?.status == 0, "needs python3 with pytest"))
    func checksRunFromTheWorkbench() throws {
        let t = try Self.checksPanel(after: """
        mkdir tests
        printf 'def predict(x):\\n    return 1 if x > 0.5 else 0\\n' > model.py
        printf 'import sys, os\\nsys.path.insert(0, os.path.dirname(__file__))\\n' > conftest.py
        printf 'from model import predict\\n\\ndef test_high():\\n    assert predict(0.9) == 1\\n\\ndef test_low():\\n    assert predict(0.1) == 0\\n' > tests/test_model.py
        git add -A && git commit -qm base && git checkout -qb feature
        printf 'def predict(x):\\n    return 1 if x > 0.95 else 0\\n' > model.py
        git commit -qam threshold
        """)
        defer { t.stop() }
        #expect(t.screen().contains("python3 -m pytest -q tests/test_model.py"))
        t.keys("Enter")
        try t.waitFor("1 failed, 1 passed", seconds: 30)
        try t.waitFor("failed: 1 failed, 1 passed in", seconds: 30)
        #expect(t.screen().contains("assert 0 == 1"), "the live output shows pytest's report")
        t.keys("Escape", "Escape", "V")
        try t.waitFor("test run failed without an explanation")
        #expect(t.screen().contains("BLOCK so far"))
        t.keys("Escape", "T", "o")
        try t.waitFor("x explain")
        t.keys("x")
        try t.waitFor("Why this failed run is acceptable")
        t.type("the threshold change is intended; the test is updated in the next PR")
        t.keys("C-s")
        try t.waitFor("explained: the failed run now warns instead of blocking")
        // Saving the form goes back to the run, then Esc to the checks, Esc to the review.
        #expect(t.screen().contains("#1 python3 -m pytest"))
        t.keys("Escape", "Escape", "V")
        try t.waitFor("APPROVE WITH WARNINGS so far")
        t.keys("Escape", "q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let run = try #require(try store.load(try store.resolve("latest")).testsRun.first)
        #expect(run.outcome == .failed && run.ran != nil && run.isExplained && run.summary.hasPrefix("1 failed, 1 passed in"))
        // The reviewer's work tree was the reviewed head (clean), so no worktree was needed.
        #expect(run.ran?.folder.hasSuffix("/repo") == true, "\(run.ran?.folder ?? "")")
    }

    /// j and k move between the suggested checks, as in every other list (only ↓ and Tab did:
    /// j then Enter ran the first check again); on the command line they are typed.
    @Test(.enabled(if: (try? Subprocess.run(["python3", "-m", "pytest", "--version"]))?.status == 0, "needs python3 with pytest"))
    func jAndKMoveBetweenTheSuggestedChecks() throws {
        let t = try Self.checksPanel(after: "printf '[tool.ruff]\\nline-length = 100\\n' > pyproject.toml\n" + Self.testedModel)
        defer { t.stop() }
        try t.waitFor("ruff check model.py")
        t.keys("j", "Enter")
        try t.waitFor("#1 ruff check model.py", seconds: 30)
        // q goes back to the checks whether or not the run is over (Esc would stop a running one).
        t.keys("q")
        try t.waitFor("Run checks · Enter run")
        t.keys("k", "j", "j")
        t.type("jk")
        try t.waitFor("Command: jk", orLineContaining: "Command:")
        t.keys("Escape", "q")
        try t.waitForExit()
    }

    /// With a suggested check under the cursor, a typed command went nowhere (the letters were
    /// dropped) and Enter ran the suggested check instead: typing goes to the command line.
    @Test func typingOnASuggestedCheckTypesTheCommand() throws {
        let t = try Self.checksPanel(after: Self.testedModel)
        defer { t.stop() }
        try t.waitFor("python3 -m pytest -q tests/test_model.py")
        t.type("echo typed")
        try t.waitFor("Command: echo typed", orLineContaining: "Command:")
        t.keys("Enter")
        try t.waitFor("#1 echo typed", seconds: 30)
        t.keys("q", "Escape", "q")
        try t.waitForExit()
    }

    /// A model with its test (so pytest is suggested), changed on the feature branch.
    static let testedModel = """
        mkdir tests
        printf 'def f(x):\\n    return x\\n' > model.py
        printf 'from model import f\\n\\ndef test_f():\\n    assert f(1) == 1\\n' > tests/test_model.py
        git add -A && git commit -qm base && git checkout -qb feature
        printf 'def f(x):\\n    return x * 1\\n' > model.py
        git commit -qam change
        """

    /// A repository whose feature branch changes model.py (from what `base` prints to what
    /// `change` prints), open on main...feature with the checks panel up.
    static func checksOnABranch(changing base: String, to change: String) throws -> Tmux {
        try checksPanel(after: """
        \(base) > model.py && git add -A && git commit -qm base && git checkout -qb feature
        \(change) > model.py && git commit -qam change
        """)
    }

    /// The repository `setup` makes in a new one (main, then feature), open on main...feature
    /// with the checks panel up.
    static func checksPanel(after setup: String) throws -> Tmux {
        let t = try Tmux.start(shell: "sh setup.sh && cd repo && BIN main...feature --reviewer Ada", files: ["setup.sh": Tmux.newRepository + setup])
        do {
            try t.waitFor("✓ saved")
            t.keys("T")
            try t.waitFor("Run checks · Enter run")
        } catch {
            t.stop()
            throw error
        }
        return t
    }

    /// A check's output names the line it is about (pytest's failure, a linter's finding): `:` in
    /// the output puts the last such place in the go-to line, and Enter shows it in the diff.
    @Test func colonInARunsOutputGoesToTheLineItNames() throws {
        let t = try Self.checksOnABranch(changing: "printf 'x = 1\\ny = 2\\n'", to: "printf 'x = 1\\ny = 3\\n'")
        defer { t.stop() }
        t.type("printf 'model.py:2:5: E225 something\\nFound 1 error.\\n'")
        t.keys("Enter")
        try t.waitFor("Found 1 error.", seconds: 30)
        t.keys(":")
        try t.waitFor("go to: model.py:2")
        t.keys("Enter")
        try t.waitFor(" model.py:2 ")
        #expect(t.screen().contains("Diff · 1/1 model.py"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
    }

    /// A check that prints nothing is summed up by its exit status: the run's title said it twice
    /// ("passed: exit status 0 · 0.2 s · exit 0").
    @Test func aSilentCheckSaysItsExitStatusOnce() throws {
        let t = try Self.checksOnABranch(changing: "echo 'x = 1'", to: "echo 'x = 2'")
        defer { t.stop() }
        t.type("true")
        t.keys("Enter")
        try t.waitFor("passed: exit status 0 · ", seconds: 30)
        let title = try #require(t.screen().split(separator: "\n").first { $0.contains("passed: exit status 0") })
        #expect(!title.contains("· exit 0"), "\(title)")
        t.keys("Escape", "Escape", "q")
        try t.waitForExit()
    }

    /// A command that cannot be started ran no test: a typo ("pytset") was recorded as an errored
    /// test run, and the verdict said BLOCK until it was explained. Now nothing is recorded, the
    /// run says why, and the verdict is what it was.
    @Test func aCommandThatCannotStartIsNotATestRun() throws {
        let t = try Self.checksOnABranch(changing: "echo 'x = 1'", to: "echo 'x = 2'")
        defer { t.stop() }
        t.type("pytset -q")
        t.keys("Enter")
        try t.waitFor("pytset: cannot run it (No such file or directory): no test ran, nothing was recorded", seconds: 30)
        // x explains only a recorded failure.
        t.keys("x")
        try t.waitFor("explains a failed run once it is recorded")
        t.keys("Escape")
        try t.waitFor("Run checks · Enter run")
        #expect(t.screen().contains("#1 pytset -q — pytset: cannot run it"), "\(t.screen())")
        try Self.expectNoTestRan(t, command: "pytset -q")
    }

    /// On the checks panel after a command that ran no test: the command is back on its line to
    /// be put right, the verdict is what it was, and the review records no run.
    static func expectNoTestRan(_ t: Tmux, command: String) throws {
        #expect(t.screen().contains("Command: \(command)"), "\(t.screen())")
        t.keys("Escape", "V")
        try t.waitFor("Verdict")
        #expect(!t.screen().contains("BLOCK") && !t.screen().contains("test run failed"), "\(t.screen())")
        t.keys("Escape", "q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        #expect(try store.load(try store.resolve("latest")).testsRun.isEmpty)
    }

    /// pytest given a test path that is not there ran no test (its usage error, exit 4): it was
    /// recorded as errored and the verdict said BLOCK until the typo was "explained".
    @Test(.enabled(if: (try? Subprocess.run(["python3", "-m", "pytest", "--version"]))?.status == 0, "needs python3 with pytest (.ci/run installs it)"))
    func aPytestUsageErrorIsNotATestRun() throws {
        let t = try Self.checksOnABranch(changing: "echo 'x = 1'", to: "echo 'x = 2'")
        defer { t.stop() }
        t.type("python3 -m pytest tests/test_modle.py")
        t.keys("Enter")
        try t.waitFor("pytest's usage error (exit 4): ERROR: file or directory not found: tests/", seconds: 30)
        t.keys("Escape")
        try t.waitFor("Run checks · Enter run")
        try Self.expectNoTestRan(t, command: "python3 -m pytest tests/test_modle.py")
    }

    /// A question longer than its box was cut: "Discard what you typed in Why this failed run is
    /// acceptable (it then warns inste". It wraps, as the detail under it does.
    @Test func aLongQuestionWrapsInsteadOfBeingCut() throws {
        let t = try Self.checksOnABranch(changing: "echo 'x = 1'", to: "echo 'x = 2'")
        defer { t.stop() }
        t.type("false")
        t.keys("Enter")
        try t.waitFor("failed: exit status 1", seconds: 30)
        t.keys("x")
        try t.waitFor("Why this failed run is acceptable")
        t.type("flaky")
        t.keys("Escape")
        try t.waitFor("┌─ Confirm")
        let box = try #require(t.box(titled: "Confirm"), "\(t.screen())")
        #expect(box.contains("Discard what you typed in Why this failed run is acceptable (it then warns instead of blocking)?"), "\(box)")
        t.keys("y", "Escape", "Escape", "q")
        try t.waitForExit()
    }

    /// Finishing while a check ran in the background said nothing of it; when the check ended,
    /// its record was refused by the frozen review and the finished review sat at "✗ NOT SAVED"
    /// for good, a retry that could never succeed.
    @Test func finishingWhileACheckRunsSaysSoAndItsLateEndIsNoFailedSave() throws {
        let t = try Self.checksOnABranch(changing: "echo 'x = 1'", to: "echo 'x = 2'")
        defer { t.stop() }
        t.keys("Escape", "c")
        try t.waitFor("┌─ New finding")
        t.type("x changed without a test")
        t.keys("C-s")
        try t.waitFor("saved [MEDIUM]")
        t.keys("T")
        try t.waitFor("Run checks · Enter run")
        t.type("sleep 2")
        t.keys("Enter")
        try t.waitFor("#1 sleep 2")
        t.keys("b", "F")
        try t.waitFor("┌─ Confirm")
        let box = try #require(t.box(titled: "Confirm"), "\(t.screen())")
        #expect(box.contains("sleep 2 is still running: its result will not be in this verdict"), "\(box)")
        t.keys("y")
        try t.waitFor("sleep 2 ended after the review was finished: not recorded", seconds: 15)
        #expect(!t.screen().contains("NOT SAVED"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
    }

    /// q while a check ran in the background quit at once: the run was lost unsaid, and the
    /// check ran on, orphaned, in its own process group.
    @Test func quittingWhileACheckRunsAsksAndStopsIt() throws {
        let t = try Self.checksOnABranch(changing: "echo 'x = 1'", to: "echo 'x = 2'")
        defer { t.stop() }
        let marker = try Self.startSleepingCheck(t)
        t.keys("b", "q")
        try t.waitFor("Quit while a check runs?")
        let box = try #require(t.box(titled: "Confirm"), "\(t.screen())")
        #expect(box.contains("quitting stops it and nothing of it is recorded"), "\(box)")
        t.keys("y")
        try t.waitForExit()
        #expect(Self.ended(marker), "the check outlived the workbench")
    }

    /// A closed terminal (SIGHUP) or a SIGTERM ended the workbench and left a running check
    /// going on in its own process group, which neither signal reaches.
    @Test(arguments: ["HUP", "TERM"])
    func aSignalThatEndsTheWorkbenchEndsItsCheck(_ sig: String) throws {
        let t = try Self.checksOnABranch(changing: "echo 'x = 1'", to: "echo 'x = 2'")
        defer { t.stop() }
        let marker = try Self.startSleepingCheck(t)
        t.signal(sig)
        try t.waitForExit()
        #expect(Self.ended(marker), "the check outlived the workbench")
    }

    /// A visit to the review log (L) is no ending: a check running in the background goes on
    /// and is recorded when it ends.
    @Test func aCheckRunsOnThroughAVisitToTheReviewLog() throws {
        let t = try Self.checksOnABranch(changing: "echo 'x = 1'", to: "echo 'x = 2'")
        defer { t.stop() }
        t.type("sleep 2")
        t.keys("Enter")
        try t.waitFor("#1 sleep 2")
        t.keys("b", "L")
        try t.waitFor("Enter open read-only")
        t.keys("q")
        try t.waitFor("recorded: sleep 2 — passed", seconds: 15)
        t.keys("q")
        try t.waitForExit()
    }

    /// Runs a check that sleeps under a name of its own (so the test finds its process and only
    /// it) from the checks panel, and waits until it runs.
    static func startSleepingCheck(_ t: Tmux) throws -> String {
        let marker = "mle-review-check-\(UInt32.random(in: 100_000...999_999))"
        t.type("bash -c 'exec -a \(marker) sleep 60'")
        t.keys("Enter")
        try t.waitFor("#1 bash -c")
        let started = Date().addingTimeInterval(5)
        while Date() < started && processes(named: marker).isEmpty { usleep(50_000) }
        try #require(!processes(named: marker).isEmpty, "the check is running")
        return marker
    }

    /// Waits (5 s at most) for a check's process to end; whether it did.
    static func ended(_ marker: String) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline && !processes(named: marker).isEmpty { usleep(50_000) }
        return processes(named: marker).isEmpty
    }

    static func processes(named name: String) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }.filter { pid in
            let cmd = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
            return String(decoding: cmd.prefix { $0 != 0 }, as: UTF8.self) == name
        }
    }
}
