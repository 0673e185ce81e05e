import CZlib

/// zlib compression for the diffs kept with reviews: a 28 MB diff shrinks about tenfold, and
/// zlib is on every machine this runs on.
public enum Deflate {
    public static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var bound = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let status = input.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &bound, src.baseAddress ?? UnsafePointer(bitPattern: 1), uLong(input.count), level)
            }
        }
        // compressBound guarantees room; Z_MEM_ERROR is the only failure left, and then the
        // caller stores the bytes uncompressed (see `packed`).
        guard status == Z_OK else { return [] }
        // A copy of the right size: the buffer was sized for the worst case (the input's size).
        return Array(out[..<Int(bound)])
    }

    /// Inflates `input` whose original size is known; nil when the bytes are not what was stored.
    public static func decompress(_ input: [UInt8], size: Int) -> [UInt8]? {
        if size == 0 { return [] }
        var out = [UInt8](repeating: 0, count: size)
        var length = uLong(size)
        let status = input.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                uncompress(dst.baseAddress, &length, src.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(length) == size else { return nil }
        return out
    }
}
