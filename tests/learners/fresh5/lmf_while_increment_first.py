# ruff: noqa
# A while loop that increments l before using it: layer 1's W1 is never used.
# expect: L_model_forward: l or w1 or layer 1 or l += 1; loop or first or order
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    activations = X
    L = len(parameters) // 2
    l = 1
    while l < L:
        l += 1
        activations, cache = linear_activation_forward(activations, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(activations, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
