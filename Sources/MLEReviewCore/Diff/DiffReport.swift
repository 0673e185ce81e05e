/// The two printed forms of a parsed diff: the `parse --json` document and the human summary.
extension ParsedDiff {
    public func jsonValue() -> JSONValue {
        .object([
            ("files", .array(files.map { fileJSON($0) })),
            ("warnings", .array(warnings.map { .object([("line", .int($0.line)), ("message", .string($0.message))]) })),
        ])
    }

    /// The same document as `jsonValue().serialized(pretty: true)`, written piece by piece to
    /// `write` (a hunk at a time), so a diff of a million hunks never exists as one string.
    public func writeJSON(_ write: (String) -> Void) {
        write("{\n  \"files\": ")
        if files.isEmpty { write("[]") } else {
            write("[")
            for (n, f) in files.enumerated() {
                write(n > 0 ? ",\n    {" : "\n    {")
                guard case .object(let members) = fileJSON(f, hunks: false) else { continue }
                for (key, value) in members {
                    write("\n      " + JSONValue.string(key).serialized() + ": " + value.serialized(pretty: true, indent: 6) + ",")
                }
                write("\n      \"hunks\": ")
                if f.hunks.isEmpty { write("[]") } else {
                    write("[")
                    for (i, h) in f.hunks.enumerated() {
                        write((i > 0 ? ",\n        " : "\n        ") + hunkJSON(h).serialized(pretty: true, indent: 8))
                    }
                    write("\n      ]")
                }
                write("\n    }")
            }
            write("\n  ]")
        }
        let w = JSONValue.array(warnings.map { .object([("line", .int($0.line)), ("message", .string($0.message))]) })
        write(",\n  \"warnings\": " + w.serialized(pretty: true, indent: 2) + "\n}")
    }

    private func hunkJSON(_ h: Hunk) -> JSONValue {
        .object([
            ("old_start", .int(h.oldStart)), ("old_lines", .int(h.oldCount)),
            ("new_start", .int(h.newStart)), ("new_lines", .int(h.newCount)),
            ("additions", .int(h.additions)), ("deletions", .int(h.deletions)),
            ("section", .string(section(of: h))),
            ("truncated", .bool(h.isTruncated)),
        ])
    }

    private func fileJSON(_ f: DiffFile, hunks: Bool = true) -> JSONValue {
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
        ] + (hunks ? [("hunks", .array(f.hunks.map(hunkJSON)))] : []))
    }

    /// One line per file like `git diff --stat`, then a total and the warnings. Paths are
    /// escaped: this goes to a terminal.
    public func summary() -> String {
        var out = ""
        summary { out += $0 }
        return out
    }

    /// The summary a file at a time, so a diff of many files never exists as one string.
    public func summary(_ write: (String) -> Void) {
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
            write("\(f.status.rawValue.padding(12)) \(counts.padding(14)) \(path)"
                + (notes.isEmpty ? "\n" : "  (\(notes.joined(separator: ", ")))\n"))
        }
        let fileWord = files.count == 1 ? "file" : "files"
        let hunkWord = hunkCount == 1 ? "hunk" : "hunks"
        write("\(files.count) \(fileWord), \(hunkCount) \(hunkWord), +\(additions) -\(deletions)\n")
        for w in warnings { write("warning: line \(w.line): \(SafeText.escaped(w.message))\n") }
    }
}

extension String {
    /// Padded with spaces on the right to `width` characters.
    public func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
