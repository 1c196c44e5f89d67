# ruff: noqa
# activation="Sigmoid" with a capital S for the last layer.
# expect: L_model_forward: sigmoid; activation or "sigmoid" or 'sigmoid'
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "Sigmoid")
    caches.append(cache)
    return AL, caches
