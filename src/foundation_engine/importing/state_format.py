"""The state format reference, ``docs/state-format.md``, written from the model.

Every section and field of :class:`~foundation_engine.state.model.PartnershipState`
with its type, whether it is required, what leaving it out means, where it
lives in the partnership workbook, every allowed value with its meaning, and
a short example taken from an example state (the starter state of
``init --state``, which the generating script passes in).
``scripts/generate_state_docs.py`` writes the file and a test fails when it
drifts from the model.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import types
import typing
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from foundation_engine.state.labels import VALUES

from ..state import model as m
from .layout import sheets

INTRO = """\
# State format

A partnership state is everything recorded about one RPO partnership: a JSON or TOML
file, a partnership workbook (`.xlsx`, see `foundation-engine init --workbook`), or a
folder of CSV files, one per workbook sheet. This page lists every section and field.
It is generated from the model (`python scripts/generate_state_docs.py`); the same
descriptions are in the JSON Schema, `schemas/state.schema.json`, so editors that read
it show them while you type.

**Left out, or empty?** A list left out of a state means *not recorded*: rules that
need it say they have no data (*not applicable*) and the technique's coverage drops. An
empty list (`[]`, or a workbook sheet with its header and no rows) means *recorded,
and there were none*: rules judge that nothing happened. Leave out what you do not
track; write an empty list for what you track and did not happen.

**Dates** are written `2026-03-31`. **Ids** are letters, digits, `.`, `_`, `:` or `-`,
with no spaces. Unknown fields are errors, so a misspelt field is caught (with a
suggestion) rather than ignored.

**The smallest state** names the partnership and its start; every section below is
optional. This one validates as it stands (`foundation-engine validate minimal.toml`):

```toml
[partnership]
id = "acme-talentco"
name = "Acme and TalentCo"
start_date = 2026-01-05
as_of = 2026-06-30
client = { name = "Acme" }
provider = { name = "TalentCo" }

[[communications]]
date = 2026-06-24
kind = "weekly_checkin"
channel = "video"
parties = ["client", "provider"]
```

**Where a record came from.** Every record may carry a `source` (see
[source](#source)): the sheet and row of a workbook, the row of an export, the event of
a calendar. Imported and workbook records get one automatically; reports use it to name
evidence the way the records' keeper would.
"""

#: Sections in the order the page presents them, with the JSON path of their records.
_ORDER: tuple[tuple[str, str, type[BaseModel]], ...] = (
    ("the state", "", m.PartnershipState),
    ("partnership", "partnership", m.Partnership),
    ("partnership.client, partnership.provider", "partnership.client", m.PartySide),
    ("sponsors", "partnership.client.sponsors[]", m.Sponsor),
    ("contract_terms", "partnership.contract_terms", m.ContractTerms),
    ("purpose", "purpose", m.Purpose),
    ("goals", "purpose.goals[]", m.Goal),
    ("sign_offs", "purpose.sign_offs[]", m.SignOff),
    ("communications", "communications[]", m.Touchpoint),
    ("metrics", "metrics[]", m.Metric),
    ("benchmark", "metrics[].benchmark", m.Benchmark),
    ("observations", "metrics[].observations[]", m.Observation),
    ("recognitions", "recognitions[]", m.Recognition),
    ("milestones", "milestones[]", m.Milestone),
    ("improvement", "improvement", m.Improvement),
    ("issues", "improvement.issues[]", m.Issue),
    ("corrective_actions", "improvement.corrective_actions[]", m.CorrectiveAction),
    ("retrospectives", "improvement.retrospectives[]", m.Retrospective),
    ("escalations", "escalations[]", m.Escalation),
    ("action_items", "action_items[]", m.ActionItem),
    ("requisitions", "requisitions[]", m.Requisition),
    ("surveys", "surveys[]", m.Survey),
    ("agreed_actions", "agreed_actions[]", m.AgreedAction),
    ("pulse", "pulse", m.Pulse),
    ("questions", "pulse.questions[]", m.PulseQuestion),
    ("waves", "pulse.waves[]", m.PulseWave),
    ("responses", "pulse.waves[].responses[]", m.PulseResponse),
    ("source", "*.source", m.Provenance),
)


def _anchor(title: str) -> str:
    return "".join(c for c in title.lower().replace(" ", "-") if c.isalnum() or c in "-_")


def _unwrap(annotation: Any) -> tuple[Any, bool, bool]:
    """(inner type, is a list, may be null)."""
    nullable = False
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(annotation))
        annotation = args[0]
        origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
        origin = typing.get_origin(annotation)
    if origin is list:
        inner = typing.get_args(annotation)[0]
        if typing.get_origin(inner) is typing.Annotated:
            inner = typing.get_args(inner)[0]
        return inner, True, nullable
    return annotation, False, nullable


def _section_of(model: type[BaseModel]) -> str | None:
    for title, _, section_model in _ORDER:
        if section_model is model:
            return title
    return None


def _type(name: str, info: FieldInfo) -> str:
    inner, is_list, _ = _unwrap(info.annotation)
    metadata = " ".join(str(x) for x in info.metadata)
    if isinstance(inner, type) and issubclass(inner, StrEnum):
        text = f"[{inner.__name__}](#{inner.__name__.lower()})"
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        title = _section_of(inner) or inner.__name__
        text = f"[{inner.__name__}](#{_anchor(title)})"
    elif inner is dt.date:
        text = "date"
    elif inner is bool:
        text = "true or false"
    elif inner is float:
        text = "number"
    elif inner is int:
        text = "whole number"
    elif typing.get_origin(inner) is typing.Literal:
        text = " or ".join(f'`"{a}"`' for a in typing.get_args(inner))
    elif typing.get_origin(inner) is dict or inner is dict:
        text = "object"
    elif name == "id" or name.endswith("_id") or "pattern" in metadata:
        text = "id"
    else:
        text = "text"
    return f"list of {text}" if is_list else text


def _required(info: FieldInfo) -> str:
    if info.is_required():
        return "yes"
    default = info.get_default(call_default_factory=True)
    if default is None:
        return "no"
    if isinstance(default, StrEnum):
        default = default.value
    if isinstance(default, bool):
        default = "true" if default else "false"
    if default == []:
        return "no (default `[]`)"
    if default == {}:
        return "no (default `{}`)"
    return f"no (default `{default}`)"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _workbook_places() -> dict[tuple[type[BaseModel], str], str]:
    """For each model field, where the partnership workbook holds it."""
    places: dict[tuple[type[BaseModel], str], str] = {}
    models: dict[tuple[str, ...], type[BaseModel]] = {
        ("partnership",): m.Partnership,
        ("purpose",): m.Purpose,
        ("partnership", "contract_terms"): m.ContractTerms,
        ("partnership", "client"): m.PartySide,
        ("pulse",): m.Pulse,
    }
    for sheet in sheets():
        for column in sheet.columns:
            if sheet.single:
                owner = models.get(column.path[:-1])
                if owner is not None:
                    places[(owner, column.path[-1])] = f"{sheet.name}: {column.header}"
                continue
            if column.path[0] in ("side", "metric_id") and sheet.parent is not None:
                continue
            if column.path[0] == "wave" and sheet.parent == "wave":
                places[(m.PulseWave, column.path[-1])] = f"{sheet.name}: {column.header}"
                continue
            holder: type[BaseModel] = sheet.model if len(column.path) == 1 else m.Benchmark
            places.setdefault((holder, column.path[-1]), f"{sheet.name}: {column.header}")
    holders: dict[tuple[str, ...], tuple[type[BaseModel], str]] = {
        ("communications",): (m.PartnershipState, "communications"),
        ("metrics",): (m.PartnershipState, "metrics"),
        ("recognitions",): (m.PartnershipState, "recognitions"),
        ("milestones",): (m.PartnershipState, "milestones"),
        ("escalations",): (m.PartnershipState, "escalations"),
        ("action_items",): (m.PartnershipState, "action_items"),
        ("requisitions",): (m.PartnershipState, "requisitions"),
        ("surveys",): (m.PartnershipState, "surveys"),
        ("agreed_actions",): (m.PartnershipState, "agreed_actions"),
        ("purpose", "goals"): (m.Purpose, "goals"),
        ("purpose", "sign_offs"): (m.Purpose, "sign_offs"),
        ("improvement", "issues"): (m.Improvement, "issues"),
        ("improvement", "corrective_actions"): (m.Improvement, "corrective_actions"),
        ("improvement", "retrospectives"): (m.Improvement, "retrospectives"),
        ("pulse", "questions"): (m.Pulse, "questions"),
    }
    for sheet in sheets():
        if sheet.path in holders:
            places[holders[sheet.path]] = f"sheet {sheet.name}"
    places[(m.PartnershipState, "partnership")] = "sheet Partnership"
    places[(m.PartySide, "sponsors")] = "sheet Sponsors, one row per person (Side says whose)"
    places[(m.Metric, "observations")] = "sheet Observations, one row per reading (Metric id)"
    places[(m.Partnership, "contract_terms")] = "Partnership: Positive incentives, Penalties"
    places[(m.PartnershipState, "pulse")] = "sheets Pulse and Pulse questions"
    places[(m.Pulse, "waves")] = "sheet Pulse, one row per answer (Wave date says which wave)"
    places[(m.PulseWave, "responses")] = "sheet Pulse, one row per answer"
    return places


def _example(path: str, examples: Mapping[str, Any]) -> Any:
    node: Any = examples
    for part in path.replace("[]", ".[]").split("."):
        if not part:
            continue
        if part == "[]":
            if not isinstance(node, list) or not node:
                return None
            node = node[0]
            continue
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    if isinstance(node, dict):
        return {
            k: v
            for k, v in node.items()
            if not isinstance(v, dict | list)
            or not v
            or all(not isinstance(x, dict) for x in (v if isinstance(v, list) else [v]))
        }
    return node


def _sections(examples: Mapping[str, Any]) -> Iterator[str]:
    places = _workbook_places()
    for title, path, model in _ORDER:
        yield f"## {title}\n"
        doc = inspect.cleandoc(model.__doc__ or "")
        if doc:
            yield doc + "\n"
        if path:
            yield f"Where: `{path}`.\n"
        yield "| field | type | required | what it holds | workbook |"
        yield "|---|---|---|---|---|"
        for name, info in model.model_fields.items():
            place = places.get((model, name), "")
            if name == "source" and model is not m.Provenance:
                place = "set by the reader"
            yield (
                f"| `{name}` | {_type(name, info)} | {_required(info)} | "
                f"{_cell(info.description or '')} | {_cell(place)} |"
            )
        yield ""
        example = _example(path, examples) if path and model is not m.Provenance else None
        if model is m.Provenance:
            example = {"file": "partnership.xlsx", "sheet": "Communications", "row": 37}
        if example:
            yield "Example:\n"
            yield "```json"
            yield json.dumps(example, indent=2, ensure_ascii=False)
            yield "```\n"


def _vocabularies() -> Iterator[str]:
    yield "## Allowed values\n"
    yield (
        "Fields with a closed list of values accept exactly these (a workbook also accepts "
        "the label, in any case: `Weekly check-in` for `weekly_checkin`).\n"
    )
    for enum, values in VALUES.items():
        if enum.__name__ == "Phase":
            continue
        yield f"### {enum.__name__}\n"
        yield (enum.__doc__ or "").strip() + "\n"
        yield "| value | label | meaning |"
        yield "|---|---|---|"
        for value, (text, meaning) in values.items():
            yield f"| `{value}` | {_cell(text)} | {_cell(meaning)} |"
        yield ""


def state_format_markdown(examples: Mapping[str, Any]) -> str:
    """The whole of ``docs/state-format.md``, its examples taken from `examples` (a state)."""
    lines = [INTRO]
    lines.append("## Contents\n")
    for title, _, _ in _ORDER:
        lines.append(f"- [{title}](#{_anchor(title)})")
    lines.append("- [Allowed values](#allowed-values)\n")
    lines.extend(_sections(examples))
    lines.extend(_vocabularies())
    return "\n".join(lines).rstrip() + "\n"
