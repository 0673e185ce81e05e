import Foundation
import MLEReviewCore
import Testing

/// The scanner measured on the labelled corpus in Tests/HintCorpus (its README says how the cases
/// are written and held out). This is the gate the hints are held to.
struct HintEvaluationTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("HintCorpus").path

    static func cases() throws -> [HintCorpusCase] { try HintCorpusCase.load(folder: folder) }

    @Test func theCorpusIsLargeBalancedAndHeldOutByName() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 150)
        let negatives = cases.filter(\.labels.isEmpty).count
        #expect(negatives * 3 >= cases.count, "\(negatives) hard negatives of \(cases.count)")
        for family in Hint.Family.allCases {
            let written = cases.filter { c in c.labels.contains { $0.family == family } }.count
            #expect(written >= 12, "\(family.rawValue): \(written) cases with a label")
            let heldOut = cases.filter { HintEvaluation.isHeldOut($0.name) }.flatMap(\.labels).filter { $0.family == family }.count
            #expect(heldOut >= 3, "\(family.rawValue): \(heldOut) held-out labels; its recall would say little")
        }
        let heldOut = cases.filter { HintEvaluation.isHeldOut($0.name) }.count
        #expect(Double(heldOut) / Double(cases.count) > 0.18 && Double(heldOut) / Double(cases.count) < 0.32, "\(heldOut) of \(cases.count) held out")
        // The hash is fixed: the same name is always in the same part.
        #expect(HintEvaluation.isHeldOut("leakage/scaler-before-split") == HintEvaluation.isHeldOut("leakage/scaler-before-split"))
    }

    @Test func theHeldOutPartMeetsTheBar() throws {
        let evaluation = HintEvaluation(cases: try Self.cases())
        let table = evaluation.table()
        print(table)
        let total = evaluation.heldOut.total
        #expect(total.recall >= 0.90, "held-out recall \(total.recall)\n\(table)")
        #expect(total.precision >= 0.85, "held-out precision \(total.precision)\n\(table)")
        for family in Hint.Family.allCases {
            let tally = evaluation.heldOut.families[family] ?? HintEvaluation.Tally()
            #expect(tally.recall >= 0.75, "held-out recall of \(family.rawValue) is \(tally.recall)\n\(table)")
        }
    }

    @Test func everyHintSaysWhatMadeIt() throws {
        for c in try Self.cases() {
            for hint in HintScanner.scan(DiffParser.parse(c.diff)) {
                #expect(hint.issue.contains("Evidence: ") || hint.issue.contains("more like it"), "\(c.name): \(hint.rule) gives no evidence: \(hint.issue)")
            }
        }
    }

    /// `scan` prints a hint at a time; what it prints is what the whole report would be.
    @Test func theStreamedReportsAreTheWholeReports() throws {
        let hints = try Self.cases().flatMap { HintScanner.scan(DiffParser.parse($0.diff)) }
        try #require(hints.count > 100)
        var text = "", json = ""
        HintReport.text(hints) { text += $0 }
        HintReport.json(hints) { json += $0 }
        #expect(text == HintReport.text(hints))
        #expect(json == HintReport.json(hints))
        var empty = ""
        HintReport.json([]) { empty += $0 }
        #expect(empty == HintReport.json([]))
    }

    @Test func aCaseBecomesAGitDiffWithItsLabelsOnNewLines() throws {
        let c = try HintCorpusCase(name: "t", text: """
        about: evaluation
        note: a hunk in the middle of a file
        === a.py
        @@ 10
         def evaluate(model, loader):
        -    model.eval()  ◀ evaluation: eval mode removed
             with torch.no_grad():
        +        pass  ◀ serving: on an added line ◀ monitoring: two labels on one line
        @@ 40
         x = 1
        +y = 2
        === new b.sql
        SELECT 1  ◀ leakage: first line of a new file
        """)
        let diff = DiffParser.parse(c.diff)
        #expect(diff.files.map(\.path) == ["a.py", "b.sql"])
        let a = diff.files[0]
        #expect(a.hunks.count == 2 && a.hunks[0].newStart == 10 && a.hunks[1].newStart == 40)
        #expect(c.labels.map(\.family) == [.evaluation, .serving, .monitoring, .leakage])
        // The removed line's label spans the new lines either side of it.
        #expect(c.labels[0].lines == 10...11)
        #expect(c.labels[1].lines == 12...12 && c.labels[2].lines == 12...12)
        #expect(c.labels[3].path == "b.sql" && c.labels[3].lines == 1...1)
        #expect(!String(decoding: c.diff, as: UTF8.self).contains("◀"))
    }

    @Test func aBadCaseNamesItsFileAndLine() {
        #expect(throws: InputError("leakage/x.case:3: a changed file's line starts with ' ', '-' or '+'")) {
            try HintCorpusCase(name: "leakage/x", text: "about: leakage\n=== a.py\nno prefix\n")
        }
        #expect(throws: InputError("y.case:1: no family 'leak'")) { try HintCorpusCase(name: "y", text: "about: leak\n") }
        #expect(throws: InputError("z.case:3: a label is '◀ family: why' with a known family")) {
            try HintCorpusCase(name: "z", text: "about: leakage\n=== new a.py\nx = 1  ◀ nothing here\n")
        }
    }

    /// As a rule writer runs it: the table, the development part's misses, and one error line.
    @Test func scanEvaluatePrintsTheTable() throws {
        let cli = CommandLineTests()
        let run = try cli.run(["scan", "--evaluate", Self.folder, "--misses"])
        let out = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(out.hasPrefix("development: ") && out.contains("\nheld-out: ") && out.contains("\ndevelopment misses ("))
        #expect(out.contains("family                   labels  found  recall   hints  false  precision\nleakage "))
        // The held-out part's cases are never listed.
        let heldOut = try Self.cases().filter { HintEvaluation.isHeldOut($0.name) }.map(\.name)
        #expect(!heldOut.isEmpty && heldOut.allSatisfy { !out.contains($0 + ":") })
        let missing = try cli.run(["scan", "--evaluate", "/nonexistent/cases"])
        #expect(missing.status == 2 && missing.stderrText == "mle-review: /nonexistent/cases: not a folder of hint cases\n")
        let alone = try cli.run(["scan", "--misses"])
        #expect(alone.status == 2 && alone.stderrText.contains("--misses goes with --evaluate DIR"))
    }
}
