import Foundation

/// Tests run as a review file lists them: the brief's `COMMAND — OUTCOME: summary`, free text
/// whose outcome is read from its words, and the Markdown export's list under `### Tests run`.
extension TextImport {
    /// `COMMAND — OUTCOME: summary (explained: why)` as exported, or free text whose outcome is
    /// read from its words ("12 passed", "1 failed").
    static func testRun(_ text: String, recordedBy: String?) -> TestRun? {
        var t = text.trimmingSpaces()
        // The Markdown export's `None recorded.` too.
        guard !t.isEmpty, !["none", "none recorded", "n/a", "not run"].contains(t.lowercased().trimming(ascii: ".")) else { return nil }
        var explanation: String?
        if t.hasSuffix(")"), let open = t.range(of: " (explained: ", options: .backwards) {
            explanation = String(t[open.upperBound..<t.index(before: t.endIndex)])
            t = String(t[..<open.lowerBound])
        }
        if let dash = t.range(of: " — ", options: .backwards) {
            let rest = t[dash.upperBound...]
            let word = rest.prefix { $0.isLetter }
            let command = TestRunLine.codeSpanRemoved(String(t[..<dash.lowerBound]).trimmingSpaces())
            if let outcome = TestOutcome(rawValue: String(word).lowercased()) {
                let summary = rest.dropFirst(word.count).drop { $0 == ":" || $0 == " " }
                return TestRun(command: command, outcome: outcome, summary: String(summary), explanation: explanation, recordedBy: recordedBy)
            }
            // `ruff check . — clean`: what happened in words of its own, after the command.
            let guessed = guessOutcome(String(rest))
            if guessed != .skipped {
                return TestRun(command: command, outcome: guessed, summary: String(rest).trimmingSpaces(), explanation: explanation, recordedBy: recordedBy)
            }
        }
        // Free text such as `pytest tests/ -q: 12 passed, 1 failed`: the command, then what happened.
        var command = t, summary = t
        if let colon = t.range(of: ": ", options: .backwards) {
            command = String(t[..<colon.lowerBound]).trimmingSpaces()
            summary = String(t[colon.upperBound...]).trimmingSpaces()
        }
        command = TestRunLine.codeSpanRemoved(command)
        // "I ran `pytest -q` and it passed", `"pytest -q" passed`: the quoted check is the
        // command, not the sentence around it (quotes and all).
        if let quoted = quotedCheck(in: command), quoted != command { command = quoted; summary = t }
        return TestRun(command: command, outcome: guessOutcome(t), summary: summary, explanation: explanation, recordedBy: recordedBy)
    }

    /// A run as the Markdown export lists it:
    /// `` `python eval.py`: **failed** — AUC 0.71 (explained: why) · reported by Ada, not run ``.
    static func exportedTestRun(_ item: String, recordedBy: String?) -> TestRun? {
        guard item.hasPrefix("`"), let mark = item.range(of: ": **"), let close = item[mark.upperBound...].range(of: "**"),
              let outcome = TestOutcome(rawValue: String(item[mark.upperBound..<close.lowerBound]).lowercased()) else { return nil }
        let command = TestRunLine.codeSpanRemoved(String(item[..<mark.lowerBound]))
        var rest = String(item[close.upperBound...])
        // Who ran or reported it: this file reports it now.
        if let by = rest.range(of: " · ", options: .backwards) { rest = String(rest[..<by.lowerBound]) }
        var explanation: String?
        if rest.hasSuffix(")"), let open = rest.range(of: " (explained: ", options: .backwards) {
            explanation = markdownUnescaped(String(rest[open.upperBound..<rest.index(before: rest.endIndex)]))
            rest = String(rest[..<open.lowerBound])
        }
        let summary = markdownUnescaped(String(rest.drop { " —".contains($0) }))
        return TestRun(command: command, outcome: outcome, summary: summary, explanation: explanation, recordedBy: recordedBy)
    }

    /// The first span in backticks or double quotes that starts with a check's command.
    static func quotedCheck(in text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "`" || $0 == "\"" }) {
            let mark = rest[open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: mark) else { return nil }
            let inner = after[..<close].trimmingSpaces()
            let first = inner.prefix { !$0.isWhitespace }.lowercased()
            if TestRunProse.tools.contains(first) { return inner }
            rest = after[after.index(after: close)...]
        }
        return nil
    }

    /// What a run's words say happened (`12 passed, 1 failed` failed; `not clean` is no pass);
    /// skipped when they say neither.
    public static func guessOutcome(_ text: String) -> TestOutcome {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        for (i, w) in words.enumerated() where ["failed", "failure", "failures", "fail", "failing", "error", "errors", "errored"].contains(String(w)) {
            if i > 0, words[i - 1] == "0" || words[i - 1] == "no" { continue }
            return w.hasPrefix("err") ? .errored : .failed
        }
        // "not clean", "no pass": a pass word after a negation is not a pass.
        for (i, w) in words.enumerated() where ["passed", "pass", "passes", "ok", "green", "succeeded", "clean"].contains(String(w)) {
            if i > 0, ["not", "no", "never"].contains(String(words[i - 1])) { continue }
            return .passed
        }
        return .skipped
    }
}
