import CLibc
#if canImport(Glibc)
import Glibc
#endif

/// Byte search (glibc memmem), for the parser's header words, the scanner's many small
/// "does it mention X" questions, and the file-list filter.
public enum Bytes {
    /// Searches the string's own UTF-8 (no array made: rules ask this per statement, per word).
    public static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        haystack.withUnsafeBufferPointer { contains($0, needle) }
    }

    /// The same in bytes held elsewhere (a statement's range of its file's code).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            guard n.count > 0 else { return true }
            guard n.count <= haystack.count else { return false }
            return mle_memmem(haystack.baseAddress, haystack.count, n.baseAddress, n.count) != nil
        }
    }

    @inline(__always)
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBytes { h in needle.withUnsafeBytes { n in mle_memmem(h.baseAddress, h.count, n.baseAddress, n.count) != nil } }
    }

    /// Where `needle` first occurs in `hay` at or after `from`.
    public static func index(of needle: [UInt8], in hay: [UInt8], from: Int = 0) -> Int? {
        hay.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { index(of: $0, in: h, from: from) } }
    }

    /// The same in bytes held elsewhere (a statement's range of its file's code, a line).
    static func index(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard from >= 0, !needle.isEmpty, needle.count <= hay.count - from, let h = hay.baseAddress else {
            return needle.isEmpty && from <= hay.count ? from : nil
        }
        return mle_memmem(h + from, hay.count - from, needle.baseAddress, needle.count).map { UnsafeRawPointer(h).distance(to: $0) }
    }

    /// Where `byte` first occurs in `count` bytes at `base`, at or after `from` (glibc memchr).
    @inline(__always)
    public static func index(of byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int? {
        guard from >= 0, from < count, let hit = memchr(base + from, Int32(byte), count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// ASCII letters lower-cased; every other byte as it is.
    @inline(__always) public static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// From the string's own storage, without the generic map (a whole file's text is lowered
    /// for every scan).
    static func lowered(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { lowered($0) }
    }

    static func lowered(_ bytes: [UInt8]) -> [UInt8] { bytes.withUnsafeBufferPointer { lowered($0) } }

    private static func lowered(_ src: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: src.count) { out, count in
            for i in 0..<src.count { out[i] = lower(src[i]) }
            count = src.count
        }
    }
}
