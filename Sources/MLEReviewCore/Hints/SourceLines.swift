/// The new-side lines of a file (or a window of one) as the scanner reads them: their bytes laid
/// end to end in one buffer, a newline between lines, each line a range of it. A `String` per
/// line was one allocation for each of a big diff's 770,000 lines; here a line is made into text
/// only when a hint quotes it.
struct SourceLines {
    struct Line {
        var number: Int
        var start: Int
        var end: Int
        var added: Bool
    }

    private(set) var bytes: [UInt8] = []
    private(set) var lines: [Line] = []

    var count: Int { lines.count }
    var isEmpty: Bool { lines.isEmpty }
    subscript(k: Int) -> Line { lines[k] }

    /// A diff line's content, as `String(decoding:)` would read it (invalid UTF-8 repaired) with a
    /// final carriage return left off.
    mutating func append(number: Int, added: Bool, content: Range<Int>, of diff: ParsedDiff) {
        diff.bytes.withUnsafeBufferPointer { all in
            var line = UnsafeBufferPointer(rebasing: all[content])
            if line.last == 13 { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            append(number: number, added: added, utf8: line)
        }
    }

    mutating func append(number: Int, added: Bool, text: String) {
        var text = text
        text.withUTF8 { append(number: number, added: added, valid: $0) }
    }

    private mutating func append(number: Int, added: Bool, utf8 line: UnsafeBufferPointer<UInt8>) {
        // Code is nearly all ASCII, which is valid as it is; anything else goes through the
        // decoder so that the bytes are those of the text a hint would quote.
        var high: UInt8 = 0
        for b in line { high |= b }
        if high < 128 { return append(number: number, added: added, valid: line) }
        append(number: number, added: added, text: String(decoding: line, as: UTF8.self))
    }

    private mutating func append(number: Int, added: Bool, valid line: UnsafeBufferPointer<UInt8>) {
        if !lines.isEmpty { bytes.append(10) }
        let start = bytes.count
        bytes.append(contentsOf: line)
        lines.append(Line(number: number, start: start, end: bytes.count, added: added))
    }

    /// Leaves lines `0..<k` (a notebook hunk's lines read as code before a key showed they were not).
    mutating func keepFirst(_ k: Int) {
        guard k < lines.count else { return }
        bytes.removeSubrange(max(lines[k].start - 1, 0)...)
        lines.removeSubrange(k...)
    }

    /// Gives lines `k...` the number `number` (removed lines, once the new line they point at is known).
    mutating func renumber(from k: Int, to number: Int) {
        for i in k..<lines.count { lines[i].number = number }
    }

    /// Lines `k...` on their own.
    func suffix(from k: Int) -> SourceLines {
        var rest = SourceLines()
        bytes.withUnsafeBufferPointer { all in
            for line in lines[k...] { rest.append(number: line.number, added: line.added, valid: UnsafeBufferPointer(rebasing: all[line.start..<line.end])) }
        }
        return rest
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    func text(of line: Line) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[line.start..<line.end]), as: UTF8.self) }
    }

    /// Lines ascending by number: the one numbered `n`, by binary search.
    func line(numbered n: Int) -> Line? {
        guard let k = Sorted.first(lines, after: n - 1, \.number), lines[k].number == n else { return nil }
        return lines[k]
    }
}
