# ruff: noqa
# The output layer reads W and b of layer L - 1: the keys off by one.
# expect: L_model_forward: l - 1 or key or w; l or last
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], activation='relu')
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters['W' + str(L - 1)], parameters['b' + str(L - 1)], activation='sigmoid')
    caches.append(cache)
    return AL, caches
