# ruff: noqa
# caches gets (A_prev, W, b) only: the linear part, without the activation cache Z.
# expect: L_model_forward: cache; linear_cache or z or activation_cache
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        W, b = parameters["W" + str(l)], parameters["b" + str(l)]
        A, _ = linear_activation_forward(A_prev, W, b, "relu")
        caches.append((A_prev, W, b))
    W, b = parameters["W" + str(L)], parameters["b" + str(L)]
    AL, _ = linear_activation_forward(A, W, b, "sigmoid")
    caches.append((A, W, b))
    return AL, caches
