import Foundation

// MARK: evaluation

extension HintRules {

    static let metricNames = ["accuracy_score", "roc_auc_score", "f1_score", "precision_score", "recall_score", "log_loss",
                              "mean_squared_error", "mean_absolute_error", "r2_score", "average_precision_score"]

    static let evaluation: [HintRule] = [
        HintRule(id: "EVAL-001", family: .evaluation, severity: .high, title: "Metric computed on training data",
                 issue: "The reported metric scores the model on the rows it was trained on, which says little about new data.",
                 fix: "Report metrics on a held-out validation or test set (and keep training scores only as a diagnostic).",
                 triggers: ["y_train", "x_train"], files: .python) { s, _ in
            for name in metricNames {
                guard let args = s.argumentsOf(name) else { continue }
                if args.replacingOccurrences(of: " ", with: "").hasPrefix("y_train") { return "(\(name))" }
            }
            for call in [".score", ".evaluate"] {
                if let args = s.argumentsOf(call), args.replacingOccurrences(of: " ", with: "").hasPrefix("X_train") { return "" }
            }
            return nil
        },
        HintRule(id: "EVAL-002", family: .evaluation, severity: .medium, title: "Accuracy alone on a classification task",
                 issue: "Accuracy is the only metric reported; on imbalanced classes it hides the errors the decision cares about.",
                 fix: "Report the metrics the mistake budget asks for (precision/recall at the threshold, ROC/PR AUC, calibration) per slice.",
                 triggers: ["accuracy_score("], files: .python) { s, f in
            guard s.calls("accuracy_score") else { return nil }
            let others = ["precision", "recall", "f1", "roc_auc", "auc", "log_loss", "brier", "average_precision", "confusion_matrix", "classification_report"]
            return others.contains(where: f.mentions) ? nil : ""
        },
        HintRule(id: "EVAL-003", family: .evaluation, severity: .high, title: "Model registered or promoted without a metric gate",
                 issue: "The model is registered or promoted in a flow that compares no metric with a threshold or with the production model.",
                 fix: "Gate promotion on declared metrics (and slices) against the baseline and production, failing closed.",
                 triggers: ["register", "promote", "set_registered_model_alias"], files: .python) { s, f in
            let promotes = ["register_model(", "transition_model_version_stage(", "set_registered_model_alias(", ".promote(", "model.register("]
            guard promotes.contains(where: s.text.contains) else { return nil }
            let gate = f.statements.contains { st in
                let t = st.lower
                return t.hasPrefix("if") || t.contains(" if ") ? ["auc", "score", "metric", "f1", "accuracy", "loss", "rmse", "precision", "recall"].contains(where: t.contains) && (t.contains(">") || t.contains("<")) : false
            }
            return gate ? nil : ""
        },
        HintRule(id: "EVAL-004", family: .evaluation, severity: .medium, title: "Inference without eval mode or no_grad",
                 issue: "A torch model is called for predictions without model.eval() and torch.no_grad(): dropout and batch-norm stay in training mode and memory grows.",
                 fix: "Call model.eval() once after loading, and wrap inference in torch.no_grad() or torch.inference_mode().",
                 triggers: ["def predict", "def infer", "def forward_batch"], files: .python) { s, f in
            guard f.mentions("import torch"), s.lower.hasPrefix("def predict") || s.lower.hasPrefix("def infer") || s.lower.hasPrefix("def forward_batch") else { return nil }
            return f.mentions(".eval()") || f.mentions("no_grad") || f.mentions("inference_mode") ? nil : ""
        },
    ]
}
