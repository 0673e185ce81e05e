/// What the scanner says about a line of a diff: a rule that matched an added line, with the
/// text a finding would carry. Hints are suggestions; a reviewer turns them into findings.
public struct Hint: Sendable, Equatable {
    public enum Family: String, Sendable, CaseIterable, Codable {
        case leakage, reproducibility
        case unsafeDeserialization = "unsafe-deserialization"
        case evaluation, serving, monitoring, privacy, threshold, secrets

        /// The checklist section a hint of this family belongs to (the built-in checklist's ids).
        public var sectionID: String {
            switch self {
            case .leakage, .privacy: return "data-contract-and-leakage"
            case .reproducibility: return "training-reproducibility"
            case .unsafeDeserialization, .serving: return "serving-and-deployment"
            case .evaluation: return "evaluation-and-promotion"
            case .monitoring: return "monitoring-and-incident-response"
            case .threshold: return "metrics-thresholds-and-error-analysis"
            case .secrets: return "common-blockers"
            }
        }

        public var risk: RiskCategory {
            switch self {
            case .leakage, .privacy, .secrets: return .dataLeakage
            case .reproducibility: return .irreproducibleTraining
            case .evaluation, .threshold: return .weakEval
            case .unsafeDeserialization, .serving: return .unsafeServing
            case .monitoring: return .missingMonitoring
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
    public var issue: String
    public var fix: String
    /// `# mle-review: ignore[RULE] reason` on the line: kept, shown, not counted.
    public var waiver: String?
    /// For a notebook: the index of the cell the line is in, when the diff shows the notebook
    /// from its first line (a new notebook) so that the cells can be counted.
    public var cell: Int?

    public var location: Location { Location(path: path, side: .new, line: line) }

    /// What a dismissal is remembered by.
    public var key: String { "\(rule) \(path):\(line)" }

    /// The hint as a proposed finding, for a reviewer to accept or dismiss.
    public func finding(author: String? = nil) -> Finding {
        Finding(severity: severity, title: title, location: location, issue: issue, fix: fix,
                sectionID: family.sectionID, risk: family.risk, status: .proposed, author: author, origin: .hint(rule: rule))
    }
}
