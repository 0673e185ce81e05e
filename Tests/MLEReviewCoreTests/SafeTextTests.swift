import MLEReviewCore
import Testing

struct SafeTextTests {
    @Test func controlsBecomeVisibleEscapes() {
        #expect(SafeText.escaped("a\u{1b}[31mb\u{07}c\u{7f}") == "a\\x1b[31mb\\x07c\\x7f")
        #expect(SafeText.escaped("tab\there\r") == "tab\\there\\r")
        #expect(SafeText.escaped("c1\u{9b}2J") == "c1<U+009B>2J")
    }

    @Test func bidiAndZeroWidthAreShownAsCodePoints() {
        #expect(SafeText.escaped("if a\u{202E} \u{2066}b") == "if a<U+202E> <U+2066>b")
        #expect(SafeText.escaped("lear\u{200B}ning\u{FEFF}") == "lear<U+200B>ning<U+FEFF>")
    }

    @Test func ordinaryUnicodeIsKept() {
        #expect(SafeText.escaped("café 日本 байес") == "café 日本 байес")
    }

    @Test func invalidUTF8BytesAreShownOneByOne() {
        let bytes: [UInt8] = [0x61, 0xE9, 0x62, 0xC3, 0x28, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xE2, 0x82]
        #expect(SafeText.escaped(bytes: bytes) == "a\\xe9b\\xc3(\\xc0\\xaf\\xed\\xa0\\x80\\xe2\\x82")
        #expect(SafeText.escaped(bytes: Array("é\u{1b}".utf8)) == "é\\x1b")
    }

    @Test func jsonEscapesEverythingATerminalWouldObey() {
        let json = JSONValue.object([("k\"", .string("a\u{1b}b\u{202E}c\u{85}\n"))]).serialized()
        #expect(json == #"{"k\"":"a\u001bb\u202ec\u0085\n"}"#)
    }
}
