"""ShallowNet against scikit-learn's MLP on scikit-learn's bundled data sets, with matching settings.

Each data set is split 75/25 (random_state 0) and written to CSV; scikit-learn's MLPClassifier / MLPRegressor and
`shallownet train` then train with the same architecture (one hidden layer of 32 ReLU units), Adam (lr 1e-3, batches
of 200), L2 alpha 1e-4 (scikit-learn's 0.5·alpha·‖W‖²/n is ShallowNet's λ/(2m)·Σ‖W‖²), 500 epochs, standardised
inputs; the test accuracy (or R²) of both is printed side by side.

    dotnet build src/ShallowNet.Cli -c Release
    python3 bench/sklearn_compare.py        (needs python3-sklearn)
"""
import json, os, subprocess, sys, tempfile, warnings
import numpy as np
from sklearn import datasets, metrics
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "src", "ShallowNet.Cli", "bin", "Release", "net10.0", "shallownet.dll")

def write_csv(path, X, y):
    with open(path, "w") as f:
        f.write(",".join(f"f{i}" for i in range(X.shape[1])) + ",y\n")
        for row, label in zip(X, y):
            f.write(",".join(repr(float(v)) for v in row) + f",{label!r}\n")

def shallownet(train, test, model, regression):
    args = ["dotnet", TOOL, "train", "--data", train, "--model", model, "--hidden", "32", "--activation", "relu",
            "--init", "glorot", "--optimizer", "adam", "--learning-rate", "0.001", "--batch-size", "200", "--epochs", "500",
            "--l2", "0.0001", "--standardize", "--validation", "0", "--seed", "0", "--quiet"]  # all 500 epochs, as scikit-learn
    if regression:
        args += ["--output", "identity"]
    subprocess.run(args, check=True, capture_output=True)
    out = subprocess.run(["dotnet", TOOL, "evaluate", "--model", model, "--data", test, "--json"], check=True, capture_output=True, text=True)
    report = json.loads(out.stdout)
    return report["r2"] if regression else report["accuracy"]

rows = []
for name, loader, regression in [("iris", datasets.load_iris, False), ("wine", datasets.load_wine, False),
                                 ("breast_cancer", datasets.load_breast_cancer, False), ("digits", datasets.load_digits, False),
                                 ("diabetes", datasets.load_diabetes, True)]:
    X, y = loader(return_X_y=True)
    if regression:
        y = (y - y.mean()) / y.std()   # both tools see the same standardised target
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    scaler = StandardScaler().fit(Xtr)
    est = (MLPRegressor if regression else MLPClassifier)(hidden_layer_sizes=(32,), activation="relu", solver="adam",
          learning_rate_init=1e-3, batch_size=200, alpha=1e-4, max_iter=500, random_state=0)
    est.fit(scaler.transform(Xtr), ytr)
    pred = est.predict(scaler.transform(Xte))
    sk = metrics.r2_score(yte, pred) if regression else metrics.accuracy_score(yte, pred)
    with tempfile.TemporaryDirectory() as d:
        train, test = os.path.join(d, "train.csv"), os.path.join(d, "test.csv")
        write_csv(train, Xtr, ytr); write_csv(test, Xte, yte)
        ours = shallownet(train, test, os.path.join(d, "m.json"), regression)
    rows.append((name, "R2" if regression else "accuracy", sk, ours))

print(f"{'data set':<15}{'metric':<10}{'scikit-learn':>14}{'ShallowNet':>12}")
for name, metric, sk, ours in rows:
    print(f"{name:<15}{metric:<10}{sk:>14.4f}{ours:>12.4f}{'   ok' if ours >= sk - 1e-9 else '   BELOW'}")
