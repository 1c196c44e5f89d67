"""`tinygraph export`: a trained model as ONNX, for any ONNX runtime (a phone, a web page, a
server), and to look at in Netron.

    $ tinygraph export --model model.h5 -o model.onnx
    $ tinygraph export --model model.h5 -o model.onnx --pixels   # takes uint8 pixels 0..255
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="write a trained model as ONNX (needs the 'onnx' extra)",
        description="Write the forward graph of a model saved by `tinygraph train --save` as "
                    "an ONNX model, batch first: its input X is (batch, n_x), one picture per "
                    "row, flattened in the course's order and divided by 255 as for training "
                    "(with --pixels, the uint8 pixels themselves); its output AL is (batch, "
                    "1), the probability of label 1. Layers are Gemm nodes named Z1, Z2, ... "
                    "and activations A1, A2, ..., AL, as the course names them.",
        epilog="example: tinygraph export --model model.h5 -o model.onnx")
    parser.add_argument("--model", type=Path, required=True, metavar="MODEL.h5",
                        help="checkpoint written by tinygraph train --save")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="MODEL.onnx",
                        help="the ONNX file to write")
    parser.add_argument("--pixels", action="store_true",
                        help="the model takes uint8 pixel values 0..255 and divides them by "
                             "255 itself (default: it takes pixels / 255, as training did)")
    parser.add_argument("--force", action="store_true",
                        help="replace the output file even when it is read-only")
    parser.set_defaults(run=run_export, parser=parser)


def run_export(args: argparse.Namespace) -> int:
    from ..models.export import OPSET, export_onnx, require_onnx
    from ..models.io import load_checkpoint

    require_onnx()  # before any work: say how to install it
    checkpoint = load_checkpoint(args.model)
    net = checkpoint.network()
    classes = checkpoint.metadata.get("classes")
    shape = checkpoint.metadata.get("image_shape")
    if not shape or int(np.prod(shape)) != net.layer_dims[0]:
        shape = None  # not said, or not this model's: the description leaves it out
    model = export_onnx(net, args.output, pixels=args.pixels, classes=classes,
                        image_shape=shape, force=args.force)
    given = model.graph.input[0].name
    dtype = "uint8" if args.pixels else net.dtype.name
    label = f", the probability of {classes[1]!r}" if classes else ", the probability of 1"
    print(f"wrote {args.output} (ONNX opset {OPSET}): "
          f"{' -> '.join(node.name for node in model.graph.node)}")
    print(f"input {given}: {dtype} (batch, {net.layer_dims[0]}), one picture per row"
          f"{' (0..255)' if args.pixels else ', pixels / 255'}")
    print(f"output {model.graph.output[0].name}: (batch, 1){label}")
    return 0
