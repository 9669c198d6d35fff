"""scikit-learn's metrics on fixed random inputs, for Evaluation/ReportTests.cs (run: python3 metrics.py > ../metrics.json)."""
import json
import numpy as np
from sklearn import metrics

rs = np.random.RandomState(7)
out = {"source": "tests/ShallowNet.Tests/Fixtures/scripts/metrics.py, scikit-learn"}

# binary: probabilities rounded to 1 decimal so that ties occur (AUC must count them as 1/2)
y = rs.randint(0, 2, 60)
p = np.round(np.clip(0.35 * y + rs.rand(60) * 0.65, 0, 1), 1)
pred = (p > 0.5).astype(int)
out["binary"] = {"y": y.tolist(), "p": p.tolist(), "accuracy": metrics.accuracy_score(y, pred),
    "precision": metrics.precision_score(y, pred), "recall": metrics.recall_score(y, pred), "f1": metrics.f1_score(y, pred),
    "log_loss": metrics.log_loss(y, p, labels=[0, 1]), "auc": metrics.roc_auc_score(y, p),
    "confusion": metrics.confusion_matrix(y, pred).tolist()}

# multiclass
k = 4
y = rs.randint(0, k, 80)
logits = rs.randn(k, 80) + 1.5 * np.eye(k)[:, y]
P = np.exp(logits) / np.exp(logits).sum(axis=0)
pred = P.argmax(axis=0)
out["multiclass"] = {"y": y.tolist(), "P": P.tolist(), "accuracy": metrics.accuracy_score(y, pred),
    "precision": metrics.precision_score(y, pred, average="macro", zero_division=0),
    "recall": metrics.recall_score(y, pred, average="macro", zero_division=0),
    "f1": metrics.f1_score(y, pred, average="macro", zero_division=0),
    "log_loss": metrics.log_loss(y, P.T, labels=list(range(k))), "confusion": metrics.confusion_matrix(y, pred, labels=list(range(k))).tolist()}

# regression, two targets
Y = rs.randn(2, 50)
Yhat = Y + rs.randn(2, 50) * 0.3
out["regression"] = {"Y": Y.tolist(), "Yhat": Yhat.tolist(),
    "rmse": float(np.mean([np.sqrt(metrics.mean_squared_error(Y[i], Yhat[i])) for i in range(2)])),
    "mae": metrics.mean_absolute_error(Y.T, Yhat.T), "r2": metrics.r2_score(Y.T, Yhat.T)}
print(json.dumps(out))
