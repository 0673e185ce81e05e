import Foundation

/// Reads SARIF 2.1.0 from linters (ruff, bandit, semgrep) and from mle-review itself. A result's
/// severity is, first found: mle-review's `severity` property; a `security-severity` score
/// (GitHub's scale: 9.0 and over CRITICAL, 7.0 HIGH, 4.0 MEDIUM, else LOW); for ruff, which
/// writes every result as `error`, its rule's class; else the result's level, or its rule's
/// default level (error → HIGH, warning → MEDIUM, note → LOW).
public enum SARIFImport {
    public static func parse(_ bytes: [UInt8], name: String) throws(InputError) -> ImportedReview {
        let root = try JSONLocation.object(bytes, name: name)
        guard let runs = root["runs"] as? [[String: Any]] else { throw InputError("\(name): expected a \"runs\" array (SARIF 2.1.0)") }
        var result = ImportedReview()
        for (r, run) in runs.enumerated() {
            let tool = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["name"] as? String ?? "unknown tool"
            let rules = (((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]) ?? []
            for (i, res) in (run["results"] as? [[String: Any]] ?? []).enumerated() {
                let at = "\(name): runs[\(r)].results[\(i)]"
                guard let message = (res["message"] as? [String: Any])?["text"] as? String else {
                    throw InputError("\(at): expected \"message\": {\"text\": ...}")
                }
                let props = res["properties"] as? [String: Any] ?? [:]
                let ruleID = res["ruleId"] as? String
                let location = try location(res, props: props, at: at)
                let (title, issue, fix) = split(message, props: props)
                let ruleIndex = (res["ruleIndex"] as? Int).flatMap { $0 >= 0 && $0 < rules.count ? rules[$0] : nil }
                let rule = ruleID.flatMap { id in rules.first { $0["id"] as? String == id } } ?? ruleIndex
                let severity = severity(res, props: props, rule: rule, ruleID: ruleID, tool: tool)
                let ruleText = text(rule?["shortDescription"])
                // Linters put the explanation on the rule, not the result: its full description
                // is the issue, its help (and help page) the fix.
                let fullText = RulePage.summary(text(rule?["fullDescription"]))
                var help = RulePage.fix(text(rule?["help"]), ruleName: ruleText, title: title)
                if let uri = rule?["helpUri"] as? String, !uri.isEmpty { help += (help.isEmpty ? "" : "\n") + "See " + uri }
                let given = risk(props) ?? risk(rule?["properties"] as? [String: Any] ?? [:])
                // The result's own words, then the rule's name; never its page, which is about the
                // rule everywhere: ruff's S301 page mentions a "secret" key (data leakage), I001's
                // `from __future__`, SIM115's file-handle "leak", D100's notebooks, and a lint run
                // on a clean change listed leakage and training among a BLOCK's primary risks.
                let guessed = [message, ruleText].lazy.map(RiskGuess.from).first { $0 != .other } ?? .other
                let fullTitle = tool == "mle-review" || ruleID == nil ? title : "\(ruleID!): \(title)"
                let ruleIssue = fullText.isEmpty ? ruleText : fullText
                result.findings.append(Finding(severity: severity, title: fullTitle, location: location,
                                               issue: issue.isEmpty ? (ruleIssue == title ? "" : ruleIssue) : issue,
                                               fix: fix.isEmpty ? help : fix, risk: given ?? guessed, status: .proposed,
                                               author: tool, origin: .imported(file: name), riskGuessed: given == nil))
            }
        }
        return result
    }

    /// A SARIF message object's text (`{"text": …}`), or "".
    static func text(_ value: Any?) -> String {
        ((value as? [String: Any])?["text"] as? String)?.trimmingSpaces() ?? ""
    }

    /// A risk category given in properties: mle-review's `risk`, or a tag naming one
    /// (`data-leakage`, `mle/risk/weak-eval`).
    static func risk(_ props: [String: Any]) -> RiskCategory? {
        if let r = (props["risk"] as? String).flatMap(RiskCategory.init(loose:)) { return r }
        for tag in props["tags"] as? [String] ?? [] {
            let word = tag.split(separator: "/").last.map(String.init) ?? tag
            if let r = RiskCategory(loose: word), r != .other { return r }
        }
        return nil
    }

    static func severity(_ res: [String: Any], props: [String: Any], rule: [String: Any]?, ruleID: String?, tool: String) -> Severity {
        if let s = (props["severity"] as? String).flatMap(Severity.init(loose:)) { return s }
        let ruleProps = rule?["properties"] as? [String: Any] ?? [:]
        if let score = securityScore(props["security-severity"]) ?? securityScore(ruleProps["security-severity"]) {
            return score >= 9.0 ? .critical : score >= 7.0 ? .high : score >= 4.0 ? .medium : .low
        }
        if tool.lowercased() == "ruff", let code = ruleID { return ruffSeverity(code) }
        let level = res["level"] as? String
            ?? ((rule?["defaultConfiguration"] as? [String: Any])?["level"] as? String)
        return severity(level: level)
    }

    /// GitHub's `security-severity`: a number, written as a string or not.
    static func securityScore(_ value: Any?) -> Double? {
        if let s = value as? String { return Double(s.trimmingSpaces()) }
        return (value as? NSNumber)?.doubleValue
    }

    /// ruff gives every result the level `error`, so an unused import proposed as HIGH and,
    /// accepted, blocked the merge. Its rule codes say more: code that cannot run (syntax
    /// errors, undefined names, invalid comparisons: E9, F63, F7, F82, the classes CI setups
    /// stop a build on) is HIGH, flake8-bandit's security checks (S) MEDIUM, the rest LOW.
    static func ruffSeverity(_ code: String) -> Severity {
        if ["E9", "F63", "F7", "F82"].contains(where: code.hasPrefix) { return .high }
        if code.hasPrefix("S"), code.dropFirst().first?.isNumber == true { return .medium }
        return .low
    }

    static func severity(level: String?) -> Severity {
        switch level {
        case "error": return .high
        case "note", "none": return .low
        default: return .medium // "warning" is SARIF's default level
        }
    }

    static func location(_ res: [String: Any], props: [String: Any], at: String) throws(InputError) -> Location {
        guard let physical = ((res["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any],
              let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String else {
            throw InputError("\(at): expected \"locations\"[0].physicalLocation.artifactLocation.uri")
        }
        var path = uri.removingPercentEncoding ?? uri
        if path.hasPrefix("file://") { path.removeFirst(7) }
        while path.hasPrefix("./") { path.removeFirst(2) }
        // mle-review's own export puts a removed line in properties (a region is the new file's).
        if props["side"] as? String == "old", let start = props["oldStartLine"] as? Int {
            return Location(path: path, side: .old, line: start, endLine: props["oldEndLine"] as? Int)
        }
        let region = physical["region"] as? [String: Any]
        let start = region?["startLine"] as? Int
        return Location(path: path, side: .new, line: start, endLine: region?["endLine"] as? Int)
    }

    /// mle-review's own messages are "title\n\nIssue: …\nFix: …"; a linter's is one message.
    static func split(_ message: String, props: [String: Any]) -> (String, String, String) {
        if let title = props["title"] as? String {
            var issue = ""
            if let r = message.range(of: "\n\nIssue: ") {
                issue = String(message[r.upperBound...])
                if let f = issue.range(of: "\nFix: ") { issue = String(issue[..<f.lowerBound]) }
            }
            return (title, issue, props["fix"] as? String ?? "")
        }
        let lines = message.split(separator: "\n", maxSplits: 1)
        let title = lines.first.map(String.init) ?? message
        return (title, lines.count > 1 ? String(lines[1]).trimmingSpaces() : "", "")
    }
}

/// Reads JSON objects for import, with errors that name the file and where parsing stopped.
enum JSONLocation {
    static func object(_ bytes: [UInt8], name: String) throws(InputError) -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw InputError("\(name): not valid JSON\(describe(error, in: bytes))")
        }
        guard let object = value as? [String: Any] else { throw InputError("\(name): expected a JSON object at the top level") }
        return object
    }

    /// Where a JSON document stops parsing: " at line N", or nothing when the parser does not say.
    static func describe(_ error: Error, in bytes: [UInt8]) -> String {
        let text = "\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)"
        if let r = text.range(of: "line ") {
            let digits = text[r.upperBound...].prefix { $0.isNumber }
            if !digits.isEmpty { return " at line \(digits)" }
        }
        if let r = text.range(of: "character "), let offset = Int(text[r.upperBound...].prefix { $0.isNumber }) {
            return " at line \(bytes.prefix(offset).filter { $0 == 10 }.count + 1)"
        }
        return ""
    }
}
