"""The debugger object, hooks, gradcheck and detect_anomaly (tinygraph.debug)."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import debug, ops
from tinygraph.debug import AnomalyError, Debugger, detect_anomaly, gradcheck
from tinygraph.engine import probes as hooks

# The demo network of `tinygraph step`: 4 inputs, 3 hidden units, 1 output, 3 examples.
# Every node that receives a gradient, in the order the walk reaches it (AL gets none under
# the stable cost: its gradient goes straight to Z2; X and Y need none).
WALK = ["cost", "Z2", "b2", "W2@A1", "W2", "A1", "Z1", "b1", "W1@X", "W1"]


def small_cost(layer_dims=(4, 3, 1), m=3, seed=0, stable=True):
    rng = np.random.default_rng(seed)
    net = tg.Network(list(layer_dims), init="app")
    X = tg.tensor(rng.normal(size=(layer_dims[0], m)), name="X")
    Y = (np.arange(m) % 2).reshape(1, m)
    return net.cost(X, Y, stable=stable)


def all_grads(cost):
    return {node.name: (None if node.grad is None else node.grad.copy())
            for node in tg.topological_order(cost)}


def same_state(a, b):
    return a.keys() == b.keys() and all(
        (a[k] is None and b[k] is None) or
        (a[k] is not None and b[k] is not None and np.array_equal(a[k], b[k])) for k in a)


# --- stepping ------------------------------------------------------------------------------


def test_stepping_to_the_end_gives_exactly_what_backward_gives():
    cost = small_cost((5, 4, 3, 1), m=6)
    dbg = Debugger(cost)
    while dbg.step() is not None:
        pass
    stepped = all_grads(cost)
    tg.backward(cost)
    assert same_state(stepped, all_grads(cost))
    assert stepped["W1"] is not None and stepped["AL"] is None


def test_steps_visit_the_nodes_in_the_walks_order_one_at_a_time():
    dbg = Debugger(small_cost())
    names = []
    while (step := dbg.step()) is not None:
        names.append(step.node.name)
        assert step.index == len(names) - 1
        # the node's gradient is set when its step is returned, nodes further back are not
        assert step.node.grad is step.grad
    assert names == WALK
    assert dbg.done and dbg.step() is None
    assert dbg.total() == len(WALK)


def test_stepping_back_then_forward_again_gives_the_same_state():
    cost = small_cost()
    dbg = Debugger(cost)
    states = [all_grads(cost)]
    for _ in range(7):
        dbg.step()
        states.append(all_grads(cost))
    dbg.back(3)
    assert len(dbg.history) == 4 and same_state(all_grads(cost), states[4])
    for _ in range(3):
        dbg.step()
    assert same_state(all_grads(cost), states[7])
    dbg.goto(0)
    assert dbg.current is None and all(g is None for g in all_grads(cost).values())


def test_a_debugger_leaves_the_gradients_you_computed_in_place():
    cost = small_cost()
    tg.backward(cost)
    grads = tg.course_grads(cost)
    assert set(grads) == {"dW1", "db1", "dA1", "dW2", "db2"}
    dbg = tg.Debugger(cost)
    assert dbg.total() == len(WALK)  # replaying the whole walk to count it changes nothing
    same = tg.course_grads(cost)
    assert set(same) == set(grads) and all(np.array_equal(same[k], grads[k]) for k in grads)


def test_stepping_shows_the_walk_then_back_at_step_0_your_gradients_return():
    cost = small_cost()
    tg.backward(cost)
    before = all_grads(cost)
    with tg.Debugger(cost) as dbg:
        dbg.step()  # the walk has begun: only the cost has its gradient so far
        assert [n.name for n in dbg.nodes if n.grad is not None] == ["cost"]
        dbg.goto(0)
        assert same_state(all_grads(cost), before)
        dbg.run_to("W1")
    assert same_state(all_grads(cost), before)  # leaving the block restores them


def test_a_debugger_says_where_it_is_in_a_terminal():
    dbg = Debugger(small_cost())
    assert repr(dbg) == "<Debugger at step 0: backward from cost>"
    dbg.run_to("b2")
    assert repr(dbg) == "<Debugger after step 3, b2: backward from cost>"
    assert repr(dbg.history[1]) == "<DebugStep 2: Z2, dZ2 (1, 3) -> d(W2@A1) (1, 3), db2 (1, 1)>"
    assert repr(dbg.current) == "<DebugStep 3: b2, db2 (1, 1)>"  # a leaf sends nothing


def test_run_to_goes_forward_and_back_to_the_named_node():
    dbg = Debugger(small_cost())
    assert dbg.run_to("W1@X").node.name == "W1@X"
    assert len(dbg.history) == WALK.index("W1@X") + 1
    step = dbg.run_to("b2")
    assert step.node.name == "b2" and dbg.current.node.name == "b2"
    assert len(dbg.history) == WALK.index("b2") + 1


def test_run_to_a_missing_or_gradient_free_node_says_why():
    dbg = Debugger(small_cost())
    with pytest.raises(tg.InputError, match="no node named 'W9'.*W1"):
        dbg.run_to("W9")
    with pytest.raises(tg.InputError, match="X gets no gradient"):
        dbg.run_to("X")


def test_finish_returns_the_whole_history():
    history = Debugger(small_cost()).finish()
    assert [step.node.name for step in history] == WALK


def test_where_is_the_path_the_gradient_took_from_the_cost():
    dbg = Debugger(small_cost())
    assert dbg.where() == []
    dbg.step()
    assert [n.name for n in dbg.where()] == ["cost"]
    dbg.run_to("W1")
    assert [n.name for n in dbg.where()] == ["cost", "Z2", "W2@A1", "A1", "Z1", "W1@X", "W1"]
    dbg.run_to("b2")
    assert [n.name for n in dbg.where()] == ["cost", "Z2", "b2"]


def test_where_follows_the_unstable_cost_through_AL():
    dbg = Debugger(small_cost(stable=False))
    dbg.run_to("Z2")
    assert [n.name for n in dbg.where()] == ["cost", "AL", "Z2"]


def test_formulas_carry_the_real_shapes():
    # layer_dims [5, 7, 1], m = 9: W2 (1, 7), dZ2 (1, 9), A1 (7, 9), so A1.T is (9, 7)
    dbg = Debugger(small_cost((5, 7, 1), m=9))
    lines = dbg.run_to("W2@A1").formula.splitlines()
    assert lines[0] == "dW2 = d(W2@A1) @ A1.T   (1, 7) = (1, 9) @ (9, 7)   # (8)"
    assert lines[1] == "dA1 = W2.T @ d(W2@A1)   (7, 9) = (7, 1) @ (1, 9)   # (10)"
    assert dbg.run_to("Z1").formula.splitlines()[1].startswith(
        "db1 = np.sum(dZ1, axis=1, keepdims=True)   (7, 1) = np.sum((7, 9), axis=1, keepdims")
    # the 1/m sits in the cost's rule, with the real m
    assert "(1, 9) = ((1, 9) - (1, 9)) / 9" in dbg.run_to("cost").formula


def test_formulas_carry_the_shapes_of_the_courses_L_layer_model():
    # [12288, 20, 7, 5, 1] on the 209 training pictures: W2 is (7, 20), A1 is (20, 209)
    net = tg.Network([12288, 20, 7, 5, 1], init="app")
    X = tg.tensor(np.random.default_rng(0).random((12288, 209)), name="X")
    dbg = Debugger(net.cost(X, (np.arange(209) % 2).reshape(1, 209)))
    assert dbg.run_to("W2@A1").formula.splitlines()[0] == \
        "dW2 = d(W2@A1) @ A1.T   (7, 20) = (7, 209) @ (209, 20)   # (8)"
    assert dbg.run_to("W1@X").formula == \
        "dW1 = d(W1@X) @ X.T   (20, 12288) = (20, 209) @ (209, 12288)   # (8)"


def test_formula_with_numbers_prints_each_array_the_rule_names():
    dbg = Debugger(small_cost())
    step = dbg.run_to("W2@A1")
    text = debug.formula_with_numbers(step)
    W2, A1 = dbg.node("W2"), dbg.node("A1")
    dZ = dbg.node("Z2").grad
    assert np.allclose(step.input_grads[0][1], dZ @ A1.value.T)  # (8) by hand
    for name in ("dW2 =", "d(W2@A1) =", "A1 =", "W2 =", "dA1 ="):
        assert f"  {name}" in text
    assert np.array2string(W2.value, precision=5, suppress_small=True) in text


def test_pending_holds_what_has_arrived_at_nodes_not_processed_yet():
    cost = small_cost()
    dbg = Debugger(cost)
    dbg.step()  # the cost: sends dZ2 = (AL - Y) / m
    AL, Y = cost.inputs[0].value, cost.inputs[1].value
    assert list(dbg.pending()) == ["Z2"]
    assert np.allclose(dbg.pending()["Z2"], (AL - Y) / 3)
    dbg.step()
    assert set(dbg.pending()) == {"b2", "W2@A1"}
    assert set(dbg.grads()) == {"cost", "Z2"}


def test_a_node_used_twice_gets_the_sum_of_both_parts_in_one_step():
    w = tg.parameter([[0.7]], name="w")
    x = tg.tensor([[1.0, -2.0, 0.5]], name="x")
    cost = tg.cross_entropy(tg.sigmoid(tg.matmul(w, tg.matmul(w, x, name="wx"), name="wwx")),
                            [[1, 0, 1]])
    dbg = Debugger(cost)
    step = dbg.run_to("w")
    parts = [g for s in dbg.history for x_, g in s.input_grads if x_ is w]
    assert len(parts) == 2 and np.allclose(step.grad, parts[0] + parts[1])
    assert [s.node.name for s in dbg.history].count("w") == 1
    assert [n.name for n in dbg.where()] == ["cost", "wwx", "w"]


# --- hooks ---------------------------------------------------------------------------------


def test_hook_prints_the_gradient_when_it_is_complete(capsys):
    cost = small_cost()
    W2 = Debugger(cost).node("W2")
    W2.register_hook(lambda g: print("dW2 arrived with shape", g.shape))
    tg.backward(cost)
    assert capsys.readouterr().out == "dW2 arrived with shape (1, 3)\n"


def test_hook_records_and_its_record_matches_the_final_gradient():
    cost = small_cost()
    seen = []
    for node in tg.topological_order(cost):
        node.register_hook(lambda g, name=node.name: seen.append((name, g.copy())))
    tg.backward(cost)
    assert [name for name, _ in seen] == WALK
    by_name = {node.name: node for node in tg.topological_order(cost)}
    for name, g in seen:
        assert np.array_equal(g, by_name[name].grad)


def test_hook_that_returns_an_array_replaces_the_gradient_for_everything_further_back():
    plain = small_cost()
    tg.backward(plain)
    hooked = small_cost()
    A1 = Debugger(hooked).node("A1")
    A1.register_hook(lambda g: 2 * g)  # the rule of A1 now sees twice the gradient
    tg.backward(hooked)
    grads, doubled = all_grads(plain), all_grads(hooked)
    for name in ("W2", "b2", "W2@A1"):  # on the cost's side of A1: unchanged
        assert np.array_equal(grads[name], doubled[name])
    for name in ("A1", "Z1", "W1", "b1"):  # A1 and behind it: every gradient doubled (linear)
        assert np.allclose(doubled[name], 2 * grads[name])


def test_hooks_run_while_stepping_too():
    cost = small_cost()
    dbg = Debugger(cost)
    calls = []
    dbg.node("Z1").register_hook(lambda g: calls.append(g.shape))
    dbg.run_to("A1")
    assert calls == []
    dbg.step()
    assert calls == [(3, 3)]


# --- gradcheck -----------------------------------------------------------------------------


def test_gradcheck_passes_the_course_network_and_reports_every_parameter():
    report = gradcheck(small_cost((5, 4, 3, 1), m=6))
    assert report.ok
    assert [row.name for row in report.rows] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert [row.checked for row in report.rows] == [20, 4, 12, 3, 3, 1]
    assert all(row.difference < 2e-7 for row in report.rows)
    assert "6 parameters agree" in report.table()


def test_gradcheck_flags_a_backward_that_forgot_a_factor():
    # The forward doubles, the backward does not: the analytic gradient is half the true one,
    # so the difference is ||g/2 - g|| / (||g/2|| + ||g||) = 1/3.
    class Doubled(ops.Op):
        """2 Z forward, but a backward that forgot the 2."""

        name = "doubled"
        formulas = ("{dx0} = {dout}",)

        @staticmethod
        def forward(Z):
            return 2 * Z, ()

        @staticmethod
        def backward(dout, saved, needs):
            return (dout,)

    W = tg.parameter([[0.3, -0.2]], name="W1", layer=1)
    X = tg.tensor([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0]], name="X")
    Z = Doubled.apply(tg.matmul(W, X), name="Z1")
    report = gradcheck(tg.cross_entropy(tg.sigmoid(Z), [[1, 0, 1]]))
    (row,) = report.rows
    assert not report.ok and not row.ok
    assert row.difference == pytest.approx(1 / 3, rel=1e-5)
    assert "WRONG" in report.table() and "1 of 1 parameters disagree: W1" in report.table()


def test_gradcheck_compares_in_float64_and_leaves_the_graph_alone():
    net = tg.Network([4, 3, 1], init="app", dtype=np.float32)
    X = tg.tensor(np.random.default_rng(1).normal(size=(4, 5)).astype(np.float32), name="X")
    cost = net.cost(X, [[1, 0, 1, 1, 0]])
    W1 = net.parameters["W1"]
    before = W1.value.copy()
    report = gradcheck(cost)
    assert report.ok
    assert W1.grad is None and np.array_equal(W1.value, before) and W1.dtype == np.float32


def test_gradcheck_can_sample_entries_of_big_parameters():
    report = gradcheck(small_cost((30, 4, 1), m=5), max_entries=10)
    assert report.ok
    assert [row.checked for row in report.rows] == [10, 4, 4, 1]


def test_gradcheck_needs_a_scalar_cost():
    W = tg.parameter([[1.0, 2.0]], name="W")
    with pytest.raises(tg.InputError, match="scalar cost.*W has shape \\(1, 2\\)"):
        gradcheck(W)



def test_gradcheck_in_a_notebook_leaves_the_bar_that_fit_leaves(monkeypatch):
    # In a kernel the bar is one output updated in place, which a saved notebook keeps (no
    # tqdm text on stderr, no widget); a check quicker than a second leaves none.
    import importlib

    from IPython import display as ipython_display

    module = importlib.import_module("tinygraph.tools.debug.gradcheck")  # (not the function)
    shown = []

    class Handle:
        def update(self, obj):
            shown.append(repr(obj))

    def display(obj, display_id=False):
        shown.append(repr(obj))
        return Handle()

    monkeypatch.setattr(module, "in_notebook", lambda: True)
    monkeypatch.setattr(ipython_display, "display", display)
    cost = small_cost((4, 3, 1), m=5)
    gradcheck(cost)
    assert shown == []
    gradcheck(cost, progress=True)
    assert shown[0].startswith("gradcheck 0/19 ")
    assert shown[-1].startswith("gradcheck 19/19 [######") and shown[-1].endswith("done")

# --- detect_anomaly ------------------------------------------------------------------------


def test_detect_anomaly_names_the_node_that_made_a_nan_in_forward():
    net = tg.Network([4, 3, 1], init="app")
    net.parameters["W1"].value[0, 0] = np.nan  # a learner's update gone wrong
    X = tg.tensor(np.ones((4, 2)), name="X")
    with detect_anomaly(), pytest.raises(AnomalyError) as caught:
        line = inspect.currentframe().f_lineno + 1
        net.cost(X, [[1, 0]])
    message = str(caught.value)
    assert message.startswith("forward value of W1@X (matmul, layer 1, created at ")
    assert f"test_debug.py:{line}) has 2 NaN of 6 values" in message  # row 0 of W1 @ X
    assert "W1 (1 NaN of 12 values)" in message
    assert message.endswith("it came in with W1, a leaf: look where its value was set or "
                            "updated")
    assert isinstance(caught.value, tg.TinygraphError)


def test_without_detect_anomaly_nothing_is_checked_and_the_hooks_are_gone():
    with detect_anomaly():
        installed = hooks.active.get()
        assert installed.forward and installed.before and installed.after
    assert hooks.active.get() is None
    net = tg.Network([4, 3, 1], init="app")
    net.parameters["W1"].value[0, 0] = np.nan
    with np.errstate(invalid="ignore"):  # the NaN flows on into the cost, silently
        cost = net.cost(tg.tensor(np.ones((4, 2)), name="X"), [[1, 0]])
    assert np.isnan(cost.value)


class SqrtOp(ops.Op):
    """A learner's sqrt whose backward divides by the output: 0 at Z = 0 gives inf."""

    name = "sqrt"
    formulas = ("{dx0} = {dout} / (2 * {out})",)

    @staticmethod
    def forward(Z):
        A = np.sqrt(Z)
        return A, (A,)

    @staticmethod
    def backward(dA, saved, needs):
        (A,) = saved
        with np.errstate(divide="ignore"):
            return (dA / (2 * A),)


def test_detect_anomaly_names_the_node_whose_backward_made_an_inf():
    Z = tg.parameter([[0.0, 4.0]], name="Z1", layer=1)
    line = inspect.currentframe().f_lineno + 1
    A = SqrtOp.apply(Z, name="A1")
    cost = tg.cross_entropy(tg.sigmoid(A, name="AL"), [[1, 0]])
    with detect_anomaly(), pytest.raises(AnomalyError) as caught:
        tg.backward(cost)
    message = str(caught.value)
    assert message.startswith("backward of A1 (sqrt, layer 1, created at ")
    assert f"test_debug.py:{line})" in message
    assert "sent dZ1 with 1 inf of 2 values" in message
    assert "dA1 it received was finite" in message and "dZ1 = dA1 / (2 * A1)" in message


def test_detect_anomaly_names_the_node_where_a_hook_put_a_nan():
    cost = small_cost()
    Z1 = Debugger(cost).node("Z1")
    Z1.register_hook(lambda g: g * np.nan)
    with detect_anomaly(), pytest.raises(AnomalyError,
                                         match=r"gradient dZ1 arriving at Z1 \(add_bias, "
                                               r"layer 1, created at .*\(after its hooks ran\) "
                                               r"has 9 NaN of 9 values"):
        tg.backward(cost)


def test_detect_anomaly_lets_a_finite_walk_through_unchanged():
    plain = small_cost()
    tg.backward(plain)
    with detect_anomaly():
        checked = small_cost()
        tg.backward(checked)
    assert same_state(all_grads(plain), all_grads(checked))


# --- pdb's entry point, without pdb --------------------------------------------------------


def test_break_at_a_name_that_is_not_in_the_graph_is_a_clear_error():
    with pytest.raises(tg.InputError, match="break_at: no node named Z7"):
        debug.backward(small_cost(), break_at="Z7")


def test_break_at_nothing_is_plain_backward():
    plain, other = small_cost(), small_cost()
    tg.backward(plain)
    debug.backward(other)
    assert same_state(all_grads(plain), all_grads(other))
    assert hooks.active.get() is None


# --- the module's own examples -------------------------------------------------------------


def test_the_python_session_in_the_docs_runs_and_prints_what_it_says(capsys):
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "debugging.md").read_text()
    section = page[page.index("## 1. In Python"):page.index("## 2. In pdb")]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "docs/debugging.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed  # the session prints Z2's and W2@A1's rules
    for line in printed:
        assert f"# {line}" in code  # each printed line is shown in the docs, as printed


def kinked_cost(hidden=tg.relu):
    """b1 = 0 and a column of X that is all zeros: Z1 is exactly 0 there, relu's kink."""
    W1 = tg.parameter([[0.5, -0.3], [0.2, 0.8]], name="W1", layer=1)
    b1 = tg.parameter([[0.0], [0.0]], name="b1", layer=1)
    W2 = tg.parameter([[0.7, -0.4]], name="W2", layer=2)
    b2 = tg.parameter([[0.1]], name="b2", layer=2)
    X = tg.tensor([[1.0, 0.0, -2.0], [0.5, 0.0, 1.5]], name="X")
    A1 = hidden(tg.add_bias(tg.matmul(W1, X), b1, name="Z1"), name="A1")
    Z2 = tg.add_bias(tg.matmul(W2, A1), b2, name="Z2")
    return tg.cross_entropy(tg.sigmoid(Z2, name="AL"), [[1, 1, 0]])


def test_gradcheck_compares_one_sided_at_a_kink_instead_of_flagging_a_correct_relu():
    report = gradcheck(kinked_cost())
    rows = {row.name: row for row in report.rows}
    assert report.ok, report.table()
    # moving b1[i] moves Z1[i, 1] across 0; W1 moves Z1[:, 1] by epsilon * 0: no kink
    assert rows["b1"].kinks == 2 and rows["W1"].kinks == 0 and rows["W2"].kinks == 0
    assert "ok (2 at a kink, compared one-sided)" in report.table()


def test_at_a_kink_a_wrong_rule_is_still_flagged():
    class SignErrorRelu(ops.Op):
        name = "relu"

        @staticmethod
        def forward(Z):
            return np.maximum(Z, 0), (Z,)

        @staticmethod
        def backward(dA, saved, needs):
            (Z,) = saved
            return (-np.where(Z > 0, dA, 0),)

    report = gradcheck(kinked_cost(lambda Z, name: SignErrorRelu.apply(Z, name=name)))
    rows = {row.name: row for row in report.rows}
    assert not rows["b1"].ok and not rows["W1"].ok and rows["W2"].ok


def test_a_pdb_stop_gives_pdb_its_names_without_writing_to_the_frame(monkeypatch):
    # PEP 667 (Python 3.13): frame.f_locals is a fresh proxy on every read, so the stop
    # must not count on writing to it; its pdb looks the names up after the frame's locals.
    from tinygraph.debug import breakpoints

    stops = []

    class FakePdb:
        def __init__(self, frame, names):
            self.frame, self.names = frame, names

        def set_trace(self, frame):
            stops.append((frame.f_code.co_name, sorted(frame.f_locals), self.names["step"]))

    monkeypatch.setattr(breakpoints, "_StopPdb", FakePdb)
    debug.backward(small_cost(), break_at="Z2")
    [(function, local_names, step)] = stops
    assert function == "_apply_rule" and "step" not in local_names
    assert {"node", "grad"} <= set(local_names)
    assert step.index == 1 and step.node.name == "Z2" and step.formula.startswith("d(W2@A1)")


def test_the_stop_pdb_reads_the_frames_locals_first_then_its_names():
    import sys

    from tinygraph.debug.breakpoints import _StopPdb

    node = "the frame's own"
    frame = sys._getframe()
    pdb = _StopPdb(frame, {"step": "the stop's", "node": "hidden by the frame's"})
    pdb.reset()
    pdb.setup(frame, None)
    assert pdb._getval("step") == "the stop's" and pdb._getval("node") == node
    assert "step" not in frame.f_locals
