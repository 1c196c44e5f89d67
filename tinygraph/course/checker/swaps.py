"""Changes of the course's code across its calls, and a size written as a number, with their
words where "old written as new" would not say them.

A learner's model can hand "relu" and "sigmoid" each to the other's layer in every call of
linear_activation_backward (two calls changed, one mistake), call another of the course's
functions where the course calls one (initialize_parameters_deep where two_layer_model calls
initialize_parameters), or write the size the course reads from an argument as a number they
saw in the course (m = 209, the cat set's size, for m = Y.shape[1]). An unpacking in another
order (activation_cache, linear_cache = cache) is said by what each name then holds.

    >>> from tinygraph.checker.program import tree
    >>> [m.old for m in exchanges(tree("two_layer_model"))][-1]
    'linear_activation_forward and linear_activation_backward'
    >>> [m.new for m in numbers(tree("compute_cost"))][:3]
    ['209', '50', '12288']
"""

from __future__ import annotations

import ast
import functools

from .course import CACHES, holds
from .mutation import Mutation, Path, before, copy_tree, statements, target, text
from .program import SOURCES, tree

ACTIVATIONS = ("relu", "sigmoid")
# The sizes a learner of the course sees and may write for a size read from an argument: the
# cat pictures' training and test sets (209, 50 examples), a picture's 64 * 64 * 3 = 12288
# numbers, the Application's layers_dims [12288, 20, 7, 5, 1] and the two-layer net's 7, the
# m of the course's test cases (2, 3, 4: right on its test, wrong on any other).
COURSE_SIZES = (209, 50, 12288, 64, 20, 7, 5, 2, 3, 4)
# The layers of the course's nets: two_layer_model's 2, the test cases' 3 (L_model_forward's
# W1 .. W3), the Application's 4 (layers_dims of 5 sizes).
COURSE_LAYERS = (2, 3, 4, 5)
# What the course's tuples hold, in its words (to say what a name unpacked in another order
# holds).
HOLDS = {name: f"the {name.replace('_', ' ')} {holds(name)}" for name in CACHES}


def _swap(node: ast.Constant) -> ast.Constant:
    return ast.Constant(ACTIVATIONS[1 - ACTIVATIONS.index(node.value)])


def exchanges(function: ast.FunctionDef) -> list[Mutation]:
    """"relu" and "sigmoid" exchanged in every call of one course function (each called
    with both), then in all of them."""
    calls: dict[str, list[tuple[Path, ast.stmt, int]]] = {}
    for statement, path in statements(function, ()):
        if not isinstance(statement, (ast.Assign, ast.Expr)):
            continue
        call = statement.value
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
            continue
        for i, arg in enumerate(call.args):
            if isinstance(arg, ast.Constant) and arg.value in ACTIVATIONS:
                where = path + (("value", None), ("args", i))
                calls.setdefault(call.func.id, []).append((where, statement, arg.value))
    groups = {f: c for f, c in calls.items() if {v for _, _, v in c} == set(ACTIVATIONS)}
    if len(groups) > 1:
        groups[" and ".join(groups)] = [c for group in groups.values() for c in group]
    return [Mutation("activations exchanged", group[0][1].lineno, callee, "",
                     None, before(group[0][1]), "", tuple(p for p, _, _ in group), _swap,
                     note="; ".join(before(s) for _, s, _ in group))
            for callee, group in groups.items()]


def numbers(function: ast.FunctionDef, own: tuple[int, ...] = ()) -> list[Mutation]:
    """A size the course reads from an argument (m = Y.shape[1], L = len(caches)) written
    as one of the course's numbers, or as one of `own` (the learner's, own.py)."""
    found = []
    for statement, path in statements(function, ()):
        read = _read(statement)
        if read is None:
            continue
        sizes = own or (COURSE_SIZES if isinstance(statement.value, ast.Subscript)
                        else COURSE_LAYERS)
        for size in sizes:
            found.append(Mutation("hard-coded", statement.lineno, text(statement.value),
                                  str(size), target(statement), before(statement), "",
                                  (path + (("value", None),),),
                                  lambda n, size=size: ast.Constant(size), note=read))
    return found


def _read(statement: ast.stmt) -> str | None:
    """The argument a size is read from: Y of m = Y.shape[1], caches of L = len(caches) (or
    of len(parameters) // 2); None for another line."""
    value = getattr(statement, "value", None)
    if not (isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name)):
        return None
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.FloorDiv):
        value = value.left
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Attribute) and \
            value.value.attr == "shape" and isinstance(value.value.value, ast.Name):
        return value.value.value.id
    if isinstance(value, ast.Call) and text(value.func) == "len" and len(value.args) == 1 \
            and isinstance(value.args[0], ast.Name):
        return value.args[0].id
    return None


@functools.cache
def _elsewhere() -> list[tuple[str, ast.Assign]]:
    """Each line of the course's programs that calls one of its functions for a name, with
    its program."""
    return [(p, s) for p in SOURCES if "/" not in p for s in ast.walk(tree(p))
            if isinstance(s, ast.Assign) and isinstance(s.value, ast.Call)
            and isinstance(s.value.func, ast.Name) and s.value.func.id in SOURCES]


def _given(program: str, wanted: set[str], names: set[str]) -> list[ast.Assign]:
    """The lines of `program` that give it the names in `wanted` from `names` alone
    ((n_x, n_h, n_y) = layers_dims in two_layer_model); [] when some are not given so."""
    lines = [s for s in tree(program).body if isinstance(s, ast.Assign)
             and {n.id for t in s.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
             & wanted]
    made = {n.id for s in lines for t in s.targets for n in ast.walk(t)
            if isinstance(n, ast.Name)}
    read = {n.id for s in lines for n in ast.walk(s.value) if isinstance(n, ast.Name)}
    return lines if wanted <= made and read <= names else []


def other_calls(function: ast.FunctionDef) -> list[Mutation]:
    """A call of another course function where the course calls one: the call another of
    the course's programs makes to give the same name (parameters =
    initialize_parameters_deep(layers_dims) in L_layer_model), where all its arguments are
    names this function has, or names the other program gives from those by lines of its
    own, which come with it ((n_x, n_h, n_y) = layers_dims before initialize_parameters)."""
    names = {a.arg for a in function.args.args} | {
        n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx,
                                                                                   ast.Store)}
    found = []
    for statement, path in statements(function, ()):
        if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)
                and isinstance(statement.value.func, ast.Name)):
            continue
        mine = statement.value.func.id
        for program, other in _elsewhere():
            call = other.value
            used = {n.id for n in ast.walk(call) if isinstance(n, ast.Name)} - {call.func.id}
            if text(other.targets[0]) != text(statement.targets[0]) or call.func.id == mine:
                continue
            note = (f"{call.func.id} called where the course calls {mine}: another of the "
                    f"course's functions, not {mine}")
            if used <= names:
                found.append(Mutation("another function", statement.lineno,
                                      text(statement.value), text(call), target(statement),
                                      before(statement), "", (path + (("value", None),),),
                                      lambda n, call=call: copy_tree(call), note=note))
            elif len(path) == 1 and (given := _given(program, used - names, names)):
                # (its arguments made first, as the other program makes them: the two-layer
                # model's (n_x, n_h, n_y) = layers_dims pasted into L_layer_model)
                found.append(_with_lines(statement, path[0][1], call, given, note))
    return found


def _with_lines(statement: ast.Assign, index: int, call: ast.Call, given: list[ast.Assign],
                note: str) -> Mutation:
    lines = "; ".join(text(s) for s in given)

    def make(changed: ast.FunctionDef) -> ast.FunctionDef:
        changed.body[index].value = copy_tree(call)
        changed.body[index:index] = [ast.fix_missing_locations(ast.copy_location(
            copy_tree(s), changed.body[index])) for s in given]
        return changed

    return Mutation("another function", statement.lineno, text(statement.value), text(call),
                    target(statement), before(statement),
                    f"{text(statement.targets[0])} = {text(call)}", (), make,
                    note=f"{note}, with {lines} before it")


def words(m: Mutation, course: str, function: ast.FunctionDef) -> str | None:
    """How one of these changes reads after "your <subject>"; None for the other kinds.
    `function`: the course's program changed (the calls an unpacked name is given to)."""
    if m.kind == "activations exchanged":  # (of several functions, the first's calls shown)
        first, *others = m.old.split(" and ")
        shown = [c for c in m.note.split("; ") if f"{first}(" in c]
        return (f'calls {m.old} with "relu" where the course has "sigmoid" and "sigmoid" '
                f"where it has \"relu\": the two activations exchanged, so each layer gets "
                f"the other layer's; {course} has {' and '.join(shown)}"
                + "".join(f", and the same in {o}" for o in others))
    if m.kind == "hard-coded":
        number = "numbers" if m.new.startswith(("(", "[")) else "number"
        return (f"is {m.new}, where {course} has {m.old}: the {number} {m.new} written where "
                f"the course reads {'them' if number == 'numbers' else 'it'} from {m.note}, "
                f"so it is right only where {m.old} is {m.new}")
    if unpacking(m):
        return _unpacked(m, course, function)
    return None


def key(m: Mutation) -> str | None:
    """The short key's part after the subject, for these changes; None for the others."""
    if m.kind == "activations exchanged":
        return f"activations exchanged in {m.old}"
    if m.kind == "another function":
        return f"{m.new.split('(')[0]} called for {m.old.split('(')[0]}"
    if unpacking(m):
        return f"{m.before.split(' = ')[1]} unpacked in another order"
    return None


def unpacking(m: Mutation) -> bool:
    """An unpacking's names in another order (the subject is then the function)."""
    return m.kind == "order" and m.before.startswith(f"{m.old.strip('()')} = ")


def _unpacked(m: Mutation, course: str, function: ast.FunctionDef) -> str:
    """activation_cache, linear_cache = cache: what each of their names then holds, and the
    calls of the course's code given it (short: a learner stops reading a long hint)."""
    value = m.before.split(" = ", 1)[1]
    old, new = m.old.strip("()").split(", "), m.new.strip("()").split(", ")
    said = []
    for mine, held in zip(new, old, strict=True):
        if mine == held:
            continue
        given = list(dict.fromkeys(
            n.func.id for n in ast.walk(function) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name) and any(isinstance(a, ast.Name) and a.id == mine
                                                     for a in n.args)))
        holds = HOLDS.get(held, f"the course's {held}")
        said.append(f"your {mine} gets {holds}"
                    + (f" (given to {' and '.join(given)})" if given else ""))
    return (f"unpacks {value} as {', '.join(new)} = {value}, but {value} holds "
            f"({', '.join(old)}) in that order: {'; '.join(said)}")
