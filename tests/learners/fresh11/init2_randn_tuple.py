# ruff: noqa
# np.random.randn is given the shape as one tuple, as np.zeros takes it: randn wants separate ints and raises TypeError.
# expect: initialize_parameters: randn; tuple or argument or integer or separate
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn((n_h, n_x)) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn((n_y, n_h)) * 0.01
    b2 = np.zeros((n_y, 1))

    assert W1.shape == (n_h, n_x)
    assert b1.shape == (n_h, 1)
    assert W2.shape == (n_y, n_h)
    assert b2.shape == (n_y, 1)

    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
