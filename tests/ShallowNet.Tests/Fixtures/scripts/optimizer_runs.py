"""Independent NumPy reference for optimizer_runs.json (run: python3 optimizer_runs.py > ../optimizer_runs.json).

Each case trains a small network in float64 with plain NumPy (forward and backward written out by hand here, not
taken from ShallowNet) for a few full-batch steps of one optimizer, and records the weights after each step.
The C# test (Training/Optimizers/OptimizerReferenceTests.cs) replays the same steps and compares.
"""
import json
import numpy as np

def act(name, z):
    if name == "tanh": return np.tanh(z)
    if name == "relu": return np.maximum(z, 0)
    if name == "sigmoid": return 1 / (1 + np.exp(-z))
    if name == "identity": return z
    if name == "softmax":
        e = np.exp(z - z.max(axis=0, keepdims=True)); return e / e.sum(axis=0, keepdims=True)
    raise ValueError(name)

def dact(name, z, a):
    if name == "tanh": return 1 - a * a
    if name == "relu": return (z > 0).astype(float)
    raise ValueError(name)

def grads(W, b, acts, X, Y, l2):
    m = X.shape[1]
    A = [X]; Z = [None]
    for l in range(len(W)):
        Z.append(W[l] @ A[-1] + b[l]); A.append(act(acts[l], Z[-1]))
    dZ = A[-1] - Y
    dW = [None] * len(W); db = [None] * len(W)
    for l in reversed(range(len(W))):
        dW[l] = dZ @ A[l].T / m + l2 / m * W[l]
        db[l] = dZ.sum(axis=1, keepdims=True) / m
        if l > 0:
            dZ = (W[l].T @ dZ) * dact(acts[l - 1], Z[l], A[l])
    return dW, db

def step(rule, params, g, state, lr, t):
    for key, (p, d) in enumerate(zip(params, g)):
        s = state.setdefault(key, {"v": np.zeros_like(p), "m": np.zeros_like(p)})
        if rule == "gd":
            p -= lr * d
        elif rule == "momentum":
            s["v"] = 0.9 * s["v"] + 0.1 * d; p -= lr * s["v"]
        elif rule == "nesterov":
            s["v"] = 0.9 * s["v"] + 0.1 * d; p -= lr * (0.9 * s["v"] + 0.1 * d)
        elif rule == "rmsprop":
            s["v"] = 0.9 * s["v"] + 0.1 * d * d; p -= lr * d / (np.sqrt(s["v"]) + 1e-8)
        elif rule == "adam":
            s["m"] = 0.9 * s["m"] + 0.1 * d; s["v"] = 0.999 * s["v"] + 0.001 * d * d
            mh = s["m"] / (1 - 0.9 ** t); vh = s["v"] / (1 - 0.999 ** t)
            p -= lr * mh / (np.sqrt(vh) + 1e-8)

rs = np.random.RandomState(42)
cases = []
for output, sizes, hidden in [("sigmoid", [3, 5, 1], "tanh"), ("softmax", [3, 6, 4, 3], "relu"), ("identity", [3, 4, 2], "tanh")]:
    m = 8
    X = rs.randn(sizes[0], m)
    if output == "sigmoid": Y = (rs.rand(1, m) < 0.5).astype(float)
    elif output == "softmax": Y = np.eye(3)[:, rs.randint(0, 3, m)]
    else: Y = rs.randn(2, m)
    W0 = [rs.randn(sizes[l], sizes[l - 1]) * 0.5 for l in range(1, len(sizes))]
    b0 = [rs.randn(sizes[l], 1) * 0.1 for l in range(1, len(sizes))]
    acts = [hidden] * (len(sizes) - 2) + [output]
    for rule, lr in [("gd", 0.5), ("momentum", 0.5), ("nesterov", 0.5), ("rmsprop", 0.01), ("adam", 0.01)]:
        for l2 in [0.0, 0.3]:
            W = [w.copy() for w in W0]; b = [v.copy() for v in b0]; state = {}
            for t in range(1, 6):
                dW, db = grads(W, b, acts, X, Y, l2)
                params = [x for pair in zip(W, b) for x in pair]
                g = [x for pair in zip(dW, db) for x in pair]
                step(rule, params, g, state, lr, t)
            cases.append({"output": output, "sizes": sizes, "activations": acts, "optimizer": rule, "learning_rate": lr,
                          "l2": l2, "steps": 5, "X": X.tolist(), "Y": Y.tolist(),
                          "W0": [w.tolist() for w in W0], "b0": [v[:, 0].tolist() for v in b0],
                          "W": [w.tolist() for w in W], "b": [v[:, 0].tolist() for v in b]})
print(json.dumps({"source": "tests/ShallowNet.Tests/Fixtures/scripts/optimizer_runs.py, NumPy " + np.__version__, "cases": cases}))
