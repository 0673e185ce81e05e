import Foundation

/// The brief's finding blocks as AI reviewers render them in Markdown: headings, lists and bold
/// around the same lines, and the severity after the title rather than before it
/// (`### 1. Scaler fitted before the split (High)`, or the title then a `Severity: High` line).
extension TextImport {
    /// A line without its Markdown: heading marks, quote marks, a list's bullet or number, bold.
    static func markdownBare(_ trimmed: String) -> String {
        var rest = Substring(trimmed).drop { "#*> ".contains($0) }
        if let first = rest.first, "-+".contains(first), rest.dropFirst().first == " " {
            rest = rest.dropFirst(2)
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            let after = rest.dropFirst(digits.count)
            if !digits.isEmpty, digits.count <= 3, let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " {
                rest = after.dropFirst(2)
            }
        }
        return String(rest.drop { "*_ ".contains($0) })
    }

    /// Text as Markdown shows it: a backslash before ASCII punctuation (`num\\_val`, as
    /// mle-review's own Markdown export escapes it) is dropped outside code spans, `&lt;`,
    /// `&gt;` and `&amp;` are the characters, `<br>` a line break.
    static func markdownUnescaped(_ s: String) -> String {
        guard s.contains("\\") || s.contains("&") || s.contains("<br>") else { return s }
        var out = "", escaped = false, inCode = false
        for ch in s.replacingOccurrences(of: "<br>", with: "\n") {
            if escaped {
                if !(ch.isASCII && ch.isPunctuation || ch.isASCII && ch.isSymbol) { out.append("\\") }
                out.append(ch)
                escaped = false
                continue
            }
            if ch == "`" { inCode.toggle() }
            if ch == "\\" && !inCode { escaped = true; continue }
            out.append(ch)
        }
        if escaped { out.append("\\") }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// How deep a list item (`- `, `* `, `+ `, `1. `, `2) `) is indented; nil for any other line.
    static func listIndent(_ line: String) -> Int? {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " { return indent }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        let after = rest.dropFirst(digits.count)
        guard !digits.isEmpty, digits.count <= 3, let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " else { return nil }
        return indent
    }

    /// What follows a finding's place on its title line (`— \`a.py:10\`: what is wrong`), or "".
    static func wordsAfterPlace(_ rest: String) -> String {
        let t = String(rest.drop { " —–-:|".contains($0) })
        let ns = t as NSString
        // A file's place, not `pickle.load` in code marks.
        guard let m = WrittenLocation.mention.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)),
              ["", "("].contains(ns.substring(to: m.range.location).trimmingSpaces()),
              WrittenLocation.mentioned(in: ns.substring(with: m.range)) != nil else { return t.trimmingSpaces() }
        return String(ns.substring(from: NSMaxRange(m.range)).drop { " —–-:;,.|)".contains($0) }).trimmingSpaces()
    }

    /// A plain point that names its place (`The threshold is hard-coded (\`predict.py:21\`); …`):
    /// titled by its first sentence without the place.
    static func plainPoint(_ text: String) -> (title: String, place: Location)? {
        guard let place = WrittenLocation.mentioned(in: text) else { return nil }
        let sentence = FindingListImport.firstSentence(text)
        let ns = sentence as NSString
        guard let m = WrittenLocation.mention.matches(in: sentence, range: NSRange(location: 0, length: ns.length))
            .first(where: { WrittenLocation.mentioned(in: ns.substring(with: $0.range)) != nil }) else { return (sentence, place) }
        var (start, end) = (m.range.location, NSMaxRange(m.range))
        if start > 0, end < ns.length, ns.character(at: start - 1) == 0x28, ns.character(at: end) == 0x29 { (start, end) = (start - 1, end + 1) }
        var before = ns.substring(to: start).trimmingSpaces()
        let after = ns.substring(from: end).trimmingSpaces()
        // "… logged in `a.py:20`": the place's own little word goes with it.
        for word in [" in", " at", " on", " see"] where before.hasSuffix(word) && (after.isEmpty || after.first!.isPunctuation) {
            before = String(before.dropLast(word.count))
        }
        let title = after.isEmpty || after.first!.isPunctuation ? before + after : before + " " + after
        // `` `app.py:11` — returning … ``: the place opened it, and its dash goes with it.
        let trimmed = String(title.trimmingSpaces().drop { " :;,—–-".contains($0) }.reversed().drop { " :;,—–-".contains($0) }.reversed())
        guard !trimmed.isEmpty else { return (sentence, place) }
        return (before.isEmpty ? trimmed.capitalizingFirst() : trimmed, place)
    }

    /// A value without its bold or code marks (`**BLOCK**`, `` `HIGH` ``).
    static func markless(_ value: String) -> String { value.filter { $0 != "*" && $0 != "`" } }

    /// A line that can title a finding: a heading, a numbered item, or a line all in bold.
    static func isTitleLine(_ trimmed: String) -> Bool {
        if trimmed.hasPrefix("#") { return true }
        if trimmed.count > 4, trimmed.hasPrefix("**"), trimmed.hasSuffix("**") { return true }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let after = trimmed.dropFirst(digits.count)
        return !digits.isEmpty && digits.count <= 3 && (after.hasPrefix(". ") || after.hasPrefix(") "))
    }

    /// A finding titled the other way round: the severity in brackets at the title's end, after
    /// a dash at its end (`… — **High**`) or before it (`🔴 High: …`, `**Critical** — …`), or a
    /// `Severity:` line among the lines under it (before the next title).
    static func titledFinding(_ lines: [Substring], at index: Int) -> (Severity, String)? {
        let trimmed = String(lines[index]).trimmingSpaces()
        guard isTitleLine(trimmed) else { return nil }
        var title = Substring(markdownBare(trimmed))
        while let last = title.last, "*_ ".contains(last) { title = title.dropLast() }
        if let found = severityBesideTitle(String(title)) ?? severityInBrackets(title) { return found }
        for next in lines.dropFirst(index + 1).prefix(8) {
            let t = String(next).trimmingSpaces()
            // A list of fields may start after a blank line under its heading.
            if t.isEmpty { continue }
            if isTitleLine(t) { break }
            guard let (key, value) = keyValue(markdownBare(t)), key == "severity" else { continue }
            guard let severity = Severity(loose: markless(value)) else { return nil }
            let name = String(title).trimmingSpaces()
            return name.isEmpty ? nil : (severity, name)
        }
        return nil
    }

    /// `… (High)`, `… [HIGH]`, `… (severity: high)` at a title's end.
    static func severityInBrackets(_ title: Substring) -> (Severity, String)? {
        guard let close = title.last, close == ")" || close == "]", let open = title.lastIndex(of: close == ")" ? "(" : "[") else { return nil }
        var word = title[title.index(after: open)..<title.index(before: title.endIndex)].trimmingSpaces()
        if word.lowercased().hasPrefix("severity:") { word = String(word.dropFirst("severity:".count)) }
        guard let severity = Severity(loose: word) else { return nil }
        let rest = title[..<open].trimmingSpaces()
        let name = String(Substring(rest).reversed().drop { " -—:*".contains($0) }.reversed())
        return name.isEmpty ? nil : (severity, name)
    }

    /// A list item (or line) whose bold opening phrase carries the severity, the rest of the line
    /// saying what and where: `1. **Data leakage (High):** The scaler … in \`train.py\` line 26.`,
    /// `- **PII logging — Medium** – \`predict.py:20\` logs the email.`
    static func boldTitledFinding(_ trimmed: String) -> (severity: Severity, title: String, rest: String)? {
        guard let (bold, after) = boldOpening(trimmed) else { return nil }
        var title = Substring(bold)
        while let last = title.last, ": ".contains(last) { title = title.dropLast() }
        let rest = String(after.drop { ":–—- ".contains($0) })
        // `- **High** — \`train.py:15\`: the scaler is fit …`: the bold phrase is the severity
        // alone; what follows says where and what, and titles it.
        if let severity = Severity(loose: String(title.drop { !$0.isLetter })), !rest.isEmpty {
            return (severity, plainPoint(rest)?.title ?? FindingListImport.firstSentence(rest), rest)
        }
        guard let (severity, name) = severityInBrackets(title) ?? severityBesideTitle(String(title)) else { return nil }
        return (severity, name, rest)
    }

    /// A line's bold opening phrase (after a list's bullet or number) and what follows it.
    static func boldOpening(_ trimmed: String) -> (bold: String, after: String)? {
        var rest = Substring(trimmed)
        if let first = rest.first, "-+*".contains(first), rest.dropFirst().first == " " { rest = rest.dropFirst(2) }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let mark = rest.dropFirst(digits.count).first, mark == "." || mark == ")" {
            rest = rest.dropFirst(digits.count + 1).drop { $0 == " " }
        }
        guard rest.hasPrefix("**"), let close = rest.dropFirst(2).range(of: "**") else { return nil }
        let bold = markdownBare(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound])).trimmingSpaces()
        return bold.isEmpty ? nil : (bold, rest[close.upperBound...].trimmingSpaces())
    }

    static let severityAtEnd = try! NSRegularExpression(
        pattern: #"^(.*?\S)\s*(?:[—–|]|\s-)\s*(?:severity:\s*)?(critical|high|medium|low)$"#, options: [.caseInsensitive])
    static let severityAtStart = try! NSRegularExpression(
        pattern: #"^[^\p{L}\p{N}`]*(critical|high|medium|low)(?:\s+severity)?\s*(?:[:|]|\s[—–-])\s*(\S.*)$"#, options: [.caseInsensitive])

    /// `Title — High`, `Title - **HIGH**`, `High: Title`, `🔴 **Critical** — Title`: the severity
    /// beside the title after a dash or a bar, or before it with a colon too (a hyphen inside a
    /// word, `High-level`, is not one; `Overall risk: low` at a title's end is not a finding).
    static func severityBesideTitle(_ title: String) -> (Severity, String)? {
        let plain = title.filter { $0 != "*" }
        let ns = plain as NSString, whole = NSRange(location: 0, length: ns.length)
        if let m = severityAtEnd.firstMatch(in: plain, range: whole), let s = Severity(loose: ns.substring(with: m.range(at: 2))) {
            let name = ns.substring(with: m.range(at: 1)).trimmingSpaces()
            return name.isEmpty ? nil : (s, name)
        }
        if let m = severityAtStart.firstMatch(in: plain, range: whole), let s = Severity(loose: ns.substring(with: m.range(at: 1))) {
            let name = ns.substring(with: m.range(at: 2)).trimmingSpaces()
            return name.isEmpty ? nil : (s, name)
        }
        return nil
    }

    /// A title that opens with one of the brief's four severities, as the brief writes a finding
    /// (`[HIGH] Scaler leak`) or as a label (`HIGH: Scaler leak`, `High - …`): the severity and the
    /// rest. Nil otherwise (`Highly skewed labels` opens with no severity).
    public static func severityTyped(_ title: String) -> (Severity, String)? {
        let t = title.trimmingSpaces()
        if let (word, rest) = header(t), let s = Severity(loose: word), !rest.isEmpty { return (s, rest) }
        let ns = t as NSString
        guard let m = severityLabel.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)),
              let s = Severity(loose: ns.substring(with: m.range(at: 1))) else { return nil }
        return (s, ns.substring(with: m.range(at: 2)))
    }
    static let severityLabel = try! NSRegularExpression(pattern: #"^(critical|high|medium|low)\s*(?:[:—–]|\s-)\s*(\S.*)$"#, options: [.caseInsensitive])

    /// A title that opens with its place (`train.py:26 — Scaler fitted …`, `` `a.py:3`: … ``) or
    /// ends with it in brackets (`Threshold hard-coded (predict.py:21)`), without it; the title
    /// as it is when the place is another file or nothing would be left.
    static func titleWithoutPlace(_ title: String, path: String) -> String {
        let ns = title as NSString
        let whole = NSRange(location: 0, length: ns.length)
        for (pattern, placeGroup, restGroup) in [(placeOpening, 1, 2), (placeClosing, 2, 1)] {
            guard let m = pattern.firstMatch(in: title, range: whole) else { continue }
            let place = ns.substring(with: m.range(at: placeGroup)), rest = ns.substring(with: m.range(at: restGroup)).trimmingSpaces()
            guard !rest.isEmpty, WrittenLocation.parse(place)?.path == path else { continue }
            return rest.capitalizingFirst()
        }
        return title
    }
    static let placeOpening = try! NSRegularExpression(pattern: #"^`?([\w./-]+\.[A-Za-z]\w*(?::L?\d+(?:-L?\d+)?)?)`?\s*(?:[—–:|]|\s-)\s*(.+)$"#)
    static let placeClosing = try! NSRegularExpression(pattern: #"^(.+?)\s*\(`?([\w./-]+\.[A-Za-z]\w*(?::L?\d+(?:-L?\d+)?)?)`?\)$"#)

    /// A heading that names one file and nothing else (`## \`serving/predict.py\``): the
    /// findings under it are in that file.
    static func fileHeading(_ bare: String) -> String? {
        var t = Substring(markless(bare).trimmingSpaces())
        while let last = t.last, ":*_ ".contains(last) { t = t.dropLast() }
        guard !t.isEmpty, !t.contains(where: \.isWhitespace), let ext = t.split(separator: ".").last, t.contains("."),
              WrittenLocation.sourceExtensions.contains(ext.lowercased()) else { return nil }
        return String(t)
    }

    /// `Line 26`, `Lines 3-5`, `L9`, `L9-L12`: a title that only says which line.
    static func lineReference(_ title: String) -> (Int, Int?)? {
        let t = markless(title).lowercased().replacingOccurrences(of: "\u{2013}", with: "-").trimmingSpaces()
        let ns = t as NSString
        guard let m = lineReferencePattern.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)),
              let first = Int(ns.substring(with: m.range(at: 1))) else { return nil }
        let last = m.range(at: 2).location != NSNotFound ? Int(ns.substring(with: m.range(at: 2))) : nil
        return (first, last.flatMap { $0 > first ? $0 : nil })
    }
    static let lineReferencePattern = try! NSRegularExpression(pattern: #"^(?:lines?\s*|l)(\d+)(?:\s*-\s*l?(\d+))?$"#)

    /// A heading that groups findings by severity, as AI reviewers write their reviews
    /// (`## High`, `### 🔴 Critical / High`, `## Major issues`, `### P2 — should fix`): the
    /// severity its findings take (the worst it names), or nil for any other heading.
    static func severityGroup(_ bare: String) -> Severity? {
        let words = bare.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        // Priorities as reviewers name them: what blocks the merge, what should be fixed,
        // what is optional (`### 🔴 Blocking`, `## Must fix`, `## Should fix`, `## Nice to have`).
        let phrase = " " + words.joined(separator: " ") + " "
        for (words, severity) in priorityPhrases where phrase.contains(" " + words + " ") {
            let rest = phrase.replacingOccurrences(of: " " + words + " ", with: " ").split(separator: " ")
            if rest.allSatisfy({ groupFiller.contains(String($0)) }) { return severity }
        }
        var found: [Severity] = []
        for word in words {
            if let s = groupSeverity[word] ?? groupSeverity[String(word.dropLast())] , word.count > 1 { found.append(s); continue }
            guard groupFiller.contains(word) else { return nil }
        }
        return found.min()
    }

    /// Severity words a heading groups by: not all of `Severity(word:)`'s, for a `## Notes` or
    /// `## Errors` heading is no severity.
    static let groupSeverity: [String: Severity] = [
        "critical": .critical, "blocker": .critical, "p0": .critical,
        "high": .high, "major": .high, "p1": .high,
        "medium": .medium, "moderate": .medium, "p2": .medium,
        "low": .low, "minor": .low, "nit": .low, "nitpick": .low, "p3": .low,
    ]
    static let priorityPhrases: [(String, Severity)] = [
        ("blocking", .high), ("must fix", .high), ("must fix before merge", .high), ("should fix", .medium),
        ("should be fixed", .medium), ("nice to have", .low), ("optional", .low),
    ]
    static let groupFiller: Set<String> = [
        "severity", "priority", "issue", "issues", "finding", "findings", "risk", "risks", "problem", "problems", "concern",
        "concerns", "and", "or", "to", "should", "must", "fix", "fixes", "level", "important", "suggestion", "suggestions",
        "before", "merge", "merging", "nice", "have",
    ]

    /// Under a severity heading, a line that titles a finding: a deeper heading, or a line (a
    /// list item, a numbered one) that opens with a bold phrase, what follows it being where
    /// (`**1. Scaler fitted before the split** (`train.py`, line 26)`). A bold label (`**Impact:**
    /// …`) is prose, and a key line (`**Decision:** BLOCK`) is read as one.
    static func groupedTitle(_ trimmed: String, under level: Int) -> (title: String, place: String)? {
        if trimmed.hasPrefix("#") {
            guard trimmed.prefix(while: { $0 == "#" }).count > level else { return nil }
            var title = Substring(markdownBare(trimmed))
            while let last = title.last, "*_ ".contains(last) { title = title.dropLast() }
            return title.isEmpty ? nil : (String(title), "")
        }
        guard let (bold, after) = boldOpening(trimmed), !bold.hasSuffix(":"), !after.hasPrefix(":"), keyValue(bold + after) == nil else { return nil }
        return (bold, after)
    }
}
