# ruff: noqa
# Returns (cache, Z) where the course returns (Z, cache).
# expect: linear_forward: z; cache; order or swapped or returned or is
import numpy as np


def linear_forward(A, W, b):
    Z = W @ A + b
    cache = (A, W, b)
    return cache, Z
