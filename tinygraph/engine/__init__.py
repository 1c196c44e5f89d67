"""The engine: the node (`tensor`), the ops (`ops/`), the backward walk (`autograd`).

Read in that order. Below them sit `validate` (what every public entry checks of what it is
given) and `probes` (where debugging tools look in); the private `_provenance` (where the
user's code made each node) and `_fast` (speed tricks, measured in docs/performance.md) hook
in without the core knowing their details.
"""

from . import autograd, ops, tensor

# The node's operators (`W @ X + b`) and `node.backward()` use the ops and the walk, which sit
# above it: they are handed to it here, once, so tensor.py imports neither.
tensor._engine.ops = ops
tensor._engine.autograd = autograd
