"""``python -m foundation_engine``: the same command line as ``foundation-engine``."""

import sys

from foundation_engine.cli import main

if __name__ == "__main__":
    sys.exit(main())
