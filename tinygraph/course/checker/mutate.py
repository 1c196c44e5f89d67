"""One change to the course's code: the kinds of slip a learner makes, in general form.

`mutations(function)` lists every single change of the course's program (program.py) of one
kind or another: a term's sign flipped (`1 - s` as `1 + s`, `np.exp(-Z)` as `np.exp(Z)`), a
factor or a term dropped, one name used for another (`dW` where `dZ` belongs), maybe summed to
fit (`np.sum(dW, axis=1, keepdims=True)` for `db`), a parenthesis closed in another place
(`1 / 1 + np.exp(-Z)`, a term outside the sum), `1 / m` as `1 // m`, a bound off by one
(`range(L)` for `range(L - 1)`), a transpose added or dropped, a keyword dropped, a NumPy
function for another (`np.max` for `np.maximum`, `math.exp` for `np.exp`), a shape given as
separate numbers, a tuple's entries dropped or swapped, a line dropped, its result not
assigned, or moved into the loop that follows it. The same change made everywhere it
applies in the function is one mutation too (`l + 1` as `l` in every key).

    >>> from tinygraph.checker.program import tree
    >>> found = [m for m in mutations(tree("sigmoid_backward")) if m.new == "1 + s"]
    >>> found[0].old, found[0].line, found[0].target
    ('1 - s', 5, 'dZ')

Nothing here knows a learner's file: the diagnosis (mutants.py) runs each changed program
and keeps the change that gives the learner's numbers.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from .moves import lines_changed
from .mutation import (
    Mutation,
    Path,
    at,
    before,
    changed_line,
    copy_tree,
    put,
    statement_at,
    statements,
    target,
    text,
)
from .slips import NOT_NAMES, slips
from .swaps import exchanges, numbers

__all__ = ["Mutation", "changed_line", "copy_tree", "mutations", "statement_at"]

# ------------------------------------------------------------------------------- walking

def _children(node: ast.AST, path: Path) -> Iterator[tuple[ast.AST, Path]]:
    for name, value in ast.iter_fields(node):
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield item, path + ((name, i),)
        elif isinstance(value, ast.AST):
            yield value, path + ((name, None),)


def _expressions(node: ast.AST, path: Path, ancestors: tuple = ()
                 ) -> Iterator[tuple[ast.AST, Path, tuple]]:
    """Every expression below `node`, with the expressions above it (nearest first)."""
    for child, child_path in _children(node, path):
        if isinstance(child, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop)):
            continue
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            continue
        if isinstance(child, ast.keyword):
            yield from _expressions(child, child_path, ancestors)
            continue
        yield child, child_path, ancestors
        yield from _expressions(child, child_path, ((child, child_path),) + ancestors)


def _scope(function: ast.FunctionDef) -> list[str]:
    names = [a.arg for a in function.args.args]
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.append(node.id)
    return [n for n in dict.fromkeys(names) if n not in NOT_NAMES]


def _strings(function: ast.FunctionDef) -> list[str]:
    found = [n.value for n in ast.walk(function) if isinstance(n, ast.Constant)
             and isinstance(n.value, str)]
    return list(dict.fromkeys(found))


def mutations(function: ast.FunctionDef, kinds: tuple[str, ...] | None = None
              ) -> list[Mutation]:
    """Every single change of `function` (the course's program), the simplest kinds first;
    only those of `kinds` when it is given ("line dropped", "off by one" ...)."""
    names, strings = _scope(function), _strings(function)
    arguments = [a.arg for a in function.args.args]
    found = _all(function, names, strings, kinds, arguments) + [
        m for m in exchanges(function) + numbers(function) if kinds is None or m.kind in kinds]
    return sorted(found + _everywhere(function, found), key=_rank)


# Where two changes give the same numbers, the one a learner more likely wrote is said.
RANKS = ["sign", "parenthesis", "capital", "activation", "activations exchanged", "swapped",
         "exchanged", "function", "another function",
         "shape", "keyword", "comparison", "dropped", "axis", "off by one", "transposed",
         "integer division", "order", "reversed", "size", "hard-coded", "scale inside",
         "arguments",
         "arguments exchanged", "operator",
         "function dropped", "divides",
         "indexed", "index dropped", "flattened", "swapped, summed", "mask added", "not assigned",
         "line dropped",
         "moved into the loop", "moved into the if", "moved out of the if", "moved", "repeated",
         "moved into the loop, after", "block moved into the loop"]


def _rank(m: Mutation) -> tuple[int, bool]:
    kind = m.kind.removesuffix(", everywhere")
    return RANKS.index(kind) if kind in RANKS else len(RANKS), m.kind.endswith("everywhere")


def _all(function: ast.FunctionDef, names: list[str], strings: list[str],
         kinds: tuple[str, ...] | None, arguments: list[str]) -> list[Mutation]:
    found: list[Mutation] = lines_changed(function)
    for statement, path in statements(function, ()):
        if isinstance(statement, (ast.For, ast.If)):
            heads = [(statement.iter if isinstance(statement, ast.For) else statement.test,
                      path + (("iter" if isinstance(statement, ast.For) else "test", None),))]
        else:
            heads = [(statement, path)]
        for head, head_path in heads:
            found += _changes(statement, path, head, head_path, names, strings, kinds,
                              arguments)
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            found += _masked(statement, path, names)
    return [m for m in found if kinds is None or m.kind in kinds]


def _masked(statement: ast.Assign, path: Path, names: list[str]) -> list[Mutation]:
    """A line's value multiplied by relu's mask of a value nearby: a factor of (11) put into
    another formula (np.dot(W.T, dZ) * (A_prev > 0) in (10))."""
    found = []
    for name in names:
        if name == target(statement):
            continue

        def make(n: ast.expr, name: str = name) -> ast.expr:
            return ast.BinOp(n, ast.Mult(), ast.Compare(ast.Name(name, ast.Load()), [ast.Gt()],
                                                        [ast.Constant(0)]))
        found.append(_mutation("mask added", statement, path, statement.value,
                               path + (("value", None),), make, statement.lineno,
                               f"multiplied by ({name} > 0), relu's mask of {name}"))
    return found


def _changes(statement: ast.stmt, path: Path, head: ast.AST, head_path: Path,
             names: list[str], strings: list[str], kinds: tuple[str, ...] | None,
             arguments: list[str]) -> list[Mutation]:
    found = []
    first = head.lineno
    nodes = [(head, head_path, ())] if isinstance(head, ast.expr) else []
    for node, node_path, ancestors in nodes + list(_expressions(head, head_path)):
        for kind, make in slips(node, names, strings, arguments):
            if kinds is None or kind in kinds:
                found.append(_mutation(kind, statement, path, node, node_path, make, first))
        if kinds is None and isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add,
                                                                                   ast.Sub)):
            found += _lifts(statement, path, node, node_path, ancestors, first)
    return found


def _mutation(kind: str, statement: ast.stmt, path: Path, node: ast.AST, node_path: Path,
              make: Callable, line: int, note: str = "") -> Mutation:
    new = make(copy_tree(node))
    line_before = before(statement)
    if kind == "order" and isinstance(node, ast.Tuple):
        note = "the same values in another order"
    if kind == "sign" and isinstance(node, ast.UnaryOp):
        note = f"{text(node)} without its minus sign"
    if kind == "flattened":
        note = (f"{text(node)} flattened to a vector: {text(new)} has shape (n,) where "
                f"{text(node)} is a column (n, 1), and NumPy lines a vector up with the last "
                f"axis (the examples), not the first (the units)")
    if kind == "axis" and isinstance(new, ast.Subscript):  # (the course's arrays: (n, m))
        array = text(node.value.value) if isinstance(node.value, ast.Attribute) else "it"
        rows = "the features" if array == "X" else "the units"
        note = (f"{text(node)} written as {text(new)}: {array}.shape[0] counts {array}'s rows "
                f"({rows}), {array}.shape[1] its columns (the examples)")
    if kind == "arguments" and isinstance(new, ast.Call):  # (f(b, a) for f(a, b))
        note = f"{text(node)} written as {text(new)}, its arguments in another order"
    if kind == "scale inside" and isinstance(node, ast.BinOp):
        call = text(node.left).split("(")[0].removeprefix("np.random.")
        note = (f"{text(node.right)} is inside {call}'s parentheses, where {call} takes only "
                f"sizes: the scale belongs outside the call, {text(node)}")
    if kind == "transposed" and text(node).endswith(".shape)"):  # Y.T for Y.reshape(AL.shape)
        shape = text(node).split("reshape(")[1][:-1]
        note = (f"{text(node)} written as {text(new)}: {text(new)} is a column (m, 1), where "
                f"the reshape gives it {shape}, a row (1, m)")
    if kind == "off by one" and text(node).startswith("len(") and isinstance(new, ast.BinOp):
        less = isinstance(new.op, ast.Sub)  # (L = len(layer_dims) - 1: their L, one less)
        name = target(statement) or "it"
        note = (f"{text(node)} written as {text(new)}, so your {name} is one "
                f"{'less' if less else 'more'} than the course's and the loop up to {name} "
                f"{'stops a layer early' if less else 'runs a layer too far'}")
    if kind == "integer division":
        note = f"{text(node)} written as {text(new)}, a whole number (1 // m is 0 for m > 1)"
    if kind == "parenthesis" and isinstance(new, ast.BinOp) and isinstance(node, ast.BinOp) \
            and isinstance(new.op, ast.Mult) and isinstance(new.right, ast.BinOp) \
            and type(new.right.op) is type(node.op):  # f * (a - b) for a - f * b
        note = (f"{text(new.left)} multiplies {text(new.right)} whole, where it belongs to "
                f"one term")
    return Mutation(kind, line, text(node), text(new), target(statement), line_before, "",
                    (node_path,), make, note=note)


def _lifts(statement: ast.stmt, path: Path, node: ast.BinOp, node_path: Path,
           ancestors: tuple, line: int) -> list[Mutation]:
    """A term closed out of the parentheses around it: np.sum(a + b) as np.sum(a) + b,
    1 / (1 + e) as 1 / 1 + e, each enclosing expression in turn."""
    found = []
    for depth, (outer, outer_path) in enumerate(ancestors):
        if isinstance(outer, (ast.Tuple, ast.List, ast.Dict, ast.Compare, ast.Subscript)) or (
                isinstance(outer, ast.Call) and not text(outer.func).startswith("np.")):
            break  # a key's "W" + str(l), a call's arguments: no parenthesis of (4) ... (17)
        local = node_path[len(outer_path):]

        def make(n: ast.AST, local: tuple = local, op: ast.operator = node.op) -> ast.AST:
            inner = at(n, local)
            right = inner.right
            put(n, local, inner.left)
            return ast.BinOp(n, op, right)

        sign = "+" if isinstance(node.op, ast.Add) else "-"
        note = f"{sign} {text(node.right)} is outside the parentheses it belongs in"
        found.append(_mutation("parenthesis", statement, path, outer, outer_path, make, line,
                               note))
        if depth >= 3:
            break
    return found


def _everywhere(function: ast.FunctionDef, found: list[Mutation]) -> list[Mutation]:
    """A change made at every node of the same text (every `l + 1`, every np.zeros(...));
    two names exchanged in every call that takes both (compute_cost(Y, AL) and
    L_model_backward(Y, AL, caches): one habit, two calls)."""
    groups: dict[tuple, list[Mutation]] = {}
    for m in found:
        if not m.statement:  # a function for another: every call of it, whatever its args
            key = (m.old.split("(")[0], m.new.split("(")[0]) if m.kind == "function" else (
                _exchanged(m) or (m.old, m.new))
            groups.setdefault((m.kind, *key), []).append(m)
            if (shift := _shifted(m)) is not None:  # range(1, L + 1) and str(L + 1): L + 1
                groups.setdefault((m.kind, *shift), []).append(m)
    return [_together(group) for key, group in groups.items() if len(group) > 1 and (
        key[1] != "name" or len({g.old for g in group}) > 1)]  # (one text: said above)


def _together(group: list[Mutation]) -> Mutation:
    m = group[0]
    pair = _exchanged(m) if m.kind == "arguments" else None
    calls = list(dict.fromkeys((g.old, g.new) for g in group))
    shift = _shifted(m) if len(calls) > 1 else None
    if shift is not None:
        said = f"{shift[1]} {shift[2]} 1"
        note = (f"{calls[0][0]} written as {calls[0][1]}, and "
                + ", and ".join(f"{old} as {new}" for old, new in calls[1:])
                + f": {said} in every place the course reads {shift[1]}")
        return Mutation(m.kind + ", everywhere", m.line, m.old, m.new, m.target, m.before,
                        m.after, tuple(p for g in group for p in g.paths),
                        lambda n: _plus(n, shift[1], shift[2]), note=note)
    if pair is None or len(calls) < 2:
        return Mutation(m.kind + ", everywhere", m.line, m.old, m.new, m.target, m.before,
                        m.after, tuple(p for g in group for p in g.paths), m.make, note=m.note)
    note = (f"{calls[0][0]} written as {calls[0][1]}, and "
            + ", and ".join(f"{old} as {new}" for old, new in calls[1:])
            + f": {pair[1]} and {pair[2]} in another order in every call that takes both")
    return Mutation(m.kind + ", everywhere", m.line, m.old, m.new, m.target, m.before,
                    m.after, tuple(p for g in group for p in g.paths),
                    lambda n: _exchange(n, pair[1], pair[2]), note=note)


def _exchanged(m: Mutation) -> tuple[str, str, str] | None:
    """("pair", a, b): the two names an "arguments" change exchanges in a call."""
    if m.kind != "arguments":
        return None
    try:
        old, new = ast.parse(m.old, mode="eval").body, ast.parse(m.new, mode="eval").body
    except SyntaxError:
        return None
    if not (isinstance(old, ast.Call) and isinstance(new, ast.Call)
            and len(old.args) == len(new.args)):
        return None
    moved = [text(a) for a, b in zip(old.args, new.args, strict=True) if text(a) != text(b)]
    if len(moved) != 2 or not all(isinstance(a, ast.Name) for a in old.args
                                  if text(a) in moved):
        return None
    return ("pair", *moved)


def _exchange(call: ast.Call, a: str, b: str) -> ast.Call:
    """`call` with the names a and b exchanged among its arguments."""
    other = {a: b, b: a}
    return ast.Call(call.func, [ast.Name(other[text(x)], ast.Load()) if text(x) in other
                                else x for x in call.args], call.keywords)


def _shifted(m: Mutation) -> tuple[str, str, str] | None:
    """("name", X, "+"): an "off by one" change of a call that reads X as X + 1 (or X - 1)
    there, where every other argument stays (range(1, L + 1), str(L + 1))."""
    if m.kind != "off by one" or "(" not in m.old:
        return None
    try:
        old = ast.parse(m.old, mode="eval").body
    except SyntaxError:
        return None
    for name in dict.fromkeys(n.id for n in ast.walk(old) if isinstance(n, ast.Name)):
        for sign in "+-":
            if isinstance(old, ast.Call) and text(_plus(old, name, sign)) == m.new:
                return ("name", name, sign)
    return None


def _plus(node: ast.Call, name: str, sign: str) -> ast.Call:
    """`node` with its argument `name` read as name + 1 (or - 1)."""
    op = ast.Add() if sign == "+" else ast.Sub()
    return ast.Call(node.func, [ast.BinOp(ast.Name(name, ast.Load()), op, ast.Constant(1))
                                if isinstance(a, ast.Name) and a.id == name else a
                                for a in node.args], node.keywords)
