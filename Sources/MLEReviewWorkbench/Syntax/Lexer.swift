/// Colours one line of source, given the state the line before left (inside a triple-quoted
/// string, a block comment, a Markdown code fence). Works on bytes; spans are byte ranges.
public enum Lexer {
    public enum State: Hashable, Sendable {
        case normal
        /// Inside a string that ends with this delimiter.
        case string(String)
        case blockComment
        case fence
    }

    public struct Span: Equatable, Sendable {
        public var range: Range<Int>
        public var role: Role
    }

    public static func line(_ b: [UInt8], _ lang: SyntaxLanguage, _ start: State) -> (spans: [Span], end: State) {
        var spans: [Span] = []
        var state = start
        var i = 0
        let n = b.count
        func add(_ from: Int, _ to: Int, _ role: Role) { if to > from { spans.append(Span(range: from..<to, role: role)) } }
        func has(_ u: [UInt8], at k: Int) -> Bool {
            guard k + u.count <= n else { return false }
            for (o, c) in u.enumerated() where b[k + o] != c { return false }
            return true
        }
        func has(_ s: String, at k: Int) -> Bool { has(Array(s.utf8), at: k) }
        func find(_ s: String, from k: Int) -> Int? {
            var j = k
            while j < n { if has(s, at: j) { return j }; j += 1 }
            return nil
        }

        if lang == .markdown {
            let text = b.drop { $0 == 32 }
            if text.starts(with: Array("```".utf8)) || text.starts(with: Array("~~~".utf8)) {
                add(0, n, .syntaxString)
                return (spans, state == .fence ? .normal : .fence)
            }
            if state == .fence { add(0, n, .syntaxString); return (spans, .fence) }
            if text.first == UInt8(ascii: "#") { add(0, n, .syntaxKeyword); return (spans, .normal) }
        }

        // The line's first word, for keys (`name:` in YAML, `name =` in TOML) and TOML sections.
        var lineStart = true
        while i < n {
            switch state {
            case .string(let close):
                if let j = findClosing(b, Array(close.utf8), from: i) {
                    add(i, j + close.utf8.count, .syntaxString)
                    i = j + close.utf8.count
                    state = .normal
                } else {
                    add(i, n, .syntaxString)
                    return (spans, state)
                }
                continue
            case .blockComment:
                if let close = lang.blockComment?.close, let j = find(close, from: i) {
                    add(i, j + close.utf8.count, .syntaxComment)
                    i = j + close.utf8.count
                    state = .normal
                } else {
                    add(i, n, .syntaxComment)
                    return (spans, state)
                }
                continue
            case .fence:
                state = .normal
                continue
            case .normal:
                break
            }
            let c = b[i]
            if c == 32 || c == 9 { i += 1; continue }
            let first = lineStart
            lineStart = false
            let afterSpace = i == 0 || b[i - 1] == 32 || b[i - 1] == 9
            if afterSpace, let prefix = lang.lineComments.first(where: { has($0, at: i) }), !prefix.isEmpty {
                add(i, n, .syntaxComment)
                return (spans, .normal)
            }
            if let block = lang.blockComment, has(block.open, at: i) {
                state = .blockComment
                add(i, i + block.open.utf8.count, .syntaxComment)
                i += block.open.utf8.count
                continue
            }
            if let q = lang.quotes.first(where: { has($0, at: i) }) {
                let from = i
                i += q.count
                if let j = findClosing(b, q, from: i) {
                    i = j + q.count
                    // A JSON string followed by a colon is a key.
                    var k = i
                    while k < n && b[k] == 32 { k += 1 }
                    add(from, i, lang == .json && k < n && b[k] == UInt8(ascii: ":") ? .syntaxType : .syntaxString)
                } else {
                    add(from, n, .syntaxString)
                    if q.count == 3 { state = .string(String(decoding: q, as: UTF8.self)) }
                    return (spans, state)
                }
                continue
            }
            if lang == .toml && first && c == UInt8(ascii: "[") {
                add(i, n, .syntaxType)
                return (spans, .normal)
            }
            if lang == .shell && c == UInt8(ascii: "$") {
                let from = i
                i += 1
                if i < n && b[i] == UInt8(ascii: "{") {
                    while i < n && b[i] != UInt8(ascii: "}") { i += 1 }
                    i = min(n, i + 1)
                } else {
                    while i < n && isWord(b[i]) { i += 1 }
                }
                add(from, i, .syntaxType)
                continue
            }
            if isDigit(c) || (c == UInt8(ascii: ".") && i + 1 < n && isDigit(b[i + 1])) {
                let from = i
                while i < n && (isWord(b[i]) || b[i] == UInt8(ascii: ".")) { i += 1 }
                add(from, i, .syntaxNumber)
                continue
            }
            if isWordStart(c) {
                let from = i
                while i < n && (isWord(b[i]) || ((lang == .yaml || lang == .toml) && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: ".")))) { i += 1 }
                let word = String(decoding: b[from..<i], as: UTF8.self)
                let key = lang.caseInsensitive ? word.lowercased() : word
                var k = i
                while k < n && b[k] == 32 { k += 1 }
                let next: UInt8? = k < n ? b[k] : nil
                if (lang == .yaml && first && next == UInt8(ascii: ":")) || (lang == .toml && first && next == UInt8(ascii: "=")) {
                    add(from, i, .syntaxType)
                } else if lang.keywords.contains(key) {
                    add(from, i, .syntaxKeyword)
                } else if lang.types.contains(key) {
                    add(from, i, .syntaxType)
                } else if lang == .python, let prev = spans.last, prev.role == .syntaxKeyword,
                          ["def", "class"].contains(String(decoding: b[prev.range], as: UTF8.self)) {
                    add(from, i, String(decoding: b[prev.range], as: UTF8.self) == "class" ? .syntaxType : .syntaxFunction)
                } else if next == UInt8(ascii: "(") && (lang == .python || lang == .sql || lang == .shell) {
                    add(from, i, .syntaxFunction)
                }
                continue
            }
            // YAML list items keep the line's first key a key: `- name: x`.
            if lang == .yaml && c == UInt8(ascii: "-") && i + 1 < n && b[i + 1] == 32 { i += 2; lineStart = true; continue }
            i += 1
        }
        return (spans, state)
    }

    /// The next unescaped `close` from `k` (a backslash escapes one byte).
    static func findClosing(_ b: [UInt8], _ u: [UInt8], from k: Int) -> Int? {
        var j = k
        outer: while j + u.count <= b.count {
            if b[j] == UInt8(ascii: "\\") { j += 2; continue }
            for (o, c) in u.enumerated() where b[j + o] != c { j += 1; continue outer }
            return j
        }
        return nil
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isWordStart(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0x80 }
    static func isWord(_ c: UInt8) -> Bool { isWordStart(c) || isDigit(c) }
}
