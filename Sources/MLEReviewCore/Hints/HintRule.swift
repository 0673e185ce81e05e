/// One thing that goes wrong in ML code, as a check over a statement of added code.
public struct HintRule: Sendable {
    public var id: String
    public var family: Hint.Family
    public var severity: Severity
    public var title: String
    public var issue: String
    public var fix: String
    /// Lower-case words one of which a statement must contain before `match` runs.
    public var triggers: [String]
    /// File kinds it reads: Python and notebooks unless said otherwise.
    public var files: FileKinds
    /// Nil when the statement is fine; otherwise words to add to the issue ("" for none).
    public var match: @Sendable (Statement, SourceFile) -> Found?
    /// Which lines it reads: added code, or lines the change removes (a safeguard taken away,
    /// hinted on the nearest new line).
    public var side: Side = .added

    public enum Side: Sendable { case added, removed }

    public init(id: String, family: Hint.Family, severity: Severity, title: String, issue: String, fix: String, triggers: [String],
                files: FileKinds, side: Side = .added, match: @escaping @Sendable (Statement, SourceFile) -> Found?) {
        self.id = id
        self.family = family
        self.severity = severity
        self.title = title
        self.issue = issue
        self.fix = fix
        self.triggers = triggers
        self.files = files
        self.side = side
        self.match = match
    }

    public struct FileKinds: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let python = FileKinds(rawValue: 1)
        public static let config = FileKinds(rawValue: 2)      // YAML, TOML, JSON, .cfg, .ini
        public static let requirements = FileKinds(rawValue: 4) // requirements*.txt, pyproject, setup
        public static let sql = FileKinds(rawValue: 8)
        public static let shell = FileKinds(rawValue: 16)

        public static let other = FileKinds(rawValue: 32)     // anything else (a key file, say): secrets only
        public static let any: FileKinds = [.python, .config, .requirements, .sql, .shell, .other]

        /// What kinds a file is, from its path (a requirements file is also config, and so on).
        public static func of(_ path: String) -> FileKinds {
            let p = path.lowercased()
            let name = p.split(separator: "/").last.map(String.init) ?? p
            var kinds: FileKinds = []
            if p.hasSuffix(".py") || p.hasSuffix(".ipynb") || p.hasSuffix(".pyi") { kinds.insert(.python) }
            let pinsFile = (name.hasPrefix("requirements") || name.hasPrefix("constraints")) && (name.hasSuffix(".txt") || name.hasSuffix(".in"))
                || p.contains("requirements/") && name.hasSuffix(".txt")
            if pinsFile || ["pyproject.toml", "setup.py", "setup.cfg", "environment.yml", "environment.yaml", "conda.yaml", "pipfile"].contains(name) {
                kinds.insert(.requirements)
            }
            if [".yaml", ".yml", ".toml", ".json", ".cfg", ".ini", ".env", ".properties", ".conf"].contains(where: p.hasSuffix) || name.hasPrefix(".env") {
                kinds.insert(.config)
            }
            if p.hasSuffix(".sql") { kinds.insert(.sql) }
            if p.hasSuffix(".sh") || ["dockerfile", "makefile", "procfile"].contains(name) || name.hasPrefix("dockerfile.") || name.hasSuffix(".dockerfile") {
                kinds.insert(.shell)
            }
            if kinds.isEmpty { kinds.insert(.other) }
            return kinds
        }
    }

}

/// What a rule found: the evidence to add to its issue, and the line when it is not the
/// statement's first added line (a field in a many-line dict, a requirement in a list).
/// A string literal is one, so a rule says `return "Evidence: …"`.
public struct Found: ExpressibleByStringInterpolation, Sendable {
    public var detail: String
    public var line: Int?

    public init(_ detail: String, line: Int? = nil) {
        self.detail = detail
        self.line = line
    }

    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }
}

/// Small text helpers the rules share.
extension Statement {
    var lower: String { text.lowercased() }

    /// `name(` as a call, not as part of a longer name.
    func calls(_ name: String) -> Bool { argumentsOf(name) != nil }

    /// The text inside the first call's parentheses, or nil when the call is not there. Byte
    /// search in place: this runs for every statement that passes a rule's triggers.
    func argumentsOf(_ name: String) -> String? {
        var needle = name + "("
        let dotted = name.hasPrefix(".")
        return needle.withUTF8 { n in
            withWrittenBytes { hay -> String? in
                var from = 0
                while let at = Bytes.index(of: n, in: hay, from: from) {
                    let before: UInt8 = at == 0 ? 32 : hay[at - 1]
                    let partOfWord = before == 95 || (before >= 48 && before <= 57) || (before | 32 >= 97 && before | 32 <= 122)
                    if dotted || !partOfWord {
                        var depth = 1, i = at + n.count
                        let start = i
                        while i < hay.count {
                            if hay[i] == 40 { depth += 1 } else if hay[i] == 41 { depth -= 1; if depth == 0 { break } }
                            i += 1
                        }
                        return String(decoding: UnsafeBufferPointer(rebasing: hay[start..<i]), as: UTF8.self)
                    }
                    from = at + 1
                }
                return nil
            }
        }
    }

    /// The object a method is called on: `scaler` in `x = scaler.fit(a)` for ".fit"; "" without the call.
    func receiver(of call: String) -> String {
        var needle = call + "("
        return needle.withUTF8 { n in
            withWrittenBytes { b -> String in
                guard let at = Bytes.index(of: n, in: b) else { return "" }
                var start = at
                while start > 0, !" =(,[".utf8.contains(b[start - 1]) { start -= 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: b[start..<at]), as: UTF8.self)
            }
        }
    }

    /// Whether the text contains `word` as written: a byte search, this runs for every statement.
    func has(_ word: String) -> Bool {
        // The lower-cased pairs are a cheap necessary condition before the search.
        pairs.mayContain(pairsOf: word, lowering: true) && withWrittenBytes { Bytes.contains($0, word) }
    }

    /// The first of the statement's lines (new side) whose text contains `needle`, added lines first.
    func line(containing needle: String, in f: SourceFile) -> Int? {
        let candidates = lines.filter { f.rawLine($0)?.contains(needle) == true }
        return candidates.first { f.isAdded($0) } ?? candidates.first
    }
}
