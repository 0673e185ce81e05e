import Foundation

// MARK: secrets

extension HintRules {

    static func looksFake(_ value: String) -> Bool {
        let v = value.lowercased()
        return ["example", "dummy", "fake", "test", "placeholder", "changeme", "xxx", "your", "${", "<", "{{", "***", "redacted", "os.environ", "getenv"].contains(where: v.contains)
    }

    /// Shows enough of a secret to find it, never the whole of it.
    static func mask(_ value: String) -> String { String(value.prefix(4)) + "…(\(value.count) characters)" }

    /// Whether a value looks like a generated credential rather than a word or a name: long enough,
    /// letters and digits mixed, not a path or a URL.
    static func looksRandom(_ v: String) -> Bool {
        // Base64 secrets hold / and +; a path starts with one or has dots and slashes.
        guard v.count >= 16, !v.hasPrefix("/"), !v.contains("://"), !v.contains(" "), !v.contains("."), v.filter({ $0 == "/" }).count <= 3 else { return false }
        let digits = v.filter(\.isNumber).count, letters = v.filter(\.isLetter).count
        return digits >= 2 && letters >= 2
    }

    /// Key names that hold credentials.
    static let credentialKey = #"(?i)(api[_-]?key|apikey|secret|token|password|passwd|pwd|_pass\b|access[_-]?key|private[_-]?key(_id)?|client[_-]?secret|credential|auth[_-]?key|account[_-]?key|^key|["']key)"#

    /// Known token shapes, each tried only where its (lower-case) prefix is present.
    static let tokenShapes: [(String, CompiledPattern)] = [
        ("akia", CompiledPattern(#"AKIA[0-9A-Z]{16}"#)),
        ("ghp_", CompiledPattern(#"ghp_[A-Za-z0-9]{30,}"#)),
        ("sk-", CompiledPattern(#"sk-[A-Za-z0-9_-]{20,}"#)),
        ("xox", CompiledPattern(#"xox[bpa]-[A-Za-z0-9-]{10,}"#)),
        ("hf_", CompiledPattern(#"hf_[A-Za-z0-9]{30,}"#)),
        ("hooks.slack.com", CompiledPattern(#"hooks\.slack\.com/services/[A-Za-z0-9/]{20,}"#)),
        ("discord.com/api/webhooks", CompiledPattern(#"discord\.com/api/webhooks/[0-9]+/[A-Za-z0-9_-]{20,}"#)),
        ("accountkey=", CompiledPattern(#"AccountKey=[A-Za-z0-9+/=]{20,}"#)),
        ("aiza", CompiledPattern(#"AIza[0-9A-Za-z_-]{35}"#)),
        ("_live_", CompiledPattern(#"(sk|rk)_live_[0-9A-Za-z]{20,}"#)),
        ("eyj", CompiledPattern(#"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"#)),
        ("asia", CompiledPattern(#"ASIA[0-9A-Z]{16}"#)),
        ("sg.", CompiledPattern(#"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}"#)),
        ("ya29.", CompiledPattern(#"ya29\.[0-9A-Za-z_-]{20,}"#)),
        ("glpat-", CompiledPattern(#"glpat-[0-9A-Za-z_-]{20}"#)),
        ("npm_", CompiledPattern(#"npm_[A-Za-z0-9]{36}"#)),
        ("sharedaccesssignature=", CompiledPattern(#"SharedAccessSignature=[^;"']{20,}"#)),
    ]
    static let uriCredentials = CompiledPattern(#"[a-z]+://[^/\s:@"']+:([^@\s"'/]{4,})@"#)
    /// `name = "value"`, `"name": "value"`, `NAME=value` (.env), `name: value` (YAML).
    static let credentialAssignment = CompiledPattern(credentialKey + #"[A-Za-z0-9_-]*["']?\s*[:=]\s*["']?([^"'\s,;}]{8,})"#)

    static let secrets: [HintRule] = [
        HintRule(id: "SECRET-001", family: .secrets, severity: .critical, title: "Secret or credential in the change",
                 issue: "An API key, token, private key, password or webhook URL is committed.",
                 fix: "Remove it, rotate it now (it is in the history), and read it from the environment or a secret manager.",
                 triggers: ["akia", "ghp_", "sk-", "xox", "hf_", "begin", "://", "key", "secret", "token", "password", "passwd", "pwd", "credential", "hooks.",
                            "aiza", "_live_", "glpat-", "npm_", "auth=(", "eyj", "asia", "sg.", "ya29.", "_pass"], files: .any) { s, _ in
            let t = s.text
            // Basic auth as a tuple: `auth=("user", "password")`.
            if let args = s.argumentsOf("auth=") ?? (s.has("auth=(") ? s.text.components(separatedBy: "auth=(")[1] : nil) {
                let parts = PythonCode.parts(String(args.prefix { $0 != ")" }))
                if parts.count == 2, parts.allSatisfy({ $0.hasPrefix("\"") || $0.hasPrefix("'") }) {
                    let password = parts[1].trimmingCharacters(in: ["\"", "'"])
                    if password.count >= 8, !looksFake(password) { return "Evidence: a password on line \(s.lines.lowerBound): \(mask(password))." }
                }
            }
            if s.mentions("-----begin") && s.mentions("private key") { return "Evidence: a private key block on line \(s.lines.lowerBound)." }
            // Known token shapes, each only where its prefix is present.
            for (prefix, pattern) in tokenShapes where s.mentions(prefix) {
                if let r = pattern.firstRange(in: t), !looksFake(String(t[r])) { return "Evidence: \(mask(String(t[r]))) on line \(s.lines.lowerBound)." }
            }
            if s.mentions("@"), s.mentions("://"), let r = uriCredentials.firstRange(in: t) {
                let url = String(t[r])
                if !looksFake(url) { return "Evidence: credentials in a URI on line \(s.lines.lowerBound): \(mask(url))." }
            }
            guard s.mentions("=") || s.mentions(":") else { return nil }
            guard ["key", "secret", "token", "passw", "pwd", "credential", "_pass"].contains(where: s.mentions) else { return nil }
            // `name = "value"`, `"name": "value"`, `NAME=value` (.env), `name: value` (YAML).
            guard mayAssignCredential(s) else { return nil }
            var from = t.startIndex
            while let r = credentialAssignment.firstRange(in: t, from: from) {
                from = r.upperBound
                if let masked = credential(String(t[r])) { return "Evidence: \(masked) on line \(s.lines.lowerBound)." }
            }
            return nil
        },
    ]

    /// A necessary condition for the credential assignment pattern, on bytes: a key word, the rest
    /// of the name, maybe a quote, `:` or `=`, maybe a quote, then 8 value bytes. Every key of
    /// `credentialKey` ends in one of these words, and each step of the pattern after it can
    /// match one way only, so a statement failing this cannot match; ICU was a fifth of `scan`
    /// running the pattern on every statement that says `token` or `key`. Text with non-ASCII
    /// bytes goes to the pattern as it is (Unicode spaces and case folding).
    static func mayAssignCredential(_ s: Statement) -> Bool {
        guard s.present.isASCII else { return true }
        let b = s.lowerBytes, n = b.count
        @inline(__always) func space(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
        @inline(__always) func nameByte(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95 || c == 45 }
        for word in credentialWords {
            var from = 0
            while let at = Bytes.index(of: word, in: b, from: from) {
                from = at + 1
                var i = at + word.count
                while i < n, nameByte(b[i]) { i += 1 }
                if i < n, b[i] == 34 || b[i] == 39 { i += 1 }
                while i < n, space(b[i]) { i += 1 }
                guard i < n, b[i] == 58 || b[i] == 61 else { continue }
                i += 1
                while i < n, space(b[i]) { i += 1 }
                if i < n, b[i] == 34 || b[i] == 39 { i += 1 }
                var run = 0
                // A vertical tab counts as a value byte: whether ICU's \s takes it or not, the
                // condition then stays necessary.
                while i < n, !(b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 12 || b[i] == 13 || b[i] == 34 || b[i] == 39 || b[i] == 44 || b[i] == 59 || b[i] == 125) { run += 1; i += 1 }
                if run >= 8 { return true }
            }
        }
        return false
    }
    private static let credentialWords: [[UInt8]] = ["key", "secret", "token", "passw", "pwd", "_pass", "credential"].map { Array($0.utf8) }

    /// The masked value of `name = value` when it looks like a real credential.
    static func credential(_ found: String) -> String? {
        let value = found.split(whereSeparator: { $0 == "\"" || $0 == "'" || $0 == "=" || $0 == ":" || $0 == " " }).last.map(String.init) ?? found
        guard !looksFake(found), !value.hasPrefix("$"), !value.contains("("), !value.contains("["), value.lowercased() != "none", value.lowercased() != "null" else { return nil }
        let name = found.prefix { $0 != "=" && $0 != ":" }.lowercased()
        // A bare "key" or a token name needs a value that looks generated; a password any value
        // but a plain lower-case word, which names a field (`password_field = "password"`).
        let isPassword = (name.contains("passw") || name.contains("pwd") || name.hasSuffix("_pass")) && !value.allSatisfy { $0.isLowercase || $0 == "_" }
        guard isPassword || looksRandom(value) else { return nil }
        return mask(value)
    }
}
