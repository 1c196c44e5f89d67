"""tinygraph: a small, readable computational-graph engine on NumPy for learning backprop.

    >>> import numpy as np, tinygraph as tg
    >>> net = tg.Network([4, 3, 1], init="two_layer")
    >>> cost = net.cost(np.ones((4, 2)), [[1, 0]])
    >>> round(float(tg.backward(cost).value), 6)
    0.693147

Write the course's formulas as they stand: `Z1 = W1 @ X + b1`, `A1 = Z1.relu()`,
`cost = -(Y * AL.log() + (1 - Y) * (1 - AL).log()).sum() / m`, `cost.backward()`
(docs/expressions.md).

`import tinygraph` loads the engine (the node, the ops, the walk) and nothing else; networks,
training, the course's functions, drawing and debugging load on first use, so `tg.Network`
costs nothing until it is touched. The layers of the package are in docs/architecture.md.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from . import _layout
from .engine.autograd import Step, backward, backward_steps, topological_order, zero_grad
from .engine.ops import (
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
from .engine.tensor import Tensor, parameter, tensor
from .errors import DTypeError, InputError, ShapeError, TinygraphError

_layout.install()  # `tinygraph.nn`, `tinygraph.notebook` ... : the short names of the layers

# What `tg.X` loads on first use, and from where.
_ON_FIRST_USE = {
    "Network": "models.nn", "course_grads": "models.nn", "initial_parameters": "models.nn",
    "Debugger": "tools.debug", "detect_anomaly": "tools.debug", "gradcheck": "tools.debug",
    "draw": "tools.render", "check": "course.checker", "export_onnx": "models.export",
}

if TYPE_CHECKING:  # what editors and type checkers see; none of it is imported at run time
    from .course.checker import check
    from .models.export import export_onnx
    from .models.nn import Network, course_grads, initial_parameters
    from .tools.debug import Debugger, detect_anomaly, gradcheck
    from .tools.render import draw


def __getattr__(name: str) -> Any:
    """`tg.Network`, `tg.draw`, ... and the modules `tg.train`, `tg.notebook`, ...: each
    imported when first asked for (PEP 562), then kept as an attribute of the package."""
    if name in _ON_FIRST_USE:
        value = getattr(importlib.import_module(f".{_ON_FIRST_USE[name]}", __name__), name)
    elif name in _layout.HOMES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module 'tinygraph' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_ON_FIRST_USE, *_layout.HOMES])


__all__ = [
    "DTypeError", "Debugger", "InputError", "Network", "Op", "ShapeError", "Step", "Tensor",
    "TinygraphError", "add_bias", "backward", "backward_steps", "check", "course_grads",
    "cross_entropy", "detect_anomaly", "draw", "dropout", "exp", "export_onnx", "gradcheck",
    "initial_parameters", "log", "matmul", "mean", "parameter", "relu", "sigmoid", "sum", "tanh",
    "tensor", "topological_order", "zero_grad",
]
__version__ = "0.1.0"


def _register_views() -> None:
    """In a notebook, Tensors, debuggers, reports ... show as HTML: the views register with a
    running IPython, which only imports them when there is something to show."""
    ipython = sys.modules.get("IPython")
    if ipython is not None and ipython.get_ipython() is not None:
        from .tools.views import register  # (the views' own imports wait for a display)

        register.show_in_jupyter()


_register_views()
