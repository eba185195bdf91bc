"""Building or updating a state from the sources people have: the ``import`` command's work.

:func:`import_sources` starts from a state (a base file, the output file when
it already exists, or the ``[partnership]`` of the mapping), reads every
source, folds what they bring into the state (:mod:`.merging`), validates the
result and says what came in and what was skipped (:func:`summary`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, ReferenceProblem, ValidationProblem
from ..files.limits import Limits
from ..plugin.registry import Registry
from ..state.model import PartnershipState
from ..state.validation import validate_state
from ..state.vocabulary import Party
from .mapping import ImportMapping
from .merging import Merged, merge
from .sources import Imported


@dataclass(frozen=True)
class ImportRequest:
    """What to import, into what."""

    calendars: Sequence[str] = ()
    requisitions: Sequence[str] = ()
    metrics: Sequence[str] = ()
    surveys: Sequence[str] = ()
    pulse: Sequence[str] = ()
    """Pulse exports: answers of both sides to the foundation pulse statements."""
    ats: str | None = None
    base: str | None = None
    """A state to start from (any format a loader reads)."""
    output: str | None = None
    """The state file to update when it exists (and no base is given)."""
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass
class ImportOutcome:
    state: PartnershipState
    started_from: str
    merged: Merged
    imports: list[Imported] = field(default_factory=list)


class NothingToImportInto(InputError):
    """No base state, no existing output and no ``[partnership]`` in the mapping."""


def import_sources(
    request: ImportRequest, mapping: ImportMapping, registry: Registry, limits: Limits
) -> ImportOutcome:
    """Read every source of `request` into one state; raises InputError for bad input."""
    from ..core.loading import load_path
    from .calendar_events import Window, import_calendar
    from .requisitions import import_requisitions
    from .scorecard import import_scorecard
    from .surveys import import_surveys

    document, started_from = _starting_state(request, mapping, registry, limits, load_path)
    partnership = document["partnership"]
    imports: list[Imported] = []
    if request.calendars:
        since = request.since or dt.date.fromisoformat(partnership["start_date"])
        until = request.until or (
            dt.date.fromisoformat(partnership["as_of"]) if partnership.get("as_of") else None
        )
        if until is None:
            raise InputError(
                Problem(
                    "a calendar's recurring series need an end: pass --until DATE, or set the "
                    "partnership's as_of"
                )
            )
        for path in request.calendars:
            imports.append(import_calendar(path, mapping.calendar, Window(since, until), limits))
    for path in request.requisitions:
        imports.append(import_requisitions(path, mapping.requisitions, limits, request.ats))
    for path in request.metrics:
        known = list(document.get("metrics") or ())
        for earlier in imports:
            known += earlier.metrics
        imports.append(import_scorecard(path, mapping.metrics, known, limits))
    sides = {
        partnership["client"]["name"]: Party.CLIENT,
        partnership["provider"]["name"]: Party.PROVIDER,
    }
    for path in request.surveys:
        imports.append(import_surveys(path, mapping.surveys, sides, limits))
    if request.pulse:
        from .pulse import import_pulse

        own = {
            q["text"]: q["id"]
            for q in (document.get("pulse") or {}).get("questions") or ()
            if isinstance(q, dict) and "text" in q and "id" in q
        }
        for path in request.pulse:
            imports.append(import_pulse(path, mapping.pulse, sides, limits, own))
    merged = merge(document, imports)
    state = _validated(merged.document, started_from)
    return ImportOutcome(state, started_from, merged, imports)


def _starting_state(
    request: ImportRequest,
    mapping: ImportMapping,
    registry: Registry,
    limits: Limits,
    load_path: Any,
) -> tuple[dict[str, Any], str]:
    name = request.base
    if name is None and request.output not in (None, "-") and Path(str(request.output)).exists():
        name = request.output
    if name is not None:
        state: PartnershipState = load_path(name, registry, limits=limits)
        return state.model_dump(mode="json", exclude_none=True), name
    if mapping.partnership is not None:
        return mapping.partnership.document(), "the mapping's [partnership]"
    raise NothingToImportInto(
        Problem(
            "no state to import into: start from one with --base FILE, name an existing state "
            "with -o, or describe the partnership under [partnership] in the mapping"
        )
    )


def _validated(document: dict[str, Any], started_from: str) -> PartnershipState:
    try:
        return validate_state(document, "<imported>")
    except (ValidationProblem, ReferenceProblem) as exc:
        located = [_located(p, document) for p in exc.problems]
        raise type(exc)(located) from None


def _located(problem: Problem, document: dict[str, Any]) -> Problem:
    """A problem in the merged state moved to the source row or event of its record."""
    source = _source_at(document, problem.path or "$")
    if source is None:
        return Problem(problem.message, problem.path, problem.source)
    file = source.get("file") or problem.source
    if source.get("uid"):
        return Problem(f"event {source['uid']}: {problem.message}", problem.path, file)
    where = problem.path
    if source.get("sheet"):
        where = f"{source['sheet']} row {source.get('row')}: {problem.path}"
        return Problem(problem.message, where, file)
    return Problem(problem.message, problem.path, file, source.get("row"))


def _source_at(document: Any, path: str) -> dict[str, Any] | None:
    """The provenance of the deepest record on `path` that has one."""
    import re

    found: dict[str, Any] | None = None
    node = document
    for token in re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", path):
        key: str | int = token[0] if token[0] else int(token[1])
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("source"), dict):
            found = node["source"]
    return found


def summary(outcome: ImportOutcome, written_to: str | None) -> list[str]:
    """What came in from each source, every skip with its reason, and what changed."""
    lines: list[str] = []
    for imported in outcome.imports:
        name = Path(imported.source).name
        head = f"{name} ({imported.detail})" if imported.detail else name
        lines.append(f"{head}: {_brought(imported)}")
        for note in imported.notes:
            lines.append(f"  note: {note}")
        if imported.skipped:
            lines.append(f"  skipped {len(imported.skipped)}:")
            lines.extend(f"    {skip}" for skip in imported.skipped)
    target = written_to or "the state"
    changes = "; ".join(f"{kind} {tally}" for kind, tally in outcome.merged.tallies.items())
    lines.append(f"{target}: {changes or 'nothing new'} (started from {outcome.started_from})")
    return lines


def _brought(imported: Imported) -> str:
    if imported.what == "calendar":
        kinds: dict[str, int] = {}
        for record in imported.communications:
            kinds[record["kind"]] = kinds.get(record["kind"], 0) + 1
        by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda x: -x[1]))
        return f"{len(imported.communications)} touchpoints" + (f" ({by_kind})" if by_kind else "")
    if imported.what == "requisitions":
        return f"{len(imported.requisitions)} requisitions"
    if imported.what == "metrics":
        metrics = {metric_id for metric_id, _ in imported.observations}
        new = f", {len(imported.metrics)} of them new" if imported.metrics else ""
        return f"{len(imported.observations)} readings of {len(metrics)} metrics{new}"
    if imported.what == "surveys":
        return f"{len(imported.surveys)} survey results"
    if imported.what == "pulse":
        waves = len(imported.pulse_waves)
        return f"{waves} pulse wave{'s' if waves != 1 else ''}"
    return ""


def state_text(state: PartnershipState, output: str | None) -> str:
    """The state as the output's format wants it: TOML for ``.toml``, else indented JSON."""
    if output is not None and output.lower().endswith(".toml"):
        import tomli_w

        return tomli_w.dumps(state.model_dump(mode="python", exclude_none=True))
    import json

    return (
        json.dumps(state.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False)
        + "\n"
    )


__all__ = [
    "ImportOutcome",
    "ImportRequest",
    "import_sources",
    "state_text",
    "summary",
]
