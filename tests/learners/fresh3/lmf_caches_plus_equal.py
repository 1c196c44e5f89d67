# ruff: noqa
# caches += cache adds the cache's two entries, not the cache: caches is flat.
# expect: L_model_forward: caches; append or entries or flat or +=
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], "relu")
        caches += cache
    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], "sigmoid")
    caches += cache
    return AL, caches
