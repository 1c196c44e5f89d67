"""`python -m tinygraph ...` is the `tinygraph` command."""

import sys

try:  # the command's entry point: it handles Ctrl-C while the program stops, too
    from tinygraph_cli import main
except ImportError:  # tinygraph's directory on sys.path without the package installed
    from .cli import main

sys.exit(main())
