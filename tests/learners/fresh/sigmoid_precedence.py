# ruff: noqa
# 1 / 1 + np.exp(-Z): the division happens first, so A = 1 + exp(-Z).
# expect: sigmoid: 1 + np.exp(-z) or 1 + exp(-z) or parenthes; 1 / (1 + 
import numpy as np


def sigmoid(Z):
    A = 1 / 1 + np.exp(-Z)
    cache = Z
    return A, cache
