#!/usr/bin/env python3
"""Side by side: the issue's workloads in ShallowNet (the C# workload runner) and in NumPy / PyTorch.

Runs the same shapes, epochs and precisions as bench/ShallowNet.Bench.Workloads, takes the median of --runs runs of
each, and prints one table with the ratios (other / ShallowNet: above 1 means ShallowNet is faster).

    dotnet build bench/ShallowNet.Bench.Workloads -c Release
    dotnet build src/ShallowNet.Cli -c Release                                       # the JIT build of the tool
    dotnet publish src/ShallowNet.Cli -c Release -r linux-x64 -p:PublishAot=true    # its native build (optional)
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare.py [--runs 5] [--threads 2]
        [--cat-epochs 2500] [--skip-dotnet] [--only planar,wide,cat]
        [--levels default,DOTNET_EnableAVX512=0,DOTNET_EnableAVX=0]   # one ShallowNet table per vector width
        [--rounds 3]   # workload by workload, ShallowNet's levels then NumPy/PyTorch, R times: ratios per round

NumPy and PyTorch run at each level's vector width too (--python-at native keeps them at the machine's best): an
AVX2 machine's NumPy runs OpenBLAS's Haswell kernels, not the Cooperlake ones it picks on an AVX-512 machine, so a
ShallowNet level with AVX-512 turned off is compared with OpenBLAS (OPENBLAS_CORETYPE) and PyTorch's kernels
(ATEN_CPU_CAPABILITY, ONEDNN_MAX_CPU_ISA) turned down to the same width. The table names the BLAS core each ran.

On a shared host the load moves within minutes, so a ratio between two numbers measured minutes apart carries that
move. With --rounds R each workload runs at every level and then in NumPy and PyTorch, back to back, R times over; the
table then gives each ratio's median over the rounds and its range.

Needs numpy (Debian: python3-numpy) with OpenBLAS (libopenblas0-pthread; without it Debian's numpy uses the reference
BLAS, ~50x slower); PyTorch (python3-torch) is used when importable. Unset OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE for the benchmark only (they pin an older, slower OpenBLAS kernel on this machine); the script
prints which BLAS NumPy runs.
"""

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

try:
    import torch
except ImportError:  # PyTorch is optional
    torch = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def planar_data():
    """The course's load_planar_dataset (np.random.seed(1), m = 400)."""
    np.random.seed(1)
    m, n, d, a = 400, 200, 2, 4
    x = np.zeros((m, d))
    y = np.zeros((m, 1), dtype="uint8")
    for j in range(2):
        ix = range(n * j, n * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + np.random.randn(n) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(n) * 0.2
        x[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return x.T, y.T.astype(np.float64)


def numpy_train(x, y, sizes, acts, epochs, lr, init, seed, dtype):
    """Full-batch gradient descent, the course's vectorised code, for L layers."""
    np.random.seed(seed)
    params = []
    for l in range(1, len(sizes)):
        w = np.random.randn(sizes[l], sizes[l - 1])
        w = w * 0.01 if init == "small" else w / np.sqrt(sizes[l - 1])
        params.append([w.astype(dtype), np.zeros((sizes[l], 1), dtype=dtype)])
    x = x.astype(dtype)
    y = y.astype(dtype)
    m = x.shape[1]
    for _ in range(epochs):
        a_s, z_s = [x], []
        for (w, b), g in zip(params, acts):
            z = np.dot(w, a_s[-1]) + b
            a = np.tanh(z) if g == "tanh" else np.maximum(0, z) if g == "relu" else 1 / (1 + np.exp(-z))
            z_s.append(z)
            a_s.append(a)
        dz = a_s[-1] - y
        for l in range(len(params) - 1, -1, -1):
            w, b = params[l]
            dw = np.dot(dz, a_s[l].T) / m
            db = np.sum(dz, axis=1, keepdims=True) / m
            if l > 0:
                da = np.dot(w.T, dz)
                dz = da * (1 - a_s[l] ** 2) if acts[l - 1] == "tanh" else da * (z_s[l - 1] > 0)
            params[l][0] = w - lr * dw
            params[l][1] = b - lr * db


def torch_train(x, y, sizes, acts, epochs, lr, dtype):
    """The same loop in PyTorch tensors (autograd off: the lesson's explicit gradients)."""
    tdtype = torch.float32 if dtype == np.float32 else torch.float64
    gen = torch.Generator().manual_seed(1)
    params = [[torch.randn(sizes[l], sizes[l - 1], generator=gen, dtype=tdtype) / sizes[l - 1] ** 0.5,
               torch.zeros(sizes[l], 1, dtype=tdtype)] for l in range(1, len(sizes))]
    x = torch.from_numpy(x.astype(dtype))
    y = torch.from_numpy(y.astype(dtype))
    m = x.shape[1]
    with torch.no_grad():
        for _ in range(epochs):
            a_s, z_s = [x], []
            for (w, b), g in zip(params, acts):
                z = w @ a_s[-1] + b
                a = torch.tanh(z) if g == "tanh" else torch.relu(z) if g == "relu" else torch.sigmoid(z)
                z_s.append(z)
                a_s.append(a)
            dz = a_s[-1] - y
            for l in range(len(params) - 1, -1, -1):
                w, b = params[l]
                dw = dz @ a_s[l].T / m
                db = dz.sum(dim=1, keepdim=True) / m
                if l > 0:
                    da = w.T @ dz
                    dz = da * (1 - a_s[l] ** 2) if acts[l - 1] == "tanh" else da * (z_s[l - 1] > 0)
                params[l][0] = w - lr * dw
                params[l][1] = b - lr * db


def sklearn_minibatch_epoch(x, y, dtype):
    """One epoch of scikit-learn's MLPClassifier: batch 128, Adam (its defaults: lr 0.001), tanh hidden, X (m, n)."""
    from sklearn.neural_network import MLPClassifier
    xs = np.ascontiguousarray(x.T)
    ys = y.ravel().astype(int)
    clf = MLPClassifier(hidden_layer_sizes=(256,), activation="tanh", solver="adam", batch_size=128,
                        learning_rate_init=0.001, shuffle=True, random_state=1)
    clf.partial_fit(xs, ys, classes=[0, 1])  # first epoch: initialisation and warm-up, not timed
    return lambda: clf.partial_fit(xs, ys)


def torch_minibatch_epoch(x, y, dtype):
    """One epoch in PyTorch: shuffle, batches of 128, autograd, torch.optim.Adam (lr 0.001)."""
    tdtype = torch.float32 if dtype == np.float32 else torch.float64
    xs = torch.tensor(np.ascontiguousarray(x.T), dtype=tdtype)
    ys = torch.tensor(y.T.copy(), dtype=tdtype)
    g = torch.Generator().manual_seed(1)
    w1 = (torch.randn(256, 784, generator=g, dtype=tdtype) / 28.0).requires_grad_()
    b1 = torch.zeros(256, dtype=tdtype, requires_grad=True)
    w2 = (torch.randn(1, 256, generator=g, dtype=tdtype) / 16.0).requires_grad_()
    b2 = torch.zeros(1, dtype=tdtype, requires_grad=True)
    opt = torch.optim.Adam([w1, b1, w2, b2], lr=0.001)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def epoch():
        perm = torch.randperm(xs.shape[0], generator=g)
        for start in range(0, xs.shape[0], 128):
            idx = perm[start:start + 128]
            logits = torch.tanh(xs[idx] @ w1.T + b1) @ w2.T + b2
            loss = loss_fn(logits, ys[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()

    epoch()  # warm-up
    return epoch


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def wide_data(dtype):
    rng = np.random.default_rng(1)
    x = rng.random((784, 20000)).astype(dtype)
    y = (rng.random((1, 20000)) < 0.5).astype(dtype)
    return x, y


def cat_data():
    path = os.path.join(ROOT, "data", "catvnoncat", "train.csv.gz")
    with gzip.open(path, "rt") as f:
        data = np.loadtxt(f, delimiter=",", skiprows=1)
    return data[:, :-1].T / 255.0, data[:, -1:].T


def python_rows(args):
    rows = {}
    want = set(args.only.split(","))
    if "planar" in want:
        x, y = planar_data()
        rows[("planar", "float64")] = {
            "numpy": median_time(lambda: numpy_train(x, y, [2, 4, 1], ["tanh", "sigmoid"], 10000, 1.2, "small", 2, np.float64), args.runs),
            "torch": median_time(lambda: torch_train(x, y, [2, 4, 1], ["tanh", "sigmoid"], 10000, 1.2, np.float64), args.runs) if torch else None,
        }
    if "wide" in want:
        for dtype, name in [(np.float32, "float32"), (np.float64, "float64")]:
            x, y = wide_data(dtype)
            epochs = args.wide_epochs
            rows[("wide", name)] = {
                "numpy": median_time(lambda: numpy_train(x, y, [784, 256, 1], ["tanh", "sigmoid"], 1, 0.01, "lecun", 1, dtype), max(args.runs, epochs)),
                "torch": median_time(lambda: torch_train(x, y, [784, 256, 1], ["tanh", "sigmoid"], 1, 0.01, dtype), max(args.runs, epochs)) if torch else None,
            }
    if "wide-minibatch" in want:
        for dtype, name in [(np.float32, "float32"), (np.float64, "float64")]:
            x, y = wide_data(dtype)
            runs = max(args.runs, args.wide_epochs)
            rows[("wide-minibatch", name)] = {
                "sklearn": median_time(sklearn_minibatch_epoch(x, y, dtype), runs),
                "torch": median_time(torch_minibatch_epoch(x, y, dtype), runs) if torch else None,
            }
    if "cat" in want:
        x, y = cat_data()
        acts = ["relu", "relu", "relu", "sigmoid"]
        rows[("cat", "float64")] = {
            "numpy": median_time(lambda: numpy_train(x, y, [12288, 20, 7, 5, 1], acts, args.cat_epochs, 0.0075, "lecun", 1, np.float64), args.runs),
            "torch": median_time(lambda: torch_train(x, y, [12288, 20, 7, 5, 1], acts, args.cat_epochs, 0.0075, np.float64), args.runs) if torch else None,
        }
    return rows


# The Python side's settings for the vector width a ShallowNet level runs at (what an AVX2 or SSE-only machine gives
# NumPy and PyTorch). OpenBLAS reads OPENBLAS_CORETYPE when it loads, PyTorch its variables at import or first use, so
# each level's Python side runs in a child process.
PYTHON_LEVEL_ENV = {
    "DOTNET_EnableAVX512=0": {"OPENBLAS_CORETYPE": "Haswell", "ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2"},
    "DOTNET_EnableAVX512F=0": {"OPENBLAS_CORETYPE": "Haswell", "ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2"},
    "DOTNET_EnableAVX2=0": {"OPENBLAS_CORETYPE": "Nehalem", "ATEN_CPU_CAPABILITY": "default", "ONEDNN_MAX_CPU_ISA": "SSE41"},
    "DOTNET_EnableAVX=0": {"OPENBLAS_CORETYPE": "Nehalem", "ATEN_CPU_CAPABILITY": "default", "ONEDNN_MAX_CPU_ISA": "SSE41"},
}


def python_env(args, level):
    """The environment of the Python side that is compared with ShallowNet at this level."""
    env = dict(os.environ)
    if args.python_at == "level":
        env.update(PYTHON_LEVEL_ENV.get(level, {}))
    return env


def blas_core():
    """The OpenBLAS kernels NumPy runs ("Cooperlake", "Haswell", ...), or "?" without threadpoolctl."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "?"
    return ",".join(str(info.get("architecture")) for info in threadpool_info() if info.get("user_api") == "blas") or "?"


def python_rows_at(args, level):
    """python_rows in a child process with the level's environment: {(workload, precision): {lib: s}}, BLAS core."""
    out = tempfile.mktemp(suffix=".json")
    cmd = [sys.executable, os.path.abspath(__file__), "--python-json", out, "--only", args.only, "--runs", str(args.runs),
           "--threads", str(args.threads), "--cat-epochs", str(args.cat_epochs), "--wide-epochs", str(args.wide_epochs)]
    subprocess.run(cmd, check=True, cwd=ROOT, env=python_env(args, level))
    with open(out) as f:
        data = json.load(f)
    os.remove(out)
    rows = {}
    for name, precision, lib, seconds in data["rows"]:
        rows.setdefault((name, precision), {})[lib] = seconds
    return rows, data["core"]


def write_python_rows(args):
    """--python-json FILE: this process's python_rows, for python_rows_at."""
    rows = python_rows(args)
    flat = [[name, precision, lib, seconds] for (name, precision), libs in rows.items() for lib, seconds in libs.items()]
    with open(args.python_json, "w") as f:
        json.dump({"rows": flat, "core": blas_core()}, f)


def dotnet_rows(args, level="default", extras=True):
    """The runner's rows at one level; extras: the FMA peak, the GEMM shapes and the planar CLI processes too."""
    runner = os.path.join(ROOT, "bench", "ShallowNet.Bench.Workloads", "bin", "Release", "net10.0", "shallownet-workloads")
    if not os.path.exists(runner):
        sys.exit(f"build the runner first: dotnet build bench/ShallowNet.Bench.Workloads -c Release ({runner} missing)")
    out = tempfile.mktemp(suffix=".json")
    names = [w for w in args.only.split(",") if w in ("planar", "wide", "wide-minibatch", "cat")]
    if "planar" in names and extras:
        names.append("planar-cli")
    names = ["peak", "gemm", *names] if extras else names
    cmd = [runner, *names, "--runs", str(args.runs), "--threads", str(args.threads),
           "--cat-epochs", str(args.cat_epochs), "--wide-epochs", str(args.wide_epochs), "--json", out]
    env = dict(os.environ)
    if level != "default":
        name, value = level.split("=", 1)
        env[name] = value
    print("$", "" if level == "default" else level, " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    with open(out) as f:
        results = json.load(f)
    rows = {}
    for r in results:
        w = r["Workload"]
        if w.startswith("FMA peak") or w.startswith("gemm"):
            # GFLOP/s of the level's FMA peak and of the GEMM shapes, for the "% of peak" lines
            rows[("peak" if w.startswith("FMA") else w, r["Precision"])] = r["Gflops"]
            continue
        build = "native" if "native" in w else "jit"
        key = (f"planar-cli-{build}" if "fresh" in w else f"planar-process-{build}" if "whole" in w
               else "planar" if w.startswith("planar") else "wide-minibatch" if "Adam" in w
               else "wide" if w.startswith("wide") else "cat")
        rows[(key, r["Precision"])] = r["Seconds"]
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--cat-epochs", type=int, default=2500)
    parser.add_argument("--wide-epochs", type=int, default=5)
    parser.add_argument("--only", default="planar,wide,wide-minibatch,cat")
    parser.add_argument("--skip-dotnet", action="store_true")
    parser.add_argument("--allow-reference-blas", action="store_true",
                        help="run even when NumPy uses the reference BLAS (its numbers are then ~50x slow)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="R > 1: each workload at every level and in Python back to back, R times; ratios per round")
    parser.add_argument("--levels", default="default",
                        help="ShallowNet's runs, one table each: default, or an environment setting such as "
                             "DOTNET_EnableAVX512=0 (AVX2) or DOTNET_EnableAVX=0 (128-bit)")
    parser.add_argument("--python-at", choices=["level", "native"], default="level",
                        help="level (default): NumPy and PyTorch at each level's vector width too; native: at the "
                             "machine's best, once for every level")
    parser.add_argument("--python-json", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if torch:
        torch.set_num_threads(args.threads)
    if args.python_json:
        write_python_rows(args)
        return
    print(f"numpy {np.__version__}, torch {torch.__version__ if torch else 'not installed'}, threads {args.threads}, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    try:
        from threadpoolctl import threadpool_info
        blas = [info for info in threadpool_info() if info.get("user_api") == "blas"]
        for info in blas:
            print(f"  {info.get('internal_api')} {info.get('version')} {info.get('architecture')} threads {info.get('num_threads')}")
        if not any(info.get("internal_api") in ("openblas", "mkl", "blis") for info in blas) and not args.allow_reference_blas:
            # Debian's numpy without libopenblas0-pthread runs the reference BLAS, ~50x slower: ratios against it mean nothing
            sys.exit("compare.py: NumPy is not using an optimised BLAS (apt-get install libopenblas0-pthread), "
                     "or pass --allow-reference-blas")
    except ImportError:
        print("  (threadpoolctl not installed: cannot tell which BLAS NumPy runs)")

    if args.rounds > 1 and not args.skip_dotnet:
        interleaved(args)
        return
    levels = {level: ({} if args.skip_dotnet else dotnet_rows(args, level)) for level in args.levels.split(",")}
    theirs = {}
    for level in levels:
        key = python_key(args, level)
        if key not in theirs:
            theirs[key] = python_rows_at(args, level)
    for level, ours in levels.items():
        rows, core = theirs[python_key(args, level)]
        print_table(args, level, ours, rows, core)


def python_key(args, level):
    """Levels whose Python side runs with the same settings share one run."""
    return tuple(sorted(PYTHON_LEVEL_ENV.get(level, {}).items())) if args.python_at == "level" else ()


def interleaved(args):
    """--rounds R: per round and workload, ShallowNet at each level, then NumPy/sklearn and PyTorch, back to back."""
    workloads = [w for w in args.only.split(",") if w in ("planar", "wide", "wide-minibatch", "cat")]
    levels = args.levels.split(",")
    ours = {}    # (level, workload, precision) -> [seconds per round]
    theirs = {}  # (Python settings, workload, precision, "numpy"/"sklearn"/"torch") -> [seconds per round]
    cores = {}   # Python settings -> the BLAS core NumPy ran
    for r in range(args.rounds):
        for w in workloads:
            one = argparse.Namespace(**{**vars(args), "only": w})
            done = set()
            for level in levels:
                for (key, precision), seconds in dotnet_rows(one, level, extras=False).items():
                    if key == w:
                        ours.setdefault((level, w, precision), []).append(seconds)
                py = python_key(args, level)
                if py in done:
                    continue
                done.add(py)
                rows, cores[py] = python_rows_at(one, level)
                for (name, precision), other in rows.items():
                    for lib, seconds in other.items():
                        if seconds is not None:
                            theirs.setdefault((py, name, precision, lib), []).append(seconds)
            print(f"round {r + 1}/{args.rounds}, {w}: done", flush=True)

    print()
    print(f"Ratios per round (other / ShallowNet; above 1: ShallowNet faster), {args.rounds} rounds: median [min–max]; "
          f"NumPy/PyTorch at {'each level' if args.python_at == 'level' else 'the machine best'}")
    for level in levels:
        print(f"  {level}: NumPy's OpenBLAS core {cores.get(python_key(args, level), '?')}")
    print(f"| {'workload':<14} | {'precision':<9} | {'level':<22} | {'ShallowNet s':>12} | {'NumPy/sk s':>10} | {'PyTorch s':>10} | {'× NumPy/sk':>20} | {'× PyTorch':>20} |")
    print(f"|{'-' * 16}|{'-' * 11}|{'-' * 24}|{'-' * 14}|{'-' * 12}|{'-' * 12}|{'-' * 22}|{'-' * 22}|")
    for (level, w, precision), mine in ours.items():
        seconds, cells = [], []
        py = python_key(args, level)
        for libs in (("numpy", "sklearn"), ("torch",)):
            other = next((theirs[(py, w, precision, lib)] for lib in libs if (py, w, precision, lib) in theirs), None)
            if other is None:
                seconds.append("-")
                cells.append("-")
                continue
            ratios = sorted(o / s for o, s in zip(other, mine))
            seconds.append(f"{statistics.median(other):.4f}")
            cells.append(f"{statistics.median(ratios):.2f} [{ratios[0]:.2f}–{ratios[-1]:.2f}]")
        print(f"| {w:<14} | {precision:<9} | {level:<22} | {statistics.median(mine):>12.4f} | {seconds[0]:>10} | {seconds[1]:>10} | {cells[0]:>20} | {cells[1]:>20} |")


def print_table(args, level, ours, theirs, core):
    units = {"planar": "s per run (10000 epochs)", "wide": "s per epoch", "wide-minibatch": "s per epoch",
             "cat": f"s per run ({args.cat_epochs} epochs)"}
    print()
    print(f"ShallowNet at {level}; NumPy and PyTorch beside it with OpenBLAS core {core}:")
    for precision in ("float32", "float64"):
        peak = ours.get(("peak", precision))
        if peak is None:
            continue
        shapes = [(w, g) for (w, p), g in ours.items() if p == precision and w.startswith("gemm") and ("512x512" in w or "wide fwd" in w)]
        print(f"  FMA peak {precision} {peak:.1f} GFLOP/s; " + "; ".join(f"{w[5:]} {g:.1f} GFLOP/s = {100 * g / peak:.0f}% of peak" for w, g in shapes))
    # For wide-minibatch the NumPy column is scikit-learn's MLPClassifier (NumPy underneath), marked "sk".
    print(f"| {'workload':<14} | {'precision':<9} | {'unit':<26} | {'ShallowNet':>10} | {'NumPy/sk':>8} | {'× NumPy':>7} | {'PyTorch':>8} | {'× PyTorch':>9} |")
    print(f"|{'-' * 16}|{'-' * 11}|{'-' * 28}|{'-' * 12}|{'-' * 10}|{'-' * 9}|{'-' * 10}|{'-' * 11}|")
    for (name, precision), other in theirs.items():
        planar_rows = {"planar": "planar", "planar-cli-jit": "planar CLI, JIT", "planar-cli-native": "planar CLI, AOT",
                       "planar-process-jit": "  whole process", "planar-process-native": "  whole process"}
        for key in (["planar", "planar-cli-jit", "planar-process-jit", "planar-cli-native", "planar-process-native"]
                    if name == "planar" else [name]):
            s = ours.get((key, precision))
            if s is None and key != name:
                continue
            label = planar_rows.get(key, name)

            def fmt(x):
                return "-" if x is None else f"{x:.4f}"

            def ratio(x):
                return "-" if x is None or s is None else f"{x / s:.2f}"

            base = other.get("numpy", other.get("sklearn"))
            print(f"| {label:<14} | {precision:<9} | {units[name]:<26} | {fmt(s):>10} | {fmt(base):>8} | "
                  f"{ratio(base):>7} | {fmt(other['torch']):>8} | {ratio(other['torch']):>9} |")


if __name__ == "__main__":
    main()
