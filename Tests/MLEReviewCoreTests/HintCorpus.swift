import MLEReviewCore
import Testing

/// The labelled set the scanner is measured on: small added files with a planted problem, and
/// look-alike clean code that must stay quiet. `expected` lists the rules that must fire.
struct HintCase: Sendable, CustomTestStringConvertible {
    var name: String
    var path: String
    var code: String
    var expected: Set<String>
    var testDescription: String { name }

    /// The code as a new file in a git diff.
    var diff: String {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let body = lines.map { "+" + $0 }.joined(separator: "\n")
        return "diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1,\(lines.count) @@\n\(body)\n"
    }
}

enum HintCorpus {
    static let cases: [HintCase] = [
        // leakage
        HintCase(name: "scaler fitted on all rows, split after", path: "train.py", code: """
        from sklearn.preprocessing import StandardScaler
        from sklearn.model_selection import train_test_split
        X = StandardScaler().fit_transform(X)
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        """, expected: ["LEAK-001"]),
        HintCase(name: "clean: scaler fitted on the training rows", path: "train.py", code: """
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        scaler = StandardScaler().fit(X_train)
        X_test = scaler.transform(X_test)
        """, expected: []),
        HintCase(name: "clean: scaler inside a Pipeline", path: "train.py", code: """
        model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=200))
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        model.fit(X_train, y_train)
        """, expected: []),
        HintCase(name: "feature selection on everything, aliased split", path: "features.py", code: """
        from sklearn.model_selection import train_test_split as tts
        selector = SelectKBest(k=20)
        X_sel = selector.fit_transform(
            X,
            y,
        )
        a, b, c, d = tts(X_sel, y, random_state=1)
        """, expected: ["LEAK-001"]),
        HintCase(name: "scaler refitted on the test rows", path: "evaluate.py", code: """
        X_test_scaled = scaler.fit_transform(X_test)
        """, expected: ["LEAK-001"]),
        HintCase(name: "SMOTE before the split", path: "balance.py", code: """
        X_res, y_res = SMOTE().fit_resample(X, y)
        X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, random_state=3)
        """, expected: ["LEAK-002"]),
        HintCase(name: "clean: SMOTE on the training rows", path: "balance.py", code: """
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=3)
        X_res, y_res = SMOTE(random_state=3).fit_resample(X_train, y_train)
        """, expected: []),
        HintCase(name: "early stopping on the test set", path: "train_xgb.py", code: """
        model = XGBClassifier(random_state=0)
        model.fit(X_train, y_train, eval_set=[(X_test, y_test)], early_stopping_rounds=20)
        """, expected: ["LEAK-003"]),
        HintCase(name: "clean: early stopping on a validation set", path: "train_xgb.py", code: """
        model = XGBClassifier(random_state=0)
        model.fit(X_train, y_train, eval_set=[(X_val, y_val)], early_stopping_rounds=20)
        """, expected: []),
        HintCase(name: "shuffled split on timestamped events", path: "split.py", code: """
        df["event_time"] = pd.to_datetime(df["event_time"])
        train, test = train_test_split(df, test_size=0.2, random_state=7)
        """, expected: ["LEAK-004"]),
        HintCase(name: "clean: time-ordered split", path: "split.py", code: """
        df["event_time"] = pd.to_datetime(df["event_time"])
        train, test = train_test_split(df, test_size=0.2, shuffle=False)
        """, expected: []),
        HintCase(name: "look-ahead shift", path: "features.py", code: """
        df["next_day_sales"] = df.groupby("store")["sales"].shift(-1)
        """, expected: ["LEAK-005"]),
        HintCase(name: "centred rolling window and backfill", path: "features.py", code: """
        df["avg7"] = df["sales"].rolling(7, center=True).mean()
        df["price"] = df["price"].bfill()
        """, expected: ["LEAK-005"]),
        HintCase(name: "clean: lag feature and trailing window", path: "features.py", code: """
        df["prev_day_sales"] = df.groupby("store")["sales"].shift(1)
        df["avg7"] = df["sales"].rolling(7).mean()
        """, expected: []),
        HintCase(name: "customers split at random", path: "split.py", code: """
        features = df[["customer_id", "tenure", "spend"]]
        X_train, X_test = train_test_split(features, random_state=0)
        """, expected: ["LEAK-006"]),
        HintCase(name: "clean: grouped split by customer", path: "split.py", code: """
        splitter = GroupShuffleSplit(test_size=0.2, random_state=0)
        train_idx, test_idx = next(splitter.split(df, groups=df["customer_id"]))
        """, expected: []),
        // reproducibility
        HintCase(name: "split and forest without a seed", path: "train.py", code: """
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
        model = RandomForestClassifier(n_estimators=300)
        """, expected: ["REPRO-001"]),
        HintCase(name: "clean: seeded split and forest", path: "train.py", code: """
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=cfg.seed)
        model = RandomForestClassifier(n_estimators=300, random_state=cfg.seed)
        """, expected: []),
        HintCase(name: "training script with no seeding", path: "train_entry.py", code: """
        def main():
            for batch in loader:
                loss = model(batch).mean()
                loss.backward()
                optimizer.step()

        if __name__ == "__main__":
            main()
        """, expected: ["REPRO-002"]),
        HintCase(name: "clean: training script seeds everything", path: "train_entry.py", code: """
        def main(seed=7):
            torch.manual_seed(seed)
            model.fit(X, y)

        if __name__ == "__main__":
            main()
        """, expected: []),
        HintCase(name: "cudnn benchmark on", path: "train_torch.py", code: """
        torch.backends.cudnn.benchmark = True
        """, expected: ["REPRO-003"]),
        HintCase(name: "hub model without a revision", path: "model.py", code: """
        tok = AutoTokenizer.from_pretrained("bert-base-uncased")
        """, expected: ["REPRO-004"]),
        HintCase(name: "clean: pinned hub model and a local path", path: "model.py", code: """
        tok = AutoTokenizer.from_pretrained("bert-base-uncased", revision="86b5e0934494bd15c9632b12f734a8a67f723594")
        local = AutoModel.from_pretrained("./artifacts/model")
        """, expected: []),
        HintCase(name: "unpinned ML requirements", path: "requirements.txt", code: """
        scikit-learn>=1.2
        torch
        requests==2.31.0
        """, expected: ["REPRO-005"]),
        HintCase(name: "clean: pinned ML requirements", path: "requirements.txt", code: """
        scikit-learn==1.4.2
        torch==2.3.1
        """, expected: []),
        // unsafe deserialization
        HintCase(name: "aliased joblib load", path: "serve.py", code: """
        import joblib as jl
        model = jl.load(path)
        """, expected: ["DESER-001"]),
        HintCase(name: "pickle from a from-import", path: "load.py", code: """
        from pickle import load
        with open(p, "rb") as f:
            obj = load(f)
        """, expected: ["DESER-001"]),
        HintCase(name: "torch.load without weights_only", path: "infer.py", code: """
        state = torch.load("ckpt.pt", map_location="cpu")
        """, expected: ["DESER-002"]),
        HintCase(name: "clean: torch.load with weights_only", path: "infer.py", code: """
        state = torch.load("ckpt.pt", map_location="cpu", weights_only=True)
        """, expected: []),
        HintCase(name: "yaml.load without a loader", path: "config.py", code: """
        cfg = yaml.load(open("cfg.yaml"))
        """, expected: ["DESER-003"]),
        HintCase(name: "clean: yaml.safe_load and SafeLoader", path: "config.py", code: """
        cfg = yaml.safe_load(open("cfg.yaml"))
        other = yaml.load(text, Loader=yaml.SafeLoader)
        """, expected: []),
        HintCase(name: "np.load with allow_pickle", path: "data.py", code: """
        arr = np.load("feats.npy", allow_pickle=True)
        """, expected: ["DESER-004"]),
        HintCase(name: "trust_remote_code", path: "model.py", code: """
        m = AutoModel.from_pretrained("org/model", revision="abc123", trust_remote_code=True)
        """, expected: ["DESER-005"]),
        // evaluation
        HintCase(name: "metric on training labels", path: "evaluate.py", code: """
        print(roc_auc_score(y_train, model.predict_proba(X_train)[:, 1]))
        """, expected: ["EVAL-001"]),
        HintCase(name: "accuracy as the only metric", path: "evaluate.py", code: """
        acc = accuracy_score(y_test, model.predict(X_test))
        """, expected: ["EVAL-002"]),
        HintCase(name: "clean: accuracy with recall and precision", path: "evaluate.py", code: """
        acc = accuracy_score(y_test, pred)
        rec = recall_score(y_test, pred)
        prec = precision_score(y_test, pred)
        """, expected: []),
        HintCase(name: "promoted with no gate", path: "register.py", code: """
        version = mlflow.register_model(f"runs:/{run_id}/model", "churn")
        client.set_registered_model_alias("churn", "champion", version.version)
        """, expected: ["EVAL-003"]),
        HintCase(name: "clean: registration behind a gate", path: "register.py", code: """
        if new_auc > prod_auc + 0.005:
            mlflow.register_model(f"runs:/{run_id}/model", "churn")
        """, expected: []),
        HintCase(name: "torch predict without eval or no_grad", path: "predictor.py", code: """
        import torch
        def predict(model, x):
            return model(x).argmax(-1)
        """, expected: ["EVAL-004"]),
        // serving
        HintCase(name: "fit inside the serving app", path: "serving/app.py", code: """
        scaler = StandardScaler().fit(request_batch)
        """, expected: ["SERVE-001"]),
        HintCase(name: "model loaded per request", path: "serving/api.py", code: """
        @app.post("/predict")
        def predict(req):
            model = joblib.load("model.joblib")  # mle-review: ignore[DESER-001] artifact store is signed
            return model.predict(req.x)
        """, expected: ["SERVE-002"]),
        HintCase(name: "clean: model loaded once at start-up", path: "serving/api.py", code: """
        MODEL = load_model(os.environ["MODEL_URI"])

        @app.post("/predict")
        def predict(req):
            return MODEL.predict(req.x)
        """, expected: []),
        HintCase(name: "debug server on all interfaces", path: "serving/app.py", code: """
        app.run(host="0.0.0.0", port=8080, debug=True)
        """, expected: ["SERVE-003"]),
        // monitoring
        HintCase(name: "prediction errors become zero", path: "score.py", code: """
        def predict(x):
            try:
                return model.predict(x)
            except Exception:
                return 0.0
        """, expected: ["MON-001"]),
        HintCase(name: "clean: prediction errors logged and raised", path: "score.py", code: """
        def predict(x):
            try:
                return model.predict(x)
            except ValueError:
                logger.exception("bad input")
                raise
        """, expected: []),
        HintCase(name: "prediction logged without a version", path: "score.py", code: """
        logger.info("prediction=%s", pred)
        """, expected: ["MON-002"]),
        HintCase(name: "clean: prediction logged with the model version", path: "score.py", code: """
        logger.info("prediction=%s model_version=%s", pred, MODEL_VERSION)
        """, expected: []),
        // privacy
        HintCase(name: "email in the feature list", path: "features.py", code: """
        FEATURES = ["tenure", "spend", "email", "plan"]
        """, expected: ["PRIV-001"]),
        HintCase(name: "phone number logged", path: "serve.py", code: """
        log.info("scored %s", row["phone"])
        """, expected: ["PRIV-001", "MON-002"]),
        HintCase(name: "clean: hashed id logged", path: "serve.py", code: """
        log.info("scored %s model_version=%s", row["customer_hash"], VERSION)
        """, expected: []),
        HintCase(name: "SQL feature query selects personal data", path: "features/customers.sql", code: """
        SELECT customer_id, email, tenure_days
        FROM customers
        """, expected: ["PRIV-001"]),
        HintCase(name: "clean: SQL feature query with a hashed id", path: "features/customers.sql", code: """
        SELECT customer_hash, tenure_days
        FROM customers
        """, expected: []),
        HintCase(name: "YAML config runs remote code", path: "configs/model.yaml", code: """
        model: org/classifier
        trust_remote_code: true
        """, expected: ["DESER-005"]),
        // threshold
        HintCase(name: "magic threshold on a probability", path: "decide.py", code: """
        approve = proba > 0.73
        """, expected: ["THRESH-001"]),
        HintCase(name: "clean: threshold from config", path: "decide.py", code: """
        approve = proba > cfg.decision_threshold
        """, expected: []),
        // secrets
        HintCase(name: "AWS key in code", path: "upload.py", code: """
        s3 = boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7QWERTYZ")
        """, expected: ["SECRET-001"]),
        HintCase(name: "password in a database URI", path: "etl.py", code: """
        engine = create_engine("postgresql://etl:Hunter2Secret@db.internal:5432/warehouse")
        """, expected: ["SECRET-001"]),
        HintCase(name: "API key in YAML", path: "configs/serving.yaml", code: """
        api_key: "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
        """, expected: ["SECRET-001"]),
        HintCase(name: "clean: example key in a test and a key from the environment", path: "tests/test_client.py", code: """
        API_KEY = "example-key-for-tests"
        token = os.environ["API_TOKEN"]
        """, expected: []),
    ]
}
