#!/usr/bin/env python3
"""The lesson's run as one NumPy process, start to exit: the course's planar data (np.random.seed(1)), the 2-4-1 tanh
network with its small initialisation (seed 2), 10000 epochs of gradient descent at alpha = 1.2, then the training
accuracy. What `shallownet train --preset lesson` does, for timing whole processes side by side:

    for i in $(seq 11); do /usr/bin/time -f %e /usr/bin/python3 bench/numpy_lesson_process.py; done
    for i in $(seq 11); do /usr/bin/time -f %e shallownet train --preset lesson --data planar.csv --model m.json --quiet; done
"""

import numpy as np

np.random.seed(1)
m, n, a = 400, 200, 4
X = np.zeros((m, 2))
Y = np.zeros((m, 1), dtype="uint8")
for j in range(2):
    ix = range(n * j, n * (j + 1))
    t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + np.random.randn(n) * 0.2
    r = a * np.sin(4 * t) + np.random.randn(n) * 0.2
    X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
    Y[ix] = j
X, Y = X.T, Y.T

np.random.seed(2)
W1 = np.random.randn(4, 2) * 0.01
b1 = np.zeros((4, 1))
W2 = np.random.randn(1, 4) * 0.01
b2 = np.zeros((1, 1))
for i in range(10000):
    A1 = np.tanh(np.dot(W1, X) + b1)
    A2 = 1 / (1 + np.exp(-(np.dot(W2, A1) + b2)))
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    W1, b1, W2, b2 = W1 - 1.2 * dW1, b1 - 1.2 * db1, W2 - 1.2 * dW2, b2 - 1.2 * db2

A2 = 1 / (1 + np.exp(-(np.dot(W2, np.tanh(np.dot(W1, X) + b1)) + b2)))
print(f"train accuracy {100 * np.mean((A2 > 0.5) == Y):.2f}%")
