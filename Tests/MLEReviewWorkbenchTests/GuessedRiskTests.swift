import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// The verdict view tells a guessed primary risk from one a reviewer set.
struct GuessedRiskTests {
    @Test func theVerdictSaysWhichPrimaryRisksAreGuesses() {
        let guessed = Finding(severity: .high, title: "Hard-coded sources dir fallback", location: Location(path: "pipelines/train.py", line: 21),
                              risk: .unsafeServing, riskGuessed: true)
        var wb = WorkbenchFixture.make(findings: [guessed])
        wb.press("V")
        let screen = Screen.render(wb).snapshot
        #expect(screen.contains("Primary risks: unsafe serving "), "\(screen)")
        #expect(screen.contains("unsafe serving: guessed from the findings' words; e on a finding in Findings sets its risk"), "\(screen)")

        var set = guessed
        set.riskGuessed = nil
        wb = WorkbenchFixture.make(findings: [set])
        wb.press("V")
        #expect(!Screen.render(wb).snapshot.contains("guessed"))
    }

    /// Opened finished (from the log, say), the verdict offered `e` to set a risk on a review
    /// that can no longer change, and listed its undone steps as "Before APPROVE … to do".
    @Test func aFinishedVerdictOffersNoEditAndSaysWhatWasLeftUndone() {
        let guessed = Finding(severity: .medium, title: "Logging may hide the loss units", location: Location(path: "pipelines/train.py", line: 21),
                              risk: .missingMonitoring, riskGuessed: true)
        var wb = WorkbenchFixture.make(findings: [guessed])
        wb.review.finish = Finish(decision: .approveWithWarnings, primaryRisks: [.missingMonitoring])
        wb.press("V")
        let screen = Screen.render(wb).snapshot
        #expect(screen.contains("missing monitoring: guessed from the findings' words "), "\(screen)")
        #expect(!screen.contains("sets its risk") && !screen.contains("Before APPROVE"), "\(screen)")
        #expect(screen.contains("Not done when it was finished ("), "\(screen)")
    }
}
