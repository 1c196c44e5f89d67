# ruff: noqa
# L = len(parameters) counts both W and b keys, so the loop asks for W4, W5 ... and raises KeyError.
# expect: L_model_forward: len(parameters) or // 2 or //2 or half or number of layers; keyerror or key or w4
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters)

    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)

    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)

    return AL, caches
