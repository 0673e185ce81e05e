/// An editable text with the line-editing keys of a shell prompt: arrows, Home/End, Ctrl-A/E,
/// Ctrl-W, Ctrl-U, Ctrl-K, Backspace/Delete; Enter adds a line when it is multi-line.
public struct TextEditor: Equatable, Sendable {
    public private(set) var lines: [[Character]]
    public private(set) var row = 0
    public private(set) var col = 0
    public let multiline: Bool

    public init(_ text: String = "", multiline: Bool = false) {
        self.multiline = multiline
        let parts = multiline ? text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) } : [Array(text.filter { $0 != "\n" })]
        lines = parts.isEmpty ? [[]] : parts
        row = lines.count - 1
        col = lines[row].count
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    /// Applies an editing key; false when the key is not an editing key here.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(c)
        case .enter where multiline:
            let rest = Array(lines[row][col...])
            lines[row].removeSubrange(col...)
            lines.insert(rest, at: row + 1)
            row += 1; col = 0
        case .backspace, .ctrl("h"):
            if col > 0 { lines[row].remove(at: col - 1); col -= 1 }
            else if row > 0 { col = lines[row - 1].count; lines[row - 1] += lines[row]; lines.remove(at: row); row -= 1 }
        case .delete, .ctrl("d"):
            if col < lines[row].count { lines[row].remove(at: col) }
            else if row + 1 < lines.count { lines[row] += lines[row + 1]; lines.remove(at: row + 1) }
        case .left, .ctrl("b"):
            if col > 0 { col -= 1 } else if row > 0 { row -= 1; col = lines[row].count }
        case .right, .ctrl("f"):
            if col < lines[row].count { col += 1 } else if row + 1 < lines.count { row += 1; col = 0 }
        case .up where multiline && row > 0: row -= 1; col = min(col, lines[row].count)
        case .down where multiline && row + 1 < lines.count: row += 1; col = min(col, lines[row].count)
        case .home, .ctrl("a"): col = 0
        case .end, .ctrl("e"): col = lines[row].count
        case .ctrl("u"): lines[row].removeSubrange(0..<col); col = 0
        case .ctrl("k"): lines[row].removeSubrange(col...)
        case .ctrl("w"):
            var start = col
            while start > 0 && lines[row][start - 1] == " " { start -= 1 }
            while start > 0 && lines[row][start - 1] != " " { start -= 1 }
            lines[row].removeSubrange(start..<col); col = start
        default: return false
        }
        return true
    }

    public mutating func insert(_ c: Character) {
        if c == "\n" { if multiline { handle(.enter) }; return }
        lines[row].insert(c, at: col)
        col += 1
    }
}
