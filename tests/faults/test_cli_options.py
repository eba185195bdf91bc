"""The batch command's fault options reach the batch settings."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from foundation_engine.batch import runner
from foundation_engine.batch.summary import PortfolioSummary
from foundation_engine.cli import batch as batch_command

from ..cli.conftest import gappy_state


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="batch", exit_on_error=False)
    batch_command.add_fault_options(parser)
    return parser


def test_rule_timeout_takes_seconds() -> None:
    parser = _parser()
    assert parser.parse_args(["--rule-timeout", "2.5"]).rule_timeout == 2.5
    assert parser.parse_args(["--rule-timeout", "0"]).rule_timeout == 0
    assert parser.parse_args([]).rule_timeout is None
    for bad in ("soon", "-1"):
        with pytest.raises(argparse.ArgumentError, match="seconds"):
            parser.parse_args(["--rule-timeout", bad])


def test_rule_timeout_overrides_the_configured_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text(json.dumps(gappy_state()) + "\n")
    (tmp_path / "foundation.toml").write_text("[limits]\nrule_seconds = 7\n")
    seen: list[Any] = []

    def fake_run_batch(settings: runner.BatchSettings) -> runner.BatchResult:
        seen.append(settings.effective_config().limits.rule_seconds)
        return runner.BatchResult(PortfolioSummary())

    import foundation_engine.batch as batch_package

    # The package first: its lazy attribute is read (and kept) as the real function
    # before the runner is patched, so undoing both leaves the real one in each.
    monkeypatch.setattr(batch_package, "run_batch", fake_run_batch, raising=False)
    monkeypatch.setattr(runner, "run_batch", fake_run_batch)
    base = dict(
        inputs=["in.jsonl"],
        output=None,
        summary=None,
        scores=None,
        workers=1,
        resume=False,
        as_of=None,
        progress=False,
        strict=False,
        config=None,
        select=None,
        ignore=None,
    )
    assert batch_command.run(argparse.Namespace(**base, rule_timeout=1.5)) == 0
    assert batch_command.run(argparse.Namespace(**base, rule_timeout=None)) == 0
    assert seen == [1.5, 7]
