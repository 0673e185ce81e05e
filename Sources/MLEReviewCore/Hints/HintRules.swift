import Foundation

/// The rules, by family. Each looks at one statement of added code and, where it needs to, at the
/// rest of the file's new side (an import, a seed, a split later on).
public enum HintRules {
    public static let all: [HintRule] = leakage + reproducibility + deserialization + evaluation + serving + monitoring + privacy + threshold + secrets

    static let preprocessors = ["StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "Normalizer", "PCA", "TruncatedSVD",
                                "SelectKBest", "SelectPercentile", "VarianceThreshold", "TfidfVectorizer", "CountVectorizer", "SimpleImputer",
                                "KNNImputer", "IterativeImputer", "OneHotEncoder", "OrdinalEncoder", "TargetEncoder", "QuantileTransformer",
                                "PowerTransformer", "PolynomialFeatures", "scaler", "encoder", "imputer", "vectorizer", "selector", "pca"]
    static let splitCalls = ["train_test_split(", "GroupShuffleSplit(", "TimeSeriesSplit(", "random_split(", ".split(", "KFold(", "StratifiedKFold("]

    /// A later statement splits the data.
    static func splitLater(_ s: Statement, _ f: SourceFile) -> Bool {
        f.statements(after: s).contains { later in splitCalls.contains { later.text.contains($0) } }
    }

    static func trainingOnly(_ args: String) -> Bool {
        let a = args.lowercased()
        return a.contains("train") || a.contains("fold") || a.isEmpty
    }

    // MARK: leakage

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

    // MARK: reproducibility

    static let stochastic = ["RandomForestClassifier", "RandomForestRegressor", "GradientBoostingClassifier", "GradientBoostingRegressor",
                             "ExtraTreesClassifier", "ExtraTreesRegressor", "MLPClassifier", "MLPRegressor", "SGDClassifier", "SGDRegressor",
                             "KMeans", "XGBClassifier", "XGBRegressor", "LGBMClassifier", "LGBMRegressor", "HistGradientBoostingClassifier",
                             "HistGradientBoostingRegressor", "IsolationForest", "DecisionTreeClassifier", "DecisionTreeRegressor"]

    static let reproducibility: [HintRule] = [
        HintRule(id: "REPRO-001", family: .reproducibility, severity: .medium, title: "Random split or estimator without a seed",
                 issue: "A random split or a stochastic estimator has no random_state, so two runs of the same code give different models and metrics.",
                 fix: "Pass random_state (from the run's config) to every splitter and stochastic estimator.",
                 triggers: ["train_test_split(", "classifier(", "regressor(", "kmeans(", "forest(", "kfold(", "shufflesplit("], files: .python) { s, _ in
            for name in ["train_test_split"] + stochastic {
                guard let args = s.argumentsOf(name) else { continue }
                let unshuffled = args.replacingOccurrences(of: " ", with: "").contains("shuffle=False")
                if !args.contains("random_state") && !args.contains("seed") && !unshuffled { return "(\(name))" }
            }
            for name in ["KFold", "StratifiedKFold", "ShuffleSplit"] {
                guard let args = s.argumentsOf(name) else { continue }
                if args.replacingOccurrences(of: " ", with: "").contains("shuffle=True") && !args.contains("random_state") { return "(\(name))" }
            }
            return nil
        },
        HintRule(id: "REPRO-002", family: .reproducibility, severity: .medium, title: "Training entry point without global seeding",
                 issue: "This training script seeds none of Python's, NumPy's or the framework's random generators, so runs cannot be repeated.",
                 fix: "Seed random, numpy and torch (or set_seed) from the config at the start of the entry point, and record the seed.",
                 triggers: ["__main__"], files: .python) { s, f in
            guard s.has("if __name__ == \"__main__\"") || s.has("if __name__ == '__main__'") else { return nil }
            let trains = f.mentions(".fit(") || f.mentions("optimizer.step") || f.mentions("trainer.train(")
            let seeds = ["seed(", "set_seed", "manual_seed", "random_state", "seed_everything"]
            return trains && !seeds.contains(where: f.mentions) ? "" : nil
        },
        HintRule(id: "REPRO-003", family: .reproducibility, severity: .low, title: "Nondeterministic GPU settings",
                 issue: "cuDNN benchmark mode or disabled deterministic algorithms make GPU results vary between runs.",
                 fix: "For training runs that must be repeatable: torch.backends.cudnn.benchmark = False and torch.use_deterministic_algorithms(True).",
                 triggers: ["cudnn", "deterministic"], files: .python) { s, _ in
            let t = s.lower.replacingOccurrences(of: " ", with: "")
            if t.contains("cudnn.benchmark=true") || t.contains("cudnn.deterministic=false") || t.contains("use_deterministic_algorithms(false") { return "" }
            return nil
        },
        HintRule(id: "REPRO-004", family: .reproducibility, severity: .medium, title: "Model or data downloaded without a pinned revision",
                 issue: "from_pretrained or a hub download follows the latest revision, so the same code can load different weights tomorrow.",
                 fix: "Pin revision= to a commit hash (and record it with the run).",
                 triggers: ["from_pretrained(", "hf_hub_download(", "snapshot_download(", "load_dataset("], files: .python) { s, _ in
            for name in [".from_pretrained", "hf_hub_download", "snapshot_download", "load_dataset"] {
                guard let args = s.argumentsOf(name) else { continue }
                let local = args.hasPrefix("\"/") || args.hasPrefix("'/") || args.hasPrefix("\"./") || args.hasPrefix("'./") || args.hasPrefix("os.") || args.hasPrefix("path")
                if !args.contains("revision") && !local { return "" }
            }
            return nil
        },
        HintRule(id: "REPRO-005", family: .reproducibility, severity: .low, title: "Unpinned ML dependency",
                 issue: "An ML library is required without an exact version, so a rebuild can change preprocessing, defaults or numerics.",
                 fix: "Pin exact versions (==) in the training and serving environments, or use a lock file.",
                 triggers: [], files: .requirements) { s, _ in
            let t = s.lower.trimmingSpaces().replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "'", with: "").replacingOccurrences(of: ",", with: "")
            let libs = ["torch", "tensorflow", "scikit-learn", "sklearn", "xgboost", "lightgbm", "transformers", "numpy", "pandas", "keras", "catboost", "jax"]
            let name = t.prefix { $0.isLetter || $0 == "-" || $0 == "_" }
            guard libs.contains(String(name)), !t.hasPrefix("#") else { return nil }
            return t.contains("==") || t.contains("~=") ? nil : "(\(name))"
        },
    ]

    // MARK: unsafe deserialization

    static let deserialization: [HintRule] = [
        HintRule(id: "DESER-001", family: .unsafeDeserialization, severity: .high, title: "Pickle-based load of a file",
                 issue: "pickle, joblib, dill and pandas' read_pickle run code from the file they load: a tampered artifact executes on the loading machine.",
                 fix: "Load artifacts only from a trusted, integrity-checked store (pin and verify a hash), or use a format that holds no code (safetensors, ONNX, JSON).",
                 triggers: ["load", "read_pickle"], files: .python) { s, _ in
            for name in ["pickle.load", "pickle.loads", "joblib.load", "dill.load", "dill.loads", "cloudpickle.load", "pd.read_pickle", "pandas.read_pickle"] where s.calls(name) {
                return "(\(name))"
            }
            return nil
        },
        HintRule(id: "DESER-002", family: .unsafeDeserialization, severity: .high, title: "torch.load without weights_only=True",
                 issue: "torch.load unpickles the file, so a crafted checkpoint runs code when it is loaded.",
                 fix: "torch.load(path, weights_only=True), or safetensors.",
                 triggers: ["torch.load("], files: .python) { s, _ in
            guard let args = s.argumentsOf("torch.load") else { return nil }
            return args.replacingOccurrences(of: " ", with: "").contains("weights_only=True") ? nil : ""
        },
        HintRule(id: "DESER-003", family: .unsafeDeserialization, severity: .high, title: "yaml.load without a safe loader",
                 issue: "yaml.load with the full or unsafe loader can build arbitrary Python objects from the document.",
                 fix: "yaml.safe_load(...), or yaml.load(..., Loader=yaml.SafeLoader).",
                 triggers: ["yaml."], files: .python) { s, _ in
            if s.calls("yaml.unsafe_load") || s.calls("yaml.full_load") { return "" }
            guard let args = s.argumentsOf("yaml.load") else { return nil }
            return args.contains("SafeLoader") || args.contains("CSafeLoader") ? nil : ""
        },
        HintRule(id: "DESER-004", family: .unsafeDeserialization, severity: .high, title: "np.load with allow_pickle=True",
                 issue: "With allow_pickle=True, loading a .npy/.npz file can run code embedded in it.",
                 fix: "Keep allow_pickle=False and store plain arrays.",
                 triggers: ["np.load(", "numpy.load("], files: .python) { s, _ in
            guard let args = s.argumentsOf("np.load") ?? s.argumentsOf("numpy.load") else { return nil }
            return args.replacingOccurrences(of: " ", with: "").contains("allow_pickle=True") ? "" : nil
        },
        HintRule(id: "DESER-005", family: .unsafeDeserialization, severity: .high, title: "trust_remote_code=True",
                 issue: "The model repository's own Python code is downloaded and executed at load time.",
                 fix: "Avoid trust_remote_code, or pin revision= to a reviewed commit and vendor the code.",
                 triggers: ["trust_remote_code"], files: [.python, .config]) { s, _ in
            s.text.replacingOccurrences(of: " ", with: "").lowercased().contains("trust_remote_code=true")
                || s.lower.replacingOccurrences(of: " ", with: "").contains("trust_remote_code:true") ? "" : nil
        },
    ]

    // MARK: evaluation

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

    // MARK: serving

    /// A serving entry point by its folder or file name (not any path that merely contains "api").
    static func isServingPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        let dirs: Set<String> = ["serving", "serve", "server", "api", "inference", "endpoints", "endpoint", "service", "deployment", "scoring"]
        let files: Set<String> = ["app.py", "serve.py", "server.py", "predict.py", "predictor.py", "inference.py", "handler.py",
                                  "score.py", "scoring.py", "api.py", "main.py", "endpoint.py"]
        return parts.dropLast().contains(where: dirs.contains) || (parts.last.map(files.contains) ?? false)
    }

    static let serving: [HintRule] = [
        HintRule(id: "SERVE-001", family: .serving, severity: .high, title: "Fitting inside serving code",
                 issue: "Serving code fits a model or transformer, so predictions depend on whatever data reaches the server.",
                 fix: "Fit during training, ship the fitted object in the artifact, and only transform/predict in serving.",
                 triggers: [".fit(", ".fit_transform(", ".partial_fit("], files: .python) { s, f in
            guard isServingPath(f.lowerPath) else { return nil }
            return s.has(".fit(") || s.has(".fit_transform(") || s.has(".partial_fit(") ? "" : nil
        },
        HintRule(id: "SERVE-002", family: .serving, severity: .medium, title: "Model loaded on every request",
                 issue: "The model is loaded inside the request handler, so every request pays the load time and memory churns.",
                 fix: "Load the model once at start-up (module level or an app start hook) and reuse it.",
                 triggers: ["load(", "load_model(", "from_pretrained("], files: .python) { s, f in
            guard s.indent > 0 else { return nil }
            let loads = [".load(", "load_model(", ".from_pretrained("]
            guard loads.contains(where: s.text.contains) else { return nil }
            // The nearest enclosing def before it, and what decorates it.
            let before = f.statements(before: s)
            guard let def = before.last(where: { $0.indent < s.indent && $0.text.trimmingSpaces().hasPrefix("def ") }) else { return nil }
            let decorated = before.filter { $0.index < def.index && $0.index >= def.index - 3 }.contains { d in
                let t = d.text.trimmingSpaces()
                return t.hasPrefix("@app.") || t.hasPrefix("@router.") || t.hasPrefix("@bp.") || t.hasPrefix("@api.")
            }
            let name = def.text.lowercased()
            return decorated || name.contains("def predict") || name.contains("def handle") || name.contains("def score") || name.contains("def infer") ? "" : nil
        },
        HintRule(id: "SERVE-003", family: .serving, severity: .medium, title: "Debug server or all-interfaces bind in serving",
                 issue: "The serving entry point runs with debug on or binds 0.0.0.0 directly, which exposes a debugger or the raw server.",
                 fix: "Serve through a production server (gunicorn/uvicorn workers) behind the platform's ingress; never debug=True.",
                 triggers: ["debug=true", "0.0.0.0"], files: [.python, .shell]) { s, f in
            let t = s.text.replacingOccurrences(of: " ", with: "")
            if t.contains(".run(") && t.contains("debug=True") { return "" }
            if isServingPath(f.lowerPath) || f.lowerPath.hasSuffix("dockerfile") || f.lowerPath.hasSuffix(".sh") {
                if t.contains("host=\"0.0.0.0\"") || t.contains("host='0.0.0.0'") || t.contains("--host0.0.0.0") { return "" }
            }
            return nil
        },
    ]

    // MARK: monitoring

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

    // MARK: privacy

    static let personal = ["email", "phone", "ssn", "social_security", "date_of_birth", "birth_date", "dob", "home_address", "street_address",
                           "first_name", "last_name", "full_name", "passport", "credit_card", "card_number", "ip_address"]

    static let privacy: [HintRule] = [
        HintRule(id: "PRIV-001", family: .privacy, severity: .high, title: "Personal data used as a feature or logged",
                 issue: "A personal-data field is used as a model input or written to logs.",
                 fix: "Drop it from features (or justify and protect it), and log an opaque id instead of the value.",
                 triggers: ["email", "phone", "ssn", "social_security", "birth", "dob", "address", "_name", "passport", "card"], files: [.python, .sql, .config]) { s, f in
            let l = s.lower
            let sql = f.lowerPath.hasSuffix(".sql")
            guard let field = personal.first(where: { p in
                s.mentions("\"\(p)\"") || s.mentions("'\(p)'") || (sql && s.mentions(p))
            }) else { return nil }
            let logs = ["log.", "logger.", "logging.", "print("].contains(where: l.contains)
            let feature = ["feature", "columns", "cols", "x = df[", "x=df[", "select ", "inputs"].contains(where: l.contains)
                || f.mentions("features = [") && s.text.trimmingSpaces().hasPrefix("\"")
            return logs || feature ? "(\(field))" : nil
        },
    ]

    // MARK: threshold

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

    // MARK: secrets

    static func looksFake(_ value: String) -> Bool {
        let v = value.lowercased()
        return ["example", "dummy", "fake", "test", "placeholder", "changeme", "xxx", "your", "${", "<", "{{", "***", "redacted", "os.environ", "getenv"].contains(where: v.contains)
    }

    /// Shows enough of a secret to find it, never the whole of it.
    static func mask(_ value: String) -> String { String(value.prefix(4)) + "…(\(value.count) characters)" }

    static let secrets: [HintRule] = [
        HintRule(id: "SECRET-001", family: .secrets, severity: .critical, title: "Secret or credential in the change",
                 issue: "An API key, token, private key or password is committed.",
                 fix: "Remove it, rotate it now (it is in the history), and read it from the environment or a secret manager.",
                 triggers: ["akia", "ghp_", "sk-", "xox", "hf_", "begin", "://", "key", "secret", "token", "password", "passwd"], files: .any) { s, _ in
            let t = s.text
            if s.mentions("-----begin") && s.mentions("private key") { return "(a private key)" }
            // Known token shapes, each only where its prefix is present.
            for (prefix, pattern) in [("akia", #"AKIA[0-9A-Z]{16}"#), ("ghp_", #"ghp_[A-Za-z0-9]{36}"#), ("sk-", #"sk-[A-Za-z0-9_-]{20,}"#),
                                      ("xox", #"xox[bpa]-[A-Za-z0-9-]{10,}"#), ("hf_", #"hf_[A-Za-z0-9]{30,}"#)] where s.mentions(prefix) {
                if let r = t.range(of: pattern, options: .regularExpression), !looksFake(String(t[r])) { return "(\(mask(String(t[r]))))" }
            }
            guard s.mentions("\"") || s.mentions("'") || s.mentions("://") else { return nil }
            if s.mentions("@"), s.mentions("://"), let r = t.range(of: #"[a-z]+://[^/\s:@"']+:([^@\s"'/]{4,})@"#, options: .regularExpression) {
                let url = String(t[r])
                if !looksFake(url) { return "(credentials in a URI: \(mask(url)))" }
            }
            let assignment = #"(?i)(api[_-]?key|apikey|secret|token|password|passwd|access[_-]?key)["']?\s*[:=]\s*["']([^"'\s]{8,})["']"#
            guard s.mentions("=") || s.mentions(":") else { return nil }
            if ["key", "secret", "token", "passw"].contains(where: s.mentions), let r = t.range(of: assignment, options: .regularExpression) {
                let found = String(t[r])
                let value = found.split(whereSeparator: { $0 == "\"" || $0 == "'" }).last.map(String.init) ?? found
                if !looksFake(found) { return "(\(mask(value)))" }
            }
            return nil
        },
    ]
}
