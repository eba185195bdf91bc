"""foundation-engine: how strong is the foundation of an RPO partnership, and what next.

Embedded use::

    from foundation_engine import assess

    report = assess("examples/strong-partnership.json")
    print(report.overall_score, report.rating)

    reports = assess_many(list_of_dicts, workers=4)  # in input order, errors as results

Plugin authors import :data:`hookimpl`, :func:`check`, :class:`Options`,
:class:`Outcome` and :class:`CheckContext` from here.
"""

from typing import TYPE_CHECKING

from foundation_engine._version import __version__
from foundation_engine.plugin.hookspecs import hookimpl

if TYPE_CHECKING:  # the names below load lazily at run time; type checkers see them here
    from foundation_engine.api import assess
    from foundation_engine.batch.many import assess_many
    from foundation_engine.checks.context import CheckContext
    from foundation_engine.checks.outcome import Outcome, Status
    from foundation_engine.checks.spec import Options, check
    from foundation_engine.core.config import EngineConfig, load_config
    from foundation_engine.core.engine import Engine
    from foundation_engine.report.model import Finding, Rating, Report
    from foundation_engine.state.model import PartnershipState

__all__ = [
    "CheckContext",
    "Engine",
    "EngineConfig",
    "Finding",
    "Options",
    "Outcome",
    "PartnershipState",
    "Rating",
    "Report",
    "Status",
    "__version__",
    "assess",
    "assess_many",
    "check",
    "hookimpl",
    "load_config",
]

_LAZY = {
    "assess": ("api", "assess"),
    "assess_many": ("batch.many", "assess_many"),
    "Engine": ("core.engine", "Engine"),
    "EngineConfig": ("core.config", "EngineConfig"),
    "load_config": ("core.config", "load_config"),
    "Report": ("report.model", "Report"),
    "Finding": ("report.model", "Finding"),
    "Rating": ("report.model", "Rating"),
    "PartnershipState": ("state.model", "PartnershipState"),
    "CheckContext": ("checks.context", "CheckContext"),
    "Outcome": ("checks.outcome", "Outcome"),
    "Status": ("checks.outcome", "Status"),
    "Options": ("checks.spec", "Options"),
    "check": ("checks.spec", "check"),
}


def __getattr__(name: str) -> object:
    # Imported on first use so that `import foundation_engine` (and the CLI's start-up)
    # stays quick; the names are the same either way.
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'foundation_engine' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(f".{module_name}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    # The public names only: the lazy table, the imported helpers and the submodules
    # loaded so far are implementation, not API.
    return sorted(__all__)
