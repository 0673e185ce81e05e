import Foundation
import MLEReviewCore
import Testing

/// AI reviewers and review bots write JSON that is neither SARIF nor mle-review's own document:
/// a list of findings, or GitHub's pull request review comments (`gh api …/pulls/12/comments`).
/// All of it was refused as "no findings ('[SEVERITY] title' blocks) … found", as if it were text.
struct FindingListImportTests {
    let t = TrustImportTests()

    func findings(_ s: TrustImportTests.Setup) throws -> [Finding] {
        let store = try ReviewStore(path: s.store)
        return try store.load(try store.resolve("latest")).findings
    }

    @Test func pullRequestReviewCommentsAsGitHubGivesThem() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let comments = """
        [
          {"id": 11, "path": "pipelines/train.py", "line": 26, "original_line": 26, "side": "RIGHT", "start_line": null,
           "user": {"login": "coderabbitai[bot]", "type": "Bot"}, "in_reply_to_id": null,
           "body": "_⚠️ Potential issue_\\n\\n**StandardScaler is fitted on every row before the split.** The test rows leak into the scaling.\\n\\nFit it on X_train only."},
          {"id": 12, "path": "pipelines/train.py", "line": 26, "side": "RIGHT", "in_reply_to_id": 11,
           "user": {"login": "ada"}, "body": "Good catch, fixing."},
          {"id": 13, "path": "serving/predict.py", "line": null, "original_line": 21, "start_line": 19, "side": "RIGHT",
           "user": {"login": "copilot-pull-request-reviewer[bot]"},
           "body": "High: the customer's email is written to the log on every request."}
        ]
        """
        try comments.write(toFile: s.dir + "/comments.json", atomically: true, encoding: .utf8)
        let r = try t.run(s, ["import", s.dir + "/comments.json", "--patch", s.patch])
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stderrText.contains("2 new findings (2 proposed)"), "\(r.stderrText)")
        #expect(r.stderrText.contains("1 of them gave no severity: proposed as MEDIUM"), "\(r.stderrText)")
        #expect(r.stderrText.contains("1 reply in comment threads left out"), "\(r.stderrText)")
        let found = try findings(s)
        let scaler = try #require(found.first { $0.location.path == "pipelines/train.py" })
        #expect(scaler.title == "StandardScaler is fitted on every row before the split" && scaler.location.line == 26)
        #expect(scaler.severity == .medium && scaler.status == .proposed && scaler.author == "coderabbitai[bot]")
        // The issue does not say the title again (nor the bot's label above it).
        #expect(scaler.issue == "The test rows leak into the scaling.\n\nFit it on X_train only.", "\(scaler.issue)")
        // An outdated comment keeps its original lines; "High:" opening the body is its severity.
        let email = try #require(found.first { $0.location.path == "serving/predict.py" })
        #expect(email.severity == .high && email.location.description == "serving/predict.py:19-21", "\(email)")
        #expect(email.title == "The customer's email is written to the log on every request", "the severity is not the title's first word")
    }

    @Test func aListOfFindingsWithTheWordsToolsUse() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let list = """
        {"tool": "review-bot", "findings": [
          {"file": "pipelines/train.py", "line_number": "26", "level": "error", "message": "Scaler fitted before the split", "recommendation": "Split first."},
          {"location": "serving/predict.py:21", "priority": "P1", "title": "PII in logs", "category": "unsafe-serving"},
          {"filename": "configs/train.yaml", "start_line": 3, "end_line": 4, "severity": "nit", "description": "Threshold request_headers naming"}
        ]}
        """
        try list.write(toFile: s.dir + "/ai.json", atomically: true, encoding: .utf8)
        let r = try t.run(s, ["import", s.dir + "/ai.json", "--patch", s.patch])
        #expect(r.status == 0, "\(r.stderrText)")
        let found = try findings(s)
        #expect(found.map(\.severity) == [.high, .high, .low], "\(found.map(\.severity))")
        #expect(found.map(\.location.description) == ["pipelines/train.py:26", "serving/predict.py:21", "configs/train.yaml:3-4"])
        #expect(found[0].fix == "Split first." && found[0].author == "review-bot")
        #expect(found[1].risk == .unsafeServing && found[1].riskGuessed != true)
        #expect(found[2].title == "Threshold request_headers naming", "a name keeps its underscores")
    }

    /// "Unvalidated header logged" was guessed missing monitoring from "logged" in the title
    /// before its words ("printed without escaping") were read at all.
    @Test func theRiskIsGuessedFromTheTitleAndTheWordsTogether() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let list = """
        [{"file": "serving/predict.py", "line": 21, "severity": "high", "title": "Unvalidated header logged",
          "body": "X-Ms-Request-Id is printed into a JSON string without escaping; a quote breaks the log line."}]
        """
        try list.write(toFile: s.dir + "/ai.json", atomically: true, encoding: .utf8)
        #expect(try t.run(s, ["import", s.dir + "/ai.json", "--patch", s.patch]).status == 0)
        let found = try findings(s)
        #expect(found.first?.risk == .unsafeServing && found.first?.riskGuessed == true, "\(found)")
    }

    /// `"line": "2-4"` or `"lines": "L2-L4"`, a range as text: the finding was about the whole file.
    @Test func aLineRangeWrittenAsTextIsItsLines() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let list = """
        [{"file": "serving/predict.py", "line": "2-4", "severity": "medium", "message": "No input validation"},
         {"file": "pipelines/train.py", "lines": "L27-L28", "severity": "low", "message": "Split without a seed"}]
        """
        try list.write(toFile: s.dir + "/ai.json", atomically: true, encoding: .utf8)
        #expect(try t.run(s, ["import", s.dir + "/ai.json", "--patch", s.patch]).status == 0)
        #expect(try findings(s).map { "\($0.location)" }.sorted() == ["pipelines/train.py:27-28", "serving/predict.py:2-4"])
    }

    /// An AI reviewer's list with one general point ("consider more tests", no file) refused the
    /// whole list: its HIGH with a place was lost with it. The point is said; the rest imported.
    @Test func aFindingThatNamesNoFileIsSaidAndTheRestImported() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let list = """
        [{"file": "pipelines/train.py", "line": 26, "severity": "high", "message": "Scaler fitted before the split"},
         {"severity": "low", "message": "Consider more tests"},
         {"file": "N/A", "severity": "medium", "message": "No drift monitoring"}]
        """
        try list.write(toFile: s.dir + "/ai.json", atomically: true, encoding: .utf8)
        let r = try t.run(s, ["import", s.dir + "/ai.json", "--patch", s.patch])
        #expect(r.status == 0 && r.stderrText.contains("1 new finding (1 proposed)") && !r.stderrText.contains("not in the diff")
                && r.stderrText.contains("ai.json: [1]: 'Consider more tests' names no file, not imported")
                && r.stderrText.contains("ai.json: [2]: 'No drift monitoring' names no file, not imported"), "\(r.stderrText)")
        #expect(try findings(s).map(\.title) == ["Scaler fitted before the split"])
        // Nothing with a place: refused, naming the first, and nothing is made.
        try #"[{"severity": "low", "message": "Consider more tests"}, {"message": "Add a README"}]"#
            .write(toFile: s.dir + "/none.json", atomically: true, encoding: .utf8)
        let store = s.dir + "/other.sqlite"
        let refused = try t.cli.run(["import", s.dir + "/none.json", "--patch", s.patch, "--store", store])
        #expect(refused.status == 2 && refused.stderrText == "mle-review: \(s.dir)/none.json: [0]: 'Consider more tests' names no file (expected \"path\" or \"file\", with \"line\"), nor do the 1 other findings: nothing to import\n",
                "\(refused.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: store), "nothing was made")
    }

    /// ruff's, bandit's and semgrep's own JSON (as `--output-format json`, `-f json`, `--json`
    /// write it): their lines sit in `location.row`, `line_range`, `start.line`, and ruff calls
    /// every result an error. Each is read as its SARIF is: the rule before the title, ruff's
    /// severity by the rule's class, the tool as the author; bandit's `./` paths are the diff's.
    @Test func aLintersOwnJSONReadsAsItsSARIFDoes() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let ruff = """
        [{"cell": null, "code": "S301", "end_location": {"column": 40, "row": 9}, "filename": "\(s.dir)/serving/predict.py",
          "fix": null, "location": {"column": 10, "row": 9}, "message": "`pickle` and modules that wrap it can be unsafe",
          "name": "suspicious-pickle-usage", "noqa_row": 9, "severity": "error", "url": "https://docs.astral.sh/ruff/rules/suspicious-pickle-usage"}]
        """
        let bandit = """
        {"errors": [], "generated_at": "2026-12-04T20:00:00Z", "metrics": {}, "results": [
          {"code": "9 bundle = joblib.load(...)\\n", "col_offset": 0, "filename": "./serving/predict.py", "issue_confidence": "HIGH",
           "issue_severity": "MEDIUM", "issue_text": "Pickle and modules that wrap it can be unsafe", "line_number": 9,
           "line_range": [9, 10], "more_info": "https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html", "test_id": "B301",
           "test_name": "blacklist"}]}
        """
        let semgrep = """
        {"results": [{"check_id": "python.lang.security.deserialization.avoid-pickle", "path": "serving/predict.py",
          "start": {"line": 9, "col": 10}, "end": {"line": 9, "col": 40},
          "extra": {"message": "Avoid pickle: loading it runs code.", "severity": "ERROR", "metadata": {}}}], "errors": []}
        """
        for (name, text) in [("ruff.json", ruff), ("bandit.json", bandit), ("semgrep.json", semgrep)] {
            try text.write(toFile: s.dir + "/" + name, atomically: true, encoding: .utf8)
            let r = try t.run(s, ["import", s.dir + "/" + name, "--patch", s.patch])
            #expect(r.status == 0 && !r.stderrText.contains("not in the diff"), "\(name): \(r.stderrText)")
        }
        let found = try findings(s).sorted { $0.title < $1.title }
        #expect(found.map(\.title) == ["B301: Pickle and modules that wrap it can be unsafe", "S301: `pickle` and modules that wrap it can be unsafe",
                                       "avoid-pickle: Avoid pickle: loading it runs code"], "\(found.map(\.title))")
        #expect(found.map(\.location.description) == ["serving/predict.py:9-10", "serving/predict.py:9", "serving/predict.py:9"])
        #expect(found.map(\.severity) == [.medium, .medium, .high])
        #expect(found.map { $0.author ?? "" } == ["bandit", "ruff", "semgrep"])
    }

    /// An AI reviewer run in a subfolder names `scoring/score.py` for the diff's
    /// `code/scoring/score.py`: kept "not in the diff", its line never marked. A path only one of
    /// the diff's files ends with is that file; one several end with stays as written.
    @Test func aRelativePathOnlyOneFileEndsWithIsThatFile() throws {
        let dir = try t.cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var patch = ""
        for path in ["code/scoring/score.py", "src/a/nodes.py", "src/b/nodes.py"] {
            patch += "diff --git a/\(path) b/\(path)\n--- a/\(path)\n+++ b/\(path)\n@@ -1 +1 @@\n-x = 1\n+x = 2\n"
        }
        try patch.write(toFile: dir + "/pr.diff", atomically: true, encoding: .utf8)
        let review = "[HIGH] Headers logged\nFile: scoring/score.py:1\n\n[LOW] Which nodes\nFile: nodes.py:1\n"
        try review.write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let r = try t.cli.run(["import", dir + "/ai.txt", "--patch", dir + "/pr.diff", "--store", dir + "/s.sqlite"])
        #expect(r.status == 0 && r.stderrText.contains("1 not in the diff (kept)"), "\(r.stderrText)")
        let store = try ReviewStore(path: dir + "/s.sqlite")
        let paths = try store.load(try store.resolve("latest")).findings.map(\.location.path).sorted()
        #expect(paths == ["code/scoring/score.py", "nodes.py"], "\(paths)")
    }

    /// `scan --format json` in CI, then the hints imported to judge: refused as a review document
    /// without its schema. Its hints are findings, the rule before the title, the family's risk.
    @Test func scansOwnJSONImportsAsFindings() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let scan = try t.cli.run(["scan", "--patch", s.patch, "--format", "json"])
        try Data(scan.stdout).write(to: URL(fileURLWithPath: s.dir + "/hints.json"))
        let r = try t.run(s, ["import", s.dir + "/hints.json", "--patch", s.patch])
        #expect(r.status == 0 && r.stderrText.contains("new findings"), "\(r.stderrText)")
        let found = try findings(s)
        let leak = try #require(found.first { $0.title.hasPrefix("LEAK-001: ") }, "\(found.map(\.title))")
        #expect(leak.location.description == "pipelines/train.py:26" && leak.severity == .high && leak.risk == .dataLeakage && leak.riskGuessed != true)
        #expect(found.allSatisfy { $0.author == "mle-review scan" && $0.status == .proposed })
        let privacy = try #require(found.first { $0.title.hasPrefix("PRIV-001: ") })
        #expect(privacy.risk == .dataLeakage, "the family's risk, not a guess from 'logged'")
    }

    /// A bot's comments imported from the pull request and accepted were posted back by
    /// `export --format github` as new line comments: each point on the pull request twice.
    @Test func commentsImportedFromThePullRequestAreNotPostedToItAgain() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let comments = """
        [{"id": 21, "pull_request_review_id": 7, "diff_hunk": "@@ -14,10 +22,13 @@",
          "html_url": "https://github.com/acme/churn/pull/12#discussion_r21", "url": "https://api.github.com/repos/acme/churn/pulls/comments/21",
          "path": "pipelines/train.py", "line": 26, "side": "RIGHT", "user": {"login": "coderabbitai[bot]"},
          "body": "**High: StandardScaler is fitted before the split.** Test rows leak into the scaling."}]
        """
        try comments.write(toFile: s.dir + "/comments.json", atomically: true, encoding: .utf8)
        #expect(try t.run(s, ["import", s.dir + "/comments.json", "--patch", s.patch, "--accept"]).status == 0)
        let store = try ReviewStore(path: s.store)
        let id = try store.resolve("latest")
        try store.saveFinding(id, Finding(severity: .high, title: "The email is logged", location: Location(path: "serving/predict.py", line: 5), author: "Ada"))
        let address = "https://github.com/acme/churn/pull/12#discussion_r21"
        #expect(try findings(s).first { $0.author == "coderabbitai[bot]" }?.pullRequestComment == address)

        func github(_ store: String, _ review: String) throws -> [String: Any] {
            let r = try t.cli.run(["export", review, "--format", "github", "--no-finish", "--store", store])
            #expect(r.status == 0, "\(r.stderrText)")
            return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        }
        let review = try github(s.store, id)
        let posted = (review["comments"] as? [[String: Any]] ?? []).map { "\($0["path"] ?? ""):\($0["line"] ?? "")" }
        #expect(posted == ["serving/predict.py:5"], "only the reviewer's own finding is posted as a comment: \(posted)")
        let body = review["body"] as? String ?? ""
        #expect(body.contains("### Already comments on the pull request (not posted again)\n\n- **[HIGH] StandardScaler is fitted before the split** at `pipelines/train.py:26` by coderabbitai\\[bot\\]: \(address)\n"), "\(body)")
        #expect(body.contains("- **On the pull request:** \(address)\n"), "the details say where it came from")

        // Its JSON document, imported elsewhere (publish, a lead's store), keeps where it came from.
        let document = try t.cli.run(["export", id, "--format", "json", "--no-finish", "--store", s.store])
        try Data(document.stdout).write(to: URL(fileURLWithPath: s.dir + "/review.json"))
        let other = s.dir + "/other.sqlite"
        let back = try t.cli.run(["import", s.dir + "/review.json", "--store", other])
        #expect(back.status == 0, "\(back.stderrText)")
        let kept = try ReviewStore(path: other).load(id).findings.first { $0.author == "coderabbitai[bot]" }
        #expect(kept?.pullRequestComment == address)
    }

    /// An AI review piped in (`claude -p … | mle-review import -`) had `-` for its name: in
    /// errors (`-:1: …`) and as its source in stats, every piped reviewer one and the same.
    /// It is `stdin`, and `--source` names who proposed the findings.
    @Test func aPipedReviewIsNamedAndItsSourceCanBeGiven() throws {
        let s = try t.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let bad = try t.cli.run(["import", "-", "--patch", s.patch, "--store", s.store], input: Array("[HIGH] Scaler leak\n".utf8))
        #expect(bad.status == 2 && bad.stderrText == "mle-review: stdin:1: finding '[HIGH] Scaler leak' has no 'File: path:line' line\n", "\(bad.stderrText)")
        let good = try t.cli.run(["import", "-", "--patch", s.patch, "--source", "claude", "--store", s.store],
                                 input: Array("[HIGH] Scaler leak\nFile: pipelines/train.py:26\n".utf8))
        #expect(good.status == 0, "\(good.stderrText)")
        let f = try #require(try findings(s).first)
        #expect(f.source == "claude" && f.origin == .imported(file: "stdin"), "\(f)")
    }
}
