"""Evidence named as a person would name it, with where the record came from."""

from __future__ import annotations

import json
from enum import StrEnum

import pytest

from foundation_engine.cli.starter import starter_document
from foundation_engine.core.engine import Engine
from foundation_engine.core.loading import load_bytes
from foundation_engine.importing.layout import sheets
from foundation_engine.importing.template import workbook_bytes
from foundation_engine.state import vocabulary
from foundation_engine.state.evidence import describe_evidence
from foundation_engine.state.labels import VALUES, label, meaning
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.validation import validate_state

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def from_json() -> PartnershipState:
    return validate_state(json.loads((EXAMPLES / "struggling-partnership.json").read_text()))


@pytest.fixture(scope="module")
def from_workbook(engine: Engine) -> PartnershipState:
    return load_bytes(workbook_bytes(starter_document()), "partnership.xlsx", engine.registry)


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/communications/36", "weekly check-in, 2026-07-20"),
        ("/metrics/0", "KPI Time to fill"),
        ("/metrics/0/observations/5", "Time to fill, October 2025 reading"),
        ("/metrics/0/benchmark", "benchmark of Time to fill"),
        ("/metrics/0/target", "KPI Time to fill: target"),
        ("/recognitions/1", "recognition from the provider to the client, 2025-12-18"),
        ("/improvement/issues/0", "issue I1, opened 2025-06-09"),
        ("/improvement/issues/0/root_cause", "issue I1, opened 2025-06-09: root cause"),
        (
            "/escalations/0",
            "executive escalation by the client with a termination threat, 2025-04-14",
        ),
        ("/action_items/0", "action item A1, due 2025-07-01"),
        ("/requisitions/3", "requisition R4, opened 2026-03-26"),
        ("/surveys/0", "client survey on shared goals, 2025-09-15"),
        ("/partnership/client/sponsors/0", "client executive sponsor Grace Holm"),
        ("/partnership/client", "the client (Harbor Logistics)"),
        ("/purpose/sign_offs/0", "sign-off by the provider (Marco Silva), 2025-03-20"),
        ("/purpose/last_reviewed", "the purpose: last reviewed"),
        ("/communications", "the communications"),
        ("/improvement/corrective_actions", "the corrective actions"),
        ("", "the partnership state"),
        ("/communications/9999", "/communications/9999"),
        ("/extensions/sla/credits/0", "/extensions/sla/credits/0"),
        ("not a pointer", "not a pointer"),
    ],
)
def test_pointers_become_names(from_json: PartnershipState, pointer: str, expected: str) -> None:
    assert describe_evidence(from_json, pointer) == expected


def test_records_read_from_a_workbook_name_their_sheet_and_row(
    from_workbook: PartnershipState,
) -> None:
    assert describe_evidence(from_workbook, "/communications/0") == (
        "weekly check-in, 2026-06-24 (Communications row 2)"
    )
    assert describe_evidence(from_workbook, "/metrics/0/observations/1") == (
        "Time to fill, June 2026 reading (Observations row 3)"
    )
    assert describe_evidence(from_workbook, "/improvement/issues/0/closed") == (
        "issue i-1, opened 2026-04-07 (Issues row 2): closed"
    )


def test_every_sheet_of_the_workbook_gives_its_records_a_readable_name(
    from_workbook: PartnershipState,
) -> None:
    pointers = {
        "Partnership": "/partnership",
        "Sponsors": "/partnership/client/sponsors/0",
        "Observations": "/metrics/0/observations/0",
    }
    for sheet in sheets():
        pointer = pointers.get(sheet.name) or "/" + "/".join(sheet.path) + "/0"
        if sheet.name == "Escalations":
            continue  # the starter state records that there were none
        described = describe_evidence(from_workbook, pointer)
        assert described != pointer, sheet.name
        # A pulse wave is the rows of its answers; no single answer is named.
        ending = "(Pulse, 6 rows from row 2)" if sheet.name == "Pulse" else f"({sheet.name} row 2)"
        assert described.endswith(ending), (sheet.name, described)


def test_imported_records_name_their_calendar_event_or_file_row() -> None:
    document = {
        "partnership": {
            "id": "p",
            "name": "P",
            "client": {"name": "C"},
            "provider": {"name": "V"},
            "start_date": "2026-01-05",
        },
        "communications": [
            {
                "date": "2026-02-04",
                "kind": "weekly_checkin",
                "channel": "video",
                "source": {
                    "file": "calendar.ics",
                    "uid": "weekly@tb",
                    "instance": "2026-02-03T10:00:00+00:00",
                },
            }
        ],
        "surveys": [
            {
                "date": "2026-06-15",
                "party": "client",
                "topic": "trust",
                "score": 4,
                "source": {"file": "pulse.csv", "row": 3, "rows": 4},
            }
        ],
        "requisitions": [
            {"id": "R-1", "opened": "2026-01-05", "source": {"file": "reqs.csv", "row": 2}}
        ],
    }
    state = validate_state(document)
    assert describe_evidence(state, "/communications/0") == (
        "weekly check-in, 2026-02-04 (calendar.ics, event weekly@tb, moved from 2026-02-03)"
    )
    assert describe_evidence(state, "/surveys/0") == (
        "client survey on trust, 2026-06-15 (pulse.csv, 4 rows from row 3)"
    )
    assert describe_evidence(state, "/requisitions/0") == (
        "requisition R-1, opened 2026-01-05 (reqs.csv row 2)"
    )


def vocabularies() -> list[type[StrEnum]]:
    return [
        value
        for value in vars(vocabulary).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    ]


@pytest.mark.parametrize("enum", vocabularies(), ids=lambda e: e.__name__)
def test_every_vocabulary_value_has_a_label_and_a_meaning(enum: type[StrEnum]) -> None:
    assert set(VALUES.get(enum, {})) == {member.value for member in enum}
    for member in enum:
        assert label(member) and meaning(member).endswith((".", '"'))
