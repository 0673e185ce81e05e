import Foundation

// MARK: monitoring

extension HintRules {

    static let monitoring: [HintRule] = [
        HintRule(id: "MON-001", family: .monitoring, severity: .medium, title: "Prediction errors swallowed into a default",
                 issue: "A bare except around prediction returns a default value, so failures look like real predictions and no alert fires.",
                 fix: "Catch specific errors, log them with the model version, count them in a metric, and return an explicit fallback marked as such.",
                 triggers: ["except"], files: .python) { s, f in
            let t = s.text.trimmingSpaces()
            guard t == "except:" || t == "except Exception:" || t.hasPrefix("except Exception as") || t.hasPrefix("except BaseException") else { return nil }
            guard f.mentions("predict") else { return nil }
            let next = f.statements(after: s).prefix(3)
            let logs = next.contains { $0.lower.contains("log") || $0.lower.contains("raise") || $0.lower.contains("metric") }
            let defaults = next.contains { st in
                let r = st.text.trimmingSpaces().replacingOccurrences(of: " ", with: "")
                return ["return0", "return0.0", "returnNone", "returnFalse", "return[]", "return{}", "return-1", "return0.5"].contains(r) || r.hasPrefix("return{\"")
            }
            return defaults && !logs ? "" : nil
        },
        HintRule(id: "MON-002", family: .monitoring, severity: .medium, title: "Prediction logged without the model version",
                 issue: "Predictions are logged without the model version, so they cannot be joined to the artifact that made them when labels arrive.",
                 fix: "Log model_version (and a request or entity id) with every prediction.",
                 triggers: ["log.", "logger.", "logging.", "print("], files: .python) { s, f in
            let logCalls = ["log.info(", "logger.info(", "logging.info(", "log.debug(", "logger.debug(", "logger.log(", "print("]
            guard logCalls.contains(where: s.text.contains) else { return nil }
            guard isServingPath(f.lowerPath) else { return nil }
            // A metric being printed is not a prediction being logged.
            guard !s.mentions("_score(") && !s.mentions("accuracy") && !s.mentions("auc") else { return nil }
            guard ["pred", "score", "prob", "p="].contains(where: s.mentions) else { return nil }
            return f.mentions("version") ? nil : ""
        },
    ]
}
