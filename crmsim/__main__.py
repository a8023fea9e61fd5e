"""``python -m crmsim``: the command line (see :mod:`crmsim.cli`)."""

import sys

from crmsim.cli import main

if __name__ == "__main__":
    sys.exit(main())
