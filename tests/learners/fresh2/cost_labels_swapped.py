# ruff: noqa
# Y paired with log(1 - AL) and (1 - Y) with log(AL): the two logs swapped.
# expect: compute_cost: log(al) or log(1 - al); y
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * np.sum(np.multiply(Y, np.log(1 - AL)) + np.multiply(1 - Y, np.log(AL)))
    return np.squeeze(cost)
