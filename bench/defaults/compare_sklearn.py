#!/usr/bin/python3
"""ShallowNet's defaults (train with only --label) against scikit-learn's MLP behind a StandardScaler.

Each data set is split 75/25 (random_state=0, stratified for classes); both tools train on the same 75% and are
scored on the same 25%: test accuracy for classes, R^2 for diabetes. ShallowNet reads the split as CSV files, as a user
would give their own table; its training time is the model's train_seconds (the loop only), scikit-learn's is fit().

    /usr/bin/python3 bench/defaults/compare_sklearn.py     # Debian's python3-sklearn [--shallownet PATH] [--preset NAME] [--only a,b] [--keep DIR]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

from sklearn import datasets
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "src", "ShallowNet.Cli", "bin", "Release", "net10.0", "shallownet")


def data_sets():
    """(name, X, y, is_classification) for every data set of the comparison."""
    for name, loader in [("breast_cancer", datasets.load_breast_cancer), ("digits", datasets.load_digits),
                         ("wine", datasets.load_wine), ("iris", datasets.load_iris)]:
        d = loader()
        yield name, d.data, d.target, True
    d = datasets.load_diabetes()
    yield "diabetes", d.data, d.target, False
    x, y = datasets.make_moons(n_samples=1000, noise=0.2, random_state=0)
    yield "moons", x, y, True
    x, y = datasets.make_circles(n_samples=1000, noise=0.2, factor=0.5, random_state=0)
    yield "circles", x, y, True


def write_csv(path, x, y):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"x{j}" for j in range(x.shape[1])] + ["y"])
        for row, label in zip(x, y):
            w.writerow([repr(float(v)) for v in row] + [label.item() if hasattr(label, "item") else label])


def run_shallownet(tool, folder, name, preset, extra):
    train, test, model, metrics_file = (os.path.join(folder, f"{name}_{part}") for part in ("train.csv", "test.csv", "model.json", "metrics.json"))
    args = [tool, "train", "--data", train, "--label", "y", "--model", model, "--metrics", metrics_file, "--quiet"]
    if preset:
        args += ["--preset", preset]
    args += extra.split()
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        return None, wall, None, (done.stdout + done.stderr).strip().splitlines()[-1]
    scored = subprocess.run([tool, "evaluate", "--model", model, "--data", test, "--json"], capture_output=True, text=True, check=True)
    metrics = json.loads(scored.stdout)
    with open(metrics_file) as f:
        training = json.load(f)
    epochs = training.get("epochs")
    seconds = training.get("train_seconds", wall)
    return metrics.get("accuracy", metrics.get("r2")), seconds, epochs, None


def run_sklearn(x_train, y_train, x_test, y_test, classification):
    estimator = MLPClassifier(random_state=0) if classification else MLPRegressor(random_state=0)
    pipe = make_pipeline(StandardScaler(), estimator)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        started = time.perf_counter()
        pipe.fit(x_train, y_train)
        seconds = time.perf_counter() - started
    predicted = pipe.predict(x_test)
    score = accuracy_score(y_test, predicted) if classification else r2_score(y_test, predicted)
    return score, seconds, pipe[-1].n_iter_


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shallownet", default=TOOL)
    parser.add_argument("--preset", default=None, help="pass --preset NAME to shallownet (default: none, its defaults)")
    parser.add_argument("--only", default=None)
    parser.add_argument("--extra", default="", help="more shallownet train options, e.g. '--patience 50'")
    parser.add_argument("--no-sklearn", action="store_true", help="ShallowNet's column only")
    parser.add_argument("--keep", default=None, help="write the CSV files and models here instead of a temporary folder")
    a = parser.parse_args()
    only = set(a.only.split(",")) if a.only else None
    folder = a.keep or tempfile.mkdtemp(prefix="shallownet-defaults-")
    os.makedirs(folder, exist_ok=True)
    print("| data set | m train / test, n_x | metric | ShallowNet | epochs | seconds | scikit-learn | iterations | seconds | difference |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, x, y, classification in data_sets():
        if only and name not in only:
            continue
        x_train, x_test, y_train, y_test = train_test_split(
            x, y, test_size=0.25, random_state=0, stratify=y if classification else None)
        write_csv(os.path.join(folder, f"{name}_train.csv"), x_train, y_train)
        write_csv(os.path.join(folder, f"{name}_test.csv"), x_test, y_test)
        ours, our_seconds, epochs, error = run_shallownet(a.shallownet, folder, name, a.preset, a.extra)
        theirs, their_seconds, iterations = (float("nan"), 0.0, 0) if a.no_sklearn else run_sklearn(x_train, y_train, x_test, y_test, classification)
        metric = "accuracy" if classification else "R²"
        shown = f"{ours:.4f}" if ours is not None else f"failed: {error}"
        diff = f"{ours - theirs:+.4f}" if ours is not None else "n/a"
        print(f"| {name} | {len(y_train)} / {len(y_test)}, {x.shape[1]} | {metric} | {shown} | {epochs} | {our_seconds:.3f} | "
              f"{theirs:.4f} | {iterations} | {their_seconds:.3f} | {diff} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
