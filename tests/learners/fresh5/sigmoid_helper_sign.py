# ruff: noqa
# Their own exp helper, called with Z where -Z belongs.
# expect: sigmoid: sign or -z or minus; (4) or 1 /
import numpy as np


def expo(x):
    return np.exp(x)


def sigmoid(Z):
    A = 1 / (1 + expo(Z))
    cache = Z
    return A, cache
