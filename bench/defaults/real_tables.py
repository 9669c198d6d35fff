#!/usr/bin/python3
"""ShallowNet's defaults on real tables (text columns, missing values, ids, dates) against scikit-learn's usual pipeline.

Each table is split 75/25 (random_state=0, stratified for classes) and written as CSV, as a user would have it.
ShallowNet: `train --data train.csv --label L` and nothing else, then `evaluate --json` on the test rows.
scikit-learn: the pipeline its documentation teaches for mixed tables: numbers imputed by the median and standardised,
text imputed by the most frequent value and one-hot encoded (unknown categories ignored), then MLPClassifier or
MLPRegressor with their defaults; for regression also with the target standardised (TransformedTargetRegressor), since
the plain MLPRegressor is far off on targets in the hundreds or thousands.

    /usr/bin/python3 bench/defaults/real_tables.py [--shallownet PATH] [--only titanic,mpg]
"""
import argparse
import csv
import gzip
import json
import os
import subprocess
import tempfile
import time
import warnings

import numpy as np
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOOL = os.path.join(ROOT, "src", "ShallowNet.Cli", "bin", "Release", "net10.0", "shallownet")
MISSING = {"", "NA", "N/A", "NaN", "nan", "?", "null", "NULL"}

# (file, label, classification, columns dropped because they restate the label)
TABLES = [
    ("titanic.csv", "survived", True, ["alive"]),
    ("penguins.csv", "species", True, []),
    ("taxis.csv.gz", "payment", True, []),
    ("mpg.csv", "mpg", False, []),
    ("tips.csv", "tip", False, []),
    ("diamonds.csv.gz", "price", False, []),
]


def read(name, label, dropped):
    opener = gzip.open if name.endswith(".gz") else open
    with opener(os.path.join(HERE, "tables", name), "rt", newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    keep = [i for i, h in enumerate(header) if h not in dropped]
    header = [header[i] for i in keep]
    rows = [[r[i] for i in keep] for r in rows if r[header.index(label)] not in MISSING]
    return header, rows


def is_number(cell):
    try:
        return np.isfinite(float(cell))
    except ValueError:
        return False


def sklearn_score(header, train, test, label, classification):
    li = header.index(label)
    features = [i for i in range(len(header)) if i != li]
    numeric = [i for i in features if all(r[i] in MISSING or is_number(r[i]) for r in train)]
    text = [i for i in features if i not in numeric]

    def matrix(rows):
        x = np.empty((len(rows), len(features)), dtype=object)
        for j, i in enumerate(features):
            for k, r in enumerate(rows):
                cell = r[i]
                x[k, j] = (np.nan if cell in MISSING else float(cell)) if i in numeric else (np.nan if cell in MISSING else cell)
        return x

    pos = {i: j for j, i in enumerate(features)}
    prep = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), [pos[i] for i in numeric]),
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), [pos[i] for i in text]),
    ])
    xtr, xte = matrix(train), matrix(test)
    scores = []
    if classification:
        models = [make_pipeline(prep, MLPClassifier(random_state=0))]
        ytr, yte = [r[li] for r in train], [r[li] for r in test]
    else:
        models = [make_pipeline(prep, MLPRegressor(random_state=0)),
                  TransformedTargetRegressor(make_pipeline(prep, MLPRegressor(random_state=0)), transformer=StandardScaler())]
        ytr, yte = np.array([float(r[li]) for r in train]), np.array([float(r[li]) for r in test])
    for model in models:
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(xtr, ytr)
        seconds = time.perf_counter() - start
        predicted = model.predict(xte)
        scores.append((accuracy_score(yte, predicted) if classification else r2_score(yte, predicted), seconds))
    return scores


def shallownet_score(tool, header, train, test, label, classification, folder, extra):
    paths = {}
    for part, rows in (("train", train), ("test", test)):
        paths[part] = os.path.join(folder, f"{part}.csv")
        with open(paths[part], "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
    model, metrics = os.path.join(folder, "m.json"), os.path.join(folder, "metrics.json")
    run = subprocess.run([tool, "train", "--data", paths["train"], "--label", label, "--model", model, "--metrics", metrics, "--quiet", *extra],
                         capture_output=True, text=True, check=True)
    warn = [line for line in run.stderr.splitlines() if "warning" in line]
    evaluation = json.loads(subprocess.run([tool, "evaluate", "--model", model, "--data", paths["test"], "--json"],
                                           capture_output=True, text=True, check=True).stdout)
    with open(metrics) as f:
        m = json.load(f)
    return evaluation["accuracy" if classification else "r2"], m["train_seconds"], m["epochs"], warn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shallownet", default=TOOL)
    parser.add_argument("--only", default=None)
    parser.add_argument("--extra", default="", help="train options added to --label, e.g. \"--patience 50\"")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    print("| table | rows × columns | task | ShallowNet defaults | s | epochs | scikit-learn pipeline | s | with scaled target | s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, label, classification, dropped in TABLES:
        short = name.split(".")[0]
        if only and short not in only:
            continue
        header, rows = read(name, label, dropped)
        li = header.index(label)
        stratify = [r[li] for r in rows] if classification else None
        train, test = train_test_split(rows, test_size=0.25, random_state=0, stratify=stratify)
        with tempfile.TemporaryDirectory() as folder:
            ours, seconds, epochs, warn = shallownet_score(args.shallownet, header, train, test, label, classification, folder, args.extra.split())
        theirs = sklearn_score(header, train, test, label, classification)
        scaled = f"{theirs[1][0]:.4f} | {theirs[1][1]:.2f}" if len(theirs) > 1 else "| "
        task = "accuracy" if classification else "R²"
        print(f"| {short} | {len(rows)} × {len(header)} | {task} | {ours:.4f} | {seconds:.2f} | {epochs} | {theirs[0][0]:.4f} | {theirs[0][1]:.2f} | {scaled} |")
        for line in warn:
            print(f"  {short}: {line}")


if __name__ == "__main__":
    main()
