/// Words that mix Latin letters with Cyrillic or Greek ones: `X_tеst` with a Cyrillic `е` reads as
/// `X_test` and is another name (a homoglyph, how a change hides a swapped variable). A word all in
/// one script (a Russian comment, `αβ` in maths) is not flagged, nor a Greek letter that is a
/// part of a name by itself (`lr_α`, `μ_x`, `loss_λ2`): maths writes symbols so, and the flag
/// on them taught reviewers to ignore it.
public enum MixedScript {
    enum Script { case latin, cyrillic, greek }

    /// An ASCII letter, digit or underscore: a byte of a name.
    public static func isASCIIWord(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || c == 0x5F || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }

    static func script(_ v: UInt32) -> Script? {
        switch v {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return .cyrillic
        default: return nil
        }
    }

    /// The byte ranges of the letters that are not of their word's main script (the script most
    /// of its letters are in; on a tie, Latin), in words that mix scripts. Empty for a line of
    /// ASCII, which is checked first.
    /// Concrete bytes, not a generic collection: it runs for every line drawn, and a generic
    /// called across modules is not specialised (a witness call per byte).
    public static func foreignLetters(in b: [UInt8]) -> [Range<Int>] {
        let ascii = b.withUnsafeBufferPointer { p in !p.contains { $0 >= 0x80 } }
        guard !ascii else { return [] }
        var out: [Range<Int>] = []
        var letters: [(range: Range<Int>, script: Script, part: Int)] = []
        var part = 0
        func endWord() {
            defer { letters.removeAll(keepingCapacity: true); part = 0 }
            // Most words are in one script: no counting for them (this runs for every line drawn).
            guard let first = letters.first?.script, letters.contains(where: { $0.script != first }) else { return }
            var sizes: [Int: Int] = [:]
            for l in letters { sizes[l.part, default: 0] += 1 }
            let counted = letters.filter { !($0.script == .greek && sizes[$0.part] == 1) }
            var counts: [Script: Int] = [:]
            for l in counted { counts[l.script, default: 0] += 1 }
            guard counts.count > 1 else { return }
            let main = counts.max { ($0.value, $0.key == .latin ? 1 : 0) < ($1.value, $1.key == .latin ? 1 : 0) }!.key
            out += counted.filter { $0.script != main }.map(\.range)
        }
        var i = 0
        while i < b.count {
            guard b[i] >= 0x80 else {
                let c = b[i]
                if c | 0x20 >= 0x61 && c | 0x20 <= 0x7A { letters.append((i..<i + 1, .latin, part)) } else if isASCIIWord(c) { part += 1 } else { endWord() }
                i += 1
                continue
            }
            guard let (scalar, n) = UTF8Scan.decode(b, at: i) else { endWord(); i += 1; continue }
            if let s = script(scalar.value) {
                letters.append((i..<i + n, s, part))
            } else if scalar.properties.numericType != nil {
                part += 1
            } else if !scalar.properties.isAlphabetic {
                endWord()
            }
            i += n
        }
        endWord()
        return out
    }
}
