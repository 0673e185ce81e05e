import Foundation
import MLEReviewCore
import Testing

/// Issue 16, the record says what happened: imports, documents, risks and tests run, checked
/// through the command line as a user runs it.
struct TrustImportTests {
    let cli = CommandLineTests()

    /// A store with the demo diff as a patch file beside it.
    struct Setup {
        let dir: String
        let store: String
        let patch: String
    }

    func setup() throws -> Setup {
        let dir = try cli.tempDirectory()
        let demo = try cli.run(["demo", "--print-diff"])
        try Data(demo.stdout).write(to: URL(fileURLWithPath: dir + "/pr.diff"))
        return Setup(dir: dir, store: dir + "/s.sqlite", patch: dir + "/pr.diff")
    }

    func run(_ s: Setup, _ args: [String]) throws -> Subprocess.Result {
        try cli.run(args + ["--store", s.store])
    }

    func stdout(_ r: Subprocess.Result) -> String { String(decoding: r.stdout, as: UTF8.self) }

    /// A review of the demo diff with nothing in it, made as a user would (an import that brings
    /// only a decision), and the store to fill it through.
    func emptyReview(_ s: Setup) throws -> (ReviewStore, String) {
        try "Decision: BLOCK\n".write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        #expect(try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch]).status == 0)
        let store = try ReviewStore(path: s.store)
        return (store, try store.resolve("latest"))
    }

    func json(_ r: Subprocess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
    }

    static let briefText = """
    [HIGH] Scaler fitted on the full dataset before the split
    File: pipelines/train.py:26
    Issue: StandardScaler.fit_transform sees test rows.
    Fix: Fit inside the training fold.

    [MEDIUM] Model loaded from an unpinned path
    File: serving/predict.py:9
    Issue: MODEL_PATH defaults to latest.pkl.
    Fix: Pin the artifact version.

    [LOW] A typo somewhere else
    File: docs/notes.md:3
    Issue: Not in this diff at all.

    Decision: BLOCK
    Primary risks: data leakage | unsafe serving
    Tests run: python prepare.py (passed); pytest (not available)

    """

    @Test func importingTwiceAddsNothingAndADismissalStands() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try Self.briefText.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        let first = try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch])
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stderrText.contains("3 new findings (3 proposed), 0 already there, 1 not in the diff (kept), 2 test runs"), "\(first.stderrText)")
        let id = stdout(first).trimmingSpaces()
        // Dismiss one of them through the store, as the workbench's d does.
        let store = try ReviewStore(path: s.store)
        let review = try store.load(id)
        let dismissed = try #require(review.findings.first { $0.severity == .medium })
        try store.setFindingStatus(id, findingID: dismissed.id, status: .dismissed)

        let second = try run(s, ["import", s.dir + "/ai.txt", "--into", "latest"])
        #expect(second.status == 0, "\(second.stderrText)")
        #expect(second.stderrText.contains("0 new findings, 3 already there, 0 test runs (2 already there)"), "\(second.stderrText)")
        let after = try store.load(id)
        #expect(after.findings.count == 3)
        #expect(after.testsRun.count == 2)
        #expect(after.findings.first { $0.id == dismissed.id }?.status == .dismissed)

        // Again with --accept: it said "3 already there" and the two proposals stayed proposed.
        // They open now; the dismissed one stays dismissed.
        let third = try run(s, ["import", s.dir + "/ai.txt", "--into", "latest", "--accept"])
        #expect(third.status == 0, "\(third.stderrText)")
        #expect(third.stderrText.contains("0 new findings, 3 already there (2 of them accepted now), 0 test runs (2 already there)"), "\(third.stderrText)")
        let accepted = try store.load(id)
        #expect(accepted.findings.filter { $0.status == .open }.count == 2)
        #expect(accepted.findings.first { $0.id == dismissed.id }?.status == .dismissed)
    }

    @Test func risksComeFromTheFileAndAGuessSaysSo() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try Self.briefText.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        let r = try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch, "--accept"])
        #expect(r.status == 0, "\(r.stderrText)")
        let doc = try json(try run(s, ["export", "latest", "--format", "json", "--no-finish"]))
        let findings = try #require((doc["review"] as? [String: Any])?["findings"] as? [[String: Any]])
        func risk(_ title: String) -> (String?, Bool) {
            let f = findings.first { ($0["title"] as? String)?.hasPrefix(title) == true }
            return (f?["risk"] as? String, f?["risk_guessed"] as? Bool ?? false)
        }
        // Words that name a listed risk pick it; the rest get the file's first risk, marked a guess.
        #expect(risk("Scaler").0 == "data leakage")
        #expect(risk("Model loaded").0 == "unsafe serving")
        #expect(risk("A typo") == ("data leakage", true))
        let md = stdout(try run(s, ["export", "latest", "--format", "markdown", "--no-finish", "--allow-incomplete"]))
        #expect(md.contains("| LOW | A typo somewhere else | `docs/notes.md:3` | data leakage (guessed) |"), "\(md)")

        // One listed risk is given, not guessed.
        try "[HIGH] Threshold hard-coded\nFile: pipelines/train.py:26\n\nPrimary risks: weak eval\n"
            .write(toFile: s.dir + "/one.txt", atomically: true, encoding: .utf8)
        #expect(try run(s, ["import", s.dir + "/one.txt", "--into", "latest", "--accept"]).status == 0)
        let again = try json(try run(s, ["export", "latest", "--format", "json", "--no-finish"]))
        let t = try #require(((again["review"] as? [String: Any])?["findings"] as? [[String: Any]])?.first { $0["title"] as? String == "Threshold hard-coded" })
        #expect(t["risk"] as? String == "weak eval" && t["risk_guessed"] == nil)
    }

    /// A finding that names no risk gets one guessed from its words, and the guess becomes a
    /// primary risk of the verdict: "log" inside LogisticRegression, catalog or login made an
    /// AI reviewer's model-swap finding "missing monitoring".
    @Test func aGuessedRiskReadsWholeWordsNotLettersInsideThem() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try """
        [HIGH] LogisticRegression swapped for a tree model with no comparison
        File: pipelines/train.py:26

        [MEDIUM] Feature catalog entry renamed in the login flow
        File: pipelines/train.py:21

        [LOW] Validation split shrank to one percent
        File: pipelines/train.py:22

        [LOW] Predictions are no longer logged
        File: serving/predict.py:9

        [LOW] Loss scaled but eval and logging paths may still use the unscaled loss
        File: pipelines/train.py:23

        [LOW] Headers logged unescaped
        File: serving/predict.py:9

        [LOW] Seed logged but never set
        File: pipelines/train.py:24

        """.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        let r = try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch, "--accept"])
        #expect(r.status == 0, "\(r.stderrText)")
        let doc = try json(try run(s, ["export", "latest", "--format", "json", "--no-finish"]))
        let findings = try #require((doc["review"] as? [String: Any])?["findings"] as? [[String: Any]])
        func risk(_ title: String) -> String? {
            findings.first { ($0["title"] as? String)?.hasPrefix(title) == true }?["risk"] as? String
        }
        #expect(risk("LogisticRegression") == "other")
        #expect(risk("Feature catalog") == "other")
        #expect(risk("Validation split") == "weak eval")
        #expect(risk("Predictions are no longer logged") == "missing monitoring")
        // The words that come first name the subject: evaluation here, though "logging" is a
        // monitoring word (a fixed order of categories guessed monitoring).
        #expect(risk("Loss scaled") == "weak eval")
        // Logging words decide only when nothing else is said: "logged" came first and won.
        #expect(risk("Headers logged unescaped") == "unsafe serving")
        #expect(risk("Seed logged") == "irreproducible training")
        let text = stdout(try run(s, ["export", "latest", "--no-finish", "--allow-incomplete"]))
        #expect(text.contains("Primary risks: other, ") && text.contains("missing monitoring") && text.contains("unsafe serving"), "\(text)")
    }

    /// A risk guessed from a finding's words ("fallback" reads as serving) went into the
    /// verdict's primary risks with nothing to tell it from a reviewer's call: the exports say
    /// it is a guess, until a finding that names the risk on purpose backs it.
    @Test func aPrimaryRiskThatIsOnlyGuessedSaysSo() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try "[HIGH] Hard-coded sources dir fallback\nFile: pipelines/train.py:26\n\n".write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        #expect(try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch, "--accept"]).status == 0)
        let text = stdout(try run(s, ["export", "latest", "--no-finish"]))
        #expect(text.contains("Note: primary risk unsafe serving guessed from the findings' words (no reviewer set it)\nDecision: BLOCK\nPrimary risks: unsafe serving\n"), "\(text)")
        let md = stdout(try run(s, ["export", "latest", "--format", "markdown", "--no-finish"]))
        #expect(md.contains("**Primary risks:** unsafe serving (guessed from a finding's words)  \n"), "\(md)")
        let doc = try json(try run(s, ["export", "latest", "--format", "json", "--no-finish"]))
        #expect((doc["verdict"] as? [String: Any])?["guessed_risks"] as? [String] == ["unsafe serving"], "\(doc["verdict"] ?? "")")
        let sarif = try json(try run(s, ["export", "latest", "--format", "sarif", "--no-finish"]))
        let props = ((sarif["runs"] as? [[String: Any]])?.first?["properties"] as? [String: Any])
        #expect(props?["guessedRisks"] as? [String] == ["unsafe serving"], "\(props ?? [:])")

        try "[MEDIUM] No timeout on the model call\nFile: serving/predict.py:9\nRisk: unsafe serving\n\n".write(toFile: s.dir + "/set.txt", atomically: true, encoding: .utf8)
        #expect(try run(s, ["import", s.dir + "/set.txt", "--into", "latest", "--accept"]).status == 0)
        let after = stdout(try run(s, ["export", "latest", "--no-finish"]))
        #expect(!after.contains("guessed") && after.contains("Primary risks: unsafe serving\n"), "\(after)")
    }

    /// The exports said a primary risk was guessed, but `log`'s RISKS column and `stats` showed
    /// it as the reviewer's call, which is where a lead reads risks across reviews.
    @Test func theLogAndStatsMarkAGuessedRisk() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try "[HIGH] Hard-coded sources dir fallback\nFile: pipelines/train.py:26\n\n".write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        #expect(try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch, "--accept"]).status == 0)
        // Open: the risk of its open findings, marked.
        let open = stdout(try run(s, ["log"]))
        #expect(open.contains(" unsafe serving? "), "\(open)")
        #expect(open.contains("RISKS: ? marks a risk guessed from a finding's words (no reviewer set it)\n"), "\(open)")
        #expect(try run(s, ["export", "latest", "--output", s.dir + "/v.txt"]).status == 0)
        let finished = stdout(try run(s, ["log"]))
        #expect(finished.contains(" BLOCK ") && finished.contains(" unsafe serving? "), "\(finished)")
        let entries = try JSONSerialization.jsonObject(with: Data(try run(s, ["log", "--json"]).stdout)) as? [[String: Any]]
        #expect(entries?.first?["primary_risks"] as? [String] == ["unsafe serving"])
        #expect(entries?.first?["guessed_risks"] as? [String] == ["unsafe serving"], "\(entries ?? [])")
        let stats = stdout(try run(s, ["stats"]))
        #expect(stats.contains("RISK") && stats.contains("GUESSED"), "\(stats)")
        let row = stats.split(separator: "\n").first { $0.hasPrefix("unsafe serving") }.map { $0.split(separator: " ").suffix(2).joined(separator: " ") }
        #expect(row == "1 1", "\(stats)")

        // A risk a reviewer set is not marked: a second review, its finding's risk given.
        try "[MEDIUM] No timeout on the model call\nFile: serving/predict.py:9\nRisk: unsafe serving\n\n".write(toFile: s.dir + "/set.txt", atomically: true, encoding: .utf8)
        #expect(try run(s, ["import", s.dir + "/set.txt", "--patch", s.patch, "--accept"]).status == 0)
        let both = stdout(try run(s, ["log", "--open"]))
        #expect(both.contains(" unsafe serving ") && !both.contains("?"), "\(both)")
    }

    /// The brief's `Tests run:` line escaped every `;`, `(`, `)` and backslash in a command, so
    /// what `mle-review run` recorded was hard to read. Commands now read as they were run but
    /// for what would split the line, and every one of these comes back the same, one line
    /// holding them all.
    @Test func commandsInTheTestsRunLineReadAsRunAndComeBackTheSame() {
        let commands = [
            "python3 -c 'print('\\''ok'\\'')'",
            "python3 -c 'import sys; print(sys.argv[1:])' a b",
            "pytest -k \"not slow and (unit or smoke)\" -q",
            "find . -name '*.pyc' -exec rm {} \\;",
            "cd x; pytest",
            "echo \"a \\\"quoted\\\" (b); c\"",
            "grep -E '\\(foo\\)' src",
            "ran Bo's notebook (cells 1-3)",
            "echo 'unclosed (quote; here",
            "make test\\",
            "C:\\tools\\run.bat",
            "echo it\\'s",
            "ran the students' eval",
            "pytest -k 'a or b'",
        ]
        let runs = commands.map { TestRun(command: $0, outcome: .passed, summary: "ok; fine (1)") }
        let line = TestRunLine.render(runs)
        let back = TestRunLine.parse(line, recordedBy: nil)
        #expect(back.map(\.command) == commands, "\(line)")
        #expect(back.allSatisfy { $0.summary == "ok; fine (1)" && $0.outcome == .passed }, "\(line)")
        // A shell's `\'` keeps its backslash doubled (as before); the parentheses and `;` inside quotes
        // are left alone.
        #expect(TestRunLine.render([runs[0]]) == "python3 -c 'print('\\\\''ok'\\\\'')' (passed: ok; fine \\(1\\))")
        #expect(TestRunLine.render([runs[1]]).hasPrefix("python3 -c 'import sys; print(sys.argv[1:])' a b (passed"))
        // An AI reviewer's prose: an apostrophe opens no quote.
        let prose = TestRunLine.parse("ran the teams' smoke suite (passed); ran the students' eval (failed: 2 failed)", recordedBy: nil)
        #expect(prose.map(\.command) == ["ran the teams' smoke suite", "ran the students' eval"] && prose.last?.summary == "2 failed", "\(prose)")
        // A line an older version wrote (every special escaped) still reads the same.
        let older = "python3 -c 'print\\('\\\\''ok'\\\\''\\)' (passed); cd x\\; pytest -k 'a or \\(b\\)' (failed: 1 failed)"
        #expect(TestRunLine.parse(older, recordedBy: nil).map(\.command) == ["python3 -c 'print('\\''ok'\\'')'", "cd x; pytest -k 'a or (b)'"])
    }

    @Test func sarifFromALinterTakesTheRuleTextAndTags() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let sarif = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "bandit", "rules": [{"id": "B301",
          "shortDescription": {"text": "pickle"},
          "fullDescription": {"text": "Pickle can execute code when loading untrusted data."},
          "help": {"text": "Load models with a safe format."}, "helpUri": "https://bandit.example/b301",
          "properties": {"tags": ["security", "unsafe-serving"]}}]}},
          "results": [{"ruleId": "B301", "level": "error", "message": {"text": "pickle"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "serving/predict.py"}, "region": {"startLine": 9}}}]}]}]}
        """
        try sarif.write(toFile: s.dir + "/b.sarif", atomically: true, encoding: .utf8)
        let r = try run(s, ["import", s.dir + "/b.sarif", "--patch", s.patch])
        #expect(r.status == 0, "\(r.stderrText)")
        let f = try #require(try ReviewStore(path: s.store).load(stdout(r).trimmingSpaces()).findings.first)
        #expect(f.issue == "Pickle can execute code when loading untrusted data.")
        #expect(f.fix == "Load models with a safe format.\nSee https://bandit.example/b301")
        #expect(f.risk == .unsafeServing && !f.isRiskGuessed)
    }

    /// ruff writes every result with the level `error`, which read as HIGH: `import ruff.sarif
    /// --accept` turned an unused import into a BLOCK. ruff's rule class decides; a
    /// `security-severity` score is read on GitHub's scale; a result without a level takes its
    /// rule's default level.
    @Test func aLintersSeverityComesFromWhatItMeansNotFromRuffsUniformLevel() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        func result(_ rule: String, _ line: Int, level: String? = "error") -> String {
            #"{"ruleId": "\#(rule)", \#(level.map { #""level": "\#($0)", "# } ?? "")"message": {"text": "\#(rule) here"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "pipelines/train.py"}, "region": {"startLine": \#(line)}}}]}"#
        }
        let sarif = """
        {"version": "2.1.0", "runs": [
          {"tool": {"driver": {"name": "ruff", "rules": [{"id": "F401", "defaultConfiguration": {"enabled": true, "level": "error"}}]}},
           "results": [\(result("F401", 1)), \(result("F821", 2)), \(result("S301", 3)), \(result("E501", 4)), \(result("SIM108", 5)), \(result("E999", 6))]},
          {"tool": {"driver": {"name": "semgrep", "rules": [
             {"id": "py.pickle", "properties": {"security-severity": "9.8"}},
             {"id": "py.hardcoded-key", "properties": {"security-severity": 5.3}},
             {"id": "py.style", "defaultConfiguration": {"level": "note"}}]}},
           "results": [\(result("py.pickle", 7, level: "warning")), \(result("py.hardcoded-key", 8)), \(result("py.style", 9, level: nil))]}]}
        """
        try sarif.write(toFile: s.dir + "/lint.sarif", atomically: true, encoding: .utf8)
        let r = try run(s, ["import", s.dir + "/lint.sarif", "--patch", s.patch, "--accept"])
        #expect(r.status == 0, "\(r.stderrText)")
        let review = try ReviewStore(path: s.store).load(stdout(r).trimmingSpaces())
        var by: [String: Severity] = [:]
        for f in review.findings { by[String(f.title.prefix { $0 != ":" })] = f.severity }
        #expect(by == ["F401": .low, "F821": .high, "S301": .medium, "E501": .low, "SIM108": .low, "E999": .high,
                       "py.pickle": .critical, "py.hardcoded-key": .medium, "py.style": .low], "\(by)")
    }

    /// ruff writes SARIF with absolute `file://` URIs of the checkout: its findings were kept
    /// "not in the diff" under /home/…/serving/predict.py and never showed on their line.
    @Test func sarifWithAbsolutePathsLandsOnTheDiffsFiles() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let sarif = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ruff", "rules": []}}, "results": [
          {"ruleId": "S301", "level": "error", "message": {"text": "pickle can be unsafe"},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file://\(s.dir)/ci%20checkout/serving/predict.py"}, "region": {"startLine": 9}}}]},
          {"ruleId": "F401", "level": "error", "message": {"text": "unused import"},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///elsewhere/tools/other.py"}, "region": {"startLine": 1}}}]}]}]}
        """
        try sarif.write(toFile: s.dir + "/ruff.sarif", atomically: true, encoding: .utf8)
        let r = try run(s, ["import", s.dir + "/ruff.sarif", "--patch", s.patch])
        #expect(r.status == 0, "\(r.stderrText)")
        // The file the diff does not have is still said to be outside it; the other is placed.
        #expect(r.stderrText.contains("2 new findings (2 proposed), 0 already there, 1 not in the diff (kept)"), "\(r.stderrText)")
        let review = try ReviewStore(path: s.store).load(stdout(r).trimmingSpaces())
        #expect(review.findings.map(\.location.shown).sorted() == ["/elsewhere/tools/other.py:1", "serving/predict.py:9"])
    }

    /// ruff's rule page for S301 (pickle) mentions signing data "with a secret key": the risk was
    /// guessed from the whole text, data leakage first, and the verdict's primary risks said so.
    @Test func aLintersRiskIsGuessedFromItsMessageBeforeItsRulePage() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let sarif = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ruff", "rules": [{"id": "S301",
          "fullDescription": {"text": "Deserializing untrusted data is insecure. If you must, sign the data with a secret key."}}]}},
          "results": [{"ruleId": "S301", "level": "error", "message": {"text": "`pickle` can be unsafe when used to deserialize untrusted data"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "serving/predict.py"}, "region": {"startLine": 9}}}]}]}]}
        """
        try sarif.write(toFile: s.dir + "/ruff.sarif", atomically: true, encoding: .utf8)
        let r = try run(s, ["import", s.dir + "/ruff.sarif", "--patch", s.patch, "--accept"])
        #expect(r.status == 0, "\(r.stderrText)")
        let id = stdout(r).trimmingSpaces()
        let f = try #require(try ReviewStore(path: s.store).load(id).findings.first)
        #expect(f.risk == .unsafeServing && f.isRiskGuessed)
        let shown = try run(s, ["show", id])
        #expect(shown.stdoutText.contains("Primary risks: unsafe serving\n"), "\(shown.stdoutText)")
    }

    /// `ruff check --select ALL` on a clean two-file change, its lint findings accepted: the
    /// BLOCK's primary risks read "unsafe serving, data leakage, irreproducible training" from
    /// rule pages (I001's mentions `from __future__`, SIM115's a file-handle "leak", D100's
    /// notebooks) and from a path in a message (INP001: "File `serving/predict.py` is part of an
    /// implicit namespace package"). Only the result's words and the rule's name guess now, and a
    /// file's path is not a word about its subject.
    @Test func lintFindingsGuessNoRiskFromRulePagesOrPaths() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        func rule(_ id: String, _ short: String, _ page: String) -> String {
            #"{"id": "\#(id)", "shortDescription": {"text": "\#(short)"}, "fullDescription": {"text": "\#(page)"}}"#
        }
        func result(_ id: String, _ message: String, _ line: Int) -> String {
            #"{"ruleId": "\#(id)", "level": "error", "message": {"text": "\#(message)"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "serving/predict.py"}, "region": {"startLine": \#(line)}}}]}"#
        }
        let rules = [rule("I001", "Import block is un-sorted or un-formatted", "De-duplicates, groups, and sorts imports, `from __future__` first."),
                     rule("SIM115", "Use a context manager for opening files", "A file opened without a context manager can leak its handle."),
                     rule("D100", "Missing docstring in public module", "If the module is a notebook or a script, the docstring is its usage."),
                     rule("INP001", "File `{filename}` is part of an implicit namespace package", "Add an `__init__.py`.")]
        let results = [result("I001", "Import block is un-sorted or un-formatted", 1), result("SIM115", "Use a context manager for opening files", 2),
                       result("D100", "Missing docstring in public module", 3),
                       result("INP001", "File `serving/predict.py` is part of an implicit namespace package. Add an `__init__.py`.", 4)]
        let sarif = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ruff", "rules": [\#(rules.joined(separator: ","))]}}, "results": [\#(results.joined(separator: ","))]}]}"#
        try sarif.write(toFile: s.dir + "/ruff.sarif", atomically: true, encoding: .utf8)
        let r = try run(s, ["import", s.dir + "/ruff.sarif", "--patch", s.patch, "--accept"])
        #expect(r.status == 0, "\(r.stderrText)")
        let id = stdout(r).trimmingSpaces()
        let risks = try ReviewStore(path: s.store).load(id).findings.map { "\($0.title.prefix(while: { $0 != ":" })) \($0.risk.rawValue)" }
        #expect(risks.sorted() == ["D100 other", "I001 other", "INP001 other", "SIM115 other"], "\(risks)")
        let shown = try run(s, ["show", id])
        #expect(shown.stdoutText.contains("Primary risks: other\n"), "\(shown.stdoutText)")
        // A finding's own words still guess, around a path it names; a word pair is not a path.
        #expect(RiskGuess.from("Scaler fit in pipelines/train.py before the split") == .dataLeakage)
        #expect(RiskGuess.from("Loss scaled but eval/logging paths still read the old value") == .weakEval)
        #expect(RiskGuess.from("Reads https://example.com/serving/model.pkl at import") == .other)
    }

    /// ruff's SARIF gives each rule its whole documentation page as `fullDescription` and its
    /// message template as `help`: ten accepted lint findings made the exported PR comment pages
    /// of "## What it does … ## Example … ## References", each "Fix" a literal
    /// `Missing return type annotation for public function `{name}``. The Issue is now the page's
    /// point, the Fix its link.
    @Test func aLintersRulePageBecomesAShortIssueAndItsTemplateNoFix() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let page = "## What it does\nChecks that public functions and methods have return type\nannotations.\n\n## Why is this bad?\nType annotations document the return types of functions.\n\n## Example\n```python\ndef add(a, b):\n    return a + b\n```\n\n## References\n- [PEP 484](https://peps.python.org/pep-0484/)"
        let rule: [String: Any] = ["id": "ANN201", "shortDescription": ["text": "Missing return type annotation for public function"],
                                   "fullDescription": ["text": page], "help": ["text": "Missing return type annotation for public function `{name}`"],
                                   "helpUri": "https://docs.astral.sh/ruff/rules/missing-return-type-public-function"]
        let result: [String: Any] = ["ruleId": "ANN201", "level": "error", "message": ["text": "Missing return type annotation for public function `predict`"],
                                     "locations": [["physicalLocation": ["artifactLocation": ["uri": "serving/predict.py"], "region": ["startLine": 9]]]]]
        let sarif: [String: Any] = ["version": "2.1.0", "runs": [["tool": ["driver": ["name": "ruff", "rules": [rule]]], "results": [result]]]]
        try JSONSerialization.data(withJSONObject: sarif).write(to: URL(fileURLWithPath: s.dir + "/ruff.sarif"))
        let r = try run(s, ["import", s.dir + "/ruff.sarif", "--patch", s.patch, "--accept"])
        #expect(r.status == 0, "\(r.stderrText)")
        let exported = try run(s, ["export", stdout(r).trimmingSpaces(), "--format", "text", "--no-finish", "--allow-incomplete"]).stdoutText
        #expect(exported.contains("""
            Issue: Checks that public functions and methods have return type annotations. Type annotations document the return types of functions.
            Fix: See https://docs.astral.sh/ruff/rules/missing-return-type-public-function

            """), "\(exported)")
        #expect(!exported.contains("{name}") && !exported.contains("## ") && !exported.contains("def add"), "\(exported)")
    }

    /// An AI reviewer's "Tests run: pytest (passed)" satisfied the verdict's need for a passing
    /// run, and the export listed it as if the reviewer had run it. A pass an imported file
    /// reports is marked as its claim and does not stand for the review's own; a run the
    /// reviewer records does.
    @Test func aPassAnImportedFileReportsIsItsClaimNotTheReviewsEvidence() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try "Looks fine to me.\n\nDecision: APPROVE\nTests run: pytest -q (passed)\n".write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        #expect(try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch]).status == 0)
        let store = try ReviewStore(path: s.store)
        let id = try store.resolve("latest")
        for item in ChecklistLoader.builtIn.items { try store.setItem(id, item: item.id, mark: ItemMark(state: .pass, setBy: "Ada")) }
        try store.dismissEveryHint(id, diff: Array(try Data(contentsOf: URL(fileURLWithPath: s.patch))))
        let refused = try run(s, ["export", id])
        #expect(refused.status == 2, "\(refused.stdoutText)")
        #expect(refused.stderrText.contains("cannot export APPROVE yet: 1 required step not done: no passing test or eval run recorded by a reviewer (only ai.txt reports one); decide them"), "\(refused.stderrText)")
        let preview = stdout(try run(s, ["export", id, "--no-finish", "--allow-incomplete"]))
        #expect(preview.contains("Tests run: pytest -q (passed; reported by ai.txt)\n"), "\(preview)")

        try store.addTestRun(id, TestRun(command: "pytest -q", outcome: .passed, summary: "12 passed", recordedBy: "Ada"))
        let approved = try run(s, ["export", id])
        #expect(approved.status == 0, "\(approved.stderrText)")
        #expect(stdout(approved).hasSuffix("Decision: APPROVE\nPrimary risks: none\nTests run: pytest -q (passed; reported by ai.txt); pytest -q (passed: 12 passed)\n"), "\(stdout(approved))")
        let md = stdout(try run(s, ["export", id, "--format", "markdown"]))
        #expect(md.contains("- `pytest -q`: **passed** · reported by ai.txt, not run\n- `pytest -q`: **passed** — 12 passed · reported by Ada, not run\n"), "\(md)")
    }

    /// `show` printed a recorded command only in the brief's line, escaped for import (`\;`,
    /// `\(`): it lists each run as it was run, and where it comes from.
    @Test func showListsEachRunAsItWasRun() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let (store, id) = try emptyReview(s)
        let command = "python3 -c 'import sys; print(\"ok (1)\")'"
        try store.addTestRun(id, TestRun(command: command, outcome: .failed, summary: "exit 1", explanation: "flaky; see #12", recordedBy: "Ada"))
        let show = stdout(try run(s, ["show", id]))
        // The brief's line too: quoted, nothing in the command needs escaping.
        #expect(show.contains("Tests run: \(command) (failed: exit 1; explained: flaky; see #12)\n"), "\(show)")
        #expect(show.contains("Tests run, one by one:\n  failed: \(command) — exit 1 (explained: flaky; see #12) · reported by Ada, not run\n"), "\(show)")
    }

    /// A finding carried into a new revision whose code has gone keeps its old line number: the
    /// exports gave it as if it were on that line of this diff, and the GitHub review put it as
    /// a comment on whatever code is there now. Every export says it is outdated; GitHub lists
    /// it in the body, not on a line; SARIF gives no region.
    @Test func anOutdatedFindingIsExportedAsOutdatedNotOnTodaysLine() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let (store, id) = try emptyReview(s)
        try store.saveFinding(id, Finding(severity: .high, title: "Exception swallowed", location: Location(path: "serving/predict.py", line: 2),
                                          author: "Bo", outdated: true))
        let text = stdout(try run(s, ["export", id, "--no-finish"]))
        #expect(text.contains("File: serving/predict.py:2\nOutdated: its code is no longer in this diff (the line is from an earlier revision)\n"), "\(text)")
        let md = stdout(try run(s, ["export", id, "--format", "markdown", "--no-finish"]))
        #expect(md.contains("| `serving/predict.py:2` (outdated) |"), "\(md)")
        let github = try json(try run(s, ["export", id, "--format", "github", "--no-finish"]))
        #expect((github["comments"] as? [Any])?.isEmpty == true, "\(github["comments"] ?? "")")
        #expect((github["body"] as? String)?.contains("**[HIGH] Exception swallowed** at `serving/predict.py:2` (outdated: its code") == true)
        let sarif = try json(try run(s, ["export", id, "--format", "sarif", "--no-finish"]))
        let result = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first
        let physical = ((result?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(physical != nil && physical?["region"] == nil, "\(physical ?? [:])")
        #expect((result?["properties"] as? [String: Any])?["outdated"] as? Bool == true)
        // The text export still imports: the Outdated line is read past.
        try text.write(toFile: s.dir + "/exported.txt", atomically: true, encoding: .utf8)
        let back = try cli.run(["import", s.dir + "/exported.txt", "--patch", s.patch, "--store", s.dir + "/other.sqlite"])
        #expect(back.status == 0, "\(back.stderrText)")
    }

    @Test func testsRunRoundTripThroughTheBriefsLine() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try Self.briefText.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        #expect(try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch, "--accept"]).status == 0)
        let store = try ReviewStore(path: s.store)
        let runs = try store.load(try store.resolve("latest")).testsRun
        #expect(runs.map(\.command) == ["python prepare.py", "pytest"])
        #expect(runs.map(\.outcome) == [.passed, .skipped])
        #expect(runs[1].summary == "not available")

        let text = stdout(try run(s, ["export", "latest", "--format", "text", "--no-finish"]))
        #expect(text.hasSuffix("Tests run: python prepare.py (passed; reported by ai.txt); pytest (skipped: not available; reported by ai.txt)\n"), "\(text)")
        // Empty Issue/Fix lines are left out.
        #expect(text.contains("File: docs/notes.md:3\nIssue: Not in this diff at all.\n\n"))
        try text.write(toFile: s.dir + "/exported.txt", atomically: true, encoding: .utf8)
        let other = s.dir + "/other.sqlite"
        #expect(try cli.run(["import", s.dir + "/exported.txt", "--patch", s.patch, "--store", other]).status == 0)
        let back = try ReviewStore(path: other)
        let again = try back.load(try back.resolve("latest")).testsRun
        #expect(again.map { [$0.command, $0.outcome.rawValue, $0.summary] } == runs.map { [$0.command, $0.outcome.rawValue, $0.summary] })

        // Commands holding the separators survive too, and read as they were run: only what
        // would split the line outside the command's quotes is escaped.
        let tricky = [TestRun(command: "cd x; pytest -k 'a or (b)'", outcome: .failed, summary: "1 failed (flaky)", explanation: "known; see #12")]
        let line = TestRunLine.render(tricky)
        #expect(line == "cd x\\; pytest -k 'a or (b)' (failed: 1 failed \\(flaky\\); explained: known; see #12)", "\(line)")
        let parsed = TestRunLine.parse(line, recordedBy: nil)
        #expect(parsed.map { [$0.command, $0.outcome.rawValue, $0.summary, $0.explanation ?? ""] }
                == [["cd x; pytest -k 'a or (b)'", "failed", "1 failed (flaky)", "known; see #12"]], "\(line)")
    }

    @Test func resolvedFindingsAreListedAfterTheOpenOnes() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try Self.briefText.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        let id = stdout(try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch, "--accept"])).trimmingSpaces()
        let store = try ReviewStore(path: s.store)
        let high = try #require(try store.load(id).findings.first { $0.severity == .high })
        try store.setFindingStatus(id, findingID: high.id, status: .resolved)
        let text = stdout(try run(s, ["export", id, "--format", "text", "--no-finish"]))
        let resolvedAt = try #require(text.range(of: "[HIGH] Scaler fitted on the full dataset before the split\nFile: pipelines/train.py:26\nStatus: resolved\n"))
        let openAt = try #require(text.range(of: "[MEDIUM] Model loaded"))
        #expect(openAt.lowerBound < resolvedAt.lowerBound)
        let md = stdout(try run(s, ["export", id, "--format", "markdown", "--no-finish"]))
        #expect(md.contains("### Resolved\n\n#### [HIGH] Scaler fitted on the full dataset before the split (resolved)"))
        // Re-imported, it comes back resolved, not proposed.
        try text.write(toFile: s.dir + "/t.txt", atomically: true, encoding: .utf8)
        let other = s.dir + "/o.sqlite"
        let r = try cli.run(["import", s.dir + "/t.txt", "--patch", s.patch, "--store", other])
        #expect(r.stderrText.contains("(2 proposed, 1 resolved)"), "\(r.stderrText)")
    }

    @Test func aReviewDocumentKeepsItsStatesAndAFinishedOneStaysFinished() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try Self.briefText.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        let id = stdout(try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch, "--accept"])).trimmingSpaces()
        let store = try ReviewStore(path: s.store)
        let low = try #require(try store.load(id).findings.first { $0.severity == .low })
        try store.setFindingStatus(id, findingID: low.id, status: .resolved)

        // An open review's document: states kept, and the message says so.
        #expect(try run(s, ["export", id, "--format", "json", "--no-finish", "--output", s.dir + "/open.json"]).status == 0)
        let other = s.dir + "/o.sqlite"
        let open = try cli.run(["import", s.dir + "/open.json", "--store", other])
        #expect(open.status == 0, "\(open.stderrText)")
        #expect(open.stderrText == "mle-review: imported open review \(id) from \(s.dir)/open.json: 3 findings (2 open, 1 resolved), states kept; 2 test run(s)\n")
        #expect(try ReviewStore(path: other).load(id).findings.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.open, .open, .resolved])

        // Exported (which finishes it): imported as the finished record, shown finished in log.
        #expect(try run(s, ["export", id, "--format", "json", "--output", s.dir + "/done.json"]).status == 0)
        let third = s.dir + "/t.sqlite"
        let done = try cli.run(["import", s.dir + "/done.json", "--store", third])
        #expect(done.status == 0, "\(done.stderrText)")
        #expect(done.stderrText.contains("as a finished record (BLOCK, record hash checked)"))
        let log = try cli.run(["log", "--json", "--store", third])
        let row = try #require((try JSONSerialization.jsonObject(with: Data(log.stdout)) as? [[String: Any]])?.first)
        #expect(row["decision"] as? String == "BLOCK" && row["state"] as? String == "finished", "\(row)")
        #expect(try cli.run(["log", "--verify", "--store", third]).status == 0)
        // Importing it again changes nothing.
        let twice = try cli.run(["import", s.dir + "/done.json", "--store", third])
        #expect(twice.status == 0 && twice.stderrText.contains("already in the store"))

        // A finished document edited afterwards is refused, and nothing is written.
        let edited = try String(contentsOfFile: s.dir + "/done.json", encoding: .utf8).replacing("\"HIGH\"", with: "\"LOW\"")
        try edited.write(toFile: s.dir + "/edited.json", atomically: true, encoding: .utf8)
        let fourth = s.dir + "/f.sqlite"
        let bad = try cli.run(["import", s.dir + "/edited.json", "--store", fourth])
        #expect(bad.status == 2 && bad.stderrText.contains("does not match its record hash"), "\(bad.stderrText)")
        #expect(try ReviewStore(path: fourth).log().isEmpty)
    }

    @Test func aFailedImportLeavesNoReviewBehind() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try Self.briefText.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        let id = stdout(try run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch, "--accept"])).trimmingSpaces()
        #expect(try run(s, ["export", id, "--format", "json", "--no-finish", "--output", s.dir + "/r.json"]).status == 0)
        // The document repeats test run and finding ids the store already has: imported anew.
        let again = try run(s, ["import", s.dir + "/r.json", "--patch", s.patch])
        #expect(again.status == 0, "\(again.stderrText)")
        // A malformed document: one line naming the input, and no new review.
        try "{\"schema\": \"mle-review/1\", \"review\": {\"id\": 3}}".write(toFile: s.dir + "/bad.json", atomically: true, encoding: .utf8)
        let before = try ReviewStore(path: s.store).log().count
        let bad = try run(s, ["import", s.dir + "/bad.json", "--patch", s.patch])
        #expect(bad.status == 2 && bad.stderrText.hasPrefix("mle-review: \(s.dir)/bad.json: ") && bad.stderrText.split(separator: "\n").count == 1, "\(bad.stderrText)")
        #expect(try ReviewStore(path: s.store).log().count == before)
    }
}

extension ReviewStore {
    /// Every hint on the diff dismissed as minor, as a reviewer who read them would: an APPROVE
    /// waits for the hints as for any proposal, and these tests are about something else.
    func dismissEveryHint(_ reviewID: String, diff: [UInt8], by: String = "Ada") throws {
        for h in HintScanner.scan(DiffParser.parse(diff)) { try dismissHint(reviewID, key: h.key, reason: .minor, by: by) }
    }
}
