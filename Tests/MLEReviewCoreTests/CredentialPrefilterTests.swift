import Foundation
@testable import MLEReviewCore
import Testing

/// The secrets rule checks a byte-level condition before its credential pattern (ICU was a fifth
/// of a scan). The condition must never turn away a statement the pattern would match: checked
/// on generated statements built from the pattern's own parts, and on near misses.
struct CredentialPrefilterTests {
    /// A small deterministic generator (the same cases on every run).
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func pick(_ options: [String]) -> String { options[next(options.count)] }
    }

    static let pattern = try! NSRegularExpression(pattern: HintRules.credentialKey + #"[A-Za-z0-9_-]*["']?\s*[:=]\s*["']?([^"'\s,;}]{8,})"#)

    static func patternMatches(_ text: String) -> Bool {
        pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test func theByteConditionNeverRejectsAStatementThePatternMatches() {
        var g = Generator(state: 17)
        let keys = ["api_key", "API-KEY", "apikey", "secret", "Token", "PASSWORD", "passwd", "pwd", "db_pass", "access_key",
                    "private_key_id", "client-secret", "credential", "auth_key", "AccountKey", "key", "'key", "\"key", "monkey",
                    "tokenizer", "keys", "Secrets", "x_pwd2", "my_pass"]
        let between = ["", "_name", "-2", "\"", "'", " ", "  ", "\t", "\u{0B}", "_x\"", "s"]
        let operators = ["=", ":", "==", " = ", ": ", "=\u{0B}", "(", " ", ""]
        let values = ["\"abcdefgh\"", "'abcdefghij'", "abcdefgh", "abcdefg", "\"abc defgh\"", "a,bcdefghi", "abcd\u{0B}efgh",
                      "\"\"", "os.environ['X']", "12345678", "}abcdefghij", "abc;defghij", "get_token(config)", "\" spaced\""]
        var matched = 0, cases = 0
        for _ in 0..<20_000 {
            let prefix = g.pick(["", "    ", "x = ", "{\"", "cfg.", "export "])
            let text = prefix + g.pick(keys) + g.pick(between) + g.pick(operators) + g.pick(["", " ", "  "]) + g.pick(values) + g.pick(["", ")", ",", " # note"])
            let statement = Statement(text: text, addedLine: 1, index: 0, lines: 1...1, indent: 0)
            cases += 1
            guard Self.patternMatches(text) else { continue }
            matched += 1
            #expect(HintRules.mayAssignCredential(statement), "the byte condition turned away a match: \(text.debugDescription)")
        }
        // The generator must produce both kinds, or the test proves nothing.
        #expect(matched > 2_000 && cases - matched > 2_000, "matched \(matched) of \(cases)")
    }

    @Test func itTurnsAwayTheCommonNonCredentialStatements() {
        for text in ["tokens = f(x)", "for key in config.keys():", "self.secret_sauce()", "x = d[key]",
                     "if password is None:", "key = f(x)"] {
            let statement = Statement(text: text, addedLine: 1, index: 0, lines: 1...1, indent: 0)
            #expect(!Self.patternMatches(text))
            #expect(!HintRules.mayAssignCredential(statement), "\(text)")
        }
    }
}
