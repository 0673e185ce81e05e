import Foundation

// MARK: leakage

extension HintRules {

    static let leakage: [HintRule] = [
        HintRule(id: "LEAK-001", family: .leakage, severity: .high, title: "Preprocessing fitted before the split or on held-out data",
                 issue: "A scaler, encoder, imputer or feature selector is fitted on data that holds the test rows, so validation metrics are optimistic.",
                 fix: "Split first, then fit the transformer on the training rows only; an sklearn Pipeline does this inside each fold.",
                 triggers: [".fit"], files: .python) { s, f in
            guard !s.has("Pipeline(") && !s.has("make_pipeline(") else { return nil }
            for call in [".fit_transform", ".fit"] {
                guard let args = s.argumentsOf(call) else { continue }
                let receiver = s.text.components(separatedBy: call + "(")[0].lowercased()
                guard preprocessors.contains(where: { receiver.contains($0.lowercased()) }) else { continue }
                let a = args.lowercased()
                if a.contains("test") || a.contains("holdout") || a.contains("x_val") { return "(fitted on held-out rows)" }
                if !trainingOnly(args) && splitLater(s, f) { return "" }
            }
            return nil
        },
        HintRule(id: "LEAK-002", family: .leakage, severity: .high, title: "Resampling before the train/test split",
                 issue: "SMOTE or another resampler runs on the whole data set, so synthetic rows built from test rows end up in training.",
                 fix: "Split first and resample the training rows only (imblearn's Pipeline does it inside each fold).",
                 triggers: [".fit_resample("], files: .python) { s, f in
            guard let args = s.argumentsOf(".fit_resample") else { return nil }
            return !trainingOnly(args) && splitLater(s, f) ? "" : nil
        },
        HintRule(id: "LEAK-003", family: .leakage, severity: .high, title: "Test set used for model selection or early stopping",
                 issue: "The held-out test set steers training (early stopping, eval_set, hyperparameter search), so its score no longer estimates unseen data.",
                 fix: "Carve a validation set out of the training data for early stopping and tuning; touch the test set once, at the end.",
                 triggers: ["eval_set", "validation_data", ".fit(x_test", ".fit(test"], files: .python) { s, _ in
            let t = s.lower.replacingOccurrences(of: " ", with: "")
            let steers = ["eval_set=[(x_test", "eval_set=(x_test", "validation_data=(x_test", "eval_set=[(test", "validation_data=(test"]
            if steers.contains(where: t.contains) { return "" }
            if (t.contains("gridsearchcv") || t.contains("randomizedsearchcv") || t.contains("search.")) && t.contains(".fit(x_test") { return "" }
            return nil
        },
        HintRule(id: "LEAK-004", family: .leakage, severity: .high, title: "Random shuffled split on time-ordered data",
                 issue: "The rows carry timestamps but the split shuffles them, so the model trains on the future and is tested on the past.",
                 fix: "Split by time (a cut-off date, or TimeSeriesSplit), with the test period after the training period.",
                 triggers: ["train_test_split("], files: .python) { s, f in
            guard let args = s.argumentsOf("train_test_split") else { return nil }
            let a = args.replacingOccurrences(of: " ", with: "")
            guard !a.contains("shuffle=False") else { return nil }
            let timeWords = ["timestamp", "event_time", "created_at", "order_date", "\"date\"", "'date'", "datetime", "to_datetime", "_date\"", "_date'"]
            return timeWords.contains(where: f.mentions) ? "" : nil
        },
        HintRule(id: "LEAK-005", family: .leakage, severity: .high, title: "Look-ahead feature",
                 issue: "The feature reads values from later rows (a negative shift, a centred window, or a backward fill), which do not exist at prediction time.",
                 fix: "Build features only from rows at or before the prediction time: positive shifts, trailing windows, forward fill.",
                 triggers: ["shift(", "center=", "bfill", "backfill"], files: .python) { s, _ in
            let t = s.lower.replacingOccurrences(of: " ", with: "")
            if t.contains(".shift(-") || t.contains("shift(periods=-") { return "" }
            if t.contains(".rolling(") && t.contains("center=true") { return "" }
            if t.contains(".bfill(") || t.contains(".backfill(") || t.contains("method=\"bfill\"") || t.contains("method='bfill'") { return "" }
            return nil
        },
        HintRule(id: "LEAK-006", family: .leakage, severity: .medium, title: "Entity ids split at random",
                 issue: "Rows carry a user or customer id but the split ignores it, so the same entity can sit in training and test and the score rewards memorising it.",
                 fix: "Split by entity: GroupShuffleSplit or GroupKFold with groups= the id column.",
                 triggers: ["train_test_split("], files: .python) { s, f in
            guard s.calls("train_test_split") else { return nil }
            let ids = ["user_id", "customer_id", "patient_id", "entity_id", "account_id", "member_id", "session_id"]
            guard ids.contains(where: f.mentions) else { return nil }
            return f.mentions("group") ? nil : ""
        },
    ]
}
