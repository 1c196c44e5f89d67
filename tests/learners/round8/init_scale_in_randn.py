# ruff: noqa
# Written by the round-8 helper (not a learner): the 0.01 inside randn's parentheses.
# expect: initialize_parameters: 0.01; outside or * 0.01
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x, 0.01)
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h, 0.01)
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
