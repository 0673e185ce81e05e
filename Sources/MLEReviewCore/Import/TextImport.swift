import Foundation

/// Reads what an AI reviewer following the reviewer brief prints: `[SEVERITY] title` blocks
/// with `File:`, `Issue:` and `Fix:` lines, then `Decision:`, `Primary risks:` and `Tests run:`.
/// Prose around them is ignored; a malformed block is refused naming its line. The same written
/// as Markdown reads the same (`TextImport+Markdown.swift`): headings, lists, bold, and the
/// severity after the title. A severity in brackets that starts no finding, or a location under
/// no finding, is refused, not dropped: an import that loses a reviewer's HIGH without a word is
/// worse than none.
public enum TextImport {
    public static func parse(_ text: String, name: String) throws(InputError) -> ImportedReview {
        var result = ImportedReview()
        var block: Block?
        var inTests = false
        // Runs listed under a `Tests run` heading: the blank line after the heading is no end.
        var testsUnderHeading = false
        // Findings grouped under a severity heading (`## High`) and its level.
        var group: (severity: Severity, level: Int, heading: String)?
        // Points under a severity heading that name no place: said, never glued to the one above.
        // A Markdown finding that names no file at all is said the same way, and the rest read:
        // one general point ("no drift monitoring anywhere") refused every other finding.
        var unplaced: [(line: Int, what: String)] = []
        // Findings grouped under a heading naming a file (`## \`train.py\``) and its level.
        var fileGroup: (path: String, level: Int)?
        let origin = Origin.imported(file: name)
        let isMarkdown = text.contains("**") || text.hasPrefix("#") || text.contains("\n#")

        func finish() throws(InputError) {
            guard var b = block else { return }
            block = nil
            // No File: line: the place the finding's own words name (`sample.py:42`, "in
            // `prepare.py` (lines 20-25)"), as Markdown reviews write it.
            if b.location == nil {
                b.location = WrittenLocation.mentioned(in: [b.place, b.title, b.fields["issue"] ?? "", b.fields["fix"] ?? ""].joined(separator: "\n"))
            }
            // Under a heading naming a file: `**Line 26 — High:** what …` is that file's line 26,
            // titled by what it says.
            if b.location == nil, let file = fileGroup?.path {
                b.location = Location(path: file)
                if let (first, last) = lineReference(b.title) {
                    b.location = Location(path: file, line: first, endLine: last)
                    let words = b.fields["issue"] ?? ""
                    let sentence = FindingListImport.firstSentence(words)
                    if !sentence.isEmpty { b.title = sentence.capitalizingFirst() }
                    // Said in one sentence: it is the title, not an issue too.
                    if words.count <= sentence.count + 1 { b.fields["issue"] = nil }
                }
            }
            if var l = b.location, l.line == nil, let lines = b.lines { (l.line, l.endLine) = lines; b.location = l }
            guard let location = b.location else {
                if b.markdown || b.saidNoPlace {
                    unplaced.append((b.line, "finding “[\(b.severity.rawValue)] \(markdownUnescaped(b.title))”"))
                    return
                }
                throw InputError("\(name):\(b.line): finding '[\(b.severity.rawValue)] \(b.title)' has no 'File: path:line' line")
            }
            // `[HIGH] train.py:26 — Scaler fitted …`: the place is the finding's File, not its title.
            b.title = titleWithoutPlace(b.title, path: location.path)
            var issue = b.fields["issue", default: ""].trimmingSpaces(), fix = b.fields["fix", default: ""].trimmingSpaces()
            // Markdown's escapes are not the reviewer's words (`num\_val` reads num_val).
            if isMarkdown { (b.title, issue, fix) = (markdownUnescaped(b.title), markdownUnescaped(issue), markdownUnescaped(fix)) }
            // A point said in one sentence is its title: not an issue repeating it too.
            if issue.trimming(ascii: ". ").lowercased() == b.title.lowercased() { issue = "" }
            // The finding's own `Risk:` line is given; otherwise the file's `Primary risks:` decide
            // below, once the whole file is read.
            result.findings.append(Finding(severity: b.severity, title: b.title, location: location, issue: issue, fix: fix,
                                           risk: b.risk ?? .other, status: b.status ?? .proposed, origin: origin,
                                           riskGuessed: b.risk == nil))
        }

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let table = try MarkdownTable.findings(in: lines, name: name, origin: origin)
        unplaced += table.unplaced
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            // A findings table's rows are read on their own (MarkdownTable); one ends a finding above it.
            if table.lines.contains(index) {
                try finish()
                inTests = false
                continue
            }
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let trimmed = line.trimmingSpaces()
            let bare = markdownBare(trimmed)

            if let (severityWord, title) = header(bare) {
                try finish()
                inTests = false
                guard let severity = Severity(loose: severityWord) else {
                    throw InputError("\(name):\(number): unknown severity '\(severityWord)' (expected CRITICAL, HIGH, MEDIUM or LOW)")
                }
                guard !title.isEmpty else { throw InputError("\(name):\(number): expected a title after [\(severity.rawValue)]") }
                block = Block(line: number, severity: severity, title: title)
                continue
            }
            if trimmed.hasPrefix("#") {
                let level = trimmed.prefix { $0 == "#" }.count
                // `### Tests run`, as the Markdown export heads its list of runs.
                if bare.trimmingSpaces().lowercased().trimming(ascii: ":") == "tests run" {
                    try finish()
                    group = nil
                    fileGroup = nil
                    inTests = true
                    testsUnderHeading = true
                    continue
                }
                // Any other heading ends a list of runs under `Tests run`.
                if testsUnderHeading { (inTests, testsUnderHeading) = (false, false) }
                if let severity = severityGroup(bare) {
                    try finish()
                    inTests = false
                    group = (severity, level, bare.trimmingSpaces())
                    continue
                }
                // The finding above is read in its group before the group ends.
                if let g = group, level <= g.level { try finish(); group = nil }
                if let f = fileGroup, level <= f.level { try finish(); fileGroup = nil }
                if let path = fileHeading(bare) {
                    try finish()
                    inTests = false
                    fileGroup = (path, level)
                    continue
                }
            }
            if let (severity, title) = titledFinding(lines, at: index) {
                try finish()
                inTests = false
                block = Block(line: number, severity: severity, title: title, markdown: true, numbered: trimmed.first?.isNumber == true,
                              listIndent: listIndent(line))
                continue
            }
            if let (severity, title, rest) = boldTitledFinding(trimmed) {
                try finish()
                inTests = false
                block = Block(line: number, severity: severity, title: title, markdown: true, numbered: trimmed.first?.isNumber == true,
                              listIndent: listIndent(line))
                block!.place = rest
                // What it says, without the place it opens with.
                let words = wordsAfterPlace(rest)
                if !words.isEmpty { block!.fields["issue"] = words; block!.lastField = "issue" }
                continue
            }
            if let g = group, let (title, place) = groupedTitle(trimmed, under: g.level) {
                try finish()
                inTests = false
                block = Block(line: number, severity: g.severity, title: title, markdown: true, numbered: trimmed.first?.isNumber == true,
                              listIndent: listIndent(line))
                block!.place = place
                // `**Email logged** — \`predict.py:20\`: every email goes to the log`: the words after the place are the issue.
                let words = wordsAfterPlace(place)
                if !words.isEmpty { block!.fields["issue"] = words; block!.lastField = "issue" }
                continue
            }
            // A paragraph after a blank line, no deeper than a list item's finding, is the
            // review's own prose (`Overall: request changes.`), not more of that finding.
            if let b = block, let k = b.listIndent, b.afterBlank, !trimmed.isEmpty, listIndent(line) == nil,
               line.prefix(while: { $0 == " " }).count <= k {
                try finish()
            }
            // A list item as deep as the finding's own title is the next point, not more of its
            // words; under a severity heading, a plain one is a finding of its own where it names
            // its place, and said where it names none.
            if let indent = listIndent(line), keyValue(bare) == nil,
               block.map({ b in b.listIndent.map { indent <= $0 } ?? false }) ?? (group != nil) {
                try finish()
                inTests = false
                if let g = group {
                    let text = markdownBare(trimmed).trimmingSpaces()
                    if let point = plainPoint(text) {
                        block = Block(line: number, severity: g.severity, title: point.title, location: point.place, markdown: true,
                                      numbered: trimmed.first?.isNumber == true, listIndent: indent)
                        block!.fields["issue"] = text
                        block!.lastField = "issue"
                    } else if !text.isEmpty {
                        unplaced.append((number, "a point under “\(g.heading)”: “\(text.clipped(to: 100))”"))
                    }
                    continue
                }
            }
            // A numbered finding is a list item: after a blank line, a bold label that is not
            // indented under it (`**Recommendation:** block until …`) is the review's own, not
            // the last finding's fix.
            if let b = block, b.numbered, b.afterBlank, trimmed.hasPrefix("**"), let (bold, after) = boldOpening(trimmed),
               bold.hasSuffix(":") || after.hasPrefix(":") {
                try finish()
            }
            // A heading that starts no finding ends the one above (a summary after the findings).
            if let b = block, b.markdown, trimmed.hasPrefix("#") || (b.numbered && isTitleLine(trimmed) && !trimmed.hasPrefix("**")) {
                try finish()
                continue
            }
            if let word = strandedSeverity(line) {
                throw InputError("\(name):\(number): '[\(word)]' does not start a finding; write '[\(word)] title' at the start of a line, with File:, Issue: and Fix: lines under it")
            }
            if let (key, value) = keyValue(bare) {
                switch key {
                // (A `where` clause binds only the pattern before it, so each key checks the block itself.)
                case "file", "location":
                    // `File: N/A` (or `-`, `general`): the writer says the point has no place.
                    if block != nil, !value.trimmingSpaces().isEmpty, WrittenLocation.namesNoPlace(value) {
                        block!.saidNoPlace = true
                        block!.lastField = nil
                        continue
                    }
                    let parsed = WrittenLocation.parse(value)
                    guard block != nil else {
                        // `File: a.py:3` with no finding above it: a finding written another way
                        // that would otherwise be lost unread.
                        if parsed?.line != nil {
                            throw InputError("\(name):\(number): a location outside any finding; a finding starts with '[SEVERITY] title' on the line before its File: line")
                        }
                        break
                    }
                    guard let loc = parsed else {
                        throw InputError("\(name):\(number): expected 'File: path:line', found '\(value)'")
                    }
                    block!.location = loc
                    block!.lastField = nil
                    continue
                case "line", "lines":
                    guard block != nil else { break }
                    let spec = markless(value).replacingOccurrences(of: "\u{2013}", with: "-").filter { !$0.isWhitespace }
                    let parts = spec.split(separator: "-").map { Int($0) }
                    guard let first = parts.first ?? nil, first > 0, parts.count <= 2, parts.allSatisfy({ $0 != nil }) else {
                        throw InputError("\(name):\(number): expected 'Line: N' or 'Lines: N-M', found '\(value)'")
                    }
                    block!.lines = (first, parts.count == 2 ? parts[1] : nil)
                    continue
                case "issue", "fix", "problem", "suggestion", "suggested fix", "recommendation":
                    guard block != nil else { break }
                    let field = ["problem", "issue"].contains(key) ? "issue" : "fix"
                    block!.fields[field] = value
                    block!.lastField = field
                    continue
                case "risk":
                    guard block != nil else { break }
                    block!.risk = RiskCategory(loose: value.replacingOccurrences(of: "(guessed)", with: ""))
                    block!.lastField = nil
                    continue
                case "by":
                    // Who wrote it (mle-review's Markdown export): not the fix's last line.
                    guard block != nil else { break }
                    block!.lastField = nil
                    continue
                case "severity":
                    // Read with its title (`titledFinding`); one that says otherwise than the
                    // block's own is refused, not settled silently either way.
                    guard block != nil else { break }
                    if let said = Severity(loose: markless(value)), said != block!.severity {
                        throw InputError("\(name):\(number): 'Severity: \(said.rawValue)' under '[\(block!.severity.rawValue)] \(block!.title)'; say one")
                    }
                    continue
                case "status":
                    guard block != nil else { break }
                    guard let status = FindingStatus(rawValue: value.lowercased()) else {
                        throw InputError("\(name):\(number): unknown status '\(value)' (expected open, resolved, dismissed or proposed)")
                    }
                    block!.status = status
                    continue
                case "decision":
                    try finish()
                    let word = markless(value)
                    guard let d = Decision(loose: word) else {
                        throw InputError("\(name):\(number): unknown decision '\(value)' (expected APPROVE, APPROVE WITH WARNINGS or BLOCK)")
                    }
                    result.decision = d
                    inTests = false
                    continue
                case "primary risks":
                    try finish()
                    result.primaryRisks = value.split(whereSeparator: { $0 == "," || $0 == "|" }).map { String($0).trimmingSpaces() }
                    inTests = false
                    continue
                case "tests run":
                    try finish()
                    inTests = true
                    // The brief's one-line form: `cmd (outcome); cmd (outcome: summary)`.
                    result.testsRun += TestRunLine.parse(value, recordedBy: "import:" + name)
                    continue
                default: break
                }
            }
            if inTests {
                if trimmed.isEmpty {
                    if !testsUnderHeading { inTests = false }
                    continue
                }
                let item = trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") ? String(trimmed.dropFirst(2)) : trimmed
                if testsUnderHeading {
                    // The list is over at its first line that is no item of it.
                    guard trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || item.lowercased().hasPrefix("none") else {
                        (inTests, testsUnderHeading) = (false, false)
                        continue
                    }
                    if let run = exportedTestRun(item, recordedBy: "import:" + name) { result.testsRun.append(run); continue }
                }
                if let run = testRun(item, recordedBy: "import:" + name) { result.testsRun.append(run) }
                continue
            }
            if block != nil {
                if trimmed.isEmpty {
                    block!.afterBlank = true
                    // A Markdown finding runs in paragraphs, to the next title.
                    if block!.location != nil && !block!.markdown { try finish() }
                    continue
                }
                if trimmed.hasPrefix("```") { continue }
                // A continuation line of Issue or Fix (export indents them by two spaces).
                if let field = block!.lastField {
                    block!.fields[field, default: ""] += "\n" + (line.hasPrefix("  ") ? String(line.dropFirst(2)) : line)
                } else if block!.markdown {
                    // Prose under a Markdown title says what is wrong.
                    block!.fields["issue"] = bare
                    block!.lastField = "issue"
                }
            }
        }
        try finish()
        // A table and a finding's own block with the same severity and title are one finding
        // (mle-review's Markdown export has both): the block, with its words, is kept.
        for f in table.findings where !result.findings.contains(where: { $0.severity == f.severity && $0.title == f.title }) {
            result.findings.append(f)
        }
        unplaced.sort { $0.line < $1.line }
        if result.findings.isEmpty && result.decision == nil && result.testsRun.isEmpty {
            if let first = unplaced.first {
                throw InputError("\(name):\(first.line): \(first.what) names no file:line"
                                 + (unplaced.count > 1 ? ", nor do \(unplaced.count - 1) more (lines \(unplaced.dropFirst().map { String($0.line) }.joined(separator: ", ")))" : "")
                                 + ": nothing to import (a finding is about a place: `path:line` in its words, or a File: line)")
            }
            throw InputError("\(name): no findings ('[SEVERITY] title' blocks), 'Decision:' or 'Tests run:' line found")
        }
        assignRisks(&result)
        for p in unplaced.prefix(3) {
            result.notes.append("\(name):\(p.line): \(p.what) names no file:line, not imported")
        }
        if unplaced.count > 3 {
            result.notes.append("\(unplaced.count - 3) more such points (lines \(unplaced.dropFirst(3).map { String($0.line) }.joined(separator: ", ")))")
        }
        return result
    }

    /// Findings without a `Risk:` line take it from the file's `Primary risks:`: the only one
    /// listed is given, and so is the listed one the finding's words point to (the file stated
    /// the risk; the words only say which finding carries it). A finding whose words point to
    /// none of the listed risks gets the first, and anything worked out without a list is
    /// guessed from the words alone: both are marked guesses.
    static func assignRisks(_ result: inout ImportedReview) {
        let listed = result.primaryRisks.compactMap { RiskCategory(loose: $0) }
        for i in result.findings.indices where result.findings[i].isRiskGuessed {
            let f = result.findings[i]
            let guess = RiskGuess.from(f.title + " " + f.issue)
            if listed.count == 1 || listed.contains(guess) {
                result.findings[i].risk = listed.count == 1 ? listed[0] : guess
                result.findings[i].riskGuessed = nil
            } else {
                result.findings[i].risk = listed.isEmpty ? guess : listed[0]
            }
        }
    }

    struct Block {
        var line: Int
        var severity: Severity
        var title: String
        var location: Location?
        var fields: [String: String] = [:]
        var lastField: String?
        var risk: RiskCategory?
        var status: FindingStatus?
        /// Titled as Markdown (`### Title — High`): runs to the next title, its prose the issue.
        var markdown = false
        /// Titled by a numbered item: the next numbered item ends it.
        var numbered = false
        /// Its `File:` line says it has none (`N/A`, `-`).
        var saidNoPlace = false
        /// A `Line:` given apart from `File:`.
        var lines: (Int, Int?)?
        /// What follows a bold title on its line, where it usually says which file and line.
        var place = ""
        /// A blank line came since the title.
        var afterBlank = false
        /// Titled by a list item indented this far: an item as deep ends it.
        var listIndent: Int?

        init(line: Int, severity: Severity, title: String, location: Location? = nil, markdown: Bool = false, numbered: Bool = false,
             listIndent: Int? = nil) {
            (self.line, self.severity, self.title, self.location) = (line, severity, title, location)
            (self.markdown, self.numbered, self.listIndent) = (markdown, numbered, listIndent)
        }
    }

    /// `[WORD] title` at the start of a line.
    static func header(_ line: String) -> (String, String)? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        let word = line[line.index(after: line.startIndex)..<close]
        guard !word.isEmpty, word.count <= 12, word.allSatisfy({ $0.isLetter }) else { return nil }
        var title = Substring(String(line[line.index(after: close)...]).trimmingSpaces()).drop { $0 == "*" || $0 == "_" }
        while let last = title.last, last == "*" || last == "_" || last == " " { title = title.dropLast() }
        return (String(word), String(title).trimmingSpaces())
    }

    /// `[HIGH]` somewhere in a line that is not a finding's header (checked only after that).
    static func strandedSeverity(_ line: String) -> String? {
        guard line.contains("[") else { return nil }
        return Severity.allCases.map(\.rawValue).first { line.contains("[" + $0 + "]") }
    }

    static func keyValue(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon].filter { $0 != "*" }.lowercased().trimmingSpaces()
        guard ["file", "location", "line", "lines", "issue", "fix", "problem", "suggestion", "suggested fix", "recommendation", "risk", "severity",
               "status", "by", "decision", "primary risks", "tests run"].contains(key) else { return nil }
        return (key, String(line[line.index(after: colon)...].drop { $0 == "*" }).trimmingSpaces())
    }
}
