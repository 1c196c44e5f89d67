# ruff: noqa
# The relu loop runs over range(1, L + 1), through the output layer, and then asks for W{L+1}: KeyError.
# expect: L_model_forward: range or off-by-one or l + 1 or loop; keyerror or key or w4 or last layer or output layer
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2

    for l in range(1, L + 1):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], "relu")
        caches.append(cache)

    AL, cache = linear_activation_forward(A, parameters['W' + str(L + 1)], parameters['b' + str(L + 1)], "sigmoid")
    caches.append(cache)

    return AL, caches
