"""The assessment context handed to every check function."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import BaseModel, TypeAdapter

from foundation_engine.state.model import PartnershipState
from foundation_engine.state.pointers import MISSING, resolve
from foundation_engine.state.vocabulary import Phase

if TYPE_CHECKING:
    from foundation_engine.report.model import Finding

T = TypeVar("T")


@dataclass
class CheckContext:
    """What a check may know besides the state and its options.

    One context serves every rule of one assessment. Checks must treat it, and
    the state, as read-only. ``as_of`` replaces the wall clock: no check reads
    today's date.
    """

    state: PartnershipState
    as_of: dt.date
    phase: Phase
    phase_started: dt.date
    """The day the current phase began."""
    go_live: dt.date
    """The go-live date: given, or derived from the phase boundaries."""
    findings: Sequence[Finding] = ()
    """For a rule whose check reads findings (``reads_findings``): every other rule's
    finding of this assessment. Empty for every other rule."""
    _views: dict[str, Any] = field(default_factory=dict, repr=False)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    _records_memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    @property
    def start_date(self) -> dt.date:
        return self.state.partnership.start_date

    @property
    def days_since_start(self) -> int:
        return (self.as_of - self.start_date).days

    @cached_property
    def document(self) -> dict[str, Any]:
        """The whole state as a JSON-compatible dict (dates as ISO strings).

        Built on first use. Prefer :meth:`select`, which converts only the part
        a check reads.
        """
        return self.state.model_dump(mode="json", exclude_none=False)

    def select(self, pointer: str) -> Any:
        """The JSON-compatible value at a JSON Pointer, or None when absent.

        Only the subtree at `pointer` is converted, once per assessment, so
        generic checks over ``/communications`` never pay for the metrics.
        """
        try:
            return self._views[pointer]
        except KeyError:
            pass
        # "/communications/" reads as "/communications", as it always has here.
        found = resolve(self.state, "/" + pointer.strip("/") if pointer.strip("/") else "")
        value = _jsonable(None if found is MISSING else found)
        self._views[pointer] = value
        return value

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """What `build` returns, computed on the first call for `key` in this assessment.

        Lets the rules of one assessment share work that depends only on the
        state and ``as_of`` (sorted series, indexes by date). Start `key` with
        the calling module's name so modules cannot collide. Every rule sees
        the same value, so treat it as read-only.
        """
        return _remembered(self._memo, key, build)

    def on_day(
        self, as_of: dt.date, *, phase: Phase, phase_started: dt.date, go_live: dt.date
    ) -> CheckContext:
        """A context for another day over the same state (no findings, a day's memo of its own).

        It shares what was built from the records alone: :meth:`memo_of_records`
        and :meth:`select`'s views, which read the state and never ``as_of``.
        """
        return CheckContext(
            state=self.state,
            as_of=as_of,
            phase=phase,
            phase_started=phase_started,
            go_live=go_live,
            _views=self._views,
            _records_memo=self._records_memo,
        )

    def memo_of_records(self, key: Hashable, build: Callable[[], T]) -> T:
        """Like :meth:`memo`, for work that reads the records alone, never ``as_of``.

        What falls due next assesses the days after ``as_of`` on the same
        records, so a value built here on one day (every reading of a KPI in
        date order, an index of the surveys) serves the others too. Anything
        that reads ``as_of``, the phase or the findings belongs in :meth:`memo`.
        """
        return _remembered(self._records_memo, key, build)

    def days_before(self, day: dt.date) -> int:
        """Days from `day` to ``as_of`` (negative when `day` lies after it)."""
        return (self.as_of - day).days


def _remembered(store: dict[Hashable, Any], key: Hashable, build: Callable[[], T]) -> T:
    """What `build` returns for `key`, built on the first call and kept in `store`."""
    try:
        return cast(T, store[key])
    except KeyError:
        value = store[key] = build()
        return value


_LIST_ADAPTERS: dict[type[BaseModel], TypeAdapter[list[Any]]] = {}


def _dump_models(models: list[Any]) -> list[Any] | None:
    """A list of records of one model class in a single serializer call, else None.

    The same as dumping each record with ``model_dump(mode="json")``, without
    a Python-level call per record.
    """
    cls = type(models[0])
    if not issubclass(cls, BaseModel) or any(type(m) is not cls for m in models):
        return None
    adapter = _LIST_ADAPTERS.get(cls)
    if adapter is None:
        adapter = _LIST_ADAPTERS[cls] = TypeAdapter(list[cls])  # type: ignore[valid-type]
    return cast(list[Any], adapter.dump_python(models, mode="json"))


def _jsonable(node: Any) -> Any:
    if isinstance(node, BaseModel):
        return node.model_dump(mode="json")
    if isinstance(node, list):
        if node:
            dumped = _dump_models(node)
            if dumped is not None:
                return dumped
        return [_jsonable(item) for item in node]
    if isinstance(node, dict):
        return {key: _jsonable(value) for key, value in node.items()}
    if isinstance(node, dt.date):
        return node.isoformat()
    if isinstance(node, Enum):
        return node.value
    return node
