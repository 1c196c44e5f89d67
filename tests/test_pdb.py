"""pdb: `tinygraph.debug.backward(cost, break_at=...)` stops right before a node's rule, and
`s` steps into the op's backward, whose source is the course's formula.

The scripts run under `python -m pdb` with the commands on standard input, as a learner
would type them.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""\
    import numpy as np
    import tinygraph as tg
    from tinygraph.contrib import leaky_relu
    from tinygraph.debug import backward

    net = tg.Network([4, 3, 1], init="app")
    X = tg.tensor(np.linspace(-1, 1, 12).reshape(4, 3), name="X")
    cost = net.cost(X, [[1, 0, 1]])
    backward(cost, break_at={break_at!r})
    W2 = net.parameters["W2"]
    plain = tg.Network([4, 3, 1], init="app").cost(X, [[1, 0, 1]])
    tg.backward(plain)
    same = np.array_equal(W2.grad, plain.inputs[2].inputs[0].inputs[0].grad)
    print("walk finished; dW2 as plain backward gives:", same)
    """)


def run_under_pdb(tmp_path, script, commands):
    path = tmp_path / "learner.py"
    path.write_text(script)
    result = subprocess.run([sys.executable, "-m", "pdb", str(path)], cwd=tmp_path,
                            input="".join(c + "\n" for c in commands), capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_pdb_stops_before_the_rule_of_the_named_node_and_steps_into_its_backward(tmp_path):
    out = run_under_pdb(tmp_path, SCRIPT.format(break_at="W2@A1"), [
        "c",                  # pdb starts at the script's first line: run to the stop
        "p node.name",
        "p grad.shape",
        "p step.index",
        "s",                  # into MatMul.backward
        "ll",
        "c",
    ])
    stop = out.index("tinygraph: stopped before the rule of W2@A1 (matmul, layer 2, "
                     "created at learner.py:8)")
    after = out[stop:]
    # the formula with the real shapes is printed at the stop
    assert "dW2 = d(W2@A1) @ A1.T   (1, 3) = (1, 3) @ (3, 3)   # (8)" in after
    # the frame pdb stops in runs the rule on its next line
    assert "-> sent = () if node.op is None else node.op.backward(grad, node.saved, needs)" \
        in after
    assert "(Pdb) 'W2@A1'" in after and "(Pdb) (1, 3)" in after
    assert "(Pdb) 3" in after  # cost, Z2, b2 came before: W2@A1 is step 3 (from 0)
    # `s` lands in the op's backward; `ll` shows the course's formulas (8) and (10)
    body = after[after.index("--Call--"):]
    assert "backward()" in body.splitlines()[1]
    assert "dW = np.dot(dZ, A_prev.T)" in body and "dA_prev = np.dot(W.T, dZ)" in body
    assert "walk finished; dW2 as plain backward gives: True" in out


def test_pdb_steps_into_a_learners_own_op(tmp_path):
    script = SCRIPT.replace(
        'cost = net.cost(X, [[1, 0, 1]])',
        'Z1 = tg.add_bias(tg.matmul(net.parameters["W1"], X), net.parameters["b1"], '
        'name="Z1")\n'
        'A1 = leaky_relu(Z1, name="A1")\n'
        'cost = tg.cross_entropy(tg.sigmoid(tg.matmul(net.parameters["W2"], A1)), '
        '[[1, 0, 1]])').replace("print(", "# print(")
    out = run_under_pdb(tmp_path, script.format(break_at="A1"), ["c", "s", "n", "ll", "c"])
    assert "stopped before the rule of A1 (leaky_relu, layer 1, created at learner.py:9)" in out
    assert ("dZ1 = dA1 * np.where(Z1 > 0, 1, 0.01)   (3, 3) = (3, 3) * np.where((3, 3) > 0, "
            "1, 0.01)") \
        in out
    body = out[out.index("--Call--"):]
    assert "contrib.py" in body and "np.where(Z > 0, dA, SLOPE * dA)" in body


def test_several_stops_then_continue_to_the_end(tmp_path):
    out = run_under_pdb(tmp_path, SCRIPT.format(break_at=["Z2", "W1"]),
                        ["c", "p node.name", "c", "p node.name", "c"])
    assert out.index("(Pdb) 'Z2'") < out.index("(Pdb) 'W1'")
    assert "stopped before the rule of W1 (parameter, layer 1, " in out
    assert "dW1 is complete: a leaf, nothing further back   (3, 4)" in out
    assert "walk finished; dW2 as plain backward gives: True" in out
