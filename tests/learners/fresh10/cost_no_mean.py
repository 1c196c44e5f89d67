# ruff: noqa
# Sums the loss over the examples but never divides by m, so the cost is m times too large.
# expect: compute_cost: 1/m or 1 / m or divide by m or mean or average
import numpy as np


def compute_cost(AL, Y):
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    cost = np.squeeze(cost)
    return cost
