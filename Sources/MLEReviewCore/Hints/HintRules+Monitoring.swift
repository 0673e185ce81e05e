import Foundation

// MARK: monitoring

extension HintRules {

    static let monitoring: [HintRule] = [
        HintRule(id: "MON-001", family: .monitoring, severity: .medium, title: "Prediction failure swallowed",
                 issue: "An except around a model call turns a failure into a default, a skipped row or a fallback answer with no log, metric or re-raise, so failures look like real predictions and no alert fires.",
                 fix: "Log the error with the model version, count it in a metric, and re-raise or return a fallback marked as one.",
                 triggers: ["except", "suppress("], files: .python) { s, f in
            let code = s.code
            // `with suppress(Exception):` around a model call swallows the same way.
            if code.hasPrefix("with "), code.contains("suppress(") {
                guard code.contains("Exception") else { return nil }
                let runs = [".predict", "predict_proba(", "session.run(", "model(", "pipeline(", ".infer(", ".score(", ".classify(", ".generate("]
                guard let call = f.body(of: s).lazy.compactMap({ st in runs.first(where: st.has) }).first else { return nil }
                return "Evidence: suppress(Exception) on line \(s.lines.lowerBound) hides every failure of \(call.trimmingCharacters(in: [".", "("]))."
            }
            guard code.hasPrefix("except") else { return nil }
            // The try it belongs to: back over bodies and the try's earlier except clauses.
            var owner: Statement?
            for st in f.statements(before: s).reversed() where st.indent <= s.indent {
                if st.indent == s.indent && st.code.hasPrefix("except") { continue }
                if st.indent == s.indent && st.code.hasPrefix("try") { owner = st }
                break
            }
            guard let start = owner else { return nil }
            let tried = f.body(of: start)
            // A call that runs a model (not a name that merely contains "model").
            let runs = [".predict", "predict_proba(", "session.run(", "model(", "pipeline(", ".infer(", ".score(", ".classify(", ".rank(", ".generate(", ".forward("]
            guard let call = tried.lazy.compactMap({ st in runs.first(where: st.mentions) }).first else { return nil }
            let handler = f.body(of: s)
            guard let last = handler.last else { return nil }
            let speaks = ["log", "warn", "raise", "metric", ".inc(", "counter", "sentry", "capture_exception", "print(", "statsd", "abort(", "set_code(", "set_details(", "traceback"]
            guard !handler.contains(where: { st in speaks.contains(where: st.mentions) }) else { return nil }
            let answer = last.code.hasPrefix("return") ? "returns \(last.code.dropFirst(6).trimmingSpaces())" : last.code.hasPrefix("continue") ? "skips the item" : "carries on"
            return "Evidence: the try on line \(start.lines.lowerBound) runs \(call.trimmingCharacters(in: [".", "("])); the except on line \(s.lines.lowerBound) \(answer) with no log, metric or raise."
        },
        HintRule(id: "MON-002", family: .monitoring, severity: .medium, title: "Prediction logged without the model version",
                 issue: "Predictions are logged without the model version, so they cannot be joined to the artifact that made them when labels arrive.",
                 fix: "Log model_version (and a request or entity id) with every prediction.",
                 triggers: ["log.", "logger.", "logging.", "print("], files: .python) { s, f in
            let logCalls = ["log.info(", "logger.info(", "logging.info(", "log.debug(", "logger.debug(", "logger.log(", "print("]
            guard logCalls.contains(where: s.has) else { return nil }
            guard isServingPath(f.lowerPath) else { return nil }
            // A metric being printed is not a prediction being logged.
            guard !s.mentions("_score(") && !s.mentions("accuracy") && !s.mentions("auc") else { return nil }
            guard ["pred", "score", "prob", "p="].contains(where: s.mentions) else { return nil }
            return f.mentions("version") ? nil : "Evidence: the log call on line \(s.lines.lowerBound) writes a prediction, and nothing in \(f.path) mentions a model version."
        },
        HintRule(id: "MON-003", family: .monitoring, severity: .medium, title: "Monitoring switched off in configuration",
                 issue: "A setting turns off drift detection, alerting or prediction logging (or samples it to nothing).",
                 fix: "Keep monitoring on for every served model; lower a sampling rate only with a stated volume reason, never to zero.",
                 triggers: ["false", "0", "off", "disabled", "none"], files: .config) { s, f in
            let line = s.lower.trimmingSpaces().trimming(ascii: ",")
            guard let sep = line.firstIndex(where: { $0 == ":" || $0 == "=" }) else { return nil }
            let key = line[..<sep].trimming(ascii: " \"'"), value = line[line.index(after: sep)...].trimming(ascii: " \"',")
            guard ["false", "0", "0.0", "off", "disabled", "none", "no"].contains(value) else { return nil }
            let watched = ["monitor", "drift", "alert", "prediction_log", "log_predictions", "sample_rate", "metrics", "logging"]
            if ["monitor", "drift", "alert", "prediction_log", "log_predictions", "prediction_sample", "data_capture", "capture", "telemetry", "tracing"].contains(where: key.contains) {
                return "Evidence: \(key) is \(value) on line \(s.lines.lowerBound)."
            }
            guard key == "enabled" || key == "enable" else { return nil }
            // `enabled: false` under a monitoring key.
            let parent = f.statements(before: s).last { $0.indent < s.indent }
            let tools = watched + ["whylogs", "evidently", "profil", "observab", "datadog", "prometheus", "sentry", "capture", "telemetry"]
            if let parent, tools.contains(where: parent.lower.contains) || watched.contains(where: f.lowerPath.contains) {
                return "Evidence: \(parent.code.trimmingSpaces()) \(key) is \(value) on line \(s.lines.lowerBound)."
            }
            return nil
        },
    ]
}
