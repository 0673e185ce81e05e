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
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        for i in widths.indices where limits[i] > 0 { widths[i] = min(widths[i], limits[i]) }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                var text = cell
                if text.count > widths[i] { text = String(text.prefix(widths[i] - 1)) + "…" }
                out += last ? text : text + String(repeating: Character(" "), count: widths[i] - text.count + 2)
            }
            return String(out.reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        return line(headers) + rows.map(line).joined()
    }
}
