"""tinygraph: a small, readable computational-graph engine on NumPy for learning backprop.

    >>> import numpy as np, tinygraph as tg
    >>> net = tg.Network([4, 3, 1], init="two_layer")
    >>> cost = net.cost(np.ones((4, 2)), [[1, 0]])
    >>> round(float(tg.backward(cost).value), 6)
    0.693147

Write the course's formulas as they stand: `Z1 = W1 @ X + b1`, `A1 = Z1.relu()`,
`cost = -(Y * AL.log() + (1 - Y) * (1 - AL).log()).sum() / m`, `cost.backward()`
(docs/expressions.md).

Layers of the package, each importing only those below it:
tensor (the node) < ops (forward and backward rules) < autograd (the walk) < nn (networks)
< notebook (the course's functions).
"""

from .autograd import Step, backward, backward_steps, topological_order, zero_grad
from .check import check  # tinygraph.check, the package, stays importable as a module
from .debug import Debugger, detect_anomaly, gradcheck
from .errors import DTypeError, InputError, ShapeError, TinygraphError
from .nn import Network, course_grads, initial_parameters
from .ops import (
                  Op,
                  add_bias,
                  cross_entropy,
                  dropout,
                  exp,
                  log,
                  matmul,
                  mean,
                  relu,
                  sigmoid,
                  sum,
                  tanh,
)
from .player import show_in_jupyter
from .render import draw  # graphviz itself is imported only when drawing
from .tensor import Tensor, parameter, tensor

__all__ = [
    "DTypeError", "Debugger", "InputError", "Network", "Op", "ShapeError", "Step", "Tensor",
    "TinygraphError", "add_bias", "backward", "backward_steps", "check", "course_grads",
    "cross_entropy", "detect_anomaly", "draw", "dropout", "exp", "gradcheck",
    "initial_parameters", "log", "matmul", "mean", "parameter", "relu", "sigmoid", "sum", "tanh",
    "tensor", "topological_order", "zero_grad",
]
__version__ = "0.1.0"

show_in_jupyter()  # in a notebook: Debugger, Tensor, grads and gradcheck reports show as HTML
