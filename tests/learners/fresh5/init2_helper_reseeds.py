# ruff: noqa
# A helper of their own that seeds at every call: W2 starts from the same numbers as W1.
# expect: initialize_parameters: seed; w2 or every or each or call
import numpy as np


def small_random(rows, cols):
    np.random.seed(1)
    return np.random.randn(rows, cols) * 0.01


def initialize_parameters(n_x, n_h, n_y):
    W1 = small_random(n_h, n_x)
    b1 = np.zeros((n_h, 1))
    W2 = small_random(n_y, n_h)
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
