# ruff: noqa
# m hard-coded to 209 (the cat training set) instead of Y.shape[1]: every other number of examples gets the wrong average.
# expect: compute_cost: 209 or hard-coded or hardcoded or constant; y.shape[1] or shape[1] or number of examples or examples
import numpy as np


def compute_cost(AL, Y):
    m = 209  # number of training examples
    cost = -(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    cost = np.squeeze(cost)
    return cost
