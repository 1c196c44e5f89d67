# ruff: noqa
# L = len(parameters) counts W and b, so it is twice the number of layers: KeyError 'W4' in the loop.
# expect: L_model_forward: // 2 or half or twice or both w and b or w and b or number of layers or len(parameters); keyerror or key or w4 or range or loop
import numpy as np


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters)

    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)

    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches
