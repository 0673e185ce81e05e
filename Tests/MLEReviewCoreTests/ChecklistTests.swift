import Foundation
import MLEReviewCore
import Testing

struct ChecklistTests {
    @Test func builtInCoversEveryBulletOfTheBrief() {
        let c = ChecklistLoader.builtIn
        #expect(c.sections.map(\.title) == [
            "Start Here", "Problem Framing and Decision Quality", "Metrics, Thresholds, and Error Analysis",
            "Data Contract and Leakage", "Training Reproducibility", "Evaluation and Promotion",
            "Serving and Deployment", "Monitoring and Incident Response", "Common Blockers",
        ])
        #expect(c.sections.map(\.items.count) == [6, 7, 6, 5, 5, 6, 6, 5, 9])
        #expect(c.sections.map(\.kind) == [.guide] + Array(repeating: .area, count: 7) + [.blockers])
        #expect(c.sections.map(\.risk) == [.other, .other, .weakEval, .dataLeakage, .irreproducibleTraining, .weakEval,
                                          .unsafeServing, .missingMonitoring, .other])
        #expect(c.items.allSatisfy { $0.title.count <= 40 && $0.text.count > $0.title.count })
        #expect(Set(c.items.map(\.id)).count == c.items.count)
        #expect(c.item("common-blockers/no-model-version-in-logs")?.risk == .missingMonitoring)
        #expect(c.item("data-contract-and-leakage/splits-respect-time-and-entities") != nil)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: SharedFixtures.root.appendingPathComponent("../seed/mle-reviewer.md").path),
                   "needs ../shared/seed/mle-reviewer.md beside the repository"))
    func theReviewerBriefItselfLoads() throws {
        let path = SharedFixtures.root.appendingPathComponent("../seed/mle-reviewer.md").standardized.path
        let c = try ChecklistLoader.load(path: path)
        let counts = Dictionary(uniqueKeysWithValues: c.sections.map { ($0.title, $0.items.count) })
        #expect(counts["Problem Framing and Decision Quality"] == 7)
        #expect(counts["Metrics, Thresholds, and Error Analysis"] == 6)
        #expect(counts["Data Contract and Leakage"] == 5)
        #expect(counts["Training Reproducibility"] == 5)
        #expect(counts["Evaluation and Promotion"] == 6)
        #expect(counts["Serving and Deployment"] == 6)
        #expect(counts["Monitoring and Incident Response"] == 5)
        #expect(counts["Common Blockers"] == 9)
        #expect(c.section("common-blockers")?.kind == .blockers)
        #expect(c.section("data-contract-and-leakage")?.risk == .dataLeakage)
        #expect(c.items.allSatisfy { $0.title.count <= 40 })
        // The code block of diagnostic commands and the front matter are not items.
        #expect(!c.items.contains { $0.text.contains("git grep") || $0.text.contains("name: mle-reviewer") })
    }

    @Test func markdownFormat() throws {
        let md = """
        ---
        name: team
        ---
        # Team checklist

        Intro prose with a list that belongs to no section:
        - not an item

        ## Feature store changes <!-- risk: data leakage -->

        1. Backfill is point-in-time
        2) **TTL set**: Every feature view has a TTL.
           It matches the label delay.
        - [ ] Owners listed <!-- id: owners -->
        * [x] A very long item that says far more than fits into forty columns of a pane

        ```sh
        - not an item either
        ```

        ## Release blockers
        + No shadow run
        ## Empty section
        """
        let c = try ChecklistParser.parse(md, source: "team.md")
        #expect(c.title == "Team checklist")
        #expect(c.sections.map(\.id) == ["feature-store-changes", "release-blockers"])
        let s = c.sections[0]
        #expect(s.risk == .dataLeakage && s.kind == .area)
        #expect(s.items.map(\.title) == ["Backfill is point-in-time", "TTL set", "Owners listed", "A very long item that says far more…"])
        #expect(s.items[1].text == "Every feature view has a TTL. It matches the label delay.")
        #expect(s.items[2].id == "feature-store-changes/owners")
        #expect(s.items.allSatisfy { $0.risk == .dataLeakage })
        #expect(c.sections[1].kind == .blockers && c.sections[1].items.map(\.title) == ["No shadow run"])
    }

    @Test func idsSurviveEditsToExplanations() throws {
        let a = try ChecklistParser.parse("## Serving\n- **Timeouts**: old words\n", source: "a")
        let b = try ChecklistParser.parse("## Serving\n- **Timeouts**: new, longer words\n- **Fallback**: x\n", source: "b")
        #expect(a.items[0].id == b.items[0].id)
        #expect(a.sha256 != b.sha256)
    }

    @Test func badChecklistsAreRefusedWithTheFileNamed() {
        #expect(throws: InputError("x.md: no checklist items (expected headings with list items under them)")) {
            try ChecklistParser.parse("just prose\n", source: "x.md")
        }
        #expect(throws: InputError("x.md: unknown risk 'vibes' (expected one of: data leakage, irreproducible training, weak eval, unsafe serving, missing monitoring, other)")) {
            try ChecklistParser.parse("## A <!-- risk: vibes -->\n- item\n", source: "x.md")
        }
    }

    @Test func aRepositoryChecklistIsFoundOnItsOwn() throws {
        let root = TestScratch.directory.appendingPathComponent("cl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/.mle-review", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try ChecklistLoader.load(file: nil, repositoryRoot: root).source == "built-in")
        try "## Ours\n- one\n".write(toFile: root + "/.mle-review/checklist.md", atomically: true, encoding: .utf8)
        #expect(try ChecklistLoader.load(file: nil, repositoryRoot: root).sections.map(\.title) == ["Ours"])
    }
}
