# ruff: noqa
# One loop over all layers, but the test for the output layer is l == L - 1 with l running 1..L: the next-to-last layer gets sigmoid and the last gets relu.
# expect: L_model_forward: sigmoid; last or output or off-by-one or off by one or layer l
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2

    for l in range(1, L + 1):
        act = "sigmoid" if l == L - 1 else "relu"
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], act)
        caches.append(cache)

    AL = A
    return AL, caches
