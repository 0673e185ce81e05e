import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// File names shortened for the file list stay told apart.
struct PathFitTests {
    static let pandas = "spaceflights-pandas/{{ cookiecutter.repo_name }}/src/{{ cookiecutter.python_package }}/pipelines/reporting/nodes.py"
    static let spark = "spaceflights-pyspark/{{ cookiecutter.repo_name }}/src/{{ cookiecutter.python_package }}/pipelines/reporting/nodes.py"

    @Test func twoPathsThatEndAlikeKeepTheFolderWhereTheyDiffer() {
        let fitted = PathFit.fit([(Self.pandas, 23), (Self.spark, 23)])
        #expect(fitted == ["…pandas/…/nodes.py", "…pyspark/…/nodes.py"], "\(fitted)")
        // With room, the folders above the file come back, nearest first.
        #expect(PathFit.fit([(Self.pandas, 40), (Self.spark, 40)]) == ["…pandas/…/pipelines/reporting/nodes.py", "…pyspark/…/pipelines/reporting/nodes.py"])
        // A difference in the middle keeps its place.
        let middle = PathFit.fit([("src/models/a/train/config.yaml", 17), ("src/models/b/train/config.yaml", 17)])
        #expect(middle == ["…/a/…/config.yaml", "…/b/…/config.yaml"], "\(middle)")
        // Narrower, the file name gives way; what was left out is still marked.
        #expect(PathFit.fit([("src/models/a/train/config.yaml", 14), ("src/models/b/train/config.yaml", 14)]) == ["…/a/…/…ig.yaml", "…/b/…/…ig.yaml"])
    }

    @Test func pathsThatFitOrDifferAtTheEndAreLeftAlone() {
        #expect(PathFit.fit([("train.py", 20), ("serve.py", 20)]) == ["train.py", "serve.py"])
        #expect(PathFit.fit([("pipelines/training/train.py", 12), ("pipelines/serving/serve.py", 12)]) == ["…ng/train.py", "…ng/serve.py"])
    }

    @Test func theFileListShowsThemApart() {
        let diff = [Self.pandas, Self.spark].map {
            "diff --git a/\($0) b/\($0)\n--- a/\($0)\n+++ b/\($0)\n@@ -1 +1,2 @@\n import matplotlib\n+matplotlib.use('Agg')\n"
        }.joined()
        let wb = WorkbenchFixture.make(diff)
        let screen = Screen.render(wb).snapshot.split(separator: "\n").map(String.init)
        #expect(screen[2].contains("M …pandas/…/nodes.py") && screen[3].contains("M …pyspark/…/nodes.py"), "\(screen.prefix(4))")
    }

    /// In the tree (`` ` ``) both starters' folder rows read `▾ … }}/pipelines/reporting/`, and
    /// the diff's title `…cutter.python_package }}/pipelines/reporting/nodes.py` for either file.
    @Test func theTreeAndTheDiffTitleShowThemApart() {
        let diff = [Self.pandas, Self.spark].map {
            "diff --git a/\($0) b/\($0)\n--- a/\($0)\n+++ b/\($0)\n@@ -1 +1,2 @@\n import matplotlib\n+matplotlib.use('Agg')\n"
        }.joined()
        var wb = WorkbenchFixture.make(diff)
        wb.press("Tab", "Tab", "Tab", "`")
        let screen = Screen.render(wb).snapshot.split(separator: "\n").map(String.init)
        #expect(screen[2].contains("▾ …pandas/…/reporting/ ") && screen[2].contains("0/1") && screen[3].contains("M   nodes.py"), "\(screen.prefix(6))")
        #expect(screen[1].contains("Diff · 1/2 …pandas/…/pipelines/reporting/nodes.py"), "\(screen[1])")
        wb.press("j", "j")
        #expect(Screen.render(wb).snapshot.contains("Diff · 2/2 …pyspark/…/pipelines/reporting/nodes.py"))
        #expect(screen[4].contains("▾ …pyspark/…/reporting/ ") && screen[4].contains("0/1") && screen[5].contains("M   nodes.py"), "\(screen.prefix(6))")
    }
}
