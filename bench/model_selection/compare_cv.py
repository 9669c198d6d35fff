"""Cross-validation, ShallowNet against scikit-learn, on the same folds.

For each of scikit-learn's bundled sets, the folds of StratifiedKFold(5, shuffle=True, random_state=0) are written as a
folds file (header `fold`, one fold number per data row); scikit-learn scores
make_pipeline(StandardScaler(), MLPClassifier(random_state=0)) on those folds with cross_val_score(cv=PredefinedSplit),
and `shallownet cv --folds-file` scores ShallowNet's defaults (or the options given with --extra) on the same folds.
Both fit the scaler on the training folds only. Prints mean and std of accuracy for each and the difference.

    /usr/bin/python3 bench/model_selection/compare_cv.py [--shallownet PATH] [--extra "--epochs 200"]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from sklearn.model_selection import PredefinedSplit, StratifiedKFold, cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_TOOL = os.path.join(ROOT, "src", "ShallowNet.Cli", "bin", "Release", "net10.0", "shallownet")


def write_csv(path, x, y):
    with open(path, "w") as f:
        f.write(",".join([f"x{j}" for j in range(x.shape[1])] + ["y"]) + "\n")
        for row, label in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + f",{int(label)}\n")


def main():
    warnings.filterwarnings("ignore", message="Stochastic Optimizer")
    parser = argparse.ArgumentParser()
    parser.add_argument("--shallownet", default=DEFAULT_TOOL)
    parser.add_argument("--extra", default="", help="more options for shallownet cv")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    sets = {"iris": load_iris, "wine": load_wine, "breast_cancer": load_breast_cancer, "digits": load_digits}
    print(f"{'data set':<15}{'m':>6}  {'ShallowNet':>17}{'s':>7}  {'scikit-learn':>17}{'s':>7}  {'difference':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, load in sets.items():
            x, y = load(return_X_y=True)
            folds = np.empty(len(y), dtype=int)
            for f, (_, test) in enumerate(StratifiedKFold(args.folds, shuffle=True, random_state=0).split(x, y)):
                folds[test] = f
            data, folds_file = os.path.join(tmp, f"{name}.csv"), os.path.join(tmp, f"{name}_folds.csv")
            write_csv(data, x, y)
            with open(folds_file, "w") as f:
                f.write("fold\n" + "".join(f"{v}\n" for v in folds))

            start = time.perf_counter()
            model = make_pipeline(StandardScaler(), MLPClassifier(random_state=0))
            sk = cross_val_score(model, x, y, cv=PredefinedSplit(folds), scoring="accuracy")
            sk_seconds = time.perf_counter() - start

            start = time.perf_counter()
            out = subprocess.run([args.shallownet, "cv", "--data", data, "--label", "y", "--folds-file", folds_file, "--json", *args.extra.split()],
                                 check=True, capture_output=True, text=True).stdout
            sn_seconds = time.perf_counter() - start
            sn = json.loads(out)["accuracy"]
            print(f"{name:<15}{len(y):>6}  {sn['mean']:>8.4f} ± {sn['std']:.4f}{sn_seconds:>7.2f}  {sk.mean():>8.4f} ± {sk.std():.4f}{sk_seconds:>7.2f}  {sn['mean'] - sk.mean():>+10.4f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
