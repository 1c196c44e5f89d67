"""`python -m tinygraph ...` is the `tinygraph` command."""

import sys

from .cli import main

sys.exit(main())
