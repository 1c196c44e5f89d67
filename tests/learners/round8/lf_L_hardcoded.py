# ruff: noqa
# Written by the round-8 helper (not a learner): L written as 6 (a number of none of the course's nets) where the course reads it from parameters; it raises the KeyError that L = len(parameters) also raises, so the learner's line decides.
# expect: L_model_forward: 6; len(parameters) or parameters
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = 6
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
