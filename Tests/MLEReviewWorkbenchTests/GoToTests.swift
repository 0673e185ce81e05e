import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// `:` goes to a line or a file as reviewers paste them from CI logs, linters and GitHub.
struct GoToTests {
    @Test func readsTheShapesToolsPrint() {
        #expect(GoToTarget("42") == GoToTarget(path: nil, line: 42))
        #expect(GoToTarget("train.py") == GoToTarget(path: "train.py", line: nil))
        #expect(GoToTarget(" pipelines/train.py:21 ") == GoToTarget(path: "pipelines/train.py", line: 21))
        #expect(GoToTarget("train.py:21:5: F401 `os` imported but unused") == GoToTarget(path: "train.py", line: 21))
        #expect(GoToTarget("serving/predict.py#L2") == GoToTarget(path: "serving/predict.py", line: 2))
        #expect(GoToTarget("File \"/srv/app/pipelines/train.py\", line 21, in train") == GoToTarget(path: "/srv/app/pipelines/train.py", line: 21))
        #expect(GoToTarget("./train.py:3") == GoToTarget(path: "train.py", line: 3))
        #expect(GoToTarget("   ") == nil)
    }

    func cursorLocation(_ wb: Workbench) -> String {
        wb.document.location(at: wb.diffPane.cursor).map { "\($0)" } ?? "none"
    }

    @Test func goesToTheLineOfTheFileNamedBySuffixOrGitPrefix() {
        var wb = WorkbenchFixture.make()
        wb.press(":", "text:train.py:21", "Enter")
        #expect(cursorLocation(wb) == "pipelines/train.py:21" && wb.focus == .diff && wb.message?.isError == false)
        wb.press(":", "text:b/serving/predict.py:2", "Enter")
        #expect(cursorLocation(wb) == "serving/predict.py:2" && wb.filesPane.cursor == 1)
        wb.press(":", "text:File \"/srv/app/pipelines/train.py\", line 23, in train", "Enter")
        #expect(cursorLocation(wb) == "pipelines/train.py:23")
        // A line alone is a line of the file under the cursor.
        wb.press(":", "text:b/serving/predict.py", "Enter")
        wb.press(":", "text:3", "Enter")
        #expect(cursorLocation(wb) == "serving/predict.py:3")
    }

    @Test func aLineOutsideTheHunksLandsOnTheNearestShownAndSaysSo() {
        var wb = WorkbenchFixture.make()
        wb.press(":", "text:train.py:33", "Enter")
        #expect(cursorLocation(wb) == "pipelines/train.py:25")
        #expect(wb.message?.text == "pipelines/train.py:33 is not in the diff: the nearest line shown is 25" && wb.message?.isError == true)
        wb.press(":", "text:train.py:38", "Enter")
        #expect(cursorLocation(wb) == "pipelines/train.py:41")
    }

    @Test func anAmbiguousOrUnknownPathMovesNothingAndSaysWhy() {
        var wb = WorkbenchFixture.make()
        let before = wb.diffPane.cursor
        wb.press(":", "text:py:2", "Enter")
        #expect(wb.diffPane.cursor == before)
        #expect(wb.message?.text == "py matches 2 files: pipelines/train.py, serving/predict.py; type more of the path")
        // A name without its extension is that file, before any path merely containing it.
        wb.press(":", "text:predict:2", "Enter")
        #expect(cursorLocation(wb) == "serving/predict.py:2")
        wb.press(":", "text:model.py:2", "Enter")
        #expect(wb.message?.text == "no file of this diff matches model.py")
    }

    /// A starter that folds two pipelines into one deletes their nodes.py files and adds one:
    /// `nodes.py:2` from a traceback is the file that exists, not "matches 3 files".
    @Test func aNameSharedWithDeletedFilesIsTheFileThatIsKept() {
        func deleted(_ p: String) -> String {
            "diff --git a/\(p) b/\(p)\ndeleted file mode 100644\n--- a/\(p)\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-import pandas\n-def old(): pass\n"
        }
        let added = "diff --git a/src/nodes.py b/src/nodes.py\nnew file mode 100644\n--- /dev/null\n+++ b/src/nodes.py\n@@ -0,0 +1,2 @@\n+import pandas\n+def split_data(): pass\n"
        var wb = WorkbenchFixture.make(deleted("pipelines/de/nodes.py") + deleted("pipelines/ds/nodes.py") + added)
        wb.press(":", "text:nodes.py:2", "Enter")
        #expect(cursorLocation(wb) == "src/nodes.py:2")
        #expect(wb.message?.text == "src/nodes.py:2 (2 deleted files are also named so)" && wb.message?.isError == false)
        // Two kept files of one name are still a question.
        var two = WorkbenchFixture.make(deleted("pipelines/de/nodes.py") + added + added.replacingOccurrences(of: "src/", with: "lib/"))
        two.press(":", "text:nodes.py:2", "Enter")
        #expect(two.message?.text.hasPrefix("nodes.py matches 3 files") == true)
    }

    /// A cookiecutter starter's `nodes.py` sits under a 70-character path: the status line kept
    /// the path's start and cut what the message said of it ("… (2 del… (? shows all)"). The
    /// path gives up its start; the file's name and the words after it stay.
    @Test func aLongPathGivesUpItsStartSoTheMessageStaysWhole() {
        let dir = "pandas-iris/{{ cookiecutter.repo_name }}/src/{{ cookiecutter.python_package }}"
        func deleted(_ p: String) -> String {
            "diff --git a/\(p) b/\(p)\ndeleted file mode 100644\n--- a/\(p)\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-import pandas\n-def old(): pass\n"
        }
        let added = "diff --git a/\(dir)/nodes.py b/\(dir)/nodes.py\nnew file mode 100644\n--- /dev/null\n+++ b/\(dir)/nodes.py\n@@ -0,0 +1,2 @@\n+import pandas\n+def split_data(): pass\n"
        var wb = WorkbenchFixture.make(deleted("\(dir)/pipelines/data_science/nodes.py") + deleted("\(dir)/pipelines/data_engineering/nodes.py") + added)
        wb.press(":", "text:nodes.py:2", "Enter")
        let status = String(Screen.render(wb).snapshot.split(separator: "\n").last ?? "")
        #expect(status.contains("…") && status.contains("python_package }}/nodes.py:2 (2 deleted files are also named so)") && !status.contains("? shows all"),
                "\(status)")
        // The message itself, as help's history shows it, is whole.
        #expect(wb.message?.text == "\(dir)/nodes.py:2 (2 deleted files are also named so)")
    }

    @Test func aFoldedFileOpensToShowTheLine() {
        var wb = WorkbenchFixture.make()
        wb.document.setFolded(1, true)
        wb.press(":", "text:predict.py:2", "Enter")
        #expect(!wb.document.folded.contains(1) && cursorLocation(wb) == "serving/predict.py:2")
    }
}
