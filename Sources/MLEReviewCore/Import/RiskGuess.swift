import Foundation

/// Guesses a risk category from a finding's words, for findings that come without one.
public enum RiskGuess {
    /// A key of letters alone starts a word ("leak": leaks, leakage); "=log" is that word only
    /// (not logistic, catalog or login); a key with spaces or punctuation is found anywhere.
    static let table: [(RiskCategory, [String])] = [
        (.dataLeakage, ["leak", "before the split", "before split", "before splitting", "fit on all rows", "fitted on all rows",
                        "fit on the full", "fitted on the full", "fit on the whole", "fitted on the whole", "test rows",
                        "future", "point-in-time", "pii", "secret", "credential", "train_test_split", "fit_transform"]),
        (.irreproducibleTraining, ["seed", "reproduc", "nondetermin", "non-determin", "notebook", "overwrit"]),
        (.unsafeServing, ["serving", "inference", "unpinned", "model path", "endpoint", "timeout", "fallback", "rollback", "pickle", "joblib.load", "torch.load", "latency",
                          // What a caller sends, used unchecked: the serving side's security.
                          "injection", "inject", "unescaped", "unsanitized", "unsanitised", "untrusted", "request header", "user input",
                          "unvalidated", "without escaping", "not escaped"]),
        (.missingMonitoring, ["monitor", "alert", "drift", "dashboard", "=log", "=logs", "logged", "logging", "logger"]),
        (.weakEval, ["metric", "eval", "threshold", "baseline", "slic", "calibrat", "=auc", "accuracy", "test set", "validation set", "validation split",
                     "holdout", "hold-out", "cross-valid", "overfit"]),
    ]

    /// Words that say how rather than what: "unpinned" is a model version's (serving) as often
    /// as a seed's or a package's (reproducibility).
    static let weakKeys: Set<String> = ["=log", "=logs", "logged", "logging", "logger", "unpinned"]

    /// The category whose words come first: a finding's title names its subject before its
    /// issue adds context ("Loss scaled but eval/logging paths …" is about evaluation, though
    /// "logging" is a monitoring word too). Ties (one key inside another's span) keep the
    /// table's order.
    public static func from(_ text: String) -> RiskCategory {
        let t = withoutPaths(text.lowercased())
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
        // Logging words say where a thing happens more often than what is wrong with it
        // ("Headers logged unescaped" is an injection, "Seed logged, not set" reproducibility),
        // and "Unpinned seed" is about the seed: such words decide only when no other key is there.
        func first(_ weak: Bool) -> RiskCategory? {
            var best: (at: Int, risk: RiskCategory)? = nil
            for (risk, keys) in table {
                guard let at = keys.filter({ Self.weakKeys.contains($0) == weak }).compactMap(firstAt).min() else { continue }
                if best == nil || at < best!.at { best = (at, risk) }
            }
            return best?.risk
        }
        return first(false) ?? first(true) ?? .other
    }

    /// The text with every file path and URL blanked out: a finding names the file it is in, and
    /// `serving/predict.py` is not a word about serving ("File `serving/predict.py` is part of an
    /// implicit namespace package" guessed unsafe serving). A word pair such as "eval/logging"
    /// (no file name at its end) stays.
    static func withoutPaths(_ t: String) -> String {
        guard t.contains("/") else { return t }
        func isPath(_ word: Substring) -> Bool {
            let w = word.trimmingCharacters(in: CharacterSet(charactersIn: "`'\"()[]<>,;:"))
            guard w.contains("/") else { return false }
            if w.contains("://") || w.hasPrefix("/") || w.hasPrefix("~/") || w.hasPrefix("./") { return true }
            let last = w.split(separator: "/").last ?? ""
            return last.contains(".") && !last.hasSuffix(".")
        }
        return t.split(separator: " ", omittingEmptySubsequences: false)
            .map { isPath($0) ? String(repeating: " ", count: $0.count) : String($0) }
            .joined(separator: " ")
    }
}
