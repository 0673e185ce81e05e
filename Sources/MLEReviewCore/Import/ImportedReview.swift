/// What an import file brings: findings (arriving as proposals unless accepted), tests run, and
/// the file's own decision and risks, which are shown but never replace the computed verdict.
public struct ImportedReview: Sendable {
    public var findings: [Finding] = []
    public var testsRun: [TestRun] = []
    public var decision: Decision?
    public var primaryRisks: [String] = []
    /// A whole review document, for the JSON format.
    public var review: Review?
}

public enum ImportFormat: String, Sendable, CaseIterable {
    case text, json, sarif

    /// By content: a JSON object with `runs` is SARIF, one with `schema` a review document.
    public static func detect(_ bytes: [UInt8]) -> ImportFormat {
        guard let first = bytes.first(where: { ![9, 10, 13, 32].contains($0) }), first == UInt8(ascii: "{") else { return .text }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if head.contains("\"runs\"") || head.contains("sarif") { return .sarif }
        return .json
    }

    public func parse(_ bytes: [UInt8], name: String) throws(InputError) -> ImportedReview {
        switch self {
        case .text:
            guard let text = String(validating: bytes, as: UTF8.self) else { throw InputError("\(name): not valid UTF-8 text") }
            return try TextImport.parse(text, name: name)
        case .sarif:
            return try SARIFImport.parse(bytes, name: name)
        case .json:
            var result = ImportedReview()
            let review = try ReviewDocument.parse(bytes, name: name)
            result.review = review
            result.findings = review.findings
            result.testsRun = review.testsRun
            return result
        }
    }
}

/// Guesses a risk category from a finding's words, for findings that come without one.
public enum RiskGuess {
    /// A key of letters alone starts a word ("leak": leaks, leakage); "=log" is that word only
    /// (not logistic, catalog or login); a key with spaces or punctuation is found anywhere.
    static let table: [(RiskCategory, [String])] = [
        (.dataLeakage, ["leak", "before the split", "future", "point-in-time", "pii", "secret", "credential", "train_test_split", "fit_transform"]),
        (.irreproducibleTraining, ["seed", "reproduc", "nondetermin", "non-determin", "notebook", "overwrit"]),
        (.unsafeServing, ["serving", "inference", "unpinned", "model path", "endpoint", "timeout", "fallback", "rollback", "pickle", "joblib.load", "torch.load", "latency"]),
        (.missingMonitoring, ["monitor", "alert", "drift", "dashboard", "=log", "=logs", "logged", "logging", "logger"]),
        (.weakEval, ["metric", "eval", "threshold", "baseline", "slic", "calibrat", "=auc", "accuracy", "test set", "validation set", "validation split",
                     "holdout", "hold-out", "cross-valid", "overfit"]),
    ]

    public static func from(_ text: String) -> RiskCategory {
        let t = text.lowercased()
        let words = t.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        func found(_ key: String) -> Bool {
            if key.hasPrefix("=") { return words.contains { $0 == key.dropFirst() } }
            if key.allSatisfy(\.isLetter) { return words.contains { $0.hasPrefix(key) } }
            return t.contains(key)
        }
        for (risk, keys) in table where keys.contains(where: found) { return risk }
        return .other
    }
}
