import Foundation
import MLEReviewCore
import Testing

/// `log`, `show`, `stats`, `finish` and staleness, run as the binary a lead runs.
struct AuditTests {
    let cli = CommandLineTests()

    static func diff(_ path: String) -> [UInt8] {
        Array("diff --git a/\(path) b/\(path)\n--- a/\(path)\n+++ b/\(path)\n@@ -1 +1,2 @@\n x = 1\n+y = 2\n".utf8)
    }

    /// A review of `diff(file)` as a patch named `patch`, opened in the store as the workbench does.
    static func openReview(_ store: ReviewStore, file: String, patch: String, reviewer: Reviewer) throws -> String {
        let bytes = diff(file)
        let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: patch, diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        return try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: reviewer).id
    }

    /// A store with four reviews that differ in every filtered property.
    func seeded(_ dir: String) throws -> (store: String, ids: [String: String]) {
        let path = dir + "/reviews.sqlite"
        let store = try ReviewStore(path: path)
        func review(_ name: String, file: String, reviewers: [String], finish: (Decision, [RiskCategory], String)?) throws -> String {
            let id = try Self.openReview(store, file: file, patch: "\(name).diff", reviewer: Reviewer(name: reviewers[0]))
            for r in reviewers.dropFirst() { try store.addReviewer(id, Reviewer(name: r, role: .navigator)) }
            try store.setItem(id, item: "metrics-thresholds-and-error-analysis/baseline-before-complexity", mark: ItemMark(state: .fail))
            try store.saveFinding(id, Finding(severity: .high, title: "t", location: Location(path: file, line: 2), risk: .dataLeakage))
            if let (decision, risks, day) = finish {
                try store.finish(id, decision: decision, primaryRisks: risks, by: reviewers[0], at: DateArgument.parse(day + "T12:00:00Z")!)
            }
            return id
        }
        let ids = [
            "leak": try review("leak", file: "features/build.py", reviewers: ["Ada", "Grace"], finish: (.block, [.dataLeakage], "2026-10-02")),
            "serve": try review("serve", file: "serving/app.py", reviewers: ["Grace"], finish: (.approveWithWarnings, [.unsafeServing], "2026-11-10")),
            "ok": try review("ok", file: "docs/readme.md", reviewers: ["Linus"], finish: (.approve, [], "2026-11-20")),
            "open": try review("open", file: "features/join.py", reviewers: ["Ada"], finish: nil),
        ]
        return (path, ids)
    }

    func logIDs(_ store: String, _ args: [String]) throws -> [String] {
        let r = try cli.run(["log", "--json", "--store", store] + args, in: "/")
        try #require(r.status == 0, "\(r.stderrText)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [[String: Any]])
        return rows.map { $0["id"] as! String }
    }

    /// `log` in a repository where no review was made yet exited 2 ("no such store"), failing a
    /// lead's script that lists reviews; it lists none. A store named on purpose must exist.
    @Test func aRepositoryWithNoReviewsYetListsNone() throws {
        let repo = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: repo) }
        #expect(try Subprocess.run(["git", "init", "-q", repo]).status == 0)
        func here(_ args: String...) throws -> Subprocess.Result {
            try Subprocess.run(["env", "-u", "MLE_REVIEW_STORE", "sh", "-c", "cd \"$0\" && exec \"$@\"", repo, CommandLineTests.binary] + args)
        }
        let log = try here("log")
        #expect(log.status == 0 && String(decoding: log.stdout, as: UTF8.self).hasPrefix("No reviews yet: "), "\(log.stderrText)")
        let json = try here("log", "--json")
        #expect(json.status == 0 && String(decoding: json.stdout, as: UTF8.self) == "[]\n")
        let verify = try here("log", "--verify")
        #expect(verify.status == 0 && String(decoding: verify.stdout, as: UTF8.self).hasPrefix("0 finished reviews verified"))
        let stats = try here("stats")
        #expect(stats.status == 0 && String(decoding: stats.stdout, as: UTF8.self).hasPrefix("Reviews: 0 finished, 0 open\n"))
        #expect(!FileManager.default.fileExists(atPath: repo + "/.git/mle-review"), "listing made a store")
        let typo = try here("log", "--store", repo + "/nope.sqlite")
        #expect(typo.status == 2 && typo.stderrText.contains("nope.sqlite: no such store"), "\(typo.stderrText)")
        // A store with no review in it yet said "No reviews match." with no filter given.
        _ = try ReviewStore(path: repo + "/empty.sqlite")
        #expect(try here("log", "--store", repo + "/empty.sqlite").stdoutText == "No reviews yet.\n")
        #expect(try here("log", "--decision", "block", "--store", repo + "/empty.sqlite").stdoutText == "No reviews match.\n")
    }

    @Test func everyFilterSelectsTheRightReviews() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try seeded(dir)
        // Newest first: the open review was changed just now.
        #expect(try logIDs(store, []) == [id["open"]!, id["ok"]!, id["serve"]!, id["leak"]!])
        #expect(try logIDs(store, ["--decision", "block"]) == [id["leak"]!])
        #expect(try logIDs(store, ["--decision", "warnings"]) == [id["serve"]!])
        #expect(try logIDs(store, ["--reviewer", "grace"]) == [id["serve"]!, id["leak"]!])
        #expect(try logIDs(store, ["--risk", "data-leakage"]) == [id["open"]!, id["leak"]!])
        #expect(try logIDs(store, ["--since", "2026-11-01", "--until", "2026-11-15"]) == [id["serve"]!])
        #expect(try logIDs(store, ["--until", "2026-11-20"]) == [id["ok"]!, id["serve"]!, id["leak"]!])
        // As git takes them: the open review changed today, the others were finished weeks before.
        #expect(try logIDs(store, ["--since", "today"]) == [id["open"]!])
        #expect(try logIDs(store, ["--until", "yesterday"]) == [id["ok"]!, id["serve"]!, id["leak"]!])
        #expect(try logIDs(store, ["--path", "features/*"]) == [id["open"]!, id["leak"]!])
        #expect(try logIDs(store, ["--path", "*.md"]) == [id["ok"]!])
        // A file's name alone, as a lead remembers it: at any depth (it matched nothing).
        #expect(try logIDs(store, ["--path", "app.py"]) == [id["serve"]!])
        #expect(try logIDs(store, ["--path", "j*.py"]) == [id["open"]!])
        #expect(try logIDs(store, ["--path", "features/app.py"]).isEmpty)
        #expect(try logIDs(store, ["--open"]) == [id["open"]!])
        #expect(try logIDs(store, ["--finished", "--reviewer", "Ada"]) == [id["leak"]!])

        let bad = try cli.run(["log", "--decision", "maybe", "--store", store])
        #expect(bad.status == 2 && bad.stderrText.contains("The value 'maybe' is invalid for '--decision <DECISION>'. Please provide one of 'approve', 'warnings' or 'block'."))
        let badDate = try cli.run(["log", "--since", "last tuesday", "--store", store])
        #expect(badDate.status == 2 && badDate.stderrText.contains("--since"))
    }

    @Test func theTableShowsWhoWhatWhenAndTheDecision() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try seeded(dir)
        let r = try cli.run(["log", "--store", store], in: "/")
        let text = r.stdoutText
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("ID") && lines[0].contains("DECISION") && lines[0].contains("STALE"))
        let leak = try #require(lines.first { $0.hasPrefix(id["leak"]!) })
        #expect(leak.contains("2026-10-02") && leak.contains("Ada, Grace") && leak.contains("BLOCK") && leak.contains("0 1 0 0")
                && leak.contains("data leakage") && leak.contains("1/\(ChecklistLoader.builtIn.items.count)"))
        #expect(lines.first { $0.hasPrefix(id["open"]!) }?.contains("open") == true)
        #expect(lines.last == "4 reviews")
    }

    @Test func showPrintsTheWholeReviewAndItsRevisions() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try seeded(dir)
        let reopened = try cli.run(["reopen", id["leak"]!, "--store", store, "--reviewer", "Linus"])
        #expect(reopened.status == 0 && reopened.stdoutText.contains("new revision of \(id["leak"]!)"))
        let show = try cli.run(["show", id["leak"]!, "--store", store], in: "/")
        let text = show.stdoutText
        #expect(show.status == 0, "\(show.stderrText)")
        #expect(text.contains("Review \(id["leak"]!)") && text.contains("by Ada, BLOCK") && text.contains("Record: #1 sha256"))
        #expect(text.contains("Revisions:") && text.contains("← this one"))
        #expect(text.contains("Decision: BLOCK") && text.contains("Reviewers: Ada (reviewer), Grace (navigator)"))
        #expect(text.contains("[!] ") && text.contains("Metrics, Thresholds, and Error Analysis  1/"))
        // The log lists each revision: each row says which it was revised as or from, and the
        // count says how many were revised since (two rows, one change decided).
        let revision = reopened.stdoutText.split(separator: " ").first.map(String.init) ?? ""
        let log = try cli.run(["log", "--store", store], in: "/").stdoutText.split(separator: "\n").map(String.init)
        #expect(log.first { $0.hasPrefix(id["leak"]!) }?.hasSuffix("revised as \(revision)") == true, "\(log)")
        #expect(log.first { $0.hasPrefix(revision) }?.hasSuffix("revision of \(id["leak"]!)") == true, "\(log)")
        #expect(log.last == "5 reviews (1 revised since)", "\(log)")
    }

    /// An outdated finding on a removed line said "was features/join.py:2", the new file's line 2.
    @Test func showSaysWhichSideAnOutdatedFindingWasOn() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try seeded(dir)
        try ReviewStore(path: store).saveFinding(id["open"]!, Finding(severity: .medium, title: "removed guard", location: Location(path: "features/join.py", side: .old, line: 2),
                                                                   outdated: true))
        let show = try cli.run(["show", id["open"]!, "--store", store], in: "/")
        #expect(show.stdoutText.contains("[MEDIUM] removed guard — was features/join.py:2 (old side)"), "\(show.stdoutText)")
    }

    @Test func statsSummariseFinishedReviews() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, _) = try seeded(dir)
        let r = try cli.run(["stats", "--json", "--store", store])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        #expect(doc["finished"] as? Int == 3 && doc["open"] as? Int == 1 && doc["median_findings"] as? Double == 1)
        let months = try #require(doc["months"] as? [[String: Any]])
        #expect(months.map { $0["month"] as! String } == ["2026-10", "2026-11"])
        #expect((months[1]["decisions"] as? [String: Int]) == ["APPROVE": 1, "APPROVE WITH WARNINGS": 1, "BLOCK": 0])
        let items = try #require(doc["failing_items"] as? [[String: Any]])
        #expect(items.first?["id"] as? String == "metrics-thresholds-and-error-analysis/baseline-before-complexity" && items.first?["failed"] as? Int == 3)
        let people = try #require(doc["reviewers"] as? [[String: Any]])
        #expect(people.first?["name"] as? String == "Grace" && people.first?["reviews"] as? Int == 2)
        let text = try cli.run(["stats", "--store", store]).stdoutText
        #expect(text.contains("Reviews: 3 finished, 1 open") && text.contains("Decisions by month (OVERRIDDEN: ") && text.contains("2026-10"))
    }

    /// A lead judging an AI reviewer needs its precision: of its findings the reviewers decided
    /// on, how many they accepted. Imported through the command line, decided as the workbench
    /// decides (a: accept, d: dismiss), counted per source and per hint rule.
    @Test func statsSayHowEachSourceOfFindingsWasJudged() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try seeded(dir)
        let ai = "[HIGH] Target in features\nFile: features/build.py:2\nIssue: x\n\n[MEDIUM] Unpinned seed\nFile: features/build.py:1\n\n[LOW] Naming\nFile: features/build.py:2\n"
        try ai.write(toFile: dir + "/ai-review.txt", atomically: true, encoding: .utf8)
        let sarif = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ruff"}}, "results": [{"ruleId": "F401", "level": "warning", "message": {"text": "unused import"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "serving/app.py"}, "region": {"startLine": 2}}}]}]}]}"#
        try sarif.write(toFile: dir + "/lint.sarif", atomically: true, encoding: .utf8)
        for file in ["ai-review.txt", "lint.sarif"] {
            let r = try cli.run(["import", dir + "/" + file, "--into", id["open"]!, "--store", store])
            try #require(r.status == 0, "\(r.stderrText)")
        }
        // The same reviewer's findings on another change, a new review, not looked at yet.
        try Data(Self.diff("models/m.py")).write(to: URL(fileURLWithPath: dir + "/m.diff"))
        let other = try cli.run(["import", dir + "/ai-review.txt", "--patch", dir + "/m.diff", "--store", store])
        try #require(other.status == 0, "\(other.stderrText)")
        let db = try ReviewStore(path: store)
        // The open review: the AI's HIGH accepted and later resolved, MEDIUM dismissed as a
        // duplicate (it was right: it counts for the AI), LOW undecided; ruff's dismissed without a reason.
        let open = try db.load(id["open"]!)
        func finding(_ title: String, _ r: Review) throws -> String { try #require(r.findings.first { $0.title.hasSuffix(title) }).id }
        try db.setFindingStatus(open.id, findingID: finding("Target in features", open), status: .open)
        try db.setFindingStatus(open.id, findingID: finding("Target in features", open), status: .resolved)
        try db.setFindingStatus(open.id, findingID: finding("Unpinned seed", open), status: .dismissed, dismissal: .duplicate)
        try db.setFindingStatus(open.id, findingID: finding("unused import", open), status: .dismissed)
        // A hint taken and accepted, another dismissed as wrong, a third as true but minor.
        try db.saveFinding(open.id, Finding(severity: .high, title: "fit before split", location: Location(path: "features/join.py", line: 2),
                                            risk: .dataLeakage, status: .open, origin: .hint(rule: "LEAK-001")))
        try db.dismissHint(open.id, key: "LEAK-001 features/join.py:9", reason: .wrong, by: "Ada")
        try db.dismissHint(open.id, key: "LEAK-001 features/join.py:14", reason: .minor, by: "Ada")
        // The reason is the review's own: it reads back with the finding.
        #expect(try db.load(open.id).findings.first { $0.title.hasSuffix("Unpinned seed") }?.statusLabel == "dismissed, duplicate")
        let stats = try cli.run(["stats", "--store", store])
        try #require(stats.status == 0, "\(stats.stderrText)")
        let lines = stats.stdoutText.split(separator: "\n").map(String.init)
        let head = try #require(lines.firstIndex { $0.hasPrefix("Imported findings and hints, as judged") })
        let header = try #require(lines[head...].first { $0.hasPrefix("SOURCE ") })
        #expect(header.split(separator: " ", omittingEmptySubsequences: true)
                == ["SOURCE", "ACCEPTED", "DISMISSED", "WRONG", "DUPLICATE", "MINOR", "UNDECIDED", "PRECISION"])
        func row(_ source: String) -> [String]? {
            lines[head...].first { $0.hasPrefix(source + " ") }.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init).suffix(7) }
        }
        // A duplicate dismissed was right: the AI's precision is 2 of 2 decided, not 1 of 2.
        #expect(row("ai-review.txt") == ["1", "1", "0", "1", "0", "4", "100%"], "\(stats.stdoutText)")
        #expect(row("ruff") == ["0", "1", "0", "0", "0", "0", "0%"], "\(stats.stdoutText)")
        #expect(row("hint LEAK-001") == ["1", "2", "1", "0", "1", "0", "67%"], "\(stats.stdoutText)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["stats", "--json", "--store", store]).stdout)) as? [String: Any])
        let sources = try #require(json["sources"] as? [[String: Any]])
        #expect(sources.first?["source"] as? String == "ai-review.txt" && sources.first?["precision"] as? Double == 1.0
                && sources.first?["duplicate"] as? Int == 1)
        // Typed findings are nobody's guess: the seeded ones are not counted.
        #expect(sources.map { $0["source"] as! String }.sorted() == ["ai-review.txt", "hint LEAK-001", "ruff"])
    }

    /// A new review of a one-file patch (models/m.py) in `dir`, made by Bo importing `ai` through the
    /// command line: the store's path and the review's id.
    func importedReview(in dir: String, _ ai: String, accept: Bool = false) throws -> (store: String, id: String) {
        let store = dir + "/reviews.sqlite"
        try Data(Self.diff("models/m.py")).write(to: URL(fileURLWithPath: dir + "/m.diff"))
        try ai.write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let opened = try cli.run(["import", dir + "/ai.txt"] + (accept ? ["--accept"] : []) + ["--patch", dir + "/m.diff", "--reviewer", "Bo", "--store", store])
        try #require(opened.status == 0, "\(opened.stderrText)")
        return (store, opened.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A lead auditing a review read its verdict and checklist but not what the reviewer threw
    /// away: `show` lists dismissed findings with where they came from and why, and proposals
    /// not decided (yet, while the review is open; never, once it is finished).
    @Test func showListsWhatWasDismissedAndWhyAndWhatWasNeverDecided() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try importedReview(in: dir, "[HIGH] Label leak\nFile: models/m.py:2\n\n[LOW] Naming\nFile: models/m.py:2\n\n[MEDIUM] Seed\nFile: models/m.py:1\n")
        let db = try ReviewStore(path: store)
        let review = try db.load(id)
        func finding(_ title: String) throws -> String { try #require(review.findings.first { $0.title == title }).id }
        try db.setFindingStatus(id, findingID: finding("Label leak"), status: .dismissed, dismissal: .wrong, by: "Bo")
        try db.setFindingStatus(id, findingID: finding("Naming"), status: .dismissed, by: "Bo")
        try db.dismissHint(id, key: "REPRO-001 models/m.py:2", reason: .minor, by: "Bo")
        let show = try cli.run(["show", id, "--store", store])
        try #require(show.status == 0, "\(show.stderrText)")
        let text = show.stdoutText
        #expect(text.contains("""
            Dismissed findings (not in the verdict):
              [HIGH] Label leak — models/m.py:2 — from ai.txt — wrong, dismissed by Bo
              [LOW] Naming — models/m.py:2 — from ai.txt — no reason given, dismissed by Bo

            Proposed findings not decided yet (not in the verdict):
              [MEDIUM] Seed — models/m.py:1 — from ai.txt

            Hints dismissed (never findings):
              hint REPRO-001 models/m.py:2 — true but minor, dismissed by Bo
            """), "\(text)")
        // An open review's decision is not final: show says what is left, as the log says "open";
        // an APPROVE that waits for it is in review, as the workbench says, not "Decision: APPROVE".
        #expect(text.contains("\nDecision: IN REVIEW (") && text.contains("required steps left, 1 proposed finding not decided)\n"), "\(text)")
        // "Never" is said of a finished review only: an open one's proposals still wait.
        let finish = try cli.run(["finish", id, "--reviewer", "Bo", "--allow-incomplete", "--store", store])
        try #require(finish.status == 0, "\(finish.stderrText)")
        let finished = try cli.run(["show", id, "--store", store]).stdoutText
        #expect(finished.contains("Proposed findings never decided (not in the verdict):\n  [MEDIUM] Seed"), "\(finished)")
        #expect(!finished.contains("(so far:"), "\(finished)")
    }

    /// A BLOCK whose only cause was a failed, unexplained test run showed in `show` as the brief's
    /// format has it (Decision, risks, tests run) with a MEDIUM finding above: a lead could not
    /// tell what blocked. `show` now lists the rules' reasons, as the markdown export does.
    @Test func showSaysWhyTheRulesGiveTheDecision() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, _) = try importedReview(in: dir, "[MEDIUM] Seed\nFile: models/m.py:1\nIssue: x\n\nTests run: pytest tests/ (failed: 2 failed, 10 passed)\n",
                                            accept: true)
        let show = try cli.run(["show", "latest", "--store", store])
        try #require(show.status == 0, "\(show.stderrText)")
        #expect(show.stdoutText.contains("Decision: BLOCK (so far: "), "\(show.stdoutText)")
        // The MEDIUM finding did not block: it was listed as if it had.
        #expect(show.stdoutText.contains("""
            Why the rules give BLOCK:
              • test run failed without an explanation: pytest tests/
            Besides (each would give APPROVE WITH WARNINGS alone):
              • open finding [MEDIUM] Seed (models/m.py:1)
            """), "\(show.stdoutText)")
        let md = try cli.run(["export", "latest", "--format", "markdown", "--no-finish", "--store", store]).stdoutText
        #expect(md.contains("""
            <summary>Why BLOCK</summary>

            - test run failed without an explanation: pytest tests/

            Besides (each would give APPROVE WITH WARNINGS alone):

            - open finding \\[MEDIUM\\] Seed \\(models/m.py:1\\)
            """), "\(md)")
    }

    /// Ada finished a review Bo opened: `log --reviewer Ada` did not find it and the REVIEWERS
    /// column did not name her, so a lead asking who approved a change got no answer.
    @Test func whoeverFinishesAReviewIsAmongItsReviewers() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/reviews.sqlite"
        try Data(Self.diff("models/m.py")).write(to: URL(fileURLWithPath: dir + "/m.diff"))
        try "[LOW] Naming\nFile: models/m.py:2\n".write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let opened = try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/m.diff", "--reviewer", "Bo", "--store", store])
        try #require(opened.status == 0, "\(opened.stderrText)")
        let id = opened.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let finish = try cli.run(["finish", id, "--reviewer", "Ada", "--allow-incomplete", "--store", store])
        try #require(finish.status == 0, "\(finish.stderrText)")
        #expect(try logIDs(store, ["--reviewer", "Ada"]) == [id])
        #expect(try cli.run(["show", id, "--store", store]).stdoutText.contains("Reviewers: Bo (reviewer), Ada (reviewer)"))
        // The record is of the review as finished, Ada included, and still verifies.
        let verify = try cli.run(["log", "--verify", "--store", store])
        #expect(verify.status == 0, "\(verify.stdoutText) \(verify.stderrText)")
    }

    @Test func exportFinishesAndTheVerdictCannotChangeAfterwards() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try seeded(dir)
        let preview = try cli.run(["export", id["open"]!, "--no-finish", "--allow-incomplete", "--store", store])
        #expect(preview.status == 0 && !preview.stderrText.contains("finished"))
        let export = try cli.run(["export", id["open"]!, "--store", store, "--reviewer", "Ada"])
        #expect(export.status == 0 && export.stderrText.contains("finished \(id["open"]!): BLOCK"), "\(export.stderrText)")
        #expect(try logIDs(store, ["--open"]).isEmpty)
        let again = try cli.run(["finish", id["open"]!, "--store", store])
        #expect(again.stdoutText.contains("already finished: BLOCK"))
        let verify = try cli.run(["log", "--verify", "--store", store])
        #expect(verify.status == 0 && verify.stdoutText.hasPrefix("4 finished reviews verified; chain head "))
    }

    @Test func theLogBenchmarkBuildsAChainedStoreAndPrintsFigures() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try cli.run(["bench", "log", "--reviews", "30", "--keep", dir + "/b.sqlite"])
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stdoutText.hasPrefix("log benchmark: 30 finished reviews") && r.stdoutText.contains("log, table (30 rows)")
                && r.stdoutText.contains("log --verify (whole chain) (30 rows)"))
        // The store it leaves is a real one: the chain verifies and the log lists every review.
        #expect(try cli.run(["log", "--verify", "--store", dir + "/b.sqlite"]).stdoutText.hasPrefix("30 finished reviews verified"))
        #expect(try logIDs(dir + "/b.sqlite", []).count == 30)
    }

    @Test func aFinishedDemoReviewContinuesAsARevision() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bytes = try cli.run(["demo", "--print-diff"]).stdout
        let store = try ReviewStore(path: dir + "/demo.sqlite")
        let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: "demo", diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        let id = try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: nil).id
        try store.finish(id, decision: .block, primaryRisks: [], by: "Ada")
        // No terminal here, so the workbench itself does not start; the revision is made before it would.
        _ = try Subprocess.run(["setsid", "-w", CommandLineTests.binary, "demo", "--store", dir + "/demo.sqlite", "--reviewer", "Ada"])
        let latest = try #require(try store.find(source: input.source))
        let revision = try store.load(latest)
        #expect(latest != id && revision.revisionOf == id && !revision.isFinished)
    }

    @Test func verifyNamesTheRecordEditedBehindTheToolsBack() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try seeded(dir)
        let sql = try Subprocess.run(["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE item_marks SET state = 'pass' WHERE review_id = ?", (sys.argv[2],)); c.commit()
            """, store, id["serve"]!])
        try #require(sql.status == 0, "\(sql.stderrText)")
        let verify = try cli.run(["log", "--verify", "--store", store])
        #expect(verify.status == 1)
        #expect(verify.stderrText == "mle-review: store \(store): review \(id["serve"]!) (record #2): its items changed after it was finished\n")
    }
}

extension AuditTests {
    /// A repository with main and feature branches, built in a temporary folder.
    struct Repo {
        let path: String
        @discardableResult
        func git(_ args: String...) throws -> String {
            let r = try Subprocess.run(["git", "-C", path, "-c", "user.name=T", "-c", "user.email=t@example.com"] + args)
            try #require(r.status == 0, "git \(args): \(r.stderrText)")
            return r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func write(_ file: String, _ text: String) throws {
            try text.write(toFile: path + "/" + file, atomically: true, encoding: .utf8)
        }
        func commit(_ file: String, _ text: String, _ message: String) throws {
            try write(file, text)
            try git("add", file)
            try git("commit", "-qm", message)
        }
    }

    func repository() throws -> Repo {
        let repo = Repo(path: try cli.tempDirectory())
        try repo.git("init", "-q", "-b", "main")
        try repo.commit("train.py", "x = 1\n", "base")
        try repo.git("checkout", "-qb", "feature")
        try repo.commit("train.py", "x = 1\ny = 2\n", "feature work")
        return repo
    }

    /// Each range gets a review of its own (`main..feature` and `main...feature` start out as the same commits).
    func reviewAndFinish(_ repo: Repo, _ range: String, store: String) throws -> String {
        let s = try ReviewStore(path: store)
        let input = try ReviewInput.range(range, repository: GitRepository(directory: repo.path))
        let id = try s.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"), resume: false).id
        try s.finish(id, decision: .approveWithWarnings, primaryRisks: [], by: "Ada")
        return id
    }

    func staleMark(_ repo: Repo, store: String, id: String) throws -> String? {
        let r = try cli.run(["log", "--json", "--store", store], in: repo.path)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [[String: Any]], "\(r.stderrText)")
        let stale = rows.first { $0["id"] as? String == id }?["stale"] as? [String: Any]
        return stale?["how"] as? String
    }

    /// A finding on an old line of a renamed file went into the GitHub payload under the old
    /// name: GitHub names the file by its new name on both sides, and refuses the whole review
    /// when a comment's path is no file of the pull request.
    @Test func aGitHubCommentOnARenamedFilesOldLineNamesTheFileAsThePullRequestDoes() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try repo.git("checkout", "-q", "main")
        try repo.commit("old_name.py", "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n", "a module")
        try repo.git("checkout", "-qb", "move")
        try repo.git("mv", "old_name.py", "new_name.py")
        try repo.commit("new_name.py", "a = 1\nb = 2\nc = 30\nd = 4\ne = 5\n", "move and change")
        try repo.write("ai.txt", "[HIGH] Constant changed\nFile: old_name.py:3 (old side)\n")
        let store = repo.path + "/.git/s.sqlite"
        let imported = try cli.run(["import", "ai.txt", "--range", "main...move", "--accept", "--reviewer", "Ada", "--store", store], in: repo.path)
        #expect(imported.status == 0 && !imported.stderrText.contains("not in the diff"), "\(imported.stderrText)")
        let exported = try cli.run(["export", "latest", "--format", "github", "--no-finish", "--allow-incomplete", "--store", store], in: repo.path)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout)) as? [String: Any], "\(exported.stderrText)")
        let comment = try #require((doc["comments"] as? [[String: Any]])?.first, "\(doc)")
        #expect(comment["path"] as? String == "new_name.py" && comment["side"] as? String == "LEFT" && comment["line"] as? Int == 3, "\(comment)")
    }

    /// `mle-review HEAD` left out files git does not track yet: a new loader with `pickle.load`
    /// was not in the review, and nothing said so. They show as added now, from a throwaway
    /// index (the user's is not written: the file is still untracked after), without the files
    /// .gitignore names or the review store kept in the work tree; and the review of the work
    /// tree does not read as stale while nothing changes.
    @Test func aReviewOfTheWorkTreeShowsItsUntrackedFiles() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try repo.commit(".gitignore", "*.log\n", "ignore logs")
        try FileManager.default.createDirectory(atPath: repo.path + "/serving", withIntermediateDirectories: true)
        try repo.write("serving/loader.py", "import pickle\nmodel = pickle.load(open(\"m.pkl\", \"rb\"))\n")
        try repo.write("run.log", "noise\n")
        let store = repo.path + "/reviews.sqlite"
        _ = try cli.run(["log", "--store", store], in: repo.path)

        let parsed = try cli.run(["parse", "HEAD"], in: repo.path + "/serving")
        #expect(parsed.status == 0, "\(parsed.stderrText)")
        #expect(parsed.stdoutText.contains("added        +2 -0          serving/loader.py"), "\(parsed.stdoutText)")
        #expect(!parsed.stdoutText.contains("run.log"), "\(parsed.stdoutText)")
        let scanned = try cli.run(["scan", "HEAD"], in: repo.path)
        #expect(scanned.stdoutText.contains("serving/loader.py:2"), "\(scanned.stdoutText)")
        #expect(try repo.git("status", "--porcelain", "--", "serving") == "?? serving/", "the user's index was written")

        let id = try reviewAndFinish(repo, "HEAD", store: store)
        let review = try ReviewStore(path: store).load(id)
        let files = try #require(try ReviewStore(path: store).diff(sha256: review.source.diffSHA256)).split(separator: UInt8(ascii: "\n"))
            .filter { $0.starts(with: Array("diff --git".utf8)) }.map { String(decoding: $0, as: UTF8.self) }
        #expect(files == ["diff --git a/serving/loader.py b/serving/loader.py"], "\(files)")
        let mark = try staleMark(repo, store: store, id: id)
        #expect(mark == "current", "\(mark ?? "")")
    }

    /// `mle-review` on a clean branch opened a review of an empty diff, stored it, and the log
    /// listed "HEAD …uncommitted 0/55"; it says there is nothing to review now, and stores nothing.
    @Test func nothingToReviewIsSaidNotOpened() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let store = repo.path + "/.git/s.sqlite"
        let clean = try cli.run(["HEAD", "--reviewer", "Ada", "--store", store], in: repo.path)
        #expect(clean.status == 2 && clean.stderrText == "mle-review: HEAD: nothing to review: the work tree has no changes against it\n", "\(clean.stderrText)")
        let same = try cli.run(["feature...feature", "--reviewer", "Ada", "--store", store], in: repo.path)
        #expect(same.status == 2 && same.stderrText == "mle-review: feature...feature: nothing to review: its two sides do not differ\n", "\(same.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    /// A data folder .gitignore does not name is not read whole into a review of the work tree:
    /// past 1,000 files (or 64 MB) the untracked files stay out, and the command says so.
    @Test func tooManyUntrackedFilesStayOutAndSaySo() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try FileManager.default.createDirectory(atPath: repo.path + "/data", withIntermediateDirectories: true)
        for i in 0...1_000 { try repo.write("data/row\(i).csv", "a,b\n\(i),\(i)\n") }
        try repo.write("train.py", "x = 1\ny = 3\n")
        let parsed = try cli.run(["parse", "HEAD"], in: repo.path)
        #expect(parsed.status == 0, "\(parsed.stderrText)")
        #expect(parsed.stdoutText.hasPrefix("modified     +1 -1          train.py\n1 file,"), "\(parsed.stdoutText)")
        #expect(parsed.stderrText == "mle-review: 1001 untracked files not in the review: more than 1000 files or 64 MB; git add -N the ones to review, or .gitignore the rest\n",
                "\(parsed.stderrText)")
    }

    @Test func staleWhenTheBranchGetsCommitsIsRebasedOrItsBaseMoves() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let store = repo.path + "/.git/mle-review-test.sqlite"
        let three = try reviewAndFinish(repo, "main...feature", store: store)
        let two = try reviewAndFinish(repo, "main..feature", store: store)
        #expect(try staleMark(repo, store: store, id: three) == "current")

        // A new commit on main: the three-dot range keeps its merge base, the two-dot one does not.
        try repo.git("checkout", "-q", "main")
        try repo.commit("README.md", "hello\n", "docs on main")
        #expect(try staleMark(repo, store: store, id: three) == "current")
        #expect(try staleMark(repo, store: store, id: two) == "stale: diff changed (base moved)")
        // A lead asks for what needs a look again: the stale review only.
        let staleOnly = try cli.run(["log", "--stale", "--store", store], in: repo.path)
        #expect(staleOnly.status == 0 && staleOnly.stdoutText.contains(two) && !staleOnly.stdoutText.contains(three), "\(staleOnly.stdoutText)\(staleOnly.stderrText)")
        #expect(staleOnly.stdoutText.hasSuffix("1 review, 1 stale\n"), "\(staleOnly.stdoutText)")
        let elsewhere = try cli.run(["log", "--stale", "--store", store], in: FileManager.default.temporaryDirectory.path)
        #expect(elsewhere.status == 2 && elsewhere.stderrText.hasPrefix("mle-review: log --stale: ") && elsewhere.stderrText.hasSuffix("not a git repository (run it in the repository the reviews are of)\n"),
                "\(elsewhere.stderrText)")

        try repo.git("checkout", "-q", "feature")
        try repo.commit("train.py", "x = 1\ny = 3\n", "more feature work")
        let head = try repo.git("rev-parse", "HEAD")
        #expect(try staleMark(repo, store: store, id: three) == "stale: 1 new commit (head \(head.prefix(7)))")
        // Exported now, for a pull request, the verdict says whose head it is of.
        let reviewed = try #require(try ReviewStore(path: store).load(three).source.headCommit)
        let exported = try cli.run(["export", three, "--format", "github", "--store", store], in: repo.path)
        #expect(exported.status == 0 && exported.stderrText == "mle-review: note: review \(three) is stale: 1 new commit (head \(head.prefix(7))): "
                + "this verdict is of \(reviewed.prefix(7)), not of main...feature as it is now\n", "\(exported.stderrText)")

        try repo.git("rebase", "-q", "main")
        let rebased = try repo.git("rev-parse", "HEAD")
        #expect(try staleMark(repo, store: store, id: three) == "stale: rebased (head \(rebased.prefix(7)))")

        let table = try cli.run(["log", "--store", store], in: repo.path).stdoutText
        #expect(table.contains("rebased") && table.hasSuffix("2 reviews, 2 stale\n"))
        try repo.git("branch", "-qm", "feature", "renamed")
        // A branch that is gone says so, and is not counted stale: that cannot be told any more.
        #expect(try staleMark(repo, store: store, id: three) == "unknown: the range does not resolve here (branch deleted or not fetched)")
        #expect(try cli.run(["log", "--store", store], in: repo.path).stdoutText.contains("no range here"))
    }
}

extension Subprocess.Result {
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}
