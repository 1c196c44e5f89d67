# ruff: noqa
# A dict comprehension over the keys, with "d" + k.upper(): the key dB1 does not exist.
# expect: update_parameters: keyerror or key; db1 or upper
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    return {k: v - learning_rate * grads["d" + k.upper()] for k, v in parameters.items()}
