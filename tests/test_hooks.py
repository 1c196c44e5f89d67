"""tinygraph.hooks: the one place debugging tools look into the engine, local to the context."""

from __future__ import annotations

import contextvars
import threading

import numpy as np
import pytest

import tinygraph as tg
from tinygraph.debug import AnomalyError, detect_anomaly
from tinygraph.engine import probes as hooks


def tiny_cost():
    w = tg.parameter([[2.0]], name="w")
    return tg.cross_entropy(tg.sigmoid(tg.matmul(w, tg.tensor([[1.0]], name="x"))), [[1]])


def nan_parameter():
    W = tg.parameter([[1.0]], name="W1")
    W.value[0, 0] = np.nan  # an update gone wrong (tg.parameter itself refuses NaN)
    return W


def test_each_point_is_called_in_the_engine_order():
    seen = []
    with hooks.watching(after_forward=lambda node: seen.append(("forward", node.kind)),
                        before_rule=lambda node, grad: seen.append(("before", node.name)),
                        after_rule=lambda node, sent: seen.append(("after", node.name))):
        tg.backward(tiny_cost())
    assert seen == [("forward", "matmul"), ("forward", "sigmoid"), ("forward", "cross_entropy"),
                    ("before", "cost"), ("after", "cost"), ("before", "w@x"),
                    ("after", "w@x"), ("before", "w"), ("after", "w")]
    assert hooks.active.get() is None


def test_blocks_nest_and_a_stop_runs_after_every_other_before_rule_hook():
    order = []
    with hooks.watching(stop=lambda node, grad: order.append("stop")):
        with hooks.watching(before_rule=lambda node, grad: order.append("check")):
            tg.backward(tg.parameter([[1.0]], name="w"))
        assert hooks.active.get().before == ()  # the inner block took exactly its own away
    assert order == ["check", "stop"]
    assert hooks.active.get() is None


def test_hooks_are_taken_away_when_the_block_raises():
    with pytest.raises(RuntimeError), hooks.watching(after_forward=lambda node: None):
        raise RuntimeError("the learner's code fails inside the block")
    assert hooks.active.get() is None


def test_detect_anomaly_in_one_thread_does_not_check_another():
    W = nan_parameter()
    results = {}

    def other_thread():  # a thread starts with an empty context: nothing installed
        results["other"] = np.isnan(tg.relu(W).value).all()

    with detect_anomaly():
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
        with pytest.raises(AnomalyError):
            tg.relu(W)
    assert results == {"other": True}


def test_a_copied_context_keeps_what_was_installed_when_it_was_copied():
    with detect_anomaly():
        inside = contextvars.copy_context()
    W = nan_parameter()
    tg.relu(W)  # not checked here any more
    with pytest.raises(AnomalyError):
        inside.run(tg.relu, W)
