import Foundation
import MLEReviewCore
import Testing

/// An AI reviewer asked for the brief's format often answers in Markdown: a numbered list with
/// bold severities and bulleted fields. That imported as "0 new findings", exit 0: its HIGH
/// was lost without a word.
struct MarkdownImportTests {
    let trust = TrustImportTests()

    static let markdown = """
    ## Review summary

    I reviewed `pipelines/train.py` and `serving/predict.py`.

    ### Findings

    1. **[HIGH] Scaler fitted on the full dataset before the split**
       - **File:** `pipelines/train.py:26`
       - **Issue:** `StandardScaler().fit_transform(X)` sees the test rows.
       - **Fix:** Split first; fit on the training rows only.

    2. **[MEDIUM] Model loaded from an unpinned path**
       - **File:** `serving/predict.py:9`
       - **Issue:** MODEL_PATH defaults to latest.pkl.

    **Decision:** BLOCK
    **Primary risks:** data leakage, unsafe serving
    **Tests run:** `pytest -q` (passed)

    """

    @Test func aMarkdownReviewImportsItsFindings() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try Self.markdown.write(toFile: s.dir + "/ai.md", atomically: true, encoding: .utf8)
        let imported = try trust.run(s, ["import", s.dir + "/ai.md", "--patch", s.patch])
        #expect(imported.status == 0 && imported.stderrText.contains("2 new findings (2 proposed)"), "\(imported.stderrText)")
        let doc = try trust.json(try trust.run(s, ["export", "latest", "--format", "json", "--no-finish", "--allow-incomplete"]))
        let review = try #require(doc["review"] as? [String: Any])
        let findings = try #require(review["findings"] as? [[String: Any]])
        let high = try #require(findings.first { $0["severity"] as? String == "HIGH" })
        #expect(high["title"] as? String == "Scaler fitted on the full dataset before the split")
        #expect((high["location"] as? [String: Any])?["path"] as? String == "pipelines/train.py")
        #expect((high["location"] as? [String: Any])?["line"] as? Int == 26)
        #expect(high["issue"] as? String == "`StandardScaler().fit_transform(X)` sees the test rows.")
        #expect(high["fix"] as? String == "Split first; fit on the training rows only.")
        #expect(high["risk"] as? String == "data leakage")
        let medium = try #require(findings.first { $0["severity"] as? String == "MEDIUM" })
        #expect(medium["title"] as? String == "Model loaded from an unpinned path" && medium["risk"] as? String == "unsafe serving")
        // The command as run, not as Markdown shows it.
        let runs = try #require(review["tests_run"] as? [[String: Any]])
        #expect(runs.map { $0["command"] as? String } == ["pytest -q"], "\(runs)")
    }

    /// `File: pipelines/train.py, line 7`, as AI reviewers often write it, was kept as a path of
    /// that name with no line and counted "not in the diff". Each way of writing a line seen in
    /// their output lands on the line.
    @Test func aLocationWrittenInWordsOrAsALinkAnchorLandsOnItsLine() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let written = ["pipelines/train.py, line 26": (26, nil), "`pipelines/train.py` (lines 26\u{2013}27)": (26, 27),
                       "pipelines/train.py line 27": (27, nil), "pipelines/train.py#L26-L27": (26, 27),
                       "pipelines/train.py:L26": (26, nil), "pipelines/train.py:27:5": (27, nil), "serving/predict.py, lines 9-10": (9, 10)]
        var text = ""
        for (n, (location, _)) in written.sorted(by: { $0.key < $1.key }).enumerated() {
            text += "### [MEDIUM] Finding \(n)\n**File:** \(location)\n**Issue:** x\n\n"
        }
        try text.write(toFile: s.dir + "/ai.md", atomically: true, encoding: .utf8)
        let imported = try trust.run(s, ["import", s.dir + "/ai.md", "--patch", s.patch])
        #expect(imported.status == 0 && imported.stderrText.contains("7 new findings") && !imported.stderrText.contains("not in the diff"), "\(imported.stderrText)")
        let doc = try trust.json(try trust.run(s, ["export", "latest", "--format", "json", "--no-finish", "--allow-incomplete"]))
        let findings = try #require((doc["review"] as? [String: Any])?["findings"] as? [[String: Any]])
        for (n, (location, lines)) in written.sorted(by: { $0.key < $1.key }).enumerated() {
            let f = try #require(findings.first { $0["title"] as? String == "Finding \(n)" }, "\(location)")
            let l = try #require(f["location"] as? [String: Any])
            #expect(l["line"] as? Int == lines.0 && l["end_line"] as? Int == lines.1, "\(location) → \(l)")
            #expect(l["path"] as? String == (location.contains("predict") ? "serving/predict.py" : "pipelines/train.py"), "\(location) → \(l)")
        }
    }

    /// What `import FILE` says of a file it refuses (status 2, one line), and that it left no
    /// review behind.
    func refusal(_ text: String, file: String) throws -> String {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try text.write(toFile: s.dir + "/" + file, atomically: true, encoding: .utf8)
        let r = try trust.run(s, ["import", s.dir + "/" + file, "--patch", s.patch])
        #expect(r.status == 2, "\(r.stderrText)")
        #expect(try ReviewStore(path: s.store).log().isEmpty, "no review is left behind")
        return r.stderrText.replacingOccurrences(of: s.dir + "/", with: "")
    }

    /// A severity in brackets that does not start a finding is refused, naming its line.
    @Test func aSeverityThatStartsNoFindingIsRefusedNotDropped() throws {
        let said = try refusal("""
        Findings:
        Severity [HIGH]: Scaler fitted on the full dataset before the split
        File: pipelines/train.py:26

        Decision: BLOCK

        """, file: "ai.txt")
        #expect(said == "mle-review: ai.txt:2: '[HIGH]' does not start a finding; write '[HIGH] title' at the start of a line, with File:, Issue: and Fix: lines under it\n")
    }

    /// The other common shape: the severity after the title, in brackets at its end or on a
    /// `Severity:` line under it. Both were refused ("a location outside any finding") or lost.
    @Test func aSeverityAfterTheTitleReadsAsWell() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        ### 1. Scaler fitted on the full dataset before the split (High)
        **Location:** `pipelines/train.py:26`
        **Issue:** the test rows are scaled with the rest.

        **Model loaded from an unpinned path**
        - Severity: Medium
        - File: serving/predict.py:9
        - Fix: Pin the artifact version.

        Decision: BLOCK

        """
        let findings = try importedFindings(text, in: s, expecting: "2 new findings (2 proposed)")
        let got = findings.map { "\($0["severity"] ?? "") \($0["title"] ?? "") @\((($0["location"] as? [String: Any])?["line"]) ?? "")" }.sorted()
        #expect(got == ["HIGH Scaler fitted on the full dataset before the split @26", "MEDIUM Model loaded from an unpinned path @9"], "\(got)")
        #expect(findings.first { $0["severity"] as? String == "MEDIUM" }?["fix"] as? String == "Pin the artifact version.")
    }

    /// Markdown as AI reviewers write it unprompted: the severity after a dash at the title's end
    /// or before it, the place in the prose (`` `sample.py:42` ``, "in `x.py` (lines 20-25)") or
    /// as `File:` and `Line:` apart, a paragraph as the issue, `Suggestion:` as the fix, and a
    /// summary after them. All of it was refused: "no findings ('[SEVERITY] title' blocks)".
    @Test func aReviewInMarkdownProseImportsWithItsPlaces() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        ## High-level summary

        The change looks reasonable, but I found a few issues.

        ### 1. Scaler fitted before the split (data leakage) — **High**

        In `pipelines/train.py` (lines 26-27), `fit_transform` sees every row,
        the test rows included.

        **Suggestion:** fit on the training rows only.

        ### 2. 🔴 Critical: `joblib.load` of an unpinned path

        `serving/predict.py:9` loads whatever `latest.pkl` is today.

        ### 3. Hard-coded threshold

        - **File:** configs/train.yaml
        - **Line:** 2
        - **Severity:** low
        - The threshold 0.35 is hard-coded.

        ### 4. Seed set after the split — Low

        The `np.random.seed` call in `pipelines/train.py` runs after the split.

        ### Overall risk: high

        Fix the leak before merging.

        """
        let findings = try importedFindings(text, in: s, expecting: "4 new findings (4 proposed)")
        func at(_ f: [String: Any]) -> String {
            let l = f["location"] as? [String: Any] ?? [:]
            return "\(l["path"] ?? "")@\(l["line"] ?? "")-\(l["end_line"] ?? "")"
        }
        let got = findings.map { "\($0["severity"] ?? "") \($0["title"] ?? "") \(at($0))" }.sorted()
        #expect(got == ["CRITICAL `joblib.load` of an unpinned path serving/predict.py@9-",
                        "HIGH Scaler fitted before the split (data leakage) pipelines/train.py@26-27",
                        "LOW Hard-coded threshold configs/train.yaml@2-",
                        // `np.random.seed` is no file: the file the prose names is.
                        "LOW Seed set after the split pipelines/train.py@-"], "\(got)")
        let high = try #require(findings.first { $0["severity"] as? String == "HIGH" })
        #expect(high["issue"] as? String == "In `pipelines/train.py` (lines 26-27), `fit_transform` sees every row,\nthe test rows included.", "\(high)")
        #expect(high["fix"] as? String == "fit on the training rows only.")
        #expect(findings.first { $0["severity"] as? String == "LOW" }?["issue"] as? String == "The threshold 0.35 is hard-coded.")
        // The summary after them is no one's issue text.
        #expect(!findings.contains { ($0["issue"] as? String ?? "").contains("Fix the leak") })
    }

    /// A finding that gives two severities is refused: neither is the file's word.
    @Test func twoSeveritiesForOneFindingAreRefused() throws {
        let said = try refusal("""
        [HIGH] Scaler fitted on the full dataset before the split
        Severity: Low
        File: pipelines/train.py:26

        """, file: "ai.txt")
        #expect(said == "mle-review: ai.txt:2: 'Severity: LOW' under '[HIGH] Scaler fitted on the full dataset before the split'; say one\n")
    }

    /// A location under no title the import can read belongs to a finding it would lose, so it
    /// refuses rather than import none of them.
    @Test func aLocationOutsideAnyFindingIsRefused() throws {
        let said = try refusal("""
        Scaler fitted on the full dataset before the split: a problem of high severity.
        **Location:** `pipelines/train.py:26`
        **Issue:** the test rows are scaled with the rest.

        Decision: BLOCK

        """, file: "ai.md")
        #expect(said == "mle-review: ai.md:2: a location outside any finding; a finding starts with '[SEVERITY] title' on the line before its File: line\n")
    }

    /// Imports `text` into a new review of the demo diff, as a user would, expecting `summary`
    /// in what it says; the review's findings as its JSON document has them.
    func importedFindings(_ text: String, in s: TrustImportTests.Setup, expecting summary: String) throws -> [[String: Any]] {
        try text.write(toFile: s.dir + "/ai.md", atomically: true, encoding: .utf8)
        let imported = try trust.run(s, ["import", s.dir + "/ai.md", "--patch", s.patch])
        #expect(imported.status == 0 && imported.stderrText.contains(summary), "\(imported.stderrText)")
        let doc = try trust.json(try trust.run(s, ["export", "latest", "--format", "json", "--no-finish", "--allow-incomplete"]))
        return try #require((doc["review"] as? [String: Any])?["findings"] as? [[String: Any]])
    }

    /// `SEVERITY title @ path:line`.
    static func place(_ f: [String: Any]) -> String {
        let l = f["location"] as? [String: Any] ?? [:]
        return "\(f["severity"] ?? "") \(f["title"] ?? "") @ \(l["path"] ?? ""):\(l["line"] ?? "")"
    }

    /// AI reviewers often group their findings under a severity heading, each a bold phrase with
    /// its place after it. That was refused as "no findings ('[SEVERITY] title' blocks) … found".
    static let grouped = """
    ## Review: churn model change

    ### 🔴 Critical / High

    **1. Scaler fitted before the split** (`pipelines/train.py`, line 26)

    The scaler's mean and variance include the test rows.

    - **Impact:** the AUC in the report is optimistic.

    *Suggested fix:* split first, then fit on the training rows.

    **2. Model loaded with pickle** — `serving/predict.py:9`

    A tampered model file runs code on the server.

    ### 🟡 Medium

    - **Customer email in the logs** (`serving/predict.py` L20)

    ### Notes

    **Good:** the feature list is explicit now.

    ### Verdict

    **BLOCK** — fix the leak before merging.
    """

    @Test func findingsGroupedUnderSeverityHeadingsImport() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let findings = try importedFindings(Self.grouped, in: s, expecting: "3 new findings (3 proposed)")
        let got = findings.map(Self.place)
        // "Critical / High" names two: its findings take the worse (both block).
        #expect(got == ["CRITICAL Scaler fitted before the split @ pipelines/train.py:26",
                        "CRITICAL Model loaded with pickle @ serving/predict.py:9",
                        "MEDIUM Customer email in the logs @ serving/predict.py:20"], "\(got)")
        let scaler = try #require(findings.first)
        #expect(scaler["issue"] as? String == "The scaler's mean and variance include the test rows.\n- **Impact:** the AUC in the report is optimistic.",
                "a bold label is prose: \(scaler["issue"] ?? "")")
        #expect(scaler["fix"] as? String == "split first, then fit on the training rows.", "\(scaler["fix"] ?? "")")
    }

    /// A numbered list whose bold opening phrase carries the severity, the rest of the line
    /// saying what and where, was refused whole as having no findings.
    @Test func aNumberedListWithTheSeverityInItsBoldPhraseImports() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        **Summary:** gradient boosting replaces the logistic regression.

        **Issues found:**

        1. **Scaler leak (High):** the scaler is fitted on every row before the split in `pipelines/train.py` line 26.
        2. **Pickle load — Critical** – `serving/predict.py:9` runs whatever the model file holds.

        **Recommendation:** hold the merge until the leak is fixed.
        """
        let findings = try importedFindings(text, in: s, expecting: "2 new findings (2 proposed)")
        let got = findings.map { Self.place($0) + " fix=\($0["fix"] ?? "")" }
        // The closing recommendation is the review's, not the last finding's fix.
        #expect(got == ["HIGH Scaler leak @ pipelines/train.py:26 fix=", "CRITICAL Pickle load @ serving/predict.py:9 fix="], "\(got)")
        #expect(findings.first?["issue"] as? String == "the scaler is fitted on every row before the split in `pipelines/train.py` line 26.")
    }

    /// A table of findings, one a row, imported as "0 new findings" with exit 0: every finding in
    /// it lost without a word.
    @Test func aTableOfFindingsImportsARowAFinding() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        ## Findings

        | # | Severity | Location | Issue | Suggested fix |
        |---|:--------:|----------|-------|---------------|
        | 1 | 🔴 High | `pipelines/train.py:26` | Scaler fitted before the split | Fit on the training rows only |
        | 2 | **Critical** | `serving/predict.py` (line 9) | Model loaded with pickle \\| joblib | Load a signed artifact |
        | 3 | Info | `configs/train.yaml:2` | Seed key renamed | |

        ## Metrics

        | Metric | Before | After |
        |--------|--------|-------|
        | AUC | 0.81 | 0.84 |

        **Decision:** BLOCK
        """
        let findings = try importedFindings(text, in: s, expecting: "3 new findings (3 proposed)")
        let got = findings.map { Self.place($0) + " fix=\($0["fix"] ?? "")" }
        #expect(got == ["HIGH Scaler fitted before the split @ pipelines/train.py:26 fix=Fit on the training rows only",
                        "CRITICAL Model loaded with pickle | joblib @ serving/predict.py:9 fix=Load a signed artifact",
                        // The words a linter's JSON uses for severity: Info is LOW.
                        "LOW Seed key renamed @ configs/train.yaml:2 fix="], "\(got)")

        // A row whose severity is none of the four is refused, naming its line; nothing lands.
        try text.replacingOccurrences(of: "🔴 High", with: "Urgent").write(toFile: s.dir + "/bad.md", atomically: true, encoding: .utf8)
        let refused = try trust.cli.run(["import", s.dir + "/bad.md", "--patch", s.patch, "--store", s.dir + "/other.sqlite"])
        #expect(refused.status == 2 && refused.stderrText == "mle-review: \(s.dir)/bad.md:5: severity 'Urgent' in the findings table is not one of CRITICAL, HIGH, MEDIUM or LOW\n",
                "\(refused.stderrText)")
    }

    /// mle-review's own Markdown export imported back: its findings table and the findings'
    /// details are one finding each, and Markdown's escapes are not part of the words (a title
    /// with `num_val` came back as `num\\_val`).
    @Test func ourMarkdownExportImportsBackOnceAndUnescaped() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let (store, id) = try trust.emptyReview(s)
        try store.saveFinding(id, Finding(severity: .high, title: "num_val_samples can be 0 (tiny splits)", location: Location(path: "pipelines/train.py", line: 26),
                                          issue: "samples[:-0] is *empty*", fix: "Guard with `if n == 0`", author: "Ada"))
        let md = trust.stdout(try trust.run(s, ["export", id, "--format", "markdown", "--no-finish", "--allow-incomplete"]))
        #expect(md.contains("num\\_val\\_samples"), "the export escapes it: \(md)")
        try md.write(toFile: s.dir + "/review.md", atomically: true, encoding: .utf8)
        let other = s.dir + "/other.sqlite"
        let back = try trust.cli.run(["import", s.dir + "/review.md", "--patch", s.patch, "--store", other])
        #expect(back.status == 0 && back.stderrText.contains("1 new finding (1 proposed)"), "\(back.stderrText)")
        let f = try #require(try ReviewStore(path: other).load(try ReviewStore(path: other).resolve("latest")).findings.first)
        #expect(f.title == "num_val_samples can be 0 (tiny splits)" && f.issue == "samples[:-0] is *empty*", "\(f)")
        #expect(f.fix == "Guard with `if n == 0`", "\(f.fix)")
    }

    /// A review written file by file, a heading naming each file and its findings by line under
    /// it, was refused: "finding '[HIGH] Line 26' has no 'File: path:line' line".
    @Test func findingsUnderAFileHeadingAreInThatFile() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        # Code review

        ## `pipelines/train.py`

        - **Line 26 — High:** the scaler is fitted before the split. Test rows leak into training.
        - **Lines 27-28 (Medium):** `train_test_split` has no `random_state`.

        ## serving/predict.py

        - **L9 — Critical:** `pickle.load` on the model file.

        ## Summary

        - **Overall (Low):** tidy change otherwise, see `pipelines/train.py:14`.
        """
        let findings = try importedFindings(text, in: s, expecting: "4 new findings (4 proposed)")
        let got = findings.map { f -> String in
            let l = f["location"] as? [String: Any] ?? [:]
            return Self.place(f) + "-\(l["endLine"] ?? l["end_line"] ?? "") | \(f["issue"] ?? "")"
        }
        #expect(got == ["HIGH The scaler is fitted before the split @ pipelines/train.py:26- | the scaler is fitted before the split. Test rows leak into training.",
                        "MEDIUM `train_test_split` has no `random_state` @ pipelines/train.py:27-28 | ",
                        "CRITICAL `pickle.load` on the model file @ serving/predict.py:9- | ",
                        // Out of the file's section, a finding names its own place.
                        "LOW Overall @ pipelines/train.py:14- | tidy change otherwise, see `pipelines/train.py:14`."], "\(got)")
    }

    /// Headings that group by priority rather than severity (`### 🔴 Blocking`, `Should fix`,
    /// `Nice to have`) were no groups: the findings under them were refused as naming no severity.
    @Test func priorityHeadingsGroupFindingsToo() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        ### 🔴 Blocking

        - **Scaler fitted before the split** — `pipelines/train.py:26`

        ### 🟡 Should fix

        - **Email in the logs** (`serving/predict.py:20`)

        ### 🟢 Nice to have

        - **Name the threshold** — `serving/predict.py:21`
        """
        let findings = try importedFindings(text, in: s, expecting: "3 new findings (3 proposed)")
        #expect(findings.map(Self.place) == ["HIGH Scaler fitted before the split @ pipelines/train.py:26",
                                             "MEDIUM Email in the logs @ serving/predict.py:20",
                                             "LOW Name the threshold @ serving/predict.py:21"])
    }

    /// `[HIGH] train.py:26 — Scaler fitted …`: the place was kept in the title too, so every
    /// export said it twice (`[HIGH] pipelines/train.py:26 — Scaler …` over `File: pipelines/train.py:26`).
    @Test func aTitleThatOpensOrEndsWithItsPlaceLosesIt() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        1. [HIGH] pipelines/train.py:26 — Scaler fitted before the split
        2. [MEDIUM] `serving/predict.py:20`: email logged
        3. [LOW] Threshold hard-coded (serving/predict.py:21)
        4. [LOW] serving/predict.py — see tests/test_predict.py:3
        File: tests/test_predict.py:3
        """
        let findings = try importedFindings(text, in: s, expecting: "4 new findings (4 proposed)")
        #expect(findings.map(Self.place) == ["HIGH Scaler fitted before the split @ pipelines/train.py:26",
                                             "MEDIUM Email logged @ serving/predict.py:20",
                                             "LOW Threshold hard-coded @ serving/predict.py:21",
                                             // Another file than the finding's: the title says it on purpose.
                                             "LOW serving/predict.py — see tests/test_predict.py:3 @ tests/test_predict.py:3"])
    }
}

/// A chat assistant's review lists its lesser points as plain bullets under a severity heading.
/// The bullet after a bold-titled one was read as that finding's words: it replaced the first
/// finding's issue (the unvalidated request became "the docstring is missing") and its own
/// place was never a finding: "3 new findings" for four points, without a word.
struct PlainBulletImportTests {
    let md = MarkdownImportTests()

    static let review = """
    ## Code Review: churn scoring

    ### Critical Issues

    1. **Scaler fitted before the split** (`pipelines/train.py`, line 26)
       The scaler sees the test rows, so validation AUC is optimistic.
       *Fix:* Split first, then fit on the training rows only.

    ### Minor Issues

    - **Customer email logged** — `serving/predict.py:20`: every scored customer's email goes to the log.
    - The threshold is hard-coded (`serving/predict.py:21`); read it from the config. A product decision belongs there.
      It should also be documented in the model card.
    - Consider adding type hints to `score`.
    - `serving/predict.py:11` — returning a plain dict is fine, but consider a typed response.

    ### Verdict
    Request changes.
    """

    @Test func eachBulletUnderASeverityHeadingIsItsOwnFinding() throws {
        let s = try md.trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        try Self.review.write(toFile: s.dir + "/ai.md", atomically: true, encoding: .utf8)
        let imported = try md.trust.run(s, ["import", s.dir + "/ai.md", "--patch", s.patch])
        #expect(imported.status == 0 && imported.stderrText.contains("4 new findings (4 proposed)"), "\(imported.stderrText)")
        // The point that names no place is said, not dropped and not glued to the one above.
        #expect(imported.stderrText.contains("ai.md:14: a point under “Minor Issues”: “Consider adding type hints to `score`.” names no file:line, not imported"),
                "\(imported.stderrText)")
        let doc = try md.trust.json(try md.trust.run(s, ["export", "latest", "--format", "json", "--no-finish", "--allow-incomplete"]))
        let findings = try #require((doc["review"] as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(Set(findings.map(MarkdownImportTests.place)) == [
            "CRITICAL Scaler fitted before the split @ pipelines/train.py:26",
            "LOW Customer email logged @ serving/predict.py:20",
            "LOW The threshold is hard-coded; read it from the config @ serving/predict.py:21",
            // Opened by its place: the title starts after it and its dash.
            "LOW Returning a plain dict is fine, but consider a typed response @ serving/predict.py:11",
        ], "\(findings.map(MarkdownImportTests.place))")
        let email = try #require(findings.first { ($0["title"] as? String) == "Customer email logged" })
        #expect(email["issue"] as? String == "every scored customer's email goes to the log.", "\(email)")
        let threshold = try #require(findings.first { ($0["title"] as? String)?.hasPrefix("The threshold") == true })
        // Its own words whole, the indented line under it included.
        #expect(threshold["issue"] as? String == "The threshold is hard-coded (`serving/predict.py:21`); read it from the config. A product decision belongs there.\nIt should also be documented in the model card.",
                "\(threshold)")
    }
}

/// A short review lists each point as a bold severity, then where and what: it was refused as
/// "no findings … found", and the prose after the list would have run into the last point.
struct SeverityLabelImportTests {
    let md = MarkdownImportTests()

    @Test func aBoldSeverityThenThePlaceAndTheWordsIsAFinding() throws {
        let s = try md.trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        ## Review

        - **High** — `pipelines/train.py:26`: the scaler is fit on all rows before the split.
        - **Medium** — `serving/predict.py:9`: `joblib.load` of a path anyone can write. Pin it.
        - **Low**: `serving/predict.py:21` hard-codes the threshold.

        Overall: request changes.
        """
        let findings = try md.importedFindings(text, in: s, expecting: "3 new findings (3 proposed)")
        #expect(findings.map { MarkdownImportTests.place($0) + " | " + ($0["issue"] as? String ?? "") } == [
            "HIGH The scaler is fit on all rows before the split @ pipelines/train.py:26 | ",
            "MEDIUM `joblib.load` of a path anyone can write @ serving/predict.py:9 | `joblib.load` of a path anyone can write. Pin it.",
            "LOW Hard-codes the threshold @ serving/predict.py:21 | ",
        ], "\(findings.map { MarkdownImportTests.place($0) + " | " + ($0["issue"] as? String ?? "") })")
    }
}

/// One general point with no place ("no drift monitoring anywhere") made the whole review
/// refused: "finding '[MEDIUM] No drift monitoring' has no 'File: path:line' line", and its
/// HIGH with a place was lost with it. The point is said; the rest is read.
struct PlacelessHeadingImportTests {
    let md = MarkdownImportTests()

    @Test func aHeadingFindingWithNoPlaceIsSaidAndTheRestRead() throws {
        let s = try md.trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        ### 1. Scaler fitted before the split (High)

        `pipelines/train.py:26` fits the scaler on every row.

        ### 2. No drift monitoring (Medium)

        Nothing in this change watches the input distribution once it serves.
        """
        try text.write(toFile: s.dir + "/ai.md", atomically: true, encoding: .utf8)
        let imported = try md.trust.run(s, ["import", s.dir + "/ai.md", "--patch", s.patch])
        #expect(imported.status == 0 && imported.stderrText.contains("1 new finding (1 proposed)")
                && imported.stderrText.contains("ai.md:5: finding “[MEDIUM] No drift monitoring” names no file:line, not imported"), "\(imported.stderrText)")
        // Nothing with a place: refused, naming the line, as before.
        try "### No drift monitoring (Medium)\n\nNothing watches the inputs.\n".write(toFile: s.dir + "/only.md", atomically: true, encoding: .utf8)
        let refused = try md.trust.run(s, ["import", s.dir + "/only.md", "--patch", s.patch])
        #expect(refused.status == 2 && refused.stderrText.contains("only.md:1: finding “[MEDIUM] No drift monitoring” names no file:line: nothing to import"),
                "\(refused.stderrText)")
    }

    /// A table with its own Line column: `L2-L4`, as GitHub anchors write it, was no line at all,
    /// and the finding was about the whole file.
    @Test func aLineColumnReadsTheShapesReviewersWrite() throws {
        let s = try md.trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        | Severity | File | Line | Finding | Recommendation |
        |---|---|---|---|---|
        | 🔴 High | `pipelines/train.py` | 26 | Scaler fit on all rows | Fit within the fold |
        | 🟡 Medium | serving/predict.py | L2-L4 | No input validation | Validate the request |
        | 🟢 Low | `pipelines/train.py` | lines 27–28 | Split without a seed | Pass random_state |
        """
        try text.write(toFile: s.dir + "/ai.md", atomically: true, encoding: .utf8)
        #expect(try md.trust.run(s, ["import", s.dir + "/ai.md", "--patch", s.patch]).status == 0)
        let store = try ReviewStore(path: s.store)
        let places = try store.load(try store.resolve("latest")).findings.map { "\($0.location)" }.sorted()
        #expect(places == ["pipelines/train.py:26", "pipelines/train.py:27-28", "serving/predict.py:2-4"], "\(places)")
    }

    /// The brief's own format with `File: N/A` for a general point imported a finding on a file
    /// named "N/A", kept as "not in the diff".
    @Test func aFileLineSayingNoPlaceIsSaidAndTheRestRead() throws {
        let s = try md.trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        [HIGH] Scaler fitted before the split
        File: pipelines/train.py:26
        Issue: The scaler sees the test rows.

        [MEDIUM] No drift monitoring
        File: N/A
        Issue: Nothing watches the inputs once it serves.
        """
        try text.write(toFile: s.dir + "/ai.txt", atomically: true, encoding: .utf8)
        let imported = try md.trust.run(s, ["import", s.dir + "/ai.txt", "--patch", s.patch])
        #expect(imported.status == 0 && imported.stderrText.contains("1 new finding (1 proposed)") && !imported.stderrText.contains("not in the diff")
                && imported.stderrText.contains("ai.txt:5: finding “[MEDIUM] No drift monitoring” names no file:line, not imported"),
                "\(imported.stderrText)")
    }

    /// A findings table with a general row ("No drift monitoring", Location "—") refused the
    /// whole import, where a heading or bullet without a place is said and the rest read; and a
    /// "—" where the place goes was a file named "—".
    @Test func aTableRowWithNoPlaceIsSaidAndTheRestRead() throws {
        let s = try md.trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let text = """
        ## Findings

        | # | Severity | Location | Issue | Suggested fix |
        |---|----------|----------|-------|---------------|
        | 1 | High | `pipelines/train.py:26` | Scaler fitted before the split | Fit on the training rows |
        | 2 | Medium | — | No drift monitoring | Add a drift alert |

        ### Low: threshold hard-coded

        `configs/train.yaml:3` hard-codes the decision threshold.
        """
        try text.write(toFile: s.dir + "/ai.md", atomically: true, encoding: .utf8)
        let imported = try md.trust.run(s, ["import", s.dir + "/ai.md", "--patch", s.patch])
        #expect(imported.status == 0 && imported.stderrText.contains("2 new findings (2 proposed)")
                && imported.stderrText.contains("ai.md:6: finding “[MEDIUM] No drift monitoring” of the findings table names no file:line, not imported"),
                "\(imported.stderrText)")
    }
}

/// mle-review's own Markdown export, imported back (a teammate's PR comment), brought its
/// findings but not its tests run: "0 test runs", and a failure explained there came back as
/// nothing at all.
struct MarkdownTestsRunImportTests {
    let trust = TrustImportTests()

    @Test func theExportsTestsRunListReadsBack() throws {
        let s = try trust.setup()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let (store, id) = try trust.emptyReview(s)
        // An export with none says `None recorded.`: no run of that name comes back.
        try "#### [HIGH] Scaler fitted before the split\n\n- **File:** `pipelines/train.py:26`\n\n### Tests run\n\nNone recorded.\n"
            .write(toFile: s.dir + "/none.md", atomically: true, encoding: .utf8)
        let noRuns = try trust.cli.run(["import", s.dir + "/none.md", "--patch", s.patch, "--store", s.dir + "/none.sqlite"])
        #expect(noRuns.status == 0 && noRuns.stderrText.contains(", 0 test runs"), "\(noRuns.stderrText)")

        try store.addTestRun(id, TestRun(command: "pytest -q tests/", outcome: .passed, summary: "12 passed in 0.50s", recordedBy: "Ada"))
        try store.addTestRun(id, TestRun(command: "python eval.py --split holdout_v2", outcome: .failed, summary: "AUC 0.71 < gate 0.74",
                                         explanation: "the gate moves to 0.70 in this PR: see configs/train.yaml", recordedBy: "Ada"))
        try store.addTestRun(id, TestRun(command: "ruff check .", outcome: .skipped, summary: "not installed", recordedBy: "Bo"))
        let md = try trust.run(s, ["export", id, "--format", "markdown", "--no-finish"])
        #expect(md.status == 0, "\(md.stderrText)")
        try Data(md.stdout).write(to: URL(fileURLWithPath: s.dir + "/comment.md"))

        let other = s.dir + "/other.sqlite"
        let imported = try trust.cli.run(["import", s.dir + "/comment.md", "--patch", s.patch, "--store", other])
        #expect(imported.status == 0 && imported.stderrText.contains(", 3 test runs"), "\(imported.stderrText)")
        let again = try ReviewStore(path: other)
        let runs = try again.load(try again.resolve("latest")).testsRun
        #expect(runs.map { "\($0.command) | \($0.outcome.rawValue) | \($0.summary) | \($0.explanation ?? "-")" } == [
            "pytest -q tests/ | passed | 12 passed in 0.50s | -",
            "python eval.py --split holdout_v2 | failed | AUC 0.71 < gate 0.74 | the gate moves to 0.70 in this PR: see configs/train.yaml",
            "ruff check . | skipped | not installed | -",
        ], "\(runs)")
        // Reported by the file it came from, not by Ada: an imported pass is a claim.
        #expect(runs.allSatisfy { $0.importedFrom == "comment.md" }, "\(runs.map(\.recordedBy))")

        // The list ends at the next heading: a list under it is not more runs.
        try "#### [HIGH] Scaler fitted before the split\n\n- **File:** `pipelines/train.py:26`\n\n### Tests run\n\n- `pytest -q`: **passed**\n\n## Notes\n\n- ask about the holdout set\n"
            .write(toFile: s.dir + "/notes.md", atomically: true, encoding: .utf8)
        let notes = try trust.cli.run(["import", s.dir + "/notes.md", "--patch", s.patch, "--store", s.dir + "/notes.sqlite"])
        #expect(notes.status == 0 && notes.stderrText.contains(", 1 test run"), "\(notes.stderrText)")
    }
}
