"""Fuzz the state loaders with atheris: JSON, TOML and the batch readers.

See fuzz/README.md for the command. The targets live in fuzz/targets.py,
which the hypothesis tests in tests/reliability reuse.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["foundation_engine", "tomllib", "json", "targets"]):
    from targets import check_input, engine


def main() -> None:
    engine()  # build the registry before fuzzing starts
    atheris.Setup(sys.argv, check_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
