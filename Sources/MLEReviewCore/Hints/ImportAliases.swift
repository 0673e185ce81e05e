import Foundation

/// Import aliases, written out where the code calls through them: rules look for `joblib.load(`
/// and `train_test_split(` whatever a file named them.
extension SourceFile {
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
        return fromWord.withUnsafeBufferPointer { word in
            var at = 0
            while let hit = Bytes.index(of: word, in: line, from: at) {
                let after = hit + word.count
                for module in qualifyFromBytes where after + module.count < line.count && line[after + module.count] == 32
                    && memcmp(base + after, module, module.count) == 0 { return true }
                at = hit + 1
            }
            return false
        }
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
    private static let fromWord = Array("from ".utf8)

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
