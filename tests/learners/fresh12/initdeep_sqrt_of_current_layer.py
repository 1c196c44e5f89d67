# ruff: noqa
# He-style scaling divides by sqrt(n_l), the layer's own size, instead of sqrt(layer_dims[l-1]), the previous layer's (the fan-in).
# expect: initialize_parameters_deep: sqrt or scal or factor; layer_dims[l - 1] or layer_dims[l-1] or previous or fan-in or l-1 or l - 1
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    parameters = {}

    for l, (n_prev, n_l) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):
        parameters[f"W{l}"] = np.random.randn(n_l, n_prev) / np.sqrt(n_l)
        parameters[f"b{l}"] = np.zeros((n_l, 1))

    return parameters
