/// The brief's one-line `Tests run:` form, written by the text export and read by the text
/// import: entries separated by `;`, each `COMMAND (OUTCOME[: summary][; explained: why])`.
/// A command reads as it was run: only what would split the line is escaped with `\`: a `;`,
/// `(` or `)` outside the command's shell quotes, and a backslash before a special. A command
/// whose quotes do not pair up (an apostrophe after a word, "ran Bo's script", is not a quote)
/// has every special escaped, and reads back the same; so do lines older versions wrote.
public enum TestRunLine {
    /// What `\` escapes; a backslash before anything else is the command's own. Quotes are
    /// among them so that a command whose quotes do not pair up can have them escaped, and a
    /// shell's `\'` keeps its quote from reading as one.
    static let specials: Set<Character> = ["\\", ";", "(", ")", "'", "\""]

    public static func render(_ runs: [TestRun]) -> String {
        guard !runs.isEmpty else { return "none recorded" }
        return runs.map(entry).joined(separator: "; ")
    }

    static func entry(_ t: TestRun) -> String {
        let command = escapeCommand(TextExport.oneLine(t.command))
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
            // Prose with several claims in one entry: each clause is read as a line of its own
            // (a trailing group belongs to the last).
            let clauses = TestRunProse.clauses(entry)
            if clauses.count > 1 {
                for (k, clause) in clauses.enumerated() {
                    runs += parse(k == clauses.count - 1 ? clause + (raw.group.map { " (" + $0 + ")" } ?? "") : clause, recordedBy: recordedBy)
                }
                continue
            }
            if raw.group == nil, let skipped = TestRunProse.notRun(unescape(entry), recordedBy: recordedBy) {
                runs.append(skipped)
                continue
            }
            // Exported and free-text lines the earlier format wrote: `cmd — outcome: summary`.
            if raw.group == nil, let old = TextImport.testRun(unescape(entry), recordedBy: recordedBy) {
                runs.append(old)
                continue
            }
            guard let group = raw.group else { continue }
            let command = codeSpanRemoved(unescape(entry))
            var inside = group, explanation: String?
            // "; reported by ai.txt": the file it came from is said again by whoever imports it.
            if let r = inside.range(of: "; reported by ", options: .backwards) {
                inside = String(inside[..<r.lowerBound])
            }
            // "; ran at abc1234": the run was made by mle-review where it was exported; read back,
            // the file is the evidence, so it is a reported run.
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

    /// `` `pytest -q` ``, as Markdown shows a command: the command inside.
    static func codeSpanRemoved(_ command: String) -> String {
        guard command.count >= 2, command.hasPrefix("`"), command.hasSuffix("`") else { return command }
        let inner = command.dropFirst().dropLast()
        return inner.contains("`") || inner.trimmingSpaces().isEmpty ? command : String(inner).trimmingSpaces()
    }

    /// The brief's outcome words, and the words people write for them (kept as the summary).
    static func outcome(of word: String) -> (TestOutcome, String?) {
        let w = word.lowercased()
        if let o = TestOutcome(rawValue: w) { return (o, nil) }
        switch w {
        case "pass", "ok", "green", "succeeded", "success", "clean": return (.passed, word)
        case "fail", "failing", "failure", "red": return (.failed, word)
        case "error", "errors": return (.errored, word)
        default: return (w.contains("fail") ? .failed : w.contains("error") ? .errored : w.contains("pass") ? .passed : .skipped, word)
        }
    }

    struct Raw { var text: String; var group: String? }

    /// A shell-like reading of a command, shared by writing and reading so both agree on what
    /// is quoted: `'…'` and `"…"` quote; a `'` between two letters is an apostrophe ("Bo's");
    /// outside single quotes a backslash and the character after it are a pair (`\'` quotes
    /// nothing).
    struct Quotes {
        var quote: Character? = nil

        /// A `'` after a letter and before a letter, a space or the end, as in prose ("Bo's",
        /// "the students' eval"): where a quote would open, it is not one.
        static func isApostrophe(_ chars: [Character], _ i: Int) -> Bool {
            guard chars[i] == "'", i > 0, chars[i - 1].isLetter else { return false }
            return i + 1 == chars.count || chars[i + 1].isLetter || chars[i + 1] == " "
        }

        /// Whether the character at `i` opens or closes a quote (and so is not a special).
        mutating func toggles(_ chars: [Character], _ i: Int) -> Bool {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil; return true }
                return false
            }
            if (c == "'" && !Self.isApostrophe(chars, i)) || c == "\"" { quote = c; return true }
            return false
        }
    }

    /// The command with only what would split the line escaped; every special escaped when its
    /// quotes do not pair up. A backslash is doubled only before a special (or at the end), so
    /// `'\''` stays as it is.
    static func escapeCommand(_ command: String) -> String {
        let chars = Array(command)
        var out = "", q = Quotes(), i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                guard i + 1 < chars.count else { out += "\\\\"; i += 1; continue }
                let n = chars[i + 1]
                // In single quotes a backslash escapes nothing: it stands alone.
                if q.quote == "'" { out += specials.contains(n) ? "\\\\" : "\\"; i += 1; continue }
                // A shell escape pair, as it is. Before a special the backslash is doubled and
                // what it escapes follows: a quote as it is (the reader takes it as the pair's),
                // a separator escaped where it would split the line.
                if !specials.contains(n) { out += "\\" + String(n); i += 2; continue }
                let quoteChar = n == "'" || n == "\""
                out += "\\\\" + (quoteChar ? String(n) : q.quote == nil || n == "\\" ? "\\" + String(n) : String(n))
                i += 2
                continue
            }
            if q.toggles(chars, i) || q.quote != nil || Quotes.isApostrophe(chars, i) { out.append(c); i += 1; continue }
            if specials.contains(c) { out.append("\\") }
            out.append(c)
            i += 1
        }
        guard q.quote == nil else { return command.map { specials.contains($0) ? "\\" + String($0) : String($0) }.joined() }
        return out
    }

    /// Splits on unescaped `;` outside quotes and parentheses; an entry's trailing `( … )` is its
    /// group. A line whose quotes do not pair up (prose with a stray quote, an older export) is
    /// read again without quotes.
    static func split(_ t: String, quotes: Bool = true) -> [Raw] {
        let chars = Array(t)
        var out: [Raw] = []
        var text = "", group: String?, trailing = "", inGroup = "", depth = 0, q = Quotes(), i = 0
        // A group followed by more of the command was part of it: put back exactly as it was.
        func foldBack() {
            if let g = group { text += "(" + g + ")" + trailing }
            group = nil; trailing = ""
        }
        func flush() {
            out.append(Raw(text: text, group: group))
            text = ""; group = nil; trailing = ""; inGroup = ""
        }
        while i < chars.count {
            let c = chars[i]
            if depth > 0 {
                if c == "\\", i + 1 < chars.count { inGroup.append(c); inGroup.append(chars[i + 1]); i += 2; continue }
                if c == "(" { depth += 1 }
                if c == ")" {
                    depth -= 1
                    if depth == 0 { group = inGroup; trailing = ""; i += 1; continue }
                }
                inGroup.append(c)
                i += 1
                continue
            }
            if c == " ", group != nil { trailing.append(c); i += 1; continue }
            if c == "\\", i + 1 < chars.count {
                foldBack()
                let n = chars[i + 1]
                if specials.contains(n) {
                    text += "\\" + String(n)
                    i += 2
                    // A backslash of the command: outside single quotes it escaped what follows.
                    if n == "\\", quotes, q.quote != "'", i < chars.count {
                        if chars[i] == "\\", i + 1 < chars.count, specials.contains(chars[i + 1]) {
                            text += "\\" + String(chars[i + 1]); i += 2
                        } else {
                            text.append(chars[i]); i += 1
                        }
                    }
                    continue
                }
                // A backslash the writer left as it was: a shell escape pair outside single quotes.
                text.append(c)
                i += 1
                if quotes, q.quote != "'" { text.append(n); i += 1 }
                continue
            }
            if quotes, q.toggles(chars, i) || q.quote != nil { foldBack(); text.append(c); i += 1; continue }
            if c == ";" { flush(); i += 1; continue }
            if c == "(" {
                foldBack()
                depth = 1; inGroup = ""
                i += 1
                continue
            }
            foldBack()
            text.append(c)
            i += 1
        }
        if quotes, q.quote != nil { return split(t, quotes: false) }
        if depth > 0 { foldBack(); text += "(" + inGroup }
        flush()
        return out
    }

    /// Drops the backslash of an escape; a backslash before anything else is kept.
    static func unescape(_ s: String) -> String {
        let chars = Array(s)
        var out = "", i = 0
        while i < chars.count {
            if chars[i] == "\\", i + 1 < chars.count, specials.contains(chars[i + 1]) { out.append(chars[i + 1]); i += 2; continue }
            out.append(chars[i])
            i += 1
        }
        return out
    }
}
