import Foundation

/// Findings an AI reviewer lays out as a Markdown table, one a row:
///
///     | # | Severity | Location | Issue | Suggested fix |
///     |---|----------|----------|-------|---------------|
///     | 1 | High | `pipelines/train.py:26` | Scaler fitted before the split | Fit on the training rows |
///
/// Such a file imported as "0 new findings" with exit 0: every finding in it lost without a word.
/// A table is one of findings when its header names a severity column and a title or issue
/// column; any other table (checklist coverage, metrics) is prose.
enum MarkdownTable {
    struct Columns {
        var severity: Int
        var title: Int
        var issue: Int?
        var location: Int?
        var line: Int?
        var fix: Int?
        var risk: Int?
    }

    static let severityNames: Set<String> = ["severity", "sev", "priority", "level", "impact"]
    static let titleNames: Set<String> = ["finding", "title", "summary", "name"]
    static let issueNames: Set<String> = ["issue", "problem", "description", "details", "what", "why"]
    static let locationNames: Set<String> = ["location", "file", "path", "where", "place", "file:line", "file/line", "file / line"]
    static let lineNames: Set<String> = ["line", "lines", "line(s)"]
    static let fixNames: Set<String> = ["fix", "suggested fix", "suggestion", "recommendation", "remediation", "how to fix"]
    static let riskNames: Set<String> = ["risk", "category", "risk category"]

    /// The findings of every findings table in `lines`, the indices of the lines those tables
    /// take (the rest of the import reads past them), and the rows that name no place (a general
    /// point: said by the import, as a heading or bullet without one is, never a reason to read
    /// none of the rest).
    static func findings(in lines: [Substring], name: String, origin: Origin) throws(InputError)
        -> (findings: [Finding], lines: Set<Int>, unplaced: [(line: Int, what: String)]) {
        var out: [Finding] = []
        var unplaced: [(line: Int, what: String)] = []
        var taken = Set<Int>()
        var i = 0
        while i + 1 < lines.count {
            guard let header = cells(lines[i]), isSeparator(lines[i + 1]), let columns = columns(header) else { i += 1; continue }
            taken.formUnion([i, i + 1])
            var j = i + 2
            while j < lines.count, let row = cells(lines[j]) {
                taken.insert(j)
                switch try finding(row, columns: columns, at: "\(name):\(j + 1)", origin: origin) {
                case .finding(let f): out.append(f)
                case .unplaced(let what): unplaced.append((j + 1, what))
                case .empty: break
                }
                j += 1
            }
            i = j
        }
        return (out, taken, unplaced)
    }

    static func columns(_ header: [String]) -> Columns? {
        let names = header.map { TextImport.markless($0).lowercased().trimmingSpaces() }
        func first(_ set: Set<String>) -> Int? { names.firstIndex { set.contains($0) } }
        guard let severity = first(severityNames), let title = first(titleNames) ?? first(issueNames) else { return nil }
        let issue = first(issueNames).flatMap { $0 == title ? nil : $0 }
        return Columns(severity: severity, title: title, issue: issue, location: first(locationNames), line: first(lineNames),
                       fix: first(fixNames), risk: first(riskNames))
    }

    enum Row {
        case finding(Finding)
        /// A finding that names no file: what it is, for the import's message.
        case unplaced(String)
        /// A row left empty (a table's padding).
        case empty
    }

    static func finding(_ row: [String], columns c: Columns, at place: String, origin: Origin) throws(InputError) -> Row {
        func cell(_ k: Int?) -> String {
            guard let k, k < row.count else { return "" }
            return TextImport.markdownUnescaped(row[k]).trimmingSpaces()
        }
        let title = TextImport.markless(cell(c.title)).trimmingSpaces()
        let severityText = cell(c.severity)
        if title.isEmpty && severityText.isEmpty { return .empty }
        guard let severity = severity(severityText) else {
            throw InputError("\(place): severity '\(severityText)' in the findings table is not one of CRITICAL, HIGH, MEDIUM or LOW")
        }
        guard !title.isEmpty else { throw InputError("\(place): a [\(severity.rawValue)] row of the findings table has no title") }
        let issue = cell(c.issue), fix = cell(c.fix)
        let written = TextImport.markless(cell(c.location))
        var location = WrittenLocation.namesNoPlace(written) ? nil : WrittenLocation.parse(written)
        if location?.path.isEmpty ?? true { location = nil }
        if var l = location, l.line == nil, let (first, last) = lineSpec(TextImport.markless(cell(c.line))) {
            (l.line, l.endLine) = (first, last)
            location = l
        }
        guard let where_ = location ?? WrittenLocation.mentioned(in: [title, issue, fix].joined(separator: "\n")) else {
            return .unplaced("finding “[\(severity.rawValue)] \(title)” of the findings table")
        }
        let risk = RiskCategory(loose: TextImport.markless(cell(c.risk)).replacingOccurrences(of: "(guessed)", with: ""))
        return .finding(Finding(severity: severity, title: title, location: where_, issue: issue, fix: fix, risk: risk ?? .other,
                                status: .proposed, origin: origin, riskGuessed: risk == nil))
    }

    /// A Line column's `26`, `L2-L4`, `2–4`, `lines 40-44`, `~26`: the first line and, for a
    /// range, the last. `L2-L4` was read as no line at all, and the finding was about the file.
    static func lineSpec(_ text: String) -> (Int, Int?)? {
        var t = text.lowercased().replacingOccurrences(of: "\u{2013}", with: "-").replacingOccurrences(of: "\u{2014}", with: "-")
        for word in ["lines", "line", "ln"] where t.hasPrefix(word) { t = String(t.dropFirst(word.count)); break }
        let parts = t.split(separator: "-", maxSplits: 1).map { part in
            Int(part.trimmingSpaces().drop { $0 == "l" || $0 == "~" || $0 == "#" || $0 == " " || $0 == "." }.prefix { $0.isNumber })
        }
        guard let first = parts.first ?? nil, first > 0 else { return nil }
        let last = parts.count == 2 ? parts[1] : nil
        return (first, last.flatMap { $0 > first ? $0 : nil })
    }

    /// `High`, `**HIGH**`, `🔴 High`, `P1`, `Major`, `Warning`, `Info`: the severity a cell names,
    /// in the words a JSON list's `severity` is read in too.
    static func severity(_ text: String) -> Severity? {
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            if let s = Severity(word: String(word)) ?? TextImport.groupSeverity[String(word)] { return s }
        }
        return nil
    }

    /// A table row's cells (`| a | b |`, outer bars optional but one needed), nil for any other line.
    static func cells(_ line: Substring) -> [String]? {
        let t = line.trimmingSpaces()
        guard t.hasPrefix("|") || (t.contains("|") && t.hasSuffix("|")) else { return nil }
        var cells: [String] = [], current = "", escaped = false, inCode = false
        for ch in t {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" { current.append(ch); escaped = true; continue }
            if ch == "`" { inCode.toggle() }
            if ch == "|" && !inCode { cells.append(current); current = ""; continue }
            current.append(ch)
        }
        cells.append(current)
        if t.hasPrefix("|") { cells.removeFirst() }
        if t.hasSuffix("|"), !cells.isEmpty { cells.removeLast() }
        return cells.map { $0.trimmingSpaces() }
    }

    static func isSeparator(_ line: Substring) -> Bool {
        guard let cells = cells(line), !cells.isEmpty else { return false }
        return cells.allSatisfy { c in c.count >= 3 && c.allSatisfy { $0 == "-" || $0 == ":" } && c.contains("-") }
    }
}
