import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// Passing "Read the changed files" or "Run the light checks" says what the workbench has not
/// seen yet: files not marked viewed, no test run recorded.
struct PassCaveatTests {
    @Test func passingReadTheFilesCountsTheFilesNotViewed() {
        var wb = WorkbenchFixture.make()
        wb.press("Tab", "g", "j", "j")
        #expect(wb.focusedItem?.id == "start-here/read-the-changed-files")
        wb.press("p")
        #expect(wb.message?.text == "Read the changed files: pass · 2 of 2 files not marked viewed (u in the diff goes to the next)")
        wb.press("Space", "Space", "Space")
        wb.press("BTab", "m", "}", "m")
        #expect(wb.viewedCount == 2)
        wb.press("Tab", "p")
        #expect(wb.message?.text == "Read the changed files: pass")
    }

    @Test func passingTheLightChecksWithoutARunSaysSo() {
        var wb = WorkbenchFixture.make()
        wb.press("Tab", "g", "j", "j", "j", "j")
        #expect(wb.focusedItem?.id == "start-here/run-the-light-checks")
        wb.press("p")
        #expect(wb.message?.text == "Run the light checks: pass · no test run recorded yet (T runs checks, t records one)")
    }

    /// `p` on a section header passed "Read the changed files" and "Run the light checks" with
    /// nothing viewed and no run, saying only "6 items set to pass": the caveats are asked
    /// about before and said after, as for one item.
    @Test func passingAWholeSectionSaysTheCaveatsOfItsItems() {
        var wb = WorkbenchFixture.make()
        wb.press("Tab", "g")
        #expect(wb.focusedSection.map { wb.checklist.sections[$0].title } == "Start Here")
        wb.press("p")
        guard case .confirm(let c) = wb.overlay else { Issue.record("no question: \(String(describing: wb.overlay))"); return }
        #expect(c.detail.contains("Read the changed files · 2 of 2 files not marked viewed"), "\(c.detail)")
        #expect(c.detail.contains("Run the light checks · no test run recorded yet"), "\(c.detail)")
        wb.press("y")
        let said = wb.message?.text ?? ""
        #expect(said.hasPrefix("Start Here: 6 items set to pass · 2 of 2 files not marked viewed"), "\(said)")
        #expect(said.contains("· no test run recorded yet"), "\(said)")
        // n/a asks no caveat.
        wb.press("j", "u", "k", "-")
        guard case .confirm(let na) = wb.overlay else { Issue.record("no question for n/a"); return }
        #expect(na.detail == "Items already decided keep their state.", "\(na.detail)")
    }

    /// A run an imported file reports is that file's claim: the findings pane says whose, and
    /// passing "Run the light checks" still says no run of the review's own was recorded.
    @Test func aRunAnImportedFileReportsIsShownAsItsClaim() {
        var wb = WorkbenchFixture.make()
        wb.review.testsRun = [TestRun(command: "pytest -q", outcome: .passed, recordedBy: "import:/tmp/x/ai.txt")]
        let screen = Screen.render(wb).snapshot
        #expect(screen.contains("passed pytest -q    (reported by ai.txt)"), "\(screen)")
        wb.press("Tab", "g", "j", "j", "j", "j", "p")
        #expect(wb.message?.text == "Run the light checks: pass · no test run recorded yet, only ai.txt reports one (T runs checks, t records one)")
    }
}
