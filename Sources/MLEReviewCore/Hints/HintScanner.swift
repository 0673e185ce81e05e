import CLibc
import Foundation

/// The rule-based scanner: reads the new side of every hunk (so a call spread over several lines
/// is read whole, and imports and aliases are known), and raises hints only on added lines.
public enum HintScanner {
    /// Files are independent, so they are scanned in parallel (two cores here: half the time on a
    /// 28 MB diff); the hints come back in the diff's order.
    /// - Parameter newFile: the whole new version of a file, when it can be had (from git for a
    ///   range); used to number the cells of a notebook the diff shows only in part.
    public static func scan(_ diff: ParsedDiff, rules: [HintRule] = HintRules.all,
                            newFile: (@Sendable (String) -> [UInt8]?)? = nil) -> [Hint] {
        let prepared = rules.map { $0.triggers.map(Trigger.init) }
        let files = diff.files.indices.filter { i in
            let f = diff.files[i]
            return !f.isBinary && !f.isCombined && f.newPath != nil && f.additions > 0
        }
        let results = Parallel.map(files.count) { k in
            scan(file: diff.files[files[k]], diff: diff, rules: rules, prepared: prepared, newFile: newFile)
        }
        // One hint per rule and line, even when several statements overlap it.
        var seen: Set<String> = []
        return results.flatMap { $0 }.filter { seen.insert("\($0.rule) \($0.path) \($0.line)").inserted }
    }

    static func scan(file: DiffFile, diff: ParsedDiff, rules: [HintRule], prepared: [[Trigger]],
                     newFile: (@Sendable (String) -> [UInt8]?)? = nil) -> [Hint] {
        let kinds = HintRule.FileKinds.of(file.path)
        // Tests use test data on purpose: only secrets are worth a hint there.
        let testFile = SourceFile.isTest(file.path.lowercased())
        let applicable = rules.indices.filter { !rules[$0].files.isDisjoint(with: kinds) && (!testFile || rules[$0].family == .secrets) }
        guard !applicable.isEmpty else { return [] }
        var hints: [Hint] = []
        var perRule: [Int: (count: Int, firstOver: Int?)] = [:]
        func scan(_ context: SourceFile) {
            for statement in context.statements where statement.addedLine != nil {
                for k in applicable {
                    // Cheap checks first: which bytes the statement has, then a byte search for the
                    // rule's words. Most statements mention none of them.
                    guard prepared[k].isEmpty || prepared[k].contains(where: { $0.found(in: statement) }) else { continue }
                    let rule = rules[k]
                    guard let detail = rule.match(statement, context) else { continue }
                    let line = statement.addedLine!
                    // A rule says the same thing a few times per file at most; the rest is counted.
                    let seen = perRule[k, default: (0, nil)]
                    perRule[k] = (seen.count + 1, seen.firstOver ?? (seen.count >= perRuleLimit ? line : nil))
                    guard seen.count < perRuleLimit else { continue }
                    hints.append(Hint(rule: rule.id, family: rule.family, severity: rule.severity, path: context.path,
                                      line: line, title: rule.title, issue: detail.isEmpty ? rule.issue : rule.issue + " " + detail,
                                      fix: rule.fix, waiver: context.waiver(for: rule.id, in: statement), cell: context.cells[line]))
                }
            }
        }
        let lowerPath = file.path.lowercased()
        if lowerPath.hasSuffix(".ipynb") || file.hunks.reduce(0, { $0 + $1.lineCount }) <= window {
            var context = SourceFile(file: file, diff: diff)
            if lowerPath.hasSuffix(".ipynb"), let content = newFile?(file.path) { context.cells = SourceFile.cells(inNotebook: content) }
            scan(context)
        } else {
            // A huge file is read a window of lines at a time, so memory stays bounded whatever
            // its size; rules see the statements of their window (and the file's first imports).
            var lines: [SourceFile.Line] = []
            var aliases: [String: String]?
            func flush() {
                guard !lines.isEmpty else { return }
                let known = aliases ?? SourceFile.aliases(in: lines.map(\.text))
                aliases = known
                scan(SourceFile(path: file.path, lines: lines, cells: [:], aliases: known))
                lines.removeAll(keepingCapacity: true)
            }
            for hunk in file.hunks {
                diff.forEachLine(of: hunk) { l in
                    guard l.kind != .removed else { return }
                    var text = diff.text(l.content)
                    if text.hasSuffix("\r") { text.removeLast() }
                    lines.append(SourceFile.Line(number: l.newNumber ?? 0, text: text, added: l.kind == .added))
                    if lines.count >= window { flush() }
                }
            }
            flush()
        }
        for (k, seen) in perRule where seen.count > perRuleLimit {
            let rule = rules[k], more = seen.count - perRuleLimit
            hints.append(Hint(rule: rule.id, family: rule.family, severity: rule.severity, path: file.path, line: seen.firstOver ?? 0,
                              title: "\(rule.title) (and \(more) more like it in this file)",
                              issue: "\(rule.issue) This rule matched \(seen.count) statements in this file; the first \(perRuleLimit) are listed, the other \(more) are counted here, from this line on.",
                              fix: rule.fix, waiver: nil, cell: nil))
        }
        return hints
    }

    /// Hints per rule and file before the rest are summed up in one.
    public static let perRuleLimit = 20
    /// Files with more lines than this are scanned a window at a time.
    static let window = 20_000
}

/// One logical statement of the new side: lines joined while brackets are open.
public struct Statement: Sendable {
    /// The code, with import aliases written out (`jl.load(` reads `joblib.load(`).
    public var text: String
    /// The first added line of the statement (the one a hint points at), nil when none is added.
    public var addedLine: Int?
    /// Index among the file's statements, for rules about order ("before the split").
    public var index: Int
    /// Lines it spans (new-side numbers).
    public var lines: ClosedRange<Int>
    /// Indentation of its first line, for rules about function bodies.
    public var indent: Int
    /// The text's bytes, ASCII letters lower-cased, for trigger search.
    let lowerBytes: [UInt8]
    /// Which byte values occur in `lowerBytes`: a trigger with a byte not here cannot match.
    let present: ByteSet

    init(text: String, addedLine: Int?, index: Int, lines: ClosedRange<Int>, indent: Int) {
        self.text = text
        self.addedLine = addedLine
        self.index = index
        self.lines = lines
        self.indent = indent
        let lowered = Bytes.lowered(text)
        lowerBytes = lowered
        present = ByteSet(lowered)
    }

    /// Whether the statement contains a lower-case ASCII word, ignoring case.
    @Sendable func mentions(_ word: String) -> Bool { Bytes.contains(lowerBytes, word) }
}

/// The set of byte values in some text, as four 64-bit words.
struct ByteSet: Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bytes: [UInt8]) {
        for b in bytes {
            let bit = UInt64(1) << UInt64(b & 63)
            switch b >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    func containsAll(_ other: ByteSet) -> Bool {
        words.0 & other.words.0 == other.words.0 && words.1 & other.words.1 == other.words.1
            && words.2 & other.words.2 == other.words.2 && words.3 & other.words.3 == other.words.3
    }
}

/// A rule's word, ready for fast checks.
struct Trigger {
    let bytes: [UInt8]
    let set: ByteSet
    init(_ word: String) {
        bytes = Array(word.utf8)
        set = ByteSet(bytes)
    }

    @inline(__always)
    func found(in s: Statement) -> Bool { s.present.containsAll(set) && Bytes.contains(s.lowerBytes, bytes) }
}


/// The new side of one file as the diff shows it, split into statements.
public struct SourceFile: Sendable {
    public let path: String
    public let lowerPath: String
    public private(set) var statements: [Statement] = []
    /// All new-side code of the file in the diff, lower-cased bytes: for "is there a seed anywhere" rules.
    let allBytes: [UInt8]
    public let hasAddedLines: Bool
    let rawLines: [Int: String]
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

    /// Answers for the whole file, computed once per question.
    final class Facts: @unchecked Sendable {
        var answers: [String: Bool] = [:]
    }

    /// Whether the file's new side mentions a lower-case word anywhere (cached).
    public func mentions(_ word: String) -> Bool {
        if let known = facts.answers[word] { return known }
        let answer = Bytes.contains(allBytes, word)
        facts.answers[word] = answer
        return answer
    }

    struct Line { var number: Int; var text: String; var added: Bool }

    init(file: DiffFile, diff: ParsedDiff) {
        let notebook = file.path.lowercased().hasSuffix(".ipynb")
        var lines: [Line] = []
        var cells: [Int: Int] = [:]
        var cellCount = -1, expected = 1
        for hunk in file.hunks {
            for l in diff.lines(of: hunk) where l.kind != .removed {
                var text = diff.text(l.content)
                if text.hasSuffix("\r") { text.removeLast() }
                if notebook {
                    // Cells can be counted only while every line from the first is in view.
                    if l.newNumber == expected {
                        expected += 1
                        if text.contains("\"cell_type\"") { cellCount += 1 }
                        if cellCount >= 0, let n = l.newNumber { cells[n] = cellCount }
                    }
                    guard let code = SourceFile.notebookSource(text) else { continue }
                    text = code
                }
                lines.append(Line(number: l.newNumber ?? 0, text: text, added: l.kind == .added))
            }
        }
        self.init(path: file.path, lines: lines, cells: cells, aliases: nil)
    }

    /// A file (or a window of one) from its new-side lines; `aliases` when known from elsewhere.
    init(path: String, lines: [Line], cells: [Int: Int], aliases known: [String: String]?) {
        self.path = path
        lowerPath = path.lowercased()
        self.cells = cells
        hasAddedLines = lines.contains { $0.added }
        rawLines = Dictionary(lines.map { ($0.number, $0.text) }, uniquingKeysWith: { a, _ in a })
        let aliases = Dictionary(uniqueKeysWithValues: (known ?? SourceFile.aliases(in: lines.map(\.text))).map { (Array($0.key.utf8), Array($0.value.utf8)) })
        allBytes = Bytes.lowered(lines.map(\.text).joined(separator: "\n"))
        var statements: [Statement] = []
        var i = 0
        var reader = PythonLines()
        while i < lines.count {
            var j = i
            var parts: [String] = []
            reader.reset()
            repeat {
                parts.append(reader.read(lines[j].text))
                j += 1
            } while reader.continues && j < lines.count && j - i < 40 && lines[j].number == lines[j - 1].number + 1
            let span = lines[i..<j]
            let indent = lines[i].text.prefix { $0 == " " || $0 == "\t" }.count
            statements.append(Statement(text: SourceFile.resolve(parts.joined(separator: " "), aliases),
                                        addedLine: span.first { $0.added }?.number, index: statements.count,
                                        lines: span.first!.number...span.last!.number, indent: indent))
            i = j
        }
        self.statements = statements
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
            guard let text = rawLines[n], let r = text.range(of: "mle-review: ignore[") else { continue }
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

    /// The statements before one (for order rules) and after it.
    func statements(before s: Statement) -> ArraySlice<Statement> { statements[..<s.index] }
    func statements(after s: Statement) -> ArraySlice<Statement> { statements[(s.index + 1)...] }

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
    static func aliases(in lines: [String]) -> [String: String] {
        var map: [String: String] = [:]
        let qualifyFrom: Set<String> = ["joblib", "pickle", "dill", "cloudpickle", "torch", "yaml", "numpy", "np"]
        for raw in lines {
            // Only import lines matter; skip the rest without splitting them.
            let head = raw.utf8.drop { $0 == 32 || $0 == 9 }
            guard head.starts(with: "import ".utf8) || head.starts(with: "from ".utf8) else { continue }
            // Only aliases and from-imports of the loaders the rules know change a name.
            let bytes = Array(raw.utf8)
            guard Bytes.contains(bytes, " as ") || qualifyFrom.contains(where: { Bytes.contains(bytes, "from \($0) ") }) else { continue }
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
                let names = line.components(afterFirst: " import ").replacing("(", with: "").replacing(")", with: "")
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

    /// Writes aliases out where they are used as a call or a module (`jl.`, `tts(`).
    static func resolve(_ code: String, _ aliases: [[UInt8]: [UInt8]]) -> String {
        guard !aliases.isEmpty else { return code }
        let bytes = Array(code.utf8)
        // Most statements use no alias: look for one before rebuilding the text.
        guard aliases.keys.contains(where: { Bytes.contains(bytes, $0) }) else { return code }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        @inline(__always) func isWord(_ b: UInt8) -> Bool { b == 95 || (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 128 }
        while i < bytes.count {
            guard isWord(bytes[i]) else { out.append(bytes[i]); i += 1; continue }
            var j = i
            while j < bytes.count && isWord(bytes[j]) { j += 1 }
            let previous = out.last ?? 32
            let next: UInt8 = j < bytes.count ? bytes[j] : 32
            if previous != 46, next == 46 || next == 40, let full = aliases[Array(bytes[i..<j])] { out += full } else { out += bytes[i..<j] }
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func components(afterFirst separator: String) -> String {
        guard let r = range(of: separator) else { return "" }
        return String(self[r.upperBound...])
    }
}
