# ruff: noqa
# Every layer uses sigmoid.
# expect: L_model_forward: sigmoid; relu
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters[f"W{l}"], parameters[f"b{l}"], activation="sigmoid")
        caches.append(cache)
    return A, caches
