import Testing
import MLEReviewCore
@testable import MLEReviewWorkbench

/// The fast search (rarest byte by memchr, both cases) finds exactly what a plain scan finds.
struct DiffSearchTests {
    @Test func findsWhatAPlainScanFinds() {
        var rng = SplitMix(state: 20261202)
        // Besides letters of both cases: bytes that differ from a needle's byte only in bit 5
        // (`@` and a backquote, `[` and `{`, `.` and a control byte), which a folding shortcut
        // would confuse.
        let alphabet = Array("aAbBeE xXzZ_(.1@[\n`{\u{0E}".utf8)
        for _ in 0..<300 {
            var body = "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n@@ -1,1 +1,1 @@\n-"
            for _ in 0..<(50 + Int(rng.next() % 1000)) { body.append(Character(UnicodeScalar(alphabet[Int(rng.next() % UInt64(alphabet.count))]))) }
            body += "\n"
            let doc = DiffDocument(DiffParser.parse(Array(body.utf8)))
            var needle = ""
            for _ in 0..<(1 + Int(rng.next() % 4)) { needle.append(Character(UnicodeScalar(alphabet[Int(rng.next() % 16)]))) }
            let exact = needle.contains { $0.isUppercase }
            let hay = Array(body.utf8), n = Array(needle.utf8)
            func fold(_ b: UInt8) -> UInt8 { exact ? b : (b >= 65 && b <= 90 ? b + 32 : b) }
            var expected: [Int] = [], i = 0
            while i + n.count <= hay.count {
                if (0..<n.count).allSatisfy({ fold(hay[i + $0]) == fold(n[$0]) }) { expected.append(i); i += n.count } else { i += 1 }
            }
            #expect(DiffSearch.all(needle, in: doc) == expected, "\(needle.debugDescription)")
            // Where a typed search goes: the first occurrence at or after a place, else the first.
            let from = Int(rng.next() % UInt64(hay.count))
            let occurs = { (i: Int) in i + n.count <= hay.count && (0..<n.count).allSatisfy { fold(hay[i + $0]) == fold(n[$0]) } }
            let next = (from..<hay.count).first(where: occurs) ?? (0..<hay.count).first(where: occurs)
            #expect(DiffSearch.first(needle, in: doc, from: from) == next, "\(needle.debugDescription) from \(from)")
        }
    }

    /// A query that grew is looked for among the last one's matches: the same list as a whole
    /// search, or nil (a whole search then) when the last query could overlap itself.
    @Test func aGrownQueryFindsWhatAWholeSearchFinds() {
        var rng = SplitMix(state: 20261203)
        let alphabet = Array("aAbB xX_(.\n".utf8)
        var narrowedCount = 0
        for _ in 0..<400 {
            var body = "diff --git a/f.py b/f.py\n--- a/f.py\n+++ b/f.py\n@@ -1,1 +1,1 @@\n-"
            for _ in 0..<(50 + Int(rng.next() % 600)) { body.append(Character(UnicodeScalar(alphabet[Int(rng.next() % UInt64(alphabet.count))]))) }
            let doc = DiffDocument(DiffParser.parse(Array(body.utf8)))
            var old = ""
            for _ in 0..<(1 + Int(rng.next() % 3)) { old.append(Character(UnicodeScalar(alphabet[Int(rng.next() % 10)]))) }
            var grown = old
            for _ in 0..<(1 + Int(rng.next() % 2)) { grown.append(Character(UnicodeScalar(alphabet[Int(rng.next() % 10)]))) }
            let whole = DiffSearch.all(grown, in: doc)
            if let narrowed = DiffSearch.narrowed(from: old, DiffSearch.all(old, in: doc), to: grown, in: doc) {
                narrowedCount += 1
                #expect(narrowed == whole, "\(old.debugDescription) -> \(grown.debugDescription)")
            } else {
                #expect(DiffSearch.overlapsItself(Array(old.utf8)), "\(old.debugDescription) was not narrowed")
            }
        }
        // Most queries cannot overlap themselves: the narrowing is what is being tested.
        #expect(narrowedCount > 200, "\(narrowedCount)")
        // `aa` in `aaab` is found at 0 only, and `aab` starts at 1: a list of `aa` would miss it.
        let doc = DiffDocument(DiffParser.parse(Array("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-aaab\n".utf8)))
        let aab = DiffSearch.all("aab", in: doc)
        #expect(aab.count == 1)
        let fromAA = DiffSearch.narrowed(from: "aa", DiffSearch.all("aa", in: doc), to: "aab", in: doc)
        #expect(fromAA == nil || fromAA == aab)
        #expect(DiffSearch.overlapsItself(Array("aa".utf8)) && DiffSearch.overlapsItself(Array("abA".utf8)))
        #expect(!DiffSearch.overlapsItself(Array("ab".utf8)) && !DiffSearch.overlapsItself(Array("x".utf8)))
    }

    /// Issue 17: the search moves as it is typed (as less and vim's incsearch do), says which
    /// match it is on, and Esc puts everything back.
    @Test func theSearchMovesAsItIsTyped() {
        var wb = WorkbenchFixture.make()
        let start = wb.diffPane.cursor
        func row() -> String { wb.document.byteRange(ofRow: wb.diffPane.cursor).map { wb.document.diff.text($0) } ?? "" }
        wb.press("/", "text:jobl")
        #expect(row().contains("joblib"), "\(row())")
        #expect(Screen.render(wb).snapshot.contains("/jobl  1/2"))
        wb.press("text:ib.l")
        #expect(row().contains("joblib.load") && Screen.render(wb).snapshot.contains("/joblib.l  1/1"))
        wb.press("text:zz")
        #expect(wb.diffPane.cursor == start && Screen.render(wb).snapshot.contains("/joblib.lzz  not found"))
        wb.press("Esc")
        #expect(wb.prompt == nil && wb.diffPane.cursor == start && wb.search.query.isEmpty)
        // Enter keeps the match typing found; n goes on from there.
        wb.press("/", "text:model", "Enter")
        let first = wb.diffPane.cursor
        #expect(row().contains("model") && wb.search.current == 0 && first != start)
        wb.press("n")
        #expect(wb.search.current == 1 && wb.diffPane.cursor > first)
        // One character goes to the next one at once; Enter then counts them, from the same start.
        wb.press("g", "/", "text:j")
        let j = wb.diffPane.cursor
        #expect(row().contains("j") && j != 0 && wb.search.query == "model")
        wb.press("Enter")
        #expect(wb.diffPane.cursor == j && wb.search.query == "j" && wb.search.current == 0)
        // Emptying the line goes back to where this search started, and to the last search.
        wb.press("/", "text:model", "Enter")
        let before = wb.diffPane.cursor
        wb.press("/", "text:print")
        #expect(row().contains("print") && wb.diffPane.cursor != before)
        wb.press("Backspace", "Backspace", "Backspace", "Backspace", "Backspace")
        #expect(wb.diffPane.cursor == before && wb.search.query == "model")
    }
}

/// Issue 17: in a large diff, Enter on a search goes to the first match at once and the matches
/// are counted beside the key loop; the count, when it comes, says which one the cursor is on.
struct BackgroundCountTests {
    /// Over `Workbench.backgroundCountBytes`: 240 files of 1,000 lines.
    static let big = SyntheticPatch.make(files: 240)

    @Test func enterGoesFirstAndTheCountFollows() {
        #expect(Self.big.utf8.count > Workbench.backgroundCountBytes)
        var wb = WorkbenchFixture.make(Self.big)
        wb.countsInBackground = true
        _ = wb.press("/", "text:new_", "Enter")
        let counting = wb.search.counting
        #expect(counting)
        #expect(wb.countRequest == "new_")
        #expect(wb.message?.text == "new_: counting matches…", "\(wb.message?.text ?? "")")
        let row = wb.diffPane.cursor
        let line = wb.document.byteRange(ofRow: row).map { String(decoding: wb.document.diff.bytes[$0], as: UTF8.self) } ?? ""
        #expect(line.contains("new_0_0"), "the first match's line: \(line)")
        // A count for another query (typed over) changes nothing.
        wb.searchCounted("new", DiffSearch.all("new", in: wb.document))
        let stillCounting = wb.search.counting
        #expect(stillCounting)
        let all = DiffSearch.all("new_", in: wb.document)
        #expect(all.count == 240 * 20)
        wb.searchCounted("new_", all)
        let done = !wb.search.counting
        #expect(done && wb.message?.text == "new_: 1/4800", "\(wb.message?.text ?? "")")
        _ = wb.press("n")
        #expect(wb.message?.text == "new_: 2/4800", "\(wb.message?.text ?? "")")
    }

    @Test func backwardWhileCountingCountsFirst() {
        var wb = WorkbenchFixture.make(Self.big)
        wb.countsInBackground = true
        // The cursor starts on the first change (old_0_0): Enter goes to the next, old_0_50.
        let start = wb.diffPane.cursor
        _ = wb.press("/", "text:old_", "Enter")
        let counting = wb.search.counting
        #expect(counting)
        #expect(wb.diffPane.cursor > start)
        // Without a session to wait for the count, N counts at once and goes back.
        _ = wb.press("N")
        let counted = !wb.search.counting
        #expect(counted && wb.countRequest == nil)
        #expect(wb.message?.text == "old_: 1/4800", "\(wb.message?.text ?? "")")
        #expect(wb.diffPane.cursor == start)
    }

    @Test func aQueryFoundNowhereSaysSoAtOnce() {
        var wb = WorkbenchFixture.make(Self.big)
        wb.countsInBackground = true
        _ = wb.press("/", "text:zzz_nowhere", "Enter")
        let settled = !wb.search.counting
        #expect(settled && wb.countRequest == nil)
        #expect(wb.message?.text == "not found: zzz_nowhere", "\(wb.message?.text ?? "")")
    }
}
