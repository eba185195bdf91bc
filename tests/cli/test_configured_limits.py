"""[limits] in the config reach the engine, assess and validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from foundation_engine.cli import main
from foundation_engine.core.config import config_from_mapping
from foundation_engine.core.engine import Engine
from foundation_engine.errors import LimitExceeded
from foundation_engine.plugin.manager import DEFAULT_PLUGINS

from ..conftest import EXAMPLES

SMALL = EXAMPLES / "new-partnership.json"


def test_the_engine_applies_configured_limits() -> None:
    config = config_from_mapping({"limits": {"max_input_bytes": 1000}})
    engine = Engine(config, builtins=DEFAULT_PLUGINS, entrypoints=False)
    with pytest.raises(LimitExceeded, match=r"limits\.max_input_bytes"):
        engine.assess(SMALL)
    with pytest.raises(LimitExceeded):
        engine.assess(SMALL.read_bytes())


@pytest.mark.parametrize("command", ["assess", "validate"])
def test_commands_apply_configured_limits(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "foundation.toml"
    config.write_text("[limits]\nmax_input_bytes = 1000\n", encoding="utf-8")
    code = main([command, str(SMALL), "--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2
    assert "limits.max_input_bytes" in err and "Traceback" not in err
    assert main([command, str(SMALL)]) == 0  # the default limits accept it
