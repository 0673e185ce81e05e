import MLEReviewCore
import Testing

/// Issue 15: the summary is the tool's own closing line; the outcome follows its exit status.
struct CheckSummaryTests {
    @Test(arguments: [
        (["python3", "-m", "pytest", "-q"], "..F\n=== FAILURES ===\nE assert 0 == 1\n======= 1 failed, 2 passed in 3.21s =======\n", "1 failed, 2 passed in 3.21s"),
        (["pytest"], "\u{1B}[32m===== 12 passed in 0.50s =====\u{1B}[0m\n", "12 passed in 0.50s"),
        (["ruff", "check", "a.py"], "a.py:1:1: F401 `os` imported but unused\nFound 3 errors.\n[*] 2 fixable with the `--fix` option.\n", "Found 3 errors"),
        (["ruff", "check"], "All checks passed!\n", "All checks passed!"),
        (["mypy", "a.py"], "a.py:3: error: Incompatible types\nFound 2 errors in 1 file (checked 4 source files)\n", "Found 2 errors in 1 file (checked 4 source files)"),
        (["mypy", "a.py"], "Success: no issues found in 4 source files\n", "Success: no issues found in 4 source files"),
        (["make", "test"], "building\r50%\r100%\nall good\n", "all good"),
    ])
    func closingLine(command: [String], output: String, expected: String) {
        #expect(CheckSummary.summary(CheckSummary.plain(Array(output.utf8)), command: command) == expected)
    }

    /// A failed run whose last line says nothing of why (make's own `Error 1`) gives the error
    /// it printed; a passing run keeps its last line whatever it printed before.
    @Test func aFailedRunSaysTheErrorItPrinted() {
        let output = "compiling\nerror: cannot import name 'Booster' from 'xgboost'\nmake: *** [Makefile:3: test] Error 1\n"
        #expect(CheckSummary.summary(output, command: ["make", "test"], failed: true) == "error: cannot import name 'Booster' from 'xgboost'")
        #expect(CheckSummary.summary(output, command: ["make", "test"]) == "make: *** [Makefile:3: test] Error 1")
        let traceback = "Traceback (most recent call last):\n  File \"train.py\", line 3, in <module>\nModuleNotFoundError: No module named 'xgboost'\nexit\n"
        #expect(CheckSummary.summary(traceback, command: ["python3", "train.py"], failed: true) == "ModuleNotFoundError: No module named 'xgboost'")
    }

    @Test func outcomesFollowTheExitStatus() {
        #expect(CheckSummary.outcome(.exited(0), command: ["pytest"]) == .passed)
        #expect(CheckSummary.outcome(.exited(1), command: ["python3", "-m", "pytest"]) == .failed)
        #expect(CheckSummary.outcome(.exited(5), command: ["pytest"]) == .skipped) // no tests collected
        #expect(CheckSummary.outcome(.exited(2), command: ["pytest"]) == .errored)
        #expect(CheckSummary.outcome(.exited(1), command: ["ruff", "check"]) == .failed)
        #expect(CheckSummary.outcome(.exited(127), command: ["nope"]) == .errored)
        #expect(CheckSummary.outcome(.timedOut, command: ["x"]) == .timedOut && TestOutcome.timedOut.isFailure)
        #expect(CheckSummary.outcome(.cancelled, command: ["x"]) == .cancelled && !TestOutcome.cancelled.isFailure)
    }

    @Test func outputIsPlainAndSafe() {
        let text = CheckSummary.plain(Array("\u{1B}]0;title\u{07}\u{1B}[1mbold\u{1B}[0m \u{9B}x\r\nnext\n".utf8))
        #expect(text.hasPrefix("bold "), "\(text)")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
    }
}
