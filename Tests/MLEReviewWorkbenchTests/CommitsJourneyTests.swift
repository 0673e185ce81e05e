import Foundation
import Testing

/// A pull request made of "train on the new features", "fix the test", "address review" read as
/// one diff, with no way to step through it as its author made it, as tig's main view does.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct CommitsJourneyTests {
    @Test func theRangesCommitsAreListedAndReadOneByOne() throws {
        let setup = Tmux.newRepository + """
        printf 'a = 1\\n' > train.py
        git add -A && git commit -qm base && git checkout -qb feature
        printf 'a = 2\\n' > train.py && git commit -qam 'Train on the new features'
        printf 'def test_a():\\n    assert True\\n' > test_train.py && git add -A && git commit -qm 'Fix the test'
        """
        let t = try Tmux.start(shell: "sh setup.sh && cd repo && BIN main...feature --reviewer Ada --store STORE", files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("C")
        try t.waitFor("┌─ Commits of main...feature (2, oldest first)")
        let list = t.screen()
        #expect(list.contains("Train on the new features") && list.contains("Fix the test")
                && list.range(of: "Train on the new features")!.lowerBound < list.range(of: "Fix the test")!.lowerBound, "\(list)")
        t.keys("Enter")
        try t.waitFor("┌─ Commit 1 of 2")
        #expect(t.screen().contains("+a = 2") && !t.screen().contains("test_a"), "\(t.screen())")
        t.keys("n")
        try t.waitFor("┌─ Commit 2 of 2")
        #expect(t.screen().contains("+def test_a():") && !t.screen().contains("+a = 2"), "\(t.screen())")
        t.keys("Escape")
        try t.waitFor("┌─ Commits of main...feature")
        t.keys("Escape")
        try t.waitFor("┌─ Commits of", absent: true)
        t.keys("q")
        try t.waitForExit()
    }

    /// `mle-review main` on a branch with edits not yet committed reviews the work tree against
    /// main: C said it was "not a range of commits" though two commits lay under the edits.
    @Test func aWorkTreeReviewListsItsCommitsThenSaysTheEditsFollow() throws {
        let setup = Tmux.newRepository + """
        printf 'a = 1\n' > train.py
        git add -A && git commit -qm base && git checkout -qb feature
        printf 'a = 2\n' > train.py && git commit -qam 'Train on the new features'
        printf 'a = 3\n' > train.py
        """
        let t = try Tmux.start(shell: "sh setup.sh && cd repo && BIN main --reviewer Ada --store STORE", files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("C")
        try t.waitFor("┌─ Commits of main (1, oldest first; then the work tree's uncommitted edits)")
        #expect(t.screen().contains("Train on the new features"), "\(t.screen())")
        t.keys("Escape", "q")
        try t.waitForExit()
    }

    /// A patch has no commits to ask git for: C says so, and nothing opens.
    @Test func aPatchHasNoCommitsToList() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("C")
        try t.waitFor("commits are asked of git: this review is not of a range of commits")
        t.keys("q")
        try t.waitForExit()
    }
}
