import MLEReviewCore
#if canImport(Glibc)
import Glibc
#endif

/// Searches the diff's bytes, not decoded strings: a search near the end of a 28 MB diff is one
/// memchr pass over memory. Smart case: a query with an upper-case letter matches case exactly.
enum DiffSearch {
    /// Byte offsets of every match, in order (matches do not overlap). Case-folded search looks
    /// for the needle's rarest byte with memchr (both cases of a letter) and checks around it,
    /// so a pass over 28 MB costs a few milliseconds, not a loop over every byte.
    static func all(_ query: String, in doc: DiffDocument) -> [Int] {
        let needle = Array(query.utf8)
        guard !needle.isEmpty else { return [] }
        let exact = query.contains { $0.isUppercase }
        return doc.diff.bytes.withUnsafeBufferPointer { buf -> [Int] in
            guard let base = buf.baseAddress, buf.count >= needle.count else { return [] }
            var out: [Int] = []
            let hasLetters = needle.contains { (65...90).contains($0) || (97...122).contains($0) }
            if exact || !hasLetters {
                var from = 0
                while let hit = Bytes.index(of: needle, in: doc.diff.bytes, from: from) {
                    out.append(hit)
                    from = hit + needle.count
                }
                return out
            }
            let k = rarest(needle, in: buf)
            let b = Bytes.lower(needle[k])
            let other: UInt8? = (97...122).contains(b) ? b - 32 : nil
            // The next position of each case of the byte, merged in order.
            var nextLower = memchr(base, b, from: k, buf.count)
            var nextUpper = other.flatMap { memchr(base, $0, from: k, buf.count) }
            var last = -1
            while nextLower != nil || nextUpper != nil {
                let p: Int
                if let l = nextLower, nextUpper.map({ l < $0 }) ?? true {
                    p = l
                    nextLower = memchr(base, b, from: l + 1, buf.count)
                } else {
                    p = nextUpper!
                    nextUpper = memchr(base, other!, from: p + 1, buf.count)
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

    /// The first match of a one-character query at or after `from` (wrapping to the top): while a
    /// search is typed, its first key would match millions of bytes, and only where to go matters.
    static func first(_ query: String, in doc: DiffDocument, from: Int) -> Int? {
        guard let c = query.utf8.first, query.utf8.count == 1 else { return nil }
        let exact = query.contains { $0.isUppercase }
        return doc.diff.bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress else { return nil }
            let lower = Bytes.lower(c), upper: UInt8? = !exact && (97...122).contains(lower) ? lower - 32 : nil
            func next(_ start: Int) -> Int? {
                let l = memchr(base, exact ? c : lower, from: start, buf.count)
                let u = upper.flatMap { memchr(base, $0, from: start, buf.count) }
                switch (l, u) {
                case let (l?, u?): return min(l, u)
                default: return l ?? u
                }
            }
            return next(max(0, from)) ?? next(0)
        }
    }

    static func memchr(_ base: UnsafePointer<UInt8>, _ byte: UInt8, from: Int, _ count: Int) -> Int? {
        guard from < count, let hit = Glibc.memchr(base + from, Int32(byte), count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
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
