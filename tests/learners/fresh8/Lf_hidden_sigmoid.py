# ruff: noqa
# Uses sigmoid for the hidden layers too (the loop was copied from the output layer's line).
# expect: L_model_forward: relu; hidden or sigmoid or loop
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        W, b = parameters["W%d" % l], parameters["b%d" % l]
        A, cache = linear_activation_forward(A, W, b, activation="sigmoid")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W%d" % L], parameters["b%d" % L], activation="sigmoid")
    caches.append(cache)
    return AL, caches
