# ruff: noqa
# The other form of sigmoid, e^z / (1 + e^z), written with -Z in both places: that is 1 - sigmoid(Z).
# expect: sigmoid: np.exp(z) or exp(z) or sign or -z or 1 - 
import numpy as np


def sigmoid(Z):
    e = np.exp(-Z)
    A = e / (1 + e)
    return A, Z
