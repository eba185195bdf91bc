"""What a plugin registers is checked when it registers, and the error names the plugin."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from foundation_engine import check, hookimpl
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.errors import PluginError
from foundation_engine.report.model import Report
from foundation_engine.testing import StateBuilder, plugin_engine

from .plugins_for_tests import NamedPlugin, fine, rule_text

JSON_WRITER = "foundation_engine.writers.json_report"


class Registers:
    """A plugin named `name` whose `hook` calls ``register(*args, **kwargs)``."""

    def __init__(self, plugin_name: str, hook: str, *args: Any, **kwargs: Any) -> None:
        self.__name__ = plugin_name
        self.args = args
        self.kwargs = kwargs
        setattr(self, hook, self._hook(hook))

    def _hook(self, hook: str) -> Any:
        def implementation(register: Callable[..., None]) -> None:
            register(*self.args, **self.kwargs)

        implementation.__name__ = hook
        return hookimpl(implementation)


def problems_of(*plugins: object, builtins: tuple[str, ...] | None = None) -> str:
    with pytest.raises(PluginError) as caught:
        plugin_engine(*plugins, builtins=builtins)
    return str(caught.value)


def write_text(report: Report) -> str:
    return f"{report.partnership_id}\n"


def load_nothing(data: bytes, source: str) -> Any:
    return json.loads(data)


# -- checks --------------------------------------------------------------------


def test_a_check_that_is_not_callable_is_refused_naming_the_plugin() -> None:
    message = problems_of(Registers("acme", "register_checks", 42))
    assert message == (
        "plugin 'acme' (register_checks): the check is int 42, which is not callable; "
        "expected a function"
    )


def test_check_options_that_are_not_a_pydantic_model_are_refused() -> None:
    message = problems_of(Registers("acme", "register_checks", fine, options=dict))
    assert message.startswith("plugin 'acme' (register_checks): options of check 'fine'")
    assert "expected a pydantic model class" in message


def test_check_options_given_as_an_instance_are_refused() -> None:
    class Options(BaseModel):
        days: int = 3

    message = problems_of(Registers("acme", "register_checks", fine, options=Options()))
    assert "expected a pydantic model class" in message


def test_a_check_name_rule_files_could_not_name_is_refused() -> None:
    message = problems_of(Registers("acme", "register_checks", fine, name="Acme Check"))
    assert "check name 'Acme Check' is not valid" in message


def test_a_registration_hook_that_raises_is_named() -> None:
    class Raises:
        __name__ = "acme"

        @hookimpl
        def register_checks(self, register: Callable[..., None]) -> None:
            raise RuntimeError("settings file missing")

    message = problems_of(Raises())
    assert message == (
        "plugin 'acme' raised RuntimeError in register_checks: settings file missing"
    )


# -- loaders and writers -------------------------------------------------------


def test_a_writer_given_as_a_string_is_refused() -> None:
    message = problems_of(Registers("acme", "register_report_writers", "json", "{report}"))
    assert message == (
        "plugin 'acme' (register_report_writers): the writer of 'json' is str '{report}', "
        "which is not callable; expected a function"
    )


def test_a_loader_that_is_not_callable_is_refused() -> None:
    message = problems_of(Registers("acme", "register_loaders", "yaml", (".yaml",), None))
    assert "plugin 'acme' (register_loaders): the loader of 'yaml' is NoneType None" in message


def test_loader_suffixes_given_as_one_string_are_refused() -> None:
    message = problems_of(Registers("acme", "register_loaders", "yaml", ".yaml", load_nothing))
    assert "suffixes of input format 'yaml' are str '.yaml'" in message


def test_a_plugin_taking_a_built_in_format_without_saying_so_is_refused() -> None:
    plugin = Registers("acme", "register_report_writers", "json", write_text)
    message = problems_of(plugin, builtins=(JSON_WRITER,))
    assert message == (
        f"report format 'json' is registered by both built-in plugin '{JSON_WRITER}' and "
        "plugin 'acme'; to replace the built-in, the plugin registers it with replace=True "
        "(register_report_writers)"
    )


def test_a_plugin_replaces_a_built_in_format_by_saying_so() -> None:
    plugin = Registers("acme", "register_report_writers", "json", write_text, replace=True)
    engine = plugin_engine(plugin, builtins=(*_generic(), JSON_WRITER))
    writer = engine.registry.writer("json")
    assert (writer.plugin, writer.replaces, writer.write) == ("acme", JSON_WRITER, write_text)


def test_a_plugin_replaces_a_built_in_loader_by_saying_so(tmp_path: Path) -> None:
    seen: list[str] = []

    def load(data: bytes, source: str) -> Any:
        seen.append(source)
        return json.loads(data)

    plugin = Registers("acme", "register_loaders", "json", (".json",), load, replace=True)
    engine = plugin_engine(plugin)
    path = tmp_path / "state.json"
    path.write_text(json.dumps(StateBuilder().to_dict()))
    engine.load(path)
    assert seen == [str(path)]
    assert engine.registry.loaders["json"].replaces == "foundation_engine.formats"


def test_two_plugins_registering_one_format_are_both_named_whatever_the_order() -> None:
    first = Registers("acme", "register_report_writers", "summary", write_text)
    second = Registers("globex", "register_report_writers", "summary", write_text)
    for plugins in ((first, second), (second, first)):
        message = problems_of(*plugins)
        assert "report format 'summary' is registered by both plugin" in message
        assert "'acme'" in message and "'globex'" in message


def test_replace_does_not_settle_a_clash_between_two_plugins() -> None:
    first = Registers("acme", "register_loaders", "yaml", (".yaml",), load_nothing, replace=True)
    second = Registers("globex", "register_loaders", "yaml", (".yml",), load_nothing, replace=True)
    assert "input format 'yaml' is registered by both plugin" in problems_of(first, second)


def test_two_formats_claiming_one_file_ending_are_both_named() -> None:
    plugin = Registers("acme", "register_loaders", "json5", (".json",), load_nothing)
    message = problems_of(plugin)
    assert message == (
        "file ending '.json' is claimed by input format 'json' (plugin "
        "'foundation_engine.formats') and input format 'json5' (plugin 'acme')"
    )


def test_the_longest_claimed_file_ending_chooses_the_loader() -> None:
    plugin = Registers("acme", "register_loaders", "json-gz", (".json.gz",), load_nothing)
    registry = plugin_engine(plugin).registry
    assert registry.loader_for("state.json.gz").name == "json-gz"
    assert registry.loader_for("STATE.JSON").name == "json"
    assert registry.loader_for("<stdin>").name == "json"


# -- without the built-in loaders ----------------------------------------------


@pytest.fixture
def without_loaders() -> Engine:
    return Engine(EngineConfig(), builtins=["foundation_engine.checks.generic"], entrypoints=False)


def test_an_engine_without_loaders_still_assesses_a_dict(without_loaders: Engine) -> None:
    report = without_loaders.assess(StateBuilder().to_dict())
    assert report.partnership_id


def test_an_engine_without_loaders_says_which_formats_exist(
    without_loaders: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps(StateBuilder().to_dict()))
    with pytest.raises(PluginError) as caught:
        without_loaders.assess(path)
    assert str(caught.value) == (
        f"{path}: cannot tell the input format of {path}: no loader claims its suffix and "
        "there is no 'json' loader to fall back on; known formats: none (no loader plugin is "
        "registered); the built-in JSON and TOML loaders are plugin 'foundation_engine.formats'"
    )
    with pytest.raises(PluginError, match="unknown input format 'json'; known: none"):
        without_loaders.assess(json.dumps(StateBuilder().to_dict()))


# -- other registrations -------------------------------------------------------


@check("acme.marked", options=dict)  # type: ignore[arg-type]
def marked_with_a_dict(state: Any, options: Any, context: Any) -> Any:
    return None


def test_a_check_marked_with_options_that_are_no_model_is_refused() -> None:
    message = problems_of(Registers("acme", "register_checks", marked_with_a_dict))
    assert message == (
        "plugin 'acme' (register_checks): options of check 'acme.marked' is type "
        "<class 'dict'>; expected a pydantic model class"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Vendor Management", "Vendors", "VEN"), "technique id 'Vendor Management' is not"),
        (("vendors", "Vendors", "ven"), "prefix 'ven' is not 2-6 capitals"),
        (("communication", "Talking", "TLK"), "technique 'communication' is registered by both"),
    ],
)
def test_techniques_are_checked_when_registered(args: tuple[str, ...], message: str) -> None:
    plugin = Registers("acme", "register_techniques", *args)
    assert message in problems_of(plugin, builtins=("foundation_engine.rules.communication",))


@pytest.mark.parametrize(
    ("hook", "args", "message"),
    [
        ("register_loaders", ("YAML", (".yaml",), load_nothing), "format name 'YAML' is not"),
        ("register_report_writers", ("", write_text), "format name '' is not valid"),
        ("register_report_writers", ("plain", write_text, 3), "needs a media type"),
        ("register_report_writers", ("plain", write_text, "text/plain", "txt"), "got 'text/plain'"),
    ],
)
def test_format_names_and_descriptions_are_checked(
    hook: str, args: tuple[object, ...], message: str
) -> None:
    assert message in problems_of(Registers("acme", hook, *args))


def test_two_plugins_registering_one_extension_are_both_named() -> None:
    first = Registers("acme", "register_state_extensions", "pulse", {"type": "object"})
    second = Registers("globex", "register_state_extensions", "pulse", {"type": "object"})
    message = problems_of(first, second)
    assert message.startswith("state extension 'pulse' is registered by both plugin")
    assert "'acme'" in message and "'globex'" in message


def test_a_rule_folder_inside_a_zip_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "rules.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("rules/COM981.toml", rule_text("COM981", "faulty.fine"))
    plugin = Registers("zipped", "register_rule_paths", zipfile.Path(archive, "rules/"))
    engine = plugin_engine(NamedPlugin("acme", (fine,)), plugin, with_builtin_rules=True)
    assert "COM981" in {r.id for r in engine.rules}


def test_an_unknown_report_format_lists_the_known_ones() -> None:
    registry = plugin_engine(builtins=(*_generic(), JSON_WRITER)).registry
    with pytest.raises(PluginError, match="unknown report format 'yaml'; known: json"):
        registry.writer("yaml")


def test_a_rule_path_that_is_not_a_folder_is_refused() -> None:
    message = problems_of(Registers("acme", "register_rule_paths", 42))
    assert message.startswith("plugin 'acme' (register_rule_paths): int 42 is not a folder")


def test_an_extension_schema_that_is_neither_a_dict_nor_a_model_is_refused() -> None:
    message = problems_of(Registers("acme", "register_state_extensions", "pulse", "schema"))
    assert "the schema of 'pulse' is str 'schema'" in message


def _generic() -> tuple[str, ...]:
    from foundation_engine.testing import GENERIC_BUILTINS

    return GENERIC_BUILTINS
