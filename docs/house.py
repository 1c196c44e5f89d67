"""The house as the code has it: tinygraph's modules, their layers and their imports, read from
the source (every `import`, at the top of a module or inside a function).

docs/build.py draws it (docs/img/architecture.svg, in docs/architecture.md);
tests/test_house.py holds it to the rules: each layer imports only the layers below it, and no
circle.

    $ python docs/house.py          # the layers, and what each module imports
"""

from __future__ import annotations

import ast
from pathlib import Path

import tinygraph
from tinygraph._layout import LAYERS

PACKAGE = Path(tinygraph.__file__).resolve().parent
# The floors from the ground up: errors (every layer raises them), the engine, models, the
# course, tools, the face (tinygraph/__init__.py hands on the layers below it), the command.
FLOORS = ("errors", *LAYERS[:-1], "face", LAYERS[-1])


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def floor_of(module: str) -> str:
    """`engine` for tinygraph.engine.ops.course; `face` for tinygraph and tinygraph._layout."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in FLOORS:
        return parts[1]
    return "cli" if module == "tinygraph.__main__" else "face"  # python -m tinygraph


def imports_of(module: str) -> set[str]:
    """Every tinygraph module that `module` imports, at its top or inside a function."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from ..engine import validate` imports the module engine.validate;
            # `from ..engine.ops import relu`, the module engine.ops
            named = {f"{target}.{a.name}" for a in node.names} & MODULES.keys()
            found |= named or ({target} & MODULES.keys())
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in MODULES}
    return found - {module}


def graph() -> dict[str, set[str]]:
    """module -> the modules it imports."""
    return {module: imports_of(module) for module in MODULES}


def room(module: str) -> str:
    """What a picture draws: a module (`nn`), or a folder as one room (`ops/`, `cli/`)."""
    floor = floor_of(module)
    if floor in ("face", "errors"):
        return module.removeprefix("tinygraph.")
    if floor == "cli":
        return "cli/"
    inside = module.split(".")[2:]  # after tinygraph.<layer>
    if not inside:
        return f"{floor}/__init__"
    if len(inside) > 1 or MODULES[module].name == "__init__.py":
        return inside[0] + "/"
    return inside[0]


if __name__ == "__main__":
    edges = graph()
    for floor in FLOORS:
        print(f"{floor}:")
        for module in sorted(m for m in MODULES if floor_of(m) == floor):
            used = ", ".join(sorted(m.removeprefix("tinygraph.") for m in edges[module]))
            print(f"  {module.removeprefix('tinygraph.') or 'tinygraph'}: {used}")
