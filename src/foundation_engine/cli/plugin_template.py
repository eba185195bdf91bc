"""Scaffolding: a new plugin package, ready to install, test and extend.

:func:`create_plugin` writes a distribution with one technique, one check,
one declarative rule that uses it, a test suite built on
:mod:`foundation_engine.testing`, and a README; ``foundation-engine
new-plugin NAME`` and ``scripts/new_plugin.py NAME`` call it.
"""

# ruff: noqa: E501
# (The templates below hold TOML and Markdown lines as a plugin author would write them.)

from __future__ import annotations

import errno
import re
from pathlib import Path

from foundation_engine._version import __version__
from foundation_engine.errors import FoundationError, Problem

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$")
PREFIX_PATTERN = re.compile(r"^[A-Z]{2,6}$")
PUBLISHED_PREFIXES = frozenset({"SLA"})
"""Prefixes of plugins published beside the engine (reserved though they may not be installed)."""


def reserved_prefixes() -> frozenset[str]:
    """The prefixes a new plugin may not take: those the built-in rule sets register, and SLA.

    Read from the built-in plugins' ``register_techniques`` hooks, so the
    table of prefixes is written once, where each rule set registers itself.
    """
    from foundation_engine.plugin.manager import DEFAULT_PLUGINS, build_plugin_setup

    setup = build_plugin_setup(builtins=DEFAULT_PLUGINS, entrypoints=False)
    prefixes: set[str] = set(PUBLISHED_PREFIXES)

    def register(id: str, title: str, prefix: str, *args: object, **kwargs: object) -> None:
        prefixes.add(prefix)

    setup.manager.hook.register_techniques(register=register)
    return frozenset(prefixes)


class ScaffoldError(FoundationError):
    """The plugin cannot be created as asked."""

    kind = "scaffold"


def create_plugin(name: str, directory: Path, *, prefix: str | None = None) -> Path:
    """Create the plugin package ``foundation-engine-NAME`` inside `directory`.

    `name` is lower case letters and digits, words joined by ``-`` or ``_``
    (``acme-maturity``). The technique id is `name` in snake case, the rule
    prefix is `prefix` or the first letters of `name` in capitals. Returns the
    new package's folder. Raises :class:`ScaffoldError` for an invalid name or
    prefix and :class:`FileExistsError` when the folder exists (nothing is
    overwritten).
    """
    if not NAME_PATTERN.match(name):
        raise ScaffoldError(
            Problem(
                f"plugin name {name!r} is not valid; expected lower case letters and digits, "
                "words joined by '-' or '_' (for example 'acme-maturity')"
            )
        )
    technique = name.replace("-", "_")
    if len(technique) > 40:
        raise ScaffoldError(Problem(f"plugin name {name!r} is longer than 40 characters"))
    prefix = prefix or _default_prefix(technique)
    if not PREFIX_PATTERN.match(prefix):
        raise ScaffoldError(
            Problem(f"rule prefix {prefix!r} is not valid; expected 2 to 6 capital letters")
        )
    if prefix in reserved_prefixes():
        raise ScaffoldError(
            Problem(
                f"rule prefix {prefix} is taken by a built-in rule set; choose another (--prefix)"
            )
        )
    root = Path(directory) / f"foundation-engine-{name.replace('_', '-')}"
    if root.exists():
        raise FileExistsError(errno.EEXIST, "already exists; not overwriting it", str(root))
    package = f"foundation_engine_{technique}"
    values = {
        "name": name.replace("_", "-"),
        "technique": technique,
        "package": package,
        "prefix": prefix,
        "rule": f"{prefix}001",
        "title": technique.replace("_", " ").capitalize(),
        "requires": _requires(),
    }
    files = {
        "pyproject.toml": _PYPROJECT,
        "README.md": _README,
        f"src/{package}/__init__.py": _INIT,
        f"src/{package}/checks.py": _CHECKS,
        f"src/{package}/py.typed": "",
        f"src/{package}/rules/{values['rule']}.toml": _RULE,
        f"tests/test_{technique}.py": _TEST,
    }
    for relative, template in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_fill(template, values), encoding="utf-8")
    return root


def _default_prefix(technique: str) -> str:
    letters = re.sub(r"[^a-z]", "", technique).upper()
    prefix = letters[:3]
    if len(prefix) < 2:
        raise ScaffoldError(
            Problem(f"cannot derive a rule prefix from {technique!r}; pass one (--prefix)")
        )
    return prefix


def _requires() -> str:
    major = int(__version__.split(".")[0])
    minor = __version__.split(".")[1]
    return f">={major}.{minor},<{major + 1}"


def _fill(template: str, values: dict[str, str]) -> str:
    # Templates hold TOML and Python braces, so fields are marked as @name@.
    return re.sub(r"@(\w+)@", lambda m: values[m.group(1)], template)


_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.21"]
build-backend = "hatchling.build"

[project]
name = "foundation-engine-@name@"
version = "0.1.0"
description = "foundation-engine plugin: @title@ rules."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["foundation-engine@requires@"]

[project.optional-dependencies]
test = ["pytest>=8"]

[project.entry-points.foundation_engine]
@technique@ = "@package@"

[tool.hatch.build.targets.wheel]
packages = ["src/@package@"]

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["src"]
"""

_README = """\
# foundation-engine-@name@

A foundation-engine plugin adding the **@title@** rule set (technique
`@technique@`, rule prefix `@prefix@`).

## Install and use

```console
pip install -e .
foundation-engine plugins                        # lists @technique@
foundation-engine rules --technique @technique@  # lists @rule@
```

## Rules

| id | name | flags | options (default) |
|---|---|---|---|
| @rule@ | `too-few-joint-meetings` | fewer meetings with both parties present than agreed | `min_meetings` (1), `within_days` (30) |

Each rule lives in `src/@package@/rules/` as a TOML file with its docs (what,
why, example, how to fix, limitations, references); its check function is in
`src/@package@/checks.py`.

## Add a rule

1. Write the check in `checks.py` (or use a generic check: `present`, `count`,
   `threshold`, `recency`, `largest_gap`, `share`, `matches_schema`).
2. Copy `@rule@.toml` to the next id, give it a `name` (the condition it
   flags, in kebab-case, unique) and a title without numbers (thresholds are
   options), and fill in every section.
3. Add tests for passing, failing and not applicable to `tests/`.
4. Run `pytest`: `assert_plugin_conformance` checks docs, check names,
   options and ids.
"""

_INIT = '''\
"""@title@: a foundation-engine plugin (technique ``@technique@``, prefix ``@prefix@``)."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from foundation_engine import hookimpl

from .checks import joint_meetings

__version__ = "0.1.0"
FOUNDATION_ENGINE_REQUIRES = "@requires@"
"""The foundation-engine versions this plugin works with."""


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register("@technique@", "@title@", "@prefix@", order=100)


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    register(joint_meetings)


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(files(__name__) / "rules")
'''

_CHECKS = '''\
"""The checks of the @title@ rule set."""

from __future__ import annotations

import datetime as dt

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.state.model import PartnershipState
from pydantic import Field


class JointMeetingsOptions(Options):
    min_meetings: int = Field(1, ge=0)
    within_days: int = Field(30, ge=1)


@check("@technique@.joint_meetings", options=JointMeetingsOptions)
def joint_meetings(
    state: PartnershipState, options: JointMeetingsOptions, context: CheckContext
) -> Outcome:
    """Enough meetings with both parties present in the recent window."""
    if state.communications is None:
        return Outcome.not_applicable("the state does not record communications")
    since = context.as_of - dt.timedelta(days=options.within_days)
    joint = [
        f"/communications/{index}"
        for index, touchpoint in enumerate(state.communications)
        if since < touchpoint.date <= context.as_of
        and {"client", "provider"} <= set(touchpoint.parties)
    ]
    return Outcome.judge(len(joint) >= options.min_meetings, len(joint), joint)
'''

_RULE = """\
id = "@rule@"
name = "too-few-joint-meetings"
technique = "@technique@"
title = "Too few meetings with both parties present"
severity = "medium"
owner = "both"
since = "0.1.0"
recommendation = "Hold at least {min_meetings} meeting(s) with both client and provider present every {within_days} days."

[check]
name = "@technique@.joint_meetings"

[options.min_meetings]
default = 1
description = "Meetings with both parties present needed in the window."
source = "Judgement: replace with your own policy and say where it comes from."

[options.within_days]
default = 30
description = "Length of the window ending at the assessment date, in days."
source = "Judgement: one month."

[message]
failed = "{value} meeting(s) with both parties present in the last {within_days} days; at least {min_meetings} expected."
passed = "{value} meeting(s) with both parties present in the last {within_days} days."
not_applicable = "Joint meetings cannot be counted: {reason}."

[docs]
what = "Counts the touchpoints in communications, dated within the window ending at the assessment date, at which both the client and the provider were present."
why = "Decisions made with one side absent have to be relayed and are often reopened; regular joint meetings keep the partnership aligned."
example = "In the last 30 days there were four provider-only status calls and no meeting with the client present."
how_to_fix = "Book a recurring meeting both sides attend, and record each one in communications with both parties listed."
limitations = "Only recorded touchpoints count, and presence is taken from the parties field as written."
references = ["Replace with the source of your policy."]
"""

_TEST = '''\
"""Tests of the @title@ plugin, using foundation-engine's testing kit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from foundation_engine import Engine
from foundation_engine.testing import assert_finding, assert_plugin_conformance

import @package@


def test_plugin_conforms() -> None:
    assert_plugin_conformance(@package@)


def test_@rule@_passes_with_a_joint_meeting(
    plugin_engine: Callable[..., Engine], state_builder: Any
) -> None:
    state = state_builder(as_of="2026-06-30").touchpoint("2026-06-15").build()
    report = plugin_engine(@package@).assess(state)
    assert_finding(report, "@rule@", "passed", value=1, evidence=["/communications/0"])


def test_@rule@_fails_without_the_client(
    plugin_engine: Callable[..., Engine], state_builder: Any
) -> None:
    state = (
        state_builder(as_of="2026-06-30")
        .touchpoint("2026-06-15", parties=["provider"])
        .touchpoint("2026-04-01")
        .build()
    )
    report = plugin_engine(@package@).assess(state)
    assert_finding(report, "@rule@", "failed", value=0, evidence=[])


def test_@rule@_not_applicable_without_communications(
    plugin_engine: Callable[..., Engine], state_builder: Any
) -> None:
    report = plugin_engine(@package@).assess(state_builder().build())
    assert_finding(report, "@rule@", "not_applicable")
'''
