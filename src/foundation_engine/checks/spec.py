"""How a check function is described when a plugin registers it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from foundation_engine.checks.context import CheckContext
from foundation_engine.checks.outcome import Outcome
from foundation_engine.rulebook.model import StrictModel
from foundation_engine.state.model import PartnershipState


class CheckFunction(Protocol):
    def __call__(self, state: PartnershipState, options: Any, context: CheckContext) -> Outcome: ...


class Options(StrictModel):
    """The base of a check's options model: strict and immutable.

    Rule files and config fill the options, so a misspelled option must be
    an error rather than ignored (``extra="forbid"``), and one options
    instance serves every assessment, so it cannot change (``frozen``)::

        class GapOptions(Options):
            max_days: int = Field(14, ge=1)

    Each options model is built when a rule first validates its options
    (``defer_build``), so the models of checks no selected rule uses are
    never built.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class NoOptions(Options):
    """Options model for checks that take none."""


@dataclass(frozen=True)
class CheckSpec:
    """A registered check: its name, function, options model and supplier."""

    name: str
    function: CheckFunction
    options: type[BaseModel]
    description: str
    plugin: str = "<unknown>"


F = TypeVar("F", bound=Callable[..., Outcome])


def check(name: str | None = None, *, options: type[BaseModel] = NoOptions) -> Callable[[F], F]:
    """Mark a function as a check, naming it and its options model.

    The marker only annotates the function; a plugin still registers it through
    ``register_checks``::

        @check("touchpoint_gap", options=GapOptions)
        def touchpoint_gap(state, options, context): ...

        @hookimpl
        def register_checks(register):
            register(touchpoint_gap)
    """

    def mark(function: F) -> F:
        function.__foundation_check__ = (name or function.__name__, options)  # type: ignore[attr-defined]
        return function

    return mark


def describe(
    function: Callable[..., Outcome],
    name: str | None,
    options: type[BaseModel] | None,
    plugin: str,
) -> CheckSpec:
    """Build a :class:`CheckSpec` from a function and what its marker says."""
    marked_name, marked_options = getattr(function, "__foundation_check__", (None, None))
    final_name = name or marked_name or function.__name__
    final_options = options or marked_options or NoOptions
    doc = (function.__doc__ or "").strip().splitlines()
    return CheckSpec(
        name=final_name,
        function=function,
        options=final_options,
        description=doc[0] if doc else "",
        plugin=plugin,
    )
