"""`tinygraph render`: draw the course's L-layer network as a graph (SVG, PNG, PDF or DOT).

    $ tinygraph render -o net.svg                          # [12288, 20, 7, 5, 1], the course's
    $ tinygraph render --layers 12288,7,1 --compact -o two_layer.png
    $ tinygraph render --grads --backward -o out/grads.svg  # after one forward/backward pass
    $ tinygraph render --model out/demo/model.h5 --grads -o trained.svg

The examples are the built-in dataset (`tinygraph.data.builtin_dataset`), or the course's
files with `--data DIR`; they set m, the number of columns shown in the shapes. A network whose
first size is not the pictures' (`--layers 4,3,1`) is drawn on random examples, as `tinygraph
step` steps it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..engine.autograd import backward
from ..models.nn import Network, input_leaf
from .args import add_init_argument, layer_dims, positive_int

COURSE_LAYERS = [12288, 20, 7, 5, 1]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "render", help="draw the network's graph with Graphviz (SVG, PNG, PDF or DOT)",
        description="Draw the course's network as a computational graph: X = A[0], W[l], "
                    "b[l], Z[l], A[l], the cost J, boxed by layer, with shapes. The file's "
                    "extension picks the format (.svg, .png, .pdf, .dot).",
        epilog="example: tinygraph render --grads -o out/network.svg")
    network = parser.add_mutually_exclusive_group()
    network.add_argument("--layers", type=layer_dims, metavar="N0,N1,...",
                         help="layer sizes, input first (default: 12288,20,7,5,1, the "
                              "course's L-layer network)")
    network.add_argument("--model", type=Path, metavar="MODEL.h5",
                         help="draw a trained network from a checkpoint (tinygraph train --save)")
    parser.add_argument("-o", "--output", type=Path, default=Path("network.svg"),
                        help="file to write; parent directories are created "
                             "(default: network.svg)")
    parser.add_argument("--compact", action="store_true",
                        help="one box per layer, for wide or deep networks")
    parser.add_argument("--grads", action="store_true",
                        help="run one forward/backward pass and show each gradient "
                             "(dW2: (7, 20), |g| = ...)")
    parser.add_argument("--backward", action="store_true",
                        help="with the gradients, draw the backward walk as dashed edges")
    parser.add_argument("--values", action="store_true",
                        help="show values: small arrays in full, big ones as min/mean/max")
    parser.add_argument("--data", type=Path, metavar="DIR",
                        help="examples from the course's h5 files in DIR (default: the "
                             "built-in dataset)")
    parser.add_argument("--examples", type=positive_int, metavar="M",
                        help="use only the first M training examples (default: all)")
    add_init_argument(parser)
    parser.add_argument("--title", help="a title above the picture")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..tools import render

    net, about = _network(args)
    X, Y, source = _examples(args, net.layer_dims[0])
    cost = net.cost(input_leaf(X, net.dtype), Y)
    if args.grads or args.backward:
        backward(cost)
        about += f", gradients after one forward/backward pass on {source}"
    path = render.render(cost, args.output, compact=args.compact,
                         grads=args.grads or args.backward, values=args.values,
                         backward=args.backward, title=args.title)
    print(f"wrote {path} ({about}; m = {X.shape[1]} examples: {source})")
    return 0


def _network(args: argparse.Namespace) -> tuple[Network, str]:
    if args.model is not None:
        from ..models.io import load_checkpoint  # h5py: only when a checkpoint is read

        net = load_checkpoint(args.model).network()
        return net, f"network {net.layer_dims} from {args.model}"
    dims = args.layers or COURSE_LAYERS
    net = Network(dims, init=args.init)
    return net, f"network {dims}, init {net.init}"


def _examples(args: argparse.Namespace, n_x: int) -> tuple:
    """(X, Y, where they came from): the first M training examples of the chosen data, or
    M random examples (3 by default) when no --data is given and the pictures do not fit."""
    from ..models.data import BUILTIN_N_X, dataset  # h5py: only when data is read

    if args.data is None and n_x != BUILTIN_N_X:
        from ..tools.stepper import demo_examples

        m = args.examples or 3
        return (*demo_examples(n_x, m), f"{m} random examples")
    data = dataset(args.data)
    data.check_inputs(n_x, fix=f"start --layers with {data.n_x}")
    return (*data.first_examples(args.examples), data.source)
