import Foundation

// MARK: privacy

extension HintRules {

    static let personal = ["email", "phone", "ssn", "social_security", "date_of_birth", "birth_date", "dob", "home_address", "street_address",
                           "first_name", "last_name", "full_name", "passport", "credit_card", "card_number", "ip_address"]

    static let privacy: [HintRule] = [
        HintRule(id: "PRIV-001", family: .privacy, severity: .high, title: "Personal data used as a feature or logged",
                 issue: "A personal-data field is used as a model input or written to logs.",
                 fix: "Drop it from features (or justify and protect it), and log an opaque id instead of the value.",
                 triggers: ["email", "phone", "ssn", "social_security", "birth", "dob", "address", "_name", "passport", "card"], files: [.python, .sql, .config]) { s, f in
            let l = s.lower
            let sql = f.lowerPath.hasSuffix(".sql")
            guard let field = personal.first(where: { p in
                s.mentions("\"\(p)\"") || s.mentions("'\(p)'") || (sql && s.mentions(p))
            }) else { return nil }
            let logs = ["log.", "logger.", "logging.", "print("].contains(where: l.contains)
            let feature = ["feature", "columns", "cols", "x = df[", "x=df[", "select ", "inputs"].contains(where: l.contains)
                || f.mentions("features = [") && s.text.trimmingSpaces().hasPrefix("\"")
            return logs || feature ? "(\(field))" : nil
        },
    ]
}
