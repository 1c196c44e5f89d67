"""The operations: each a class with `forward` and `backward`, every derivative written once.

One module per kind, each op's class holding its forward, backward, formula and drawing:

* `contract`: what an op is (`Op`), how its formulas read, and the helpers builders share;
* `course`: the course's network, `matmul`, `add_bias`, `relu`, `sigmoid`, `cross_entropy`;
* `elementwise`: what the operators record (`1 - AL`, `Y * AL.log()`, `W ** 2`), `tanh`,
  `exp`, `log`, `dropout`;
* `reductions`: `sum` and `mean`;
* `numpy_functions`: NumPy's own functions on tensors (`np.dot`, `np.log`, `np.sum` ...),
  mapped to the ops above.

    >>> import numpy as np, tinygraph as tg
    >>> W = tg.parameter(np.ones((1, 2)), name="W1", layer=1)
    >>> X = tg.tensor(np.ones((2, 3)), name="X")
    >>> tg.matmul(W, X).value
    array([[2., 2., 2.]])
    >>> (W @ X + 1).sum().item()
    9.0

The operators on Tensor record these ops: `W1 @ X + b1` is matmul then add_bias (the course's
Z1), `1 - AL` is sub, `(W1 ** 2).sum()` is power then sum (docs/expressions.md). With a cost
written as (7), `-(Y * AL.log() + ...).sum() / m`, the 1/m enters through that division. An
op with constants (sum's axis, power's k, dropout's keep_prob) is a subclass made once per
constant by `Op.fixed`. To add your own op, subclass `Op` (docs/debugging.md, "Write your own
op", and `tinygraph.contrib`).
"""

from . import numpy_functions  # NumPy's own functions on tensors, mapped to the ops below
from .contract import Op, constant, formula_text, grad_name, operands
from .course import (
    AddBias,
    CrossEntropy,
    MatMul,
    Relu,
    Sigmoid,
    SigmoidCrossEntropy,
    add_bias,
    check_labels,
    cross_entropy,
    matmul,
    relu,
    sigmoid,
)
from .elementwise import (
    Add,
    Div,
    Dropout,
    Exp,
    Log,
    Mul,
    Neg,
    Power,
    Reshape,
    Sub,
    Tanh,
    Transpose,
    add,
    div,
    dropout,
    exp,
    log,
    mul,
    neg,
    power,
    reshape,
    sub,
    sum_to,
    tanh,
    transpose,
)
from .reductions import Mean, Sum, count, mean, spread, sum

__all__ = [
    "Add", "AddBias", "CrossEntropy", "Div", "Dropout", "Exp", "Log", "MatMul", "Mean", "Mul",
    "Neg", "Op", "Power", "Relu", "Reshape", "Sigmoid", "SigmoidCrossEntropy", "Sub", "Sum",
    "Tanh", "Transpose", "add", "add_bias", "check_labels", "constant", "count",
    "cross_entropy", "div", "dropout", "exp", "formula_text", "grad_name", "log", "matmul",
    "mean", "mul", "neg", "numpy_functions", "operands", "power", "relu", "reshape", "sigmoid",
    "spread", "sub", "sum", "sum_to", "tanh", "transpose",
]
