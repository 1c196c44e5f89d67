"""A learner's .py or .ipynb file as a module holding only its definitions.

Only imports, `def`, `class` and assignments of constants (`layers_dims = [12288, 7, 1]`)
run; every other statement (a training loop, a test call, `while True: pass`) is dropped
unread. In a notebook, IPython lines (`%matplotlib inline`, `!pip ...`) are dropped and every
line keeps its cell and line number, so an error says "cell 4, line 2":

    >>> learner = load_source("import numpy as np\\nX = np.zeros(3)\\ndef f(x):\\n    return x\\n",
    ...                       "mine.py")
    >>> sorted(k for k in vars(learner.module) if not k.startswith("__"))
    ['f', 'np']
"""

from __future__ import annotations

import ast
import json
import re
import types
from dataclasses import dataclass, field
from pathlib import Path

from .course import CheckError
from .supplied import course_modules


@dataclass
class Learner:
    """The learner's definitions as a module, and where each of its lines came from."""

    module: types.ModuleType
    path: str
    cells: list[tuple[int, int]] = field(default_factory=list)  # (first line, cell number)
    notes: list[str] = field(default_factory=list)  # what was dropped at load time, and why

    def where(self, line: int) -> str:
        """`line 12 of mine.py`, or `cell 4, line 2` in a notebook."""
        if not self.cells:
            return f"line {line} of {Path(self.path).name}"
        first, cell = max((c for c in self.cells if c[0] <= line), default=self.cells[0])
        return f"cell {cell}, line {line - first + 1}"


_CONSTANT_NODES = (ast.Constant, ast.Tuple, ast.List, ast.Set, ast.Dict, ast.Name, ast.Load,
                   ast.BinOp, ast.UnaryOp, ast.operator, ast.unaryop, ast.Attribute,
                   ast.Store, ast.Starred)


def _is_definition(node: ast.stmt) -> bool:
    """Imports, def, class, and `NAME = <constants and names, no calls>`."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef,
                         ast.ClassDef)):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return (all(isinstance(t, (ast.Name, ast.Tuple)) for t in targets)
                and all(isinstance(n, _CONSTANT_NODES) for n in ast.walk(node.value)))
    return False


# `%matplotlib inline`, `!pip install h5py`, `np.dot?`, `??relu`: IPython's, not Python's.
_IPYTHON_LINE = re.compile(r"\s*([%!]|\?+[\w.]+\s*$|[\w.]+\?+\s*$)")


def _ipython_free(source: str) -> str:
    """Blank out IPython-only lines (magics, shell escapes), keeping the line numbers."""
    lines = source.split("\n")
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        if first.split()[0] not in ("%%time", "%%timeit", "%%capture"):
            return ""  # %%bash, %%html ...: not Python at all
        lines[0] = ""
    return "\n".join("" if _IPYTHON_LINE.match(line) else line for line in lines)


def _parse(source: str, filename: str, where: str) -> ast.Module:
    try:
        return ast.parse(source, filename)
    except SyntaxError as error:
        raise CheckError(f"{where(error.lineno or 1)}: {error.msg}; fix it and check "
                         f"again") from None


def load_source(source: str, path: str) -> Learner:
    """The definitions of one Python source text (`path` names it in messages)."""
    learner = Learner(types.ModuleType("learner"), path)
    tree = _parse(source, path, learner.where)
    _run_definitions(tree, learner)
    return learner


def load_notebook(text: str, path: str) -> Learner:
    """The definitions of a notebook's code cells, each line mapped back to its cell."""
    try:
        cells = json.loads(text)["cells"]
    except (ValueError, KeyError, TypeError):
        raise CheckError(f"{path}: not a Jupyter notebook (no JSON with 'cells')") from None
    learner = Learner(types.ModuleType("learner"), path)
    body: list[ast.stmt] = []
    line = 1
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        learner.cells.append((line, number))
        tree = _parse(_ipython_free(source),
                      path, lambda n, c=number: f"{Path(path).name}: cell {c}, line {n}")
        ast.increment_lineno(tree, line - 1)
        body.extend(tree.body)
        line += source.count("\n") + 1
    _run_definitions(ast.Module(body=body, type_ignores=[]), learner)
    return learner


def _run_definitions(tree: ast.Module, learner: Learner) -> None:
    """Run each definition on its own: an import that fails is noted, not fatal."""
    namespace = learner.module.__dict__
    namespace["__file__"] = learner.path
    # The file's folder is not put on sys.path: importing a module of the learner's would run
    # all of its statements.
    with course_modules():
        for node in tree.body:
            if not _is_definition(node):
                continue
            code = compile(ast.Module(body=[node], type_ignores=[]), learner.path, "exec")
            try:
                exec(code, namespace)
            except Exception as error:  # a learner's line: the rest still loads
                if isinstance(node, (ast.Import, ast.ImportFrom)):  # say so: it may matter
                    learner.notes.append(f"{learner.where(node.lineno)}: the import did not "
                                         f"run ({type(error).__name__}: {error})")


def load(path: str | Path) -> Learner:
    """A .py or .ipynb file's definitions; a CheckError names what is wrong with the file."""
    path = Path(path)
    if path.suffix not in (".py", ".ipynb"):
        raise CheckError(f"{path}: give a .py file or a .ipynb notebook")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CheckError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CheckError(f"{path}: cannot be read ({error})") from None
    if path.suffix == ".ipynb":
        return load_notebook(text, str(path))
    return load_source(text, str(path))
