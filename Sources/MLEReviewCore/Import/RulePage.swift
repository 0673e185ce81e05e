/// A linter's rule, as its SARIF describes it, made into a finding's Issue and Fix. ruff puts
/// each rule's whole documentation page (What it does, Why is this bad?, Example, Options,
/// References: 1,000 to 3,000 characters of Markdown) in `fullDescription`, and its `help` is the
/// message template (`Missing return type annotation for public function `{name}``): ten
/// accepted lint findings made an exported PR comment of pages of generic text, with literal
/// `{name}` as each "Fix".
enum RulePage {
    /// The page's point: the first paragraph under "What it does" and "Why is this bad?" (or the
    /// page's first paragraph), its wrapped lines joined. A plain short text is kept as it is.
    static func summary(_ page: String) -> String {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard lines.contains(where: { $0.hasPrefix("#") }) || page.count > 600 else { return page }
        // Paragraphs, each under the heading before it ("" for the text before any heading).
        var paragraphs: [(heading: String, text: String)] = []
        var heading = "", current: [String] = [], inCode = false
        func flush() {
            if !current.isEmpty { paragraphs.append((heading, current.joined(separator: " "))) }
            current = []
        }
        for line in lines {
            if line.hasPrefix("```") { flush(); inCode.toggle(); continue }
            if inCode { continue }
            if line.hasPrefix("#") {
                flush()
                heading = String(line.drop { $0 == "#" }).trimmingSpaces().lowercased()
            } else if line.isEmpty {
                flush()
            } else {
                current.append(line)
            }
        }
        flush()
        var picked: [String] = []
        for wanted in ["what it does", "why is this bad?"] {
            if let p = paragraphs.first(where: { $0.heading == wanted }) { picked.append(p.text) }
        }
        if picked.isEmpty, let first = paragraphs.first { picked.append(first.text) }
        let text = picked.joined(separator: " ")
        return text.clipped(to: 600)
    }

    /// A rule's `help` when it says how to fix something: not when it only restates the rule's
    /// name or the finding's title, nor when it is a message template with `{placeholders}`.
    static func fix(_ help: String, ruleName: String, title: String) -> String {
        let h = help.trimmingSpaces()
        if h.isEmpty || h == ruleName || h == title { return "" }
        if h.range(of: #"\{[A-Za-z_][A-Za-z0-9_]*\}"#, options: .regularExpression) != nil { return "" }
        return h
    }
}
