# ruff: noqa
# Every hidden layer is fed X instead of the previous layer's A: W2 (3, 4) cannot multiply X (5, 4).
# expect: L_model_forward: a_prev or previous or instead of x or every layer or each layer; shape or align or dimension
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    L = len(parameters) // 2

    for l in range(1, L):
        W, b = parameters["W%d" % l], parameters["b%d" % l]
        A, cache = linear_activation_forward(X, W, b, activation="relu")
        caches.append(cache)

    AL, cache = linear_activation_forward(A, parameters["W%d" % L], parameters["b%d" % L], activation="sigmoid")
    caches.append(cache)

    return AL, caches
