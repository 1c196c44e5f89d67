# ruff: noqa
# A loop over the examples that stops at m - 1: the last example's loss is left out.
# expect: compute_cost: range or loop or last or example or m - 1; m
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    total = 0.0
    for i in range(m - 1):
        total += Y[0, i] * np.log(AL[0, i]) + (1 - Y[0, i]) * np.log(1 - AL[0, i])
    cost = -total / m
    return cost
