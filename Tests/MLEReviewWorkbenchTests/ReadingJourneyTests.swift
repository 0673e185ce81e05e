import Foundation
import Testing

/// What the diff pane says about a file, read in tmux as a reviewer reads it: a file the change
/// edits is never presented as unchanged.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct ReadingJourneyTests {
    /// A one-line change to a second file, beside the file a test is about.
    static let seedChange = """
    diff --git a/train.py b/train.py
    index 1111111..2222222 100644
    --- a/train.py
    +++ b/train.py
    @@ -1,2 +1,2 @@
     import os
    -SEED = 1
    +SEED = 2

    """

    /// A rerun notebook (only its execution counts changed) read "(no content change)" with
    /// `+0 -0` in the file list: the notebook view hid every hunk as churn and then had nothing
    /// to show. The raw lines show now, and the counts are the patch's.
    @Test func aRerunNotebookShowsWhatChangedNotNoContentChange() throws {
        let patch = """
        diff --git a/notebooks/eval.ipynb b/notebooks/eval.ipynb
        index e3f91e7..0d8a7eb 100644
        --- a/notebooks/eval.ipynb
        +++ b/notebooks/eval.ipynb
        @@ -10,5 +10,5 @@
           {
            "cell_type": "code",
        -   "execution_count": 1,
        +   "execution_count": null,
            "id": "e2c96931",
            "metadata": {

        """ + Self.seedChange
        let t = try Tmux.start(arguments: ["--patch", "nb.diff", "--reviewer", "Ada"], files: ["nb.diff": patch])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        let screen = t.screen()
        #expect(screen.contains("━ M notebooks/eval.ipynb  +1 -1"), "\(screen)")
        #expect(screen.contains("+   \"execution_count\": null,"), "\(screen)")
        #expect(!screen.contains("no content change"), "\(screen)")
        t.keys("q")
        try t.waitForExit()
    }

    /// `:` takes a location as a linter prints it and shows that line, its file opened.
    @Test func colonGoesToALinePastedFromALinter() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys(":")
        t.type("predict.py:9:1: S301 pickle")
        try t.waitFor("go to: predict.py:9:1: S301 pickle")
        t.keys("Enter")
        try t.waitFor(" serving/predict.py:9 ")
        let screen = t.screen()
        #expect(screen.contains("Diff · 3/4 serving/predict.py"), "\(screen)")
        #expect(screen.contains("9 +bundle = joblib.load("), "\(screen)")
        t.keys(":")
        t.type("train")
        t.keys("Enter")
        try t.waitFor("train matches 2 files: configs/train.yaml, pipelines/train.py; type more of the path")
        t.keys("q")
        try t.waitForExit()
    }

    /// A lead reading `show` sees how many files the reviewer marked viewed, beside the
    /// checklist's "Read the changed files" (which a reviewer can pass having viewed none).
    @Test func showSaysHowManyFilesWereMarkedViewed() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; BIN show latest --store STORE > show.txt 2>&1; echo shown; true")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("m")
        try t.waitFor("configs/train.yaml: viewed")
        t.keys("q")
        try t.waitFor("shown")
        let show = try String(contentsOfFile: t.dir + "/show.txt", encoding: .utf8)
        #expect(show.contains("\nViewed: 1 of 4 files marked viewed in the workbench\n"), "\(show)")
    }

    /// `` ` `` in the file list shows the files under their folders; Enter on a folder folds it.
    @Test func theFileListShowsATreeOfFolders() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("BTab", "`")
        try t.waitFor("files as a tree of folders")
        var list = t.screen().split(separator: "\n").map { String($0.prefix(36)) }
        #expect(list.contains("│   ▾ pipelines/                0/1│") && list.contains("│  M   train.py              +19 -8│"), "\(list)")
        t.keys("g", "j", "j", "Enter")
        try t.waitFor("▸ pipelines/")
        list = t.screen().split(separator: "\n").map { String($0.prefix(36)) }
        #expect(!list.contains { $0.contains("train.py ") }, "\(list)")
        t.keys("q")
        try t.waitForExit()
    }

    /// A hint opened from the findings pane, or a search match, far down a file lands a third
    /// of the way down the pane with the code after it in view; it sat on the pane's last line,
    /// the rest of the statement it flags out of sight.
    @Test func aFindingOpenedFarDownShowsTheLinesAfterIt() throws {
        var body = (1...79).map { "+x_\($0) = \($0)" }
        body.insert("+model = pickle.load(open(path, \"rb\"))", at: 59)
        let patch = "diff --git a/serve.py b/serve.py\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/serve.py\n@@ -0,0 +1,80 @@\n" + body.joined(separator: "\n") + "\n"
        let t = try Tmux.start(arguments: ["--patch", "far.diff", "--reviewer", "Ada"], files: ["far.diff": patch])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("Tab", "Tab")
        try t.waitFor("Enter open")
        t.keys("Enter")
        try t.waitFor("60 +model = pickle.load(")
        var screen = t.screen()
        #expect(screen.contains("70 +x_69 = 69"), "the lines after the hint are out of sight:\n\(screen)")
        t.keys("/")
        t.type("x_77 ")
        t.keys("Enter")
        try t.waitFor("78 +x_77 = 77")
        screen = t.screen()
        #expect(screen.contains("80 +x_79 = 79"), "the lines after the match are out of sight:\n\(screen)")
        t.keys("q")
        try t.waitForExit()
    }

    /// A binary file has no lines to count: the file list and its header said `+0 -0`, which
    /// reads as a file the change emptied or did not touch.
    /// `mle-review` on one's own branch reviews its commits; edits not yet committed were not in
    /// the review and nothing said so: a reviewer read their edits as reviewed.
    @Test func aBranchReviewSaysWhatTheWorkTreeChangesBeyondIt() throws {
        let setup = Tmux.newRepository + """
        printf 'x = 1\\n' > train.py
        git add -A && git commit -qm base && git checkout -qb feature
        printf 'x = 1\\ny = 2\\n' > train.py
        git commit -qam feature
        printf 'x = 1\\ny = 3\\n' > train.py
        printf 'import pickle\\n' > serve.py
        """
        let t = try Tmux.start(shell: "sh setup.sh && cd repo && BIN --reviewer Ada", files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("2 uncommitted changes are not in this review of main...feature (mle-review HEAD reviews them)")
        t.keys("q")
        try t.waitForExit()
    }

    @Test func aBinaryFileReadsAsBinaryNotAsNoChange() throws {
        let patch = """
        diff --git a/docs/roc.png b/docs/roc.png
        deleted file mode 100644
        index 5f3c2a1..0000000
        Binary files a/docs/roc.png and /dev/null differ

        """ + Self.seedChange
        let t = try Tmux.start(arguments: ["--patch", "bin.diff", "--reviewer", "Ada"], files: ["bin.diff": patch])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        let screen = t.screen()
        #expect(screen.contains("━ D docs/roc.png  binary"), "\(screen)")
        #expect(screen.contains(" D docs/roc.png") && screen.contains("bin│"), "\(screen)")
        #expect(!screen.contains("+0 -0"), "\(screen)")
        t.keys("q")
        try t.waitForExit()
    }

    /// `W` on a patch dims lines changed only in whitespace. A file whose CRLF line endings
    /// became LF along with an edit (a line dropped) had its lines paired by position, so every
    /// line after the edit read as changed (MLOpsPython 2a22e75's guide: none of 264 dimmed).
    @Test func ignoringWhitespaceDimsLinesAfterAnEditInACrlfToLfFile() throws {
        let patch = "diff --git a/docs/guide.md b/docs/guide.md\nindex 1111111..2222222 100644\n--- a/docs/guide.md\n+++ b/docs/guide.md\n@@ -1,6 +1,5 @@\n"
            + "-# Guide\r\n-\r\n-Train with make train.\r\n-Old step removed.\r\n-Evaluate on the holdout.\r\n-Ship it.\r\n"
            + "+# Guide\n+\n+Train with make train.\n+Evaluate on the holdout set.\n+Ship it.\n"
        let t = try Tmux.start(arguments: ["--patch", "crlf.diff", "--reviewer", "Ada"], files: ["crlf.diff": patch])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("W")
        try t.waitFor("whitespace-only changes dimmed")
        let screen = t.styledScreen()
        for line in ["-# Guide", "-Train with make train.", "-Ship it.", "+# Guide", "+Train with make train.", "+Ship it."] {
            #expect(Tmux.isDim(line, in: screen) == true, "\(line) is not dimmed:\n\(screen)")
        }
        for line in ["-Old step removed.", "-Evaluate on the holdout.", "+Evaluate on the holdout set."] {
            #expect(Tmux.isDim(line, in: screen) == false, "\(line) is dimmed or missing:\n\(screen)")
        }
        t.keys("q")
        try t.waitForExit()
    }

    /// A diff with warnings names the first in the status line, and "? shows all" when that is cut;
    /// `?` showed the keys only (the first warning was not even among its messages).
    @Test func helpShowsEveryWarningTheStatusLineSendsThereFor() throws {
        let patch = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,5 +1,5 @@\n x = 1\n-y = 2\n+y = 3\n"
            + "diff --git a/b.py b/b.py\n--- a/b.py\n+++ b/b.py\n@@ -1,4 +1,4 @@\n-z = 1\n+z = 2\n"
        let t = try Tmux.start(arguments: ["--patch", "w.diff", "--reviewer", "Ada"], files: ["w.diff": patch])
        defer { t.stop() }
        try t.waitFor("the diff has 2 warnings (? lists them): first at line 4")
        t.keys("?")
        try t.waitFor("Warnings in the diff")
        let screen = t.screen()
        #expect(screen.contains("line 4") && screen.contains("hunk ends early: old side 2 of 5 lines, new side 2 of 5 lines"), "\(screen)")
        #expect(screen.contains("line 11") && screen.contains("hunk ends early: old side 1 of 4 lines, new side 1 of 4 lines"), "\(screen)")
        t.keys("Escape", "q")
        try t.waitForExit()
    }

    /// A patch series (`git format-patch main..feature --stdout`) that changes a file twice shows
    /// it twice, the second diff numbering lines after the first: the workbench says so as it
    /// opens, before a finding lands on a line the pull request numbers otherwise.
    @Test func aPatchSeriesThatChangesAFileTwiceSaysSo() throws {
        let setup = Tmux.newRepository + """
        echo 'x = 1' > m.py && git add -A && git commit -qm base && git checkout -qb feature
        echo 'x = 2' > m.py && git commit -qam two
        printf 'x = 2\\ny = 3\\n' > m.py && git commit -qam three
        git format-patch main..feature --stdout > ../series.patch
        """
        let t = try Tmux.start(shell: "sh setup.sh && BIN --patch series.patch --reviewer Ada", files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("series.patch changes m.py twice (a patch series): earlier diffs number lines as it was then")
        t.keys("q")
        try t.waitForExit()
    }
}
