# ruff: noqa
# One loop over all L layers with relu: the output layer gets relu instead of sigmoid.
# expect: L_model_forward: sigmoid; relu or last or output
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters['W%d' % l], parameters['b%d' % l], activation='relu')
        caches.append(cache)
    AL = A
    return AL, caches
