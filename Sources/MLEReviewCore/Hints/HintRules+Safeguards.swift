import Foundation

// MARK: safeguards taken away

/// Rules over the lines a change removes: taking a safeguard out is as risky as adding a hazard.
/// Each fires only when the new side of the file no longer has the safeguard (moved is not removed),
/// and points at the nearest new line.
extension HintRules {
    /// The removed code, shortened, for the evidence.
    static func quoted(_ s: Statement) -> String {
        let code = s.code.trimmingSpaces()
        return "`" + code.clipped(to: 90) + "`"
    }

    /// The first of `tokens` the removed line has (lower-case) that the new side no longer mentions.
    static func gone(_ s: Statement, _ f: SourceFile, _ tokens: [String]) -> String? {
        tokens.first { s.mentions($0) && !f.mentions($0) }
    }

    static let safeguards: [HintRule] = [
        HintRule(id: "LEAK-008", family: .leakage, severity: .high, title: "Group-aware or time-ordered split removed",
                 issue: "The change removes the split that kept an entity's rows (or later periods) out of training, so held-out scores now include rows the model has seen the like of.",
                 fix: "Keep GroupKFold / GroupShuffleSplit with groups=, or TimeSeriesSplit / shuffle=False for time-ordered rows.",
                 triggers: ["group", "timeseriessplit", "shuffle=false"], files: .python, side: .removed) { s, f in
            guard let token = gone(s, f, ["stratifiedgroupkfold", "groupkfold", "groupshufflesplit", "leaveonegroupout", "timeseriessplit", "groups=", "shuffle=false"]) else { return nil }
            return "Evidence: the change removes \(quoted(s)); the file no longer has \(token)."
        },
        HintRule(id: "REPRO-006", family: .reproducibility, severity: .medium, title: "Seeding removed",
                 issue: "The change removes the seed of a run, so two runs of the same code no longer give the same model.",
                 fix: "Keep the seed (from the run's config) and record it with the run.",
                 triggers: ["seed", "random_state", "deterministic"], files: [.python, .config], side: .removed) { s, f in
            let calls = ["seed_everything", "manual_seed", "set_seed", "set_random_seed", "random.seed", "np.random.seed", "use_deterministic_algorithms", "random_state"]
            if let token = gone(s, f, calls) { return "Evidence: the change removes \(quoted(s)); the file no longer calls \(token)." }
            // A config key: `seed: 42`, `"seed": 42`, `seed = 42`.
            let key = s.code.trimmingSpaces().lowercased().trimmingCharacters(in: ["\"", "'"])
            if key.hasPrefix("seed") || key.hasPrefix("random_seed"), key.contains(":") || key.contains("="), !f.mentions("seed") {
                return "Evidence: the change removes \(quoted(s)); the config no longer sets a seed."
            }
            return nil
        },
        HintRule(id: "DESER-007", family: .unsafeDeserialization, severity: .high, title: "Safe loading removed",
                 issue: "The change removes what kept a load from running code in the file (weights_only, a safe YAML loader, a hash check).",
                 fix: "Keep the safe form: torch.load(..., weights_only=True), yaml.safe_load, allow_pickle=False, a verified hash.",
                 triggers: ["weights_only", "safe", "allow_pickle=false", "verify", "sha256"], files: .python, side: .removed) { s, f in
            guard let token = gone(s, f, ["weights_only=true", "safe_load", "safeloader", "safe_mode=true", "allow_pickle=false", "verify_", "sha256"]) else { return nil }
            return "Evidence: the change removes \(quoted(s)); the file no longer has \(token)."
        },
        HintRule(id: "EVAL-006", family: .evaluation, severity: .medium, title: "Eval mode or no_grad removed",
                 issue: "The change removes model.eval() or torch.no_grad() from inference: dropout and batch-norm run in training mode, and memory grows with the autograd graph.",
                 fix: "Keep model.eval() and torch.no_grad() (or torch.inference_mode()) around evaluation and inference.",
                 triggers: [".eval()", "no_grad", "inference_mode"], files: .python, side: .removed) { s, f in
            guard let token = gone(s, f, [".eval()", "no_grad", "inference_mode"]) else { return nil }
            return "Evidence: the change removes \(quoted(s)); the file no longer has \(token)."
        },
        HintRule(id: "EVAL-007", family: .evaluation, severity: .high, title: "Metric gate removed before promotion",
                 issue: "The change removes the metric comparison that stood between a candidate model and promotion.",
                 fix: "Keep a failing-closed gate on declared metrics against the baseline and production.",
                 triggers: ["if "], files: .python, side: .removed) { s, f in
            let code = s.code.lowercased()
            guard code.hasPrefix("if "), code.contains("<") || code.contains(">") else { return nil }
            let metrics = ["auc", "score", "metric", "f1", "accuracy", "loss", "rmse", "precision", "recall", "mape", "mae"]
            guard metrics.contains(where: code.contains) else { return nil }
            let promotes = ["alias", "promote", "register", "transition", "deploy", "champion", "production"]
            guard promotes.contains(where: f.mentions) else { return nil }
            // Another gate on the new side means the check moved.
            let gateRemains = f.statements.contains { st in
                let t = st.code.lowercased()
                return t.hasPrefix("if ") && (t.contains("<") || t.contains(">")) && metrics.contains(where: t.contains)
            }
            return gateRemains ? nil : "Evidence: the change removes \(quoted(s)) and no metric comparison is left before promotion."
        },
        HintRule(id: "MON-004", family: .monitoring, severity: .medium, title: "Monitoring removed",
                 issue: "The change removes a model version from the prediction record, an error or latency metric, a prediction log, or an alert, so failures and drift go unseen.",
                 fix: "Keep the model version in every prediction record, the counters and the alerts; move them rather than drop them.",
                 triggers: ["version", ".inc(", ".observe(", "prediction_log", "log_prediction", "statsd", "alert", "drift", "monitor", "_max", "_min", "metric",
                            "counter(", "histogram(", "gauge(", "sentry"],
                 files: [.python, .config], side: .removed) { s, f in
            if s.mentions("model_version") || s.mentions("model_name") && s.mentions("version") {
                return f.mentions("version") ? nil : "Evidence: the change removes \(quoted(s)); nothing on the new side records the model version."
            }
            // The removed line's first name: a counter, a logger, a config key.
            guard let name = PythonCode.names(String(s.code)).first?.lowercased() ?? s.code.split(separator: ":").first.map({ $0.lowercased() }) else { return nil }
            // Counters and prediction logs anywhere; limits and alerts only in a monitoring config.
            let calls = [".inc(", ".observe(", "prediction_log", "log_prediction", "statsd", "counter(", "histogram(", "gauge(", "sentry_sdk.init(", "capture_exception("]
            let monitorFile = ["monitor", "alert", "drift", "observab"].contains(where: f.lowerPath.contains)
            let configKey = ["alert", "drift", "monitor"].contains(where: s.mentions) || monitorFile && ["_max", "_min", "latency", "errors", "rate"].contains(where: s.mentions)
            guard calls.contains(where: s.mentions) || (!f.isPython && configKey), !f.mentions(name) || name.count < 3 else { return nil }
            return "Evidence: the change removes \(quoted(s)) and the file no longer mentions \(name)."
        },
        HintRule(id: "PRIV-003", family: .privacy, severity: .high, title: "Pseudonymisation or removal of personal data taken out",
                 issue: "The change removes the step that hashed, masked or dropped a personal field, so the raw value now flows on.",
                 fix: "Keep the hashing (salted) or the drop of personal columns before features are built or stored.",
                 triggers: ["sha", "hash", "md5", "drop", "mask", "anonym", "redact", "del ", "pop("], files: [.python, .sql], side: .removed) { s, f in
            guard let field = personalFields.first(where: { s.mentions($0) }) else { return nil }
            guard let op = gone(s, f, ["sha2(", "sha256", "sha1(", "md5(", "hash(", "hashlib", ".drop(", "mask", "anonym", "redact", ".pop("]) else { return nil }
            return "Evidence: the change removes \(quoted(s)) (\(op.trimmingCharacters(in: [".", "("])) of \(field)); the file no longer does it."
        },
        HintRule(id: "SERVE-009", family: .serving, severity: .high, title: "Preprocessing removed from the serving path",
                 issue: "The change removes a transform the model was trained behind, so serving inputs no longer match training (train/serve skew).",
                 fix: "Apply the same fitted preprocessing in serving as in training, ideally one artifact (a Pipeline) for both.",
                 triggers: [".transform("], files: .python, side: .removed) { s, f in
            guard isServingPath(f.lowerPath), let args = s.argumentsOf(".transform") else { return nil }
            let receiver = s.receiver(of: ".transform")
            guard !receiver.isEmpty, !f.mentions(receiver.lowercased() + ".transform(") else { return nil }
            return "Evidence: the change removes \(quoted(s)); \(receiver) no longer transforms \(args.isEmpty ? "the input" : args) before the model."
        },
    ]
}
