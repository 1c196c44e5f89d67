"""A plan written out as Python: one function for its forward and one for its backward, each
op's call on a line of its own, every value and gradient in a local variable.

`_replay.Plan` ran a graph from lists of positions: a loop that, for each op, looked its inputs
up in a list, called the op and stored what it gave back. On the deep narrow net of `make
bench` (600 op calls each way per iteration) that loop was ~7 % of an iteration. Written out,
the same calls in the same order are what is left: the code below makes no
number of its own (only the ops' `forward` and `backward`, as the loop called them, summing a
gradient used twice in the walk's order), so a plan's results stay bit-identical to the graph's
(tests/test_replay.py). The measurements are in docs/performance.md ("The plan as code").

    >>> import numpy as np, tinygraph as tg
    >>> from tinygraph.engine.ops import course
    >>> Z, b = tg.tensor([[-1.0, 2.0]]), tg.tensor([[1.0]])
    >>> steps = ((2, course.Relu, (0,), True), (3, course.AddBias, (2, 1), True))
    >>> forward = forward_code(steps, ((0, 0), (1, 1)), 4, scalars=())
    >>> values, saved = forward((Z, b))           # relu(Z) + b, written out
    >>> values[3], sorted(saved[2])
    (array([[1., 3.]]), ['A'])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def forward_code(steps: tuple, leaf_at: tuple, size: int, scalars: tuple[int, ...],
                 unseen: bool = False) -> Callable[[tuple], tuple[Any, list]]:
    """`forward(leaves) -> (values, saved)`, lists by position as `Plan.forward` makes
    them, from the plan's `steps` and `leaf_at`. The positions in `scalars` are the nodes whose
    op gave a 0-d result, which NumPy may hand back as a scalar: only those are made arrays.

    `unseen`: for a graph nobody will look into (`fit`'s), `forward(leaves) -> (root's value,
    saved)`: each value is let go after the last op that reads it, so only what the backward
    needs (`saved`) stays, and the next op's result takes the memory just freed, still in the
    caches."""
    lines = ["def forward(leaves):"]
    lines += [f"    v{i} = leaves[{k}]._value" for i, k in leaf_at]
    names: dict[str, Any] = {"asarray": np.asarray, "ndarray": np.ndarray}
    root = steps[-1][0]
    last_read = {j: i for i, _, inputs, _ in steps for j in inputs}  # each value's last reader
    for i, op, inputs, keep in steps:
        names[f"f{i}"] = op.forward
        kept = f"s{i}" if keep else "_"  # what Op.apply keeps: nothing for a node with no grad
        lines.append(f"    v{i}, {kept} = f{i}({', '.join(f'v{j}' for j in inputs)})")
        if i in scalars:
            lines.append(f"    if type(v{i}) is not ndarray: v{i} = asarray(v{i})")
        done = sorted({j for j in inputs if last_read[j] == i and j != root})
        if unseen and done:
            lines.append(f"    del {', '.join(f'v{j}' for j in done)}")
    kept_at = {i for i, _, _, keep in steps if keep}
    values = f"v{root}" if unseen else f"[{', '.join(f'v{i}' for i in range(size))}]"
    lines.append(f"    return {values}, "
                 f"[{', '.join(f's{i}' if i in kept_at else '()' for i in range(size))}]")
    return _function(lines, names, "forward")


def backward_code(back: tuple, size: int, root: int,
                  forget: bool) -> Callable[[Any, list], list]:
    """`backward(seed, saved) -> grads`, the list by position `_replay._rules` fills, from the
    plan's `back` (the walk's order of rules). With `forget`, each node's saved values (in
    `saved`) and gradient are let go once its rule has run, as `_rules` does."""
    lines = ["def backward(seed, saved):"]
    others = [f"g{i}" for i in range(size) if i != root]
    if others:
        lines.append(f"    {' = '.join(others)} = None")
    lines.append(f"    g{root} = seed")
    names: dict[str, Any] = {}
    reached: set[int] = set()
    for i, op, _, needs, targets in back:
        names[f"b{i}"], names[f"n{i}"] = op.backward, needs
        lines.append(f"    if g{i} is not None:")  # a node the rules sent nothing (the cost's AL)
        lines.append(f"        d = b{i}(g{i}, saved[{i}], n{i})")
        if forget:
            lines.append(f"        saved[{i}] = g{i} = None")
        for s, j in targets:
            if j in reached:  # used twice: summed in the order the walk sums it
                lines.append(f"        t = d[{s}]")
                lines.append(f"        if t is not None: g{j} = t if g{j} is None else g{j} + t")
            else:  # the first rule to send j anything: g{j} is still None here
                lines.append(f"        g{j} = d[{s}]")
                reached.add(j)
    lines.append(f"    return [{', '.join(f'g{i}' for i in range(size))}]")
    return _function(lines, names, "backward")


def _function(lines: list[str], names: dict[str, Any], name: str) -> Callable:
    code = compile("\n".join(lines), f"<tinygraph plan: {name}>", "exec")
    exec(code, names)  # the text is made above, from the plan's positions and names only
    return names[name]
