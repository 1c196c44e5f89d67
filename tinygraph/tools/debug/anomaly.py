"""Anomalies: the first NaN or inf in a forward value or a gradient, named with its node.

    >>> import numpy as np, tinygraph as tg
    >>> Z1 = tg.parameter([[1.0, 2.0]], name="Z1")
    >>> Z1.value[0, 1] = np.nan                       # an update gone wrong
    >>> with detect_anomaly():
    ...     tg.relu(Z1, name="A1")
    Traceback (most recent call last):
    ...
    tinygraph.tools.debug.anomaly.AnomalyError: forward value of A1 (relu, created at ...
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from ...engine import probes
from ...engine.autograd import formula_text, grad_name
from ...engine.tensor import Tensor
from ...errors import TinygraphError
from ..format import describe_node, not_finite


class AnomalyError(TinygraphError, ArithmeticError):
    """A NaN or inf appeared in a forward value or a gradient; the message names the node."""


def _check_forward(node: Tensor) -> None:
    problem = not_finite(node.value)
    if not problem:
        return
    inputs = ", ".join(f"{x.name or '?'} ({not_finite(x.value) or 'finite'})"
                       for x in node.inputs)
    bad = [x for x in node.inputs if not np.isfinite(x.value).all()]
    if not bad:
        cause = f"its inputs are finite, so {node.op.name}'s forward made it"
    else:  # made outside the block, or a leaf whose value was changed in place
        cause = "it came in with " + ", ".join(
            f"{x.name or '?'}" + (", a leaf: look where its value was set or updated"
                                  if x.is_leaf else ", made before the check began")
            for x in bad)
    raise AnomalyError(f"forward value of {describe_node(node)} has {problem}; inputs: "
                       f"{inputs}; {cause}")


def _check_arriving(node: Tensor, grad: np.ndarray) -> None:
    problem = not_finite(grad)
    if problem:
        hooked = " (after its hooks ran)" if node.hooks else ""
        raise AnomalyError(f"gradient {grad_name(node.name)} arriving at {describe_node(node)}"
                           f"{hooked} has {problem}")


def _check_sent(node: Tensor, sent: tuple) -> None:
    for x, g in zip(node.inputs, sent, strict=True):
        problem = "" if g is None else not_finite(np.asarray(g))
        if problem:
            received = "not finite either" if not_finite(node.grad) else "finite"
            rule = "; ".join(formula_text(node).splitlines()) or f"{node.op.name}.backward"
            raise AnomalyError(
                f"backward of {describe_node(node)} sent {grad_name(x.name)} with {problem} "
                f"(the gradient {grad_name(node.name)} it received was {received}); "
                f"rule: {rule}")


@contextmanager
def detect_anomaly() -> Iterator[None]:
    """Inside this block, the first NaN or inf in a forward value or a gradient raises an
    AnomalyError naming the node, its op, layer and the line of your code that made it.

        >>> with detect_anomaly():                        # doctest: +SKIP
        ...     cost = net.cost(X, Y)
        ...     tg.backward(cost)
        AnomalyError: forward value of W1@X (matmul, layer 1, created at train.py:12) has ...

    Checking costs one pass over each array; without the block nothing is checked. The
    check is local to the context (engine/probes.py): another thread is not checked.
    """
    with probes.watching(after_forward=_check_forward, before_rule=_check_arriving,
                        after_rule=_check_sent):
        yield
