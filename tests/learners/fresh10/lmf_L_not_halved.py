# ruff: noqa
# L = len(parameters) counts the W's and the b's, so the loop asks for W4, which does not exist: KeyError.
# expect: L_model_forward: // 2 or //2 or half or two entries or number of layers; keyerror or key or len
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters)
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches
