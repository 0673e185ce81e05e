import Foundation
import Testing
import MLEReviewCore

/// `main..feature` compares feature with main's tip. Once main has moved on, that diff also
/// shows main's new commits undone, as if the branch removed them, and nothing said so: a
/// reviewer who typed two dots reviewed (and could block on) changes the pull request does
/// not make.
struct TwoDotRangeTests {
    let audit = AuditTests()
    var cli: CommandLineTests { audit.cli }

    @Test func twoDotsAfterTheBaseMovedSayWhatTheDiffAlsoShows() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        // main not moved yet: both ranges read the same, and nothing is said.
        let early = try cli.run(["parse", "main..feature"], in: repo.path)
        #expect(early.status == 0 && early.stderrText.isEmpty, "\(early.stderrText)")

        try repo.git("checkout", "-q", "main")
        try repo.commit("README.md", "hello\n", "docs on main")
        try repo.commit("serve.py", "port = 80\n", "serving on main")
        try repo.git("checkout", "-q", "feature")
        let two = try cli.run(["parse", "main..feature"], in: repo.path)
        #expect(two.status == 0)
        #expect(two.stdoutText.contains("README.md"), "the two-dot diff does undo main's commits: \(two.stdoutText)")
        #expect(two.stderrText == "mle-review: main..feature also undoes main's 2 commits not in feature; main...feature is feature's changes alone\n",
                "\(two.stderrText)")
        let three = try cli.run(["parse", "main...feature"], in: repo.path)
        #expect(three.stderrText.isEmpty && !three.stdoutText.contains("README.md"), "\(three.stderrText)\(three.stdoutText)")
    }
}
