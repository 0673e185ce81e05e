import Foundation

/// A location as reviewers and AI reviewers write it after `File:`: `train.py:42` as the brief
/// has it, and the other ways seen in their output: `train.py, line 42`, `train.py (lines 40–44)`,
/// `train.py line 42`, `train.py#L40-L44` (a GitHub link's anchor), `train.py:L42`, `train.py L42`, and
/// `train.py:42:7` (a linter's line and column). `train.py, line 7` was kept as a path of that
/// name with no line, and counted "not in the diff".
public enum WrittenLocation {
    static let forms: [(NSRegularExpression, column: Bool)] = [
        (#"^(.+?)(?:\s*,\s*|\s*\(\s*|\s+)lines?\s+(\d+)(?:\s*-\s*(\d+))?\s*\)?$"#, false),
        (#"^(.+?)(?:#|:)L(\d+)(?:-L?(\d+))?$"#, false),
        (#"^(.+?)\s+L(\d+)(?:\s*-\s*L?(\d+))?$"#, false),
        (#"^(.+?):(\d+):(\d+)$"#, true),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }

    /// `path` or `path:line` in code marks, or a bare `path.ext:line`, with the line words that
    /// may follow it: "In `prepare.py` (lines 20-25), …".
    static let mention = try! NSRegularExpression(pattern:
        #"`([^`\s]+\.[A-Za-z][\w]*(?::L?\d+(?:-L?\d+)?)?)`(\s*(?:\(\s*lines?\s+\d+(?:\s*[-–]\s*\d+)?\s*\)|,?\s+lines?\s+\d+(?:\s*[-–]\s*\d+)?|\s+L\d+(?:\s*[-–]\s*L?\d+)?\b))?"#
        + #"|(?<![\w/.])([\w./-]+\.[A-Za-z]\w*:\d+(?:-\d+)?)"#, options: [.caseInsensitive])

    /// What a mentioned file's name ends with: `np.random.seed` or `api.example.com:443` in a
    /// finding's prose is no file of the change.
    static let sourceExtensions: Set<String> = [
        "py", "pyi", "ipynb", "yaml", "yml", "json", "toml", "cfg", "ini", "txt", "md", "rst", "sql", "sh", "bash",
        "r", "scala", "java", "kt", "js", "ts", "tsx", "go", "rs", "c", "h", "cc", "cpp", "hpp", "cu", "proto",
        "csv", "tsv", "tf", "hcl", "j2", "jinja", "swift", "rb", "lock", "env", "conf",
    ]

    /// The first place a finding's words name: a file with a line before a file alone.
    public static func mentioned(in text: String) -> Location? {
        let ns = text as NSString
        var fileOnly: Location?
        for m in mention.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let path = m.range(at: 1).location != NSNotFound ? ns.substring(with: m.range(at: 1)) : ns.substring(with: m.range(at: 3))
            let words = m.range(at: 2).location != NSNotFound ? ns.substring(with: m.range(at: 2)) : ""
            guard let l = parse(path + words), let ext = l.path.split(separator: ".").last,
                  l.path.contains("."), sourceExtensions.contains(ext.lowercased()) else { continue }
            if l.line != nil { return l }
            fileOnly = fileOnly ?? l
        }
        return fileOnly
    }

    /// What AI reviewers write where a general point has no place: a dash, `n/a`, `general`,
    /// `various`, or words rather than a path (`all files`, `the whole pipeline`). Read as a path,
    /// "—" became a finding on a file named "—", kept as "not in the diff".
    static let placeholders: Set<String> = ["n/a", "na", "none", "general", "various", "multiple", "global", "overall",
                                            "throughout", "everywhere", "all", "any", "tbd", "unknown", "null", "nil", "global scope"]

    public static func namesNoPlace(_ text: String) -> Bool {
        let t = text.filter { $0 != "`" && $0 != "*" && $0 != "_" }.trimmingSpaces().lowercased()
        if !t.contains(where: { $0.isLetter || $0.isNumber }) || placeholders.contains(t) { return true }
        if parse(t)?.line != nil { return false }
        return t.contains(" ") && !t.contains(".") && !t.contains("/")
    }

    public static func parse(_ text: String) -> Location? {
        var t = text.filter { $0 != "`" }.trimmingSpaces()
        for dash in ["\u{2013}", "\u{2014}"] { t = t.replacingOccurrences(of: dash, with: "-") }
        let ns = t as NSString
        for (form, column) in forms {
            guard let m = form.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) else { continue }
            let path = ns.substring(with: m.range(at: 1)), first = ns.substring(with: m.range(at: 2))
            // A linter's third number is a column, not the end of a range.
            let end = !column && m.range(at: 3).location != NSNotFound ? "-" + ns.substring(with: m.range(at: 3)) : ""
            if let l = Location.parse(path + ":" + first + end) { return l }
        }
        return Location.parse(t)
    }
}
