"""A loader plugin that fails costs the input it was reading, with an error naming it."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from foundation_engine import hookimpl
from foundation_engine.core.engine import Engine
from foundation_engine.core.loading import load_path
from foundation_engine.errors import LimitExceeded, PluginError
from foundation_engine.files.limits import Limits


def _explode(data: bytes, source: str) -> Any:
    raise KeyError("columns")


class BrokenLoader:
    __name__ = "broken-loader"

    @hookimpl
    def register_loaders(self, register: Callable[..., None]) -> None:
        register("yaml", (".yaml",), _explode)


def test_a_loader_that_raises_is_a_plugin_error_naming_the_loader_and_plugin(
    tmp_path: Path,
) -> None:
    engine = Engine(plugins=[BrokenLoader()], entrypoints=False)
    (tmp_path / "state.yaml").write_text("partnership: {}\n")
    with pytest.raises(PluginError) as caught:
        engine.assess(tmp_path / "state.yaml")
    (problem,) = caught.value.problems
    assert problem.source == str(tmp_path / "state.yaml")
    assert problem.message == (
        "the yaml loader from plugin 'broken-loader' failed: KeyError: 'columns'"
    )


def test_the_command_line_prints_it_as_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from foundation_engine.cli import main
    from foundation_engine.core import engine as engine_module

    real = engine_module.Engine

    def with_broken_loader(*args: Any, **kwargs: Any) -> Engine:
        return real(*args, plugins=[BrokenLoader()], entrypoints=False)

    monkeypatch.setattr(engine_module, "Engine", with_broken_loader)
    monkeypatch.chdir(tmp_path)
    Path("state.yaml").write_text("x: 1\n")
    assert main(["assess", "state.yaml"]) == 2
    assert capsys.readouterr().err == (
        "error: state.yaml: the yaml loader from plugin 'broken-loader' failed: "
        "KeyError: 'columns'\n"
    )


def test_oversized_standard_input_is_reported_as_more_than_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Stdin:
        buffer = io.BytesIO(b" " * 5_000)

    monkeypatch.setattr("sys.stdin", Stdin)
    with pytest.raises(LimitExceeded) as caught:
        load_path("-", Engine(entrypoints=False).registry, limits=Limits(max_input_bytes=1_000))
    assert str(caught.value) == (
        "<stdin>: standard input holds more than 1,000 bytes; the limit is 1,000 "
        "(raise it with limits.max_input_bytes)"
    )
