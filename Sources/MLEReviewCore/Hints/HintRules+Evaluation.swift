import Foundation

// MARK: evaluation

extension HintRules {

    static let metricNames = ["accuracy_score", "roc_auc_score", "f1_score", "precision_score", "recall_score", "log_loss",
                              "mean_squared_error", "mean_absolute_error", "r2_score", "average_precision_score", "classification_report",
                              "confusion_matrix", "balanced_accuracy_score", "matthews_corrcoef", "mean_absolute_percentage_error", "median_absolute_error",
                              "explained_variance_score", "brier_score_loss", "ndcg_score", "top_k_accuracy_score", "hamming_loss", "jaccard_score",
                              "cohen_kappa_score", "root_mean_squared_error", "fbeta_score"]

    static let evaluation: [HintRule] = [
        HintRule(id: "EVAL-001", family: .evaluation, severity: .high, title: "Metric computed on training data",
                 issue: "The reported metric scores the model on the rows it was trained on, which says little about new data.",
                 fix: "Report metrics on a held-out validation or test set (and keep training scores only as a diagnostic, named as such).",
                 triggers: ["_score(", "score(", "evaluate(", "log_loss(", "_error(", "_report(", "_matrix(", "_corrcoef(", "_loss("], files: .python) { s, f in
            // A training score logged under a training name is a diagnostic, not the model's quality.
            if s.mentions("\"train_") || s.mentions("'train_") || s.mentions("\"train/") {
                return nil
            }
            if let (targets, _) = s.assignment, targets.contains(where: { PythonCode.words($0).contains("train") }) { return nil }
            for call in metricNames + [".score", ".evaluate"] {
                guard let args = s.argumentsOf(call) else { continue }
                // The file's data flow is built only for a statement that calls a metric (a
                // `compute_loss(` matched the trigger, and built it for nothing).
                let flow = f.flow
                for name in PythonCode.names(args) {
                    if let origin = flow.role(of: name, before: s.index), origin.role == .train {
                        return "Evidence: \(call.trimmingCharacters(in: ["."]))() on line \(s.lines.lowerBound) reads \(name), \(origin.how)."
                    }
                    if let p = flow.prediction(name, before: s.index), p.role == .train {
                        return "Evidence: \(call.trimmingCharacters(in: ["."]))() on line \(s.lines.lowerBound) reads \(name), predicted on line \(p.line) from \(p.input), training rows."
                    }
                }
            }
            return nil
        },
        HintRule(id: "EVAL-002", family: .evaluation, severity: .medium, title: "Accuracy alone on a classification task",
                 issue: "Accuracy is the only metric reported; on imbalanced classes it hides the errors the decision cares about.",
                 fix: "Report the metrics the mistake budget asks for (precision/recall at the threshold, ROC/PR AUC, calibration) per slice.",
                 triggers: ["accuracy_score("], files: .python) { s, f in
            guard s.calls("accuracy_score") else { return nil }
            let others = ["precision", "recall", "f1", "roc_auc", "auc", "log_loss", "brier", "average_precision", "confusion_matrix", "classification_report"]
            return others.contains(where: f.mentions) ? nil : "Evidence: accuracy_score on line \(s.lines.lowerBound), and no other metric in \(f.path)."
        },
        HintRule(id: "EVAL-003", family: .evaluation, severity: .high, title: "Model promoted without a metric gate",
                 issue: "The model is promoted (a stage, an alias, a deployment) in a flow that compares no metric with a threshold or with the production model.",
                 fix: "Gate promotion on declared metrics (and slices) against the baseline and production, failing closed.",
                 triggers: ["transition_model_version_stage(", "set_registered_model_alias(", ".promote(", "deploy_model("], files: .python) { s, f in
            let promotes = ["transition_model_version_stage(", "set_registered_model_alias(", ".promote(", "deploy_model("]
            guard let call = promotes.first(where: s.has) else { return nil }
            let gate = f.statements.contains { st in
                let t = st.code.lowercased()
                return (t.hasPrefix("if ") || t.contains(" if ") || t.hasPrefix("assert ")) && ["auc", "score", "metric", "f1", "accuracy", "loss", "rmse", "precision", "recall", "mae"].contains(where: t.contains) && (t.contains(">") || t.contains("<"))
            }
            return gate ? nil : "Evidence: \(call.dropLast()) on line \(s.lines.lowerBound), and no metric comparison in \(f.path)."
        },
        HintRule(id: "EVAL-004", family: .evaluation, severity: .medium, title: "Inference without no_grad",
                 issue: "A torch model is run for validation or predictions outside torch.no_grad(), so the autograd graph is kept and, without model.eval(), dropout and batch-norm stay in training mode.",
                 fix: "Call model.eval() and wrap the loop in torch.no_grad() (or decorate the function with @torch.inference_mode()).",
                 triggers: ["for ", "model("], files: .python) { s, f in
            guard f.mentions("torch"), let def = f.enclosingDef(s) else { return nil }
            let name = def.code.lowercased()
            guard ["validat", "evaluat", "def eval", "def test", "predict", "infer", "def score"].contains(where: name.contains), !name.contains("train") else { return nil }
            let code = s.code
            // The loop over the data, or (without one) the first call of the model.
            let body = f.body(of: def)
            let isLoop = code.hasPrefix("for ") && [" in loader", "loader:", "_loader", "dataloader", "batches", "_dl", " dl:"].contains(where: code.contains)
            // Per function, once: whether it loops, and where it first calls the model.
            let loops = f.remember("loops in \(def.index)") { body.contains { $0.code.hasPrefix("for ") } ? 1 : 0 } == 1
            let firstCall = !loops && s.has("model(") && f.remember("first model call in \(def.index)") { body.first(where: { $0.has("model(") })?.index } == s.index
            guard isLoop || firstCall else { return nil }
            let decorators = f.statements[max(0, def.index - 3)..<def.index].filter { $0.code.hasPrefix("@") }
            let guarded = (body + decorators).contains { $0.mentions("no_grad") || $0.mentions("inference_mode") } || f.mentions("set_grad_enabled(false)")
            guard !guarded else { return nil }
            let eval = body.contains { $0.mentions(".eval()") }
            return "Evidence: \(def.code.split(separator: "(").first ?? "") (line \(def.lines.lowerBound)) runs the model with no no_grad\(eval ? "" : " and no model.eval()")."
        },
        HintRule(id: "EVAL-005", family: .evaluation, severity: .medium, title: "Best fold reported as the cross-validation score",
                 issue: "The maximum over folds is reported, which overstates what the model does on new data and hides the spread.",
                 fix: "Report the mean and the spread (or every fold), and compare models on the same folds.",
                 triggers: [".max()", "max("], files: .python) { s, f in
            guard f.mentions("cross_val") else { return nil }
            for (name, line) in f.flow.crossValidationScores where s.has(name + ".max()") || s.has("max(" + name + ")") || s.has("np.max(" + name) {
                return "Evidence: \(name) holds cross_val_score's folds (line \(line)); line \(s.lines.lowerBound) keeps only the best."
            }
            return nil
        },
    ]
}
