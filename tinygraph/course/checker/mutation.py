"""One change of the course's code, and the plumbing to make it on a syntax tree.

A `Mutation` says where a change is (`line` of the program), what the course's fragment was
and what it becomes, and how to make it (`make`, on a copy of the node it changes). Making
one copies only the nodes on the way to the change: the course's tree is shared, never
changed.

    >>> import ast
    >>> function = ast.parse("def f(x):\\n    y = x + 1\\n    return y").body[0]
    >>> target(function.body[0]), before(function.body[0])
    ('y', 'y = x + 1')
"""

from __future__ import annotations

import ast
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

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
            old = at(parent, path[-1:])
            put(changed, path, _located(self.make(copy_tree(old)), old))
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
              and isinstance(at(function, path[:i + 1]), ast.stmt))
    field, index = path[cut]
    return getattr(at(function, path[:cut]), field), index


def changed_line(function: ast.FunctionDef, mutation: Mutation) -> str:
    """The changed line as it reads in the changed `function` (every change made in it)."""
    if mutation.statement or not mutation.paths:
        return mutation.after
    body, index = statement_at(function, mutation.paths[0])
    statement = body[index]
    if isinstance(statement, ast.For):
        return f"for {text(statement.target)} in {text(statement.iter)}:"
    if isinstance(statement, ast.If):
        return f"if {text(statement.test)}:"
    return text(statement).splitlines()[0]


def at(root: ast.AST, path: Path) -> ast.AST:
    node = root
    for name, index in path:
        node = getattr(node, name) if index is None else getattr(node, name)[index]
    return node


def put(root: ast.AST, path: Path, new: ast.AST | list) -> None:
    parent = at(root, path[:-1])
    name, index = path[-1]
    if index is None:
        setattr(parent, name, new)
    elif isinstance(new, list):  # statements: one becomes several (moved) or none
        body = getattr(parent, name)
        body[index:index + 1] = new
    else:
        getattr(parent, name)[index] = new


def text(node: ast.AST) -> str:
    return ast.unparse(node)


def target(statement: ast.stmt) -> str | None:
    """The course's name of what a line assigns: dZ; b for parameters["b" + str(l)]."""
    if not isinstance(statement, (ast.Assign, ast.AugAssign)):
        return None
    target = statement.targets[0] if isinstance(statement, ast.Assign) else statement.target
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.BinOp) and \
            isinstance(target.slice.left, ast.Constant):
        return str(target.slice.left.value)
    if isinstance(target, ast.Tuple):  # dA_prev, dW, db = ...: the first it assigns
        return text(target.elts[0])
    return text(target)


# Weak: a learner's statements are read here too, from trees made for one look; keyed by
# id(), a later statement at a freed one's address read as the freed one's line.
_BEFORES: weakref.WeakKeyDictionary[ast.stmt, str] = weakref.WeakKeyDictionary()


def before(statement: ast.stmt) -> str:
    """A statement's first line as it reads (once per statement)."""
    line = _BEFORES.get(statement)
    if line is None:
        line = _BEFORES[statement] = text(statement).splitlines()[0]
    return line


def statements(node: ast.AST, path: Path) -> Iterator[tuple[ast.stmt, Path]]:
    """Every statement of a function, loops' and branches' bodies too, with its path."""
    for field in ("body", "orelse"):
        for i, statement in enumerate(getattr(node, field, None) or []):
            if isinstance(statement, ast.stmt) and not isinstance(statement, ast.FunctionDef):
                here = path + ((field, i),)
                yield statement, here
                yield from statements(statement, here)


def sides(line: str) -> str:
    """The right-hand side of an assignment; a loop's head or a return as they are."""
    if line.startswith(("for ", "if ", "return ")):
        return line.removeprefix("return ").rstrip(":")
    try:
        statement = ast.parse(line.strip()).body[0]
    except SyntaxError:
        return line
    if isinstance(statement, (ast.Assign, ast.AugAssign)):
        return ast.unparse(statement.value)
    return line
