"""`tinygraph step` and `tinygraph gradcheck`: walk backprop one node at a time, check it.

    $ tinygraph step                                   # 4,3,1 on 3 examples, interactive
    $ tinygraph step --layers 5,4,3,1 < /dev/null      # not a terminal: the whole transcript
    $ tinygraph step --html out/backprop.html          # a player for any browser, offline
    $ tinygraph step --frames out/frames               # one SVG per step
    $ tinygraph gradcheck --layers 5,4,3,1 --activation tanh
    $ tinygraph gradcheck --layers 12288,7,1 --init two_layer --data DIR --examples 209

The examples are random (`--seed`); `--model` steps through a trained checkpoint instead,
on the first pictures of the data it was trained on (its checkpoint records which).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..engine.tensor import Tensor
from ..errors import InputError
from ..models.nn import INITS, init_recipe
from ..tools.debug.gradcheck import SAMPLE
from .args import add_init_argument, layer_dims, positive_int, seed

DEMO_LAYERS = [4, 3, 1]


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
                    "differences (float64), and print the course's relative difference "
                    "||g - g_approx|| / (||g|| + ||g_approx||) per parameter (its line: 2e-7). "
                    "An entry is flagged when it differs by more than the differences' "
                    "round-off allows, so small correct gradients are not (see "
                    "docs/debugging.md). Exit status 1 when one is.",
        epilog="example: tinygraph gradcheck --layers 12288,7,1 --init two_layer")
    _network_arguments(check)
    entries = check.add_mutually_exclusive_group()
    entries.add_argument("--max-entries", type=positive_int, default=SAMPLE, metavar="N",
                         help=f"check N random entries of each bigger parameter (default: "
                              f"{SAMPLE}; two forward passes each)")
    entries.add_argument("--all", dest="max_entries", action="store_const", const=None,
                         help="check every entry (the course's W1 has 245,760: minutes)")
    check.set_defaults(run=run_gradcheck)


def _network_arguments(parser: argparse.ArgumentParser) -> None:
    from ..tools.stepper import ACTIVATIONS

    network = parser.add_mutually_exclusive_group()
    network.add_argument("--layers", type=layer_dims, metavar="N0,N1,...",
                         help="layer sizes, input first (default: 4,3,1)")
    network.add_argument("--model", type=Path, metavar="MODEL.h5",
                         help="the parameters of a checkpoint (tinygraph train --save)")
    parser.add_argument("--examples", type=positive_int, default=3, metavar="M",
                        help="number of examples, the columns of X (default: 3)")
    parser.add_argument("--data", type=Path, metavar="DIR",
                        help="take the examples from the course's h5 files in DIR (default: "
                             "random numbers; with --model, the pictures it was trained on)")
    parser.add_argument("--seed", type=seed, default=1,
                        help="seed of the random examples and parameters (default: 1)")
    add_init_argument(parser, default="app")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default="relu",
                        help="hidden layers' activation (default: relu, as the course; tanh "
                             "and leaky_relu are ops made as a learner makes their own)")


def _cost(args: argparse.Namespace) -> Tensor:
    from ..tools.stepper import demo_cost

    network, trained_on = None, None
    if args.model is not None:
        from ..models.io import load_checkpoint  # h5py: only when a checkpoint is read

        checkpoint = load_checkpoint(args.model)
        network, trained_on = checkpoint.network(), checkpoint.metadata.get("data")
    n_x = network.layer_dims[0] if network is not None else (args.layers or DEMO_LAYERS)[0]
    return demo_cost(args.layers or DEMO_LAYERS, args.examples, args.seed, network=network,
                     activation=args.activation, data=_examples(args, n_x, trained_on),
                     init=args.init)


def _examples(args: argparse.Namespace, n_x: int, trained_on: str | None = None) -> tuple | None:
    """The first M pictures of --data; for a --model, of the data it was trained on (its
    checkpoint says which), else of the built-in data; None for random examples. With a
    model, a line on stderr says which examples the walk uses."""
    if args.data is None and args.model is None:
        return None
    data = _model_data(trained_on) if args.data is None else _load(args.data)
    if data.n_x != n_x and args.data is None:
        _note(f"{args.model} takes {n_x} inputs, not {data.pictures}: stepping on "
              f"{args.examples} random examples")
        return None
    data.check_inputs(n_x, fix=f"give --layers starting with {data.n_x}")
    if args.model is not None:
        told = "the data it was trained on" if data.source == trained_on else (
            f"it was trained on {trained_on}, which is not here" if trained_on else
            "the checkpoint does not say what it was trained on")
        _note(f"stepping {args.model} on the first {args.examples} training pictures of "
              f"{data.source} ({'--data' if args.data is not None else told})")
    return data.first_examples(args.examples)


def _load(directory: Path | str | None):
    from ..models.data import dataset  # h5py: only when data is read

    return dataset(directory)


def _model_data(trained_on: str | None):
    """What the checkpoint's report names: a directory of h5 files, or the built-in data
    ("built-in shapes (seed 1)"); the built-in data when that is gone or not said."""
    from ..models.data import builtin_dataset

    if trained_on and trained_on.startswith("built-in shapes (seed ") and trained_on[-1] == ")":
        try:
            return builtin_dataset(seed=int(trained_on[len("built-in shapes (seed "):-1]))
        except ValueError:
            pass
    if trained_on and Path(trained_on).is_dir():
        return _load(trained_on)
    return builtin_dataset()


def _note(text: str) -> None:
    print(f"tinygraph step: {text}", file=sys.stderr)


def run_step(args: argparse.Namespace) -> int:
    from ..tools import player, stepper

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
    from ..tools.debug import gradcheck

    cost = _cost(args)
    if args.model is None:
        layers = args.layers or DEMO_LAYERS
        recipe = INITS[init_recipe(layers, args.init)].about.split(", ", 1)[-1]
        print(f"parameters drawn with init {args.init}: {recipe}; seed {args.seed}")
    report = gradcheck(cost, max_entries=args.max_entries)
    try:
        print(report.table(more="--all checks every entry, --max-entries N more of them"))
    except BrokenPipeError:  # `tinygraph gradcheck | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0 if report.ok else 1
