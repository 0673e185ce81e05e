/// What the scanner says about a line of a diff: a rule that matched an added line, with the
/// text a finding would carry. Hints are suggestions; a reviewer turns them into findings.
public struct Hint: Sendable, Equatable {
    public enum Family: String, Sendable, CaseIterable, Codable {
        case leakage, reproducibility
        case unsafeDeserialization = "unsafe-deserialization"
        case evaluation, serving, monitoring, privacy, threshold, secrets
        case hiddenText = "hidden-text"

        /// The checklist section a hint of this family belongs to (the built-in checklist's ids).
        public var sectionID: String {
            switch self {
            case .leakage, .privacy: return "data-contract-and-leakage"
            case .reproducibility: return "training-reproducibility"
            case .unsafeDeserialization, .serving: return "serving-and-deployment"
            case .evaluation: return "evaluation-and-promotion"
            case .monitoring: return "monitoring-and-incident-response"
            case .threshold: return "metrics-thresholds-and-error-analysis"
            case .secrets, .hiddenText: return "common-blockers"
            }
        }

        public var risk: RiskCategory {
            switch self {
            case .leakage, .privacy, .secrets: return .dataLeakage
            case .reproducibility: return .irreproducibleTraining
            case .evaluation, .threshold: return .weakEval
            case .unsafeDeserialization, .serving: return .unsafeServing
            case .monitoring: return .missingMonitoring
            case .hiddenText: return .other
            }
        }
    }

    public var rule: String
    public var family: Family
    public var severity: Severity
    public var path: String
    /// New-side line number in the file (for a notebook: the line of the raw .ipynb file).
    public var line: Int
    public var title: String
    /// The rule's sentence (shared by all its hints) and what this hint found, kept apart so a
    /// diff with hundreds of thousands of hints holds one copy of each sentence.
    public var ruleIssue: String
    public var evidence: String
    public var issue: String { evidence.isEmpty ? ruleIssue : ruleIssue + " " + evidence }
    public var fix: String
    /// `# mle-review: ignore[RULE] reason` on the line: kept, shown, not counted.
    public var waiver: String?
    /// For a notebook: the index of the cell the line is in, when the diff shows the notebook
    /// from its first line (a new notebook) so that the cells can be counted.
    public var cell: Int?

    public init(rule: String, family: Family, severity: Severity, path: String, line: Int, title: String, issue: String, evidence: String = "",
                fix: String, waiver: String?, cell: Int?) {
        self.rule = rule
        self.family = family
        self.severity = severity
        self.path = path
        self.line = line
        self.title = title
        self.ruleIssue = issue
        self.evidence = evidence
        self.fix = fix
        self.waiver = waiver
        self.cell = cell
    }

    public var location: Location { Location(path: path, side: .new, line: line) }

    /// Hints nobody has judged yet: not waived in the code, not dismissed, not taken as a finding.
    public static func unjudged(_ hints: [Hint], findings: [Finding], dismissed: Set<String>) -> [Hint] {
        let taken = Set(findings.compactMap { f -> String? in
            if case .hint(let rule) = f.origin { return key(rule: rule, path: f.location.path, line: f.location.line ?? 0) }
            return nil
        })
        return hints.filter { $0.waiver == nil && !dismissed.contains($0.key) && !taken.contains($0.key) }
    }

    /// What a dismissal is remembered by.
    public var key: String { Self.key(rule: rule, path: path, line: line) }

    /// `RULE path:line`: a hint's key, also made for a finding taken from one and for a dismissal
    /// carried to where its line moved.
    public static func key(rule: some StringProtocol, path: String, line: Int) -> String { "\(rule) \(path):\(line)" }

    /// A key's rule, path and line; nil for one not in that form.
    public static func keyParts(_ key: String) -> (rule: String, path: String, line: Int)? {
        guard let space = key.firstIndex(of: " "), let colon = key.lastIndex(of: ":"), colon > space,
              let line = Int(key[key.index(after: colon)...]) else { return nil }
        return (String(key[..<space]), String(key[key.index(after: space)..<colon]), line)
    }

    /// The hint as a proposed finding, for a reviewer to accept or dismiss.
    public func finding(author: String? = nil) -> Finding {
        Finding(severity: severity, title: title, location: location, issue: issue, fix: fix,
                sectionID: family.sectionID, risk: family.risk, status: .proposed, author: author, origin: .hint(rule: rule))
    }
}
