/// The languages the diff view colours, and what their lexer needs to know. Small tables, not
/// grammars: enough to tell keywords, strings, comments, numbers, calls and types apart, and to
/// carry a string or comment across lines.
public enum SyntaxLanguage: String, Sendable, CaseIterable {
    case python, sql, yaml, json, toml, shell, markdown

    /// By file name; nil for anything else (shown without syntax colour).
    public static func detect(path: String) -> SyntaxLanguage? {
        let name = path.split(separator: "/").last.map { String($0).lowercased() } ?? ""
        if ["dockerfile", "makefile"].contains(name) { return .shell }
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "py", "pyi", "pyx": return .python
        case "sql", "hql", "ddl": return .sql
        case "yaml", "yml": return .yaml
        case "json", "jsonl", "geojson": return .json
        case "toml", "cfg", "ini": return .toml
        case "sh", "bash", "zsh", "env": return .shell
        case "md", "markdown": return .markdown
        default: return nil
        }
    }

    /// Built once per language: the lexer asks for every identifier. In arrays by the case's
    /// position: a dictionary keyed by the language hashed its name at every lookup, and its
    /// first use cost a scan of every conformance record on the way to the first frame.
    var keywords: Set<String> { Self.keywordTable[ordinal] }
    var types: Set<String> { Self.typeTable[ordinal] }
    var quotes: [[UInt8]] { Self.quoteTable[ordinal] }
    var lineComments: [[UInt8]] { Self.commentTable[ordinal] }

    static let keywordTable = allCases.map(\.keywordList)
    static let typeTable = allCases.map(\.typeList)
    static let quoteTable = allCases.map { $0.quoteList.map { Array($0.utf8) } }
    static let commentTable = allCases.map { $0.commentList.map { Array($0.utf8) } }

    /// The case's position in `allCases` (a test holds the two together).
    var ordinal: Int {
        switch self {
        case .python: 0
        case .sql: 1
        case .yaml: 2
        case .json: 3
        case .toml: 4
        case .shell: 5
        case .markdown: 6
        }
    }

    private var keywordList: Set<String> {
        switch self {
        case .python:
            return ["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
                    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "match",
                    "case", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "self"]
        case .sql:
            return ["select", "from", "where", "join", "left", "right", "inner", "outer", "full", "cross", "on", "group", "by",
                    "order", "having", "limit", "offset", "union", "all", "insert", "into", "values", "update", "set", "delete",
                    "create", "table", "view", "index", "drop", "alter", "add", "as", "and", "or", "not", "null", "is", "in",
                    "exists", "between", "like", "case", "when", "then", "else", "end", "with", "distinct", "over", "partition",
                    "rows", "range", "preceding", "following", "current", "row", "asc", "desc", "true", "false", "cast",
                    "interval", "primary", "key", "references", "default", "if", "replace", "merge", "using", "qualify"]
        case .yaml: return ["true", "false", "null", "yes", "no", "on", "off", "~"]
        case .json: return ["true", "false", "null"]
        case .toml: return ["true", "false"]
        case .shell:
            return ["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "function",
                    "return", "export", "local", "readonly", "set", "unset", "source", "exit", "RUN", "FROM", "COPY", "ENV",
                    "ARG", "CMD", "ENTRYPOINT", "WORKDIR", "ADD", "EXPOSE", "USER", "LABEL"]
        case .markdown: return []
        }
    }

    private var typeList: Set<String> {
        switch self {
        case .python: return ["int", "float", "str", "bool", "list", "dict", "set", "tuple", "bytes", "object", "type", "Exception"]
        case .sql: return ["int", "integer", "bigint", "smallint", "float", "double", "decimal", "numeric", "varchar", "char", "text",
                           "string", "boolean", "date", "timestamp", "time", "array", "struct", "map"]
        default: return []
        }
    }

    var caseInsensitive: Bool { self == .sql }
    private var commentList: [String] {
        switch self {
        case .python, .yaml, .toml, .shell: return ["#"]
        case .sql: return ["--"]
        case .json, .markdown: return []
        }
    }
    var blockComment: (open: String, close: String)? { self == .sql ? ("/*", "*/") : nil }
    /// String openers, longest first; triple quotes can span lines.
    private var quoteList: [String] {
        switch self {
        case .python: return ["\"\"\"", "'''", "\"", "'"]
        case .toml: return ["\"\"\"", "'''", "\"", "'"]
        case .sql, .yaml, .shell: return ["\"", "'"]
        case .json: return ["\""]
        case .markdown: return ["`"]
        }
    }
}
