import Testing
import MLEReviewCore
@testable import MLEReviewWorkbench

/// The fast search (rarest byte by memchr, both cases) finds exactly what a plain scan finds.
struct DiffSearchTests {
    @Test func findsWhatAPlainScanFinds() {
        var rng = SplitMix(state: 20261202)
        let alphabet = Array("aAbBeE xXzZ_(.1\n".utf8)
        for _ in 0..<200 {
            var body = "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n@@ -1,1 +1,1 @@\n-"
            for _ in 0..<400 { body.append(Character(UnicodeScalar(alphabet[Int(rng.next() % UInt64(alphabet.count))]))) }
            body += "\n"
            let doc = DiffDocument(DiffParser.parse(Array(body.utf8)))
            var needle = ""
            for _ in 0..<(1 + Int(rng.next() % 3)) { needle.append(Character(UnicodeScalar(alphabet[Int(rng.next() % 13)]))) }
            let exact = needle.contains { $0.isUppercase }
            let hay = Array(body.utf8), n = Array(needle.utf8)
            func fold(_ b: UInt8) -> UInt8 { exact ? b : (b >= 65 && b <= 90 ? b + 32 : b) }
            var expected: [Int] = [], i = 0
            while i + n.count <= hay.count {
                if (0..<n.count).allSatisfy({ fold(hay[i + $0]) == fold(n[$0]) }) { expected.append(i); i += n.count } else { i += 1 }
            }
            #expect(DiffSearch.all(needle, in: doc) == expected, "\(needle.debugDescription)")
        }
    }
}
