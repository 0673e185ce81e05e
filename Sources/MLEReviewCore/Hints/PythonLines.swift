/// Reads Python source a physical line at a time the way Python's tokenizer does for what the
/// statement reader needs: where strings start and end (single, triple-quoted across lines, any
/// prefix; a backslash always keeps the next character inside, raw strings included), where a
/// comment starts, and whether the logical line goes on (open brackets, an open triple-quoted
/// string, a backslash at the end).
struct PythonLines {
    /// The quote byte of a triple-quoted string still open at the end of the last line, or 0.
    private(set) var openTriple: UInt8 = 0
    /// The quote byte of a single-quoted string whose line ended in a backslash (it goes on), or 0.
    private(set) var openSingle: UInt8 = 0
    /// Brackets open so far in this logical line.
    private(set) var depth = 0
    /// The last line ended with a backslash outside a string.
    private(set) var continued = false

    /// True when the logical line continues on the next physical line.
    var continues: Bool { depth > 0 || openTriple != 0 || openSingle != 0 || continued }

    /// Reads one physical line; returns its code with any comment removed.
    mutating func read(_ line: String) -> String {
        var line = line
        // Native strings are contiguous UTF-8: read the bytes in place, no copy per line.
        let cut = line.withUTF8 { scan($0) }
        return cut == line.utf8.count ? line : String(decoding: line.utf8.prefix(cut), as: UTF8.self)
    }

    /// Reads one physical line's bytes; returns where its comment starts (its length when there is none).
    mutating func read(_ line: UnsafeBufferPointer<UInt8>) -> Int { scan(line) }

    private mutating func scan(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        var cut = b.count
        continued = false
        var quote: UInt8 = openSingle  // inside a single-quoted string
        var stringGoesOn = false
        var inTriple = openTriple      // inside a triple-quoted string
        while i < b.count {
            let c = b[i]
            if inTriple != 0 {
                if c == 92 { i += 2; continue }
                if c == inTriple && i + 2 < b.count && b[i + 1] == inTriple && b[i + 2] == inTriple { inTriple = 0; i += 3; continue }
                i += 1
                continue
            }
            if quote != 0 {
                if c == 92 {
                    // A backslash ending the line carries the string on to the next one.
                    if i + 1 >= b.count || (i + 2 == b.count && b[i + 1] == 13) { stringGoesOn = true; i = b.count; break }
                    i += 2
                    continue
                }
                if c == quote { quote = 0 }
                i += 1
                continue
            }
            // Most bytes are none of these: one bit test, where the switch's jump table was an
            // indirect jump for every letter (a tenth of a scan's statement building).
            guard PythonLines.isSpecial(c) else { i += 1; continue }
            switch c {
            case 34, 39:
                if i + 2 < b.count && b[i + 1] == c && b[i + 2] == c { inTriple = c; i += 3; continue }
                quote = c
            case 35:
                cut = i
                i = b.count
                continue
            case 40, 91, 123: depth += 1
            case 41, 93, 125: depth = max(0, depth - 1)
            case 92 where i == b.count - 1 || (i == b.count - 2 && b[i + 1] == 13):
                continued = true
            default: break
            }
            i += 1
        }
        openTriple = inTriple
        // A single-quoted string spans lines only after a backslash; otherwise an unterminated
        // one ends here, as an error would end it for Python.
        openSingle = quote != 0 && stringGoesOn ? quote : 0
        return cut
    }

    /// `"` `#` `'` `(` `)` `[` `\\` `]` `{` `}`: the bytes that change the reader's state outside strings.
    @inline(__always)
    private static func isSpecial(_ c: UInt8) -> Bool {
        let low: UInt64 = 1 << 34 | 1 << 35 | 1 << 39 | 1 << 40 | 1 << 41
        let high: UInt64 = 1 << (91 - 64) | 1 << (92 - 64) | 1 << (93 - 64) | 1 << (123 - 64) | 1 << (125 - 64)
        return c < 64 ? low >> UInt64(c) & 1 != 0 : c < 128 && high >> UInt64(c - 64) & 1 != 0
    }

    /// Starts a new logical line (after one ended).
    mutating func reset() {
        depth = 0
        openTriple = 0
        openSingle = 0
        continued = false
    }
}
