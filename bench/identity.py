"""Fingerprints of every report format for the bundled examples and generated states.

A speed change must not change a single byte of any report. This hashes the
output of every registered report writer for each bundled example state and a
spread of generated benchmark states (three sizes, three seeds), assessed with
the default configuration and with one holding waivers (so the waiver path is
covered too), and compares the hashes with a saved manifest:

    python -m bench.identity --write before.json   # on the engine before a change
    python -m bench.identity --check before.json   # after it: exit 1 on any difference

Only the built-in plugins load (``FOUNDATION_ENGINE_LOAD_PLUGINS`` is set
empty unless it is set already), so an installed plugin's rules cannot make
two runs differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .states import state_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = (
    "examples/new-partnership.json",
    "examples/struggling-partnership.json",
    "examples/strong-partnership.json",
    "examples/pulse/struggling-with-pulse.json",
)
GENERATED = tuple((size, seed) for size in ("small", "typical", "large") for seed in (0, 7, 2026))


def _inputs() -> Iterator[tuple[str, bytes]]:
    for name in EXAMPLES:
        yield name, (ROOT / name).read_bytes()
    for size, seed in GENERATED:
        yield f"generated/{size}-{seed}", state_bytes(size, seed, 0)


def _configs() -> dict[str, object]:
    from foundation_engine.core.config import EngineConfig

    waivers = {
        "waivers": [
            {"rule": "COM", "reason": "benchmark", "owner": "bench", "expires": "2099-01-01"},
            {"rule": "MET003", "reason": "benchmark", "owner": "bench", "expires": "2000-01-01"},
        ]
    }
    return {"default": EngineConfig(), "waivers": EngineConfig.model_validate(waivers)}


def fingerprints(save: Path | None = None) -> dict[str, str]:
    """``{"<config>/<input>/<format>": sha256}`` for every format of every input.

    With `save`, each output is also written under that folder, to compare by eye.
    """
    from foundation_engine.core.engine import Engine

    out: dict[str, str] = {}
    for config_name, config in _configs().items():
        engine = Engine(config)  # type: ignore[arg-type]
        writers = sorted(engine.registry.writers.items())
        for name, data in _inputs():
            report = engine.assess(data)
            for format_name, writer in writers:
                text = writer.write(report)
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                key = f"{config_name}/{name}/{format_name}"
                out[key] = digest
                if save is not None:
                    target = save / key
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(text)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.identity", description=__doc__)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="save the fingerprints to this file")
    group.add_argument("--check", type=Path, help="compare with fingerprints saved earlier")
    parser.add_argument("--save", type=Path, help="also write every output under this folder")
    args = parser.parse_args(argv)
    os.environ.setdefault("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    found = fingerprints(args.save)
    if args.write:
        args.write.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
        print(f"{len(found)} outputs fingerprinted: {args.write}")
        return 0
    saved = json.loads(args.check.read_text())
    differ = sorted(k for k in saved.keys() | found.keys() if saved.get(k) != found.get(k))
    for key in differ:
        print(f"differs: {key}")
    print(f"{len(found)} outputs, {len(differ)} differ from {args.check}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
