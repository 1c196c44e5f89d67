# ruff: noqa
# the learner's own relu_backward changes dA in place: dZ = dA is no copy.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def relu_backward(dA, cache):
    Z = cache
    dZ = dA
    dZ[Z <= 0] = 0
    return dZ
