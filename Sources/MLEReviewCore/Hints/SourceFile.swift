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
    /// The new-side lines, laid end to end: a hint's few lines are made into text when asked for.
    let source: SourceLines

    /// The text of a new-side line, as written.
    func rawLine(_ n: Int) -> String? { source.line(numbered: n).map(source.text(of:)) }

    /// Whether the change adds this new-side line.
    func isAdded(_ n: Int) -> Bool { source.line(numbered: n)?.added ?? false }
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

    /// The lines the change removes, each numbered with the new line a hint about it points at:
    /// the next new line of its hunk, or the one before when the removal ends the hunk.
    var removed = SourceLines()

    /// Removed lines waiting for the new line they point at, as a hunk is read. A big diff
    /// removes more lines than it adds (441,000 in the Keras diff): they are kept as bytes.
    struct RemovedLines {
        private var lines = SourceLines()
        /// Lines from here on wait for their new line.
        private var waiting = 0
        private var lastNew: Int?

        mutating func removed(content: Range<Int>, of diff: ParsedDiff) { lines.append(number: 0, added: false, content: content, of: diff) }
        mutating func removed(text: String) { lines.append(number: 0, added: false, text: text) }

        mutating func newLine(_ number: Int) {
            lines.renumber(from: waiting, to: number)
            waiting = lines.count
            lastNew = number
        }

        /// A removal that ends the hunk points at the hunk's last new line (one with no new line, at none).
        mutating func endHunk() {
            if let n = lastNew { lines.renumber(from: waiting, to: n) } else { lines.keepFirst(waiting) }
            waiting = lines.count
            lastNew = nil
        }

        var isEmpty: Bool { waiting == 0 }

        /// The lines that know their new line, taken out (those still waiting stay).
        mutating func takeNumbered() -> SourceLines {
            var numbered = lines
            numbered.keepFirst(waiting)
            lines = lines.suffix(from: waiting)
            waiting = 0
            return numbered
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

    convenience init(file: DiffFile, diff: ParsedDiff) {
        let notebook = file.path.lowercased().hasSuffix(".ipynb")
        var lines = SourceLines()
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
                if l.kind == .removed {
                    guard notebook else { return removed.removed(content: l.content, of: diff) }
                    if let code = SourceFile.notebookSource(SourceFile.text(of: l, in: diff)) { removed.removed(text: code) }
                    return
                }
                if let n = l.newNumber { removed.newLine(n) }
                guard notebook else {
                    return lines.append(number: l.newNumber ?? 0, added: l.kind == .added, content: l.content, of: diff)
                }
                do {
                    let text = SourceFile.text(of: l, in: diff)
                    // Cells can be counted only while every line from the first is in view.
                    if l.newNumber == expected {
                        expected += 1
                        if text.contains("\"cell_type\"") { cellCount += 1 }
                        if cellCount >= 0, let n = l.newNumber { cells[n] = cellCount }
                    }
                    let key = text.drop { $0 == " " || $0 == "\t" }
                    if key.hasPrefix("\"source\":") {
                        if inSource == nil { lines.keepFirst(start) }
                        inSource = !key.hasSuffix("]") && !key.hasSuffix("],")
                        return
                    }
                    if ["\"outputs\":", "\"metadata\":", "\"execution_count\":", "\"data\":", "\"text\":", "\"output_type\":"].contains(where: key.hasPrefix) {
                        if inSource == nil { lines.keepFirst(start) }
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
                    lines.append(number: l.newNumber ?? 0, added: l.kind == .added, text: code)
                }
            }
            removed.endHunk()
        }
        self.init(path: file.path, lines: lines, cells: cells, aliases: nil)
        self.removed = removed.takeNumbered()
    }

    /// A diff line's text as written, without a final carriage return.
    static func text(of line: DiffLine, in diff: ParsedDiff) -> String {
        var text = diff.text(line.content)
        if text.utf8.last == 13 { text.removeLast() }
        return text
    }

    /// A file (or a window of one) from its new-side lines; `aliases` when known from elsewhere.
    init(path: String, lines: SourceLines, cells: [Int: Int], aliases known: [String: String]?) {
        self.path = path
        lowerPath = path.lowercased()
        self.cells = cells
        isPython = HintRule.FileKinds.of(path).contains(.python)
        hasAddedLines = lines.lines.contains { $0.added }
        source = lines
        allBytes = Bytes.lowered(lines.bytes)
        let aliases = AliasTable(known ?? SourceFile.aliases(in: lines))
        // Every statement's code goes into one buffer (and one lower-cased copy of it): a
        // statement is a range of it, not a string and an array of its own.
        var written: [UInt8] = []
        written.reserveCapacity(lines.bytes.count)
        var spans: [(code: Range<Int>, first: Int, end: Int)] = []
        lines.bytes.withUnsafeBufferPointer { all in
            func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[lines[k].start..<lines[k].end]) }
            var i = 0
            var reader = PythonLines()
            while i < lines.count {
                let start = written.count
                var j = i
                reader.reset()
                if !isPython {
                    // SQL, configuration and requirements: a hazard is on one line, and brackets in
                    // them do not join statements the way Python's do.
                    written.append(contentsOf: bytes(j))
                    j += 1
                } else {
                    repeat {
                        let line = bytes(j)
                        let cut = reader.read(line)
                        if j > i { written.append(32) }
                        written.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<cut]))
                        j += 1
                    } while reader.continues && j < lines.count && j - i < 40 && lines[j].number == lines[j - 1].number + 1
                }
                if !aliases.isEmpty { SourceFile.writeOutAliases(in: &written, from: start, aliases) }
                spans.append((start..<written.count, i, j))
                i = j
            }
        }
        let code = StatementCode(written)
        statements.reserveCapacity(spans.count)
        for (k, span) in spans.enumerated() {
            let first = lines[span.first], last = lines[span.end - 1]
            let added = (span.first..<span.end).first { lines[$0].added }.map { lines[$0].number }
            // Spaces and tabs are one byte and one character each: counted on the bytes.
            let indent = lines.bytes[first.start..<first.end].prefix { $0 == 32 || $0 == 9 }.count
            statements.append(Statement(code, span.code, addedLine: added, index: k, lines: first.number...last.number, indent: indent))
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
        // Only import lines matter; the rest are skipped on their bytes, without splitting them.
        for var line in lines where line.withUTF8({ startsAnImport($0) && mayAlias($0) }) { addAliases(from: line, to: &map) }
        return map
    }

    /// The same, from a file's lines: only its import lines are made into text.
    static func aliases(in lines: SourceLines) -> [String: String] {
        var map: [String: String] = [:]
        lines.bytes.withUnsafeBufferPointer { all in
            for line in lines.lines {
                let bytes = UnsafeBufferPointer(rebasing: all[line.start..<line.end])
                if startsAnImport(bytes) && mayAlias(bytes) { addAliases(from: lines.text(of: line), to: &map) }
            }
        }
        return map
    }

    /// Only aliases and from-imports of the loaders the rules know change a name.
    private static func mayAlias(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if Bytes.contains(line, " as ") { return true }
        // `from X ` for one of the modules: each `from ` is looked at, not each module's words searched for.
        guard let base = line.baseAddress else { return false }
        var at = 0
        while at + 5 <= line.count, let hit = mle_memmem(base + at, line.count - at, "from ", 5) {
            let after = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 5
            for module in qualifyFromBytes where after + module.count < line.count && line[after + module.count] == 32
                && memcmp(base + after, module, module.count) == 0 { return true }
            at = after - 4
        }
        return false
    }

    /// An import line's aliases. Read as bytes: a space or a comma is one byte, and splitting
    /// by characters (or through a substring's view) was most of the time a file's aliases took.
    private static func addAliases(from raw: String, to map: inout [String: String]) {
        var reader = PythonLines()
        let line = Array(reader.read(raw).trimmingSpaces().utf8)
        func text(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        func its(_ b: ArraySlice<UInt8>, _ word: String) -> Bool { b.elementsEqual(word.utf8) }
        let words = line.split(separator: 32)
        guard let head = words.first else { return }
        if its(head, "import") {
            for part in line.dropFirst(7).split(separator: 44) {
                let w = part.split(separator: 32)
                if w.count == 3, its(w[1], "as") { map[text(w[2])] = text(w[0]) }
            }
        } else if its(head, "from"), words.count >= 4, its(words[2], "import"), let at = Bytes.index(of: Self.importWord, in: line) {
            let module = text(words[1])
            let names = line[(at + Self.importWord.count)...].filter { $0 != 40 && $0 != 41 }
            for part in names.split(separator: 44) {
                let w = part.split(separator: 32).map(text)
                guard let name = w.first else { continue }
                let full = qualifyFrom.contains(module) ? module + "." + name : name
                if w.count == 3, w[1] == "as" { map[w[2]] = full } else if full != name { map[name] = full }
            }
        }
    }
    private static let importWord = Array(" import ".utf8)

    /// Modules whose from-imports are written out in full (`from torch import load` → `torch.load`).
    static let qualifyFrom: Set<String> = ["joblib", "pickle", "dill", "cloudpickle", "torch", "yaml", "numpy", "np"]
    private static let qualifyFromBytes = qualifyFrom.map { Array($0.utf8) }

    /// Whether a line's first word, after its indentation, is `import` or `from`.
    static func startsAnImport(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { startsAnImport($0) }
    }

    /// Asked of every line: compared byte by byte.
    static func startsAnImport(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
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

    /// Writes aliases out where they are used as a call or a module (`jl.`, `tts(`).
    static func resolve(_ code: String, _ aliases: AliasTable) -> String {
        var bytes = Array(code.utf8)
        writeOutAliases(in: &bytes, from: 0, aliases)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `resolve` on the code from `start` to the end of a buffer, in place.
    static func writeOutAliases(in code: inout [UInt8], from start: Int, _ aliases: AliasTable) {
        guard !aliases.isEmpty else { return }
        // Only a word just before a `.` or `(` can be rewritten: those bytes are found with
        // memchr, and the code is rebuilt only when an alias is used (a short alias such as `np`
        // occurs inside most statements' words).
        let rewritten: [UInt8]? = code.withUnsafeBufferPointer { all in
            let b = UnsafeBufferPointer(rebasing: all[start...])
            guard let base = b.baseAddress else { return nil }
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
            guard rewritten else { return nil }
            out += b[copied..<n]
            return out
        }
        if let rewritten { code.replaceSubrange(start..., with: rewritten) }
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
        var firstBytes = [Bool](repeating: false, count: 256), lengths: UInt64 = 0
        for r in ranges {
            firstBytes[Int(names[r.lowerBound])] = true
            if r.count < 64 { lengths |= 1 << UInt64(r.count) }
        }
        self.firstBytes = firstBytes
        self.lengths = lengths
        hasLong = ranges.contains { $0.count >= 64 }
    }

    private let firstBytes: [Bool]
    /// Bit n: an alias n bytes long; `hasLong`: one of 64 bytes or more.
    private let lengths: UInt64
    private let hasLong: Bool

    var isEmpty: Bool { ranges.isEmpty }

    /// What a word that is an alias's name stands for.
    func fullName(of word: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // Every word before a `.` or `(` of an aliasing file is asked: most are turned away by
        // their length or first byte, without comparing names.
        guard let first = word.first, word.count < 64 ? lengths >> UInt64(word.count) & 1 != 0 : hasLong, firstBytes[Int(first)] else { return nil }
        return names.withUnsafeBufferPointer { n in
            for (k, r) in ranges.enumerated() where r.count == word.count && memcmp(n.baseAddress! + r.lowerBound, word.baseAddress!, r.count) == 0 {
                return full[k]
            }
            return nil
        }
    }
}

