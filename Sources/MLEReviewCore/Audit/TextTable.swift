/// Plain-text columns for the audit commands: widths from the content, long cells cut with `…`,
/// every cell escaped so nothing from a review can drive the terminal.
public struct TextTable {
    public var headers: [String]
    /// Widest a column may grow; 0 means no limit.
    public var limits: [Int]
    public var rows: [[String]] = []

    public init(headers: [String], limits: [Int]) {
        self.headers = headers
        self.limits = limits
    }

    public mutating func add(_ row: [String]) { rows.append(row.map { SafeText.escaped($0) }) }

    public func render() -> String {
        var widths = headers.map(Self.width)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], Self.width(cell)) }
        }
        for i in widths.indices where limits[i] > 0 { widths[i] = min(widths[i], limits[i]) }
        var out = ""
        func line(_ cells: [String]) {
            var pending = 0
            for (i, cell) in cells.enumerated() {
                var text = cell
                var w = Self.width(text)
                if w > widths[i] {
                    text = String(text.prefix(widths[i] - 1)) + "…"
                    w = widths[i]
                }
                // Padding is written only before a non-empty cell, so no line ends in spaces.
                if !text.isEmpty {
                    out.append(contentsOf: String(repeating: Character(" "), count: pending))
                    out += text
                    pending = 0
                }
                pending += widths[i] - w + 2
            }
            out += "\n"
        }
        line(headers)
        for row in rows { line(row) }
        return out
    }

    /// Columns a cell takes: bytes for ASCII (the common case, and O(1)), characters otherwise.
    static func width(_ s: String) -> Int {
        s.utf8.allSatisfy { $0 < 0x80 } ? s.utf8.count : s.count
    }
}
