import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

struct DisplayTextTests {
    func text(_ s: String, skip: Int = 0, limit: Int = Int.max) -> String {
        DisplayText.line(Array(s.utf8), role: .text, skip: skip, limit: limit).cells.map(\.text).joined()
    }

    @Test func controlsBecomeVisiblePlaceholders() {
        let line = DisplayText.line(Array("a\u{1b}[31mb\u{07}\u{7f}c\u{9b}".utf8), role: .text)
        #expect(line.cells.map(\.text).joined() == "a^[[31mb^G^?c<U+009B>")
        #expect(line.hasWarning)
        #expect(line.cells.filter { $0.role == .warning }.map(\.text).joined() == "^[^G^?<U+009B>")
    }

    @Test func bidiAndZeroWidthAreShownAndFlagged() {
        let line = DisplayText.line(Array("if a\u{202E}b\u{200B}c".utf8), role: .text)
        #expect(line.cells.map(\.text).joined() == "if a<U+202E>b<U+200B>c")
        #expect(line.hasWarning)
    }

    /// The hostile corpus's homoglyph case: `X_tеst` (a Cyrillic е) read as `X_test` with no flag.
    /// The letter of the other script is drawn in the warning colour and the line is flagged; a
    /// word all in one script (a Russian comment, Greek maths) is left alone.
    @Test func lettersOfAnotherScriptInAWordAreFlagged() {
        let line = DisplayText.line(Array("    X_t\u{0435}st = X_train  # cache".utf8), role: .text)
        #expect(line.hasWarning)
        #expect(line.cells.filter { $0.role == .warning }.map(\.text) == ["\u{0435}"])
        #expect(line.cells.map(\.text).joined() == "    X_t\u{0435}st = X_train  # cache", "shown as written, only coloured")
        let greek = DisplayText.line(Array("def ev\u{03B1}luate(model):".utf8), role: .text)
        #expect(greek.hasWarning && greek.cells.filter { $0.role == .warning }.map(\.text) == ["\u{03B1}"])
        // A Greek letter that is a part of a name by itself is a maths symbol (`lr_α` was flagged).
        for clean in ["# \u{043F}\u{0440}\u{043E}\u{0432}\u{0435}\u{0440}\u{043A}\u{0430} train", "loss = \u{03B1} * l1 + \u{03B2} * l2", "caf\u{00E9}_sales = 1",
                      "lr_\u{03B1} = 0.1", "\u{03BC}_x, \u{03C3}_x = x.mean(), x.std()", "loss_\u{03BB}2 = 3"] {
            let l = DisplayText.line(Array(clean.utf8), role: .text)
            #expect(!l.hasWarning && !l.cells.contains { $0.role == .warning }, "\(clean)")
        }
        // A Cyrillic letter alone in a part still is one: `data_с` reads as `data_c`; and a word
        // whose Greek letter sits inside a Latin part still is.
        #expect(DisplayText.line(Array("data_\u{0441} = 1".utf8), role: .text).hasWarning)
        #expect(DisplayText.line(Array("lr_\u{03B1}x = 1".utf8), role: .text).hasWarning)
        // Past the visible part, it still flags the line.
        #expect(DisplayText.line(Array("abcdefghij X_t\u{0435}st".utf8), role: .text, limit: 5).hasWarning)
    }

    @Test func invalidUTF8ShowsEachByte() {
        #expect(text(String(decoding: [0x61], as: UTF8.self)) == "a")
        let line = DisplayText.line([0x61, 0xE9, 0xC3, 0x28], role: .text)
        #expect(line.cells.map(\.text).joined() == "a\\xe9\\xc3(")
    }

    @Test func tabsExpandToEightColumnStops() {
        #expect(text("\tx") == "        x")
        #expect(text("ab\tc\td") == "ab      c       d")
    }

    @Test func wideAndCombiningCharactersTakeTheirRealWidth() {
        let cells = DisplayText.line(Array("日本e\u{301}".utf8), role: .text).cells
        #expect(cells.map(\.width) == [2, 2, 1])
        #expect(cells[2].text == "e\u{301}")
    }

    @Test func trailingCarriageReturnIsAMarkerAndMidLineCRAWarning() {
        #expect(text("x = 1\r") == "x = 1␍")
        let mid = DisplayText.line(Array("ok\rFAKE".utf8), role: .text)
        #expect(mid.cells.map(\.text).joined() == "ok^MFAKE" && mid.hasWarning)
    }

    @Test func onlyTheVisibleWindowIsProduced() {
        let long = Array(repeating: "abcdefghij", count: 2000).joined()
        #expect(text(long, skip: 12345, limit: 5) == "fghij")
        let hidden = DisplayText.line(Array((String(repeating: Character("a"), count: 100) + "\u{202E}").utf8), role: .text, limit: 10)
        #expect(hidden.cells.count == 10 && hidden.hasWarning)
    }

    @Test func gridClipsAndNeverSplitsAWideCharacter() {
        var g = Grid(width: 6, height: 1)
        g.put("ab日本", row: 0, col: 0, limit: 5)
        #expect(g.text(row: 0) == "ab日  ")
        g.put("xyz", row: 0, col: 4)
        #expect(g.text(row: 0) == "ab日xy")
    }
}
