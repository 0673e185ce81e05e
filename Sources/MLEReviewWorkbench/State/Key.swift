/// A key press, as the backend decodes it and tests type it.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    case alt(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace, delete
    case resize
    case mouseClick(row: Int, col: Int)
    /// The wheel, where the pointer is.
    case wheel(up: Bool, row: Int, col: Int)

    /// How the help and the hints write it.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .alt(let c): return "Alt-" + String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .resize: return "resize"
        case .mouseClick: return "click"
        case .wheel(let up, _, _): return up ? "wheel up" : "wheel down"
        }
    }

    /// Parses the names tests and scripts use: `j`, `Space`, `Ctrl-D`, `Enter`, `Up`, `PgDn`.
    public static func parse(_ name: String) -> Key? {
        switch name.lowercased() {
        case "space": return .char(" ")
        case "enter", "return": return .enter
        case "tab": return .tab
        case "btab", "shift-tab", "backtab": return .backTab
        case "esc", "escape": return .escape
        case "bspace", "backspace": return .backspace
        case "delete", "dc": return .delete
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "ppage", "pageup": return .pageUp
        case "pgdn", "npage", "pagedown": return .pageDown
        case "home": return .home
        case "end": return .end
        case "↑": return .up
        case "↓": return .down
        case "←": return .left
        case "→": return .right
        default: break
        }
        if name.lowercased().hasPrefix("alt-"), name.count == 5 { return .alt(Character(String(name.suffix(1)))) }
        if name.lowercased().hasPrefix("ctrl-"), name.count == 6 { return .ctrl(Character(name.suffix(1).lowercased())) }
        if name.count == 1 { return .char(Character(name)) }
        return nil
    }
}
