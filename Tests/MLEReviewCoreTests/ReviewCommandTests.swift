import Foundation
import MLEReviewCore
import Testing

/// checklist, import and export, run as the binary a user (or a CI script) runs.
struct ReviewCommandTests {
    let cli = CommandLineTests()

    func temp() throws -> String { try cli.tempDirectory() }

    static let aiText = """
    [HIGH] Scaler fitted on the full dataset before the split
    File: pipelines/train.py:26
    Issue: StandardScaler.fit_transform sees test rows, so validation metrics are optimistic.
    Fix: Fit the scaler inside the training fold only (sklearn Pipeline), then transform val/test.

    [MEDIUM] Model loaded from an unpinned path
    File: serving/predict.py:9
    Issue: MODEL_PATH defaults to latest.pkl, so any promotion changes serving silently.
    Fix: Pin the artifact version and log it with every prediction.

    Decision: BLOCK
    Primary risks: data leakage, unsafe serving
    Tests run:
    - pytest tests/ -q — passed: 1 passed

    """

    /// The diff `aiText` is about.
    static let aiPatch = """
    diff --git a/pipelines/train.py b/pipelines/train.py
    --- a/pipelines/train.py
    +++ b/pipelines/train.py
    @@ -25,2 +25,3 @@
     X = load()
    +X = StandardScaler().fit_transform(X)
     train, test = split(X)

    """

    @Test func checklistPrintsJSONAndRefusesAMissingFile() throws {
        let r = try cli.run(["checklist", "--json"], in: "/")
        #expect(r.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout)) as! [String: Any]
        let sections = doc["sections"] as! [[String: Any]]
        #expect(sections.count == 9 && sections[3]["id"] as? String == "data-contract-and-leakage")
        #expect((sections[3]["items"] as! [[String: Any]])[0].keys.sorted() == ["id", "risk", "text", "title"])
        let bad = try cli.run(["checklist", "--checklist", "/no/such.md"])
        #expect(bad.status == 2 && bad.stderrText == "mle-review: /no/such.md: no such file\n")
    }

    @Test func importThenExportGivesBackTheFindingsAndDecision() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/store/reviews.sqlite"
        try Self.aiText.write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let demo = try cli.run(["demo", "--print-diff"])
        #expect(demo.status == 0 && String(decoding: demo.stdout, as: UTF8.self).hasPrefix("diff --git a/configs/train.yaml"))
        try Data(demo.stdout).write(to: URL(fileURLWithPath: dir + "/pr.diff"))
        let imported = try cli.run(["import", dir + "/ai.txt", "--accept", "--patch", dir + "/pr.diff",
                                    "--store", store, "--reviewer", "Ada"])
        #expect(imported.status == 0, "\(imported.stderrText)")
        let id = String(decoding: imported.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.hasPrefix("r-"))
        #expect(imported.stderrText.contains("imported into \(id) (new review): 2 new findings (2 open), 0 already there, 1 test run"))

        // Exporting finishes the review, and whoever finishes it is among its reviewers: Ada again.
        let text = try cli.run(["export", "latest", "--format", "text", "--store", store, "--reviewer", "Ada"])
        #expect(text.status == 0)
        let out = String(decoding: text.stdout, as: UTF8.self)
        // The same text, plus the reviewer's name before the closing lines, and the tests run in
        // the brief's one-line form, saying whose claim they are.
        #expect(out == Self.aiText.replacing("Decision: BLOCK\n", with: "Reviewers: Ada (reviewer)\nDecision: BLOCK\n")
            .replacing("Tests run:\n- pytest tests/ -q — passed: 1 passed\n", with: "Tests run: pytest tests/ -q (passed: 1 passed; reported by ai.txt)\n"))

        let file = dir + "/verdict.md"
        let md = try cli.run(["export", id, "--format", "markdown", "--output", file, "--store", store])
        #expect(md.status == 0 && md.stderrText == "mle-review: wrote \(file)\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("## mle-review: **BLOCK**"))
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)

        // The JSON document imports as a review of its own elsewhere, and exports the same text.
        let json = try cli.run(["export", id, "--format", "json", "--output", dir + "/r.json", "--store", store])
        #expect(json.status == 0)
        let other = dir + "/other.sqlite"
        #expect(try cli.run(["import", dir + "/r.json", "--store", other]).status == 0)
        let again = try cli.run(["export", id, "--format", "text", "--store", other])
        #expect(again.stdout == text.stdout)
        let fromFile = try cli.run(["export", "--file", dir + "/r.json", "--format", "text"])
        #expect(fromFile.stdout == text.stdout)
    }

    @Test func proposedFindingsDoNotDecideUntilAccepted() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/s.sqlite"
        try Self.aiText.write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        try Self.aiPatch.write(toFile: dir + "/pr.diff", atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/pr.diff", "--store", store]).status == 0)
        let blocked = try cli.run(["export", "latest", "--store", store])
        #expect(blocked.status == 2 && blocked.stderrText.contains("cannot export APPROVE yet"))
        // `finish` said "cannot export", and five items by name then "and 28 more": the command
        // that was refused, and every step counted where it is.
        let unfinished = try cli.run(["finish", "latest", "--store", store])
        #expect(unfinished.status == 2 && unfinished.stderrText.contains(
            "cannot finish with APPROVE yet: 24 required steps not done: no passing test or eval run recorded by a reviewer (only ai.txt reports one); "
            + "2 proposed findings not judged ([HIGH] Scaler fitted on the full dataset before the split; [MEDIUM] Model loaded from an unpinned path); "
            + "21 checklist items undecided (Problem Framing and Decision Quality 7; Training Reproducibility 5; Common Blockers 9)"),
                "\(unfinished.stderrText)")
        #expect(unfinished.stderrText.contains("a CRITICAL or HIGH proposal accepted makes it BLOCK)"), "\(unfinished.stderrText)")
        let allowed = try cli.run(["export", "latest", "--allow-incomplete", "--store", store])
        #expect(String(decoding: allowed.stdout, as: UTF8.self).contains("No open findings.\n"))
        // The AI reviewer's HIGH was never judged: an APPROVE says so, not as if it had been.
        #expect(String(decoding: allowed.stdout, as: UTF8.self).contains(
            "Note: 2 proposed findings (1 HIGH, 1 MEDIUM; from ai.txt) never decided: not in the verdict\nDecision: APPROVE\n"))
        // The export finished the review over undecided steps: it says so as `show` and every
        // later export of the record do, in the same words.
        let exported = String(decoding: allowed.stdout, as: UTF8.self)
        let note = try #require(exported.split(separator: "\n").first { $0.hasPrefix("Note: finished with ") }, "\(exported)")
        let missing = note.split(separator: " ")[3]
        #expect(note.hasPrefix("Note: finished with \(missing) required steps not done: ") && note.contains(" checklist items undecided ("), "\(note)")
        let show = String(decoding: try cli.run(["show", "latest", "--store", store]).stdout, as: UTF8.self)
        #expect(show.contains("Finished: ") && show.contains("Incomplete: " + note.dropFirst("Note: ".count) + "\n"), "\(show)")
        let again = String(decoding: try cli.run(["export", "latest", "--store", store]).stdout, as: UTF8.self)
        #expect(again == exported)
        // Previewed (not finished), the note says the export was made incomplete, not which flag did it.
        #expect(try cli.run(["reopen", "latest", "--store", store]).status == 0)
        let preview = String(decoding: try cli.run(["export", "latest", "--allow-incomplete", "--no-finish", "--store", store]).stdout, as: UTF8.self)
        #expect(preview.contains("Note: exported while incomplete: \(missing) required steps not done: "), "\(preview)")
    }

    /// An AI reviewer's findings imported for a range the reviewer already has open went to a
    /// second, new review of that range; reopening the range then resumed the newer one, and the
    /// reviewer's ticks and findings looked lost. They now go into the open review; once it is
    /// finished, a new review takes them.
    @Test func importForARangeWithAnOpenReviewAddsToIt() throws {
        let repo = try AuditTests().repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let store = repo.path + "/s.sqlite"
        let db = try ReviewStore(path: store)
        let input = try ReviewInput.range("main...feature", repository: GitRepository(directory: repo.path))
        let mine = try db.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"), resume: false).id
        try db.saveFinding(mine, Finding(severity: .medium, title: "Mine", location: Location(path: "train.py", line: 2), author: "Ada"))
        try "[HIGH] From the AI\nFile: train.py:2\nIssue: x\n".write(toFile: repo.path + "/ai.txt", atomically: true, encoding: .utf8)

        // The range typed as `mle-review RANGE` takes it: refused, naming the option.
        let typed = try cli.run(["import", "ai.txt", "main...feature", "--store", store], in: repo.path)
        #expect(typed.status == 2 && typed.stderrText.hasPrefix(
            "mle-review: import takes one file; name the diff with --range main...feature (or add to a review with --into REVIEW)"), "\(typed.stderrText)")
        let r = try cli.run(["import", "ai.txt", "--range", "main...feature", "--reviewer", "Bot", "--store", store], in: repo.path)
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stdoutText == mine + "\n")
        #expect(r.stderrText.hasPrefix("mle-review: imported into \(mine) (the open review of this diff): 1 new finding (1 proposed)"), "\(r.stderrText)")
        // Reopening the range resumes the one review, with both.
        #expect(try db.find(source: input.source) == mine)
        #expect(try Set(db.load(mine).findings.map(\.title)) == ["Mine", "From the AI"])
        #expect(try db.log().count == 1)

        #expect(try cli.run(["finish", mine, "--reviewer", "Ada", "--store", store], in: repo.path).status == 0)
        let after = try cli.run(["import", "ai.txt", "--range", "main...feature", "--reviewer", "Bot", "--store", store], in: repo.path)
        #expect(after.status == 0 && after.stdoutText != mine + "\n" && after.stderrText.contains("(new review)"), "\(after.stderrText)")
    }

    /// `import ruff.sarif` with no review named made a new review with no diff: it could not be
    /// opened in the workbench where the findings are judged, read in the log as an open `patch`
    /// review, and counted all of them "not in the diff". It now adds to the store's only open
    /// review, its absolute paths placed in that diff, and otherwise asks which.
    @Test func importWithoutADiffAddsToTheOnlyOpenReviewOrAsksWhich() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/s.sqlite"
        try Self.aiPatch.write(toFile: dir + "/pr.diff", atomically: true, encoding: .utf8)
        let sarif = #"{"runs": [{"tool": {"driver": {"name": "ruff"}}, "results": [{"ruleId": "S301", "level": "error", "message": {"text": "pickle"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file://\#(dir)/pipelines/train.py"}, "region": {"startLine": 26}}}]}]}]}"#
        try sarif.write(toFile: dir + "/ruff.sarif", atomically: true, encoding: .utf8)

        let none = try cli.run(["import", dir + "/ruff.sarif", "--store", store])
        #expect(none.status == 2 && none.stderrText == "mle-review: \(dir)/ruff.sarif: no open review to add to: name the diff with --patch FILE or --range RANGE\n", "\(none.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: store), "a refused import made a store")

        try Self.aiText.write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let opened = try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/pr.diff", "--store", store])
        let id = opened.stdoutText.trimmingCharacters(in: .newlines)
        #expect(opened.status == 0 && opened.stderrText.contains("(new review)"), "\(opened.stderrText)")

        let only = try cli.run(["import", dir + "/ruff.sarif", "--store", store])
        #expect(only.status == 0 && only.stdoutText == id + "\n", "\(only.stderrText)")
        #expect(only.stderrText == "mle-review: imported into \(id) (the only open review: pr.diff): 1 new finding (1 proposed), 0 already there, 0 test runs\n", "\(only.stderrText)")
        let review = try ReviewStore(path: store).load(id)
        #expect(review.findings.first { $0.title.contains("pickle") }?.location.path == "pipelines/train.py", "\(review.findings.map(\.location))")
        #expect(try ReviewStore(path: store).log().count == 1)

        try Self.aiPatch.replacingOccurrences(of: "train.py", with: "eval.py").write(toFile: dir + "/other.diff", atomically: true, encoding: .utf8)
        let other = try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/other.diff", "--store", store])
        let second = other.stdoutText.trimmingCharacters(in: .newlines)
        let which = try cli.run(["import", dir + "/ruff.sarif", "--store", store])
        #expect(which.status == 2 && which.stderrText.hasPrefix("mle-review: \(dir)/ruff.sarif: 2 open reviews; add to one with --into: ")
                && which.stderrText.contains("\(id) (pr.diff)") && which.stderrText.contains("\(second) (other.diff)"), "\(which.stderrText)")
    }

    @Test func malformedImportWritesNothing() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/s.sqlite"
        try "[HIGH] ok\nFile: a.py:1\n\n[SEVERE] bad\nFile: b.py:2\n".write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let r = try cli.run(["import", dir + "/ai.txt", "--store", store])
        #expect(r.status == 2)
        #expect(r.stderrText == "mle-review: \(dir)/ai.txt:4: unknown severity 'SEVERE' (expected CRITICAL, HIGH, MEDIUM or LOW)\n")
        #expect(!FileManager.default.fileExists(atPath: store))

        try #"{"runs": [{"results": [{"message": {"text": "x"}}]}]}"#.write(toFile: dir + "/l.sarif", atomically: true, encoding: .utf8)
        let s = try cli.run(["import", dir + "/l.sarif", "--store", store])
        #expect(s.status == 2 && s.stderrText.contains("l.sarif: runs[0].results[0]: expected \"locations\"[0]"))
    }

    @Test func aBadThemeStopsBeforeTheScreen() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "[roles]\ndiff-added = { fg = \"grene\" }\n".write(toFile: dir + "/bad.toml", atomically: true, encoding: .utf8)
        let r = try cli.run(["demo", "--theme", dir + "/bad.toml", "--store", dir + "/s.sqlite"])
        #expect(r.status == 2)
        #expect(r.stderrText == "mle-review: theme \(dir)/bad.toml: roles.diff-added.fg: unknown colour 'grene' (a name such as red or bright-blue, 0-255, or \"#rrggbb\")\n")
    }

    @Test func noTerminalIsOneLineNotACrash() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // setsid: no controlling terminal, so not even /dev/tty is there.
        let r = try Subprocess.run(["setsid", "-w", CommandLineTests.binary, "demo", "--store", dir + "/s.sqlite"])
        #expect(r.status == 2)
        #expect(r.stderrText.hasPrefix("mle-review: ") && r.stderrText.split(separator: "\n").count == 1, "\(r.stderrText)")
    }

    @Test func badExportArgumentsAreOneLine() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let format = try cli.run(["export", "latest", "--format", "pdf", "--store", dir + "/s.sqlite"])
        #expect(format.status == 2 && format.stderrText.contains("The value 'pdf' is invalid for '--format <format>'. Please provide one of 'text', 'markdown', 'json', 'sarif' or 'github'."))
        let none = try cli.run(["export", "latest", "--store", dir + "/s.sqlite"])
        #expect(none.status == 2 && none.stderrText == "mle-review: store \(dir)/s.sqlite: no reviews yet\n")
        let into = try cli.run(["import", "/dev/null", "--into", "r-zzz", "--store", dir + "/s.sqlite"])
        #expect(into.status == 2)
    }
}

/// `mle-review scan`, as CI runs it.
struct ScanCommandTests {
    let cli = CommandLineTests()

    @Test func scanPrintsHintsAndFailsOnRequest() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let demo = try cli.run(["demo", "--print-diff"])
        try Data(demo.stdout).write(to: URL(fileURLWithPath: dir + "/pr.diff"))
        let text = try cli.run(["scan", "--patch", dir + "/pr.diff"])
        #expect(text.status == 0)
        #expect(String(decoding: text.stdout, as: UTF8.self).contains("[HIGH] LEAK-001 pipelines/train.py:26  Fitted before the split or on held-out rows"))
        let json = try cli.run(["scan", "--patch", dir + "/pr.diff", "--format", "json"])
        let hints = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])?["hints"] as? [[String: Any]])
        #expect(hints.contains { $0["rule"] as? String == "DESER-001" && $0["family"] as? String == "unsafe-deserialization" && $0["line"] as? Int == 9 })
        #expect(try cli.run(["scan", "--patch", dir + "/pr.diff", "--fail-on", "HIGH"]).status == 1)
        #expect(try cli.run(["scan", "--patch", dir + "/pr.diff", "--fail-on", "CRITICAL"]).status == 0)
        let bad = try cli.run(["scan", "--patch", dir + "/pr.diff", "--fail-on", "SEVERE"])
        #expect(bad.status == 2 && bad.stderrText.contains("The value 'SEVERE' is invalid for '--fail-on <SEVERITY>'. Please provide one of 'CRITICAL', 'HIGH', 'MEDIUM' or 'LOW'."))
    }

    /// A Trojan Source change (a right-to-left override in a condition) and a look-alike letter
    /// in a test file: `scan`, what CI runs, said "No hints". The workbench flagged them on
    /// screen only.
    @Test func scanFlagsHiddenAndLookAlikeCharactersForCI() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let diff = """
            diff --git a/serving/auth.py b/serving/auth.py
            --- a/serving/auth.py
            +++ b/serving/auth.py
            @@ -1,2 +1,2 @@
             def can_promote(user):
            -    return user.role == "admin"
            +    return user.role == "admin\u{202E} \u{2066}# admins only\u{2069} \u{2066}"
            diff --git a/tests/test_eval.py b/tests/test_eval.py
            --- a/tests/test_eval.py
            +++ b/tests/test_eval.py
            @@ -1 +1,2 @@
             X_train, X_test = split(X)
            +X_t\u{0435}st = X_train

            """
        try diff.write(toFile: dir + "/p.diff", atomically: true, encoding: .utf8)
        let r = try cli.run(["scan", "--patch", dir + "/p.diff", "--fail-on", "HIGH"])
        #expect(r.status == 1, "\(r.stderrText)")
        let out = r.stdoutText
        #expect(out.contains("[HIGH] HIDE-001 serving/auth.py:2  Hidden or look-alike characters in code"), "\(out)")
        #expect(out.contains("Evidence: line 2 holds U+202E (right-to-left override)."), "\(out)")
        #expect(out.contains("[HIGH] HIDE-001 tests/test_eval.py:2") && out.contains("`X_t<U+0435>st`"), "\(out)")
        // What is printed never carries the characters themselves.
        #expect(!out.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x2066 || $0.value == 0x0435 }, "\(out)")
    }

    @Test func aModifiedNotebooksCellIsNumberedFromGit() throws {
        let repo = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: repo) }
        func git(_ args: String...) throws {
            let r = try Subprocess.run(["git", "-C", repo, "-c", "user.name=T", "-c", "user.email=t@example.com"] + args)
            try #require(r.status == 0, "git \(args): \(r.stderrText)")
        }
        func notebook(_ lastCell: String) -> String {
            var cells: [String] = []
            for i in 0..<3 {
                let source = i == 2 ? lastCell : "\"x = \(i)\\n\""
                cells.append("  {\n   \"cell_type\": \"code\",\n   \"metadata\": {},\n   \"source\": [\n    \(source)\n   ]\n  }")
            }
            return "{\n \"cells\": [\n" + cells.joined(separator: ",\n") + "\n ]\n}\n"
        }
        try git("init", "-q", "-b", "main")
        try notebook("\"y = 1\\n\"").write(toFile: repo + "/eda.ipynb", atomically: true, encoding: .utf8)
        try git("add", "eda.ipynb")
        try git("commit", "-qm", "one")
        try notebook("\"state = torch.load(\\\"m.pt\\\")\\n\"").write(toFile: repo + "/eda.ipynb", atomically: true, encoding: .utf8)
        try git("commit", "-qam", "two")
        let r = try cli.run(["scan", "HEAD~1..HEAD", "--format", "json"], in: repo)
        #expect(r.status == 0, "\(r.stderrText)")
        let hints = try #require((try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])?["hints"] as? [[String: Any]])
        #expect(hints.count == 1 && hints[0]["rule"] as? String == "DESER-002" && hints[0]["cell"] as? Int == 2, "\(hints)")
    }

    @Test(.enabled(if: SchemaCheck.available, "needs python3 with jsonschema and ../shared/schemas"))
    func scanSarifValidates() throws {
        let demo = try cli.run(["demo", "--print-diff"])
        let sarif = try cli.run(["scan", "--patch", "-", "--format", "sarif"], input: demo.stdout)
        try SchemaCheck.validate(String(decoding: sarif.stdout, as: UTF8.self))
        #expect(String(decoding: sarif.stdout, as: UTF8.self).contains("\"ruleId\": \"mle/hint/LEAK-001\""))
    }
}
