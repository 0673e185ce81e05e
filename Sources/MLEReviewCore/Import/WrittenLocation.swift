import Foundation

/// A location as reviewers and AI reviewers write it after `File:`: `train.py:42` as the brief
/// has it, and the other ways seen in their output: `train.py, line 42`, `train.py (lines 40–44)`,
/// `train.py line 42`, `train.py#L40-L44` (a GitHub link's anchor), `train.py:L42`, and
/// `train.py:42:7` (a linter's line and column). `train.py, line 7` was kept as a path of that
/// name with no line, and counted "not in the diff".
public enum WrittenLocation {
    static let forms: [(NSRegularExpression, column: Bool)] = [
        (#"^(.+?)(?:\s*,\s*|\s*\(\s*|\s+)lines?\s+(\d+)(?:\s*-\s*(\d+))?\s*\)?$"#, false),
        (#"^(.+?)(?:#|:)L(\d+)(?:-L?(\d+))?$"#, false),
        (#"^(.+?):(\d+):(\d+)$"#, true),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }

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
