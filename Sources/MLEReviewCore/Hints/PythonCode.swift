/// Small readers of one Python statement's text, enough for the rules: where an assignment's `=`
/// is, the top-level parts of an argument list, and the names a piece of code uses (strings and
/// attribute names left out). Brackets and strings are respected; the statement is already one
/// logical line with its comment cut off.
enum PythonCode {
    static let keywords: Set<String> = ["if", "elif", "else", "for", "while", "return", "def", "class", "with", "assert", "import", "from",
                                        "in", "not", "and", "or", "is", "lambda", "yield", "await", "async", "try", "except", "raise",
                                        "None", "True", "False", "as", "pass", "continue", "break", "del", "global", "print"]

    /// Calls `body(i, byte, depth)` for each byte outside strings.
    private static func walk(_ b: [UInt8], _ body: (Int, UInt8, Int) -> Bool) {
        var i = 0, depth = 0
        while i < b.count {
            let c = b[i]
            if c == 34 || c == 39 {
                // A string: skip to its end (triple quotes too), a backslash escaping one byte.
                let triple = i + 2 < b.count && b[i + 1] == c && b[i + 2] == c
                i += triple ? 3 : 1
                while i < b.count {
                    if b[i] == 92 { i += 2; continue }
                    if b[i] == c && (!triple || (i + 2 < b.count && b[i + 1] == c && b[i + 2] == c)) { i += triple ? 3 : 1; break }
                    i += 1
                }
                continue
            }
            if c == 40 || c == 91 || c == 123 { depth += 1 } else if c == 41 || c == 93 || c == 125 { depth -= 1 }
            if !body(i, c, depth) { return }
            i += 1
        }
    }

    /// `a, b = f(x)` → (["a", "b"], "f(x)"); nil for a statement that assigns nothing.
    static func assignment(_ text: String) -> (targets: [String], value: String)? {
        let b = Array(text.utf8)
        var at: Int?
        walk(b) { i, c, depth in
            guard c == 61, depth == 0 else { return true }
            let before: UInt8 = i > 0 ? b[i - 1] : 32, after: UInt8 = i + 1 < b.count ? b[i + 1] : 32
            if after == 61 || [33, 60, 62, 61].contains(before) { return true }
            at = i
            return false
        }
        guard let at else { return nil }
        var lhsEnd = at
        if lhsEnd > 0, [43, 45, 42, 47, 37, 124, 38].contains(b[lhsEnd - 1]) { lhsEnd -= 1 } // += and friends
        let lhs = String(decoding: b[..<lhsEnd], as: UTF8.self).trimmingSpaces()
        // The first word: up to the first space (`lhs` is trimmed).
        let first = lhs[..<(lhs.utf8.firstIndex(of: 32) ?? lhs.endIndex)]
        guard !first.isEmpty, !keywords.contains(String(first)) else { return nil }
        // `(a, *b)` → a, b: brackets, stars and spaces off each target's ends (ASCII, so bytes).
        let targets = parts(lhs).map { t -> String in
            let u = Array(t.utf8)
            var lo = 0, hi = u.count
            while lo < hi, u[lo] == 40 || u[lo] == 91 || u[lo] == 32 || u[lo] == 42 { lo += 1 }
            while hi > lo, u[hi - 1] == 41 || u[hi - 1] == 93 || u[hi - 1] == 32 { hi -= 1 }
            return String(decoding: u[lo..<hi], as: UTF8.self)
        }.filter { !$0.isEmpty }
        return (targets, String(decoding: b[(at + 1)...], as: UTF8.self).trimmingSpaces())
    }

    /// The top-level comma-separated parts of a list of arguments or targets.
    static func parts(_ text: String) -> [String] {
        let b = Array(text.utf8)
        var out: [String] = [], start = 0
        walk(b) { i, c, depth in
            if c == 44 && depth == 0 {
                out.append(String(decoding: b[start..<i], as: UTF8.self).trimmingSpaces())
                start = i + 1
            }
            return true
        }
        out.append(String(decoding: b[start...], as: UTF8.self).trimmingSpaces())
        return out.filter { !$0.isEmpty }
    }

    /// Letters, digits and `_` only (an ASCII name on its bytes).
    static func isName(_ s: String) -> Bool {
        let u = s.utf8
        guard u.allSatisfy({ $0 < 128 }) else { return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }
        return u.allSatisfy(isNameByte)
    }

    @inline(__always)
    static func isNameByte(_ c: UInt8) -> Bool { c == 95 || (c >= 48 && c <= 57) || (c | 32 >= 97 && c | 32 <= 122) }

    /// An argument list split into positional arguments and keyword arguments.
    static func arguments(_ text: String) -> (positional: [String], keywords: [String: String]) {
        var positional: [String] = [], named: [String: String] = [:]
        for part in parts(text) {
            if let eq = part.firstIndex(of: "="), part[part.index(after: eq)...].first != "=",
               part[..<eq].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " }), !part[..<eq].trimmingSpaces().isEmpty {
                named[String(part[..<eq]).trimmingSpaces()] = String(part[part.index(after: eq)...]).trimmingSpaces()
            } else {
                positional.append(part)
            }
        }
        return (positional, named)
    }

    /// The names a piece of code reads, in order: not attribute names after a dot, not keyword
    /// argument names, nothing inside strings.
    static func names(_ text: String) -> [String] { names(text, values: false) }

    /// The names that are used as values: not a call (`f(`) nor an object a method is called on
    /// (`scaler.` in `scaler.transform(b)`): what data a statement reads.
    static func valueNames(_ text: String) -> [String] { names(text, values: true) }

    private static func names(_ text: String, values: Bool) -> [String] {
        let b = Array(text.utf8)
        var out: [String] = [], i = 0
        @inline(__always) func isWord(_ c: UInt8) -> Bool { c == 95 || (c >= 48 && c <= 57) || (c | 32 >= 97 && c | 32 <= 122) }
        var skipUntil = -1
        walk(b) { k, c, _ in
            guard k >= skipUntil, isWord(c), !(c >= 48 && c <= 57) else { return true }
            guard k == 0 || !isWord(b[k - 1]) else { return true }
            i = k
            while i < b.count && isWord(b[i]) { i += 1 }
            skipUntil = i
            var before = k - 1
            while before >= 0 && b[before] == 32 { before -= 1 }
            var after = i
            while after < b.count && b[after] == 32 { after += 1 }
            let isAttribute = before >= 0 && b[before] == 46
            let isKeywordArgument = after < b.count && b[after] == 61 && (after + 1 >= b.count || b[after + 1] != 61)
            // A string prefix (f"…", rb'…') is not a name.
            let isPrefix = i < b.count && (b[i] == 34 || b[i] == 39)
            let word = String(decoding: b[k..<i], as: UTF8.self)
            let isReceiverOrCall = after < b.count && (b[after] == 46 || b[after] == 40)
            if !isAttribute && !isKeywordArgument && !isPrefix && !keywords.contains(word) && !(values && isReceiverOrCall) { out.append(word) }
            return true
        }
        return out
    }

    /// The name's words, lower-cased: `X_test_scaled` → x, test, scaled; `xTe` → xte.
    static func words(_ name: String) -> [Substring] {
        let lower = name.lowercased()
        // ASCII names (nearly all) split on bytes; Unicode letter tests were a twentieth of `scan`.
        guard lower.utf8.allSatisfy({ $0 < 128 }) else { return lower.split { !$0.isLetter } }
        var out: [Substring] = [], start: String.Index?
        let u = lower.utf8
        var i = u.startIndex
        while i != u.endIndex {
            let b = u[i]
            if b >= 97 && b <= 122 || b >= 65 && b <= 90 {
                if start == nil { start = i }
            } else if let s = start {
                out.append(lower[s..<i])
                start = nil
            }
            i = u.index(after: i)
        }
        if let s = start { out.append(lower[s..<u.endIndex]) }
        return out
    }
}

extension PythonCode {
    /// The comparisons `a < b` in a line of code (Python or SQL), each with its two operands: the
    /// nearest whole expression on either side (brackets balanced, stopping at a comma, a colon, an
    /// assignment, an unbalanced bracket or a space outside brackets).
    static func comparisons(_ text: String) -> [(left: String, op: String, right: String)] {
        let b = Array(text.utf8)
        var found: [(String, String, String)] = []
        walk(b) { i, c, _ in
            guard c == 60 || c == 62 else { return true }
            let prev: UInt8 = i > 0 ? b[i - 1] : 32, next: UInt8 = i + 1 < b.count ? b[i + 1] : 32
            // Not `->`, `<<`, `>>`, `=>`, nor the second byte of `<=`/`>=` handled below.
            if prev == 45 || prev == 60 || prev == 62 || next == 60 || next == 62 || prev == 61 { return true }
            let op = next == 61 ? String(decoding: [c, 61], as: UTF8.self) : String(decoding: [c], as: UTF8.self)
            let left = operand(b, from: i - 1, step: -1), right = operand(b, from: i + op.utf8.count, step: 1)
            if !left.isEmpty && !right.isEmpty { found.append((left, op, right)) }
            return true
        }
        return found
    }

    private static func operand(_ b: [UInt8], from start: Int, step: Int) -> String {
        var i = start, depth = 0
        while i >= 0 && i < b.count && b[i] == 32 { i += step }
        let first = i
        var inString: UInt8 = 0
        while i >= 0 && i < b.count {
            let c = b[i]
            if inString != 0 {
                if c == inString { inString = 0 }
                i += step
                continue
            }
            if c == 34 || c == 39 { inString = c; i += step; continue }
            let opens: Bool = step > 0 ? (c == 40 || c == 91 || c == 123) : (c == 41 || c == 93 || c == 125)
            let closes: Bool = step > 0 ? (c == 41 || c == 93 || c == 125) : (c == 40 || c == 91 || c == 123)
            if opens { depth += 1 } else if closes { if depth == 0 { break }; depth -= 1 }
            if depth == 0 && (c == 44 || c == 58 || c == 61 || c == 32 || c == 60 || c == 62 || c == 33) { break }
            i += step
        }
        guard first >= 0, first < b.count, i != first else { return "" }
        let range = step > 0 ? first..<i : (i + 1)..<(first + 1)
        return String(decoding: b[range], as: UTF8.self)
    }

    /// A number written as a literal (`0.73`, `.42`, `2.5`, `1e-4`), or nil.
    static func number(_ text: String) -> Double? {
        let t = text.trimming(ascii: " ()")
        guard let first = t.first, first.isNumber || first == "." || first == "-" else { return nil }
        return Double(t)
    }
}
