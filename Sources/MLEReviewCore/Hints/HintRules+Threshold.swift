import Foundation

// MARK: threshold

extension HintRules {
    /// Words of a name that holds a model's output on a continuous scale.
    static let scoreWords: Set<Substring> = ["p", "prob", "proba", "probs", "probas", "probability", "probabilities", "score", "scores", "pred", "preds",
                                             "prediction", "predictions", "conf", "confidence", "similarity", "similarities", "sim", "likelihood",
                                             "yhat", "risk", "sigmoid", "softmax", "predict_proba", "decision_function", "logits", "distance", "dist",
                                             "margin", "entropy", "uncertainty", "anomaly", "outlier", "certainty", "sims"]
    /// Words that mark a number as something other than a decision on a score.
    static let notDecisionWords: Set<Substring> = ["loss", "len", "random", "lr", "epoch", "epochs", "count", "size", "threshold", "thresholds", "cutoff",
                                                   "step", "steps", "n", "num", "idx", "index", "i", "k", "tol", "patience", "iteration", "time", "elapsed",
                                                   "dim", "ndim", "shape", "numel", "nbytes", "version"]

    /// Why an operand holds a score: its words, a scoring call, or the prediction it was assigned from.
    static func scoreEvidence(_ operand: String, _ s: Statement, _ f: SourceFile) -> String? {
        let words = PythonCode.words(operand)
        guard !words.contains(where: notDecisionWords.contains) else { return nil }
        // The data flow only when the file predicts something and the words did not already say it.
        if f.isPython, !words.contains(where: scoreWords.contains), ["predict", "decision_function", "sigmoid", "softmax", ".search(", "similarity("].contains(where: f.mentions) {
            for name in PythonCode.names(operand) {
                if let p = f.flow.prediction(name, before: max(0, s.index)), p.isScore { return "\(name) holds scores from line \(p.line)" }
            }
        }
        if let w = words.first(where: scoreWords.contains) { return "\(operand) is a \(w == "p" ? "probability" : String(w))" }
        return nil
    }

    /// A probability is compared with a number between 0 and 1; `p > 10` is some other `p`.
    static func fits(_ n: Double, _ operand: String) -> Bool {
        let words = PythonCode.words(operand)
        let probability: Set<Substring> = ["p", "prob", "proba", "probs", "probas", "probability", "probabilities", "sigmoid", "softmax", "predict_proba", "conf", "confidence"]
        return !words.contains(where: probability.contains) || (n > 0 && n < 1)
    }

    static let threshold: [HintRule] = [
        HintRule(id: "THRESH-001", family: .threshold, severity: .low, title: "Hard-coded decision threshold",
                 issue: "A score is compared with a literal, so a product trade-off (who is blocked, approved, routed) is buried in code without its rationale.",
                 fix: "Read the threshold from config, next to the precision/recall trade-off it was chosen for, and test the boundary.",
                 triggers: [">", "<"], files: [.python, .sql]) { s, f in
            let code = s.code.lowercased()
            guard !code.hasPrefix("assert"), !code.hasPrefix("def "), !code.hasPrefix("--") else { return nil }
            for (left, op, right) in PythonCode.comparisons(String(s.code)) {
                for (value, other) in [(right, left), (left, right)] {
                    guard let n = PythonCode.number(value), n != 0, n != 1, abs(n) >= 0.001 else { continue }
                    guard let why = scoreEvidence(other, s, f), fits(n, other) else { continue }
                    return "Evidence: \(left) \(op) \(right) on line \(s.lines.lowerBound); \(why)."
                }
            }
            return nil
        },
        HintRule(id: "THRESH-002", family: .threshold, severity: .low, title: "Decision threshold set as a literal in code",
                 issue: "A threshold or cut-off is a number in the code, not a reviewed, versioned setting with the trade-off it was chosen for.",
                 fix: "Move it to the model's config (or store it with the model when it is tuned), and say what it trades off.",
                 triggers: ["threshold", "cutoff", "cut_off", "thresh", "min_", "max_"], files: .python) { s, _ in
            guard let (targets, value) = s.assignment, targets.count == 1, let n = PythonCode.number(value), n != 0, n != 1 else { return nil }
            let words = PythonCode.words(targets[0])
            // THRESHOLD, CUTOFF, or a bound on a score: MIN_CONFIDENCE, MAX_RISK.
            let bound = words.contains { $0 == "min" || $0 == "max" } && words.contains(where: scoreWords.contains)
            guard bound || words.contains(where: { ["threshold", "cutoff", "cut", "thresh"].contains($0) }) else { return nil }
            return "Evidence: \(targets[0]) = \(value) on line \(s.lines.lowerBound)."
        },
    ]
}
