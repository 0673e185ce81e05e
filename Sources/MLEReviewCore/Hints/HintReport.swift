/// The printed forms of `mle-review scan`.
public enum HintReport {
    public static func text(_ hints: [Hint]) -> String {
        var out = ""
        text(hints) { out += $0 }
        return out
    }

    /// The text a piece at a time, so printing many hints does not hold their text twice.
    public static func text(_ hints: [Hint], write: (String) -> Void) {
        guard !hints.isEmpty else { return write("no hints\n") }
        for h in hints.sorted(by: order) {
            var out = "[\(h.severity.rawValue)] \(h.rule) \(SafeText.escaped(h.path)):\(h.line)" + (h.cell.map { " (cell \($0))" } ?? "") + "  \(h.title)"
            out += h.waiver.map { "  (waived: \(SafeText.escaped($0)))\n" } ?? "\n"
            out += "  Issue: \(SafeText.escaped(h.issue))\n  Fix: \(SafeText.escaped(h.fix))\n"
            write(out)
        }
        let open = hints.filter { $0.waiver == nil }.count
        write("\(open) hint(s)" + (open < hints.count ? ", \(hints.count - open) waived" : "") + "\n")
    }

    /// The JSON form a hint at a time; the same text as `json`.
    public static func json(_ hints: [Hint], write: (String) -> Void) {
        guard !hints.isEmpty else { return write(json([])) }
        write("{\n  \"hints\": [\n")
        for (k, h) in hints.sorted(by: order).enumerated() {
            let object = object(h).serialized(pretty: true).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            write(object + (k == hints.count - 1 ? "\n" : ",\n"))
        }
        write("  ]\n}\n")
    }

    static func object(_ h: Hint) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("rule", .string(h.rule)), ("family", .string(h.family.rawValue)), ("severity", .string(h.severity.rawValue)),
            ("path", .string(h.path)), ("line", .int(h.line)), ("title", .string(h.title)),
            ("issue", .string(h.issue)), ("fix", .string(h.fix)),
        ]
        if let c = h.cell { o.append(("cell", .int(c))) }
        if let w = h.waiver { o.append(("waived", .string(w))) }
        return .object(o)
    }

    public static func json(_ hints: [Hint]) -> String {
        JSONValue.object([("hints", .array(hints.sorted(by: order).map(object)))]).serialized(pretty: true) + "\n"
    }

    /// SARIF through the review export, so hints and findings share one format and rule ids.
    public static func sarif(_ hints: [Hint], diff: ParsedDiff) -> String {
        let checklist = ChecklistLoader.builtIn
        var review = Review(source: ReviewSource(kind: .patch, diffSHA256: Hashing.sha256Hex(diff.bytes)), checklist: ChecklistRef(checklist))
        review.findings = hints.filter { $0.waiver == nil }.map { var f = $0.finding(); f.status = .open; return f }
        return SARIFExport.render(ExportContext(review: review, checklist: checklist, diff: diff))
    }

    /// Worst first, then by file and line: the order findings are listed in.
    public static func order(_ a: Hint, _ b: Hint) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.path != b.path { return a.path < b.path }
        return a.line < b.line
    }
}
