/// A screen's worth of cells: views draw here, tests read it as text, the terminal backend copies
/// it to the screen. Drawing clips to the grid and never wraps.
public struct Cell: Equatable, Sendable {
    /// One grapheme (a base character and its combining marks), or "" for the second column of a
    /// wide character.
    public var text: String
    public var role: Role
    public var highlight: Highlight

    public init(_ text: String = " ", role: Role = .text, highlight: Highlight = .none) {
        self.text = text
        self.role = role
        self.highlight = highlight
    }

    public static let blank = Cell()
}

public struct Grid: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, col: Int) -> Cell {
        get { cells[row * width + col] }
        set { cells[row * width + col] = newValue }
    }

    /// Writes display cells from `col` on, clipped at `limit` (exclusive) and the grid's edge. A
    /// wide character that would straddle the limit is not drawn half. Returns the next column.
    @discardableResult
    public mutating func put(_ units: [DisplayCell], row: Int, col: Int, limit: Int? = nil) -> Int {
        guard row >= 0 && row < height else { return col }
        let end = min(limit ?? width, width)
        var c = col
        for u in units {
            if c + u.width > end { break }
            if c >= 0 {
                self[row, c] = Cell(u.text, role: u.role)
                if u.width == 2 { self[row, c + 1] = Cell("", role: u.role) }
            }
            c += u.width
        }
        return c
    }

    /// Writes a string made safe for the terminal (see `DisplayText`).
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, role: Role = .text, limit: Int? = nil) -> Int {
        put(DisplayText.cells(text, role: role), row: row, col: col, limit: limit)
    }

    public mutating func fill(row: Int, from: Int = 0, to: Int? = nil, role: Role, text: String = " ") {
        guard row >= 0 && row < height else { return }
        for c in max(0, from)..<min(to ?? width, width) { self[row, c] = Cell(text, role: role) }
    }

    public mutating func fill(rows: Range<Int>, cols: Range<Int>, role: Role) {
        for r in rows where r >= 0 && r < height { fill(row: r, from: cols.lowerBound, to: cols.upperBound, role: role) }
    }

    public mutating func highlight(row: Int, cols: Range<Int>, _ h: Highlight) {
        guard row >= 0 && row < height else { return }
        for c in max(0, cols.lowerBound)..<min(cols.upperBound, width) { self[row, c].highlight = h }
    }

    /// The grid as text, one line per row with trailing spaces kept: what a screen snapshot shows.
    public func text(row: Int) -> String {
        (0..<width).map { self[row, $0].text }.joined()
    }

    public var lines: [String] { (0..<height).map(text(row:)) }

    /// Rows joined with newlines and trailing spaces cut: the form snapshot tests compare.
    public var snapshot: String {
        lines.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }
}
