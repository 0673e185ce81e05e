import Foundation
import Testing
import MLEReviewCore

/// A review carried forward onto a diff that changed, as a reviewer meets it in tmux.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct CarryForwardJourneyTests {
    /// A finding whose code is gone keeps the line number of the earlier revision. It marked that
    /// line, now other code, with the finding's ●, `)` stopped there and Enter went there as if
    /// the finding were about it.
    @Test func anOutdatedFindingMarksItsFileNotTheLineThatTookItsNumber() throws {
        let setup = Tmux.newRepository + """
        printf 'a = 1\\n' > app.py
        git add -A && git commit -qm base && git checkout -qb feature
        printf 'a = 1\\nb = 2\\nc = 3\\n' > app.py
        git commit -qam lines
        printf '[HIGH] c is wrong\\nFile: app.py:3\\n' > ../f.txt
        """
        let moved = "printf 'a = 1\\nb = 2\\nd = 4\\n' > app.py && git commit -qam moved"
        let shell = "sh setup.sh && cd repo && BIN import ../f.txt --range main...feature --accept --reviewer Ada --store STORE"
            + " && BIN finish latest --reviewer Ada --store STORE && \(moved) && BIN main...feature --reviewer Ada"
        let t = try Tmux.start(shell: shell, files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("y carry forward")
        t.keys("y")
        try t.waitFor("1 outdated: their code is gone")
        let row = try #require(t.screen().split(separator: "\n").first { $0.contains("d = 4") }, "\(t.screen())")
        #expect(!row.contains("●"), "line 3 is other code now: \(row)")
        #expect(t.screen().contains("(outdated) app.py:3"))
        // The file still says a finding is open on it.
        #expect(t.screen().split(separator: "\n").contains { $0.contains("●M app.py") }, "\(t.screen())")
        t.keys(")")
        try t.waitFor("no finding or hint on a line of this diff")
        t.keys("Tab", "Tab", "Enter")
        try t.waitFor("outdated: app.py:3 was in an earlier revision and its code is gone (r resolves it, e moves it)")
        // The verdict's reason says so too, not "app.py:3" as if it were today's line 3.
        t.keys("V")
        try t.waitFor("open finding [HIGH] c is wrong (outdated: was app.py:3)")
        // e moves it onto a line of this diff: it is about that line now, no longer outdated.
        t.keys("Escape", "Tab", "Tab", "e")
        try t.waitFor("┌─ Edit finding")
        t.keys("Tab", "C-u")
        t.type("app.py:2")
        t.keys("C-s")
        try t.waitFor("saved [HIGH] c is wrong at app.py:2")
        #expect(!t.screen().contains("(outdated)"), "\(t.screen())")
        let line2 = try #require(t.screen().split(separator: "\n").first { $0.contains("b = 2") }, "\(t.screen())")
        #expect(line2.contains("●"), "\(line2)")
        t.keys("q")
        try t.waitForExit()
    }

    /// Test runs are not carried (they tested the earlier head), and nothing said so: a failed
    /// run that blocked the earlier review simply vanished from the new one's verdict.
    @Test func theOfferSaysTheEarlierTestRunsStayWithIt() throws {
        let setup = Tmux.newRepository + """
        printf 'a = 1\\n' > app.py
        git add -A && git commit -qm base && git checkout -qb feature
        printf 'a = 2\\n' > app.py
        git commit -qam change
        printf '[MEDIUM] a is wrong\\nFile: app.py:1\\n' > ../f.txt
        """
        let moved = "printf 'a = 2\\nb = 1\\n' > app.py && git commit -qam moved"
        let shell = "sh setup.sh && cd repo && BIN import ../f.txt --range main...feature --accept --reviewer Ada --store STORE"
            + " && (BIN run --range main...feature --reviewer Ada --store STORE -- false; true)"
            + " && \(moved) && BIN main...feature --reviewer Ada"
        let t = try Tmux.start(shell: shell, files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("y carry forward")
        let old = String(decoding: try Subprocess.run(["git", "-C", t.dir + "/repo", "rev-parse", "--short=7", "feature~1"]).stdout, as: UTF8.self).trimmingSpaces()
        let offer = try #require(t.box(titled: "The branch moved since the last review"), "\(t.screen())")
        #expect(offer.contains("Its test run stays with it: it ran on \(old)."), "\(offer)")
        t.keys("y")
        try t.waitFor("1 test run not carried: it ran on \(old)", orLineContaining: "carried forward")
        t.keys("q")
        try t.waitForExit()
    }

    /// A finding taken from a hint kept the hint's words after it moved with its code: "Evidence:
    /// pickle.load() on line 2" on a finding at line 3. Unedited, it says what the hint says there.
    @Test func aHintFindingCarriedToAnotherLineSaysItsNewLine() throws {
        let setup = Tmux.newRepository + """
        printf 'x = 1\\n' > serve.py
        git add -A && git commit -qm base && git checkout -qb feature
        printf 'import pickle\\nmodel = pickle.load(open("m.pkl", "rb"))\\n' > serve.py
        git commit -qam load
        """
        let moved = "printf '# loader\\nimport pickle\\nmodel = pickle.load(open(\"m.pkl\", \"rb\"))\\n' > serve.py && git commit -qam moved"
        let t = try Tmux.start(shell: "sh setup.sh && cd repo && BIN main...feature --reviewer Ada --store STORE && \(moved) && BIN main...feature --reviewer Ada --store STORE",
                               files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys(")")
        try t.waitFor("DESER-001")
        t.keys("H")
        try t.waitFor("is now a proposed finding")
        t.keys("q")
        try t.waitFor("y carry forward")
        t.keys("y")
        try t.waitFor("carried forward from ")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let finding = try #require(try store.load(try store.resolve("latest")).findings.first)
        #expect(finding.location.line == 3 && finding.issue.contains("pickle.load() on line 3.") && !finding.issue.contains("line 2"), "\(finding)")
    }

    /// Carried forward after a new commit, a viewed file whose diff changed was simply "not
    /// viewed", as if never read, the message said nothing of the viewed marks, and the file
    /// still viewed stood open. It is marked Δ (changed since viewed) and the other folds.
    @Test func aViewedFileThatChangedSinceSaysSo() throws {
        let setup = Tmux.newRepository + """
        printf 'a = 1\\n' > train.py && printf 'b = 1\\n' > serve.py
        git add -A && git commit -qm base && git checkout -qb feature
        printf 'a = 2\\n' > train.py && printf 'b = 2\\n' > serve.py
        git commit -qam change
        """
        let moved = "printf 'b = 3\\n' > serve.py && git commit -qam moved"
        let t = try Tmux.start(shell: "sh setup.sh && cd repo && BIN main...feature --reviewer Ada --store STORE && \(moved) && BIN main...feature --reviewer Ada --store STORE",
                               files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("m", "u", "m")
        try t.waitFor("viewed 2/2")
        t.keys("q")
        try t.waitFor("y carry forward")
        t.keys("y")
        try t.waitFor("carried forward from r-", orLineContaining: "1 viewed file kept, 1 changed since (Δ: b shows how)")
        #expect(t.screen().contains("1 viewed file kept, 1 changed since (Δ: b shows how)"), "\(t.screen())")
        let screen = t.screen()
        #expect(screen.contains("│Δ M serve.py") && screen.contains("│✓ M train.py"), "\(screen)")
        #expect(screen.contains("━ M serve.py  +1 -1  Δ changed since viewed") && screen.contains("▸ folded: 2 lines in 1 hunk (viewed)"), "\(screen)")
        // u goes to it and says it was read before; b shows how: the file's changes between the
        // two heads, not the whole change again.
        t.keys("u")
        try t.waitFor("serve.py (Δ changed since viewed: b shows how): 1 file not viewed yet")
        t.keys("b")
        try t.waitFor("┌─ Since the last review")
        let since = t.screen()
        #expect(since.contains("serve.py: ") && since.contains(" -b = 2 ") && since.contains(" +b = 3 ") && !since.contains("a = 2"), "\(since)")
        // Enter goes to that line in the diff, to read it in context or write about it.
        t.keys("Enter")
        try t.waitFor("serve.py:1: the first line changed since review")
        #expect(!t.screen().contains("┌─ Since the last review") && t.screen().contains("Diff · 1/2 serve.py"), "\(t.screen())")
        t.keys(":")
        t.type("train.py")
        t.keys("Enter", "b")
        try t.waitFor("train.py: unchanged since review")
        t.keys("q")
        try t.waitForExit()
    }

    /// The target branch merged in since the last review: what it changed in the file shows in
    /// `b` too, and the overlay says so rather than passing it off as the author's.
    @Test func changesSinceTheLastReviewSayWhenTheBaseMoved() throws {
        let setup = Tmux.newRepository + """
        printf 'a = 1\\nb = 1\\nc = 1\\nd = 1\\ne = 1\\n' > train.py
        git add -A && git commit -qm base && git checkout -qb feature
        sed -i 's/a = 1/a = 2/' train.py && git commit -qam feature
        """
        let moved = "git checkout -q main && sed -i 's/e = 1/e = 9/' train.py && git commit -qam main"
            + " && git checkout -q feature && git merge -q --no-edit main"
        let t = try Tmux.start(shell: "sh setup.sh && cd repo && BIN main...feature --reviewer Ada --store STORE && \(moved) && BIN main...feature --reviewer Ada --store STORE",
                               files: ["setup.sh": setup])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("m")
        try t.waitFor("viewed 1/1")
        t.keys("q")
        try t.waitFor("y carry forward")
        t.keys("y", "b")
        try t.waitFor("┌─ Since the last review")
        #expect(t.screen().contains("The base moved too") && t.screen().contains("+e = 9"), "\(t.screen())")
        t.keys("Escape", "q")
        try t.waitForExit()
    }

    /// The start of a journey's shell: Ada's review of the demo's pr.diff, one HIGH finding in it.
    static let reviewOfThePatch = "printf '[HIGH] Scaler fitted before the split\\nFile: pipelines/train.py:26\\n' > f.txt"
        + " && BIN import f.txt --patch pr.diff --accept --reviewer Ada --store STORE"

    /// The README's own `gh pr diff 12 | mle-review --patch -`, piped again after the pull request
    /// was updated, started a fresh review without a word: the earlier one's findings stayed
    /// behind. A pipe has no name, so the offer goes by the files the diff touches: an unrelated
    /// piped diff is not offered it.
    @Test func aPipedDiffOfTheSameFilesIsOfferedItsEarlierReview() throws {
        let other = "printf 'diff --git a/other.py b/other.py\\n--- a/other.py\\n+++ b/other.py\\n@@ -1 +1 @@\\n-a = 1\\n+a = 2\\n' > other.diff"
        let shell = "printf '[HIGH] Scaler fitted before the split\\nFile: pipelines/train.py:26\\n' > f.txt"
            + " && cat pr.diff | BIN import f.txt --patch - --accept --reviewer Ada --store STORE"
            + " && \(other) && cat other.diff | BIN --patch - --reviewer Ada --store STORE"
            + " && sed 's/threshold: 0.35/threshold: 0.4/' pr.diff | BIN --patch - --reviewer Ada"
        let t = try Tmux.start(shell: shell)
        defer { t.stop() }
        try t.waitFor("Diff · 1/1 other.py")
        #expect(!t.screen().contains("carry forward"), "an unrelated piped diff: \(t.screen())")
        t.keys("q")
        try t.waitFor("y carry forward")
        let offer = try #require(t.box(titled: "An earlier piped diff touched the same files"), "\(t.screen())")
        #expect(offer.contains("1 finding (1 open)") && offer.contains(": open, last changed today "), "\(offer)")
        t.keys("y")
        try t.waitFor("carried forward from ")
        #expect(t.screen().contains("Scaler fitted before the split"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
    }

    /// A pull request's diff saved again after it was updated (`gh pr diff 12 > pr.diff`) opened
    /// a fresh review: the ticks and findings of the last one were not offered, as a range's are.
    @Test func aPatchFileThatChangedOffersItsLastReview() throws {
        let shell = Self.reviewOfThePatch + " && sed -i 's/threshold: 0.35/threshold: 0.4/' pr.diff && BIN --patch pr.diff --reviewer Ada"
        let t = try Tmux.start(shell: shell)
        defer { t.stop() }
        try t.waitFor("y carry forward")
        let offer = try #require(t.box(titled: "The patch changed since the last review"), "\(t.screen())")
        #expect(offer.contains("open, diff ") && offer.contains("1 finding (1 open)"), "\(offer)")
        t.keys("y")
        try t.waitFor("carried forward from ")
        #expect(t.screen().contains("Scaler fitted before the split"), "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
        let store = try ReviewStore(path: t.store)
        let log = try store.log()
        #expect(log.count == 2 && log.contains { $0.revisionOf != nil }, "the new review is the next revision of the last")
    }

    /// Another pull request's diff saved as `pr.diff` in another folder (one store: the user's,
    /// outside a repository, or one repository's) was offered as the last review to carry
    /// forward, and, when that one held nothing, silently made the new review its "revision".
    @Test func aPatchOfTheSameNameInAnotherFolderIsAnotherChange() throws {
        let shell = Self.reviewOfThePatch
            + " && mkdir other && sed 's/threshold: 0.35/threshold: 0.4/' pr.diff > other/pr.diff && cd other && BIN --patch pr.diff --reviewer Ada"
        let t = try Tmux.start(shell: shell)
        defer { t.stop() }
        try t.waitFor("✓ saved")
        #expect(t.box(titled: "The patch changed since the last review") == nil, "\(t.screen())")
        t.keys("q")
        try t.waitForExit()
        let log = try ReviewStore(path: t.store).log()
        #expect(log.count == 2 && log.allSatisfy { $0.revisionOf == nil }, "two files, two changes")
        // `show` says which file each `pr.diff` was: both read "Source: pr.diff".
        let dir = URL(fileURLWithPath: t.dir).resolvingSymlinksInPath().path
        let sources = try log.map { e in
            String(decoding: try Subprocess.run([Tmux.binary, "show", e.id, "--store", t.store]).stdout, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("Source: ") }.map(String.init) ?? ""
        }
        #expect(Set(sources) == ["Source: pr.diff (\(dir)/pr.diff)", "Source: pr.diff (\(dir)/other/pr.diff)"], "\(sources)")
    }
}
