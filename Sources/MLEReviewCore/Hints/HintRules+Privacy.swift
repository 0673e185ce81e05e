import Foundation

// MARK: privacy

extension HintRules {
    /// Fields that identify a person, as column or attribute names (whole words only:
    /// `email_opens_7d` is a count, not an email).
    static let personalFields = ["email", "email_address", "phone", "phone_number", "mobile", "mobile_number", "ssn", "social_security_number",
                                 "date_of_birth", "birth_date", "dob", "home_address", "street_address", "address_line1", "first_name", "last_name",
                                 "full_name", "passport", "passport_number", "credit_card", "card_number", "ip_address", "national_id", "tax_id"]
    /// Protected attributes: a model that decides on them needs a stated, reviewed reason.
    static let protectedFields = ["gender", "sex", "race", "ethnicity", "religion", "nationality", "sexual_orientation", "disability"]

    static let allFields = personalFields + protectedFields
    /// Each field with its quoted forms, made once (every statement that names one is asked about all).
    static let quotedFields = allFields.map { ($0, "\"\($0)\"", "'\($0)'") }

    /// The arguments of a logging call (`logger.info(…)`, `log.warning(…)`, `print(…)`), or nil.
    static func loggedArguments(_ s: Statement) -> String? {
        for call in [".info", ".debug", ".warning", ".warn", ".error", ".exception", ".critical", ".log"] {
            guard let args = s.argumentsOf(call) else { continue }
            let receiver = s.receiver(of: call)
            if receiver.lowercased().contains("log") { return args }
        }
        return s.argumentsOf("print")
    }

    /// The lower-case identifier words of a line (for SQL and configuration).
    static func identifiers(_ text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") }
    }

    static let privacy: [HintRule] = [
        HintRule(id: "PRIV-001", family: .privacy, severity: .high, title: "Personal or protected data used, stored or logged",
                 issue: "A field that identifies a person (or a protected attribute) is used as a model input, stored with predictions, exported or written to logs.",
                 fix: "Drop it from features and records (or justify and protect it), pseudonymise ids with a salted hash, and log an opaque id instead of the value.",
                 triggers: ["email", "phone", "mobile", "ssn", "social_security", "birth", "dob", "address", "_name", "passport", "card", "national_id", "tax_id",
                            "gender", "sex", "race", "ethnicity", "religion", "nationality", "orientation", "disability"],
                 files: [.python, .sql, .config]) { s, f in
            let fields = allFields
            let hashes = ["sha2(", "sha256", "md5(", "hash(", "hashlib", "pseudonym", "anonymi", "mask"].contains(where: s.mentions)
            if f.lowerPath.hasSuffix(".sql") {
                var code = s.lower.trimmingSpaces()
                guard !["join", "on ", "where", "and ", "or ", "group", "order", "from", "partition", "--", "having"].contains(where: code.hasPrefix), !hashes else { return nil }
                // What a line selects, not what it filters or joins on.
                for clause in [" from ", " where ", " join ", " on ", " group by ", " order by ", " having "] {
                    if let r = code.range(of: clause) { code = String(code[..<r.lowerBound]) }
                }
                let words = identifiers(code)
                guard let field = fields.first(where: { words.contains(Substring($0)) }) else { return nil }
                return "Evidence: line \(s.lines.lowerBound) selects \(field)."
            }
            if !f.isPython {
                // A list item in a configuration file: `- ip_address`, `"ip_address",`.
                let item = s.lower.trimmingSpaces().trimming(ascii: "- \"',")
                guard let field = fields.first(where: { $0 == item }) else { return nil }
                return "Evidence: \(f.path) lists \(field) on line \(s.lines.lowerBound)."
            }
            if let args = loggedArguments(s) {
                let words = identifiers(args)
                if let field = personalFields.first(where: { words.contains(Substring($0)) }) {
                    return "Evidence: the log call on line \(s.lines.lowerBound) writes \(field)."
                }
            }
            guard !hashes, !s.has(".drop("), !s.has("del "), !s.has(".pop("), !s.has("to_datetime(") else { return nil }
            // A list of personal columns kept to drop or mask them (`PII_COLUMNS = [...]`).
            if let (targets, _) = s.assignment, let name = targets.first {
                let words = PythonCode.words(name)
                if ["pii", "personal", "sensitive", "drop", "exclude", "excluded", "redact", "private", "identifying", "mask"].contains(where: { words.contains(Substring($0)) }) { return nil }
                // The file says `.drop(` somewhere before a statement of it can.
                if f.mentions(".drop("), f.statements.contains(where: { $0.has(".drop(") && $0.has(name) }) { return nil }
            }
            for (field, double, single) in quotedFields where s.mentions(double) || s.mentions(single) {
                // In a list of columns or a record: `["age", "email"]`, `{"email": user.email}`.
                let inList = s.has("[") && (s.has("\"\(field)\",") || s.has("'\(field)',") || s.has(", \"\(field)\"") || s.has(", '\(field)'"))
                let asKey = s.has("\"\(field)\":") || s.has("'\(field)':")
                guard inList || asKey else { continue }
                let line = s.line(containing: "\"\(field)\"", in: f) ?? s.line(containing: "'\(field)'", in: f) ?? s.lines.lowerBound
                return Found("Evidence: line \(line) puts \(field) in \(asKey ? "a stored record" : "a list of columns").", line: line)
            }
            return nil
        },
        HintRule(id: "PRIV-002", family: .privacy, severity: .medium, title: "Whole request payload logged",
                 issue: "A request's whole body is written to logs; it carries whatever personal data the client sent.",
                 fix: "Log an opaque request id and the fields needed to debug, never the whole payload.",
                 triggers: ["log", "print("], files: .python) { s, _ in
            guard let args = loggedArguments(s) else { return nil }
            let whole = [".model_dump(", ".dict()", "request.json", "get_json(", "request.form", "request.data", "request.get_data(", "request.body", "await request.json("]
            if let w = whole.first(where: args.contains) { return "Evidence: the log call on line \(s.lines.lowerBound) writes \(w.trimmingCharacters(in: [".", "("]))." }
            return nil
        },
    ]
}
