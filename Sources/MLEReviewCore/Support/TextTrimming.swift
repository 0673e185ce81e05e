extension StringProtocol {
    /// Without leading and trailing whitespace (Foundation-free, for any string or substring).
    public func trimmingSpaces() -> String {
        // ASCII ends are trimmed on bytes (hint rules trim every part of every statement);
        // an end that is not ASCII may be Unicode whitespace, so that case goes by Characters.
        let all = Substring(self), u = all.utf8
        var lo = u.startIndex, hi = u.endIndex
        @inline(__always) func space(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
        while lo != hi, space(u[lo]) { lo = u.index(after: lo) }
        while hi != lo, space(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        var s = all[lo..<hi]
        guard lo != hi, u[lo] >= 0x80 || u[u.index(before: hi)] >= 0x80 else { return String(s) }
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// The first place `needle` (ASCII, such as `<!--`) occurs, found on the UTF-8 bytes with
    /// memmem (ByteSearch.swift), for the other modules: Foundation's `range(of:)` goes through
    /// CFString and cost a checklist's parse 2 ms.
    public func firstRange(ofASCII needle: String) -> Range<Index>? { range(of: needle) }

    /// Without any of the ASCII characters `chars` at either end, cut on the bytes: what
    /// Foundation's `trimmingCharacters(in:)` gives for such a set (ASCII bytes are whole
    /// scalars), without bridging the string; hint rules trim every comparison they read.
    public func trimming(ascii chars: String) -> String {
        let all = Substring(self), u = all.utf8, set = Array(chars.utf8)
        var lo = u.startIndex, hi = u.endIndex
        while lo != hi, set.contains(u[lo]) { lo = u.index(after: lo) }
        while hi != lo, set.contains(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        return String(all[lo..<hi])
    }

    /// The first character upper-cased, the rest as it is (a sentence cut from prose, as a title).
    public func capitalizingFirst() -> String { prefix(1).uppercased() + dropFirst() }

    /// At most `limit` characters: a longer text is cut and ends with `…`.
    public func clipped(to limit: Int) -> String { count > limit ? String(prefix(limit - 1)) + "…" : String(self) }
}
