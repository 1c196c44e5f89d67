# ruff: noqa
# Returns relu's derivative g'(Z) (1 where Z > 0) and forgets to multiply by dA.
# expect: relu_backward: * da or da * or multipl or chain or times da or upstream or ignor
import numpy as np


def relu_backward(dA, cache):
    Z = cache
    dZ = (Z > 0).astype(float)
    return dZ
