/// SARIF 2.1.0 for code-scanning tools: one rule per checklist item (or risk category) a finding
/// is filed under, levels from severity, repository-relative URIs, and fingerprints that follow
/// the flagged line's text rather than its number, so a finding survives lines moving above it.
public enum SARIFExport {
    public static let fingerprintKey = "mleReviewLine/v1"

    public static func render(_ c: ExportContext) -> String {
        let findings = c.openFindings
        var ruleIDs: [String] = []
        var rules: [JSONValue] = []
        for f in findings {
            let id = ruleID(f)
            guard !ruleIDs.contains(id) else { continue }
            ruleIDs.append(id)
            let item = f.itemID.flatMap { c.checklist.item($0) }
            var rule: [(String, JSONValue)] = [("id", .string(id))]
            rule.append(("name", .string(item?.title ?? f.risk.rawValue)))
            rule.append(("shortDescription", .object([("text", .string(item?.title ?? "ML review risk: \(f.risk.rawValue)"))])))
            if let item { rule.append(("fullDescription", .object([("text", .string(item.text))]))) }
            rule.append(("properties", .object([("risk", .string(f.risk.rawValue))])))
            rules.append(.object(rule))
        }
        let results: [JSONValue] = findings.map { f in
            var message = f.title
            // A region's lines are the new file's (code scanning shows them on the head commit),
            // and a removed line has no number there: the result names the file, and the line
            // goes in words and in properties the import reads back.
            let oldSide = f.location.side == .old && f.location.line != nil
            if oldSide { message += "\n\nWhere: " + f.location.shown + ", a line this change removes." }
            // An outdated finding's line is an earlier diff's: on the head it marks unrelated code.
            if f.isOutdated { message += "\n\nWhere: " + f.location.shown + " (outdated: " + Finding.outdatedReason + ")." }
            if !f.issue.isEmpty { message += "\n\nIssue: " + f.issue }
            if !f.fix.isEmpty { message += "\nFix: " + f.fix }
            var region: [(String, JSONValue)] = []
            if let line = f.location.line, !oldSide, !f.isOutdated {
                region.append(("startLine", .int(line)))
                if let end = f.location.endLine { region.append(("endLine", .int(end))) }
            }
            var physical: [(String, JSONValue)] = [
                ("artifactLocation", .object([("uri", .string(uri(f.location.path))), ("uriBaseId", .string("%SRCROOT%"))])),
            ]
            if !region.isEmpty { physical.append(("region", .object(region))) }
            let lineText = c.lineText(f.location) ?? f.title
            let id = ruleID(f)
            return .object([
                ("ruleId", .string(id)),
                ("ruleIndex", .int(ruleIDs.firstIndex(of: id)!)),
                ("level", .string(level(f.severity))),
                ("message", .object([("text", .string(message))])),
                ("locations", .array([.object([("physicalLocation", .object(physical))])])),
                ("partialFingerprints", .object([(fingerprintKey, .string(fingerprint(rule: id, path: f.location.path, lineText: lineText)))])),
                ("properties", .object([
                    ("severity", .string(f.severity.rawValue)), ("risk", .string(f.risk.rawValue)),
                    ("findingId", .string(f.id)), ("origin", .string(f.origin.code)),
                    ("fix", .string(f.fix)), ("title", .string(f.title)),
                ] + (oldSide ? oldLines(f.location) : []) + (f.isOutdated ? [("outdated", .bool(true))] : []))),
            ])
        }
        var run: [(String, JSONValue)] = [
            ("tool", .object([("driver", .object([
                ("name", .string("mle-review")),
                ("version", .string(MLEReviewVersion.current)),
                ("rules", .array(rules)),
            ]))])),
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("description", .object([("text", .string("The repository root"))]))]))])),
            ("results", .array(results)),
        ]
        var props: [(String, JSONValue)] = [
            ("decision", .string(c.verdict.decision.rawValue)),
            ("primaryRisks", .array(c.verdict.primaryRisks.map { .string($0.rawValue) })),
            ("reviewId", .string(c.review.id)),
        ]
        if !c.verdict.guessedRisks.isEmpty { props.append(("guessedRisks", .array(c.verdict.guessedRisks.map { .string($0.rawValue) }))) }
        if let head = c.review.source.headCommit { props.append(("headCommit", .string(head))) }
        run.append(("properties", .object(props)))
        let doc: JSONValue = .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
        return doc.serialized(pretty: true) + "\n"
    }

    /// `side`, `oldStartLine` and `oldEndLine`: where a finding on a removed line is.
    static func oldLines(_ l: Location) -> [(String, JSONValue)] {
        var props: [(String, JSONValue)] = [("side", .string("old"))]
        if let line = l.line { props.append(("oldStartLine", .int(line))) }
        if let end = l.endLine { props.append(("oldEndLine", .int(end))) }
        return props
    }

    static func ruleID(_ f: Finding) -> String {
        if case .hint(let rule) = f.origin { return "mle/hint/" + rule }
        if let item = f.itemID { return "mle/" + item }
        return "mle/risk/" + f.risk.rawValue.replacing(" ", with: "-")
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low: return "note"
        }
    }

    /// Rule, path and the flagged line's text with its surrounding whitespace ignored.
    public static func fingerprint(rule: String, path: String, lineText: String) -> String {
        Hashing.sha256Hex(Array((rule + "\u{0}" + path + "\u{0}" + lineText.trimmingSpaces()).utf8))
    }

    /// A repository-relative URI reference: every byte outside the unreserved set and `/` is
    /// percent-encoded, so spaces, `#`, `?` and non-ASCII names stay one path.
    static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + SafeText.hex2(b).uppercased()
            }
        }
        return out
    }
}

public enum MLEReviewVersion {
    public static let current = "0.1.0"
}
