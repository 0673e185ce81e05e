/// Turns the notebooks in a diff into cell diffs (see `NotebookDiff`), leaving every other file's
/// bytes as they are. With both versions of a notebook (a git range, or a patch that adds or
/// deletes it whole) the cells are rebuilt; from a patch that modifies one, only what the hunks
/// allow: execution-count and id churn is hidden, source lines are shown as source, output data
/// as its size, and a warning says the cells could not be rebuilt.
public enum NotebookRewrite {
    public static func rewrite(_ diff: ParsedDiff, old: (String) -> [UInt8]? = { _ in nil },
                               new: (String) -> [UInt8]? = { _ in nil }) -> ParsedDiff {
        guard diff.files.contains(where: isNotebook) else { return diff }
        var out: [UInt8] = []
        var warnings: [String] = []
        var cursor = 0
        for file in diff.files {
            guard isNotebook(file), let first = file.hunks.first else { continue }
            let headerEnd = lineStart(diff.bytes, before: first.sectionRange.lowerBound)
            let header = String(decoding: diff.bytes[file.byteRange.lowerBound..<headerEnd], as: UTF8.self)
            // A notebook whose cells show nothing changed (only execution counts, ids or metadata
            // did) keeps its raw hunks: "no content change" would hide a change the patch makes.
            let section: String
            if let cells = cellSection(diff, file, header: header, old: old, new: new) {
                guard cells != header else { continue }
                section = cells
            } else {
                let (text, hidden) = partialSection(diff, file, header: header)
                guard hidden < file.hunks.count else { continue }
                section = text
                warnings.append("\(file.path): a patch alone cannot rebuild this notebook's cells (review a git range to see them);"
                                + " \(hidden) hunk\(hidden == 1 ? "" : "s") of execution-count and id churn hidden, output data shown as its size")
            }
            out += diff.bytes[cursor..<file.byteRange.lowerBound]
            out += Array(section.utf8)
            cursor = file.byteRange.upperBound
        }
        out += diff.bytes[cursor...]
        var parsed = DiffParser.parse(out)
        parsed.warnings += warnings.map { ParseWarning(line: 0, message: $0) }
        return parsed
    }

    static func isNotebook(_ f: DiffFile) -> Bool { f.path.lowercased().hasSuffix(".ipynb") && !f.isBinary && !f.hunks.isEmpty }

    static func cellSection(_ diff: ParsedDiff, _ f: DiffFile, header: String, old: (String) -> [UInt8]?, new: (String) -> [UInt8]?) -> String? {
        // A notebook added or deleted whole is all in the patch.
        func whole(_ kind: DiffLine.Kind) -> [UInt8]? {
            guard f.hunks.count == 1 else { return nil }
            let lines = diff.lines(of: f.hunks[0]).filter { $0.kind == kind }
            return Array(lines.map { diff.text($0.content) }.joined(separator: "\n").utf8)
        }
        let oldBytes: [UInt8]?, newBytes: [UInt8]?
        switch f.status {
        case .added: (oldBytes, newBytes) = (nil, whole(.added) ?? new(f.path))
        case .deleted: (oldBytes, newBytes) = (whole(.removed) ?? old(f.oldPath ?? f.path), nil)
        default:
            (oldBytes, newBytes) = (old(f.oldPath ?? f.path), new(f.newPath ?? f.path))
            if oldBytes == nil || newBytes == nil { return nil }
        }
        let a = oldBytes.map(Notebook.parse), b = newBytes.map(Notebook.parse)
        if a == .some(nil) || b == .some(nil) { return nil }
        return NotebookDiff.section(path: f.path, old: a ?? nil, new: b ?? nil, header: header)
    }

    /// The JSON hunks, made readable: churn-only hunks dropped, source strings decoded, long
    /// output data replaced by its size. Line numbers stay those of the raw file.
    static func partialSection(_ diff: ParsedDiff, _ f: DiffFile, header: String) -> (String, Int) {
        var out = header
        var hidden = 0
        for h in f.hunks {
            let lines = diff.lines(of: h)
            let changed = lines.filter { $0.kind != .context }.map { diff.text($0.content).trimmingSpaces() }
            if !changed.isEmpty && changed.allSatisfy(isChurn) { hidden += 1; continue }
            out += segments(diff, h, lines)
        }
        return (out, hidden)
    }

    /// A hunk's lines, where the patch adds or removes a whole cell split around the cell's
    /// JSON skeleton (`{`, `"cell_type": …`, `"metadata": {}`, `"source": [` … `]`, `}`): the
    /// skeleton is left out and the cell's source starts a hunk of its own whose header says
    /// `+ cell · code`. Each piece's header keeps the raw file's line numbers.
    static func segments(_ diff: ParsedDiff, _ h: Hunk, _ lines: [DiffLine]) -> String {
        var out = ""
        var piece: [DiffLine] = []
        var section = diff.text(h.sectionRange)
        // The last old and new line numbers before the piece: where a side with no lines sits.
        var lastOld = h.oldStart - 1, lastNew = h.newStart - 1
        var pieceOld = lastOld, pieceNew = lastNew
        func flush() {
            defer { piece = [] }
            guard !piece.isEmpty else { return }
            let oldCount = piece.filter { $0.kind != .added }.count, newCount = piece.filter { $0.kind != .removed }.count
            let texts = piece.map { readable(diff.text($0.content)) }
            var body = "", changed = false
            var k = 0
            while k < piece.count {
                guard piece[k].kind == .removed else {
                    body += (piece[k].kind == .added ? "+" : " ") + texts[k] + "\n"
                    changed = changed || piece[k].kind == .added
                    k += 1
                    continue
                }
                // A source line whose JSON only gained or lost its trailing comma (a line added
                // or removed after it) reads the same once decoded: it is shown unchanged, not as
                // a removed and an added line that look identical.
                var r = k
                while r < piece.count && piece[r].kind == .removed { r += 1 }
                var a = r
                while a < piece.count && piece[a].kind == .added { a += 1 }
                var same = 0
                while same < min(r - k, a - r) && texts[k + same] == texts[r + same] { same += 1 }
                for j in 0..<same { body += " " + texts[r + j] + "\n" }
                for j in (k + same)..<r { body += "-" + texts[j] + "\n" }
                for j in (r + same)..<a { body += "+" + texts[j] + "\n" }
                changed = changed || same < r - k || same < a - r
                k = a
            }
            // A side with no lines is numbered by the line before it, as git does. A piece whose
            // every change was such a comma says so where its changes would be.
            let label = changed ? section : "only JSON punctuation changed here"
            out += "@@ -\(oldCount == 0 ? pieceOld : pieceOld + 1),\(oldCount) +\(newCount == 0 ? pieceNew : pieceNew + 1),\(newCount) @@ \(label)\n" + body
        }
        func advance(_ l: DiffLine) {
            if let o = l.oldNumber { lastOld = o }
            if let n = l.newNumber { lastNew = n }
        }
        var i = 0
        while i < lines.count {
            if let (end, kind) = skeleton(diff, lines, at: i) {
                flush()
                let sign = lines[i].kind == .added ? "+" : "-"
                section = kind.map { "\(sign) cell · \($0)" } ?? diff.text(h.sectionRange)
                for l in lines[i..<end] { advance(l) }
                i = end
                continue
            }
            if piece.isEmpty { pieceOld = lastOld; pieceNew = lastNew }
            piece.append(lines[i])
            advance(lines[i])
            i += 1
        }
        flush()
        return out
    }

    /// Lines of a cell's JSON skeleton starting at `i`, all added or all removed: where they
    /// end, and the cell's kind when they open a cell (nil: they close one).
    static func skeleton(_ diff: ParsedDiff, _ lines: [DiffLine], at i: Int) -> (Int, String?)? {
        let kind = lines[i].kind
        guard kind != .context else { return nil }
        func text(_ k: Int) -> String { diff.text(lines[k].content).trimmingSpaces() }
        var k = i
        var cellKind: String?
        var depth = 0
        // Opening: `{` then keys until `"source": [`.
        if text(i) == "{" {
            k += 1
            while k < lines.count && lines[k].kind == kind {
                let t = text(k)
                if t.hasPrefix("\"cell_type\":") { cellKind = t.split(separator: "\"").dropFirst(2).first.map(String.init) }
                if depth == 0 && t.hasPrefix("\"source\": [") { return cellKind.map { _ in (k + 1, cellKind) } }
                if t.hasSuffix("{") || t.hasSuffix("[") { depth += 1 } else if t.hasPrefix("}") || t.hasPrefix("]") { depth = max(0, depth - 1) }
                k += 1
            }
            return nil
        }
        // Closing: `]` (the source's end) then `}` or `},`, possibly with outputs between.
        if text(i) == "]" || text(i) == "]," {
            k = i + 1
            while k < lines.count && lines[k].kind == kind && !(text(k) == "}" || text(k) == "},") {
                let t = text(k)
                guard t.hasPrefix("\"") || t.hasPrefix("{") || t.hasPrefix("}") || t.hasPrefix("[") || t.hasPrefix("]") else { return nil }
                k += 1
            }
            guard k < lines.count, lines[k].kind == kind else { return nil }
            return (k + 1, nil)
        }
        return nil
    }

    static func isChurn(_ t: String) -> Bool {
        t.hasPrefix("\"execution_count\":") || t.hasPrefix("\"id\":") || t.hasPrefix("\"iopub.") || t.hasPrefix("\"shell.execute_reply")
    }

    static func readable(_ line: String) -> String {
        if line.utf8.count > 1000 { return "    [\(line.utf8.count / 1024) KB of output data]" }
        if let source = SourceFile.notebookSource(line) { return source }
        return line
    }

    static func lineStart(_ b: [UInt8], before k: Int) -> Int {
        var i = k
        while i > 0 && b[i - 1] != 10 { i -= 1 }
        return i
    }
}
