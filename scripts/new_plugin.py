"""Create a new foundation-engine plugin package: ``python scripts/new_plugin.py NAME [DIR]``.

The same as ``foundation-engine new-plugin NAME``: writes
``DIR/foundation-engine-NAME`` (DIR defaults to the current folder) with one
technique, one check, one rule, its tests and a README.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from foundation_engine.cli.plugin_template import create_plugin
from foundation_engine.errors import FoundationError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="plugin name, e.g. acme-maturity")
    parser.add_argument("directory", nargs="?", default=".", type=Path)
    parser.add_argument("--prefix", help="rule id prefix, 2-6 capitals (default: from NAME)")
    args = parser.parse_args(argv)
    try:
        root = create_plugin(args.name, args.directory, prefix=args.prefix)
    except FoundationError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    except FileExistsError as exc:
        print(f"error: {exc.filename}: already exists; nothing was written", file=sys.stderr)
        return 2
    print(f"created {root}")
    print(f"next: pip install -e {root} && pytest {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
