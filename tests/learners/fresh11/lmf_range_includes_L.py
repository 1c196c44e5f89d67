# ruff: noqa
# The relu loop runs range(1, L + 1), so layer L is applied as a relu layer and then again as the sigmoid layer: W3 (1, 3) times A (1, 4) raises "shapes not aligned".
# expect: L_model_forward: range or loop or off-by-one or off by one; l + 1 or last layer or twice or final layer
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2

    for l in range(1, L + 1):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)

    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
