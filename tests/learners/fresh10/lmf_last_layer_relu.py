# ruff: noqa
# Output layer computed with activation="relu" (copied from the loop) instead of "sigmoid".
# expect: L_model_forward: sigmoid; relu; last or output or final or layer l
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], activation="relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], activation="relu")
    caches.append(cache)
    return AL, caches
