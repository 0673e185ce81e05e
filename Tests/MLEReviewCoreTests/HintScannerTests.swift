import Foundation
import MLEReviewCore
import Testing

struct HintScannerTests {
    static func scan(_ c: HintCase) -> [Hint] { HintScanner.scan(DiffParser.parse(Array(c.diff.utf8))) }

    @Test(arguments: HintCorpus.cases)
    func labelledCase(_ c: HintCase) {
        let fired = Set(Self.scan(c).filter { $0.waiver == nil }.map(\.rule))
        #expect(fired == c.expected, "\(c.name): fired \(fired.sorted()), expected \(c.expected.sorted())")
    }

    /// Precision and recall per family on the labelled set, printed, and held to the bar.
    @Test func precisionAndRecallPerFamily() {
        #expect(HintCorpus.cases.count >= 40)
        var tp: [Hint.Family: Int] = [:], fp: [Hint.Family: Int] = [:], fn: [Hint.Family: Int] = [:]
        let families = Dictionary(uniqueKeysWithValues: HintRules.all.map { ($0.id, $0.family) })
        for c in HintCorpus.cases {
            let fired = Set(Self.scan(c).filter { $0.waiver == nil }.map(\.rule))
            for r in fired { if c.expected.contains(r) { tp[families[r]!, default: 0] += 1 } else { fp[families[r]!, default: 0] += 1 } }
            for r in c.expected where !fired.contains(r) { fn[families[r]!, default: 0] += 1 }
        }
        var report = "family                  precision  recall\n"
        var allTP = 0, allFP = 0, allFN = 0
        for f in Hint.Family.allCases {
            let t = tp[f, default: 0], p = fp[f, default: 0], n = fn[f, default: 0]
            allTP += t; allFP += p; allFN += n
            let precision = t + p == 0 ? 1 : Double(t) / Double(t + p), recall = t + n == 0 ? 1 : Double(t) / Double(t + n)
            report += f.rawValue.padding(24) + String(format: "%9.2f %7.2f", precision, recall) + "\n"
        }
        let precision = Double(allTP) / Double(max(1, allTP + allFP)), recall = Double(allTP) / Double(max(1, allTP + allFN))
        report += "all".padding(24) + String(format: "%9.2f %7.2f", precision, recall)
        print(report)
        #expect(recall >= 0.9 && precision >= 0.85, "\(report)")
    }

    @Test func onlyAddedLinesRaiseHints() {
        let diff = "--- a/s.py\n+++ b/s.py\n@@ -1,3 +1,3 @@\n model = joblib.load(p)\n-state = torch.load(p)\n+state = torch.load(p, weights_only=True)\n"
        #expect(HintScanner.scan(DiffParser.parse(Array(diff.utf8))).isEmpty)
    }

    /// `scan` with no range read only the uncommitted changes: in CI, on a branch whose commit
    /// loads a pickle, it said "no hints". It reads what `mle-review` opens now (this branch
    /// against the default one), and says so; `parse` the same.
    @Test func scanWithoutARangeReadsTheBranchAsTheWorkbenchDoes() throws {
        let audit = AuditTests()
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try repo.commit("serve.py", "import pickle\nmodel = pickle.load(open(\"m.pkl\", \"rb\"))\n", "serve")
        let cli = CommandLineTests()
        let scan = try cli.run(["scan"], in: repo.path)
        #expect(String(decoding: scan.stdout, as: UTF8.self).contains("serve.py:2"), "\(String(decoding: scan.stdout, as: UTF8.self))")
        #expect(scan.stderrText == "mle-review: no range given: reading main...HEAD (this branch's changes, as mle-review opens them)\n", "\(scan.stderrText)")
        let parse = try cli.run(["parse"], in: repo.path)
        #expect(String(decoding: parse.stdout, as: UTF8.self).hasSuffix("2 files, 2 hunks, +3 -0\n"), "\(String(decoding: parse.stdout, as: UTF8.self))")
        // On the default branch itself, with nothing committed ahead: the uncommitted changes.
        try repo.git("checkout", "-q", "main")
        try repo.write("train.py", "x = 3\n")
        let here = try cli.run(["parse"], in: repo.path)
        #expect(here.stderrText == "mle-review: no range given: reading HEAD (the uncommitted changes)\n", "\(here.stderrText)")
        #expect(String(decoding: here.stdout, as: UTF8.self).hasPrefix("modified     +1 -1          train.py\n"))
    }

    /// A safeguard taken away is hinted on the new line where it stood, with what was removed.
    @Test func aRemovedSafeguardIsHintedOnTheNearestNewLine() throws {
        let cli = CommandLineTests()
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let diff = "--- a/engine.py\n+++ b/engine.py\n@@ -88,4 +88,3 @@\n def evaluate(model, loader, metric):\n-    model.eval()\n     with torch.no_grad():\n         for images, masks in loader:\n"
        try Data(diff.utf8).write(to: URL(fileURLWithPath: dir + "/p.diff"))
        let run = try cli.run(["scan", "--patch", dir + "/p.diff"])
        let out = String(decoding: run.stdout, as: UTF8.self)
        #expect(out.contains("[MEDIUM] EVAL-006 engine.py:89  Eval mode or no_grad removed"), "\(out)")
        #expect(out.contains("Evidence: the change removes `model.eval()`; the file no longer has .eval()."))
        // Moved, not removed: quiet.
        let moved = "--- a/engine.py\n+++ b/engine.py\n@@ -88,4 +88,4 @@\n def evaluate(model, loader, metric):\n-    model.eval()\n     with torch.no_grad():\n+        model.eval()\n         for images, masks in loader:\n"
        try Data(moved.utf8).write(to: URL(fileURLWithPath: dir + "/m.diff"))
        #expect(String(decoding: try cli.run(["scan", "--patch", dir + "/m.diff"]).stdout, as: UTF8.self) == "no hints\n")
        // A removal done on purpose is waived on the line the hint points at.
        let waived = diff.replacingOccurrences(of: "     with torch.no_grad():\n", with: "     with torch.no_grad():  # mle-review: ignore[EVAL-006] the caller sets eval mode\n")
        try Data(waived.utf8).write(to: URL(fileURLWithPath: dir + "/w.diff"))
        let w = String(decoding: try cli.run(["scan", "--patch", dir + "/w.diff"]).stdout, as: UTF8.self)
        #expect(w.contains("EVAL-006 engine.py:89") && w.contains("(waived: the caller sets eval mode)") && w.hasSuffix("0 hint(s), 1 waived\n"), "\(w)")
    }

    /// A removed line's hint pointed at the next new line, the first of what replaced it: a seed
    /// dropped from a split, with a scaler line added above the split, was hinted on the scaler
    /// line. It points at the replacement most like the removed code; a waiver goes there too.
    @Test func aRemovedSafeguardIsHintedOnWhatReplacedIt() throws {
        let cli = CommandLineTests()
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let diff = """
            --- a/train.py
            +++ b/train.py
            @@ -4,4 +4,5 @@
             def train(df):
                 X, y = df.drop(columns=["y"]), df["y"]
            -    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
            +    X = StandardScaler().fit_transform(X)
            +    Xtr, Xte, ytr, yte = train_test_split(X, y)
                 return Xtr, Xte

            """
        try Data(diff.utf8).write(to: URL(fileURLWithPath: dir + "/p.diff"))
        let out = String(decoding: try cli.run(["scan", "--patch", dir + "/p.diff"]).stdout, as: UTF8.self)
        #expect(out.contains("[MEDIUM] REPRO-006 train.py:7  Seeding removed"), "\(out)")
        // Nothing like the removed code among the added lines: the first of them, as before.
        let unlike = diff.replacingOccurrences(of: "+    Xtr, Xte, ytr, yte = train_test_split(X, y)\n", with: "+    return X\n")
        try Data(unlike.utf8).write(to: URL(fileURLWithPath: dir + "/u.diff"))
        let u = String(decoding: try cli.run(["scan", "--patch", dir + "/u.diff"]).stdout, as: UTF8.self)
        #expect(u.contains("REPRO-006 train.py:6  Seeding removed"), "\(u)")
        let waived = diff.replacingOccurrences(of: "train_test_split(X, y)\n", with: "train_test_split(X, y)  # mle-review: ignore[REPRO-006] seeded by the caller\n")
        try Data(waived.utf8).write(to: URL(fileURLWithPath: dir + "/w.diff"))
        let w = String(decoding: try cli.run(["scan", "--patch", dir + "/w.diff"]).stdout, as: UTF8.self)
        #expect(w.contains("REPRO-006 train.py:7") && w.contains("(waived: seeded by the caller)"), "\(w)")
    }

    /// A notebook's code is its code cells' sources: not its outputs (an HTML table, a script)
    /// nor its markdown (seen on Made-With-ML's notebook: `timestamp` in prose, `exec(fn)` in a widget).
    @Test func aNotebooksOutputsAndMarkdownAreNotCode() {
        let notebook = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "metadata": {},
           "source": ["Rows carry a timestamp; we split them below."]
          },
          {
           "cell_type": "code",
           "execution_count": 3,
           "metadata": {},
           "outputs": [
            {
             "data": {
              "text/html": [
               "<th>timestamp</th>\\n",
               "<script>exec(fn)</script>"
              ]
             },
             "output_type": "display_data"
            }
           ],
           "source": [
            "train_df, val_df = train_test_split(df, test_size=0.2, random_state=1234)\\n"
           ]
          }
         ]
        }
        """
        let hints = Self.scan(HintCase(name: "nb", path: "eda.ipynb", code: notebook, expected: []))
        #expect(hints.isEmpty, "\(hints.map { "\($0.rule) \($0.line)" })")
        // The same split in a notebook whose code does order rows by time is hinted.
        let timed = notebook.replacingOccurrences(of: "\"train_df, val_df", with: "\"df = df.sort_values(\\\"timestamp\\\")\\n\",\n    \"train_df, val_df")
        #expect(Self.scan(HintCase(name: "nb2", path: "eda.ipynb", code: timed, expected: [])).map(\.rule) == ["LEAK-004"])
    }

    /// A file too big to read whole is read in windows; what it removes is still read.
    @Test func aHugeFilesRemovedSafeguardIsHinted() {
        let count = HintScanner.window + 10
        var diff = "--- a/big.py\n+++ b/big.py\n@@ -1,\(count + 2) +1,\(count + 1) @@\n"
        for i in 0..<count { diff += " x\(i) = \(i)\n" }
        diff += "-torch.manual_seed(7)\n last = 1\n"
        let hints = HintScanner.scan(DiffParser.parse(Array(diff.utf8)))
        #expect(hints.map { "\($0.rule) \($0.line)" } == ["REPRO-006 \(count + 1)"])
        // Removed at the very end of the file: the hint goes on the last new line.
        let tail = "--- a/big.py\n+++ b/big.py\n@@ -1,\(count + 1) +1,\(count) @@\n" + (0..<count).map { " x\($0) = \($0)\n" }.joined() + "-torch.manual_seed(7)\n"
        #expect(HintScanner.scan(DiffParser.parse(Array(tail.utf8))).map { "\($0.rule) \($0.line)" } == ["REPRO-006 \(count)"])
    }

    @Test func aWaiverIsKeptAndShown() {
        let c = HintCase(name: "waived", path: "serve.py", code: "model = joblib.load(p)  # mle-review: ignore[DESER-001] signed artifact store", expected: [])
        let hints = Self.scan(c)
        #expect(hints.count == 1 && hints[0].waiver == "signed artifact store")
        #expect(HintReport.text(hints).contains("(waived: signed artifact store)"))
    }

    @Test func secretsAreNeverPrintedWhole() {
        let c = HintCase(name: "s", path: "a.py", code: "client = Client(token=\"ghp_abcdefghijklmnopqrstuvwxyz0123456789\")", expected: [])
        let text = HintReport.text(Self.scan(c)) + HintReport.json(Self.scan(c))
        #expect(text.contains("ghp_…(40 characters)"))
        #expect(!text.contains("abcdefghijklmnop"))
    }

    @Test func notebooksAreReadCellByCell() {
        let diff = """
        diff --git a/eda.ipynb b/eda.ipynb
        --- a/eda.ipynb
        +++ b/eda.ipynb
        @@ -10,3 +10,4 @@
            "source": [
        +    "state = torch.load(\\"m.pt\\")\\n",
             "print(1)"
            ]

        """
        let hints = HintScanner.scan(DiffParser.parse(Array(diff.utf8)))
        #expect(hints.map(\.rule) == ["DESER-002"] && hints[0].line == 11)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let c = HintCorpus.cases.first { $0.expected == ["DESER-002"] }!
        let doc = try JSONSerialization.jsonObject(with: Data(HintReport.json(Self.scan(c)).utf8)) as! [String: Any]
        let hint = try #require((doc["hints"] as? [[String: Any]])?.first)
        #expect(hint["rule"] as? String == "DESER-002" && hint["family"] as? String == "unsafe-deserialization")
        #expect(hint["severity"] as? String == "HIGH" && hint["path"] as? String == "infer.py" && hint["line"] as? Int == 1)
        #expect(hint["title"] != nil && hint["issue"] != nil && hint["fix"] != nil)
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.reason))
    func theBigDiffScansWholeWithoutDuplicates() throws {
        // Its speed is measured in Benchmarks/, not here: a timed unit test measures the machine.
        let result = try Subprocess.run(["gzip", "-dc", SharedFixtures.url("big/keras-v2.15.0-v3.15.1.diff.gz").path])
        try #require(result.status == 0, "\(result.stderrText)")
        let diff = DiffParser.parse(result.stdout)
        let hints = HintScanner.scan(diff)
        #expect(!hints.isEmpty)
        #expect(Set(hints.map { "\($0.rule) \($0.path):\($0.line)" }).count == hints.count, "one hint per rule and line")
        let paths = Set(diff.files.map(\.path))
        #expect(hints.allSatisfy { paths.contains($0.path) && $0.line > 0 })
    }
}

struct HintNotebookAndCorpusTests {
    @Test func aNewNotebooksCellIsCounted() {
        let notebook = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "source": ["# EDA"]
          },
          {
           "cell_type": "code",
           "source": [
            "import torch\\n",
            "state = torch.load(\\"m.pt\\")\\n"
           ]
          }
         ]
        }
        """
        let c = HintCase(name: "nb", path: "eda.ipynb", code: notebook, expected: ["DESER-002"])
        let hints = HintScannerTests.scan(c)
        #expect(hints.map(\.rule) == ["DESER-002"])
        #expect(hints.first?.cell == 1 && hints.first?.line == 11)
        #expect(HintReport.json(hints).contains("\"cell\" : 1") || HintReport.json(hints).contains("\"cell\": 1"))
    }

    /// The real ML pull requests: every diff scans, and the risks their sources name that a rule
    /// covers are found (joblib/pickle loads, a prediction log without a version).
    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.reason))
    func theRealPullRequestsScan() throws {
        var found: [String: Set<String>] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: SharedFixtures.url("ml-prs").path) where name.hasSuffix(".diff") {
            let hints = HintScanner.scan(DiffParser.parse(try SharedFixtures.bytes("ml-prs/" + name)))
            found[name] = Set(hints.map(\.rule))
        }
        #expect(found["karpathy-nanoGPT-d17350a.diff"]?.contains("DESER-001") == true)
        #expect(found["microsoft-MLOpsPython-2a22e75.diff"]?.contains("MON-002") == true)
        // Its parts kept in a dict ({"train": …, "test": …}) and the model fitted on the train part.
        #expect(found["microsoft-MLOpsPython-39609ae.diff"]?.contains("LEAK-001") == false)
        #expect(found.values.reduce(0) { $0 + $1.count } < 20, "hints should be few on real code: \(found)")
    }
}
