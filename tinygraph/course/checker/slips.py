"""The slips a learner makes in one expression of the course's code, each as a change.

`slips(node, names, strings)` gives, for one expression node, every (kind, make) pair: `make`
turns a copy of the node into the slip. A term's sign flipped (`1 - s` as `1 + s`,
`np.exp(-Z)` as `np.exp(Z)`), a factor or a term dropped, `*` as `/`, `1 / m` as `1 // m`, a
factor put on both terms (`learning_rate * (W - dW)`), one name for another (maybe summed to
fit: `np.sum(dW, axis=1, keepdims=True)` for `db`), a transpose added or dropped, a number off
by one, a string for another ("relu" for "sigmoid", "dW" for "db"), a comparison turned, a
NumPy function for another, a shape as separate numbers, a keyword dropped, a function put on
one side of its argument (`1 - np.log(AL)` for `np.log(1 - AL)`), a tuple's entry dropped or
two swapped.

    >>> import ast
    >>> node = ast.parse("1 - s", mode="eval").body
    >>> [(kind, ast.unparse(make(node))) for kind, make in slips(node, ["s"], [])][:2]
    [('sign', '1 + s'), ('order', 's - 1')]
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator


def _text(node: ast.AST) -> str:
    return ast.unparse(node)


_FLIP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}
_COMPARE = [ast.Gt, ast.GtE, ast.Lt, ast.LtE]
# A NumPy function learners write for another: np.max(0, Z) for np.maximum(0, Z) ...
_CALLS = {"np.log": ["np.log10", "np.log2"], "np.exp": ["math.exp"],
          "np.maximum": ["np.max", "np.minimum", "max"], "np.sum": ["np.mean"],
          "np.dot": ["np.multiply"], "np.random.randn": ["np.random.rand"],
          "np.divide": ["np.multiply"], "np.zeros": ["np.ones"], "append": ["extend"]}
# A call whose function a learner leaves out, keeping its argument: np.log(1 - AL) as
# 1 - AL, reversed(range(L - 1)) as range(L - 1).
_DROPPABLE = ("np.log", "np.exp", "np.squeeze", "np.sum", "np.transpose", "reversed",
              "np.array", "float")
ACTIVATIONS = {"relu", "sigmoid"}
NOT_NAMES = {"np", "math", "copy", "range", "len", "str", "reversed", "print", "float"}


def _call(func: str, args: list[ast.expr], keywords: list | None = None) -> ast.Call:
    return ast.Call(ast.parse(func, mode="eval").body, args, keywords or [])


def _summed(node: ast.expr) -> ast.Call:
    """np.sum(node, axis=1, keepdims=True): another value, reduced to a column."""
    return _call("np.sum", [node], [ast.keyword("axis", ast.Constant(1)),
                                    ast.keyword("keepdims", ast.Constant(True))])


def _binop(node: ast.BinOp, arguments: tuple | list) -> Iterator[tuple[str, Callable]]:
    op = type(node.op)
    if op in _FLIP:
        yield ("sign" if op in (ast.Add, ast.Sub) else "divides",
               lambda n: ast.BinOp(n.left, _FLIP[type(n.op)](), n.right))
    if op is ast.Sub:
        yield "order", lambda n: ast.BinOp(n.right, ast.Sub(), n.left)
    if op is ast.Div:
        yield "integer division", lambda n: ast.BinOp(n.left, ast.FloorDiv(), n.right)
    yield "dropped", lambda n: n.left
    yield "dropped", lambda n: ast.UnaryOp(ast.USub(), n.right) if isinstance(
        n.op, ast.Sub) else n.right
    if op is ast.Sub and _text(node.left) == "1" and _text(node.right) in arguments:
        yield "dropped", lambda n: n.right  # 1 - Y written as Y: an input's complement missed
    if op in (ast.Add, ast.Sub) and all(_product(t) for t in (node.left, node.right)):
        yield "exchanged", _exchanged  # Y log(1 - AL) + (1 - Y) log(AL): factors crossed
    if op is ast.Mult and isinstance(node.left, ast.Call) and isinstance(node.right, ast.Constant) \
            and _text(node.left.func).startswith("np.random."):  # randn(n_h, n_x, 0.01)
        yield "scale inside", lambda n: ast.Call(n.left.func, [*n.left.args, n.right],
                                                 n.left.keywords)
        if node.left.args:  # randn(n_h, n_x * 0.01): on its last size
            yield "scale inside", lambda n: ast.Call(n.left.func, [*n.left.args[:-1], ast.BinOp(
                n.left.args[-1], ast.Mult(), n.right)], n.left.keywords)
    if op in (ast.Add, ast.Mult):  # W A * b for W A + b
        yield "operator", lambda n: ast.BinOp(n.left, ast.Mult() if isinstance(
            n.op, ast.Add) else ast.Add(), n.right)
    if op in (ast.Add, ast.Sub):  # a factor that belongs to one term put on both
        for side in ("left", "right"):
            term = getattr(node, side)
            if isinstance(term, ast.BinOp) and isinstance(term.op, ast.Mult):
                yield "parenthesis", lambda n, s=side: _widened(n, s)


def _product(node: ast.AST) -> bool:
    return (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult)) or (
        isinstance(node, ast.Call) and _text(node.func) == "np.multiply" and len(node.args) == 2)


def _factors(node: ast.AST) -> tuple[ast.expr, ast.expr]:
    return (node.left, node.right) if isinstance(node, ast.BinOp) else tuple(node.args)


def _exchanged(node: ast.BinOp) -> ast.BinOp:
    """a * b + c * d as a * d + c * b."""
    (a, b), (c, d) = _factors(node.left), _factors(node.right)
    return ast.BinOp(ast.BinOp(a, ast.Mult(), d), node.op, ast.BinOp(c, ast.Mult(), b))


def _widened(node: ast.BinOp, side: str) -> ast.BinOp:
    term = getattr(node, side)  # f * x
    inner = ast.BinOp(node.left if side == "right" else term.right, node.op,
                      term.right if side == "right" else node.right)
    return ast.BinOp(term.left, ast.Mult(), inner)


def _call_kinds(node: ast.Call, names: list[str]) -> Iterator[tuple[str, Callable]]:
    func = _text(node.func)
    method = func.rsplit(".", 1)[-1] if isinstance(node.func, ast.Attribute) and not \
        func.startswith("np.") else None  # caches.append: a list's method
    for other in _CALLS.get(method or func, []):
        yield "function", lambda n, o=other: ast.Call(
            ast.Attribute(n.func.value, o, ast.Load()) if method else ast.parse(
                o, mode="eval").body, n.args, n.keywords)
    if func == "np.zeros" and len(node.args) == 1 and isinstance(node.args[0], ast.Tuple):
        yield "function", lambda n: ast.BinOp(_call("np.random.randn", n.args[0].elts),
                                              ast.Mult(), ast.Constant(0.01))
    if func == "np.random.randn":  # the weights drawn as zeros, like the biases
        yield "function", lambda n: _call("np.zeros", [ast.Tuple(list(n.args), ast.Load())])
    if func == "np.random.randn" and len(node.args) == 2:  # drawn (n_prev, n), then .T to fit
        yield "arguments", lambda n: ast.Attribute(ast.Call(n.func, n.args[::-1], n.keywords),
                                                   "T", ast.Load())
    if isinstance(node.func, ast.Attribute) and node.func.attr == "reshape" and len(
            node.args) == 1 and _text(node.args[0]).endswith(".shape"):  # Y.T for the reshape
        yield "transposed", lambda n: ast.Attribute(n.func.value, "T", ast.Load())
    if func == "np.exp" and len(node.args) == 1 and isinstance(node.args[0], ast.Name):
        yield "sign", lambda n: ast.Call(n.func, [ast.UnaryOp(ast.USub(), n.args[0])], [])
    if func == "np.where" and len(node.args) == 3:  # np.where(Z > 0, dA, Z): Z for 0
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        for i in (1, 2):  # the names the call reads first: Z (in Z > 0) before cache
            for other in sorted(names, key=lambda n: n not in used):
                if other != _text(node.args[i]):
                    yield "swapped", lambda n, i=i, o=other: ast.Call(n.func, [
                        ast.Name(o, ast.Load()) if k == i else a for k, a in enumerate(n.args)],
                        n.keywords)
    if func in _DROPPABLE and len(node.args) == 1 and not node.keywords:
        yield "function dropped", lambda n: n.args[0]
    if 2 <= len(node.args) <= 3 and func not in ("range", "np.maximum"):
        for i in range(len(node.args)):  # np.dot(A, W), sigmoid_backward(Z, dA)
            for j in range(i + 1, len(node.args)):
                yield "arguments", lambda n, i=i, j=j: ast.Call(n.func, [
                    n.args[{i: j, j: i}.get(k, k)] for k in range(len(n.args))], n.keywords)
    if func == "str" and len(node.args) == 1 and isinstance(node.args[0], ast.Name):
        for op in (ast.Add, ast.Sub):  # "W" + str(l - 1) for "W" + str(l): a key off by one
            yield "off by one", lambda n, op=op: ast.Call(n.func, [
                ast.BinOp(n.args[0], op(), ast.Constant(1))], [])
    if func == "len" and len(node.args) == 1:  # L = len(layer_dims) - 1: a count off by one
        for op in (ast.Add, ast.Sub):
            yield "off by one", lambda n, op=op: ast.BinOp(n, op(), ast.Constant(1))
    if len(node.args) == 1 and isinstance(node.args[0], ast.Tuple):
        yield "shape", lambda n: ast.Call(n.func, list(n.args[0].elts), n.keywords)
    if func.startswith("np.random") and len(node.args) > 1:
        yield "shape", lambda n: ast.Call(n.func, [ast.Tuple(list(n.args), ast.Load())],
                                          n.keywords)
    for i in range(len(node.keywords)):
        yield "keyword", lambda n, i=i: ast.Call(n.func, n.args, n.keywords[:i]
                                                 + n.keywords[i + 1:])
    if func == "range":  # range(L) for range(L - 1): a bound off by one
        if len(node.args) == 1 or (isinstance(node.args[0], ast.Constant)
                                   and node.args[0].value == 0):  # range(1, m): from 1
            yield "off by one", lambda n: ast.Call(n.func, [ast.Constant(1), n.args[-1]], [])
        for i, arg in enumerate(node.args):
            if isinstance(arg, ast.Name):
                for op in (ast.Add, ast.Sub):
                    yield "off by one", lambda n, i=i, op=op: ast.Call(n.func, [
                        ast.BinOp(a, op(), ast.Constant(1)) if k == i else a
                        for k, a in enumerate(n.args)], n.keywords)
    if len(node.args) == 1 and isinstance(node.args[0], ast.BinOp) and func.startswith("np."):
        # np.log(1 - AL) as 1 - np.log(AL): the function put on one side of its argument
        yield "parenthesis", lambda n: ast.BinOp(n.args[0].left, n.args[0].op, ast.Call(
            n.func, [n.args[0].right], n.keywords))
        yield "parenthesis", lambda n: ast.BinOp(ast.Call(n.func, [n.args[0].left],
                                                          n.keywords), n.args[0].op,
                                                 n.args[0].right)


def slips(node: ast.AST, names: list[str], strings: list[str], arguments: tuple | list = ()
          ) -> Iterator[tuple[str, Callable]]:
    """The changes of one expression node: (kind, make); `arguments`, the function's."""
    if isinstance(node, ast.BinOp):
        yield from _binop(node, arguments)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield "sign", lambda n: n.operand
    elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names:
        yield "transposed", lambda n: ast.Attribute(n, "T", ast.Load())
        for other in names:
            if other != node.id:
                yield "swapped", lambda n, o=other: ast.Name(o, ast.Load())
                yield "swapped, summed", lambda n, o=other: _summed(ast.Name(o, ast.Load()))
        # caches[::-1]: a list given in the other order ("backward goes from the last")
        yield "reversed", lambda n: ast.Subscript(n, ast.Slice(None, None, ast.UnaryOp(
            ast.USub(), ast.Constant(1))), ast.Load())
        if node.id in arguments:  # cache[0]: an array taken for the tuple it is not
            yield "indexed", lambda n: ast.Subscript(n, ast.Constant(0), ast.Load())
            # b[:, 0], b.ravel(), b.flatten(): a column flattened to (n,) (the one that
            # reads like the learner's line is said)
            yield "flattened", lambda n: ast.Subscript(n, ast.Tuple(
                [ast.Slice(), ast.Constant(0)], ast.Load()), ast.Load())
            for method in ("ravel", "flatten"):
                yield "flattened", lambda n, f=method: ast.Call(
                    ast.Attribute(n, f, ast.Load()), [], [])
    elif isinstance(node, ast.Attribute) and node.attr == "T":
        yield "transposed", lambda n: n.value
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return
    elif isinstance(node, ast.Constant) and isinstance(node.value, int) and 0 <= node.value <= 3:
        yield "off by one", lambda n: ast.Constant(n.value + 1)
        if node.value > 0:
            yield "off by one", lambda n: ast.Constant(n.value - 1)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        for other in strings:
            if other != node.value:  # "relu" for "sigmoid": its own kind, tried in models
                kind = "activation" if {other, node.value} == ACTIVATIONS else "swapped"
                yield kind, lambda n, o=other: ast.Constant(o)
        if node.value in ACTIVATIONS:  # "Sigmoid": never equal to the argument
            yield "capital", lambda n: ast.Constant(n.value.capitalize())
    elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
        for op in _COMPARE:
            if op is not type(node.ops[0]):
                yield "comparison", lambda n, op=op: ast.Compare(n.left, [op()], n.comparators)
    elif isinstance(node, ast.Call):
        yield from _call_kinds(node, names)
    elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        yield from _subscript(node, strings, names)
        yield from _size(node, [n for n in arguments if n in names])
        if _text(node.value).endswith(".shape") and isinstance(node.slice, ast.Constant) \
                and node.slice.value in (0, 1):  # Z.shape[0] for Z.shape[1]: the other axis
            yield "axis", lambda n: ast.Subscript(n.value, ast.Constant(1 - n.slice.value),
                                                  n.ctx)
    elif isinstance(node, ast.Tuple) and len(node.elts) > 1:
        yield from _tuple(node)


def _one(part: ast.expr) -> bool:
    """i:i + 1, the slice of one column that keeps it a column."""
    return isinstance(part, ast.Slice) and part.lower is not None and isinstance(
        part.upper, ast.BinOp) and isinstance(part.upper.op, ast.Add) and _text(
        part.upper.left) == _text(part.lower) and _text(part.upper.right) == "1"


def _subscript(node: ast.Subscript, strings: list[str], names: list[str] = ()
               ) -> Iterator[tuple[str, Callable]]:
    key = node.slice
    if isinstance(node.value, ast.Name) and isinstance(key, (ast.Name, ast.BinOp)):
        yield "index dropped", lambda n: n.value  # caches for caches[L - 1]: the whole list
        if isinstance(key, ast.BinOp) and isinstance(key.left, ast.Constant):
            for other in names:  # dAL for grads["dA" + str(l + 1)]: another name's value
                if other != node.value.id:
                    yield "swapped", lambda n, o=other: ast.Name(o, ast.Load())
    if isinstance(key, ast.Tuple) and any(_one(k) for k in key.elts):  # dZ[:, i] for i:i + 1
        yield "a row", lambda n: ast.Subscript(n.value, ast.Tuple(
            [k.lower if _one(k) else k for k in n.slice.elts], ast.Load()), n.ctx)
    if isinstance(key, ast.Name):  # caches[l] for caches[l - 1]: an index off by one
        for op in (ast.Add, ast.Sub):
            yield "off by one", lambda n, op=op: ast.Subscript(
                n.value, ast.BinOp(n.slice, op(), ast.Constant(1)), n.ctx)
    if isinstance(key, ast.BinOp) and isinstance(key.left, ast.Constant) and isinstance(
            key.left.value, str):  # grads["db" + str(l)] as np.sum(grads["dW" + str(l)], ...)
        for other in strings:
            if other != key.left.value:
                yield "swapped, summed", lambda n, o=other: _summed(ast.Subscript(
                    n.value, ast.BinOp(ast.Constant(o), n.slice.op, n.slice.right), n.ctx))


def _size(node: ast.Subscript, arguments: list[str]) -> Iterator[tuple[str, Callable]]:
    """m = y.shape[0] for m = X.shape[1]: a size read from another argument, on its other
    axis (one of the two alone is a name swapped, or a number off by one)."""
    shape = node.value
    if not (isinstance(shape, ast.Attribute) and shape.attr == "shape" and isinstance(
            shape.value, ast.Name) and isinstance(node.slice, ast.Constant)
            and node.slice.value in (0, 1)):
        return
    for other in arguments:
        if other != shape.value.id:
            yield "size", lambda n, o=other: ast.Subscript(ast.Attribute(
                ast.Name(o, ast.Load()), "shape", ast.Load()), ast.Constant(
                1 - n.slice.value), ast.Load())


def _tuple(node: ast.Tuple) -> Iterator[tuple[str, Callable]]:
    count = len(node.elts)
    for i in range(count):
        yield "dropped", lambda n, i=i: ast.Tuple(n.elts[:i] + n.elts[i + 1:], n.ctx)
    for i in range(count):
        for j in range(i + 1, count):
            yield "order", lambda n, i=i, j=j: ast.Tuple(
                [n.elts[{i: j, j: i}.get(k, k)] for k in range(count)], n.ctx)
