/// Makes untrusted text (diff content, paths, notes, imported findings) safe to put on a
/// terminal: nothing in it can become a control sequence, and characters that hide or reorder
/// text (Trojan Source) become visible.
public enum SafeText {
    /// Characters that change how text is shown without being seen: bidi embeddings, overrides
    /// and isolates, and zero-width characters.
    public static func isInvisibleOrBidi(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E: return true
        default: return false
        }
    }

    /// C0 and C1 controls, DEL, line/paragraph separators.
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    public static func needsEscape(_ s: Unicode.Scalar) -> Bool { isControl(s) || isInvisibleOrBidi(s) }

    /// A one-line visible form: controls as `\x1b`, `\t`, `\r`; bidi and invisible characters
    /// as `<U+202E>`. Everything else is kept.
    public static func escaped(_ text: String) -> String {
        // Most text is printable ASCII: nothing to do.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if let e = escape(scalar) { out += e } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// Escapes raw bytes, showing invalid UTF-8 bytes as `\xNN` instead of losing them.
    public static func escaped(bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        var out = ""
        var i = 0
        while i < bytes.count {
            if let (scalar, length) = UTF8Scan.decode(bytes, at: i) {
                if let e = escape(scalar) { out += e } else { out.unicodeScalars.append(scalar) }
                i += length
            } else {
                out += "\\x" + hex2(bytes[i])
                i += 1
            }
        }
        return out
    }

    static func escape(_ s: Unicode.Scalar) -> String? {
        switch s {
        case "\t": return "\\t"
        case "\r": return "\\r"
        case "\n": return "\\n"
        default: break
        }
        if s.value < 0x20 || s.value == 0x7F { return "\\x" + hex2(UInt8(s.value)) }
        if isControl(s) || isInvisibleOrBidi(s) { return "<U+" + hexScalar(s) + ">" }
        return nil
    }

    static func hex2(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    static func hexScalar(_ s: Unicode.Scalar) -> String {
        let h = String(s.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}

/// Strict UTF-8 decoding of one scalar, so each invalid byte can be shown on its own.
public enum UTF8Scan {
    /// The scalar starting at `i` and its length in bytes, or nil when the bytes there are not
    /// well-formed UTF-8 (bad lead, missing continuation, overlong form, surrogate, > U+10FFFF).
    @inline(__always)
    public static func decode(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = b[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int, minimum: UInt32
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        for k in 1..<length {
            let c = b[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(c & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
