import Foundation

/// Reads the JSON an AI reviewer or a bot writes when it is not SARIF and not a review document:
/// a list of findings, on its own or under `findings`, `comments`, `issues`, `problems`,
/// `results` or `hints` (`scan --format json`; GitHub's pull request review comments as
/// `gh api …/pulls/12/comments` gives them included). Each finding's keys are matched loosely,
/// as such tools name them: the place (`path`, `file`, `filename`, a `location` object or
/// `file:line` string; `line`, `start_line`, `end_line`, GitHub's `side`), the severity
/// (`severity`, `level`, `priority`, `impact`, or a severity word opening the text), the words
/// (`title`; `message`, `body`, `description`, `comment`; `suggestion`, `fix`,
/// `recommendation`) and the risk (`risk`, `category`, a hint's `family`).
public enum FindingListImport {
    static let listKeys = ["findings", "comments", "issues", "problems", "results", "review_comments", "hints"]

    /// Whether the JSON is a list of findings rather than a review document (`schema`, `review`).
    public static func isFindingList(_ value: Any) -> Bool {
        if value is [Any] { return true }
        guard let object = value as? [String: Any], object["schema"] == nil, object["review"] == nil else { return false }
        return listKeys.contains { object[$0] is [Any] }
    }

    public struct Parsed: Sendable {
        public var review = ImportedReview()
        /// How many findings gave no severity: proposed as MEDIUM, to be judged.
        public var withoutSeverity = 0
        /// Replies in pull request comment threads, left out.
        public var replies = 0
    }

    public static func parse(_ value: Any, name: String) throws(InputError) -> Parsed {
        let object = value as? [String: Any] ?? [:]
        let key = listKeys.first { object[$0] is [Any] }
        let list = (value as? [Any]) ?? key.flatMap { object[$0] as? [Any] } ?? []
        // `scan --format json` lists its hints under "hints".
        let tool = text(object, ["tool", "reviewer", "model", "source", "author"]).nonEmpty ?? (key == "hints" ? "mle-review scan" : "")
        var out = Parsed()
        // A finding about no place (a general point) is said, and the rest read: one such point
        // refused every other finding of the list.
        var unplaced: [(at: String, title: String)] = []
        for (i, element) in list.enumerated() {
            let at = "\(name): \(key.map { "\($0)[\(i)]" } ?? "[\(i)]")"
            guard let raw = element as? [String: Any] else { throw InputError("\(at): expected an object with a file and what is wrong") }
            // A reply in a pull request's comment thread ("fixed in 1a2b3c4") is no finding.
            if let reply = raw["in_reply_to_id"], !(reply is NSNull) { out.replies += 1; continue }
            let (f, linter, linterRule) = normalized(raw)
            let rule = linterRule ?? text(f, ["rule", "rule_id", "ruleid"]).nonEmpty
            let body = text(f, ["message", "body", "description", "comment", "text", "details", "explanation", "issue", "problem"])
            var title = text(f, ["title", "summary", "headline"])
            if title.isEmpty { title = firstSentence(body) }
            guard !title.isEmpty else { throw InputError("\(at): no title, message or body") }
            if let rule, !title.hasPrefix(rule) { title = "\(rule): \(title)" }
            guard var location = location(f) ?? WrittenLocation.mentioned(in: title + "\n" + body) else {
                unplaced.append((at, title.clipped(to: 60)))
                continue
            }
            if let side = (f["side"] as? String)?.lowercased(), side == "left" || side == "old" { location.side = .old }
            var severity = Severity(word: text(f, ["severity", "level", "priority", "impact"]))
            if severity == nil, let (said, rest) = severityOpening(title) {
                // "High: the email is logged" is a HIGH finding titled "The email is logged".
                severity = said
                title = rest.capitalizingFirst()
            }
            severity = severity ?? leadingSeverity(body)
            if severity == nil { out.withoutSeverity += 1 }
            let issue = body == title || firstSentence(body) == title && body.count <= title.count + 1 ? "" : afterTitle(body)
            // A hint's family (scan's JSON) says its risk as the workbench's hints do.
            let given = RiskCategory(loose: text(f, ["risk", "category"])) ?? Hint.Family(rawValue: text(f, ["family"]))?.risk
            // Title and words together: a logging word in the title decides only when the body
            // names nothing stronger.
            let guessed = RiskGuess.from(title + "\n" + body)
            let author = text(f["user"] as? [String: Any] ?? [:], ["login"]).nonEmpty ?? text(f, ["author", "tool", "reviewer"]).nonEmpty
                ?? tool.nonEmpty ?? linter
            out.review.findings.append(Finding(severity: severity ?? .medium, title: String(title.prefix(200)), location: location,
                                               issue: issue, fix: text(f, ["suggestion", "fix", "recommendation", "suggested_fix", "remediation"]),
                                               risk: given ?? guessed, status: .proposed, author: author, origin: .imported(file: name),
                                               riskGuessed: given == nil, pullRequestComment: pullRequestComment(raw)))
        }
        if out.review.findings.isEmpty, let first = unplaced.first {
            throw InputError("\(first.at): '\(first.title)' names no file (expected \"path\" or \"file\", with \"line\")"
                             + (unplaced.count > 1 ? ", nor do the \(unplaced.count - 1) other findings" : "") + ": nothing to import")
        }
        guard !out.review.findings.isEmpty else { throw InputError("\(name): the list of findings is empty") }
        for p in unplaced.prefix(3) { out.review.notes.append("\(p.at): '\(p.title)' names no file, not imported") }
        if unplaced.count > 3 { out.review.notes.append("\(unplaced.count - 3) more findings name no file, not imported") }
        return out
    }

    /// A GitHub pull request review comment's address (`html_url`, else its API `url`, else its
    /// id): it is on the pull request already. Nil for anything else.
    static func pullRequestComment(_ f: [String: Any]) -> String? {
        guard f["pull_request_review_id"] != nil || f["diff_hunk"] != nil else { return nil }
        return [f["html_url"], f["url"]].lazy.compactMap { $0 as? String }.first { !$0.isEmpty }
            ?? (f["id"]).map { "comment \($0)" } ?? "comment"
    }

    /// A linter's own JSON in the common shape: ruff's (`code`, `filename`, `location.row`; its
    /// severity by the rule's class, as its SARIF is read), bandit's (`test_id`, `issue_text`,
    /// `line_range`, `issue_severity`) and semgrep's (`check_id`, `start.line`, `extra.message`,
    /// `extra.severity`). Anything else is taken as it is.
    static func normalized(_ f: [String: Any]) -> (fields: [String: Any], tool: String?, rule: String?) {
        func row(_ key: String) -> Int? { (f[key] as? [String: Any]).flatMap { ($0["row"] ?? $0["line"]) as? Int } }
        if let code = f["code"] as? String, f["filename"] is String, let start = row("location") {
            var g: [String: Any] = ["path": f["filename"]!, "line": start, "message": f["message"] ?? "",
                                    "severity": SARIFImport.ruffSeverity(code).rawValue]
            if let end = row("end_location"), end > start { g["end_line"] = end }
            if let url = f["url"] as? String { g["fix"] = "See " + url }
            return (g, "ruff", code)
        }
        if let test = f["test_id"] as? String, let issue = f["issue_text"] as? String {
            var g: [String: Any] = ["path": f["filename"] ?? "", "message": issue, "severity": f["issue_severity"] ?? ""]
            let range = f["line_range"] as? [Int] ?? []
            g["line"] = range.first ?? f["line_number"] ?? 0
            if let last = range.last, let first = range.first, last > first { g["end_line"] = last }
            if let more = f["more_info"] as? String { g["fix"] = "See " + more }
            return (g, "bandit", test)
        }
        if let check = f["check_id"] as? String, let extra = f["extra"] as? [String: Any], let start = row("start") {
            var g: [String: Any] = ["path": f["path"] ?? "", "line": start, "message": extra["message"] ?? "",
                                    "severity": extra["severity"] ?? ""]
            if let end = row("end"), end > start { g["end_line"] = end }
            return (g, "semgrep", check.split(separator: ".").last.map(String.init) ?? check)
        }
        return (f, nil, nil)
    }

    /// The place a finding names: a path key with line keys, a `location` object, or a
    /// `file:line` string under a path key.
    static func location(_ f: [String: Any]) -> Location? {
        if let nested = f["location"] as? [String: Any], let l = location(nested) { return l }
        if let written = f["location"] as? String, !WrittenLocation.namesNoPlace(written), let l = WrittenLocation.parse(written) { return l }
        let path = text(f, ["path", "file", "filename", "file_path", "filepath", "file_name"])
        guard !path.isEmpty, !WrittenLocation.namesNoPlace(path) else { return nil }
        // GitHub's comment: `line` (or, once outdated, `original_line`) is its last line, and
        // `start_line` its first when it spans several.
        let last = number(f, ["line", "original_line"])
        let first = number(f, ["start_line", "line_start", "startline", "original_start_line"])
        if let first, let last, last > first { return Location(path: path, line: first, endLine: last) }
        // A range written as text (`"line": "2-4"`, `"lines": "L2-L4"`) as a table's cell is.
        if first == nil, last == nil, let (a, b) = MarkdownTable.lineSpec(text(f, ["line", "lines"])) {
            return Location(path: path, line: a, endLine: b)
        }
        let start = first ?? last ?? number(f, ["line_number", "lineno"])
        let end = number(f, ["end_line", "line_end", "endline"])
        if start == nil, let l = WrittenLocation.parse(path), l.line != nil { return l }
        return Location(path: path, line: start, endLine: end)
    }

    /// The first string among `keys` (matched without regard to case, `_` or `-`), trimmed.
    static func text(_ f: [String: Any], _ keys: [String]) -> String {
        for key in keys {
            if let v = value(f, key) as? String, !v.trimmingSpaces().isEmpty { return v.trimmingSpaces() }
        }
        return ""
    }

    static func number(_ f: [String: Any], _ keys: [String]) -> Int? {
        for key in keys {
            if let n = value(f, key) as? Int, n > 0 { return n }
            if let s = value(f, key) as? String, let n = Int(s), n > 0 { return n }
        }
        return nil
    }

    static func value(_ f: [String: Any], _ key: String) -> Any? {
        func norm(_ s: String) -> String { s.lowercased().filter { $0 != "_" && $0 != "-" } }
        if let v = f[key] { return v }
        let want = norm(key)
        return f.first { norm($0.key) == want }?.value
    }

    /// The text's first sentence or line, without Markdown emphasis, as a title: a bold opening
    /// phrase is one (`**Scaler fitted before the split.** The test rows…`), and a line that is
    /// only a label in italics (a bot's `_⚠️ Potential issue_`) is passed over.
    static func firstSentence(_ body: String) -> String {
        let lines = body.split(separator: "\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        var line = lines.first { !isLabel($0) } ?? ""
        if line.hasPrefix("**"), let close = line.dropFirst(2).range(of: "**") {
            line = String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])
            if line.hasSuffix(".") { line.removeLast() }
        }
        // Emphasis marks go; `_` and backticks stay (request_headers, `requests`).
        var plain = line.filter { $0 != "*" }.trimmingSpaces()
        while plain.hasPrefix("#") { plain = plain.dropFirst().trimmingSpaces() }
        if let stop = plain.range(of: ". ") { plain = String(plain[..<stop.lowerBound]) }
        if plain.hasSuffix("."), !plain.hasSuffix("..") { plain.removeLast() }
        return String(plain.prefix(120))
    }

    /// A line that is only a label in italics (a bot's `_⚠️ Potential issue_`), not bold.
    static func isLabel(_ line: String) -> Bool {
        line.count > 2 && (line.hasPrefix("_") && line.hasSuffix("_") || line.hasPrefix("*") && line.hasSuffix("*") && !line.hasPrefix("**"))
    }

    /// A body without what became the title: the bot's label line above it and the bold opening
    /// phrase (`_⚠️ Potential issue_`, `**High: the scaler is fitted first.**`), which the issue
    /// repeated word for word.
    static func afterTitle(_ body: String) -> String {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first?.trimmingSpaces(), first.isEmpty || isLabel(first) { lines.removeFirst() }
        guard let first = lines.first?.trimmingSpaces(), first.hasPrefix("**"), let close = first.dropFirst(2).range(of: "**") else { return body }
        let rest = first[close.upperBound...].trimmingSpaces()
        lines[0] = rest
        let out = lines.joined(separator: "\n").trimmingSpaces()
        return out.isEmpty ? body : out
    }

    /// A title opened by a severity and a mark (`High: …`, `[critical] …`, `**Low** - …`): the
    /// severity and the rest of the title; nil when it opens otherwise.
    static func severityOpening(_ title: String) -> (Severity, String)? {
        let plain = title.filter { $0 != "*" }.trimmingSpaces()
        let word = plain.drop { $0 == "[" || $0 == "(" }.prefix { $0.isLetter || $0.isNumber }
        guard let said = Severity(word: String(word)) else { return nil }
        var rest = plain.drop { $0 == "[" || $0 == "(" }.dropFirst(word.count)
        guard let mark = rest.first, ":]-–—)".contains(mark) else { return nil }
        rest = rest.dropFirst().drop { ":]-–—) ".contains($0) }
        let text = String(rest).trimmingSpaces()
        return text.isEmpty ? nil : (said, text)
    }

    /// A severity word opening a text: `**High**: …`, `[critical] …`, `⚠️ Potential issue`-style
    /// openers are not severities and give nil.
    static func leadingSeverity(_ text: String) -> Severity? {
        let words = text.prefix(40).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(2)
        guard let first = words.first else { return nil }
        if first.lowercased() == "severity", words.count > 1 { return Severity(word: String(words[words.startIndex + 1])) }
        return Severity(word: String(first))
    }
}

extension Severity {
    /// A severity as tools write it: the brief's four, a linter's level (error, warning, note),
    /// an issue tracker's (blocker, major, minor, P0–P3).
    init?(word: String) {
        switch word.trimmingSpaces().lowercased() {
        case "critical", "blocker", "p0", "fatal": self = .critical
        case "high", "error", "major", "p1": self = .high
        case "medium", "moderate", "warning", "warn", "p2": self = .medium
        case "low", "minor", "note", "info", "nit", "p3", "trivial", "undefined": self = .low
        default: return nil
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
