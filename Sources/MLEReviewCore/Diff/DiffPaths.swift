/// Path syntax of diff headers: git's C-style quoting, the TAB that ends a path, `/dev/null`,
/// and the `a/` `b/` prefixes.
enum DiffPaths {
    /// Reads one path at the start of `s`: a C-quoted string, or everything up to the first TAB
    /// (git puts one after paths with spaces; other tools put a timestamp after it).
    /// Returns the raw path bytes and what follows them.
    static func readPath(_ s: ArraySlice<UInt8>) -> (path: [UInt8], rest: ArraySlice<UInt8>) {
        if s.first == UInt8(ascii: "\""), let (path, rest) = unquote(s) { return (path, rest) }
        if let tab = s.firstIndex(of: 9) { return (Array(s[s.startIndex..<tab]), s[tab...]) }
        return (Array(s), s[s.endIndex...])
    }

    /// Undoes git's C quoting of a path (`"a/caf\303\251.py"`). Returns nil when `s` is not a
    /// complete quoted string, so the caller can fall back to taking it literally.
    static func unquote(_ s: ArraySlice<UInt8>) -> (path: [UInt8], rest: ArraySlice<UInt8>)? {
        var out: [UInt8] = []
        var i = s.index(after: s.startIndex)
        while i < s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "\"") { return (out, s[(i + 1)...]) }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < s.endIndex else { return nil }
            let e = s[i]
            switch e {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = 0, digits = 0
                while digits < 3, i < s.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(s[i]) {
                    value = value * 8 + Int(s[i] - UInt8(ascii: "0")); i += 1; digits += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
                continue
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "v"): out.append(11)
            default: out.append(e) // \" \\ and anything unknown stand for themselves
            }
            i += 1
        }
        return nil
    }

    static let devNull: [UInt8] = Array("/dev/null".utf8)

    /// The two paths of `diff --git A B`. Unquoted paths with spaces are ambiguous there; the
    /// usual case of the same path on both sides is resolved by length, the others are left to
    /// the `---`/`+++` and `rename` lines that follow.
    static func splitGitHeader(_ s: ArraySlice<UInt8>) -> (old: [UInt8], new: [UInt8])? {
        if s.first == UInt8(ascii: "\"") {
            guard let (old, rest) = unquote(s) else { return nil }
            let tail = rest.drop { $0 == UInt8(ascii: " ") }
            return (old, readPath(tail).path)
        }
        let bytes = Array(s)
        // "P1 P2" where P2 may be quoted: find ` "` first.
        if let q = Bytes.index(of: Array(" \"".utf8), in: bytes), let (new, _) = unquote(bytes[(q + 1)...]) {
            return (Array(bytes[..<q]), new)
        }
        let n = bytes.count
        if n % 2 == 1 {
            let half = (n - 1) / 2
            let left = bytes[..<half], right = bytes[(half + 1)...]
            if bytes[half] == UInt8(ascii: " "), left.dropFirst(2).elementsEqual(right.dropFirst(2)) {
                return (Array(left), Array(right))
            }
        }
        if let sp = Bytes.index(of: Array(" b/".utf8), in: bytes) { return (Array(bytes[..<sp]), Array(bytes[(sp + 1)...])) }
        if let sp = bytes.firstIndex(of: UInt8(ascii: " ")) { return (Array(bytes[..<sp]), Array(bytes[(sp + 1)...])) }
        return nil
    }


    static func hasPrefix(_ path: [UInt8]?, _ prefix: String) -> Bool {
        guard let path else { return false }
        return path.starts(with: prefix.utf8)
    }

    static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
