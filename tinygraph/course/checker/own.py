"""Changes of the course's code read from the learner's own lines: an argument assigned
again before its first use (the Application's `layers_dims = [12288, 20, 7, 5, 1]` pasted
into L_layer_model), a size the course reads from an argument written as a number of
theirs that is none of the course's (m = 6 for m = A_prev.shape[1]), and a model's cost
computed after update_parameters (each cost one iteration ahead).

The course's sizes (swaps.COURSE_SIZES) are tried on every learner; these are tried only
where the learner's lines hold them, and, like every change, said only where the course's
code with the change gives their numbers on every case.

    >>> found = own_changes("L_layer_model", ("layers_dims = [12288, 20, 7, 5, 1]",))
    >>> found[0].kind, found[0].old
    ('overwritten', 'layers_dims')
    >>> [m.new for m in own_changes("compute_cost", ("m = 6", "cost = -np.sum(Y) / m"))]
    ['6']
"""

from __future__ import annotations

import ast
import functools

from .mutation import Mutation, copy_tree, text
from .mutation import statements as statements_of
from .program import tree
from .swaps import COURSE_LAYERS, COURSE_SIZES, numbers


@functools.lru_cache(maxsize=256)
def own_changes(program: str, lines: tuple[str, ...]) -> list[Mutation]:
    """The changes of `program` that the learner's `lines` (their statements, as
    ast.unparse reads them) hold numbers for."""
    function = tree(program)
    arguments = [a.arg for a in function.args.args]
    statements = [s for s in map(_parsed, lines) if s is not None]
    found = [_overwritten(function, s) for s in statements
             if isinstance(s, ast.Assign) and len(s.targets) == 1
             and isinstance(s.targets[0], ast.Name) and s.targets[0].id in arguments
             and _literal(s.value)]
    sizes = sorted({n.value for s in statements for n in ast.walk(s)
                    if isinstance(n, ast.Constant) and type(n.value) is int
                    and n.value > 1 and n.value not in COURSE_SIZES + COURSE_LAYERS})
    return found + _literals(function, statements) + (
        numbers(function, tuple(sizes[:6])) if sizes else []) + _cost_later(function)


def _literals(function: ast.FunctionDef, theirs: list[ast.stmt]) -> list[Mutation]:
    """A line of the course's that reads its value from an argument ((n_x, n_h, n_y) =
    layers_dims), given the learner's literal for the same names ((12288, 7, 1))."""
    arguments = {a.arg for a in function.args.args}
    given = {text(s.targets[0]): s.value for s in theirs if isinstance(s, ast.Assign)
             and len(s.targets) == 1 and not isinstance(s.targets[0], ast.Name)
             and _literal(s.value)}
    found = []
    for statement, path in statements_of(function, ()):
        if not isinstance(statement, ast.Assign) or text(statement.targets[0]) not in given:
            continue
        read = sorted({n.id for n in ast.walk(statement.value) if isinstance(n, ast.Name)}
                      & arguments)
        value = given[text(statement.targets[0])]
        if read:
            found.append(Mutation("hard-coded", statement.lineno, text(statement.value),
                                  text(value), text(statement.targets[0]), text(statement),
                                  "", (path + (("value", None),),),
                                  lambda n, value=value: copy_tree(value), note=read[0]))
    return found


def _cost_later(function: ast.FunctionDef) -> list[Mutation]:
    """A model's cost computed after update_parameters: its forward lines and its cost line
    run again after the update (before the `if` that keeps the cost), so each cost is of the
    parameters after that iteration's update."""
    found = []
    for i, loop in enumerate(function.body):
        if not isinstance(loop, ast.For):
            continue
        lines = [text(s) for s in loop.body]
        cost = next((k for k, s in enumerate(lines) if "compute_cost(" in s), None)
        update = next((k for k, s in enumerate(lines) if "update_parameters(" in s), None)
        if cost is None or update is None or cost > update:
            continue
        keep = next((k for k in range(update, len(lines)) if isinstance(loop.body[k], ast.If)),
                    len(lines))

        def make(changed: ast.FunctionDef, i: int = i, cost: int = cost, keep: int = keep
                 ) -> ast.FunctionDef:
            body = changed.body[i].body
            body[keep:keep] = [copy_tree(s) for s in body[:cost + 1]]
            return changed

        found.append(Mutation("cost after the update", loop.body[cost].lineno, lines[cost],
                              lines[cost], "cost", lines[cost], lines[cost], (), make,
                              statement=True, note=lines[update]))
    return found


def _parsed(line: str) -> ast.stmt | None:
    try:
        return ast.parse(line).body[0]
    except (SyntaxError, IndexError):  # a loop's head alone: not an assignment
        return None


def _literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _overwritten(function: ast.FunctionDef, statement: ast.Assign) -> Mutation:
    """`statement` (layers_dims = [...]) put first in the course's function."""
    name, line = statement.targets[0].id, text(statement)

    def make(changed: ast.FunctionDef) -> ast.FunctionDef:
        changed.body.insert(0, ast.fix_missing_locations(ast.copy_location(
            copy_tree(statement), changed.body[0])))
        return changed

    return Mutation("overwritten", function.lineno, name, line, name, line, line, (), make,
                    statement=True, note=text(statement.value))


def words(m: Mutation, course: str) -> str | None:
    """How an argument assigned again reads after "your <function>"; None for the other
    changes."""
    if m.kind == "cost after the update":
        return (f"computes its cost after {m.note.split(' = ')[-1]}, of the parameters just "
                f"updated: {course} computes it before the update (the cost of the "
                f"parameters the gradients are taken at), so each of your costs is one "
                f"iteration ahead (costs[0] is not the cost of the initial parameters)")
    if m.kind != "overwritten":
        return None
    return (f"assigns {m.new} before it reads {m.old}: the {m.old} it is given is never "
            f"used, and {m.note} is used on every call; {course} uses the argument")
