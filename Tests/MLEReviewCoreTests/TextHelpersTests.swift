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

/// Inside MLEReviewCore plain `contains`, `range(of:)` and `replacingOccurrences` search bytes
/// (ByteSearch.swift): the same answers as Foundation's on the text rules read.
struct ByteSearchTests {
    static let texts = ["", "x", "fit(x)", "model.fit(X_train, y_train)", "api_key = \"abcd1234efgh\"", "  a  b  ", "naïve café ⇒ done",
                        "self.threshold>0.5 and score<0.3", "aaaa", "key=key=key"]
    static let needles = ["fit", "(", "key", "=", "a", "aa", "  ", "é", "⇒", "zz", "done"]

    @Test func containsRangeAndReplaceAnswerAsFoundation() {
        func offset(_ s: String, _ r: Range<String.Index>?) -> Int? { r.map { s.utf8.distance(from: s.utf8.startIndex, to: $0.lowerBound) } }
        for text in Self.texts {
            for needle in Self.needles {
                let foundation = text.range(of: needle, options: [])
                #expect(text.contains(needle) == (foundation != nil), "\(needle) in \(text)")
                #expect(offset(text, text.range(of: needle)) == offset(text, foundation), "\(needle) in \(text)")
                #expect(text.replacingOccurrences(of: needle, with: "<>") == text.replacingOccurrences(of: needle, with: "<>", options: [], range: nil))
                let sub = text.dropFirst()
                #expect(sub.contains(needle) == (sub.range(of: needle, options: []) != nil), "\(needle) in \(sub)")
            }
        }
    }

    @Test func anEmptyNeedleIsFoundNowhereAsWithFoundation() {
        #expect(!"abc".contains(""))
        #expect("abc".range(of: "") == nil)
        #expect("abc".replacingOccurrences(of: "", with: "x") == "abc")
    }

    @Test func bytesAreMatchedAsWritten() {
        // Foundation would take the decomposed é as another character than e; code is matched as bytes.
        #expect("cafe\u{301}".contains("cafe"))
    }

    @Test func aCompiledPatternMatchesAsRangeOfWithARegularExpression() {
        let pattern = HintRules.credentialKey + #"[A-Za-z0-9_-]*["']?\s*[:=]\s*["']?([^"'\s,;}]{8,})"#
        let compiled = CompiledPattern(pattern)
        for text in ["key: abcdefgh123", "x = 1; api_key = 'abcdefgh123'", "token=short", "KEY = \"ABCDEFGH1234\" and key=zzzzzzzzzz"] {
            var from = text.startIndex, ours: [Range<String.Index>] = [], theirs: [Range<String.Index>] = []
            while let r = compiled.firstRange(in: text, from: from) { ours.append(r); from = r.upperBound }
            from = text.startIndex
            while let r = text.range(of: pattern, options: .regularExpression, range: from..<text.endIndex) { theirs.append(r); from = r.upperBound }
            #expect(ours == theirs, "\(text)")
        }
    }

    @Test func asciiTrimmingIsFoundationsTrimming() {
        for text in ["(0.5)", " ( 3 ) ", "\"key\",", "é(", "", "((("] {
            #expect(text.trimming(ascii: " ()\",") == text.trimmingCharacters(in: [" ", "(", ")", "\"", ","]))
        }
    }
}

/// Import aliases written out where a statement calls through them, and nowhere else.
struct AliasResolutionTests {
    let table = AliasTable(SourceFile.aliases(in: [
        "import numpy as np", "from sklearn.model_selection import train_test_split as tts", "from torch import load",
        "import joblib as jl",
    ]))

    @Test(arguments: [
        ("np.random.seed(0)", "numpy.random.seed(0)"),
        ("X_train, X_test = tts(X, y)", "X_train, X_test = train_test_split(X, y)"),
        ("model = load(path)", "model = torch.load(path)"),
        ("m = jl.load(p); n = np.zeros(3)", "m = joblib.load(p); n = numpy.zeros(3)"),
        // Inside a word, after a dot, or not called: left alone.
        ("inputs.shape", "inputs.shape"), ("x.np(1)", "x.np(1)"), ("np = 3", "np = 3"), ("snp.load(f)", "snp.load(f)"),
        ("y = f(np)", "y = f(np)"), ("# café np.load(", "# café numpy.load("), ("np.", "numpy."), ("(np(", "(numpy("),
        ("", ""),
    ])
    func rewrites(_ code: String, _ expected: String) {
        #expect(SourceFile.resolve(code, table) == expected)
    }
}

/// The data flow's small readers, on ASCII code (read as bytes) and on code that is not.
struct DataFlowReaderTests {
    @Test(arguments: [
        ("RandomForestClassifier(n_estimators=10)", "RandomForestClassifier"), ("ensemble.RandomForestClassifier()", "RandomForestClassifier"),
        ("a.b.(x)", "b"), ("...(x)", ""), ("(x)", nil), ("f(x)(y)", "f"), ("x + f(y)", nil), ("x", nil), ("modèle.Forêt(3)", "Forêt"),
        ("a b(c)", nil),
    ] as [(String, String?)])
    func constructor(_ value: String, _ expected: String?) {
        #expect(DataFlow.constructor(value) == expected)
    }

    @Test(arguments: [
        ("parts[\"train\"][\"X\"]", ["train", "X"]), ("d['test']", ["test"]), ("x[0][\"a\"]", ["a"]), ("x[\"open", []),
        ("d[\"é\"]['b']", ["é", "b"]), ("y[ 'a']", []),
    ])
    func subscriptKeys(_ code: String, _ expected: [String]) {
        #expect(DataFlow.subscriptKeys(code) == expected)
    }

    @Test(arguments: [("X_train", true), ("x1", true), ("données", true), ("a.b", false), ("a b", false), ("", true), ("x-y", false)])
    func names(_ text: String, _ expected: Bool) {
        #expect(PythonCode.isName(text) == expected)
    }
}
