"""`tinygraph step` and `tinygraph gradcheck`: walk backprop one node at a time, check it.

    $ tinygraph step                                   # 4,3,1 on 3 examples, interactive
    $ tinygraph step --layers 5,4,3,1 < /dev/null      # not a terminal: the whole transcript
    $ tinygraph step --html out/backprop.html          # a player for any browser, offline
    $ tinygraph step --frames out/frames               # one SVG per step
    $ tinygraph gradcheck --layers 5,4,3,1 --activation tanh

The examples are random (`--seed`); `--model` steps through a trained checkpoint instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..autograd import topological_order
from ..errors import InputError
from ..tensor import Tensor
from .args import add_init_argument, layer_dims, positive_int

DEMO_LAYERS = [4, 3, 1]
BIG, SAMPLE = 10_000, 50  # gradcheck samples entries of parameters bigger than BIG


def register(subparsers: argparse._SubParsersAction) -> None:
    step = subparsers.add_parser(
        "step", help="step through the backward walk one node at a time",
        description="Walk backprop from the cost to the parameters one node at a time: the "
                    "gradient that arrives, the rule with the real shapes, the gradients it "
                    "sends. Interactive on a terminal (n, b, p NAME, f, w, d FILE, c, q, h); "
                    "a transcript, one block per step, when standard input is not a terminal.",
        epilog="example: tinygraph step --layers 4,3,1 --examples 3 --html out/backprop.html")
    _network_arguments(step)
    step.add_argument("--frames", type=Path, metavar="DIR",
                      help="write one SVG per step into DIR instead (needs Graphviz)")
    step.add_argument("--html", type=Path, metavar="FILE",
                      help="write a self-contained HTML player of the walk to FILE instead "
                           "(needs Graphviz to draw; the file then works offline)")
    step.add_argument("--transcript", action="store_true",
                      help="print the whole walk even when standard input is a terminal")
    step.set_defaults(run=run_step)

    check = subparsers.add_parser(
        "gradcheck", help="compare every gradient with central finite differences",
        description="Compute every parameter's gradient with backward and with central "
                    "differences (float64), and print the relative difference "
                    "||g - g_approx|| / (||g|| + ||g_approx||) per parameter; above 2e-7 (the "
                    "course's line) it is flagged. Exit status 1 when one is.",
        epilog="example: tinygraph gradcheck --layers 5,4,3,1 --activation leaky_relu")
    _network_arguments(check)
    check.add_argument("--max-entries", type=positive_int, metavar="N",
                       help="check N random entries of each parameter instead of all")
    check.set_defaults(run=run_gradcheck)


def _network_arguments(parser: argparse.ArgumentParser) -> None:
    from ..stepper import ACTIVATIONS

    network = parser.add_mutually_exclusive_group()
    network.add_argument("--layers", type=layer_dims, metavar="N0,N1,...",
                         help="layer sizes, input first (default: 4,3,1)")
    network.add_argument("--model", type=Path, metavar="MODEL.h5",
                         help="the parameters of a checkpoint (tinygraph train --save)")
    parser.add_argument("--examples", type=positive_int, default=3, metavar="M",
                        help="number of examples, the columns of X (default: 3)")
    parser.add_argument("--data", type=Path, metavar="DIR",
                        help="take the examples from the course's h5 files in DIR (default: "
                             "random numbers; with --model, the built-in pictures when the "
                             "model takes 64x64x3 pictures)")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed of the random examples and parameters (default: 1)")
    add_init_argument(parser, default="app")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default="relu",
                        help="hidden layers' activation (default: relu, as the course; tanh "
                             "and leaky_relu are ops made as a learner makes their own)")


def _cost(args: argparse.Namespace) -> Tensor:
    from ..stepper import demo_cost

    network = None
    if args.model is not None:
        from ..io import load_checkpoint  # h5py: only when a checkpoint is read

        network = load_checkpoint(args.model).network()
    n_x = network.layer_dims[0] if network is not None else (args.layers or DEMO_LAYERS)[0]
    return demo_cost(args.layers or DEMO_LAYERS, args.examples, args.seed, network=network,
                     activation=args.activation, data=_examples(args, n_x), init=args.init)


def _examples(args: argparse.Namespace, n_x: int) -> tuple | None:
    """The first M pictures of --data (or, for a --model, of the built-in data), or None."""
    if args.data is None and args.model is None:
        return None
    from ..data import dataset  # h5py: only when data is read

    data = dataset(args.data)
    if data.n_x != n_x and args.data is None:
        return None  # a model of other inputs than the built-in pictures: random examples
    data.check_inputs(n_x, fix=f"give --layers starting with {data.n_x}")
    return data.first_examples(args.examples)


def run_step(args: argparse.Namespace) -> int:
    from .. import player, stepper

    if args.frames is not None and args.html is not None:
        raise InputError("give --frames or --html, not both (run twice for both)")
    cost = _cost(args)
    if args.frames is not None or args.html is not None:
        frames = player.frames(cost)
        if args.html is not None:
            print(player.write_html(frames, args.html))
        else:
            paths = player.write_frames(frames, args.frames)
            print(f"wrote {len(paths)} frames to {args.frames}: {paths[0].name} .. "
                  f"{paths[-1].name}")
        return 0
    if args.transcript or not sys.stdin.isatty():
        try:
            stepper.transcript(cost)
        except BrokenPipeError:  # `tinygraph step | head`: the reader has seen enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return stepper.Stepper(cost, origin=False).run()  # the nodes were made here, not by you


def run_gradcheck(args: argparse.Namespace) -> int:
    from ..debug import gradcheck

    cost = _cost(args)
    max_entries = args.max_entries
    biggest = max(node.value.size for node in topological_order(cost) if node.requires_grad)
    if max_entries is None and biggest > BIG:
        max_entries = SAMPLE  # two forward passes per entry: all of a 12288 x 20 W1 takes long
        print(f"checking {SAMPLE} random entries of each parameter (--max-entries N to change)")
    report = gradcheck(cost, max_entries=max_entries)
    print(report.table())
    return 0 if report.ok else 1
