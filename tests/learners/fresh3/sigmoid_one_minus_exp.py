# ruff: noqa
# 1 / (1 - np.exp(-Z)): the sign in the denominator slipped.
# expect: sigmoid: 1 + np.exp(-z) or 1 + or sign; 1 - np.exp(-z) or 1 -
import numpy as np


def sigmoid(Z):
    A = 1 / (1 - np.exp(-Z))
    cache = Z
    return A, cache
