import MLEReviewCore
import Testing
@testable import MLEReviewWorkbench

/// Which changed lines `W` dims on a patch: matched to a line of the other side in order, once
/// spaces, tabs and CRs are squeezed out.
struct WhitespaceChangesTests {
    /// The one hunk of a patch made of `-`/`+`/` ` prefixed lines, read by the parser.
    func hunk(_ rows: [String]) -> ([DiffLine], [UInt8]) {
        let old = rows.filter { !$0.hasPrefix("+") }.count, new = rows.filter { !$0.hasPrefix("-") }.count
        let patch = "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n@@ -1,\(old) +1,\(new) @@\n" + rows.joined(separator: "\n") + "\n"
        let doc = DiffDocument(DiffParser.parse(Array(patch.utf8)))
        return (doc.lines(file: 0, hunk: 0), doc.diff.bytes)
    }

    @Test func linesAfterADroppedLineStillMatchTheirPartners() {
        let (lines, bytes) = hunk(["-a = 1\r", "-b = 2\r", "-c = 3\r", "+a = 1", "+c = 3"])
        #expect(WhitespaceChanges.quiet(lines, in: bytes) == [0, 2, 3, 4])
    }

    @Test func indentationAndBlankLinesAreWhitespaceButAMovedLineIsNot() {
        let (lines, bytes) = hunk([" def f():", "-  return x", "+    return x", "+", "-y = 1", " z", "+y = 1"])
        // `y = 1` left one block and arrived in another: a move, not a whitespace change.
        #expect(WhitespaceChanges.quiet(lines, in: bytes) == [1, 2, 3])
    }

    @Test func aBlockTooLargeForTheTableIsMatchedInOneGreedyPass() {
        let n = 2_100
        let removed = (0..<n).map { "-v\($0) = \($0)\r" }
        let added = (0..<n).filter { $0 != 7 }.map { "+v\($0)  =  \($0)" }
        let (lines, bytes) = hunk(removed + added)
        let quiet = WhitespaceChanges.quiet(lines, in: bytes)
        #expect(quiet.count == 2 * n - 2)
        #expect(!quiet.contains(7))
    }
}
