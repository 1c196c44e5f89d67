"""A learner's .py or .ipynb file as a module holding only its definitions.

Only imports, `def`, `class` and assignments of constants (`layers_dims = [12288, 7, 1]`)
run; every other statement (a training loop, a test call, `while True: pass`) is dropped
unread. In a notebook, IPython lines (`%matplotlib inline`, `!pip ...`) are dropped and every
line keeps its cell and line number, so an error says "cell 4, line 2".

A file is read as Python reads it: a .py in the encoding its coding line names (PEP 263,
`# -*- coding: latin-1 -*-`), UTF-8 otherwise; a notebook of an older Jupyter (nbformat 3)
is upgraded with the `nbformat` package first. Anything else is a CheckError that says what
is wrong with the file:

    >>> learner = load_source("import numpy as np\\nX = np.zeros(3)\\ndef f(x):\\n    return x\\n",
    ...                       "mine.py")
    >>> sorted(k for k in vars(learner.module) if not k.startswith("__"))
    ['f', 'np']
"""

from __future__ import annotations

import ast
import contextlib
import json
import re
import tokenize
import types
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .course import CheckError
from .limits import (
    SECONDS,
    CheckTimeout,
    Progress,
    learner_error,
    real_interrupts,
    time_limit,
)
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


def load_source(source: str, path: str, seconds: float = SECONDS,
                progress: Progress | None = None) -> Learner:
    """The definitions of one Python source text (`path` names it in messages)."""
    learner = Learner(types.ModuleType("learner"), path)
    tree = _parse(source, path, learner.where)
    _run_definitions(tree, learner, seconds, progress or Progress())
    return learner


def _cells(text: str, path: str) -> list[dict[str, Any]]:
    """A notebook's cells; one of an older Jupyter (nbformat 3) upgraded by nbformat."""
    try:
        notebook = json.loads(text)
    except ValueError as error:
        raise CheckError(f"{path}: not a Jupyter notebook (not JSON: {error})") from None
    version = notebook.get("nbformat") if isinstance(notebook, dict) else None
    if isinstance(version, int) and version < 4:
        notebook = _upgraded(text, path, version)
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise CheckError(f"{path}: not a Jupyter notebook (no JSON with 'cells')")
    return [c for c in cells if isinstance(c, dict)]


def _upgraded(text: str, path: str, version: int) -> dict[str, Any]:
    try:
        import nbformat  # the notebook extra's: only an older notebook needs it
    except ImportError:
        raise CheckError(f"{path} is an nbformat {version} notebook (an older Jupyter's): "
                         f"reading it needs the nbformat package: pip install nbformat, or "
                         f"pip install 'tinygraph[notebook]'") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat's warnings on missing cell ids
            return nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat's validation errors have no common base
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CheckError(f"{path}: an nbformat {version} notebook that nbformat cannot "
                         f"upgrade ({reason})") from None


def load_notebook(text: str, path: str, seconds: float = SECONDS,
                  progress: Progress | None = None) -> Learner:
    """The definitions of a notebook's code cells, each line mapped back to its cell."""
    learner = Learner(types.ModuleType("learner"), path)
    body: list[ast.stmt] = []
    line = 1
    for number, cell in enumerate(_cells(text, path), start=1):
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
    _run_definitions(ast.Module(body=body, type_ignores=[]), learner, seconds,
                     progress or Progress())
    return learner


def _run_definitions(tree: ast.Module, learner: Learner, seconds: float,
                     progress: Progress) -> None:
    """Run each definition on its own: an import that fails is noted, not fatal. A class
    body or a default value runs code too: each has the time limit of a call."""
    namespace = learner.module.__dict__
    namespace["__file__"] = learner.path
    progress.parsed(learner.path, learner.cells)
    # The file's folder is not put on sys.path: importing a module of the learner's would run
    # all of its statements.
    with course_modules(), real_interrupts():
        for node in tree.body:
            if not _is_definition(node):
                continue
            code = compile(ast.Module(body=[node], type_ignores=[]), learner.path, "exec")
            imports = isinstance(node, (ast.Import, ast.ImportFrom))
            progress.calling()
            try:  # an import runs a library's code, not the learner's: it has no limit
                with contextlib.nullcontext() if imports else time_limit(seconds):
                    exec(code, namespace)
            except BaseException as error:  # a learner's line: the rest still loads
                if not learner_error(error):
                    raise
                note = _note(error, imports)
                if note:  # say so: it may matter
                    learner.notes.append(f"{learner.where(node.lineno)}: {note}")


def _note(error: BaseException, imports: bool) -> str | None:
    """What a report says of a definition that did not run; None when it need not say."""
    if imports:
        return f"the import did not run ({type(error).__name__}: {error})"
    if isinstance(error, CheckTimeout):
        return f"{error} It was stopped and skipped."
    if not isinstance(error, Exception):  # exit() or KeyboardInterrupt in a class body
        return f"it did not run ({type(error).__name__})"
    return None


def load(path: str | Path, seconds: float = SECONDS,
         progress: Progress | None = None) -> Learner:
    """A .py or .ipynb file's definitions; a CheckError names what is wrong with the file.

        >>> load("notes.txt")
        Traceback (most recent call last):
        ...
        tinygraph.course.checker.course.CheckError: notes.txt: give a .py file or a .ipynb notebook
    """
    path = Path(path)
    if path.suffix not in (".py", ".ipynb"):
        raise CheckError(f"{path}: give a .py file or a .ipynb notebook")
    text = _read(path)
    if path.suffix == ".ipynb":
        return load_notebook(text, str(path), seconds, progress)
    return load_source(text, str(path), seconds, progress)


def _read(path: Path) -> str:
    """The text as Python reads it: a .py in its PEP 263 encoding, a notebook in UTF-8."""
    try:
        if path.suffix == ".py":
            with tokenize.open(path) as file:  # the coding line, or UTF-8 (a BOM is fine)
                return file.read()
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CheckError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CheckError(f"{path}: a folder, not a file") from None
    except SyntaxError as error:  # tokenize's: a coding line naming no known encoding
        raise CheckError(f"{path}: cannot be read: {error.msg}") from None
    except UnicodeDecodeError as error:
        byte = error.object[error.start:error.start + 1].hex()
        line = error.object[:error.start].count(b"\n") + 1
        raise CheckError(f"{path}: cannot be read as {error.encoding} (byte 0x{byte} on line "
                         f"{line}): save it as UTF-8, or name its encoding in a coding line "
                         f"(# -*- coding: latin-1 -*-)") from None
    except OSError as error:
        raise CheckError(f"{path}: cannot be read ({error.strerror or error})") from None
