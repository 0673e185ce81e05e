import Foundation
@testable import MLEReviewCore
import Testing

/// The Foundation-free helpers the start-up path uses answer as the Foundation calls they replaced.
struct TextHelpersTests {
    @Test func environmentIsFoundationsEnvironment() {
        #expect(ProcessEnvironment.current == ProcessInfo.processInfo.environment)
        #expect(ProcessEnvironment.current["PATH"] != nil)
    }

    @Test(arguments: ["<!--", "-->", "**", "ab", "é"])
    func asciiSearchFindsWhatFoundationFinds(_ needle: String) {
        for text in ["", "ab", "x <!-- risk: leak --> y", "**Title**: text **b**", "--->", "<!-<!--", "café ab é", "ab\u{301}cd"] {
            let ours = text.firstRange(ofASCII: needle).map { text.distance(from: text.startIndex, to: $0.lowerBound) }
            let foundation = text.range(of: needle, options: .literal).map { text.distance(from: text.startIndex, to: $0.lowerBound) }
            if needle.utf8.allSatisfy({ $0 < 0x80 }) { #expect(ours == foundation, "\(needle) in \(text)") }
        }
        #expect("a<!-- b".dropFirst().firstRange(ofASCII: "<!--") != nil)
        #expect("<!-".firstRange(ofASCII: "<!--") == nil)
    }

    @Test func spacesCollapseOnlyWhereTwoMeet() {
        #expect("a  b   c".collapsingSpaces() == "a b c")
        #expect("a b c".collapsingSpaces() == "a b c")
        #expect("  ".collapsingSpaces() == " ")
        // A space carrying a combining mark is another character: kept.
        #expect(" \u{301} x".collapsingSpaces() == " \u{301} x")
    }

    @Test func slugsAreShortAsciiAndStable() {
        #expect(ChecklistParser.slug("Data Contract & Leakage") == "data-contract-leakage")
        #expect(ChecklistParser.slug("Évaluation — 2024") == "valuation-2024")
        #expect(ChecklistParser.slug("!!!") == "item")
        #expect(ChecklistParser.slug(String(repeating: "word ", count: 30)).utf8.count <= 48)
    }
}
