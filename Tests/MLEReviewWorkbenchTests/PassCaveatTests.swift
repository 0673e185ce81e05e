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
}
