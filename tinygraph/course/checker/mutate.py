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
from dataclasses import dataclass
from typing import Any

from .slips import NOT_NAMES, slips

Path = tuple  # (field, index or None) pairs from the function down to a node


@dataclass(frozen=True)
class Mutation:
    """One change: where (`line` of the program), what it was and what it becomes."""

    kind: str  # "sign", "dropped", "swapped", "parenthesis" ... (the key's word)
    line: int
    old: str  # the course's fragment, as code: "1 - s"
    new: str  # the changed one: "1 + s"
    target: str | None  # the name the line assigns ("dZ"; "b" for parameters["b" + ...])
    before: str  # the course's whole line
    after: str  # the changed line, for a change of lines (else read from the changed tree)
    paths: tuple[Path, ...]  # the nodes it changes (several: the same change everywhere)
    make: Callable[[ast.AST], ast.AST | list]  # a changed copy of the node (or statements)
    statement: bool = False  # a change of statements (dropped, moved), not of an expression
    note: str = ""  # what the change means, where "old written as new" would not say it

    def apply(self, function: ast.FunctionDef) -> ast.FunctionDef:
        """A changed copy of `function`; only the nodes on the way to a change are copied
        (the rest is shared: a compiled tree is never changed)."""
        if not self.paths:  # a change of where lines are: made on a whole copy
            changed = copy_tree(function)
            self.make(changed)
            return changed
        copies: dict[int, ast.AST] = {}
        changed = _own(function, copies)
        for path in sorted(self.paths, key=len, reverse=True):  # inner first: paths hold
            parent = changed
            for name, index in path[:-1]:
                child = getattr(parent, name) if index is None else getattr(parent, name)[index]
                child = _own(child, copies)
                if index is None:
                    setattr(parent, name, child)
                else:
                    getattr(parent, name)[index] = child
                parent = child
            old = _at(parent, path[-1:])
            _put(changed, path, _located(self.make(copy_tree(old)), old))
        return changed


def copy_tree(node: Any) -> Any:
    """A deep copy of a syntax tree, made quicker than copy.deepcopy."""
    if isinstance(node, ast.AST):
        new = node.__class__()
        for name, value in ast.iter_fields(node):
            setattr(new, name, copy_tree(value))
        for name in node._attributes:
            if hasattr(node, name):
                setattr(new, name, getattr(node, name))
        return new
    if isinstance(node, list):
        return [copy_tree(item) for item in node]
    return node


def _own(node: ast.AST, copies: dict[int, ast.AST]) -> ast.AST:
    """A shallow copy of `node` (its lists copied too), made once per change."""
    if id(node) in copies or any(node is c for c in copies.values()):
        return copies.get(id(node), node)
    new = node.__class__()
    for name, value in ast.iter_fields(node):
        setattr(new, name, list(value) if isinstance(value, list) else value)
    for name in node._attributes:
        if hasattr(node, name):
            setattr(new, name, getattr(node, name))
    copies[id(node)] = new
    return new


def _located(new: Any, like: ast.AST) -> Any:
    """New nodes get the place of the node they replace (compile needs one)."""
    first, last = getattr(like, "lineno", 1), getattr(like, "end_lineno", None) or 1
    for item in new if isinstance(new, list) else [new]:
        for node in ast.walk(item):  # parsed pieces ("np.max") say line 1: theirs is like's
            if "lineno" in node._attributes and not first <= getattr(node, "lineno", 0) <= last:
                for name in ("lineno", "col_offset", "end_lineno", "end_col_offset"):
                    setattr(node, name, getattr(like, name, 1))
    return new


def statement_at(function: ast.FunctionDef, path: Path) -> tuple[list, int]:
    """The statement list holding the statement a node's `path` is in, and its index."""
    cut = max(i for i, (_, index) in enumerate(path) if index is not None
              and isinstance(_at(function, path[:i + 1]), ast.stmt))
    field, index = path[cut]
    return getattr(_at(function, path[:cut]), field), index


def changed_line(function: ast.FunctionDef, mutation: Mutation) -> str:
    """The changed line as it reads in the changed `function` (every change made in it)."""
    if mutation.statement or not mutation.paths:
        return mutation.after
    body, index = statement_at(function, mutation.paths[0])
    statement = body[index]
    if isinstance(statement, ast.For):
        return f"for {_text(statement.target)} in {_text(statement.iter)}:"
    if isinstance(statement, ast.If):
        return f"if {_text(statement.test)}:"
    return _text(statement).splitlines()[0]


def _at(root: ast.AST, path: Path) -> ast.AST:
    node = root
    for name, index in path:
        node = getattr(node, name) if index is None else getattr(node, name)[index]
    return node


def _put(root: ast.AST, path: Path, new: ast.AST | list) -> None:
    parent = _at(root, path[:-1])
    name, index = path[-1]
    if index is None:
        setattr(parent, name, new)
    elif isinstance(new, list):  # statements: one becomes several (moved) or none
        body = getattr(parent, name)
        body[index:index + 1] = new
    else:
        getattr(parent, name)[index] = new


def _text(node: ast.AST) -> str:
    return ast.unparse(node)


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


def _statements(node: ast.AST, path: Path) -> Iterator[tuple[ast.stmt, Path]]:
    """Every statement of a function, loops' and branches' bodies too, with its path."""
    for field in ("body", "orelse"):
        for i, statement in enumerate(getattr(node, field, None) or []):
            if isinstance(statement, ast.stmt) and not isinstance(statement, ast.FunctionDef):
                here = path + ((field, i),)
                yield statement, here
                yield from _statements(statement, here)


def _target(statement: ast.stmt) -> str | None:
    """The course's name of what a line assigns: dZ; b for parameters["b" + str(l)]."""
    if not isinstance(statement, (ast.Assign, ast.AugAssign)):
        return None
    target = statement.targets[0] if isinstance(statement, ast.Assign) else statement.target
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.BinOp) and \
            isinstance(target.slice.left, ast.Constant):
        return str(target.slice.left.value)
    if isinstance(target, ast.Tuple):  # dA_prev, dW, db = ...: the first it assigns
        return _text(target.elts[0])
    return _text(target)


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
    found = _all(function, names, strings, kinds)
    return sorted(found + _everywhere(function, found), key=_rank)


# Where two changes give the same numbers, the one a learner more likely wrote is said.
RANKS = ["sign", "parenthesis", "activation", "swapped", "exchanged", "function", "shape",
         "keyword", "comparison", "dropped", "off by one", "transposed", "integer division",
         "order", "divides", "swapped, summed", "not assigned", "line dropped",
         "moved into the loop", "moved into the if", "moved out of the if"]


def _rank(m: Mutation) -> tuple[int, bool]:
    kind = m.kind.removesuffix(", everywhere")
    return RANKS.index(kind) if kind in RANKS else len(RANKS), m.kind.endswith("everywhere")


def _all(function: ast.FunctionDef, names: list[str], strings: list[str],
         kinds: tuple[str, ...] | None) -> list[Mutation]:
    found: list[Mutation] = []
    for statement, path in _statements(function, ()):
        if isinstance(statement, (ast.For, ast.If)):
            found += _moved(function, statement, path)
            heads = [(statement.iter if isinstance(statement, ast.For) else statement.test,
                      path + (("iter" if isinstance(statement, ast.For) else "test", None),))]
        else:
            owner = _at(function, path[:-1])  # the loop a line sits in, to say which line
            found += _dropped(statement, path, f"in the loop {_before(owner).rstrip(':')}"
                              if isinstance(owner, ast.For) else "")
            heads = [(statement, path)]
        for head, head_path in heads:
            found += _changes(statement, path, head, head_path, names, strings, kinds)
    return [m for m in found if kinds is None or m.kind in kinds]


def _changes(statement: ast.stmt, path: Path, head: ast.AST, head_path: Path,
             names: list[str], strings: list[str], kinds: tuple[str, ...] | None
             ) -> list[Mutation]:
    found = []
    first = head.lineno
    nodes = [(head, head_path, ())] if isinstance(head, ast.expr) else []
    for node, node_path, ancestors in nodes + list(_expressions(head, head_path)):
        for kind, make in slips(node, names, strings):
            if kinds is None or kind in kinds:
                found.append(_mutation(kind, statement, path, node, node_path, make, first))
        if kinds is None and isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add,
                                                                                   ast.Sub)):
            found += _lifts(statement, path, node, node_path, ancestors, first)
    return found


def _mutation(kind: str, statement: ast.stmt, path: Path, node: ast.AST, node_path: Path,
              make: Callable, line: int, note: str = "") -> Mutation:
    new = make(copy_tree(node))
    before = _before(statement)
    if kind == "order" and isinstance(node, ast.Tuple):
        note = "the same values in another order"
    if kind == "integer division":
        note = f"{_text(node)} written as {_text(new)}, a whole number (1 // m is 0 for m > 1)"
    if kind == "parenthesis" and isinstance(new, ast.BinOp) and isinstance(node, ast.BinOp) \
            and isinstance(new.op, ast.Mult) and isinstance(new.right, ast.BinOp) \
            and type(new.right.op) is type(node.op):  # f * (a - b) for a - f * b
        note = (f"{_text(new.left)} multiplies {_text(new.right)} whole, where it belongs to "
                f"one term")
    return Mutation(kind, line, _text(node), _text(new), _target(statement), before, "",
                    (node_path,), make, note=note)


_BEFORE: dict[int, str] = {}


def _before(statement: ast.stmt) -> str:
    """The course's line as it reads (once per statement of a program)."""
    if id(statement) not in _BEFORE:
        _BEFORE[id(statement)] = _text(statement).splitlines()[0]
    return _BEFORE[id(statement)]


def _lifts(statement: ast.stmt, path: Path, node: ast.BinOp, node_path: Path,
           ancestors: tuple, line: int) -> list[Mutation]:
    """A term closed out of the parentheses around it: np.sum(a + b) as np.sum(a) + b,
    1 / (1 + e) as 1 / 1 + e, each enclosing expression in turn."""
    found = []
    for depth, (outer, outer_path) in enumerate(ancestors):
        if isinstance(outer, (ast.Tuple, ast.List, ast.Dict, ast.Compare, ast.Subscript)) or (
                isinstance(outer, ast.Call) and not _text(outer.func).startswith("np.")):
            break  # a key's "W" + str(l), a call's arguments: no parenthesis of (4) ... (17)
        local = node_path[len(outer_path):]

        def make(n: ast.AST, local: tuple = local, op: ast.operator = node.op) -> ast.AST:
            inner = _at(n, local)
            right = inner.right
            _put(n, local, inner.left)
            return ast.BinOp(n, op, right)

        sign = "+" if isinstance(node.op, ast.Add) else "-"
        note = f"{sign} {_text(node.right)} is outside the parentheses it belongs in"
        found.append(_mutation("parenthesis", statement, path, outer, outer_path, make, line,
                               note))
        if depth >= 3:
            break
    return found


def _dropped(statement: ast.stmt, path: Path, inside: str) -> list[Mutation]:
    if isinstance(statement, (ast.Return, ast.For, ast.If)):
        return []
    before = _text(statement)
    found = [Mutation("line dropped", statement.lineno, before, "", _target(statement), before,
                      "", (path,), lambda s: [ast.Pass()], statement=True, note=inside)]
    if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
        after = _text(statement.value)
        found.append(Mutation("not assigned", statement.lineno, before, after,
                              _target(statement), before, after, (path,),
                              lambda s: ast.Expr(s.value), statement=True))
    return found


def _moved(function: ast.FunctionDef, loop: ast.stmt, path: Path) -> list[Mutation]:
    """Lines before a loop moved into it: one line, or the block from it to the loop; a
    line next to an `if` moved into its first branch (an indentation slip)."""
    if isinstance(loop, ast.If):
        return _into_if(function, loop, path)
    if not isinstance(loop, ast.For):
        return []
    body = getattr(_at(function, path[:-1]), path[-1][0])
    index = path[-1][1]
    head = _text(loop).splitlines()[0].rstrip(":")
    found = []
    for start in reversed(range(index)):  # the fewest lines first
        for end in sorted({start + 1, index}):
            moved = body[start:end]
            text = _text(moved[0]) + (f" and the {len(moved) - 1} line"
                                      f"{'s' * (len(moved) > 2)} after it" if len(moved) > 1
                                      else "")
            found.append(Mutation("moved into the loop", moved[0].lineno, text, f"{head} {text}",
                                  _target(moved[0]), text, head, (), _mover(path, start, end),
                                  statement=True))
    return found


def _into_if(function: ast.FunctionDef, branch: ast.If, path: Path) -> list[Mutation]:
    body = getattr(_at(function, path[:-1]), path[-1][0])
    index = path[-1][1]
    test = f"if {_text(branch.test)}"
    found = []
    for other, kind in ((index - 1, "moved into the if"), (index + 1, "moved out of the if")):
        if 0 <= other < len(body) and not isinstance(body[other], (ast.Return, ast.For,
                                                                    ast.If)):
            line = _text(body[other]).splitlines()[0]
            found.append(Mutation(kind, body[other].lineno, line, test, _target(body[other]),
                                  line, test, (), _indenter(path, other), statement=True))
    return found


def _indenter(branch: Path, other: int) -> Callable:
    """Moves the line before the if to the top of its first branch, the line after it to
    the end of that branch."""
    def make(function: ast.FunctionDef) -> ast.FunctionDef:
        body = getattr(_at(function, branch[:-1]), branch[-1][0])
        index = branch[-1][1]
        if other < index:
            body[index].body.insert(0, body[other])
        else:
            body[index].body.append(body[other])
        del body[other]
        return function
    return make


def _mover(loop: Path, start: int, end: int) -> Callable:
    """Moves the lines start..end of the loop's block to the top of the loop's body."""
    def make(function: ast.FunctionDef) -> ast.FunctionDef:
        body = getattr(_at(function, loop[:-1]), loop[-1][0])
        index = loop[-1][1]
        body[index].body[:0] = body[start:end]
        del body[start:end]
        return function
    return make


def _everywhere(function: ast.FunctionDef, found: list[Mutation]) -> list[Mutation]:
    """A change made at every node of the same text (every `l + 1`, every np.zeros(...))."""
    groups: dict[tuple, list[Mutation]] = {}
    for m in found:
        if not m.statement:  # a function for another: every call of it, whatever its args
            key = (m.old.split("(")[0], m.new.split("(")[0]) if m.kind == "function" else (
                m.old, m.new)
            groups.setdefault((m.kind, *key), []).append(m)
    return [Mutation(m.kind + ", everywhere", m.line, m.old, m.new, m.target, m.before,
                     m.after, tuple(p for g in group for p in g.paths), m.make, note=m.note)
            for group in groups.values() if len(group) > 1 for m in group[:1]]
