"""Changes of whole lines of the course's code: a line dropped, its result not kept, moved
into the loop next to it (the lines before it, or one after it: a `return` indented
into the loop), into or out of an `if` next to it, or moved up or down among the lines
around it (W2 drawn before W1, the seed set after the first draw).

    >>> from tinygraph.checker.program import tree
    >>> found = lines_changed(tree("initialize_parameters"))
    >>> [m.kind for m in found if m.old == "np.random.seed(1)"][:2]
    ['line dropped', 'moved']
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable

from .mutation import Mutation, Path, at, before, statements, target, text

_BLOCKS = (ast.For, ast.If, ast.Return)


def lines_changed(function: ast.FunctionDef) -> list[Mutation]:
    """Every change of where a line is, or whether it is there, in `function`."""
    found: list[Mutation] = []
    for statement, path in statements(function, ()):
        if isinstance(statement, ast.For):
            found += _into_loop(function, statement, path)
        elif isinstance(statement, ast.If):
            found += _into_if(function, statement, path)
        else:
            owner = at(function, path[:-1])  # the loop a line sits in, to say which line
            found += _dropped(statement, path, f"in the loop {before(owner).rstrip(':')}"
                              if isinstance(owner, ast.For) else "")
    for statement, path in [(function, ())] + list(statements(function, ())):
        found += _reordered(statement, path) + _repeated(statement, path)
    return found + _exchanged(function)


def _exchanged(function: ast.FunctionDef) -> list[Mutation]:
    """Two of the function's arguments used each for the other (sigmoid_backward computing
    s from dA and multiplying by Z): the course's code with the two exchanged throughout."""
    names = [a.arg for a in function.args.args]
    found = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            said = f"{names[i]} and {names[j]}"
            found.append(Mutation("arguments exchanged", function.lineno, said, said,
                                  None, said, said, (), _swapper(i, j), statement=True))
    return found


def _swapper(i: int, j: int) -> Callable:
    def make(function: ast.FunctionDef) -> ast.FunctionDef:
        arguments = function.args.args
        arguments[i], arguments[j] = arguments[j], arguments[i]
        return function
    return make


def _repeated(owner: ast.AST, path: Path) -> list[Mutation]:
    """A line that only acts (a call kept for what it does: np.random.seed(1)) run again
    before a later line of its block: a helper that seeds at each of its calls."""
    found = []
    body = getattr(owner, "body", None) or []
    for i, statement in enumerate(body):
        if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
            continue
        end = next((k for k in range(i + 1, len(body)) if isinstance(body[k], _BLOCKS)),
                   len(body))
        for j in reversed(range(i + 2, end)):  # the latest first: before W2, not b1
            where = f"before {before(body[j])}"
            found.append(Mutation("repeated", statement.lineno, before(statement), where,
                                  target(statement), before(statement), where, (),
                                  _copier(path + (("body", None),), i, j), statement=True))
    return found


def _copier(block: Path, i: int, j: int) -> Callable:
    """Puts a copy of line i of a block before its line j."""
    def make(function: ast.FunctionDef) -> ast.FunctionDef:
        body = getattr(at(function, block[:-1]), block[-1][0])
        body.insert(j, copy.deepcopy(body[i]))
        return function
    return make


def _dropped(statement: ast.stmt, path: Path, inside: str) -> list[Mutation]:
    if isinstance(statement, _BLOCKS):
        return []
    line = text(statement)
    found = [Mutation("line dropped", statement.lineno, line, "", target(statement), line,
                      "", (path,), lambda s: [ast.Pass()], statement=True, note=inside)]
    if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
        after = text(statement.value)
        found.append(Mutation("not assigned", statement.lineno, line, after,
                              target(statement), line, after, (path,),
                              lambda s: ast.Expr(s.value), statement=True))
    return found


def _into_loop(function: ast.FunctionDef, loop: ast.For, path: Path) -> list[Mutation]:
    """Lines before a loop moved into it: one line, or the block from it to the loop; a
    line after it (up to the next block) moved to the end of its body."""
    body = getattr(at(function, path[:-1]), path[-1][0])
    index = path[-1][1]
    head = text(loop).splitlines()[0].rstrip(":")
    found = []
    for start in reversed(range(index)):  # the fewest lines first
        for end in sorted({start + 1, index}):
            moved = body[start:end]
            said = text(moved[0]) + (f" and the {len(moved) - 1} line"
                                     f"{'s' * (len(moved) > 2)} after it" if len(moved) > 1
                                     else "")
            kind = "moved into the loop" if len(moved) == 1 else "block moved into the loop"
            found.append(Mutation(kind, moved[0].lineno, said,
                                  f"{head} {said}", target(moved[0]), said, head, (),
                                  _mover(path, start, end), statement=True))
    for k in range(index + 1, len(body)):  # a line after the loop (the return next to it)
        if k > index + 1 and isinstance(body[k], _BLOCKS):  # indented into it: db = db / m
            break
        line = before(body[k])
        found.append(Mutation("moved into the loop, after", body[k].lineno, line,
                              f"{head} {line}", target(body[k]), line, head, (),
                              _mover(path, k, k + 1, last=True), statement=True))
    return found


def _into_if(function: ast.FunctionDef, branch: ast.If, path: Path) -> list[Mutation]:
    body = getattr(at(function, path[:-1]), path[-1][0])
    index = path[-1][1]
    test = f"if {text(branch.test)}"
    found = []
    for other, kind in ((index - 1, "moved into the if"), (index + 1, "moved out of the if")):
        if 0 <= other < len(body) and not isinstance(body[other], _BLOCKS):
            line = text(body[other]).splitlines()[0]
            found.append(Mutation(kind, body[other].lineno, line, test, target(body[other]),
                                  line, test, (), _indenter(path, other), statement=True))
    return found


def _reordered(owner: ast.AST, path: Path) -> list[Mutation]:
    """A line moved up or down among the lines of its block (not past a loop, an if or a
    return: those are the moves above)."""
    found = []
    for field in ("body", "orelse"):
        body = getattr(owner, field, None) or []
        for i, statement in enumerate(body):
            if isinstance(statement, _BLOCKS) or isinstance(statement, ast.FunctionDef):
                continue
            for j in range(len(body)):
                passed = body[min(i, j):max(i, j) + 1]
                if j == i or any(isinstance(s, _BLOCKS) for s in passed):
                    continue
                where = f"{'after' if j > i else 'before'} {before(body[j])}"
                note = (f"before {before(body[i + 1])}" if j > i
                        else f"after {before(body[i - 1])}")
                found.append(Mutation("moved", statement.lineno, before(statement), where,
                                      target(statement), before(statement), where, (),
                                      _shifter(path + ((field, None),), i, j), statement=True,
                                      note=note))
    return found


def _shifter(block: Path, i: int, j: int) -> Callable:
    """Moves line i of a block to place j."""
    def make(function: ast.FunctionDef) -> ast.FunctionDef:
        body = getattr(at(function, block[:-1]), block[-1][0])
        body.insert(j, body.pop(i))
        return function
    return make


def _indenter(branch: Path, other: int) -> Callable:
    """Moves the line before the if to the top of its first branch, the line after it to
    the end of that branch."""
    def make(function: ast.FunctionDef) -> ast.FunctionDef:
        body = getattr(at(function, branch[:-1]), branch[-1][0])
        index = branch[-1][1]
        if other < index:
            body[index].body.insert(0, body[other])
        else:
            body[index].body.append(body[other])
        del body[other]
        return function
    return make


def _mover(loop: Path, start: int, end: int, last: bool = False) -> Callable:
    """Moves the lines start..end of the loop's block to the top of the loop's body (to
    its end: `last`)."""
    def make(function: ast.FunctionDef) -> ast.FunctionDef:
        body = getattr(at(function, loop[:-1]), loop[-1][0])
        index = loop[-1][1]
        if last:
            body[index].body.extend(body[start:end])
        else:
            body[index].body[:0] = body[start:end]
        del body[start:end]
        return function
    return make
