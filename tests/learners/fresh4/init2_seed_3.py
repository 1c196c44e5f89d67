# ruff: noqa
# np.random.seed(3), copied from the deep initialisation, where the 2-layer one has seed(1).
# expect: initialize_parameters: seed; 1 or 3
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(3)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
