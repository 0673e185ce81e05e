/// An editable text with the line-editing actions of a shell prompt (the text scope binds them to
/// arrows, Home/End, Ctrl-A/E, Ctrl-W, Ctrl-U, Ctrl-K, Backspace/Delete); a new line only when it
/// is multi-line.
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

    /// Applies an editing action (the text scope's bindings); false when it changes nothing here.
    @discardableResult
    public mutating func apply(_ action: Action) -> Bool {
        switch action {
        case .newLine:
            guard multiline else { return false }
            let rest = Array(lines[row][col...])
            lines[row].removeSubrange(col...)
            lines.insert(rest, at: row + 1)
            row += 1; col = 0
        case .deleteBackward:
            if col > 0 { lines[row].remove(at: col - 1); col -= 1 }
            else if row > 0 { col = lines[row - 1].count; lines[row - 1] += lines[row]; lines.remove(at: row); row -= 1 }
        case .deleteForward:
            if col < lines[row].count { lines[row].remove(at: col) }
            else if row + 1 < lines.count { lines[row] += lines[row + 1]; lines.remove(at: row + 1) }
        case .cursorLeft:
            if col > 0 { col -= 1 } else if row > 0 { row -= 1; col = lines[row].count }
        case .cursorRight:
            if col < lines[row].count { col += 1 } else if row + 1 < lines.count { row += 1; col = 0 }
        case .lineUp where multiline && row > 0: row -= 1; col = min(col, lines[row].count)
        case .lineDown where multiline && row + 1 < lines.count: row += 1; col = min(col, lines[row].count)
        case .lineStart: col = 0
        case .lineEnd: col = lines[row].count
        case .deleteToStart: lines[row].removeSubrange(0..<col); col = 0
        case .deleteToEnd: lines[row].removeSubrange(col...)
        case .deleteWord:
            var start = col
            while start > 0 && lines[row][start - 1] == " " { start -= 1 }
            while start > 0 && lines[row][start - 1] != " " { start -= 1 }
            lines[row].removeSubrange(start..<col); col = start
        default: return false
        }
        return true
    }

    public mutating func insert(_ c: Character) {
        if c == "\n" { if multiline { apply(.newLine) }; return }
        lines[row].insert(c, at: col)
        col += 1
    }
}
