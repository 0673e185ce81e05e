import Foundation
import MLEReviewCore
import Testing

/// Findings follow their code onto a newer diff of the same range.
struct CarryForwardTests {
    /// A diff that adds `lines` as a new file at `path`.
    static func added(_ path: String, _ lines: [String], from old: String? = nil) -> ParsedDiff {
        var text = "diff --git a/\(old ?? path) b/\(path)\n"
        if let old { text += "similarity index 90%\nrename from \(old)\nrename to \(path)\n" }
        text += "--- a/\(old ?? path)\n+++ b/\(path)\n@@ -0,0 +1,\(lines.count) @@\n"
        for l in lines { text += "+" + l + "\n" }
        return DiffParser.parse(Array(text.utf8))
    }

    static let before = ["import numpy as np", "", "scaler.fit(X)", "model.fit(X, y)", "save(model)"]
    static let finding = Finding(severity: .high, title: "Scaler sees test rows",
                                 location: Location(path: "train.py", line: 3), risk: .dataLeakage)

    @Test func aFindingMovesWithItsLineWhenLinesAreInsertedAbove() {
        let new = Self.added("train.py", ["# new header", "import os"] + Self.before)
        let r = CarryForward.carry([Self.finding], from: Self.added("train.py", Self.before), to: new)
        #expect(r.findings[0].location == Location(path: "train.py", line: 5))
        #expect(!r.findings[0].isOutdated && r.moved == 1 && r.outdated == 0)
        #expect(r.findings[0].id != Self.finding.id && r.findings[0].title == Self.finding.title)
    }

    /// A hint the reviewer dismissed came back live after the branch moved (only findings and
    /// ticks were carried): the dismissal moves with its line; one whose code is gone is dropped.
    @Test func aHintDismissalMovesWithItsLineAndGoesWithItsCode() {
        let new = Self.added("train.py", ["# new header", "import os"] + Self.before)
        let carried = CarryForward.carry(hintDismissals: [("LEAK-001 train.py:3", "Ada", .duplicate), ("REPRO-001 train.py:4", nil, nil),
                                                          ("DESER-001 gone.py:1", "Ada", .wrong)],
                                         from: Self.added("train.py", Self.before), to: new)
        #expect(carried.map(\.key) == ["LEAK-001 train.py:5", "REPRO-001 train.py:6"])
        #expect(carried.first?.by == "Ada" && carried.first?.reason == .duplicate && carried.last?.reason == nil)
        let deleted = Self.added("train.py", ["import numpy as np", "", "model.fit(X, y)", "save(model)"])
        #expect(CarryForward.carry(hintDismissals: [("LEAK-001 train.py:3", "Ada", .wrong)], from: Self.added("train.py", Self.before), to: deleted).isEmpty)
    }

    @Test func aFindingWhoseLineWasDeletedIsOutdatedNotDropped() {
        let new = Self.added("train.py", ["import numpy as np", "", "model.fit(X, y)", "save(model)"])
        let r = CarryForward.carry([Self.finding], from: Self.added("train.py", Self.before), to: new)
        #expect(r.findings.count == 1 && r.findings[0].isOutdated && r.outdated == 1)
        #expect(r.findings[0].location == Self.finding.location)
    }

    @Test func theLinesAroundItPickAmongRepeatedLines() {
        let old = ["def a():", "    x = load()", "    return x", "def b():", "    x = load()", "    return x * 2"]
        let finding = Finding(severity: .medium, title: "second load", location: Location(path: "m.py", line: 5, endLine: 6))
        // Both functions move down; the finding stays with b(), and keeps its span.
        let new = ["# top", "def a():", "    x = load()", "    return x", "", "def b():", "    x = load()", "    return x * 2"]
        let r = CarryForward.carry([finding], from: Self.added("m.py", old), to: Self.added("m.py", new))
        #expect(r.findings[0].location == Location(path: "m.py", line: 7, endLine: 8))
    }

    @Test func aRenamedFileIsFollowedAndReindentedCodeStillMatches() {
        let new = Self.added("pipeline/train.py", ["import numpy as np", "", "if True:", "    scaler.fit(X)", "model.fit(X, y)"], from: "train.py")
        let r = CarryForward.carry([Self.finding], from: Self.added("train.py", Self.before), to: new)
        #expect(r.findings[0].location == Location(path: "pipeline/train.py", line: 4))
    }

    @Test func theWholeFileFromGitKeepsAFindingWhoseLineLeftTheDiff() {
        // The new diff no longer shows the line, but the file at the new head still has it.
        let new = Self.added("train.py", ["import os"])
        let whole = ["import os"] + Self.before
        let r = CarryForward.carry([Self.finding], from: Self.added("train.py", Self.before), to: new,
                                   newFile: { $0 == "train.py" ? whole : nil })
        #expect(r.findings[0].location == Location(path: "train.py", line: 4) && !r.findings[0].isOutdated)
    }

    @Test func carryingForwardInTheStoreKeepsTicksAndLinksTheReviews() throws {
        let store = try ReviewStore(path: TestScratch.directory.appendingPathComponent("cf-\(UUID().uuidString).sqlite").path)
        func open(_ head: String, _ bytes: [UInt8]) throws -> String {
            let src = ReviewSource(kind: .range, range: "main...feature", baseCommit: "b", headCommit: head, diffSHA256: Hashing.sha256Hex(bytes))
            return try store.openReview(ReviewInput(source: src, bytes: bytes), checklist: ChecklistLoader.builtIn, reviewer: nil).id
        }
        let first = try open("h1", Array("diff one".utf8))
        try store.setItem(first, item: "common-blockers/random-split-on-temporal-data", mark: ItemMark(state: .pass))
        try store.setViewed(first, path: "train.py", diffHash: "abc")
        try store.finish(first, decision: .block, primaryRisks: [], by: nil)
        let second = try open("h2", Array("diff two".utf8))
        #expect(try store.previousReview(of: try store.load(second).source, excluding: second) == first)
        let old = try store.load(first)
        try store.carryForward(into: second, from: old, findings: [Finding(severity: .low, title: "kept", location: Location(path: "a.py"), outdated: true)])
        let r = try store.load(second)
        #expect(r.items == old.items && r.viewedFiles == old.viewedFiles && r.revisionOf == first)
        #expect(r.findings.map(\.title) == ["kept"] && r.findings[0].isOutdated)
    }
}
