import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// PgDn and Ctrl-D moved only the cursor: from the top of a file the cursor crossed the screen
/// and the text stood still, so the first press seemed to do nothing (kedro's 74-line nodes.py,
/// Ctrl-D twice, the same 25 lines on screen). As in less, vim and tig, the text moves by the
/// page and the cursor keeps its place on screen.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct PagingJourneyTests {
    @Test func aPageKeyMovesTheTextFromTheFirstPress() throws {
        let lines = (1...150).map { String(format: "+v_%03d = %d", $0, $0) }.joined(separator: "\n")
        let patch = "diff --git a/app.py b/app.py\nnew file mode 100644\n--- /dev/null\n+++ b/app.py\n@@ -0,0 +1,150 @@\n\(lines)\n"
        let t = try Tmux.start(arguments: ["--patch", "long.diff", "--reviewer", "Ada"], files: ["long.diff": patch])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        #expect(t.screen().contains("v_001 = 1"))
        t.keys("PgDn")
        try t.waitFor("v_001 = 1", absent: true)
        let top = try #require(firstShown(t), "\(t.screen())")
        t.keys("C-d")
        try t.waitFor(String(format: "v_%03d = ", top), absent: true)
        let half = try #require(firstShown(t), "\(t.screen())")
        #expect(half > top + 5 && half < top + 20, "half a page: \(top) then \(half)")
        t.keys("C-u", "PgUp")
        try t.waitFor("v_001 = 1")
        t.keys("q")
        try t.waitForExit()
    }

    /// The number of the first `v_NNN` line on screen.
    func firstShown(_ t: Tmux) -> Int? {
        for line in t.screen().split(separator: "\n") {
            guard let r = line.range(of: "v_") else { continue }
            return Int(line[r.upperBound...].prefix(3))
        }
        return nil
    }
}

/// The checklist zoomed and back: the file list, its cursor on the last file, showed that file
/// alone at its top over empty rows (one row high while zoomed, its scroll had followed).
struct ListScrollAfterZoomTests {
    @Test func aListIsNotScrolledPastItsEnd() {
        var wb = WorkbenchFixture.make(SyntheticPatch.make(files: 30))
        wb.focus = .files
        wb.press("G")
        wb.focus = .checklist
        wb.press("z", "z")
        let height = wb.layout.files.inner.height
        #expect(wb.filesPane.scroll == wb.filesPane.rows.count - height, "scroll \(wb.filesPane.scroll) of \(wb.filesPane.rows.count) rows, \(height) high")
        let lines = Screen.render(wb).lines
        let inside = lines[(wb.layout.files.inner.row)..<(wb.layout.files.inner.row + height)]
        #expect(inside.allSatisfy { $0.contains("pkg/m") }, "\(inside.joined(separator: "\n"))")
    }
}

/// A review opened again started at its first file: on a 60-file pull request the next day, the
/// reviewer paged back to where they had stopped. Like an editor reopening a file, it goes back
/// to the line the reviewer left it on (each reviewer their own).
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct WhereYouLeftItJourneyTests {
    /// The first workbench of a journey, its cursor taken to serving/predict.py:9.
    func leaveAtPredictLine9(_ t: Tmux) throws {
        try t.waitFor("✓ saved")
        t.keys(":")
        t.type("predict.py:9")
        t.keys("Enter")
        try t.waitFor("Diff · 3/4 serving/predict.py")
    }

    @Test func aReviewOpenedAgainIsBackWhereItsReviewerLeftIt() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; BIN --patch pr.diff --reviewer Ada --store STORE;"
                               + " BIN --patch pr.diff --reviewer Bo")
        defer { t.stop() }
        try leaveAtPredictLine9(t)
        t.keys("q")
        try t.waitFor("back at serving/predict.py:9, where you left it")
        #expect(t.screen().contains("Diff · 3/4 serving/predict.py"), "\(t.screen())")
        // Bo has his own place: none yet, so the top.
        t.keys("q")
        try t.waitFor("resumed review")
        #expect(!t.screen().contains("back at") && t.screen().contains("Diff · 1/4 configs/train.yaml"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
    }

    /// A review read from the log is only read: the visit writes no place into it.
    @Test func aReviewReadFromTheLogKeepsNoPlace() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; BIN log --tui")
        defer { t.stop() }
        try leaveAtPredictLine9(t)
        t.keys("q")
        try t.waitFor("review log │ 1 review")
        t.keys("Enter")
        try t.waitFor("read-only: opened from the review log (q goes back)")
        t.keys("G", "q")
        try t.waitFor("review log │ 1 review")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        #expect(try store.drafts(try store.resolve("latest"), keyPrefix: "position") == ["position:Ada": "serving/predict.py:9"])
    }
}
