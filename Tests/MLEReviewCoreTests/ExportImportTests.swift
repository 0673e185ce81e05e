import Foundation
import MLEReviewCore
import Testing

struct ExportImportTests {
    static let diffText = """
    diff --git a/pipelines/train.py b/pipelines/train.py
    --- a/pipelines/train.py
    +++ b/pipelines/train.py
    @@ -20,4 +20,5 @@ def train(path, out_path):
         df = load(path)
    -    X_train, X_test = split(X)
    +    X = scaler.fit_transform(X)
    +    X_train, X_test = split(X)
         model.fit(X_train)
         return model

    """

    static func context(findings: [Finding], tests: [TestRun] = [], override: DecisionOverride? = nil,
                        items: [String: ItemState] = [:], allowIncomplete: Bool = false, diff: String = diffText) -> ExportContext {
        let checklist = ChecklistLoader.builtIn
        var review = Review(source: ReviewSource(kind: .range, range: "main...feature", baseCommit: "b" + String(repeating: "0", count: 39),
                                                 headCommit: "c" + String(repeating: "1", count: 39), diffSHA256: "x"),
                            checklist: ChecklistRef(checklist), reviewers: [Reviewer(name: "Ada", role: .driver), Reviewer(name: "Grace", role: .navigator)])
        review.findings = findings
        review.testsRun = tests
        review.override = override
        review.items = items.mapValues { ItemMark(state: $0) }
        return ExportContext(review: review, checklist: checklist, diff: DiffParser.parse(Array(diff.utf8)), allowIncomplete: allowIncomplete)
    }

    static let scaler = Finding(severity: .high, title: "Scaler fitted on the full dataset before the split",
                                location: Location(path: "pipelines/train.py", line: 21),
                                issue: "StandardScaler.fit_transform sees test rows,\nso validation metrics are optimistic.",
                                fix: "Fit the scaler inside the training fold only (sklearn Pipeline), then transform val/test.",
                                risk: .dataLeakage)
    static let logging = Finding(severity: .medium, title: "Model version missing from logs", location: Location(path: "serving/predict.py"),
                                 issue: "Predictions cannot be joined to a model.", fix: "Log model_version.", risk: .missingMonitoring)
    static let low = Finding(severity: .low, title: "Typo", location: Location(path: "a.py", line: 3, endLine: 5), issue: "i", fix: "f")

    @Test func textIsTheBriefsFormatWorstFirst() throws {
        let c = Self.context(findings: [Self.low, Self.logging, Self.scaler, Finding(severity: .high, title: "gone", location: Location(path: "z"), status: .dismissed)],
                             tests: [TestRun(command: "pytest -q", outcome: .passed, summary: "41 passed"),
                                     TestRun(command: "python eval.py", outcome: .failed, summary: "AUC 0.71", explanation: "old snapshot")])
        let text = try ExportFormat.text.render(c)
        #expect(text == """
        [HIGH] Scaler fitted on the full dataset before the split
        File: pipelines/train.py:21
        Issue: StandardScaler.fit_transform sees test rows,
          so validation metrics are optimistic.
        Fix: Fit the scaler inside the training fold only (sklearn Pipeline), then transform val/test.

        [MEDIUM] Model version missing from logs
        File: serving/predict.py
        Issue: Predictions cannot be joined to a model.
        Fix: Log model_version.

        [LOW] Typo
        File: a.py:3-5
        Issue: i
        Fix: f

        Reviewers: Ada (driver), Grace (navigator)
        Decision: BLOCK
        Primary risks: data leakage, missing monitoring, other
        Tests run: pytest -q (passed: 41 passed); python eval.py (failed: AUC 0.71; explained: old snapshot)

        """)
    }

    @Test func overrideJustificationIsPrinted() throws {
        let c = Self.context(findings: [Self.scaler], override: DecisionOverride(decision: .approveWithWarnings, justification: "Split is by time upstream.", overridden: .block))
        let text = try ExportFormat.text.render(c)
        #expect(text.contains("Override: computed BLOCK; justification: Split is by time upstream.\nNote: 50 required steps not done yet: no passing test or eval run recorded; 49 checklist items undecided (Problem Framing and Decision Quality 7; Metrics, Thresholds, and Error Analysis 6; ") && text.contains("Common Blockers 9)\nDecision: APPROVE WITH WARNINGS\n"))
    }

    @Test func approveWhileIncompleteIsRefusedUnlessAllowed() throws {
        let c = Self.context(findings: [], tests: [TestRun(command: "pytest", outcome: .passed)])
        #expect(throws: InputError.self) { try ExportFormat.text.render(c) }
        let refusal = #expect(throws: InputError.self) { try ExportFormat.markdown.render(c) }
        #expect(refusal?.message.contains("cannot export APPROVE yet: 49 required steps not done: 49 checklist items undecided (Problem Framing and Decision Quality 7; ") == true,
                "\(refusal?.message ?? "")")
        #expect(refusal?.message.contains("--allow-incomplete") == true)
        let allowed = Self.context(findings: [], tests: [TestRun(command: "pytest", outcome: .passed)], allowIncomplete: true)
        #expect(try ExportFormat.text.render(allowed).contains("Note: exported while incomplete: 49 required steps not done: 49 checklist items undecided (Problem Framing and Decision Quality 7; Metrics, Thresholds, and Error Analysis 6; "))
        // A blocked review exports whatever is undecided.
        #expect(try ExportFormat.text.render(Self.context(findings: [Self.scaler])).contains("Decision: BLOCK"))
    }

    @Test func importingTheTextExportGivesBackTheSameFindingsAndDecision() throws {
        let c = Self.context(findings: [Self.scaler, Self.logging, Self.low], tests: [TestRun(command: "pytest -q", outcome: .passed, summary: "41 passed")])
        let text = try ExportFormat.text.render(c)
        let imported = try TextImport.parse(text, name: "ai.txt")
        #expect(imported.decision == .block)
        #expect(imported.findings.map(\.title) == [Self.scaler.title, Self.logging.title, Self.low.title])
        #expect(imported.findings.map(\.location) == [Self.scaler.location, Self.logging.location, Self.low.location])
        #expect(imported.findings.map(\.issue) == [Self.scaler.issue, Self.logging.issue, Self.low.issue])
        #expect(imported.findings.map(\.fix) == [Self.scaler.fix, Self.logging.fix, Self.low.fix])
        #expect(imported.findings.allSatisfy { $0.status == .proposed && $0.origin == .imported(file: "ai.txt") })
        #expect(imported.testsRun.map(\.command) == ["pytest -q"] && imported.testsRun[0].outcome == .passed)
        // Accepted, they give the same text back; the run is now the file's claim and says so.
        var review = c.review
        review.findings = imported.findings.map { var f = $0; f.status = .open; return f }
        review.testsRun = imported.testsRun
        let again = ExportContext(review: review, checklist: c.checklist, diff: c.diff)
        #expect(try ExportFormat.text.render(again) == text.replacing("(passed: 41 passed)", with: "(passed: 41 passed; reported by ai.txt)"))
    }

    /// A finding on a removed line has its number in the old file: new line 21 is another line.
    /// Exported bare as `train.py:21`, a reader went to the wrong line, and the text read back
    /// put the finding on it.
    @Test func aFindingOnARemovedLineSaysOldSideAndReadsBackThere() throws {
        let removed = Finding(severity: .high, title: "Split moved after the scaler", location: Location(path: "pipelines/train.py", side: .old, line: 21),
                              issue: "The split now runs on scaled rows.", fix: "Split first.")
        let c = Self.context(findings: [removed])
        #expect(c.lineText(removed.location) == "    X_train, X_test = split(X)")
        let text = try ExportFormat.text.render(c)
        #expect(text.contains("File: pipelines/train.py:21 (old side)\n"), "\(text)")
        let md = try ExportFormat.markdown.render(c)
        #expect(md.contains("`pipelines/train.py:21 (old side)`"), "\(md)")
        let back = try #require(try TextImport.parse(text, name: "ai.txt").findings.first)
        #expect(back.location == removed.location)
        #expect(c.lineText(back.location) == "    X_train, X_test = split(X)")
        // The verdict's reasons (V in the workbench) say it too.
        #expect(c.verdict.reasons.contains { $0.message == "open finding [HIGH] Split moved after the scaler (pipelines/train.py:21 (old side))" },
                "\(c.verdict.reasons.map(\.message))")
        // A new-side line stays as the brief writes it.
        #expect(try ExportFormat.text.render(Self.context(findings: [Self.scaler])).contains("File: pipelines/train.py:21\n"))
    }

    /// SARIF regions are lines of the new file (code scanning shows them on the head commit): a
    /// removed line's number there pointed at another line. The result names the file, says
    /// where in words, and carries the old line for the import.
    @Test func sarifPutsARemovedLineInWordsAndPropertiesNotInARegion() throws {
        let removed = Finding(severity: .high, title: "Split moved after the scaler", location: Location(path: "pipelines/train.py", side: .old, line: 21),
                              issue: "The split now runs on scaled rows.", fix: "Split first.")
        let sarif = try ExportFormat.sarif.render(Self.context(findings: [removed, Self.scaler]))
        // Against the official schema where ../shared is beside the clone (sarifValidatesAgainstTheSchema says when it is not).
        if SchemaCheck.available { try SchemaCheck.validate(sarif) }
        let root = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = try #require(((root["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        func physical(_ r: [String: Any]) -> [String: Any]? { ((r["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any] }
        #expect(physical(results[0])?["region"] == nil, "\(results[0])")
        #expect(((results[0]["message"] as? [String: Any])?["text"] as? String)?.contains("Where: pipelines/train.py:21 (old side), a line this change removes.") == true)
        #expect((physical(results[1])?["region"] as? [String: Any])?["startLine"] as? Int == 21)
        let back = try SARIFImport.parse(Array(sarif.utf8), name: "r.sarif").findings
        #expect(back.map(\.location) == [removed.location, Self.scaler.location])
        #expect(back[0].issue == removed.issue && back[0].fix == removed.fix && back[0].title == removed.title)
    }

    @Test func aiReviewerTextWithProseAndFreeFormTests() throws {
        let text = """
        I reviewed the change. Here are my findings:

        **[CRITICAL] Test labels used as a feature**
        File: `features/build.py:88`
        Issue: `label_next_30d` leaks the outcome into the feature frame.
        Fix: Drop it; add a leakage test.

        [low] Naming
        File: a.py:1
        Issue: x

        Decision: **BLOCK**
        Primary risks: data leakage | other
        Tests run: pytest tests/ -q: 12 passed, 1 failed
        """
        let r = try TextImport.parse(text, name: "ai.txt")
        #expect(r.findings.map(\.severity) == [.critical, .low])
        #expect(r.findings[0].location == Location(path: "features/build.py", line: 88))
        #expect(r.findings[0].risk == .dataLeakage)
        #expect(r.decision == .block && r.primaryRisks == ["data leakage", "other"])
        #expect(r.testsRun.count == 1 && r.testsRun[0].outcome == .failed && r.testsRun[0].command == "pytest tests/ -q")
    }

    @Test(arguments: [
        ("[HUGE] Bad\nFile: a.py:1\n", "ai.txt:1: unknown severity 'HUGE' (expected CRITICAL, HIGH, MEDIUM or LOW)"),
        ("intro\n\n[HIGH] No file\nIssue: x\n\n", "ai.txt:3: finding '[HIGH] No file' has no 'File: path:line' line"),
        ("[HIGH] t\nFile: \n", "ai.txt:2: expected 'File: path:line', found ''"),
        ("Decision: APPROVE | APPROVE WITH WARNINGS | BLOCK\n", "ai.txt:1: unknown decision 'APPROVE | APPROVE WITH WARNINGS | BLOCK' (expected APPROVE, APPROVE WITH WARNINGS or BLOCK)"),
        ("Looks fine to me.\n", "ai.txt: no findings ('[SEVERITY] title' blocks), 'Decision:' or 'Tests run:' line found"),
    ])
    func malformedTextNamesTheLine(input: String, message: String) {
        #expect(throws: InputError(message)) { try TextImport.parse(input, name: "ai.txt") }
    }

    @Test func fieldLinesOutsideAFindingAreProseNotACrash() throws {
        let r = try TextImport.parse("Issue: summary of my review\nFile: notes.md\nRisk: low\n\n[HIGH] t\nFile: a.py:1\nIssue: x\n", name: "ai.txt")
        #expect(r.findings.count == 1 && r.findings[0].location == Location(path: "a.py", line: 1) && r.findings[0].issue == "x")
    }

    @Test func jsonDocumentRoundTripsLosslessly() throws {
        let c = Self.context(findings: [Self.scaler, Self.logging], tests: [TestRun(command: "pytest", outcome: .passed)],
                             override: DecisionOverride(decision: .block), items: ["common-blockers/no-model-version-in-logs": .fail])
        let json = try ExportFormat.json.render(c)
        #expect(json.contains("\"schema\" : \"mle-review/1\""))
        let back = try ReviewDocument.parse(Array(json.utf8), name: "r.json")
        var expected = c.review
        // Times are kept to the millisecond.
        #expect(abs(back.createdAt.timeIntervalSince(expected.createdAt)) < 0.001)
        #expect(abs(back.findings[0].updatedAt.timeIntervalSince(expected.findings[0].updatedAt)) < 0.001)
        expected.createdAt = back.createdAt; expected.updatedAt = back.updatedAt
        for i in expected.findings.indices { expected.findings[i].createdAt = back.findings[i].createdAt; expected.findings[i].updatedAt = back.findings[i].updatedAt }
        for i in expected.testsRun.indices { expected.testsRun[i].recordedAt = back.testsRun[i].recordedAt }
        for k in expected.items.keys { expected.items[k]!.setAt = back.items[k]!.setAt }
        #expect(back == expected)
    }

    @Test func malformedJSONNamesWhatIsWrong() {
        #expect(throws: InputError("r.json: expected \"schema\": \"mle-review/1\", found none")) {
            try ReviewDocument.parse(Array("{\"review\": {}}".utf8), name: "r.json")
        }
        #expect(throws: InputError("r.json: not valid JSON")) { try ReviewDocument.parse(Array("[1".utf8), name: "r.json") }
        #expect(throws: InputError("r.json: not valid JSON at line 3")) {
            try ReviewDocument.parse(Array("{\n  \"schema\": \"mle-review/1\",\n  \"review\": x\n}\n".utf8), name: "r.json")
        }
        #expect(throws: InputError("r.json: expected a JSON object at the top level")) { try ReviewDocument.parse(Array("[1]".utf8), name: "r.json") }
        #expect(throws: InputError.self) {
            try ReviewDocument.parse(Array("{\"schema\": \"mle-review/1\", \"review\": {\"id\": 3}}".utf8), name: "r.json")
        }
    }

    @Test func sarifFingerprintsFollowTheLineTextNotItsNumber() throws {
        let a = try ExportFormat.sarif.render(Self.context(findings: [Self.scaler]))
        // The same code two lines lower: the finding moved with it.
        var moved = Self.scaler
        moved.location.line = 23
        let shifted = Self.diffText.replacing("@@ -20,4 +20,5 @@", with: "@@ -22,4 +22,5 @@")
        let b = try ExportFormat.sarif.render(Self.context(findings: [moved], diff: shifted))
        func fingerprint(_ s: String) throws -> String {
            let doc = try JSONSerialization.jsonObject(with: Data(s.utf8)) as! [String: Any]
            let result = ((doc["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])[0]
            return (result["partialFingerprints"] as! [String: String])[SARIFExport.fingerprintKey]!
        }
        #expect(try fingerprint(a) == fingerprint(b))
        #expect(try fingerprint(a) == SARIFExport.fingerprint(rule: "mle/risk/data-leakage", path: "pipelines/train.py", lineText: "X = scaler.fit_transform(X)"))
    }

    @Test(.enabled(if: SchemaCheck.available, "needs python3 with jsonschema and ../shared/schemas"))
    func sarifValidatesAgainstTheSchema() throws {
        var spaced = Self.low
        spaced.location = Location(path: "notebooks/EDA v2/feature #1.py", line: 3)
        spaced.itemID = "data-contract-and-leakage/pii-excluded-or-justified"
        let sarif = try ExportFormat.sarif.render(Self.context(findings: [Self.scaler, Self.logging, spaced]))
        try SchemaCheck.validate(sarif)
        #expect(sarif.contains("notebooks/EDA%20v2/feature%20%231.py"))
    }

    @Test func sarifImportReadsLintersAndOurOwn() throws {
        let ruff = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ruff", "rules": [{"id": "S301", "shortDescription": {"text": "pickle loads untrusted data"}}]}},
          "results": [{"ruleId": "S301", "level": "error", "message": {"text": "`pickle.load` on a model file"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "serving/predict.py"}, "region": {"startLine": 9}}}]}]}]}
        """
        let r = try SARIFImport.parse(Array(ruff.utf8), name: "ruff.sarif")
        #expect(r.findings.count == 1)
        // ruff's level says nothing (every result is `error`): a flake8-bandit rule is MEDIUM.
        #expect(r.findings[0].severity == .medium && r.findings[0].title == "S301: `pickle.load` on a model file")
        #expect(r.findings[0].location == Location(path: "serving/predict.py", line: 9) && r.findings[0].status == .proposed)
        #expect(r.findings[0].issue == "pickle loads untrusted data" && r.findings[0].author == "ruff")

        let ours = try ExportFormat.sarif.render(Self.context(findings: [Self.scaler, Self.logging]))
        let back = try SARIFImport.parse(Array(ours.utf8), name: "o.sarif")
        #expect(back.findings.map(\.title) == [Self.scaler.title, Self.logging.title])
        #expect(back.findings.map(\.severity) == [.high, .medium])
        #expect(back.findings.map(\.issue) == [Self.scaler.issue, Self.logging.issue])
        #expect(back.findings.map(\.fix) == [Self.scaler.fix, Self.logging.fix])
        #expect(back.findings.map(\.risk) == [.dataLeakage, .missingMonitoring])

        #expect(throws: InputError("x.sarif: runs[0].results[0]: expected \"message\": {\"text\": ...}")) {
            try SARIFImport.parse(Array(#"{"runs": [{"results": [{}]}]}"#.utf8), name: "x.sarif")
        }
    }

    @Test func githubPayloadHasTheDocumentedShape() throws {
        var range = Self.scaler
        range.location = Location(path: "pipelines/train.py", line: 22, endLine: 23)
        var old = Self.low
        old.location = Location(path: "pipelines/train.py", side: .old, line: 21)
        let c = Self.context(findings: [range, old, Self.logging])
        let doc = try JSONSerialization.jsonObject(with: Data(try ExportFormat.github.render(c).utf8)) as! [String: Any]
        #expect(doc["event"] as? String == "REQUEST_CHANGES")
        #expect(doc["commit_id"] as? String == c.review.source.headCommit)
        let comments = doc["comments"] as! [[String: Any]]
        #expect(comments.count == 2)
        #expect(comments[0]["path"] as? String == "pipelines/train.py")
        #expect(comments[0]["start_line"] as? Int == 22 && comments[0]["line"] as? Int == 23)
        #expect(comments[0]["side"] as? String == "RIGHT" && comments[0]["start_side"] as? String == "RIGHT")
        #expect(comments[1]["side"] as? String == "LEFT" && comments[1]["line"] as? Int == 21 && comments[1]["start_line"] == nil)
        // A range across two hunks is one line's comment: GitHub places a range only within a hunk.
        var across = Self.scaler
        across.location = Location(path: "pipelines/train.py", line: 22, endLine: 41)
        let twoHunks = Self.diffText + "@@ -40,2 +41,3 @@ def evaluate(model):\n     auc = score(model)\n+    log(auc)\n     return auc\n"
        let acrossDoc = try JSONSerialization.jsonObject(with: Data(try ExportFormat.github.render(Self.context(findings: [across], diff: twoHunks)).utf8)) as! [String: Any]
        let one = try #require((acrossDoc["comments"] as? [[String: Any]])?.first)
        #expect(one["line"] as? Int == 22 && one["start_line"] == nil, "\(one)")
        let body = doc["body"] as! String
        #expect(body.hasPrefix("## mle-review: **BLOCK**"))
        #expect(body.contains("### Findings not on a diff line") && body.contains("Model version missing from logs"))
        #expect(GitHubExport.event(.approve) == "APPROVE" && GitHubExport.event(.approveWithWarnings) == "COMMENT")
    }

    @Test func markdownEscapesUserText() throws {
        var f = Self.scaler
        f.title = "<img src=x onerror=alert(1)> **bold** | pipe \u{1b}[31m"
        let md = try ExportFormat.markdown.render(Self.context(findings: [f]))
        #expect(!md.contains("<img"))
        #expect(md.contains("&lt;img src=x onerror=alert\\(1\\)&gt; \\*\\*bold\\*\\* \\| pipe \\\\x1b\\[31m"))
        #expect(!md.contains("\u{1b}"))
    }
}

/// Validates SARIF with python's jsonschema against the SARIF 2.1.0 schema in ../shared/schemas.
enum SchemaCheck {
    static let schema = SharedFixtures.root.appendingPathComponent("../schemas/sarif-schema-2.1.0.json").standardized.path

    static var available: Bool {
        guard FileManager.default.fileExists(atPath: schema),
              let r = try? Subprocess.run(["python3", "-c", "import jsonschema"]) else { return false }
        return r.status == 0
    }

    static func validate(_ sarif: String) throws {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft7Validator(schema).validate(json.load(sys.stdin))
        print("valid")
        """
        let r = try Subprocess.run(["python3", "-c", script, schema], input: Array(sarif.utf8))
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(String(decoding: r.stdout, as: UTF8.self) == "valid\n")
    }
}

/// Mangled inputs to every reader of user files: an error line is fine, a crash is not.
struct MangledInputTests {
    static func mangle(_ seed: String, _ rounds: Int, _ body: ([UInt8]) -> Void) {
        var rng = SplitMix(state: 7)
        let base = Array(seed.utf8)
        for _ in 0..<rounds {
            var b = base
            for _ in 0..<Int(rng.next() % 6) {
                guard !b.isEmpty else { break }
                let at = Int(rng.next() % UInt64(b.count))
                switch rng.next() % 4 {
                case 0: b[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: b.remove(at: at)
                case 2: b.insert(contentsOf: Array(b[at..<min(b.count, at + 12)]), at: at)
                default: b.removeSubrange(at..<b.count)
                }
            }
            body(b)
        }
    }

    /// Runs a reader over mangled inputs: each either reads or is refused with one line that
    /// names the input; both outcomes occur (so the mangling reaches the reader's checks).
    static func check(_ seed: String, _ rounds: Int, name: String, _ read: ([UInt8]) throws(InputError) -> Void) {
        var accepted = 0, refused = 0
        mangle(seed, rounds) { bytes in
            do throws(InputError) {
                try read(bytes)
                accepted += 1
            } catch {
                refused += 1
                #expect(error.message.hasPrefix(name) && !error.message.contains("\n"), "\(error.message)")
            }
        }
        #expect(accepted > 0 && refused > 0, "read \(accepted), refused \(refused)")
        #expect(accepted + refused == rounds)
    }

    @Test func textImportNeverCrashes() {
        let seed = "intro\nIssue: prose\n[HIGH] Leak\nFile: a.py:3-9\nIssue: x\n  more\nFix: y\nRisk: data leakage\n\nDecision: BLOCK\nPrimary risks: data leakage\nTests run:\n- pytest — failed: 1 failed (explained: flaky)\n"
        Self.check(seed, 3000, name: "f") { (b: [UInt8]) throws(InputError) in _ = try TextImport.parse(String(decoding: b, as: UTF8.self), name: "f") }
    }

    @Test func sarifAndReviewDocumentsNeverCrash() throws {
        let c = ExportImportTests.context(findings: [ExportImportTests.scaler, ExportImportTests.logging])
        let sarif = try ExportFormat.sarif.render(c), json = try ExportFormat.json.render(c)
        Self.check(sarif, 500, name: "f") { (b: [UInt8]) throws(InputError) in _ = try SARIFImport.parse(b, name: "f") }
        Self.check(json, 500, name: "f") { (b: [UInt8]) throws(InputError) in _ = try ReviewDocument.parse(b, name: "f") }
    }

    @Test func checklistsNeverCrash() {
        var parsed = 0
        Self.mangle(DefaultChecklist.markdown, 300) { b in
            do throws(InputError) {
                _ = try ChecklistParser.parse(String(decoding: b, as: UTF8.self), source: "c")
                parsed += 1
            } catch {
                #expect(error.message.hasPrefix("c") && !error.message.contains("\n"), "\(error.message)")
            }
        }
        #expect(parsed > 0)
    }
}

/// The Markdown export's coverage table said "0/6" for an area the change does not touch, beside
/// an APPROVE whose rules do not require it: a reader of the PR comment saw work left undone.
struct CoverageOfUntouchedAreasTests {
    let trust = TrustImportTests()

    @Test func anAreaTheChangeDoesNotTouchSaysSo() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let patch = "diff --git a/serving/app.py b/serving/app.py\n--- a/serving/app.py\n+++ b/serving/app.py\n@@ -1,2 +1,2 @@\n"
            + " def predict(m, x):\n-    return m.predict(x)\n+    return m.predict_proba(x)[:, 1]\n"
        try patch.write(toFile: s.dir + "/serve.diff", atomically: true, encoding: .utf8)
        try "Decision: BLOCK\n".write(toFile: s.dir + "/d.txt", atomically: true, encoding: .utf8)
        #expect(try trust.run(s, ["import", s.dir + "/d.txt", "--patch", s.dir + "/serve.diff"]).status == 0)
        let md = trust.stdout(try trust.run(s, ["export", "latest", "--format", "markdown", "--no-finish", "--allow-incomplete"]))
        #expect(md.contains("| Monitoring and Incident Response | 0/5 (not touched) |") && md.contains("| Serving and Deployment | 0/6 |")
                && md.contains("| Common Blockers | 0/9 |"), "\(md)")
    }
}
