# ruff: noqa
# Z zeroed in place: A is right, but the caller's Z (the cache) is changed too.
# expect: relu: in place or changed; z or copy
import numpy as np


def relu(Z):
    cache = Z
    Z[Z < 0] = 0
    return Z, cache
