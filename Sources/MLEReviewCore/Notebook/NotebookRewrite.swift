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
            let section: String
            if let cells = cellSection(diff, file, header: header, old: old, new: new) {
                section = cells
            } else {
                let (text, hidden) = partialSection(diff, file, header: header)
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
            out += "@@ -\(h.oldStart),\(h.oldCount) +\(h.newStart),\(h.newCount) @@ \(diff.text(h.sectionRange))\n"
            for l in lines {
                let sign = l.kind == .added ? "+" : l.kind == .removed ? "-" : " "
                out += sign + readable(diff.text(l.content)) + "\n"
            }
        }
        return (out, hidden)
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
