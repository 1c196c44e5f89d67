"""Which of several changes of the course's code reads most like the learner's own code.

Several changes can give the learner's numbers. `dZ[Z <= 0] == 0`, a comparison where an
assignment belongs, leaves dZ equal to dA: so does `return dA` where the course returns dZ,
and so does the mask's line dropped. The learner's lines tell them apart: a change of a line
they wrote as the course writes it is not theirs (their `return dZ` is the course's), and of
the others, the one whose changed line is nearest to a line of theirs is said.

    >>> from tinygraph.checker.mutate import mutations
    >>> from tinygraph.checker.program import tree
    >>> theirs = ["Z = cache", "dZ = np.array(dA, copy=True)", "dZ[Z <= 0] == 0", "return dZ"]
    >>> returns = next(m for m in mutations(tree("relu_backward/mask")) if m.new == "dA")
    >>> dropped = next(m for m in mutations(tree("relu_backward/mask"))
    ...                if m.kind == "line dropped" and m.old.startswith("dZ["))
    >>> resemblance(returns, "return dA", "relu_backward/mask", theirs)[0]
    -1
    >>> resemblance(dropped, "", "relu_backward/mask", theirs, ["dZ[Z <= 0] == 0"])
    (0, 0.947)
"""

from __future__ import annotations

import ast
import difflib
import functools
import inspect
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

from .mutation import Mutation, before, statements
from .program import tree

_TOKEN = re.compile(r"\w+|\S")


def learner_lines(function: Callable) -> tuple[list[str], list[str]]:
    """The learner's statements, each as its first line reads in ast.unparse's spelling (the
    course's programs are read the same way), and those that compute a value and keep
    nothing (`dZ[Z <= 0] == 0`); ([], []) when their source cannot be read."""
    try:
        source = textwrap.dedent(inspect.getsource(function))
        module = ast.parse(source)
    except (OSError, TypeError, SyntaxError, ValueError):
        return [], []
    found = [node for node in ast.walk(module) if isinstance(node, ast.stmt)
             and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    idle = [before(node) for node in found if isinstance(node, ast.Expr)
            and isinstance(node.value, _IDLE)]
    return [before(node) for node in found], idle


# An expression that, as a statement of its own, changes nothing: a comparison, arithmetic,
# an index, an attribute (a call may change its arguments; a string is a docstring).
_IDLE = (ast.Compare, ast.BinOp, ast.UnaryOp, ast.Subscript, ast.Attribute, ast.Name,
         ast.BoolOp)


@functools.lru_cache(maxsize=128)
def _course_lines(program: str) -> tuple[str, ...]:
    return tuple(before(s) for s, _ in statements(tree(program), ()))


def _near(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _TOKEN.findall(a), _TOKEN.findall(b),
                                   autojunk=False).ratio()


def resemblance(m: Mutation, after: str, program: str, lines: list[str],
                idle: list[str] | None = None) -> tuple[int, float]:
    """(-1 when the change is of a line the learner wrote as the course does, else 0; how
    near the changed line is to their nearest line, 0 to 1: for a line dropped, how near
    the dropped line is to a line of theirs that keeps nothing, `idle`). (0, 0.0) without
    their lines."""
    if not lines:
        return 0, 0.0
    course = _course_lines(program)
    kept = lines.count(m.before) >= max(course.count(m.before), 1)
    moved = "moved" in m.kind  # a moved line reads as the course's
    penalty = -1 if kept and not moved and after not in lines else 0
    if m.kind == "line dropped":
        return penalty, round(max((_near(m.before, line) for line in idle or []),
                                  default=0.0), 3)
    near = max((_near(after, line) for line in lines), default=0.0) if after else 0.0
    return penalty, round(near, 3)


def line_like(function: Callable, text: str) -> int | None:
    """The line of the learner's `function` whose statement reads most like `text` (the
    changed line of the course's code that gives their numbers), when it reads nearly so;
    None when none does, or their source cannot be read."""
    code = function.__code__
    try:  # the file as it is now (linecache may hold an older file of that name)
        module = ast.parse(Path(code.co_filename).read_text(encoding="utf-8"))
        first = 1
    except (OSError, SyntaxError, ValueError):
        try:  # a notebook's cell: what inspect knows of it
            lines, first = inspect.getsourcelines(function)
            module = ast.parse(textwrap.dedent("".join(lines)))
        except (OSError, TypeError, SyntaxError, ValueError):
            return None
    body = next((n for n in ast.walk(module) if isinstance(n, ast.FunctionDef)
                 and n.name == code.co_name and first + n.lineno - 1 <= code.co_firstlineno
                 <= first + (n.end_lineno or n.lineno) - 1), None)
    if body is None:
        return None
    found = [(_near(text, before(n)), n.lineno) for n in ast.walk(body)
             if isinstance(n, ast.stmt) and not isinstance(n, ast.FunctionDef)]
    near, line = max(found, default=(0.0, 0), key=lambda f: (f[0], -f[1]))
    return first + line - 1 if near >= 0.6 else None


def idle_like(m: Mutation, idle: list[str]) -> str | None:
    """The learner's line that keeps nothing and reads most like the line `m` drops, when
    it reads nearly as that line (`dZ[Z <= 0] == 0` for `dZ[Z <= 0] = 0`)."""
    if m.kind != "line dropped" or not idle:
        return None
    line = max(idle, key=lambda i: _near(m.before, i))
    return line if _near(m.before, line) >= 0.6 else None


def their_text(function: Callable, line: int | None) -> str:
    """The text of the learner's `line` (of their whole function for None); "" when their
    source cannot be read."""
    try:
        lines, first = inspect.getsourcelines(function)
    except (OSError, TypeError):
        return ""
    if line is None:
        return "".join(lines)
    return lines[line - first] if 0 <= line - first < len(lines) else ""


def returns_nothing(function: Callable) -> str | None:
    """Why the learner's function returns None, read from its code: no return statement, or a
    bare `return`; None when it has a return with a value (or its source cannot be read)."""
    try:
        body = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    except (OSError, TypeError, SyntaxError, ValueError, IndexError):
        return None
    returns = [n for n in ast.walk(body) if isinstance(n, ast.Return)]
    if not returns:
        return "it has no return statement: the course's ends with one"
    if all(n.value is None for n in returns):
        return "its return gives no value"
    return None
