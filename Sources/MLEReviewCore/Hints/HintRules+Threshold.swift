import Foundation

// MARK: threshold

extension HintRules {

    static let threshold: [HintRule] = [
        HintRule(id: "THRESH-001", family: .threshold, severity: .low, title: "Hard-coded decision threshold",
                 issue: "A decision threshold is a literal next to a score, so a product trade-off is buried in code without its rationale.",
                 fix: "Move the threshold to config with the precision/recall trade-off it was chosen for, and test the boundary.",
                 triggers: [">", "<"], files: .python) { s, _ in
            guard s.mentions("0.") || s.mentions(" .") || s.mentions(">.") || s.mentions("<.") else { return nil }
            let t = s.lower.replacingOccurrences(of: " ", with: "")
            guard !t.hasPrefix("assert"), !t.contains("threshold") else { return nil }
            // A score-like name compared with a literal strictly between 0 and 1 (not 0.0).
            let pattern = #"(^|[^a-z_])(p|proba|probs?|probability|scores?|preds?|prediction|likelihood|y_hat|yhat)(\[[^\]]*\])?[><]=?0?\.[0-9]*[1-9]"#
            return t.range(of: pattern, options: .regularExpression) != nil ? "" : nil
        },
    ]
}
