@testable import MLEReviewCore
import Testing

/// The one-pass matcher finds exactly the words a byte search finds.
struct TriggerMatcherTests {
    @Test func findsWhatABytesSearchFinds() {
        // A small alphabet, so words overlap, nest and share prefixes and suffixes.
        var rng = SplitMix(state: 20261202)
        let alphabet = Array("abc(_.".utf8)
        for round in 0..<40 {
            var words: Set<[UInt8]> = []
            while words.count < 1 + round % 60 {
                words.insert((0..<(1 + Int.random(in: 0..<5, using: &rng))).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let list = Array(words)
            let matcher = TriggerMatcher(list)
            for _ in 0..<60 {
                let text = (0..<Int.random(in: 0..<40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
                let found = matcher.found(in: text)
                for (i, w) in list.enumerated() {
                    #expect(found.intersects(matcher.wordSets[i]) == Bytes.contains(text, w), "\(String(decoding: w, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self))")
                }
            }
        }
    }

    @Test func theRulesWordsAskTheRulesTheyBelongTo() {
        let rules = HintRules.all
        let prepared = PreparedTriggers(rules)
        let s = Statement(text: "X_train, X_test = train_test_split(X, y)", addedLine: 1, index: 0, lines: 1...1, indent: 0)
        let found = prepared.found(in: s)
        for (k, rule) in rules.enumerated() {
            let expected = rule.triggers.isEmpty || rule.triggers.contains { Bytes.contains(s.lowerBytes, $0) }
            #expect(prepared.mayMatch(rule: k, found) == expected, "\(rule.id)")
        }
    }
}
