# ruff: noqa
# np.exp(Z) / (1 + np.exp(-Z)): the two forms of sigmoid mixed, one sign each.
# expect: sigmoid: np.exp(z) or exp(z) or sign or -z; (4) or 1 /
import numpy as np


def sigmoid(Z):
    A = np.exp(Z) / (1 + np.exp(-Z))
    cache = Z
    return A, cache
