// MARK: hidden text

extension HintRules {
    /// Trojan Source and homoglyphs: characters that make code read otherwise than it runs. The
    /// workbench flags them on screen; `scan` (CI) said "No hints" of a bidi override in a
    /// condition. Checked on every added line of any file, comments and strings included (the
    /// statements rules read have their comments cut), so `match` is never asked:
    /// `HintScanner.hiddenText` asks `hiddenText(in:lineNumber:)` of each line.
    static let hiddenText: [HintRule] = [
        HintRule(id: "HIDE-001", family: .hiddenText, severity: .high, title: "Hidden or look-alike characters in code",
                 issue: "A line holds characters that make it read otherwise than it runs: a bidirectional override or isolate reorders what is shown, a zero-width character splits or joins a name unseen, a control character rewrites a terminal showing it, or a letter of another script stands in for a Latin one (Cyrillic U+0435 for e in X_test) and makes another name.",
                 fix: "Replace them with plain ASCII (or the script the text is in); if they are wanted (a string in Arabic, say), keep them in data files or escapes such as \\u202e, not in code.",
                 triggers: [], files: []) { _, _ in nil },
    ]

    /// Printable ASCII, and the tabs, form feeds (PEP 8's page breaks) and CRLF's CR that are
    /// ordinary in code: a line of only these has nothing hidden (the scanner skips it unread).
    static func isPlainText(_ c: UInt8) -> Bool { (c >= 0x20 && c < 0x7F) || c == 9 || c == 12 || c == 13 }

    /// Why an added line is suspicious, or nil: the first hidden character (with its name), else
    /// the first word that mixes scripts, shown with its foreign letters as code points.
    static func hiddenText(in b: [UInt8], lineNumber: Int) -> String? {
        var i = 0
        var previous: Unicode.Scalar?
        while i < b.count {
            guard let (s, n) = UTF8Scan.decode(b, at: i) else { i += 1; previous = nil; continue }
            let next = i + n < b.count ? b[i + n] : 0
            defer { i += n; previous = s }
            // An escape or another control: a terminal that shows the file obeys it.
            if SafeText.isControl(s), !(s.isASCII && isPlainText(UInt8(s.value))) {
                return "Evidence: line \(lineNumber) holds the control character U+\(SafeText.hexScalar(s))\(s.value == 0x1B ? " (escape)" : "")."
            }
            guard SafeText.isInvisibleOrBidi(s) else { continue }
            // A byte-order mark that starts the file is only that.
            if s.value == 0xFEFF && i == 0 && lineNumber == 1 { continue }
            // Joiners and soft hyphens belong in emoji and prose; between two letters of a name
            // they split it unseen.
            if [0x200C, 0x200D, 0x00AD].contains(s.value) {
                guard let p = previous, p.isASCII, MixedScript.isASCIIWord(UInt8(p.value)), MixedScript.isASCIIWord(next) else { continue }
            }
            // A zero-width space or word joiner changes a name or a string only beside one of
            // its letters: after a full stop or a blank at a line's end (a licence header pasted
            // from a web page, four hints on MLOpsPython's) it changes nothing that runs.
            if [0x200B, 0x2060].contains(s.value) {
                let before = previous.map { $0.isASCII ? MixedScript.isASCIIWord(UInt8($0.value)) : $0.properties.isAlphabetic } ?? false
                let after = next < 0x80 ? MixedScript.isASCIIWord(next) : next >= 0xC0
                guard before || after else { continue }
            }
            // Direction marks are how Arabic and Hebrew text is typeset: they reorder nothing
            // the way overrides and isolates do.
            if [0x200E, 0x200F, 0x061C].contains(s.value), holdsRightToLeftLetters(b) { continue }
            return "Evidence: line \(lineNumber) holds U+\(SafeText.hexScalar(s)) (\(hiddenName(s.value)))."
        }
        let foreign = MixedScript.foreignLetters(in: b)
        guard let first = foreign.first else { return nil }
        // The word around it, its foreign letters as code points.
        var start = first.lowerBound, end = first.upperBound
        func inWord(_ k: Int) -> Bool { b[k] >= 0x80 || MixedScript.isASCIIWord(b[k]) }
        while start > 0, inWord(start - 1) { start -= 1 }
        while end < b.count, inWord(end) { end += 1 }
        var shown = ""
        var k = start
        while k < end {
            if let r = foreign.first(where: { $0.lowerBound == k }), let (s, _) = UTF8Scan.decode(b, at: k) {
                shown += "<U+\(SafeText.hexScalar(s))>"
                k = r.upperBound
            } else {
                shown.unicodeScalars.append(Unicode.Scalar(b[k] < 0x80 ? b[k] : 0x3F))
                k += 1
            }
        }
        return "Evidence: line \(lineNumber) has `\(shown)`, a word that mixes Latin with another script's look-alike letter."
    }

    /// Hebrew or Arabic letters on the line.
    static func holdsRightToLeftLetters(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count {
            guard b[i] >= 0x80, let (s, n) = UTF8Scan.decode(b, at: i) else { i += 1; continue }
            switch s.value {
            case 0x5D0...0x5EA, 0x620...0x64A, 0x66E...0x6D3, 0x6FA...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFC:
                if s.properties.isAlphabetic { return true }
            default: break
            }
            i += n
        }
        return false
    }

    static func hiddenName(_ v: UInt32) -> String {
        switch v {
        case 0x202A: return "left-to-right embedding"
        case 0x202B: return "right-to-left embedding"
        case 0x202C: return "pop directional formatting"
        case 0x202D: return "left-to-right override"
        case 0x202E: return "right-to-left override"
        case 0x2066: return "left-to-right isolate"
        case 0x2067: return "right-to-left isolate"
        case 0x2068: return "first strong isolate"
        case 0x2069: return "pop directional isolate"
        case 0x200E, 0x200F, 0x061C: return "a direction mark"
        case 0x200B: return "zero-width space"
        case 0x200C: return "zero-width non-joiner"
        case 0x200D: return "zero-width joiner"
        case 0x2060: return "word joiner"
        case 0xFEFF: return "zero-width no-break space"
        case 0x00AD: return "soft hyphen"
        default: return "an invisible character"
        }
    }
}
