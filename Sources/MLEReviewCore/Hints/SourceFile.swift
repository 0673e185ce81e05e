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

    /// Where a hint about a removed line points. A removed line points at the next new line of
    /// its hunk; when the change replaced it, that is the first line of the replacement, which
    /// may be another statement (a seed dropped from a split pointed at the scaler line added
    /// above it). Of the added lines from `first` on, the one most like the removed code, when
    /// one is (half its bytes or more alike from both ends), else `first`.
    func replacement(of removed: Substring, at first: Int) -> Int {
        let old = Array(removed.utf8)
        guard !old.isEmpty, var k = Sorted.first(source.lines, after: first - 1, \.number), k < source.count,
              source[k].number == first, source[k].added else { return first }
        var best = first, bestScore = 0
        let end = min(source.count, k + 200)
        while k < end, source[k].added {
            let line = source[k]
            let new = source.bytes[line.start..<line.end].drop { $0 == 32 || $0 == 9 }
            let score = Self.alike(old, Array(new))
            if score > bestScore { best = line.number; bestScore = score }
            k += 1
            if k < end, source[k].number != source[k - 1].number + 1 { break }
        }
        return bestScore * 2 >= old.count ? best : first
    }

    /// Bytes two lines share at their start and at their end.
    static func alike(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var p = 0
        while p < a.count, p < b.count, a[p] == b[p] { p += 1 }
        var s = 0
        while s < a.count - p, s < b.count - p, a[a.count - 1 - s] == b[b.count - 1 - s] { s += 1 }
        return p + s
    }
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
    func waiver(for rule: String, in s: Statement) -> String? { waiver(for: rule, on: s.lines) }

    func waiver(for rule: String, on lines: ClosedRange<Int>) -> String? {
        for n in lines {
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
}
