"""The hooks plugins implement. Markers and specifications only.

Every built-in feature (the generic checks, the six technique rule sets, the
JSON and TOML loaders, the JSON report writer) is a plugin implementing these
same hooks. Registration hooks receive a ``register`` callback; the engine
validates what is registered, refuses clashes and records which plugin
supplied each item. Implement only the arguments you need: pluggy passes the
ones your function names, so new arguments never break an existing plugin.

How hooks change without breaking plugins
-----------------------------------------

* **Adding an argument** is always safe: existing implementations do not
  name it, so pluggy does not pass it (opt-in arguments). New arguments are
  added at the end of a spec and documented with the version they arrived in.
* **Deprecating an argument**: the spec gains
  ``warn_on_impl_args={"old": PluginDeprecationWarning("...use new...")}``.
  pluggy then warns, when a plugin registers, for every implementation that
  still names ``old``; the argument keeps being passed for at least one minor
  release before it is removed.
* **Deprecating a hook**: the spec gains
  ``warn_on_impl=PluginDeprecationWarning("...use register_x instead...")``,
  so every plugin implementing it warns at registration, and the engine keeps
  calling it for at least one minor release.
* **Removing or renaming** happens only in a major release; plugins declare
  the engine versions they support (``FOUNDATION_ENGINE_REQUIRES``, see
  :mod:`foundation_engine.plugin.manager`), so an old plugin is refused with a
  message rather than failing half-way through an assessment.

Every spec says, in its docstring, the version it arrived in
(``.. versionadded:: X.Y.Z``) and, when it changes, the version of each
change; the docs test reads the hooks from the plugin manager and refuses a
spec without it.

No hook is deprecated today.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from foundation_engine.checks.context import CheckContext
    from foundation_engine.report.model import Finding
    from foundation_engine.state.model import PartnershipState

PROJECT_NAME = "foundation_engine"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


class PluginDeprecationWarning(DeprecationWarning):
    """Warned when a plugin implements a deprecated hook or names a deprecated argument."""


# --------------------------------------------------------------------------
# rules and checks
# --------------------------------------------------------------------------


@hookspec
def register_checks(register: Callable[..., None]) -> None:
    """Register check functions that declarative rules can name.

    Called once when the engine builds its registry. Call
    ``register(function, name=None, options=None)`` for each check: ``name``
    defaults to the name given with :func:`foundation_engine.check` or the
    function's name, ``options`` to the pydantic model given there. A check
    has the signature ``check(state, options, context) -> Outcome``.
    Registrations are checked as they are made: a function that is not
    callable, options that are not a pydantic model class, or a name rule
    files cannot write is an error naming the plugin, and two plugins
    registering the same name is an error naming both.

    .. versionadded:: 0.1.0
    """


@hookspec
def register_rule_paths(register: Callable[..., None]) -> None:
    """Register folders of declarative rule files (``*.toml``, searched recursively).

    Called once when the engine builds its registry. Call ``register(path)``
    with a :class:`pathlib.Path` or an :mod:`importlib.resources` traversable.
    Rules from every plugin share one id space: a duplicate id is an error
    naming both plugins. Each rule's ``technique`` must be registered (by any
    plugin) and its id must start with that technique's prefix.

    .. versionadded:: 0.1.0
    """


@hookspec
def register_techniques(register: Callable[..., None]) -> None:
    """Register rule sets (techniques) and their weights in the overall score.

    Call ``register(id, title, prefix, weight=1.0, description="", order=100)``. ``id`` is
    the technique rules name in their ``technique`` field; ``prefix`` is the
    letter code of their ids (``COM``); ``order`` places the technique in reports
    (the six built-ins use 10 to 60). Config ``[techniques.ID] weight``
    overrides ``weight``. Two plugins registering the same id is an error
    naming both.

    .. versionadded:: 0.1.0
    """


# --------------------------------------------------------------------------
# state
# --------------------------------------------------------------------------


@hookspec
def register_state_extensions(register: Callable[..., None]) -> None:
    """Register schemas for namespaced plugin data under ``extensions`` in the state.

    Call ``register(namespace, schema)`` where ``schema`` is a JSON Schema
    (a dict) or a pydantic model class. The engine validates
    ``state.extensions[namespace]`` against it before any rule runs, and
    reports problems with their JSON path. A namespace in the state that no
    plugin registers is ignored with a warning. Checks read their data from
    ``state.extensions[namespace]`` and point evidence at
    ``/extensions/<namespace>/...``.

    .. versionadded:: 0.1.0
    """


@hookspec
def register_loaders(register: Callable[..., None]) -> None:
    """Register readers of state file formats.

    Call ``register(name, suffixes, load, folder_marker=None, replace=False)`` where
    ``load(data: bytes, source: str)`` returns the parsed document (a dict)
    and raises :class:`foundation_engine.errors.ParseError` for bad input.
    ``suffixes`` are file endings such as ``(".json",)``; a file is read by
    the format claiming the longest ending of its name. Two plugins
    registering one name, or claiming one ending, is an error naming both.
    To replace a built-in format (``json``, ``toml``) a plugin registers the
    same name with ``replace=True``; without it the clash is an error.

    A format kept as a folder of files registers ``folder_marker``, the name
    of a file that marks such a folder (``register("csv-folder", (), load,
    folder_marker="Partnership.csv")``); ``load`` then receives the folder's
    files (not its subfolders) as the bytes of a zip archive.

    .. versionadded:: 0.1.0
    """


# --------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------


@hookspec
def register_report_writers(register: Callable[..., None]) -> None:
    """Register output formats for reports.

    Call ``register(name, write, media_type="text/plain", suffix=".txt",
    replace=False)`` where ``write(report) -> str`` renders a
    :class:`foundation_engine.Report`. A writer must escape everything it
    prints that came from the state. Two plugins registering one name is an
    error naming both; a plugin replaces a built-in format (``json``,
    ``text``, ``concise``, ``markdown``, ``html``, ``csv``) only with
    ``replace=True``. ``assess -o FILE`` picks a plugin's format by its
    `suffix` when no built-in format claims that suffix.

    .. versionadded:: 0.1.0
    """


# --------------------------------------------------------------------------
# findings
# --------------------------------------------------------------------------


@hookspec
def process_findings(
    findings: list[Finding], state: PartnershipState, context: CheckContext
) -> None:
    """Adjust the findings of one assessment before scoring.

    Called once per assessment after every rule has run. Change the list in
    place: replace a finding with ``finding.model_copy(update={...})``, append
    new ones, or remove some. Implementations run in pluggy's order (last
    registered first); each sees the changes of those before it. Return None.
    An implementation that raises, or leaves anything but findings in the
    list, has its changes undone and is named in the report's warnings; the
    others still run.

    .. versionadded:: 0.1.0
    """
