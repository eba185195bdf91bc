"""What the command line and the package refuse, and how they say so."""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest

from .conftest import Result


def test_new_plugin_into_a_missing_folder_exits_2(cli: Callable[..., Result]) -> None:
    result = cli("new-plugin", "acme-rules", "--dir", "no-such-folder")
    assert result.code == 2
    assert "no-such-folder: no such folder" in result.err


@pytest.mark.parametrize("module", ["foundation_engine", "foundation_engine.testing"])
def test_an_unknown_public_name_is_an_attribute_error(module: str) -> None:
    imported = importlib.import_module(module)
    with pytest.raises(AttributeError, match="has no attribute 'Nothing'"):
        imported.Nothing  # noqa: B018
