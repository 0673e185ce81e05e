extension ParsedDiff {
    /// The lines of one hunk with their old and new numbers, made on demand from the hunk's
    /// bytes: the parser stores none, so a viewer pays only for the hunks it shows.
    public func lines(of hunk: Hunk) -> [DiffLine] {
        var out: [DiffLine] = []
        out.reserveCapacity(hunk.lineCount)
        walk(hunk, line: { out.append($0) }, noNewline: { if !out.isEmpty { out[out.count - 1].missingNewline = true } })
        return out
    }

    /// The hunk's lines one at a time, nothing kept: for walking a hunk of millions of lines.
    /// (A `\ No newline` marker is not reported.)
    public func forEachLine(of hunk: Hunk, _ body: (DiffLine) -> Void) {
        walk(hunk, line: body, noNewline: {})
    }

    /// Reads the hunk's body: each line as it comes, and each `\ No newline` marker.
    private func walk(_ hunk: Hunk, line: (DiffLine) -> Void, noNewline: () -> Void) {
        var old = hunk.oldStart, new = hunk.newStart
        var pos = hunk.bodyRange.lowerBound
        let end = hunk.bodyRange.upperBound
        bytes.withUnsafeBufferPointer { buf in
            while pos < end {
                var lineEnd = pos
                while lineEnd < end && buf[lineEnd] != 10 { lineEnd += 1 }
                let next = min(lineEnd + 1, end)
                let first: UInt8 = lineEnd > pos ? buf[pos] : 0
                let content = lineEnd > pos ? (pos + 1)..<lineEnd : pos..<pos
                switch first {
                case UInt8(ascii: "+"):
                    line(DiffLine(kind: .added, oldNumber: nil, newNumber: new, content: content, missingNewline: false))
                    new += 1
                case UInt8(ascii: "-"):
                    line(DiffLine(kind: .removed, oldNumber: old, newNumber: nil, content: content, missingNewline: false))
                    old += 1
                case UInt8(ascii: "\\"):
                    noNewline()
                default:
                    // A blank line stands for an empty context line whose space was stripped.
                    let body = first == UInt8(ascii: " ") ? content : pos..<lineEnd
                    line(DiffLine(kind: .context, oldNumber: old, newNumber: new, content: body, missingNewline: false))
                    old += 1; new += 1
                }
                pos = next
            }
        }
    }
}
