import MLEReviewCore

/// Searches the diff's bytes, not decoded strings: a search near the end of a 28 MB diff is one
/// memchr pass over memory. Smart case: a query with an upper-case letter matches case exactly.
enum DiffSearch {
    /// Byte offsets of every match, in order (matches do not overlap). Case-folded search looks
    /// for the needle's rarest byte with memchr (both cases of a letter) and checks around it,
    /// so a pass over 28 MB costs a few milliseconds, not a loop over every byte.
    static func all(_ query: String, in doc: DiffDocument) -> [Int] { matches(query, in: doc.diff.bytes) }

    /// The same in the diff's bytes alone (a count beside the key loop takes only those).
    static func all(_ query: String, in bytes: [UInt8]) -> [Int] { matches(query, in: bytes) }

    /// The matches starting at or after `start`, at most `limit` of them.
    static func matches(_ query: String, in doc: DiffDocument, from start: Int = 0, limit: Int = .max) -> [Int] {
        matches(query, in: doc.diff.bytes, from: start, limit: limit)
    }

    static func matches(_ query: String, in bytes: [UInt8], from start: Int = 0, limit: Int = .max) -> [Int] {
        let needle = Array(query.utf8)
        guard !needle.isEmpty else { return [] }
        let exact = query.contains { $0.isUppercase }
        return bytes.withUnsafeBufferPointer { buf -> [Int] in
            guard let base = buf.baseAddress, buf.count >= needle.count else { return [] }
            var out: [Int] = []
            let hasLetters = needle.contains { (65...90).contains($0) || (97...122).contains($0) }
            if exact || !hasLetters {
                var from = max(0, start)
                while out.count < limit, let hit = Bytes.index(of: needle, in: bytes, from: from) {
                    out.append(hit)
                    from = hit + needle.count
                }
                return out
            }
            // One byte needs no sampling (a typed search's first key asks for it).
            let k = needle.count == 1 ? 0 : rarest(needle, in: buf)
            let b = Bytes.lower(needle[k])
            let other: UInt8? = (97...122).contains(b) ? b - 32 : nil
            // The next position of each case of the byte, merged in order.
            var nextLower = Bytes.index(of: b, in: base, from: max(0, start) + k, count: buf.count)
            var nextUpper = other.flatMap { Bytes.index(of: $0, in: base, from: max(0, start) + k, count: buf.count) }
            var last = -1
            while out.count < limit, nextLower != nil || nextUpper != nil {
                let p: Int
                if let l = nextLower, nextUpper.map({ l < $0 }) ?? true {
                    p = l
                    nextLower = Bytes.index(of: b, in: base, from: l + 1, count: buf.count)
                } else {
                    p = nextUpper!
                    nextUpper = Bytes.index(of: other!, in: base, from: p + 1, count: buf.count)
                }
                let start = p - k
                if start > last, start + needle.count <= buf.count, matchesFolded(buf, start, needle) {
                    out.append(start)
                    last = start + needle.count - 1
                }
            }
            return out
        }
    }

    /// The matches of `query` when it only grew from `previous` (a search as typed), found among
    /// `previous`'s own matches instead of in the whole diff; nil when that would not be exact.
    /// Every occurrence of the longer query starts where the shorter one occurs, and the list of
    /// the shorter one holds every occurrence when no two of them can overlap (the needle has no
    /// prefix that is also its suffix, as `aa` does). Keys after the third of a typed search cost
    /// next to nothing instead of a pass over the diff each (6–8 ms on 28 MB).
    static func narrowed(from previous: String, _ matches: [Int], to query: String, in doc: DiffDocument) -> [Int]? {
        let old = Array(previous.utf8), needle = Array(query.utf8)
        guard !old.isEmpty, needle.count > old.count, needle.starts(with: old), !overlapsItself(old) else { return nil }
        let exact = query.contains { $0.isUppercase }
        return doc.diff.bytes.withUnsafeBufferPointer { buf -> [Int] in
            var out: [Int] = []
            var last = -1
            for p in matches where p > last && p + needle.count <= buf.count {
                let hit = exact ? (0..<needle.count).allSatisfy { buf[p + $0] == needle[$0] } : matchesFolded(buf, p, needle)
                if hit {
                    out.append(p)
                    last = p + needle.count - 1
                }
            }
            return out
        }
    }

    /// Whether two occurrences of the needle can overlap: a proper prefix equals the suffix of
    /// its length (ASCII case folded, which covers the exact case too).
    static func overlapsItself(_ needle: [UInt8]) -> Bool {
        let m = needle.count
        for shift in 1..<max(m, 1) where (0..<(m - shift)).allSatisfy({ Bytes.lower(needle[$0]) == Bytes.lower(needle[$0 + shift]) }) {
            return true
        }
        return false
    }

    /// The index in `matches` (ascending) of the first at or after `offset`; `matches.count` when none is.
    static func firstMatch(in matches: [Int], atOrAfter offset: Int) -> Int {
        var lo = 0, hi = matches.count
        while lo < hi { let mid = (lo + hi) / 2; if matches[mid] < offset { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    /// The first match at or after `from` (wrapping to the top): while a search is typed, its
    /// first keys match hundreds of thousands of places, and only where to go matters.
    static func first(_ query: String, in doc: DiffDocument, from: Int) -> Int? {
        matches(query, in: doc, from: from, limit: 1).first ?? matches(query, in: doc, limit: 1).first
    }

    /// The needle's byte (either case) that is rarest in the first 64 KB of the diff itself:
    /// memchr then stops on few places. A guess from English or code would pick `.` or `_`.
    static func rarest(_ needle: [UInt8], in buf: UnsafeBufferPointer<UInt8>) -> Int {
        var counts = [Int](repeating: 0, count: 256)
        for i in 0..<min(buf.count, 65_536) { counts[Int(buf[i])] += 1 }
        func freq(_ c: UInt8) -> Int {
            let l = Bytes.lower(c)
            return counts[Int(l)] + ((97...122).contains(l) ? counts[Int(l - 32)] : 0)
        }
        return needle.indices.min { freq(needle[$0]) < freq(needle[$1]) } ?? 0
    }


    /// Whether the needle is at `i`, ASCII case folded.
    @inline(__always)
    static func matchesFolded(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ needle: [UInt8]) -> Bool {
        guard i + needle.count <= buf.count else { return false }
        for k in 0..<needle.count where Bytes.lower(buf[i + k]) != Bytes.lower(needle[k]) { return false }
        return true
    }

    /// Where a search starting after (or before) a row begins in the bytes.
    static func offset(after row: Int, in doc: DiffDocument, forward: Bool) -> Int {
        guard doc.rowCount > 0 else { return 0 }
        let r = forward ? min(row + 1, doc.rowCount - 1) : row
        if let range = doc.byteRange(ofRow: r) { return forward && r == row ? range.upperBound : range.lowerBound }
        let f = doc.row(r).file
        if case .hunk(let file, let h) = doc.row(r) { return doc.files[file].hunks[h].bodyRange.lowerBound }
        return doc.files[f].byteRange.lowerBound
    }
}
