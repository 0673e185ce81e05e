import Foundation
import MLEReviewCore
import Testing

/// Issue 16: the verdict fails closed on the command line too, and a new revision starts afresh.
struct TrustVerdictTests {
    let cli = CommandLineTests()

    func text(_ r: Subprocess.Result) -> String { String(decoding: r.stdout, as: UTF8.self) }

    /// A review of the demo diff with a MEDIUM finding, overridden to APPROVE over the rules'
    /// APPROVE WITH WARNINGS, as the workbench's verdict view records it.
    func overridden(_ dir: String) throws -> (store: String, id: String) {
        let demo = try cli.run(["demo", "--print-diff"])
        let store = try ReviewStore(path: dir + "/s.sqlite")
        let (id, _) = try store.openReview(ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(demo.stdout)),
                                                       bytes: demo.stdout), checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Lee"))
        try store.saveFinding(id, Finding(severity: .medium, title: "Threshold not tuned", location: Location(path: "serving/predict.py", line: 9),
                                                    fix: "Tune it on the validation set"))
        try store.setOverride(id, DecisionOverride(decision: .approve, justification: "Lead accepted the warnings", overridden: .approveWithWarnings))
        return (dir + "/s.sqlite", id)
    }

    @Test func anOverrideLapsesWhenANewFindingMakesTheRulesStricter() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try overridden(dir)
        let before = text(try cli.run(["export", id, "--no-finish", "--allow-incomplete", "--store", store]))
        #expect(before.contains("Override: computed APPROVE WITH WARNINGS; justification: Lead accepted the warnings\n"), "\(before)")
        #expect(before.contains("Decision: APPROVE\n"))

        try "[HIGH] Labels leak into features\nFile: pipelines/train.py:26\nIssue: i\nFix: f\n".write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", dir + "/ai.txt", "--into", id, "--accept", "--store", store]).status == 0)
        let after = text(try cli.run(["export", id, "--no-finish", "--store", store]))
        #expect(!after.contains("Override:"), "\(after)")
        #expect(after.contains("Note: override to APPROVE lapsed: it was made over APPROVE WITH WARNINGS and the rules now give BLOCK; make it again if it still holds\n"))
        #expect(after.contains("Decision: BLOCK\n"))
        let json = try JSONSerialization.jsonObject(with: Data(try cli.run(["export", id, "--no-finish", "--format", "json", "--store", store]).stdout)) as? [String: Any]
        #expect((json?["verdict"] as? [String: Any])?["decision"] as? String == "BLOCK")
    }

    @Test func aNewRevisionStartsWithoutTheOverrideAndKeepsHintDismissals() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (storePath, id) = try overridden(dir)
        let store = try ReviewStore(path: storePath)
        try store.dismissHint(id, key: "DESER-001:serving/predict.py:9", reason: .minor, by: "Lee")
        let finished = try cli.run(["finish", id, "--allow-incomplete", "--store", storePath])
        #expect(finished.status == 0, "\(finished.stderrText)")
        let reopened = try cli.run(["reopen", id, "--store", storePath])
        #expect(reopened.status == 0, "\(reopened.stderrText)")
        let next = try store.latestRevision(of: id)
        #expect(next != id)
        #expect(try store.load(next).override == nil)
        // With who and why: the reason counts in stats and shows in `show` (the copy dropped it).
        let kept = try store.hintDismissals(next)
        #expect(kept.map(\.key) == ["DESER-001:serving/predict.py:9"])
        #expect(kept.count == 1 && kept.first?.by == "Lee" && kept.first?.reason == .minor)
        let out = text(try cli.run(["export", next, "--no-finish", "--store", storePath]))
        #expect(out.contains("Decision: APPROVE WITH WARNINGS\n") && !out.contains("Override"), "\(out)")
    }

    /// An APPROVE WITH WARNINGS needs no finished checklist, but its export must not read as a
    /// full review: every export says how many required steps were left, the one that finishes
    /// it and every later one, as `show` does.
    @Test func aWarningsVerdictOverUndecidedStepsSaysSoOnEveryExport() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let demo = try cli.run(["demo", "--print-diff"])
        let store = try ReviewStore(path: dir + "/s.sqlite")
        let (id, _) = try store.openReview(ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(demo.stdout)),
                                                       bytes: demo.stdout), checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Lee"))
        try store.saveFinding(id, Finding(severity: .medium, title: "Threshold not tuned", location: Location(path: "serving/predict.py", line: 9),
                                                    fix: "Tune it on the validation set"))
        let path = dir + "/s.sqlite"
        let preview = text(try cli.run(["export", id, "--no-finish", "--store", path]))
        #expect(preview.contains("Decision: APPROVE WITH WARNINGS\n"), "\(preview)")
        let open = try #require(preview.split(separator: "\n").first { $0.hasPrefix("Note: ") && $0.contains(" not done yet: ") }, "\(preview)")
        let missing = String(open.dropFirst("Note: ".count).split(separator: " ")[0])
        #expect(Int(missing).map { $0 > 0 } == true)
        let what = String(open[open.range(of: "not done yet: ")!.upperBound...])

        let finishing = try cli.run(["export", id, "--store", path])
        #expect(finishing.status == 0, "\(finishing.stderrText)")
        let again = text(try cli.run(["export", id, "--store", path]))
        let note = "finished with \(missing) required steps not done: \(what)"
        #expect(again.contains("Note: \(note)\nDecision: APPROVE WITH WARNINGS\n"), "\(again)")
        let markdown = text(try cli.run(["export", id, "--format", "markdown", "--store", path]))
        #expect(markdown.contains("> **Note:** finished with \(missing) required step"), "\(markdown)")
        let show = text(try cli.run(["show", id, "--store", path]))
        #expect(show.contains("Incomplete: \(note)\n"))
        #expect(show.contains("Note: \(note)\n"), "\(show)")
    }

    /// An AI reviewer's CRITICAL proposal, never looked at, left an APPROVE standing: the export
    /// only noted it. A proposal that would change the decision is judged before APPROVE: it is
    /// a required step, named; dismissed, the APPROVE stands; a LOW proposal waits for nobody.
    @Test func anApproveWaitsForTheProposalsThatWouldChangeIt() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let demo = try cli.run(["demo", "--print-diff"])
        try Data(demo.stdout).write(to: URL(fileURLWithPath: dir + "/pr.diff"))
        try """
        [CRITICAL] Model loaded with pickle from a writable path
        File: serving/predict.py:4
        Issue: anyone who can write latest.pkl runs code in the server.

        [LOW] Docstring could name the units
        File: serving/predict.py:1
        Issue: minor.

        Tests run: none
        """.write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let path = dir + "/s.sqlite"
        let imported = try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/pr.diff", "--store", path])
        try #require(imported.status == 0, "\(imported.stderrText)")
        let store = try ReviewStore(path: path)
        let id = try store.resolve("latest")
        for item in ChecklistLoader.builtIn.items { try store.setItem(id, item: item.id, mark: ItemMark(state: .pass, setBy: "Lee")) }
        try store.addTestRun(id, TestRun(command: "pytest", outcome: .passed, summary: "12 passed", recordedBy: "Lee"))
        try store.dismissEveryHint(id, diff: demo.stdout, by: "Lee")

        let refused = try cli.run(["export", id, "--store", path])
        #expect(refused.status == 2 && refused.stderrText.contains("cannot export APPROVE yet: 1 required step not done: 1 proposed finding not judged ([CRITICAL] Model loaded with pickle "
                                                                       + "from a writable path) (APPROVE counts only what is judged: a CRITICAL or HIGH proposal accepted makes it BLOCK)"), "\(refused.stderrText)")
        let critical = try #require(try store.load(id).findings.first { $0.severity == .critical })
        try store.setFindingStatus(id, findingID: critical.id, status: .dismissed, dismissal: .wrong, by: "Lee")
        let out = text(try cli.run(["export", id, "--store", path]))
        #expect(out.contains("Decision: APPROVE\n") && out.contains("1 proposed finding (1 LOW"), "\(out)")
    }

    /// A review of the demo diff with every checklist item passed and a passing test run, in
    /// `dir/s.sqlite`: all APPROVE waits for but the hints.
    func walkedDemoReview(in dir: String) throws -> (ReviewStore, String, Subprocess.Result) {
        let demo = try cli.run(["demo", "--print-diff"])
        let store = try ReviewStore(path: dir + "/s.sqlite")
        let (id, _) = try store.openReview(ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(demo.stdout)),
                                                       bytes: demo.stdout), checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Lee"))
        for item in ChecklistLoader.builtIn.items { try store.setItem(id, item: item.id, mark: ItemMark(state: .pass, setBy: "Lee")) }
        try store.addTestRun(id, TestRun(command: "pytest", outcome: .passed, summary: "12 passed", recordedBy: "Lee"))
        return (store, id, demo)
    }

    /// The demo's hints (a pickle load, a scaler fitted before the split, an email logged: three
    /// HIGH) were never taken or dismissed, and `export` finished the review with APPROVE. A
    /// hint that would change the decision waits for a judgement as an AI reviewer's does; a
    /// LOW one waits for nobody.
    @Test func anApproveWaitsForTheHintsThatWouldChangeIt() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id, demo) = try walkedDemoReview(in: dir)
        let path = dir + "/s.sqlite"

        let refused = try cli.run(["export", id, "--store", path])
        #expect(refused.status == 2 && refused.stderrText.contains(
            "cannot export APPROVE yet: 8 required steps not done: 8 hints not judged (3 HIGH; 5 MEDIUM) (APPROVE counts only what is judged"),
                "\(refused.stderrText)")
        let hints = HintScanner.scan(DiffParser.parse(demo.stdout))
        for h in hints where h.severity != .low { try store.dismissHint(id, key: h.key, reason: .minor, by: "Lee") }
        #expect(hints.contains { $0.severity == .low }, "the demo has a LOW hint left undecided")
        let out = text(try cli.run(["export", id, "--store", path]))
        #expect(out.contains("Decision: APPROVE\n"), "\(out)")
    }

    /// A review finished complete before hints were steps (or before a newer scanner found
    /// another on its diff) is complete by its record: its exports and `show` do not say now
    /// that it was finished with its hints "not judged".
    @Test func aReviewFinishedBeforeHintsWereStepsStaysComplete() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id, _) = try walkedDemoReview(in: dir)
        let path = dir + "/s.sqlite"
        // As an older mle-review finished it: complete, no step undone, its hints never judged.
        try store.finish(id, decision: .approve, primaryRisks: [], by: "Lee")
        let out = text(try cli.run(["export", id, "--store", path]))
        #expect(out.hasSuffix("Decision: APPROVE\nPrimary risks: none\nTests run: pytest (passed: 12 passed)\n") && !out.contains("Note: finished with"), "\(out)")
        let show = text(try cli.run(["show", id, "--store", path]))
        #expect(!show.contains("Incomplete:") && !show.contains("hint not judged"), "\(show)")
    }

    /// A BLOCK stands on its own reasons and waits for no hint, so nothing said which of the
    /// tool's own hints nobody had looked at: `show` lists them for the lead.
    @Test func showListsTheHintsNobodyJudged() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id, demo) = try walkedDemoReview(in: dir)
        let path = dir + "/s.sqlite"
        try store.saveFinding(id, Finding(severity: .high, title: "Scaler fitted before the split", location: Location(path: "pipelines/train.py", line: 26)))
        let deser = try #require(HintScanner.scan(DiffParser.parse(demo.stdout)).first { $0.rule == "DESER-001" })
        try store.dismissHint(id, key: deser.key, reason: .minor, by: "Lee")
        #expect(try cli.run(["finish", id, "--store", path]).status == 0)
        let show = text(try cli.run(["show", id, "--store", path]))
        #expect(show.contains("Hints never judged (neither taken nor dismissed):\n  [HIGH] hint LEAK-001 pipelines/train.py:26 — Fitted before the split or on held-out rows\n"),
                "\(show)")
        #expect(!show.contains("[HIGH] hint DESER-001"), "a dismissed hint is listed with the dismissed ones: \(show)")
    }

    /// "finished with 1 required step(s) not done" left a lead reading the export to guess which
    /// step: the note names what was left, a few items by name, many by area, and a missing
    /// passing test run in the words the verdict view uses.
    @Test func anIncompleteExportNamesTheStepsLeft() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let demo = try cli.run(["demo", "--print-diff"])
        let path = dir + "/s.sqlite"
        let store = try ReviewStore(path: path)
        let (id, _) = try store.openReview(ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(demo.stdout)),
                                                       bytes: demo.stdout), checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Lee"))
        try store.saveFinding(id, Finding(severity: .medium, title: "Threshold not tuned", location: Location(path: "serving/predict.py", line: 9),
                                                    fix: "Tune it on the validation set"))
        let serving = try #require(ChecklistLoader.builtIn.sections.first { $0.title == "Serving and Deployment" })
        let left = try #require(serving.items.last)
        for item in ChecklistLoader.builtIn.items where item.id != left.id {
            try store.setItem(id, item: item.id, mark: ItemMark(state: .pass, setBy: "Lee"))
        }
        try store.dismissEveryHint(id, diff: demo.stdout, by: "Lee")
        let out = text(try cli.run(["export", id, "--store", path]))
        #expect(out.contains("Note: finished with 2 required steps not done: no passing test or eval run recorded; "
                             + "1 checklist item undecided (Serving and Deployment / \(left.title))\nDecision: APPROVE WITH WARNINGS\n"), "\(out)")
        let show = text(try cli.run(["show", id, "--store", path]))
        #expect(show.contains("Incomplete: finished with 2 required steps not done: no passing test or eval run recorded; 1 checklist item"), "\(show)")

        // Many undecided items are counted by area, in checklist order.
        let fresh = try ReviewStore(path: dir + "/t.sqlite")
        let (other, _) = try fresh.openReview(ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(demo.stdout)),
                                                          bytes: demo.stdout), checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Lee"))
        try fresh.saveFinding(other, Finding(severity: .medium, title: "Threshold not tuned", location: Location(path: "serving/predict.py", line: 9),
                                                    fix: "Tune it on the validation set"))
        let next = text(try cli.run(["export", other, "--no-finish", "--store", dir + "/t.sqlite"]))
        let line = try #require(next.split(separator: "\n").first { $0.hasPrefix("Note: ") && $0.contains("not done yet") }, "\(next)")
        #expect(line.contains("checklist items undecided (Problem Framing and Decision Quality 7; Metrics, Thresholds, and Error Analysis 6; "), "\(line)")
        #expect(line.contains("no passing test or eval run recorded"), "\(line)")
    }

    /// An edit refused on a finished review says when it was finished as the log does, to the
    /// minute, not as a record's millisecond timestamp.
    @Test func aRefusedEditSaysWhenTheReviewWasFinishedInPlainTime() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (store, id) = try overridden(dir)
        #expect(try cli.run(["finish", id, "--allow-incomplete", "--store", store]).status == 0)
        try "[LOW] Typo\nFile: serving/predict.py:9\nIssue: i\nFix: f\n".write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let refused = try cli.run(["import", dir + "/ai.txt", "--into", id, "--store", store])
        #expect(refused.status == 2)
        let line = refused.stderrText
        let when = try #require(line.range(of: #"was finished \(APPROVE, \d{4}-\d{2}-\d{2} \d{2}:\d{2}\) and is read-only"#, options: .regularExpression), "\(line)")
        #expect(!line[when].contains("T") && !line.contains("Z)"), "\(line)")
    }
}
