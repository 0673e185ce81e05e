import Foundation
import MLEReviewCore
import Testing

/// Issue 16, the audit trail tells the truth: staleness by branch, people found by name,
/// tampering never shown as genuine, stats by review, and rules the change cannot edit.
struct TrustAuditTests {
    let cli = CommandLineTests()
    let audit = AuditTests()

    @Test func aReviewOfHEADFollowsItsBranchNotWhateverIsCheckedOutLater() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let store = repo.path + "/.git/s.sqlite"
        // Opened as plain `mle-review` does on branch feature: main...HEAD.
        let id = try audit.reviewAndFinish(repo, "main...HEAD", store: store)
        let review = try ReviewStore(path: store).load(id)
        #expect(review.source.range == "main...feature" && review.source.headRef == "feature" && review.source.baseRef == "main")
        try repo.git("checkout", "-qb", "feature3", "main")
        try repo.commit("other.py", "z = 1\n", "unrelated work")
        #expect(try audit.staleMark(repo, store: store, id: id) == "current")
        // The branch it was made on moves: that is stale.
        try repo.git("checkout", "-q", "feature")
        try repo.commit("train.py", "x = 1\ny = 4\n", "more")
        #expect(try audit.staleMark(repo, store: store, id: id)?.hasPrefix("stale: 1 new commit") == true)
    }

    @Test func reviewerFiltersMatchWordPrefixesAndEmails() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        let store = try ReviewStore(path: path)
        let id = try AuditTests.openReview(store, file: "a.py", patch: "a.diff", reviewer: Reviewer(name: "Ada Lovelace", email: "ada@analytical.example"))
        for query in ["ada", "Ada L", "lovelace", "ADA LOVE", "ada@analytical"] {
            #expect(try audit.logIDs(path, ["--reviewer", query]) == [id], "\(query)")
        }
        for query in ["grace", "Ada X", "love ada x", "da"] {
            #expect(try audit.logIDs(path, ["--reviewer", query]).isEmpty, "\(query)")
        }
    }

    /// Ada's open review of main...feature in the repository, in a store in its .git.
    func openFeatureReview(_ repo: String) throws -> (path: String, store: ReviewStore, id: String) {
        let path = repo + "/.git/s.sqlite"
        let s = try ReviewStore(path: path)
        let input = try ReviewInput.range("main...feature", repository: GitRepository(directory: repo))
        return (path, s, try s.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"), resume: false).id)
    }

    /// `finish --allow-incomplete` on a review with 9 of 55 items decided: `show` said so, but
    /// the log listed a plain APPROVE, stats counted it as one and the gate passed it in silence.
    /// The record keeps the steps left undone; the log marks the decision `!`, stats count it
    /// SHORT, the gate says it, and a row edited to hide it reads as tampered.
    @Test func anApprovalShortOfItsChecklistIsMarkedWhereLeadsReadIt() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let (store, s, id) = try openFeatureReview(repo.path)
        let refused = try cli.run(["finish", id, "--store", store], in: repo.path)
        #expect(refused.status == 2, "\(refused.stderrText)")
        let finished = try cli.run(["finish", id, "--allow-incomplete", "--reviewer", "Ada", "--store", store], in: repo.path)
        #expect(finished.status == 0, "\(finished.stderrText)")
        let undone = try #require(try s.load(id).finish?.undoneSteps)
        #expect(undone > 0)
        #expect(finished.stdoutText.hasPrefix("\(id) finished: APPROVE with \(undone) required steps undone (record #"), "\(finished.stdoutText)")

        let log = try cli.run(["log", "--store", store], in: repo.path).stdoutText
        let line = try #require(log.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(line.contains(" APPROVE! "), "\(log)")
        #expect(log.contains("DECISION: ! finished with required steps undone"), "\(log)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["log", "--json", "--store", store], in: repo.path).stdout)) as? [[String: Any]])
        #expect(json.first?["undone_steps"] as? Int == undone)
        let stats = try cli.run(["stats", "--store", store], in: repo.path).stdoutText
        #expect(stats.contains("MONTH    APPROVE  WARNINGS  BLOCK  OVERRIDDEN  SHORT\n\(String(Timestamp.format(Date()).prefix(7)))  1        0         0      0           1\n"),
                "\(stats)")
        #expect(try cli.run(["log", "--verify", "--store", store], in: repo.path).status == 0)

        #expect(try cli.run(["publish", id, "--store", store], in: repo.path).status == 0)
        let gate = try cli.run(["verify", "feature"], in: repo.path)
        #expect(gate.status == 0 && gate.stdoutText.hasPrefix("ok: APPROVE (finished with \(undone) required steps undone) by Ada on "), "\(gate.stdoutText)\(gate.stderrText)")
        // A gate asking for APPROVE asks for the rules' APPROVE: the reviewer's word short of it is not that.
        let strict = try cli.run(["verify", "feature", "--require", "approve"], in: repo.path)
        #expect(strict.status == 1 && strict.stderrText.contains("decision APPROVE (finished with \(undone) required steps undone) by Ada on ")
                && strict.stderrText.contains("required: approve, an APPROVE with every required step done)"), "\(strict.stderrText)")

        // Hiding it in the row is caught against the record.
        let sql = try Subprocess.run(["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE reviews SET undone_steps = NULL WHERE id = ?", (sys.argv[2],)); c.commit()
            """, store, id])
        try #require(sql.status == 0, "\(sql.stderrText)")
        let after = try cli.run(["log", "--store", store], in: repo.path).stdoutText
        let row = try #require(after.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(row.contains("APPROVE!") && row.contains("TAMPERED"), "\(after)")
    }

    /// An APPROVE WITH WARNINGS finished with the checklist untouched: its export said "finished
    /// with 27 required steps not done", but the log showed a plain WARNINGS, stats counted it
    /// as no SHORT, and the gate said nothing: a lead auditing took it for a walked review.
    @Test func aWarningsFinishedWithStepsUndoneIsMarkedAsTheExportSaysIt() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let (store, s, id) = try openFeatureReview(repo.path)
        try s.saveFinding(id, Finding(severity: .medium, title: "Seed not recorded", location: Location(path: "train.py", line: 1), risk: .irreproducibleTraining))
        let export = try cli.run(["export", id, "--reviewer", "Ada", "--store", store], in: repo.path)
        #expect(export.status == 0, "\(export.stderrText)")
        #expect(export.stdoutText.contains("Note: finished with ") && export.stdoutText.contains("Decision: APPROVE WITH WARNINGS"), "\(export.stdoutText)")
        let undone = try #require(try s.load(id).finish?.undoneSteps)
        #expect(export.stderrText.contains("finished \(id): APPROVE WITH WARNINGS with \(undone) required steps undone (record #"), "\(export.stderrText)")

        let log = try cli.run(["log", "--store", store], in: repo.path).stdoutText
        let line = try #require(log.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(line.contains(" WARNINGS! "), "\(log)")
        #expect(log.contains("DECISION: ! finished with required steps undone (`show` lists them)"), "\(log)")
        let stats = try cli.run(["stats", "--store", store], in: repo.path).stdoutText
        #expect(stats.contains("MONTH    APPROVE  WARNINGS  BLOCK  OVERRIDDEN  SHORT\n\(String(Timestamp.format(Date()).prefix(7)))  0        1         0      0           1\n"),
                "\(stats)")
        #expect(try cli.run(["log", "--verify", "--store", store], in: repo.path).status == 0)
        #expect(try cli.run(["publish", id, "--store", store], in: repo.path).status == 0)
        let gate = try cli.run(["verify", "feature", "--require", "warnings"], in: repo.path)
        #expect(gate.status == 0 && gate.stdoutText.hasPrefix("ok: APPROVE WITH WARNINGS (finished with \(undone) required steps undone) by Ada on "),
                "\(gate.stdoutText)\(gate.stderrText)")
    }

    /// A lead asking which reviews were finished without walking the checklist had to scan the
    /// `!` by eye: `--short` (and `short` in the log view's filter) lists only those; stats too.
    @Test func theLogListsOnlyTheReviewsFinishedShort() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        let store = try ReviewStore(path: path)
        let blocked = try AuditTests.openReview(store, file: "gate.py", patch: "gate.diff", reviewer: Reviewer(name: "Ada"))
        let warned = try AuditTests.openReview(store, file: "other.py", patch: "other.diff", reviewer: Reviewer(name: "Ada"))
        try store.saveFinding(blocked, Finding(severity: .high, title: "Gate skipped", location: Location(path: "gate.py", line: 2), risk: .weakEval))
        try store.saveFinding(warned, Finding(severity: .medium, title: "Name", location: Location(path: "other.py", line: 2), risk: .other))
        for id in [blocked, warned] { #expect(try cli.run(["finish", id, "--reviewer", "Ada", "--store", path], in: "/").status == 0) }
        let short = try cli.run(["log", "--short", "--store", path], in: "/")
        #expect(short.status == 0 && short.stdoutText.contains(warned) && !short.stdoutText.contains(blocked), "\(short.stdoutText)\(short.stderrText)")
        let stats = try cli.run(["stats", "--short", "--store", path], in: "/").stdoutText
        #expect(stats.contains("Reviews: 1 finished, 0 open"), "\(stats)")
    }

    /// A BLOCK the reviewer overrode to APPROVE WITH WARNINGS passed the gate as a plain
    /// "ok: APPROVE WITH WARNINGS by Ada": CI's log, the one place many read, did not say the
    /// rules had blocked it, nor why the reviewer let it through.
    @Test func theGateSaysADecisionWasMadeLessStrictThanTheRules() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let (store, s, id) = try openFeatureReview(repo.path)
        let high = Finding(id: "f-1", severity: .high, title: "Eval on the training rows", location: Location(path: "train.py", line: 1), risk: .weakEval)
        try s.saveFinding(id, high)
        try s.setOverride(id, DecisionOverride(decision: .approveWithWarnings, justification: "hotfix; eval fixed in #42",
                                               overridden: .block, covers: ["BLOCK finding:f-1"]))
        #expect(try cli.run(["finish", id, "--reviewer", "Ada", "--store", store], in: repo.path).status == 0)
        #expect(try cli.run(["publish", id, "--store", store], in: repo.path).status == 0)
        let gate = try cli.run(["verify", "feature", "--require", "warnings"], in: repo.path)
        #expect(gate.status == 0 && gate.stdoutText.contains("APPROVE WITH WARNINGS") && gate.stdoutText.contains("(overridden from BLOCK: hotfix; eval fixed in #42) by Ada on "),
                "\(gate.stdoutText)\(gate.stderrText)")

        // An APPROVE made over the rules' WARNINGS is the reviewer's word: `--require approve`
        // asks for the rules' APPROVE, as it does of one finished short of its checklist.
        try repo.commit("train.py", "x = 3\n", "next")
        let (_, _, next) = try openFeatureReview(repo.path)
        try s.saveFinding(next, Finding(id: "f-2", severity: .medium, title: "Seed", location: Location(path: "train.py", line: 1), risk: .irreproducibleTraining))
        try s.setOverride(next, DecisionOverride(decision: .approve, justification: "seed set in the job config", overridden: .approveWithWarnings,
                                                 covers: ["APPROVE WITH WARNINGS finding:f-2"]))
        try s.finish(next, decision: .approve, primaryRisks: [], by: "Ada")
        #expect(try cli.run(["publish", next, "--store", store], in: repo.path).status == 0)
        let strict = try cli.run(["verify", "feature", "--require", "approve"], in: repo.path)
        #expect(strict.status == 1 && strict.stderrText.contains("decision APPROVE (overridden from APPROVE WITH WARNINGS: seed set in the job config) by Ada"),
                "\(strict.stdoutText)\(strict.stderrText)")
        #expect(try cli.run(["verify", "feature", "--require", "warnings"], in: repo.path).status == 0)
    }

    @Test func aFindingEditedAfterFinishingIsShownAsRecordedAndMarked() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, ids) = try audit.seeded(dir)
        let id = ids["leak"]!
        let sql = try Subprocess.run(["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE findings SET severity = 'LOW' WHERE review_id = ?", (sys.argv[2],))
            # Records from before summaries were written have none: they are checked from their JSON.
            c.execute("UPDATE records SET summary = NULL WHERE review_id != ?", (sys.argv[2],)); c.commit()
            """, store, id])
        try #require(sql.status == 0, "\(sql.stderrText)")
        let log = try cli.run(["log", "--store", store], in: "/")
        let line = try #require(log.stdoutText.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(line.contains("0 1 0 0") && line.contains("TAMPERED"), "\(line)")
        #expect(log.stdoutText.hasSuffix("4 reviews, 1 TAMPERED (run `mle-review log --verify`)\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["log", "--json", "--store", store], in: "/").stdout)) as? [[String: Any]])
        let row = try #require(json.first { $0["id"] as? String == id })
        #expect(row["tampered"] as? Bool == true && (row["findings"] as? [String: Int])?["high"] == 1)

        let show = try cli.run(["show", id, "--store", store], in: "/").stdoutText
        #expect(show.hasPrefix("TAMPERED: the stored rows no longer match the record of 2026-10-02T12:00:00.000Z; showing the recorded values\n"), "\(show)")
        #expect(show.contains("[HIGH] t\n") && !show.contains("[LOW] t\n"))
        let export = try cli.run(["export", id, "--store", store], in: "/")
        #expect(export.stderrText.contains("TAMPERED") && export.stdoutText.contains("[HIGH] t\n"))
        // The untouched reviews are not marked.
        #expect(!(try cli.run(["show", ids["serve"]!, "--store", store], in: "/").stdoutText.contains("TAMPERED")))
    }

    /// The log counted resolved findings with open ones, so an APPROVE read `0 1 0 0`: a HIGH
    /// finding approved over, as if the rules had been bypassed. C H M L are the open findings
    /// the decision answers for; the resolved ones are counted beside them, and said so.
    @Test func theLogCountsResolvedFindingsApartFromOpenOnes() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        let store = try ReviewStore(path: path)
        let id = try AuditTests.openReview(store, file: "train.py", patch: "fix.diff", reviewer: Reviewer(name: "Ada"))
        let fixed = Finding(severity: .high, title: "Scaler fitted before the split", location: Location(path: "train.py", line: 2), risk: .dataLeakage)
        try store.saveFinding(id, fixed)
        try store.setFindingStatus(id, findingID: fixed.id, status: .resolved)
        try store.saveFinding(id, Finding(severity: .low, title: "Name", location: Location(path: "train.py", line: 1), risk: .other))
        try store.finish(id, decision: .approve, primaryRisks: [], by: "Ada", at: Date())

        let log = try cli.run(["log", "--store", path], in: "/")
        let line = try #require(log.stdoutText.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(line.contains("APPROVE   0 0 0 1 +1 "), "\(log.stdoutText)")
        #expect(log.stdoutText.contains("\nC H M L: open findings by severity; +N: N more were found and resolved\n"), "\(log.stdoutText)")
        #expect(!line.contains("TAMPERED"), "the record says the same")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["log", "--json", "--store", path], in: "/").stdout)) as? [[String: Any]])
        let row = try #require(json.first)
        #expect((row["findings"] as? [String: Int]) == ["critical": 0, "high": 0, "medium": 0, "low": 1])
        #expect((row["resolved_findings"] as? [String: Int]) == ["critical": 0, "high": 1, "medium": 0, "low": 0])
        #expect(try cli.run(["log", "--verify", "--store", path], in: "/").status == 0)
        // Stats still count what the review found.
        #expect(try cli.run(["stats", "--store", path], in: "/").stdoutText.contains("Median findings per finished review: 2\n"))
    }

    /// Two risks of the same worst severity were listed in one order by `log` for the open
    /// review (alphabetical) and in the other by `show` and its export (the brief's), so the
    /// same review's "first" risk changed once it was finished.
    @Test func anOpenReviewsRisksReadInTheSameOrderAsItsVerdict() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        let store = try ReviewStore(path: path)
        let id = try AuditTests.openReview(store, file: "train.py", patch: "fix.diff", reviewer: Reviewer(name: "Ada"))
        try store.saveFinding(id, Finding(severity: .medium, title: "No model version logged", location: Location(path: "train.py", line: 1), risk: .missingMonitoring))
        try store.saveFinding(id, Finding(severity: .medium, title: "No input schema", location: Location(path: "train.py", line: 2), risk: .unsafeServing))
        let log = try cli.run(["log", "--store", path], in: "/")
        let line = try #require(log.stdoutText.split(separator: "\n").first { $0.hasPrefix(id) })
        let show = try cli.run(["show", id, "--store", path], in: "/").stdoutText
        #expect(show.contains("Primary risks: unsafe serving, missing monitoring\n"), "\(show)")
        #expect(line.contains("unsafe serving, missing monitoring"), "\(line)")
    }

    /// A review finished on an override (WARNINGS over the rules' BLOCK, an open HIGH) read in
    /// the log as `WARNINGS  0 1 0 0`: a lead could not tell an override from a rule missed.
    @Test func theLogMarksADecisionTheReviewerMadeLessStrictThanTheRules() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        let store = try ReviewStore(path: path)
        func review(_ name: String) throws -> String {
            try AuditTests.openReview(store, file: name + ".py", patch: name + ".diff", reviewer: Reviewer(name: "Ada"))
        }
        let loosened = try review("gate"), plain = try review("other")
        let high = Finding(id: "f-1", severity: .high, title: "Missing metric skips the gate", location: Location(path: "gate.py", line: 2), risk: .weakEval)
        try store.saveFinding(loosened, high)
        try store.setOverride(loosened, DecisionOverride(decision: .approveWithWarnings, justification: "re-run by hand this sprint",
                                                         overridden: .block, covers: ["BLOCK finding:f-1"]))
        try store.saveFinding(plain, Finding(severity: .medium, title: "Name", location: Location(path: "other.py", line: 2), risk: .other))
        for id in [loosened, plain] { #expect(try cli.run(["finish", id, "--reviewer", "Ada", "--store", path], in: "/").status == 0) }

        let log = try cli.run(["log", "--store", path], in: "/").stdoutText
        let lines = log.split(separator: "\n")
        let marked = try #require(lines.first { $0.hasPrefix(loosened) }), other = try #require(lines.first { $0.hasPrefix(plain) })
        // Both were finished with the checklist untouched (!).
        #expect(marked.contains("WARNINGS*!  0 1 0 0"), "\(log)")
        #expect(other.contains("WARNINGS!   0 0 1 0"), "\(log)")
        #expect(log.contains("\nDECISION: * the reviewer overrode a stricter decision of the rules, with a justification (`show` prints it)\n"), "\(log)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["log", "--json", "--store", path], in: "/").stdout)) as? [[String: Any]])
        #expect(json.first { $0["id"] as? String == loosened }?["overridden_from"] as? String == "BLOCK")
        #expect(json.first { $0["id"] as? String == plain }?["overridden_from"] is NSNull)
        // Stats count them by month and by reviewer.
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["stats", "--json", "--store", path], in: "/").stdout)) as? [String: Any])
        #expect((stats["months"] as? [[String: Any]])?.first?["overridden"] as? Int == 1)
        #expect((stats["reviewers"] as? [[String: Any]])?.first { $0["name"] as? String == "Ada" }?["overridden"] as? Int == 1)
        let statsText = try cli.run(["stats", "--store", path], in: "/").stdoutText
        #expect(statsText.contains("REVIEWER  REVIEWS  APPROVE  WARNINGS  BLOCK  OVERRIDDEN  SHORT\nAda       2        0        2         0      1           2"), "\(statsText)")
    }

    @Test func statsCountReviewsNotRevisions() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (path, ids) = try audit.seeded(dir)
        let store = try ReviewStore(path: path)
        // "leak" gets two more revisions, the last one finished APPROVE WITH WARNINGS.
        var id = ids["leak"]!
        for decision in [Decision.block, .approveWithWarnings] {
            id = try store.reopen(id, reviewer: nil).id
            try store.finish(id, decision: decision, primaryRisks: [], by: "Ada")
        }
        let stats = try JSONSerialization.jsonObject(with: Data(try cli.run(["stats", "--json", "--store", path], in: "/").stdout)) as? [String: Any]
        #expect(stats?["finished"] as? Int == 3 && stats?["open"] as? Int == 1, "\(String(describing: stats))")
        let ada = (stats?["reviewers"] as? [[String: Any]])?.first { $0["name"] as? String == "Ada" }
        #expect(ada?["reviews"] as? Int == 1)
        #expect((ada?["decisions"] as? [String: Int])?["APPROVE WITH WARNINGS"] == 1 && (ada?["decisions"] as? [String: Int])?["BLOCK"] == 0)
    }

    @Test func aRangeReviewUsesTheBaseSidesChecklistAndSaysTheChangeEditsIt() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try repo.git("checkout", "-q", "main")
        try FileManager.default.createDirectory(atPath: repo.path + "/.mle-review", withIntermediateDirectories: true)
        let team = """
        # Team checklist

        ## Data Contract and Leakage
        - **Time split**: Splits respect time.

        ## Serving
        - **Timeouts**: Calls time out.

        """
        try repo.commit(".mle-review/checklist.md", team, "team checklist")
        try repo.git("checkout", "-q", "feature")
        try repo.git("rebase", "-q", "main")
        // The change drops the Leakage section it would fail.
        try repo.commit(".mle-review/checklist.md", "# Team checklist\n\n## Serving\n- **Timeouts**: Calls time out.\n", "weaken")
        let store = repo.path + "/.git/s.sqlite"
        try "[LOW] nit\nFile: train.py:2\n".write(toFile: repo.path + "/ai.txt", atomically: true, encoding: .utf8)
        let r = try cli.run(["import", repo.path + "/ai.txt", "--range", "main...feature", "--store", store], in: repo.path)
        #expect(r.status == 0, "\(r.stderrText)")
        let id = r.stdoutText.trimmingSpaces()
        let show = try cli.run(["show", id, "--store", store], in: repo.path).stdoutText
        #expect(show.contains("Data Contract and Leakage  0/1"), "\(show)")
        #expect(show.contains("Note: the change edits the team checklist: reviewed against the base version (the new one applies once merged)\n"))
        let text = try cli.run(["export", id, "--no-finish", "--allow-incomplete", "--store", store], in: repo.path).stdoutText
        #expect(text.contains("Note: the change edits the team checklist"))
    }
}
