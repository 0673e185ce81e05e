/// The printed forms of `mle-review scan`.
public enum HintReport {
    public static func text(_ hints: [Hint]) -> String {
        guard !hints.isEmpty else { return "no hints\n" }
        var out = ""
        for h in hints.sorted(by: order) {
            out += "[\(h.severity.rawValue)] \(h.rule) \(SafeText.escaped(h.path)):\(h.line)" + (h.cell.map { " (cell \($0))" } ?? "") + "  \(h.title)"
            out += h.waiver.map { "  (waived: \(SafeText.escaped($0)))\n" } ?? "\n"
            out += "  Issue: \(SafeText.escaped(h.issue))\n  Fix: \(SafeText.escaped(h.fix))\n"
        }
        let open = hints.filter { $0.waiver == nil }
        out += "\(open.count) hint(s)" + (open.count < hints.count ? ", \(hints.count - open.count) waived" : "") + "\n"
        return out
    }

    public static func json(_ hints: [Hint]) -> String {
        JSONValue.object([("hints", .array(hints.sorted(by: order).map { h in
            var o: [(String, JSONValue)] = [
                ("rule", .string(h.rule)), ("family", .string(h.family.rawValue)), ("severity", .string(h.severity.rawValue)),
                ("path", .string(h.path)), ("line", .int(h.line)), ("title", .string(h.title)),
                ("issue", .string(h.issue)), ("fix", .string(h.fix)),
            ]
            if let c = h.cell { o.append(("cell", .int(c))) }
            if let w = h.waiver { o.append(("waived", .string(w))) }
            return .object(o)
        }))]).serialized(pretty: true) + "\n"
    }

    /// SARIF through the review export, so hints and findings share one format and rule ids.
    public static func sarif(_ hints: [Hint], diff: ParsedDiff) -> String {
        let checklist = ChecklistLoader.builtIn
        var review = Review(source: ReviewSource(kind: .patch, diffSHA256: Hashing.sha256Hex(diff.bytes)), checklist: ChecklistRef(checklist))
        review.findings = hints.filter { $0.waiver == nil }.map { var f = $0.finding(); f.status = .open; return f }
        return SARIFExport.render(ExportContext(review: review, checklist: checklist, diff: diff))
    }

    static func order(_ a: Hint, _ b: Hint) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.path != b.path { return a.path < b.path }
        return a.line < b.line
    }
}
