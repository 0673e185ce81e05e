import CLibc

/// Inside this module, `contains`, `range(of:)` and `replacingOccurrences(of:with:)` with a plain
/// string search its UTF-8 bytes (memmem), not Foundation's way: Foundation's versions go through
/// CFString and UTF-16 on every call, and were 7% of a scan of the Keras diff (hint rules ask
/// them of every statement). Code is matched as written, byte for byte, as `git grep` does;
/// Foundation's compares canonically equivalent Unicode as equal, which no rule needs. An empty
/// needle is found nowhere, as with Foundation. Calls with options still go to Foundation.
extension StringProtocol {
    func contains(_ other: String) -> Bool { byteOffset(of: other, from: 0) != nil }

    func range(of other: String) -> Range<Index>? {
        guard let offset = byteOffset(of: other, from: 0) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: other.utf8.count)
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard var next = byteOffset(of: target, from: 0) else { return String(self) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var from = 0
        let bytes = Array(utf8), length = target.utf8.count
        while true {
            out += bytes[from..<next]
            out += replacement.utf8
            from = next + length
            guard let found = byteOffset(of: target, from: from) else { break }
            next = found
        }
        out += bytes[from...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Where `needle`'s bytes first occur at or after byte `start`.
    private func byteOffset(of needle: String, from start: Int) -> Int? {
        guard !needle.isEmpty else { return nil }
        var needle = needle
        let found: Int?? = utf8.withContiguousStorageIfAvailable { hay in
            guard start < hay.count, let base = hay.baseAddress else { return nil }
            return needle.withUTF8 { n in
                mle_memmem(base + start, hay.count - start, n.baseAddress, n.count).map { UnsafeRawPointer(base).distance(to: $0) }
            }
        }
        if let found { return found }
        // Not contiguous (a bridged string): search a copy.
        return Bytes.index(of: Array(needle.utf8), in: Array(utf8), from: start)
    }
}
