/// Makes user text inert in Markdown and HTML (a PR comment): markup characters are
/// backslash-escaped, `<` `>` `&` become entities, and terminal controls become visible.
enum MarkdownEscape {
    static func text(_ s: String) -> String {
        var out = ""
        for ch in SafeText.escaped(s) {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", "!", "|", "~", "@":
                out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// Multi-line text inside a table cell or list item: escaped, lines joined with `<br>`.
    static func block(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { text(String($0)) }.joined(separator: "<br>")
    }

    /// A code span that no backtick inside `s` can close early.
    static func code(_ s: String) -> String {
        let visible = SafeText.escaped(s)
        var longest = 0, run = 0
        for ch in visible { run = ch == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = visible.hasPrefix("`") || visible.hasSuffix("`") ? " " : ""
        return fence + pad + visible.replacing("|", with: "\\|") + pad + fence
    }
}

