/// The two printed forms of a parsed diff: the `parse --json` document and the human summary.
extension ParsedDiff {
    public func jsonValue() -> JSONValue {
        .object([
            ("files", .array(files.map(fileJSON))),
            ("warnings", .array(warnings.map { .object([("line", .int($0.line)), ("message", .string($0.message))]) })),
        ])
    }

    private func fileJSON(_ f: DiffFile) -> JSONValue {
        .object([
            ("old_path", .optional(f.oldPath)),
            ("new_path", .optional(f.newPath)),
            ("status", .string(f.status.rawValue)),
            ("binary", .bool(f.isBinary)),
            ("combined", .bool(f.isCombined)),
            ("similarity", .optional(f.similarity)),
            ("old_mode", .optional(f.oldMode)),
            ("new_mode", .optional(f.newMode)),
            ("additions", .int(f.additions)),
            ("deletions", .int(f.deletions)),
            ("hunks", .array(f.hunks.map { h in
                .object([
                    ("old_start", .int(h.oldStart)), ("old_lines", .int(h.oldCount)),
                    ("new_start", .int(h.newStart)), ("new_lines", .int(h.newCount)),
                    ("additions", .int(h.additions)), ("deletions", .int(h.deletions)),
                    ("section", .string(section(of: h))),
                    ("truncated", .bool(h.isTruncated)),
                ])
            })),
        ])
    }

    /// One line per file like `git diff --stat`, then a total and the warnings. Paths are
    /// escaped: this goes to a terminal.
    public func summary() -> String {
        var out = ""
        for f in files {
            let path: String
            switch f.status {
            case .renamed, .copied: path = "\(SafeText.escaped(f.oldPath ?? "")) -> \(SafeText.escaped(f.newPath ?? ""))"
            default: path = SafeText.escaped(f.path)
            }
            var notes: [String] = []
            if f.isBinary { notes.append("binary") }
            if f.isCombined { notes.append("combined, not parsed") }
            if let s = f.similarity, f.status == .renamed || f.status == .copied { notes.append("\(s)%") }
            if f.status == .modeChange, let o = f.oldMode, let n = f.newMode { notes.append("\(o) -> \(n)") }
            let counts = "+\(f.additions) -\(f.deletions)"
            out += "\(f.status.rawValue.padding(12)) \(counts.padding(14)) \(path)"
            out += notes.isEmpty ? "\n" : "  (\(notes.joined(separator: ", ")))\n"
        }
        let fileWord = files.count == 1 ? "file" : "files"
        let hunkWord = hunkCount == 1 ? "hunk" : "hunks"
        out += "\(files.count) \(fileWord), \(hunkCount) \(hunkWord), +\(additions) -\(deletions)\n"
        for w in warnings { out += "warning: line \(w.line): \(SafeText.escaped(w.message))\n" }
        return out
    }
}

extension String {
    /// Padded with spaces on the right to `width` characters.
    public func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
