# ruff: noqa
# L = len(parameters) counts both W and b entries (6 for 3 layers): the loop asks for 'W4' and raises KeyError.
# expect: L_model_forward: len(parameters) or // 2 or half or number of layers; keyerror or key or w4 or both w and b or bias
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters)

    for l in range(1, L):
        A_prev = A
        W = parameters['W%d' % l]
        b = parameters['b%d' % l]
        A, cache = linear_activation_forward(A_prev, W, b, activation='relu')
        caches.append(cache)

    AL, cache = linear_activation_forward(A, parameters['W%d' % L], parameters['b%d' % L], activation='sigmoid')
    caches.append(cache)
    return AL, caches
