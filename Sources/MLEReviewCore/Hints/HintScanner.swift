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
        let prepared = PreparedTriggers(rules)
        let files = diff.files.indices.filter { i in
            let f = diff.files[i]
            return !f.isBinary && !f.isCombined && f.newPath != nil && f.additions + f.deletions > 0
        }
        // Largest files first: a big file started last leaves the other core idle while it runs
        // (a sixth of the Keras diff's scan was one core waiting). Results keep the diff's order.
        let lines = files.map { diff.files[$0].hunks.reduce(0) { $0 + $1.lineCount } }
        let order = files.indices.sorted { lines[$0] != lines[$1] ? lines[$0] > lines[$1] : $0 < $1 }
        let scanned = Parallel.map(order.count) { k in
            scan(file: diff.files[files[order[k]]], diff: diff, rules: rules, prepared: prepared, newFile: newFile)
        }
        var results = [[Hint]](repeating: [], count: files.count)
        for (k, i) in order.enumerated() { results[i] = scanned[k] }
        // One hint per rule and line: each file's are already; a path the diff shows twice is rare.
        var all: [Hint] = []
        all.reserveCapacity(results.reduce(0) { $0 + $1.count })
        for r in results { all += r }
        let paths = files.map { diff.files[$0].path }
        guard Set(paths).count < paths.count else { return all }
        var seen: Set<String> = []
        return all.filter { seen.insert("\($0.rule) \($0.path) \($0.line)").inserted }
    }

    static func scan(file: DiffFile, diff: ParsedDiff, rules: [HintRule], prepared: PreparedTriggers,
                     newFile: (@Sendable (String) -> [UInt8]?)? = nil) -> [Hint] {
        let kinds = HintRule.FileKinds.of(file.path)
        // Tests use test data on purpose: only secrets are worth a hint there.
        let testFile = SourceFile.isTest(file.path.lowercased())
        let applicable = rules.indices.filter { !rules[$0].files.isDisjoint(with: kinds) && (!testFile || rules[$0].family == .secrets) }
        var hints: [Hint] = []
        if let hide = rules.first(where: { $0.family == .hiddenText }) { hints += hiddenText(file, diff, hide) }
        guard !applicable.isEmpty else { return hints }
        var perRule: [Int: (count: Int, firstOver: Int?)] = [:]
        // One hint per rule and line, even when several statements overlap it.
        var hinted: Set<Int64> = []
        let added = applicable.filter { rules[$0].side == .added }, removed = applicable.filter { rules[$0].side == .removed }
        // `words`: the rules' words in the statement, found in one pass: most statements mention
        // none of a rule's words, and the rule is not asked.
        func consider(_ statement: Statement, _ words: TriggerMatcher.Found, _ context: SourceFile, _ rulesHere: [Int]) {
            for k in rulesHere {
                guard prepared.mayMatch(rule: k, words) else { continue }
                let rule = rules[k]
                guard let found = rule.match(statement, context) else { continue }
                let detail = found.detail
                // A line the rule names counts only when the change added it; a removed line's
                // hint goes to what replaced it (index -1: a removed line's statement).
                let line = found.line.flatMap { context.isAdded($0) ? $0 : nil }
                    ?? (statement.index == -1 ? context.replacement(of: statement.code, at: statement.addedLine!) : statement.addedLine!)
                // A rule says the same thing a few times per file at most; the rest is counted.
                let seen = perRule[k, default: (0, nil)]
                perRule[k] = (seen.count + 1, seen.firstOver ?? (seen.count >= perRuleLimit ? line : nil))
                guard seen.count < perRuleLimit, hinted.insert(Int64(k) << 32 | Int64(line)).inserted else { continue }
                hints.append(Hint(rule: rule.id, family: rule.family, severity: rule.severity, path: context.path,
                                  line: line, title: rule.title, issue: rule.issue, evidence: detail,
                                  fix: rule.fix, waiver: context.waiver(for: rule.id, in: statement)
                                    ?? (line != statement.addedLine ? context.waiver(for: rule.id, on: line...line) : nil),
                                  cell: context.cells[line]))
            }
        }
        func scan(_ context: SourceFile) {
            for statement in context.statements where statement.addedLine != nil { consider(statement, prepared.found(in: statement), context, added) }
            let lines = context.removed
            guard !removed.isEmpty, !lines.isEmpty else { return }
            // A removed line is a statement of its own; one is made only when a rule's word is in it.
            let code = StatementCode(lines.bytes)
            for line in lines.lines {
                let range = line.start..<line.end
                let words = code.lower.withUnsafeBufferPointer { prepared.found(in: UnsafeBufferPointer(rebasing: $0[range])) }
                guard removed.contains(where: { prepared.mayMatch(rule: $0, words) }) else { continue }
                let indent = lines.bytes[range].prefix { $0 == 32 || $0 == 9 }.count
                let statement = Statement(code, range, addedLine: line.number, index: -1, lines: line.number...line.number, indent: indent)
                consider(statement, words, context, removed)
            }
        }
        let lowerPath = file.path.lowercased()
        if lowerPath.hasSuffix(".ipynb") || file.hunks.reduce(0, { $0 + $1.lineCount }) <= window {
            let context = SourceFile(file: file, diff: diff)
            if lowerPath.hasSuffix(".ipynb"), let content = newFile?(file.path) { context.cells = SourceFile.cells(inNotebook: content) }
            scan(context)
        } else {
            // A huge file is read a window of lines at a time, so memory stays bounded whatever
            // its size; rules see the statements of their window (and the file's first imports).
            var lines = SourceLines()
            var removed = SourceFile.RemovedLines()
            var aliases: [String: String]?
            func flush() {
                guard !lines.isEmpty || !removed.isEmpty else { return }
                let known = aliases ?? SourceFile.aliases(in: lines)
                aliases = known
                let part = SourceFile(path: file.path, lines: lines, cells: [:], aliases: known)
                part.removed = removed.takeNumbered()
                scan(part)
                lines.removeAll()
            }
            for hunk in file.hunks {
                diff.forEachLine(of: hunk) { l in
                    // A removed line goes with the window of the new line it points at.
                    guard l.kind != .removed else { return removed.removed(content: l.content, of: diff) }
                    let number = l.newNumber ?? 0
                    removed.newLine(number)
                    lines.append(number: number, added: l.kind == .added, content: l.content, of: diff)
                    if lines.count >= window { flush() }
                }
                removed.endHunk()
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

    /// Hidden and look-alike characters on the file's added lines (any file but data, tests too,
    /// comments and strings too): one hint per line, a few per file.
    static func hiddenText(_ file: DiffFile, _ diff: ParsedDiff, _ rule: HintRule) -> [Hint] {
        guard !TouchedAreas.isData(Array(file.path.lowercased().utf8)) else { return [] }
        var out: [Hint] = []
        var more = 0, firstOver: Int?
        for hunk in file.hunks {
            // A hunk of plain ASCII (most of them) is passed over in one scan of its bytes.
            let plain = diff.bytes.withUnsafeBufferPointer { p in
                !p[hunk.bodyRange].contains { !($0 == 10 || HintRules.isPlainText($0)) }
            }
            if plain { continue }
            diff.forEachLine(of: hunk) { l in
                guard l.kind == .added, let n = l.newNumber else { return }
                // Most lines are plain ASCII: looked at in place, copied only when they are not.
                let bytes = diff.bytes[l.content]
                guard bytes.contains(where: { !HintRules.isPlainText($0) }),
                      let evidence = HintRules.hiddenText(in: Array(bytes), lineNumber: n) else { return }
                guard out.count < perRuleLimit else { more += 1; firstOver = firstOver ?? n; return }
                out.append(Hint(rule: rule.id, family: rule.family, severity: rule.severity, path: file.path, line: n, title: rule.title,
                                issue: rule.issue, evidence: evidence, fix: rule.fix, waiver: nil, cell: nil))
            }
        }
        if more > 0, let line = firstOver {
            out.append(Hint(rule: rule.id, family: rule.family, severity: rule.severity, path: file.path, line: line,
                            title: "\(rule.title) (and \(more) more like it in this file)",
                            issue: "\(rule.issue) \(perRuleLimit + more) lines of this file have them; the first \(perRuleLimit) are listed, the other \(more) are counted here, from this line on.",
                            fix: rule.fix, waiver: nil, cell: nil))
        }
        return out
    }

    /// Hints per rule and file before the rest are summed up in one.
    public static let perRuleLimit = 20
    /// Files with more lines than this are scanned a window at a time.
    public static let window = 20_000
}

/// The set of byte values in some text, as four 64-bit words.
struct ByteSet: Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The byte set of some lower-cased text and the set of its adjacent byte pairs (each hashed
    /// to one of 256 values: a word whose pairs are not all in a text's is not in it, without a
    /// search), in one pass. Made for a statement when a rule first asks.
    static func sets(of src: UnsafeBufferPointer<UInt8>) -> (set: ByteSet, pairs: ByteSet) {
        var set: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0), pairs = set
        withUnsafeMutableBytes(of: &set) { setRaw in
            withUnsafeMutableBytes(of: &pairs) { pairRaw in
                // Indexed words, not a switch per byte: no branch on the byte's value.
                let sw = setRaw.bindMemory(to: UInt64.self), pw = pairRaw.bindMemory(to: UInt64.self)
                var previous: UInt8 = 0
                for i in 0..<src.count {
                    let b = src[i]
                    sw[Int(b >> 6)] |= 1 &<< UInt64(b & 63)
                    if i > 0 { let p = pair(previous, b); pw[Int(p >> 6)] |= 1 &<< UInt64(p & 63) }
                    previous = b
                }
            }
        }
        return (ByteSet(words: set), ByteSet(words: pairs))
    }

    init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    @inline(__always)
    static func pair(_ a: UInt8, _ b: UInt8) -> UInt8 { a &* 31 &+ b }

    /// For a pair set: whether every adjacent pair of `word`'s bytes (lower-cased first when
    /// `lowering`) is here, without building the word's pair set.
    @inline(__always)
    func mayContain(pairsOf word: String, lowering: Bool) -> Bool {
        var previous: UInt8 = 0, first = true
        for b in word.utf8 {
            let c = lowering ? Bytes.lower(b) : b
            if !first && !contains(ByteSet.pair(previous, c)) { return false }
            previous = c
            first = false
        }
        return true
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    /// No byte of 128 or above.
    var isASCII: Bool { words.2 == 0 && words.3 == 0 }
}

/// The rules' trigger words, prepared once per scan: one matcher for all of them, and each
/// rule's words as a set, so that asking "may this rule match this statement" is one AND.
struct PreparedTriggers: Sendable {
    private let matcher: TriggerMatcher
    /// Each rule's words as a set; nil for a rule that is asked every statement (no words, an
    /// empty word, or more distinct words in all than the matcher holds).
    private let masks: [TriggerMatcher.Found?]

    init(_ rules: [HintRule]) {
        var index: [[UInt8]: Int] = [:], words: [[UInt8]] = []
        var wordsOfRule: [[Int]?] = []
        for rule in rules {
            var ids: [Int]? = rule.triggers.isEmpty ? nil : []
            for word in rule.triggers {
                let bytes = Array(word.utf8)
                guard !bytes.isEmpty else { ids = nil; break }
                if let known = index[bytes] { ids?.append(known); continue }
                guard words.count < TriggerMatcher.capacity else { ids = nil; break }
                index[bytes] = words.count
                ids?.append(words.count)
                words.append(bytes)
            }
            wordsOfRule.append(ids)
        }
        let matcher = TriggerMatcher(words)
        self.matcher = matcher
        masks = wordsOfRule.map { ids in
            ids.map { $0.reduce(into: TriggerMatcher.Found()) { set, id in set = set.union(matcher.wordSets[id]) } }
        }
    }

    /// The words a statement holds, found once for all the rules asked about it.
    func found(in s: Statement) -> TriggerMatcher.Found { s.withLowerBytes(matcher.found(in:)) }

    /// The words in some lower-cased bytes (a removed line, before it is made a statement).
    func found(in bytes: UnsafeBufferPointer<UInt8>) -> TriggerMatcher.Found { matcher.found(in: bytes) }

    /// Whether one of rule `k`'s words is in the statement (true for a rule without words).
    @inline(__always)
    func mayMatch(rule k: Int, _ found: TriggerMatcher.Found) -> Bool {
        guard let mask = masks[k] else { return true }
        return mask.intersects(found)
    }
}
