# ruff: noqa
# Written by the round-9 helper (not a learner): L - 1 read in every place the course reads L (the loop stops a layer early, the output layer takes W{L-1}).
# expect: L_model_forward: l - 1; every place or range
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L - 1):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L - 1)], parameters["b" + str(L - 1)], "sigmoid")
    caches.append(cache)
    return AL, caches
