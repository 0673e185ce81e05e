/// Colours and attributes per role. Views name roles; a theme gives them a look; the backend
/// fits the colours to what the terminal has.
public struct Theme: Equatable, Sendable {
    public enum Color: Equatable, Sendable {
        /// The terminal's own foreground or background.
        case terminal
        /// A palette index, 0-255.
        case index(Int)
        case rgb(UInt8, UInt8, UInt8)
    }

    public struct Style: Equatable, Sendable {
        public var fg: Color = .terminal
        public var bg: Color = .terminal
        public var bold = false, dim = false, reverse = false, underline = false, italic = false
        public init() {}
    }

    public var name: String
    public var styles: [Role: Style]
    /// Colours are ignored (NO_COLOR, or a terminal without them): only attributes are used.
    public var monochrome: Bool

    public func style(_ role: Role) -> Style { styles[role] ?? styles[.text] ?? Style() }

    /// Attributes only, readable anywhere: what NO_COLOR selects, and the fallback when no theme
    /// file can be found.
    public static let monochrome: Theme = {
        var s: [Role: Style] = [:]
        func set(_ roles: [Role], _ f: (inout Style) -> Void) { for r in roles { var st = Style(); f(&st); s[r] = st } }
        set([.titleBar, .status], { $0.reverse = true })
        set([.paneTitleFocused, .fileHeader, .hunkHeader, .severityCritical, .severityHigh, .decisionBlock, .itemFail, .error, .statusKey], { $0.bold = true })
        set([.dim, .hint, .lineNumber, .itemNotApplicable, .paneBorder], { $0.dim = true })
        set([.warning, .searchMatch], { $0.underline = true; $0.bold = true })
        set([.cursor, .inputFocused], { $0.reverse = true })
        set([.selection], { $0.underline = true })
        // Changed words stand out without colour; syntax colour has no attribute-only form.
        set([.diffAddedWord, .diffRemovedWord], { $0.reverse = true })
        return Theme(name: "monochrome", styles: s, monochrome: true)
    }()
}
