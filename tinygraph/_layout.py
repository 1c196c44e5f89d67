"""The short names of tinygraph's modules, and the layer each lives in.

The code sits in one folder per layer, each importing only the layers below it:

    cli/      the `tinygraph` command
    tools/    render, debug, views, player, stepper: drawing and debugging
    course/   notebook (the course's functions), checker (a learner's functions against them)
    models/   nn, optim, train, data, io, stream, export, pytorch
    engine/   tensor, ops, autograd: the node, the rules, the walk

A user imports the short names, which stay what they always were: `tinygraph.nn` is
`tinygraph.models.nn`, the same module object, loaded on first use. `install()` (called by
`import tinygraph`) puts a finder for them first on `sys.meta_path`.

    >>> import tinygraph.nn, tinygraph.models.nn
    >>> tinygraph.nn is tinygraph.models.nn
    True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types

# Each short name and the layer it lives in.
HOMES = {
    "tensor": "engine", "ops": "engine", "autograd": "engine", "contrib": "engine",
    "nn": "models", "optim": "models", "train": "models", "data": "models", "io": "models",
    "stream": "models", "export": "models", "pytorch": "models",
    "notebook": "course", "checker": "course",
    "render": "tools", "debug": "tools", "player": "tools", "stepper": "tools",
    "views": "tools",
}
LAYERS = ("engine", "models", "course", "tools", "cli")


def home(fullname: str) -> str | None:
    """`tinygraph.models.nn` for `tinygraph.nn` (and for its submodules); None for the rest."""
    parts = fullname.split(".")
    if len(parts) < 2 or parts[0] != "tinygraph" or parts[1] not in HOMES:
        return None
    return ".".join(["tinygraph", HOMES[parts[1]], *parts[1:]])


class ShortNames(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports `tinygraph.nn` as the module `tinygraph.models.nn`: one module, two names."""

    def find_spec(self, fullname: str, path: object = None,
                  target: object = None) -> importlib.machinery.ModuleSpec | None:
        if home(fullname) is None:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = importlib.import_module(home(spec.name))
        _short_names_of_loaded()
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the module ran when it was imported under its own name."""


def _short_names_of_loaded() -> None:
    """Every module of the layers loaded so far, in `sys.modules` under its short name too.

    Python binds a module newly imported to its package as an attribute. Were
    `tinygraph.tensor` first imported by its short name after `import tinygraph`, the module
    would take the place of the function `tinygraph.tensor` (and `tinygraph.debug.gradcheck`
    that of the function `gradcheck`); a name already in `sys.modules` is not bound again.
    """
    for name in list(sys.modules):
        parts = name.split(".")
        if len(parts) > 2 and parts[0] == "tinygraph" and HOMES.get(parts[2]) == parts[1]:
            sys.modules.setdefault(".".join(["tinygraph", *parts[2:]]), sys.modules[name])


def install() -> None:
    """Put the finder first on `sys.meta_path`, once, and give what is loaded its short name."""
    if not any(isinstance(finder, ShortNames) for finder in sys.meta_path):
        sys.meta_path.insert(0, ShortNames())
    _short_names_of_loaded()
