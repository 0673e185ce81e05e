import Foundation

// MARK: leakage

extension HintRules {
    static let timeWords = ["timestamp", "event_time", "created_at", "order_date", "\"date\"", "'date'", "datetime", "to_datetime", "_date\"",
                            "_date'", "event_ts", "txn_ts", "snapshot_date", "\"day\"", "'day'"]

    /// A fit (`call` is `.fit`, `.fit_transform` or `.fit_resample`) whose data is held out, or is
    /// split or cross-validated after the fit, in the same function: the evidence, or nil.
    static func fittedBeforeSplit(_ s: Statement, _ f: SourceFile, calls: [String]) -> Found? {
        guard !s.has("Pipeline(") && !s.has("make_pipeline(") else { return nil }
        let flow = f.flow, line = s.lines.lowerBound
        for call in calls {
            guard let args = s.argumentsOf(call) else { continue }
            let positional = PythonCode.arguments(args).positional
            guard let first = positional.first, let data = PythonCode.valueNames(first).first ?? PythonCode.names(first).first else { continue }
            // `data["train"]["X"]`: the key says which part it is.
            if let key = first.split(separator: "[").dropFirst().first?.trimmingCharacters(in: ["\"", "'", "]"]),
               let part = DataFlow.roleByName(key) {
                if part.role == .test { return "Evidence: \(call.dropFirst())() on line \(line) reads \(first), the \(key) part." }
                continue
            }
            // Any of the data it is fitted on (features or labels) held out.
            for arg in positional {
                if DataFlow.subscriptKeys(arg).contains(where: { DataFlow.roleByName($0)?.role == .test }) {
                    return "Evidence: \(call.dropFirst())() on line \(line) reads \(arg), a test part."
                }
                for name in PythonCode.names(arg) {
                    if let origin = flow.role(of: name, before: s.index), origin.role == .test {
                        return "Evidence: \(call.dropFirst())() on line \(line) reads \(name), \(origin.how)."
                    }
                }
            }
            if let split = flow.laterSplit(of: data, after: s.index), f.sameScope(s, f.statements[split.index]) {
                return "Evidence: \(call.dropFirst())() on line \(line) reads \(data), which \(split.call) splits on line \(split.line), after the fit."
            }
            // What the fit produced is what gets split or cross-validated.
            guard call != ".fit", let (targets, _) = s.assignment else { continue }
            for t in targets {
                if let split = flow.laterSplit(of: t, after: s.index) {
                    return "Evidence: \(t) comes from \(call.dropFirst())() on line \(line) over all rows, and \(split.call) splits it on line \(split.line)."
                }
            }
        }
        return nil
    }

    static let aggregates = [".mean(", ".median(", ".std(", ".var(", ".quantile(", ".max(", ".min(", ".mode(", ".transform(\"mean\")",
                             ".transform('mean')", ".transform(\"median\")", ".transform('median')", ".transform(\"sum\")", ".rank("]

    static let leakage: [HintRule] = [
        HintRule(id: "LEAK-001", family: .leakage, severity: .high, title: "Fitted before the split or on held-out rows",
                 issue: "A transformer, selector, search or model is fitted on rows that include the ones it is later tested on, so held-out metrics are optimistic.",
                 fix: "Split first, then fit on the training rows only; an sklearn Pipeline inside the cross-validation does this per fold.",
                 triggers: [".fit"], files: .python) { s, f in
            fittedBeforeSplit(s, f, calls: [".fit_transform", ".fit"])
        },
        HintRule(id: "LEAK-002", family: .leakage, severity: .high, title: "Resampling before the train/test split",
                 issue: "SMOTE or another resampler runs on the whole data set, so synthetic rows built from test rows end up in training.",
                 fix: "Split first and resample the training rows only (imblearn's Pipeline does it inside each fold).",
                 triggers: [".fit_resample("], files: .python) { s, f in
            fittedBeforeSplit(s, f, calls: [".fit_resample"])
        },
        HintRule(id: "LEAK-003", family: .leakage, severity: .high, title: "Test rows steer training",
                 issue: "The held-out test rows are used for early stopping, validation during training or choosing the checkpoint, so their score no longer estimates unseen data.",
                 fix: "Carve a validation set out of the training rows for early stopping and selection; touch the test set once, at the end.",
                 triggers: ["eval_set", "validation_data", "valid_sets", "evals=", "eval_dataset", "best"], files: .python) { s, f in
            let flow = f.flow
            for call in [".fit", ".train", "lgb.train", "xgb.train", "Trainer"] {
                guard let args = s.argumentsOf(call) else { continue }
                let named = PythonCode.arguments(args).keywords
                for key in ["eval_set", "validation_data", "valid_sets", "evals", "eval_dataset", "validation_set"] {
                    guard let value = named[key] else { continue }
                    for name in PythonCode.names(value) {
                        if let origin = flow.role(of: name, before: s.index), origin.role == .test {
                            return "Evidence: \(key)= on line \(s.lines.lowerBound) holds \(name), \(origin.how)."
                        }
                    }
                }
            }
            // `if test_acc > best_acc:` keeps the checkpoint with the best test score.
            let code = s.code
            if code.hasPrefix("if "), s.mentions("best"), code.contains(">") || code.contains("<") {
                for name in PythonCode.names(String(code)) where DataFlow.roleByName(name)?.role == .test {
                    return "Evidence: line \(s.lines.lowerBound) keeps the model whose \(name) is best."
                }
            }
            return nil
        },
        HintRule(id: "LEAK-004", family: .leakage, severity: .high, title: "Random shuffled split on time-ordered data",
                 issue: "The rows carry timestamps but the split shuffles them, so the model trains on the future and is tested on the past.",
                 fix: "Split by time (a cut-off date, or TimeSeriesSplit), with the test period after the training period.",
                 triggers: ["train_test_split(", "kfold(", "shufflesplit("], files: .python) { s, f in
            guard let time = timeWords.first(where: f.mentions) else { return nil }
            if let args = s.argumentsOf("train_test_split") {
                return args.replacingOccurrences(of: " ", with: "").contains("shuffle=False") ? nil : "Evidence: the file orders rows by \(time), and train_test_split shuffles them."
            }
            for name in ["KFold", "StratifiedKFold", "ShuffleSplit", "StratifiedShuffleSplit"] {
                guard let args = s.argumentsOf(name) else { continue }
                let a = args.replacingOccurrences(of: " ", with: "")
                if a.contains("shuffle=True") || name.hasSuffix("ShuffleSplit") { return "Evidence: the file orders rows by \(time), and \(name) shuffles them." }
            }
            return nil
        },
        HintRule(id: "LEAK-005", family: .leakage, severity: .high, title: "Look-ahead feature",
                 issue: "The feature reads values from later rows (a negative shift, a centred or forward window, a backward fill, LEAD), which do not exist at prediction time.",
                 fix: "Build features only from rows at or before the prediction time: positive shifts, trailing windows, forward fill, LAG.",
                 triggers: ["shift(", "center=", "bfill", "backfill", "lead(", "following", "interpolate(", "over"], files: [.python, .sql]) { s, f in
            let sql = f.lowerPath.hasSuffix(".sql")
            // "over" and "following" are SQL words; in Python only the pandas calls count.
            guard sql || ["shift(", "center=", "bfill", "backfill", "interpolate("].contains(where: s.mentions) else { return nil }
            let t = s.lower.replacingOccurrences(of: " ", with: "")
            if sql {
                if t.contains("lead(") { return "Evidence: LEAD() reads the next row." }
                // An aggregate over a whole partition (no ORDER BY) sees the entity's later rows.
                if t.contains(")over(partitionby"), !t.contains("orderby"), !t.contains("row_number(") {
                    return "Evidence: the window on line \(s.lines.lowerBound) spans the whole partition, later rows included."
                }
                if let r = s.lower.range(of: " following"), !s.lower[..<r.lowerBound].hasSuffix(" 0") {
                    return "Evidence: the window frame reaches FOLLOWING rows."
                }
                return nil
            }
            if t.contains(".shift(-") || t.contains("shift(periods=-") { return "Evidence: a negative shift reads later rows." }
            if t.contains(".rolling(") && t.contains("center=true") { return "Evidence: a centred window reads later rows." }
            if t.contains(".bfill(") || t.contains(".backfill(") || t.contains("method=\"bfill\"") || t.contains("method='bfill'") { return "Evidence: a backward fill copies later values." }
            // Interpolating a time series reads the next observation.
            if t.contains(".interpolate("), let time = timeWords.first(where: f.mentions) {
                return "Evidence: interpolate() on line \(s.lines.lowerBound) fills from the next value of a series ordered by \(time)."
            }
            return nil
        },
        HintRule(id: "LEAK-006", family: .leakage, severity: .medium, title: "Entity ids split at random",
                 issue: "Rows carry a user or customer id but the split ignores it, so the same entity can sit in training and test and the score rewards memorising it.",
                 fix: "Split by entity: GroupShuffleSplit or GroupKFold with groups= the id column.",
                 triggers: ["train_test_split("], files: .python) { s, f in
            guard s.calls("train_test_split") else { return nil }
            let ids = ["user_id", "customer_id", "patient_id", "entity_id", "account_id", "member_id", "session_id", "query_id", "device_id"]
            guard let id = ids.first(where: f.mentions) else { return nil }
            return f.mentions("group") ? nil : "Evidence: rows carry \(id), and train_test_split splits rows, not \(id)s."
        },
        HintRule(id: "LEAK-007", family: .leakage, severity: .high, title: "Statistic over every row before the split",
                 issue: "A fill value, normalisation or target encoding is computed over all rows, test rows included, before they are split.",
                 fix: "Compute the statistic on the training rows after the split (or in a Pipeline step) and apply it to the others.",
                 triggers: ["mean(", "median(", "std(", "var(", "quantile(", "max(", "min(", "mode(", "transform(", "rank("], files: .python) { s, f in
            // Row-wise (`axis=1`) is not a statistic over rows.
            // Nothing is split in a file that neither splits nor names a training part.
            guard f.mentions("split") || f.mentions("cross_") || f.mentions("train") else { return nil }
            guard let agg = aggregates.first(where: s.has), !s.has("axis=1"), let (targets, value) = s.assignment else { return nil }
            let frames = Set(targets.compactMap { PythonCode.names($0).first })
            for frame in frames where value.contains(frame + "[") || value.contains(frame + ".") {
                if let split = f.flow.laterSplit(of: frame, after: s.index) {
                    return "Evidence: line \(s.lines.lowerBound) takes \(agg.trimmingCharacters(in: [".", "(", ")"])) over all of \(frame); \(split.call) splits \(frame) on line \(split.line)."
                }
            }
            return nil
        },
    ]
}
