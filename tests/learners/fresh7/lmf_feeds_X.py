# ruff: noqa
# Every hidden layer is fed X instead of the previous layer's activation: W2 (3, 4) times X (5, 4) raises.
# expect: L_model_forward: a_prev or previous or input x or x instead or instead of a; layer or shape or align
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2

    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(X, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)

    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
