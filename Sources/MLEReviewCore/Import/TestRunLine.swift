/// The brief's one-line `Tests run:` form, written by the text export and read by the text
/// import: entries separated by `;`, each `COMMAND (OUTCOME[: summary][; explained: why])`.
/// A `;` or `\` inside a command is escaped with `\`, so any command survives the round trip.
public enum TestRunLine {
    public static func render(_ runs: [TestRun]) -> String {
        guard !runs.isEmpty else { return "none recorded" }
        return runs.map(entry).joined(separator: "; ")
    }

    static func entry(_ t: TestRun) -> String {
        var command = ""
        for c in TextExport.oneLine(t.command) {
            if c == ";" || c == "\\" || c == "(" || c == ")" { command.append("\\") }
            command.append(c)
        }
        var inside = t.outcome.rawValue
        if !t.summary.isEmpty { inside += ": " + escapeInside(TextExport.oneLine(t.summary)) }
        if let e = t.explanation, !e.isEmpty { inside += "; explained: " + escapeInside(TextExport.oneLine(e)) }
        // A run mle-review made itself says so (and where); a reported one does not.
        if let ran = t.ran { inside += "; ran" + (ran.commit.map { " at " + String($0.prefix(7)) } ?? "") }
        // A run an imported file claims says whose claim it is.
        if let file = t.importedFrom { inside += "; reported by " + escapeInside(TextExport.oneLine(file)) }
        return "\(command) (\(inside))"
    }

    /// Inside the parentheses only unbalanced parentheses and backslashes need escaping.
    static func escapeInside(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "\\" || c == "(" || c == ")" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Reads the line; entries whose outcome is not one of the brief's words keep the words as
    /// the summary and take the outcome they describe ("not available" is skipped).
    public static func parse(_ text: String, recordedBy: String?) -> [TestRun] {
        let t = text.trimmingSpaces()
        guard !t.isEmpty, !["none", "none recorded", "n/a", "not run"].contains(t.lowercased()) else { return [] }
        var runs: [TestRun] = []
        for raw in split(t) {
            let entry = raw.text.trimmingSpaces()
            guard !entry.isEmpty else { continue }
            // Exported and free-text lines the earlier format wrote: `cmd — outcome: summary`.
            if raw.group == nil, let old = TextImport.testRun(unescape(entry), recordedBy: recordedBy) {
                runs.append(old)
                continue
            }
            guard let group = raw.group else { continue }
            let command = unescape(entry)
            var inside = group, explanation: String?
            // "; ran at abc1234": the run was made by mle-review where it was exported; read back,
            // the file is the evidence, so it is a reported run.
            if let r = inside.range(of: "; reported by ", options: .backwards) {
                inside = String(inside[..<r.lowerBound])
            }
            if let r = inside.range(of: "; ran", options: .backwards),
               inside[r.upperBound...].isEmpty || inside[r.upperBound...].hasPrefix(" at ") {
                inside = String(inside[..<r.lowerBound])
            }
            if let r = inside.range(of: "; explained: ") {
                explanation = unescape(String(inside[r.upperBound...]))
                inside = String(inside[..<r.lowerBound])
            }
            let word: String, summary: String
            if let colon = inside.firstIndex(of: ":") {
                word = String(inside[..<colon]).trimmingSpaces()
                summary = unescape(String(inside[inside.index(after: colon)...]).trimmingSpaces())
            } else {
                word = inside.trimmingSpaces()
                summary = ""
            }
            let (outcome, extra) = outcome(of: word)
            let fullSummary = extra.map { summary.isEmpty ? $0 : "\($0): \(summary)" } ?? summary
            runs.append(TestRun(command: command, outcome: outcome, summary: fullSummary, explanation: explanation, recordedBy: recordedBy))
        }
        return runs
    }

    /// The brief's outcome words, and the words people write for them (kept as the summary).
    static func outcome(of word: String) -> (TestOutcome, String?) {
        let w = word.lowercased()
        if let o = TestOutcome(rawValue: w) { return (o, nil) }
        switch w {
        case "pass", "ok", "green", "succeeded", "success": return (.passed, word)
        case "fail", "failing", "failure", "red": return (.failed, word)
        case "error", "errors": return (.errored, word)
        default: return (w.contains("fail") ? .failed : w.contains("error") ? .errored : w.contains("pass") ? .passed : .skipped, word)
        }
    }

    struct Raw { var text: String; var group: String? }

    /// Splits on unescaped `;` outside parentheses; an entry's trailing `( … )` is its group.
    static func split(_ t: String) -> [Raw] {
        var out: [Raw] = []
        var text = "", group: String?, inGroup = "", depth = 0, escaped = false
        func flush() {
            out.append(Raw(text: text, group: group))
            text = ""; group = nil; inGroup = ""
        }
        for c in t {
            if escaped {
                if depth > 0 { inGroup.append("\\"); inGroup.append(c) } else { text.append("\\"); text.append(c) }
                escaped = false
                continue
            }
            if c == "\\" { escaped = true; continue }
            if depth == 0 {
                if c == ";" { flush(); continue }
                if c == "(" {
                    // A group ends the entry only if nothing but spaces follows it; otherwise
                    // it was part of the command and is folded back in below.
                    if group != nil { text += " (" + group! + ")"; group = nil }
                    depth = 1; inGroup = ""; continue
                }
                if group != nil && c != " " { text += " (" + group! + ")"; group = nil }
                text.append(c)
            } else {
                if c == "(" { depth += 1 }
                if c == ")" {
                    depth -= 1
                    if depth == 0 { group = inGroup; continue }
                }
                inGroup.append(c)
            }
        }
        if depth > 0 { text += "(" + inGroup }
        if escaped { text.append("\\") }
        flush()
        return out
    }

    static func unescape(_ s: String) -> String {
        var out = "", escaped = false
        for c in s {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            out.append(c)
        }
        if escaped { out.append("\\") }
        return out
    }
}
