/// The bundled sample pull request of `mle-review demo`: a churn model moves to gradient boosting
/// and gains an online scoring endpoint, with the problems such changes really have (a scaler
/// fitted before the split, a random split, a post-outcome feature, an unpinned model load,
/// preprocessing copied into serving, PII in logs, uptime-only monitoring). Kept in source so the
/// demo works from any copy of the binary.
public enum DemoPullRequest {
    public static let label = "demo: churn model → gradient boosting + online scoring"

    public static let diff = #"""
diff --git a/configs/train.yaml b/configs/train.yaml
index f8916b7..73792c7 100644
--- a/configs/train.yaml
+++ b/configs/train.yaml
@@ -1,4 +1,3 @@
-dataset: s3://ml-data/churn/snapshot=2026-10-01/
-model: logistic_regression
-threshold: 0.5
-seed: 7
+dataset: s3://ml-data/churn/latest/
+model: gradient_boosting
+threshold: 0.35
diff --git a/pipelines/train.py b/pipelines/train.py
index f507c60..c3b0165 100644
--- a/pipelines/train.py
+++ b/pipelines/train.py
@@ -1,10 +1,18 @@
 """Train the churn model from the weekly customer snapshot."""
+import joblib
 import pandas as pd
-from sklearn.linear_model import LogisticRegression
+from sklearn.ensemble import GradientBoostingClassifier
+from sklearn.metrics import roc_auc_score
 from sklearn.model_selection import train_test_split
 from sklearn.preprocessing import StandardScaler
 
-FEATURES = ["tenure_days", "monthly_spend", "support_tickets", "last_login_days"]
+FEATURES = [
+    "tenure_days",
+    "monthly_spend",
+    "support_tickets",
+    "last_login_days",
+    "cancellation_reason_code",
+]
 
 
 def load(path):
@@ -14,10 +22,13 @@ def load(path):
 def train(path, out_path):
     df = load(path)
     X, y = df[FEATURES], df["churned"]
-    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)
-    scaler = StandardScaler().fit(X_train)
-    model = LogisticRegression(max_iter=200)
-    model.fit(scaler.transform(X_train), y_train)
-    score = model.score(scaler.transform(X_test), y_test)
-    print(f"accuracy={score:.3f}")
+    scaler = StandardScaler()
+    X = scaler.fit_transform(X)
+    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
+    model = GradientBoostingClassifier(n_estimators=300)
+    model.fit(X_train, y_train)
+    auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
+    print(f"auc={auc:.3f}")
+    if auc > 0.80:
+        joblib.dump({"model": model, "scaler": scaler}, out_path)
     return model, scaler
diff --git a/serving/predict.py b/serving/predict.py
new file mode 100644
index 0000000..659474c
--- /dev/null
+++ b/serving/predict.py
@@ -0,0 +1,21 @@
+"""Online churn scoring."""
+import logging
+import os
+
+import joblib
+import numpy as np
+
+log = logging.getLogger("churn")
+bundle = joblib.load(os.environ.get("MODEL_PATH", "/models/churn/latest.pkl"))
+
+MEANS = np.array([412.0, 58.3, 1.7, 9.2, 0.0])
+STDS = np.array([380.0, 41.0, 2.9, 14.5, 1.0])
+
+
+def score(customer):
+    x = np.array([[customer[f] for f in ("tenure_days", "monthly_spend", "support_tickets",
+                                         "last_login_days", "cancellation_reason_code")]])
+    x = (x - MEANS) / STDS
+    p = bundle["model"].predict_proba(x)[0, 1]
+    log.info("scored %s p=%.3f", customer["email"], p)
+    return {"churn_probability": float(p), "churn": p > 0.35}
diff --git a/tests/test_predict.py b/tests/test_predict.py
new file mode 100644
index 0000000..3449343
--- /dev/null
+++ b/tests/test_predict.py
@@ -0,0 +1,7 @@
+from serving.predict import score
+
+
+def test_score_returns_probability():
+    out = score({"email": "a@example.com", "tenure_days": 10, "monthly_spend": 20.0,
+                 "support_tickets": 0, "last_login_days": 1, "cancellation_reason_code": 0})
+    assert 0.0 <= out["churn_probability"] <= 1.0
"""#

    /// What an AI reviewer said about it, imported as proposals on first open so the accept and
    /// dismiss flow can be tried.
    public static let aiReview = #"""
[HIGH] Scaler fitted on the full dataset before the split
File: pipelines/train.py:26
Issue: StandardScaler.fit_transform sees the test rows, so the AUC the promotion gate reads is optimistic.
Fix: Split first, then fit the scaler on the training rows only (an sklearn Pipeline does this).

[HIGH] Post-outcome feature in the training set
File: pipelines/train.py:14
Issue: cancellation_reason_code is only known after a customer churned: the model learns the label.
Fix: Drop the field, and add a test that every feature has a timestamp before the prediction time.

[MEDIUM] Model loaded from an unpinned path
File: serving/predict.py:9
Issue: MODEL_PATH defaults to latest.pkl, so any retraining changes what serves without a rollout.
Fix: Pin the artifact version in config and log it with every prediction.

Decision: BLOCK
Primary risks: data leakage, unsafe serving
Tests run: pytest tests/ -q: 1 passed
"""#
}
