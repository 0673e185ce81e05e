import CLibc
import Foundation

/// The new side of one file as the diff shows it, split into statements. A class: every rule is
/// handed the file with every statement, and as a struct of a dozen arrays and strings its
/// copies' destruction alone was 4% of a scan. Built and read on one thread (the file's).
public final class SourceFile: @unchecked Sendable {
    public let path: String
    public let lowerPath: String
    public private(set) var statements: [Statement] = []
    /// All new-side code of the file in the diff, lower-cased bytes: for "is there a seed anywhere" rules.
    let allBytes: [UInt8]
    public let hasAddedLines: Bool
    /// The new-side lines in order (numbers ascending): looked up by binary search, since only a
    /// hint's few lines are ever asked for (a dictionary of every line cost more than the rules).
    let lineList: [Line]
    private func lineAt(_ n: Int) -> Line? {
        guard let k = Sorted.first(lineList, after: n - 1, \.number), lineList[k].number == n else { return nil }
        return lineList[k]
    }

    /// The text of a new-side line, as written.
    func rawLine(_ n: Int) -> String? { lineAt(n)?.text }

    /// Whether the change adds this new-side line.
    func isAdded(_ n: Int) -> Bool { lineAt(n)?.added ?? false }
    /// Notebook line → cell index, for lines whose cell can be counted from the file's start.
    var cells: [Int: Int]

    /// Line → cell index over a whole notebook file.
    static func cells(inNotebook bytes: [UInt8]) -> [Int: Int] {
        var map: [Int: Int] = [:]
        var cell = -1, line = 1
        for raw in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            if Bytes.contains(Array(raw), "\"cell_type\"") { cell += 1 }
            if cell >= 0 { map[line] = cell }
            line += 1
        }
        return map
    }
    private let facts = Facts()

    /// Answers for the whole file, computed once per question (a file is scanned on one thread).
    final class Facts: @unchecked Sendable {
        var answers: [String: Bool] = [:]
        var flow: DataFlow?
        // Block structure, remembered: rules ask about the same function for each of its lines.
        var bodyEnd: [Int: Int] = [:]
        var defOf: [Int: Int] = [:]   // statement → its def's index, -1 at module level
        var memo: [String: Int] = [:] // rule-owned answers over the whole file
    }

    /// A whole-file answer a rule computes once (`key` names it; nil is remembered too).
    func remember(_ key: String, _ compute: () -> Int?) -> Int? {
        if let known = facts.memo[key] { return known == Int.min ? nil : known }
        let value = compute()
        facts.memo[key] = value ?? Int.min
        return value
    }

    /// What the file's names hold (training or held-out rows, predictions, scores), built on first use.
    var flow: DataFlow {
        if let known = facts.flow { return known }
        let built = DataFlow(self)
        facts.flow = built
        return built
    }

    /// A line the change removes, and the new line a hint about it points at: the next new line of
    /// its hunk, or the one before when the removal ends the hunk.
    public struct Removed: Sendable {
        public var text: String
        public var anchor: Int
    }
    public internal(set) var removed: [Removed] = []

    /// Removed lines waiting for the new line they point at, as a hunk is read.
    struct RemovedLines {
        private var pending: [String] = []
        private var lastNew: Int?
        var collected: [Removed] = []

        mutating func removed(_ text: String) { pending.append(text) }

        mutating func newLine(_ number: Int) {
            collected += pending.map { Removed(text: $0, anchor: number) }
            pending.removeAll()
            lastNew = number
        }

        /// A removal that ends the hunk points at the hunk's last new line.
        mutating func endHunk() {
            if let n = lastNew { collected += pending.map { Removed(text: $0, anchor: n) } }
            pending.removeAll()
            lastNew = nil
        }
    }
    /// Python (and notebooks) are read as statements; other files a line at a time.
    public let isPython: Bool

    /// Whether the file's new side mentions a lower-case word anywhere (cached).
    public func mentions(_ word: String) -> Bool {
        if let known = facts.answers[word] { return known }
        let answer = Bytes.contains(allBytes, word)
        facts.answers[word] = answer
        return answer
    }

    struct Line { var number: Int; var text: String; var added: Bool }

    convenience init(file: DiffFile, diff: ParsedDiff) {
        let notebook = file.path.lowercased().hasSuffix(".ipynb")
        var lines: [Line] = []
        var cells: [Int: Int] = [:]
        var cellCount = -1, expected = 1
        var removed = RemovedLines()
        for hunk in file.hunks {
            // A notebook's code is its cells' "source" arrays, not their outputs (HTML, scripts)
            // or metadata. Until a hunk shows a key, its lines are kept as code; what the first key
            // is tells whether they were ("source" comes last in a cell).
            var inSource: Bool?, start = lines.count, codeCell = true
            // Line by line as the hunk is read (no array of its lines first).
            diff.forEachLine(of: hunk) { l in
                var text = diff.text(l.content)
                if text.utf8.last == 13 { text.removeLast() }
                if l.kind == .removed {
                    if notebook { guard let code = SourceFile.notebookSource(text) else { return }; text = code }
                    removed.removed(text)
                    return
                }
                if let n = l.newNumber { removed.newLine(n) }
                if notebook {
                    // Cells can be counted only while every line from the first is in view.
                    if l.newNumber == expected {
                        expected += 1
                        if text.contains("\"cell_type\"") { cellCount += 1 }
                        if cellCount >= 0, let n = l.newNumber { cells[n] = cellCount }
                    }
                    let key = text.drop { $0 == " " || $0 == "\t" }
                    if key.hasPrefix("\"source\":") {
                        if inSource == nil { lines.removeSubrange(start...) }
                        inSource = !key.hasSuffix("]") && !key.hasSuffix("],")
                        return
                    }
                    if ["\"outputs\":", "\"metadata\":", "\"execution_count\":", "\"data\":", "\"text\":", "\"output_type\":"].contains(where: key.hasPrefix) {
                        if inSource == nil { lines.removeSubrange(start...) }
                        inSource = false
                        return
                    }
                    if key.hasPrefix("\"cell_type\":") {
                        // A markdown cell's source is prose.
                        codeCell = key.contains("\"code\"")
                        inSource = false
                        return
                    }
                    if inSource == true, key.hasPrefix("]") { inSource = false; return }
                    guard inSource != false, codeCell, let code = SourceFile.notebookSource(text) else { return }
                    text = code
                }
                lines.append(Line(number: l.newNumber ?? 0, text: text, added: l.kind == .added))
            }
            removed.endHunk()
        }
        self.init(path: file.path, lines: lines, cells: cells, aliases: nil)
        self.removed = removed.collected
    }

    /// A file (or a window of one) from its new-side lines; `aliases` when known from elsewhere.
    init(path: String, lines: [Line], cells: [Int: Int], aliases known: [String: String]?) {
        self.path = path
        lowerPath = path.lowercased()
        self.cells = cells
        isPython = HintRule.FileKinds.of(path).contains(.python)
        hasAddedLines = lines.contains { $0.added }
        lineList = lines
        let aliases = AliasTable(known ?? SourceFile.aliases(in: lines.lazy.map(\.text)))
        allBytes = SourceFile.loweredText(of: lines)
        var statements: [Statement] = []
        var i = 0
        var reader = PythonLines()
        while i < lines.count {
            var j = i
            var parts: [String] = []
            reader.reset()
            if !isPython {
                // SQL, configuration and requirements: a hazard is on one line, and brackets in
                // them do not join statements the way Python's do.
                parts.append(lines[j].text)
                j += 1
            } else {
                repeat {
                    parts.append(reader.read(lines[j].text))
                    j += 1
                } while reader.continues && j < lines.count && j - i < 40 && lines[j].number == lines[j - 1].number + 1
            }
            let span = lines[i..<j]
            // Spaces and tabs are one byte and one character each: counted on the bytes.
            let indent = lines[i].text.utf8.prefix { $0 == 32 || $0 == 9 }.count
            // Most statements are one line: no join.
            statements.append(Statement(text: SourceFile.resolve(parts.count == 1 ? parts[0] : parts.joined(separator: " "), aliases),
                                        addedLine: span.first { $0.added }?.number, index: statements.count,
                                        lines: span.first!.number...span.last!.number, indent: indent))
            i = j
        }
        self.statements = statements
    }

    /// The lines' text joined by newlines, ASCII letters lower-cased: built in one buffer (joining
    /// the strings first, then lowering, made the file's text twice).
    static func loweredText(of lines: [Line]) -> [UInt8] {
        let total = lines.reduce(0) { $0 + $1.text.utf8.count } + max(lines.count - 1, 0)
        return [UInt8](unsafeUninitializedCapacity: total) { out, count in
            var i = 0
            for (k, line) in lines.enumerated() {
                if k > 0 { out[i] = 10; i += 1 }
                var text = line.text
                text.withUTF8 { b in for c in b { out[i] = Bytes.lower(c); i += 1 } }
            }
            count = i
        }
    }

    /// `tests/…`, `test_x.py`, `x_test.py`, `conftest.py`.
    static func isTest(_ lowerPath: String) -> Bool {
        let name = lowerPath.split(separator: "/").last.map(String.init) ?? lowerPath
        return lowerPath.hasPrefix("tests/") || lowerPath.hasPrefix("test/") || lowerPath.contains("/tests/") || lowerPath.contains("/test/")
            || name.hasPrefix("test_") || name.hasSuffix("_test.py") || name == "conftest.py"
    }

    /// The `# mle-review: ignore[RULE] reason` waiver on a statement's lines, if any.
    func waiver(for rule: String, in s: Statement) -> String? {
        for n in s.lines {
            guard let text = rawLine(n), let r = text.range(of: "mle-review: ignore[") else { continue }
            let rest = text[r.upperBound...]
            guard let close = rest.firstIndex(of: "]") else { continue }
            let rules = rest[..<close].split(separator: ",").map { $0.trimmingSpaces() }
            if rules.contains(rule) || rules.contains("all") {
                let reason = rest[rest.index(after: close)...].trimmingSpaces()
                return reason.isEmpty ? "waived without a reason" : reason
            }
        }
        return nil
    }

    /// The `def` a statement is in (its nearest less-indented `def` above), nil at module level.
    func enclosingDef(_ s: Statement) -> Statement? {
        guard s.indent > 0, s.index >= 0 else { return nil }
        if let known = facts.defOf[s.index] { return known < 0 ? nil : statements[known] }
        let found = findEnclosingDef(s)
        facts.defOf[s.index] = found?.index ?? -1
        return found
    }

    private func findEnclosingDef(_ s: Statement) -> Statement? {
        var indent = s.indent
        for k in stride(from: s.index - 1, through: 0, by: -1) {
            let st = statements[k]
            guard st.indent < indent else { continue }
            if st.isDef { return st }
            indent = st.indent
            if indent == 0 { return nil }
        }
        return nil
    }

    /// The statements of a block: those after `head` indented deeper than it, up to the first that is not.
    func body(of head: Statement) -> ArraySlice<Statement> {
        guard head.index >= 0 else { return [] }
        if let end = facts.bodyEnd[head.index] { return statements[(head.index + 1)..<end] }
        let rest = statements[(head.index + 1)...]
        let end = rest.firstIndex { $0.indent <= head.indent } ?? statements.endIndex
        facts.bodyEnd[head.index] = end
        return statements[(head.index + 1)..<end]
    }

    /// Whether two statements are in the same function (or both at module level).
    func sameScope(_ a: Statement, _ b: Statement) -> Bool { enclosingDef(a)?.index == enclosingDef(b)?.index }

    /// The statements before one (for order rules).
    func statements(before s: Statement) -> ArraySlice<Statement> { statements[..<s.index] }

    /// A notebook's JSON line `    "X = fit(df)\n",` holds one line of a cell's source. A line
    /// that is not one string (`"cell_type": "code",`, a key and a value) is not source.
    static func notebookSource(_ line: String) -> String? {
        let t = line.trimmingSpaces()
        guard t.hasPrefix("\""), t.count >= 2 else { return nil }
        var body = t.dropFirst()
        if body.hasSuffix(",") { body = body.dropLast() }
        guard body.hasSuffix("\"") else { return nil }
        body = body.dropLast()
        var out = "", escaped = false
        for ch in body {
            if escaped {
                switch ch {
                case "n": break // the cell line's own newline
                case "t": out.append("\t")
                default: out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "\"" {
                return nil
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// `import joblib as jl` → jl: joblib; `from sklearn.model_selection import train_test_split as tts`
    /// → tts: train_test_split; `from torch import load` → load: torch.load.
    static func aliases(in lines: some Sequence<String>) -> [String: String] {
        var map: [String: String] = [:]
        for raw in lines {
            // Only import lines matter; skip the rest without splitting them (on the bytes in place).
            guard SourceFile.startsAnImport(raw) else { continue }
            // Only aliases and from-imports of the loaders the rules know change a name.
            let bytes = Array(raw.utf8)
            guard Bytes.contains(bytes, " as ") || qualifyFromImports.contains(where: { Bytes.contains(bytes, $0) }) else { continue }
            var reader = PythonLines()
            let line = reader.read(raw).trimmingSpaces()
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if words.first == "import" {
                for part in line.dropFirst(7).split(separator: ",") {
                    let w = part.split(separator: " ").map(String.init)
                    if w.count == 3, w[1] == "as" { map[w[2]] = w[0] }
                }
            } else if words.first == "from", words.count >= 4, words[2] == "import" {
                let module = words[1]
                let names = line.components(afterFirst: " import ").filter { $0 != "(" && $0 != ")" }
                for part in names.split(separator: ",") {
                    let w = part.split(separator: " ").map(String.init)
                    guard let name = w.first else { continue }
                    let full = qualifyFrom.contains(module) ? module + "." + name : name
                    if w.count == 3, w[1] == "as" { map[w[2]] = full } else if full != name { map[name] = full }
                }
            }
        }
        return map
    }

    /// Modules whose from-imports are written out in full (`from torch import load` → `torch.load`).
    static let qualifyFrom: Set<String> = ["joblib", "pickle", "dill", "cloudpickle", "torch", "yaml", "numpy", "np"]
    private static let qualifyFromImports = qualifyFrom.map { "from \($0) " }

    /// Whether a line's first word, after its indentation, is `import` or `from` (asked of every
    /// line: compared byte by byte).
    static func startsAnImport(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { b in
            var i = 0
            while i < b.count, b[i] == 32 || b[i] == 9 { i += 1 }
            let rest = b.count - i
            if rest >= 7, b[i] == 105 { // import
                return b[i + 1] == 109 && b[i + 2] == 112 && b[i + 3] == 111 && b[i + 4] == 114 && b[i + 5] == 116 && b[i + 6] == 32
            }
            if rest >= 5, b[i] == 102 { // from
                return b[i + 1] == 114 && b[i + 2] == 111 && b[i + 3] == 109 && b[i + 4] == 32
            }
            return false
        }
    }

    /// Writes aliases out where they are used as a call or a module (`jl.`, `tts(`).
    static func resolve(_ code: String, _ aliases: AliasTable) -> String {
        guard !aliases.isEmpty else { return code }
        // Only a word just before a `.` or `(` can be rewritten: those bytes are found with
        // memchr in the string's own storage, and the text is rebuilt only when an alias is used
        // (a short alias such as `np` occurs inside most statements' words).
        var text = code
        return text.withUTF8 { b -> String in
            guard let base = b.baseAddress else { return code }
            let n = b.count
            func next(_ byte: UInt8, after k: Int) -> Int { Bytes.index(of: byte, in: base, from: k, count: n) ?? n }
            @inline(__always) func isWord(_ c: UInt8) -> Bool { c == 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128 }
            var out: [UInt8] = []
            var copied = 0, rewritten = false
            var dot = next(46, after: 0), paren = next(40, after: 0)
            while true {
                let k = min(dot, paren)
                guard k < n else { break }
                if k == dot { dot = next(46, after: k + 1) } else { paren = next(40, after: k + 1) }
                var i = k
                while i > 0 && isWord(b[i - 1]) { i -= 1 }
                guard i < k, i == 0 || b[i - 1] != 46, let full = aliases.fullName(of: UnsafeBufferPointer(rebasing: b[i..<k])) else { continue }
                if !rewritten { out.reserveCapacity(n + 16); rewritten = true }
                out += b[copied..<i]
                out += full
                copied = k
            }
            guard rewritten else { return code }
            out += b[copied..<n]
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// A file's import aliases (`jl` → `joblib`), with the names laid end to end in one buffer so that
/// looking a word up (every call-shaped word of the file's statements is) retains nothing.
struct AliasTable {
    private let names: [UInt8]
    private let ranges: [Range<Int>]
    private let full: [[UInt8]]

    init(_ aliases: [String: String]) {
        var names: [UInt8] = [], ranges: [Range<Int>] = [], full: [[UInt8]] = []
        for (name, value) in aliases.sorted(by: { $0.key < $1.key }) where !name.isEmpty {
            ranges.append(names.count..<(names.count + name.utf8.count))
            names += name.utf8
            full.append(Array(value.utf8))
        }
        self.names = names
        self.ranges = ranges
        self.full = full
    }

    var isEmpty: Bool { ranges.isEmpty }

    /// What a word that is an alias's name stands for.
    func fullName(of word: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        names.withUnsafeBufferPointer { n in
            for (k, r) in ranges.enumerated() where r.count == word.count && memcmp(n.baseAddress! + r.lowerBound, word.baseAddress!, r.count) == 0 {
                return full[k]
            }
            return nil
        }
    }
}

