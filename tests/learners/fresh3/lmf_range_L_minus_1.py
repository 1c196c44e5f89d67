# ruff: noqa
# range(1, L - 1): the last hidden layer is skipped, its input goes straight to the output layer.
# expect: L_model_forward: range or loop; l - 1 or layer
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L - 1):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W%d" % l], parameters["b%d" % l], activation="relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W%d" % L], parameters["b%d" % L], activation="sigmoid")
    caches.append(cache)
    return AL, caches
