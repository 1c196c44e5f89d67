"""Speed tricks of the engine, kept out of the ops a learner reads (docs/performance.md has the
measurements behind each one).

    >>> import numpy as np
    >>> W, X = np.ones((2, 3)), np.asfortranarray(np.ones((3, 4)))
    >>> np.array_equal(product(W, X), W @ X)
    True
"""

from __future__ import annotations

import numpy as np

# Terms per entry of W @ A_prev (A_prev's rows) from which an F-ordered A_prev is multiplied
# in the transposed order (see `product`): the course's first layer has 12,288.
LONG_PRODUCT = 1024


def product(W: np.ndarray, A_prev: np.ndarray) -> np.ndarray:
    """W @ A_prev, computed in the order OpenBLAS does fastest for A_prev's memory layout.

    The course's X is F-ordered; for a long product (the first layer) (A_prev.T W.T).T is the
    same numbers sooner.
    """
    if (A_prev.shape[0] >= LONG_PRODUCT and A_prev.flags.f_contiguous
            and not A_prev.flags.c_contiguous):
        return np.dot(A_prev.T, W.T).T
    return np.dot(W, A_prev)


def fast_layout(A_prev: np.ndarray) -> np.ndarray:
    """A_prev in the memory order `product` (and dW's A_prev.T) multiplies fastest: F order
    for a long product's input, as the course lays out X; a copy only for a C-ordered one.

    For the input leaf, made once (`nn.input_leaf`): with it, how fast an iteration runs does
    not depend on the order X came in.
    """
    if A_prev.ndim == 2 and A_prev.shape[0] >= LONG_PRODUCT and not A_prev.flags.f_contiguous:
        return np.asfortranarray(A_prev)
    return A_prev
