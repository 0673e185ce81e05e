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

    /// The category whose words come first: a finding's title names its subject before its
    /// issue adds context ("Loss scaled but eval/logging paths …" is about evaluation, though
    /// "logging" is a monitoring word too). Ties (one key inside another's span) keep the
    /// table's order.
    public static func from(_ text: String) -> RiskCategory {
        let t = text.lowercased()
        // Word spans with their offsets, for whole-word and word-start keys.
        var words: [(word: Substring, at: Int)] = []
        var start: String.Index? = nil
        var offset = 0, startOffset = 0
        for i in t.indices {
            let c = t[i]
            if c.isLetter || c.isNumber || c == "_" {
                if start == nil { start = i; startOffset = offset }
            } else if let s = start {
                words.append((t[s..<i], startOffset)); start = nil
            }
            offset += 1
        }
        if let s = start { words.append((t[s...], startOffset)) }
        func firstAt(_ key: String) -> Int? {
            if key.hasPrefix("=") { return words.first { $0.word == key.dropFirst() }?.at }
            if key.allSatisfy(\.isLetter) { return words.first { $0.word.hasPrefix(key) }?.at }
            return t.range(of: key).map { t.distance(from: t.startIndex, to: $0.lowerBound) }
        }
        var best: (at: Int, risk: RiskCategory)? = nil
        for (risk, keys) in table {
            guard let at = keys.compactMap(firstAt).min() else { continue }
            if best == nil || at < best!.at { best = (at, risk) }
        }
        return best?.risk ?? .other
    }
}
