/// Searches the diff's bytes, not decoded strings: a search near the end of a 28 MB diff is one
/// pass over memory. Smart case: a query with an upper-case letter matches case exactly.
enum DiffSearch {
    static func find(_ query: String, in doc: DiffDocument, from row: Int, forward: Bool) -> Int? {
        let needle = Array(query.utf8)
        guard !needle.isEmpty, doc.rowCount > 0 else { return nil }
        let exact = query.contains { $0.isUppercase }
        let bytes = doc.diff.bytes
        let start = offset(after: row, in: doc, forward: forward)
        let hit: Int? = bytes.withUnsafeBufferPointer { buf in
            func matches(_ i: Int) -> Bool {
                guard i + needle.count <= buf.count else { return false }
                for k in 0..<needle.count {
                    var a = buf[i + k], b = needle[k]
                    if !exact { a = lower(a); b = lower(b) }
                    if a != b { return false }
                }
                return true
            }
            if forward {
                for i in start..<max(start, buf.count) where matches(i) { return i }
                for i in 0..<min(start, buf.count) where matches(i) { return i }
            } else {
                for i in stride(from: start - 1, through: 0, by: -1) where matches(i) { return i }
                for i in stride(from: buf.count - 1, through: start, by: -1) where matches(i) { return i }
            }
            return nil
        }
        return hit.flatMap { doc.row(containingByte: $0) }
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// Where a search starting after (or before) a row begins in the bytes.
    static func offset(after row: Int, in doc: DiffDocument, forward: Bool) -> Int {
        let r = forward ? min(row + 1, doc.rowCount - 1) : row
        if let range = doc.byteRange(ofRow: r) { return forward && r == row ? range.upperBound : range.lowerBound }
        let f = doc.row(r).file
        if case .hunk(let file, let h) = doc.row(r) { return doc.files[file].hunks[h].bodyRange.lowerBound }
        return doc.files[f].byteRange.lowerBound
    }
}
