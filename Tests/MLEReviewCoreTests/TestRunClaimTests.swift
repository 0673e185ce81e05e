import Foundation
import MLEReviewCore
import Testing

/// An AI reviewer's `Tests run:` written as prose. One line naming three checks was imported as
/// one run, "passed", whose command was the whole sentence, the check it did not run included.
struct TestRunClaimTests {
    let t = TrustImportTests()

    @Test func aProseLineOfSeveralChecksIsReadAsEachClaim() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try """
        [HIGH] Missing metric promotes any model
        File: pipelines/train.py:26
        Issue: the default wins.

        Decision: BLOCK
        Tests run: `pytest -q` (12 passed), ruff check . — clean, I didn't run "mypy" since it isn't configured
        """.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        let imported = try t.run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch])
        #expect(imported.status == 0, "\(imported.stderrText)")
        #expect(imported.stderrText.contains("3 test runs"), "\(imported.stderrText)")
        let show = t.stdout(try t.run(s, ["show", "latest"]))
        let runs = show.components(separatedBy: "Tests run, one by one:\n").last?.split(separator: "\n").prefix(3).map(String.init) ?? []
        #expect(runs == [
            "  passed: pytest -q — 12 passed · reported by ai.txt, not run",
            "  passed: ruff check . — clean · reported by ai.txt, not run",
            "  skipped: mypy — I didn't run \"mypy\" since it isn't configured · reported by ai.txt, not run",
        ], "\(show)")
    }

    /// A check named in quotes inside a sentence: the command was the whole sentence (`"pytest
    /// -q" passed`, quotes and "passed" included), which `show` and every export then printed as
    /// the command that was run.
    @Test func aQuotedCheckInASentenceIsTheCommand() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try """
        Decision: BLOCK
        Tests run: "pytest -q" passed; I ran `ruff check .` and it failed with 3 errors
        """.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        let imported = try t.run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch])
        #expect(imported.status == 0 && imported.stderrText.contains("2 test runs"), "\(imported.stderrText)")
        let show = t.stdout(try t.run(s, ["show", "latest"]))
        let runs = show.components(separatedBy: "Tests run, one by one:\n").last?.split(separator: "\n").prefix(2).map(String.init) ?? []
        #expect(runs == [
            "  passed: pytest -q — \"pytest -q\" passed · reported by ai.txt, not run",
            "  failed: ruff check . — I ran `ruff check .` and it failed with 3 errors · reported by ai.txt, not run",
        ], "\(show)")
    }

    /// What stays one claim: a command's own commas and "and"s, a summary's counts.
    @Test(arguments: [
        ("pytest tests/ -q: 12 passed, 1 failed", ["pytest tests/ -q"]),
        ("pytest -k 'slow and gpu' (3 passed)", ["pytest -k 'slow and gpu'"]),
        ("make lint and test — passed", ["make lint and test"]),
        ("pytest: 12 passed, ruff: clean", ["pytest", "ruff"]),
        ("ruff check . (ok) and pytest (4 passed)", ["ruff check .", "pytest"]),
    ])
    func clausesSplitOnlyWhereAnotherCheckBegins(line: String, commands: [String]) {
        #expect(TestRunLine.parse(line, recordedBy: nil).map(\.command) == commands)
    }

    /// A pass word after a negation is not a pass.
    @Test func notCleanIsNotAPass() {
        #expect(TestRunLine.parse("ruff check . — not clean, 3 warnings", recordedBy: nil).map(\.outcome) == [.skipped])
        #expect(TestRunLine.parse("ruff check . — clean", recordedBy: nil).map(\.outcome) == [.passed])
    }
}
