# ruff: noqa
# The last layer is fed A_prev, the input of the last hidden layer, not its output A.
# (expect, first run: "a2 or last layer"; the check names the swap itself, A written as A_prev)
# expect: L_model_forward: a_prev or a1; a written as a_prev or a2 or last layer
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], activation="relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A_prev, parameters['W' + str(L)], parameters['b' + str(L)], activation="sigmoid")
    caches.append(cache)
    return AL, caches
