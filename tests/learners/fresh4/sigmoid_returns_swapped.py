# ruff: noqa
# return cache, A: the pair in the wrong order.
# expect: sigmoid: a; cache; order or swapped or is z
import numpy as np


def sigmoid(Z):
    A = 1 / (1 + np.exp(-Z))
    cache = Z
    return cache, A
