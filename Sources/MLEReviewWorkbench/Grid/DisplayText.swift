import CLibc
import MLEReviewCore

/// One terminal cell's worth of something to show.
public struct DisplayCell: Equatable, Sendable {
    public var text: String
    /// 1 or 2 columns.
    public var width: Int
    public var role: Role
}

/// Turns untrusted text and bytes into cells that cannot drive the terminal: controls become
/// caret or hex placeholders, bidi and zero-width characters become `<U+202E>`, invalid UTF-8
/// bytes `\xNN`, all in the warning role; tabs expand to 8-column stops; wide characters take two
/// columns and combining marks stay with their base, as libc's wcwidth (which ncurses uses) says.
public enum DisplayText {
    public struct Line: Sendable {
        public var cells: [DisplayCell]
        /// Something hidden or direction-changing was in it (Trojan Source), or a control.
        public var hasWarning: Bool
        /// The first byte drawn at or after the column `line` was asked to mark (nil when the
        /// line ends before it): what an edge marker on that column hides starts there.
        public var byteAtMark: Int? = nil
    }

    /// Columns for one scalar, -1 when it cannot be shown.
    public static func width(_ s: Unicode.Scalar) -> Int {
        if s.value >= 0x20 && s.value < 0x7F { return 1 }
        return Int(mle_wcwidth(Int32(bitPattern: s.value)))
    }

    nonisolated(unsafe) private static var localeChecked = false

    /// wcwidth answers -1 for all non-ASCII unless LC_CTYPE is UTF-8. The terminal backend sets
    /// the user's locale first; tests and tools that skip it get C.UTF-8 here.
    public static func prepareLocale() {
        if !localeChecked { _ = mle_ensure_utf8_ctype(); localeChecked = true }
    }

    public static func cells(_ text: String, role: Role = .text) -> [DisplayCell] {
        line(Array(text.utf8), role: role).cells
    }

    /// Renders one line of content. Only columns in `[skip, skip + limit)` are produced, and work
    /// stops there, so a 20,000-character line costs what the screen shows. A CR ending the line
    /// is shown as a small marker.
    /// `spans` give byte ranges other roles (syntax, changed words); later spans win.
    public static func line(_ bytes: some Collection<UInt8>, role base: Role, skip: Int = 0, limit: Int = Int.max,
                            spans: [Lexer.Span] = [], mark: Int = Int.max) -> Line {
        prepareLocale()
        let b = Array(bytes)
        var byteRoles: [Role] = []
        if !spans.isEmpty {
            byteRoles = Array(repeating: base, count: b.count)
            for s in spans { for k in s.range.clamped(to: 0..<b.count) { byteRoles[k] = s.role } }
        }
        var role = base
        var out: [DisplayCell] = []
        var col = 0
        var warning = false
        let stop = limit == Int.max ? Int.max : skip + limit
        func emit(_ text: String, _ width: Int, _ r: Role) {
            if col >= skip && col + width <= stop { out.append(DisplayCell(text: text, width: width, role: r)) }
            else if col < skip && col + width > skip {
                // A wide cell cut by the left edge: show the visible half as a blank.
                for _ in skip..<min(col + width, stop) { out.append(DisplayCell(text: " ", width: 1, role: r)) }
            }
            col += width
        }
        func emitPlaceholder(_ text: String) {
            warning = true
            for ch in text { emit(String(ch), 1, .warning) }
        }
        // Letters of another script inside a word (a Cyrillic е in `X_tеst`): drawn in the warning
        // colour, and the line flagged. Only a line with non-ASCII bytes is looked at.
        let foreign = MixedScript.foreignLetters(in: b)
        var nextForeign = 0
        var i = 0
        var byteAtMark: Int?
        while i < b.count && col < stop {
            if byteAtMark == nil && col >= mark { byteAtMark = i }
            let byte = b[i]
            if !byteRoles.isEmpty { role = byteRoles[i] }
            if byte >= 0x20 && byte < 0x7F { emit(String(UnicodeScalarType(byte)), 1, role); i += 1; continue }
            if byte == 9 {
                let next = (col / 8 + 1) * 8
                while col < next && col < stop { emit(" ", 1, role) }
                i += 1
                continue
            }
            if byte == 13 && i == b.count - 1 { emit("␍", 1, .dim); i += 1; continue }
            guard let (scalar, length) = UTF8Scan.decode(b, at: i) else {
                emitPlaceholder("\\x" + hex(byte)); i += 1; continue
            }
            i += length
            if scalar.value < 0x20 || scalar.value == 0x7F {
                emitPlaceholder(scalar.value == 0x7F ? "^?" : "^" + String(UnicodeScalarType(UInt8(scalar.value) + 0x40)))
                continue
            }
            if SafeTextBridge.isHidden(scalar) || scalar.value < 0xA0 {
                emitPlaceholder("<U+" + hexScalar(scalar) + ">")
                continue
            }
            let w = width(scalar)
            if w == 0 {
                // A combining mark joins the cell before it; alone, it is shown as a code point.
                if let last = out.indices.last, col > skip { out[last].text.unicodeScalars.append(scalar); continue }
                emitPlaceholder("<U+" + hexScalar(scalar) + ">")
                continue
            }
            if w < 0 { emitPlaceholder("<U+" + hexScalar(scalar) + ">"); continue }
            var r = role
            if nextForeign < foreign.count {
                while nextForeign < foreign.count && foreign[nextForeign].upperBound <= i - length { nextForeign += 1 }
                if nextForeign < foreign.count && foreign[nextForeign].lowerBound == i - length { r = .warning; warning = true }
            }
            emit(String(Character(scalar)), w, r)
        }
        if byteAtMark == nil && col >= mark && i < b.count { byteAtMark = i }
        return Line(cells: out, hasWarning: warning || !foreign.isEmpty || containsHidden(b, from: i), byteAtMark: byteAtMark)
    }

    /// Width in columns of what `line` would produce in full.
    public static func columns(_ text: String) -> Int { cells(text).reduce(0) { $0 + $1.width } }

    /// A hidden character past the visible part still flags the line.
    private static func containsHidden(_ b: [UInt8], from start: Int) -> Bool {
        var i = start
        while i < b.count {
            if b[i] < 0x20 && b[i] != 9 && !(b[i] == 13 && i == b.count - 1) { return true }
            if b[i] < 0x80 { i += 1; continue }
            guard let (s, n) = UTF8Scan.decode(b, at: i) else { return true }
            if SafeTextBridge.isHidden(s) || s.value < 0xA0 { return true }
            i += n
        }
        return false
    }

    static func hex(_ b: UInt8) -> String {
        let d = Array("0123456789abcdef")
        return String([d[Int(b >> 4)], d[Int(b & 15)]])
    }

    static func hexScalar(_ s: Unicode.Scalar) -> String {
        let h = String(s.value, radix: 16, uppercase: true)
        return String(repeating: Character("0"), count: max(0, 4 - h.count)) + h
    }
}

typealias UnicodeScalarType = Unicode.Scalar

enum SafeTextBridge {
    static func isHidden(_ s: Unicode.Scalar) -> Bool {
        SafeText.isInvisibleOrBidi(s) || s.value == 0x2028 || s.value == 0x2029
    }
}
