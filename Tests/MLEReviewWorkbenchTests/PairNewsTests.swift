import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// The status line a pair's change gives, from the review before and after it.
struct PairNewsTests {
    let base = Review(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: "x"), checklist: ChecklistRef(ChecklistLoader.builtIn))
    let leak = Finding(severity: .high, title: "Leak", location: Location(path: "train.py", line: 3), author: "Bo")

    func say(_ before: Review, _ after: Review, me: String = "Ada", other: String? = "Bo") -> String? {
        PairNews.describe(before: before, after: after, me: me, other: other, checklist: ChecklistLoader.builtIn)
    }

    @Test func severalChangesAreCountedAfterTheFirst() {
        var after = base
        after.findings = [leak]
        after.testsRun = [TestRun(command: "pytest", outcome: .failed, recordedBy: "Bo")]
        after.override = DecisionOverride(decision: .block)
        #expect(say(base, after) == "Bo added [HIGH] Leak (train.py:3) (and 2 more changes)")
        var runOnly = base
        runOnly.testsRun = after.testsRun
        #expect(say(base, runOnly) == "Bo recorded a test run: pytest failed")
        // A reported run deleted (D) changes the verdict under the pair: said too.
        #expect(say(runOnly, base) == "Bo deleted the test run pytest (failed)")
    }

    @Test func changesWithoutAnAuthorNameTheOneOtherReviewer() {
        var before = base
        before.findings = [leak]
        var edited = before
        edited.findings[0].severity = .critical
        #expect(say(before, edited) == "Bo edited [CRITICAL] Leak (train.py:3)")
        #expect(say(before, edited, other: nil) == "your pair edited [CRITICAL] Leak (train.py:3)")
        #expect(say(before, base) == "Bo deleted [HIGH] Leak")
        // The review's history names who did it, present or not.
        #expect(PairNews.describe(before: before, after: edited, me: "Ada", other: "Bo", checklist: ChecklistLoader.builtIn,
                                  actor: { $0 == leak.id ? "Carl" : nil }) == "Carl edited [CRITICAL] Leak (train.py:3)")
        // Only the stored times differ: nothing a reader sees changed.
        var touched = before
        touched.findings[0].updatedAt = touched.findings[0].updatedAt.addingTimeInterval(0.0004)
        #expect(say(before, touched) == nil)
    }

    @Test func importedFindingsSayWhereTheyCameFrom() {
        var after = base
        after.findings = [Finding(severity: .medium, title: "Unpinned model", location: Location(path: "serve.py", line: 2), status: .proposed,
                                  origin: .imported(file: "/tmp/ai/review.txt"))]
        #expect(say(base, after) == "imported from review.txt: [MEDIUM] Unpinned model (serve.py:2)")
    }

    @Test func myOwnChangesAreNotNews() {
        var after = base
        after.findings = [Finding(severity: .low, title: "Mine", location: Location(path: "a.py", line: 1), author: "Ada")]
        after.items["start-here/change-is-reviewable"] = ItemMark(state: .pass, setBy: "Ada")
        #expect(say(base, after) == nil)
    }
}

/// A hint dismissed by the pair stops waiting for APPROVE: the title's count changed under the
/// other reviewer without a word.
struct PairHintNewsTests {
    let base = PairNewsTests().base

    @Test func aHintThePairDismissesOrBringsBackIsSaid() {
        let key = "DESER-001 serving/app.py:5"
        #expect(PairNews.describe(before: base, after: base, me: "Ada", other: "Bo", checklist: ChecklistLoader.builtIn,
                                  hints: ([], [(key: key, by: "Bo", reason: .minor)])) == "Bo dismissed hint DESER-001 serving/app.py:5 (true but minor)")
        #expect(PairNews.describe(before: base, after: base, me: "Ada", other: "Bo", checklist: ChecklistLoader.builtIn,
                                  hints: ([key], [])) == "Bo brought back hint DESER-001 serving/app.py:5")
        // My own dismissal is no news to me.
        #expect(PairNews.describe(before: base, after: base, me: "Ada", other: "Bo", checklist: ChecklistLoader.builtIn,
                                  hints: ([], [(key: key, by: "Ada", reason: nil)])) == nil)
    }
}
