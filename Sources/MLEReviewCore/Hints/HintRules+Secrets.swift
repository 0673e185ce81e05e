import Foundation

// MARK: secrets

extension HintRules {

    static func looksFake(_ value: String) -> Bool {
        let v = value.lowercased()
        return ["example", "dummy", "fake", "test", "placeholder", "changeme", "xxx", "your", "${", "<", "{{", "***", "redacted", "os.environ", "getenv"].contains(where: v.contains)
    }

    /// Shows enough of a secret to find it, never the whole of it.
    static func mask(_ value: String) -> String { String(value.prefix(4)) + "…(\(value.count) characters)" }

    static let secrets: [HintRule] = [
        HintRule(id: "SECRET-001", family: .secrets, severity: .critical, title: "Secret or credential in the change",
                 issue: "An API key, token, private key or password is committed.",
                 fix: "Remove it, rotate it now (it is in the history), and read it from the environment or a secret manager.",
                 triggers: ["akia", "ghp_", "sk-", "xox", "hf_", "begin", "://", "key", "secret", "token", "password", "passwd"], files: .any) { s, _ in
            let t = s.text
            if s.mentions("-----begin") && s.mentions("private key") { return "(a private key)" }
            // Known token shapes, each only where its prefix is present.
            for (prefix, pattern) in [("akia", #"AKIA[0-9A-Z]{16}"#), ("ghp_", #"ghp_[A-Za-z0-9]{36}"#), ("sk-", #"sk-[A-Za-z0-9_-]{20,}"#),
                                      ("xox", #"xox[bpa]-[A-Za-z0-9-]{10,}"#), ("hf_", #"hf_[A-Za-z0-9]{30,}"#)] where s.mentions(prefix) {
                if let r = t.range(of: pattern, options: .regularExpression), !looksFake(String(t[r])) { return "(\(mask(String(t[r]))))" }
            }
            guard s.mentions("\"") || s.mentions("'") || s.mentions("://") else { return nil }
            if s.mentions("@"), s.mentions("://"), let r = t.range(of: #"[a-z]+://[^/\s:@"']+:([^@\s"'/]{4,})@"#, options: .regularExpression) {
                let url = String(t[r])
                if !looksFake(url) { return "(credentials in a URI: \(mask(url)))" }
            }
            let assignment = #"(?i)(api[_-]?key|apikey|secret|token|password|passwd|access[_-]?key)["']?\s*[:=]\s*["']([^"'\s]{8,})["']"#
            guard s.mentions("=") || s.mentions(":") else { return nil }
            if ["key", "secret", "token", "passw"].contains(where: s.mentions), let r = t.range(of: assignment, options: .regularExpression) {
                let found = String(t[r])
                let value = found.split(whereSeparator: { $0 == "\"" || $0 == "'" }).last.map(String.init) ?? found
                if !looksFake(found) { return "(\(mask(value)))" }
            }
            return nil
        },
    ]
}
