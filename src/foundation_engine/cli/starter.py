"""``foundation-engine init``: a starter ``foundation.toml`` and, with ``--state``, a
starter partnership state to fill in; with ``--workbook FILE``, a partnership workbook
instead.

The config lists every setting and every rule option at its default, so each
threshold can be tuned in one place. The state shows one record of every kind,
with fixed example dates, and validates as it stands. Existing files are never
overwritten without ``--force``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from foundation_engine.cli.configuration import engine_from_args
from foundation_engine.cli.diagnostics import CommandError, ExitCode, print_note
from foundation_engine.cli.output import emit

STATE_FILENAME = "partnership.toml"

# One section per top-level key, each with a comment saying what to record there.
STARTER_STATE: tuple[tuple[str, str, Any], ...] = (
    (
        "schema_version",
        "A starter partnership state. Replace the examples with your own records;\n"
        'delete a section you do not track (rules that need it then say "no data"),\n'
        "or leave it empty (rules then judge that nothing happened).\n"
        "Check it with: foundation-engine validate partnership.toml",
        "1.0",
    ),
    (
        "partnership",
        "Who the parties are, their sponsors, and the dates that set the phase.",
        {
            "id": "acme-talentco",
            "name": "Acme and TalentCo RPO",
            "engagement_model": "end_to_end",
            "start_date": "2026-01-05",
            "go_live_date": "2026-03-02",
            "as_of": "2026-06-30",
            "contract_terms": {"positive_incentives": True, "penalties": True},
            "client": {
                "name": "Acme Ltd",
                "sponsors": [
                    {"name": "Dana Client", "role": "executive_sponsor", "start": "2026-01-05"},
                ],
            },
            "provider": {
                "name": "TalentCo",
                "sponsors": [
                    {"name": "Sam Provider", "role": "point_person", "start": "2026-01-05"},
                ],
            },
        },
    ),
    (
        "purpose",
        "Technique 1, shared purpose: why the partnership exists, agreed by both sides.",
        {
            "statement": "Hire great engineers quickly and make Acme's hiring process better.",
            "documented": "2026-01-20",
            "last_reviewed": "2026-06-01",
            "goals": [
                {
                    "id": "g-speed",
                    "description": "Fill engineering roles faster than before the partnership.",
                    "category": "hire_talent",
                    "target_date": "2026-12-31",
                    "metric_ids": ["ttf"],
                },
            ],
            "sign_offs": [
                {"party": "client", "name": "Dana Client", "date": "2026-01-22"},
                {"party": "provider", "name": "Sam Provider", "date": "2026-01-22"},
            ],
        },
    ),
    (
        "communications",
        "Technique 2, communicate constantly: every check-in, review and QBR.",
        [
            {
                "date": "2026-06-24",
                "kind": "weekly_checkin",
                "channel": "video",
                "parties": ["client", "provider"],
                "topics": ["pipeline", "time_to_fill", "joint_actions"],
            },
            {
                "date": "2026-06-10",
                "kind": "qbr",
                "channel": "in_person",
                "parties": ["client", "provider"],
                "topics": ["goals", "metrics", "wins"],
            },
        ],
    ),
    (
        "metrics",
        "Technique 3, selective metrics: a few KPIs, defined, with targets and benchmarks.",
        [
            {
                "id": "ttf",
                "name": "Time to fill",
                "kind": "time_to_fill",
                "unit": "days",
                "direction": "lower",
                "definition": "Days from requisition approval to offer accepted.",
                "target": 40.0,
                "baseline": 55.0,
                "benchmark": {"value": 42.0, "source": "SHRM Talent Acquisition Benchmarking"},
                "owner": "provider",
                "cadence": "monthly",
                "adopted": "2026-01-20",
                "observations": [
                    {"period_end": "2026-05-31", "value": 47.0},
                    {"period_end": "2026-06-30", "value": 44.0},
                ],
            },
        ],
    ),
    (
        "milestones",
        "Milestones the partnership planned and reached.",
        [
            {
                "id": "m-golive",
                "name": "Go-live",
                "planned": "2026-03-02",
                "achieved": "2026-03-02",
            },
        ],
    ),
    (
        "recognitions",
        "Technique 4, recognize achievements: who thanked whom, and for what.",
        [
            {
                "date": "2026-03-06",
                "from_party": "client",
                "to_party": "provider",
                "description": "Thanks for a go-live on the planned day.",
                "milestone_id": "m-golive",
            },
        ],
    ),
    (
        "improvement",
        "Technique 5, continual improvement: slip-ups, their causes and the fixes.",
        {
            "issues": [
                {
                    "id": "i-1",
                    "opened": "2026-04-07",
                    "description": "Two offers went out with the wrong salary band.",
                    "severity": "high",
                    "root_cause": "The salary bands in the offer template were out of date.",
                    "root_cause_category": "stale-template",
                    "root_cause_side": "shared",
                    "root_cause_date": "2026-04-09",
                    "closed": "2026-04-20",
                },
            ],
            "corrective_actions": [
                {
                    "id": "ca-1",
                    "description": "Load the bands from the HR system, not the template.",
                    "issue_id": "i-1",
                    "owner": "both",
                    "opened": "2026-04-09",
                    "due": "2026-04-30",
                    "completed": "2026-04-24",
                },
            ],
            "retrospectives": [
                {
                    "date": "2026-06-12",
                    "title": "Q2 retrospective",
                    "parties": ["client", "provider"],
                },
            ],
        },
    ),
    (
        "escalations",
        "Technique 6, patient urgency: executive escalations and threats (none yet).",
        [],
    ),
    (
        "action_items",
        "Technique 6, patient urgency: actions agreed in meetings, with owners and due dates.",
        [
            {
                "id": "a-1",
                "description": "Share the interview panel calendar for July.",
                "owner": "client",
                "raised": "2026-06-24",
                "due": "2026-06-29",
                "completed": "2026-06-26",
            },
        ],
    ),
    (
        "requisitions",
        "Open and filled requisitions.",
        [
            {
                "id": "r-100",
                "opened": "2026-05-04",
                "assigned": "2026-05-04",
                "intake": "2026-05-07",
                "filled": "2026-06-15",
            },
        ],
    ),
    (
        "surveys",
        "Pulse surveys: each side's average answer, on a 1 to 5 scale.",
        [
            {"date": "2026-06-15", "party": "client", "topic": "shared_goals", "score": 4.2},
            {"date": "2026-06-15", "party": "provider", "topic": "shared_goals", "score": 4.0},
        ],
    ),
    (
        "agreed_actions",
        "Actions agreed to fix findings of an earlier assessment, each naming the rule.",
        [
            {
                "id": "aa-1",
                "rule": "REC004",
                "description": "Celebrate the go-live milestone at the June monthly review.",
                "owner": "both",
                "agreed": "2026-05-29",
                "due": "2026-06-26",
                "status": "done",
                "completed": "2026-06-24",
            },
        ],
    ),
    (
        "pulse",
        "The foundation pulse: each person's anonymous answer (1 to 5) to the same\n"
        "statements, both sides, wave by wave (foundation-engine pulse questionnaire).\n"
        "A side's average is shown only when min_respondents of its people answered.",
        {
            "min_respondents": 3,
            "questions": [
                {
                    "id": "custom.tools",
                    "text": "The tools we share make hiring easier.",
                    "technique": "communication",
                }
            ],
            "waves": [
                {
                    "date": "2026-06-19",
                    "name": "2026 Q2 pulse",
                    "responses": [
                        {
                            "party": "client",
                            "role": "sponsor",
                            "question": "purpose.success",
                            "score": 4,
                            "comment": "Targets agreed at the spring QBR.",
                        },
                        {
                            "party": "client",
                            "role": "hiring_manager",
                            "question": "purpose.success",
                            "score": 3,
                        },
                        {
                            "party": "client",
                            "role": "hiring_manager",
                            "question": "purpose.success",
                            "score": 4,
                        },
                        {
                            "party": "provider",
                            "role": "account_lead",
                            "question": "purpose.success",
                            "score": 5,
                        },
                        {
                            "party": "provider",
                            "role": "recruiter",
                            "question": "purpose.success",
                            "score": 4,
                        },
                        {
                            "party": "provider",
                            "role": "recruiter",
                            "question": "purpose.success",
                            "score": 4,
                        },
                    ],
                }
            ],
        },
    ),
)


def starter_document() -> dict[str, Any]:
    """The starter partnership state as data: one example of every kind of record."""
    return {key: value for key, _, value in STARTER_STATE}


def starter_state() -> str:
    """The starter partnership state as commented TOML."""
    import datetime as dt

    import tomli_w

    def dated(value: Any) -> Any:
        # TOML has a date type: write dates as dates, not strings.
        if isinstance(value, dict):
            return {k: dated(v) for k, v in value.items()}
        if isinstance(value, list):
            return [dated(v) for v in value]
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value

    # Dumped as one document so TOML's rule (plain keys before tables) holds; each
    # section's comment then goes above the first line of that section.
    document = tomli_w.dumps({key: dated(value) for key, _, value in STARTER_STATE})
    lines = document.splitlines()
    for key, comment, _ in STARTER_STATE:
        starts = (f"{key} = ", f"[{key}]", f"[{key}.", f"[[{key}]]", f"[[{key}.")
        at = next(i for i, line in enumerate(lines) if line.startswith(starts))
        note = [f"# {line}" if line else "#" for line in comment.splitlines()]
        if at:
            note.insert(0, "")
        lines[at:at] = note
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def write_workbook(folder: Path, name: str, force: bool) -> int:
    """``init --workbook FILE``: the partnership workbook, with one worked example per sheet."""
    from ..importing.template import workbook_bytes

    target = folder / name
    if target.suffix.lower() != ".xlsx":
        raise CommandError(f"{target}: a workbook's name ends in .xlsx")
    if target.exists() and not force:
        raise CommandError(
            f"{target} already exists", hint="nothing was written; use --force to overwrite"
        )
    from ..files.atomic import write_atomically

    write_atomically(str(target), workbook_bytes(starter_document(), target.name))
    print_note(f"wrote {target}")
    return ExitCode.OK


def run(args: argparse.Namespace) -> int:
    from foundation_engine.core.config import CONFIG_FILENAME, starter_config

    folder = Path(args.dir)
    if not folder.is_dir():
        raise CommandError(f"{folder}: no such folder")
    if args.workbook is not None:
        return write_workbook(folder, args.workbook, args.force)
    targets = [folder / CONFIG_FILENAME]
    if args.state:
        targets.append(folder / STATE_FILENAME)
    # lexists: a dangling symbolic link is something there too, which --force replaces.
    existing = [t for t in targets if os.path.lexists(t)]
    if existing and not args.force:
        verb = "exists" if len(existing) == 1 else "exist"
        raise CommandError(
            f"{', '.join(str(t) for t in existing)} already {verb}",
            hint="nothing was written; use --force to overwrite",
        )
    # The rule options come from the plugins; a config found in a parent folder is not
    # read (it may be the very file being replaced), only one named with --config.
    if args.config is None:
        from foundation_engine.core.config import EngineConfig
        from foundation_engine.core.engine import Engine

        engine = Engine(EngineConfig())
    else:
        engine = engine_from_args(args)
    options = {r.definition.id: r.definition.option_defaults() for r in engine.registry.rules}
    emit(starter_config(options), str(targets[0]))
    print_note(f"wrote {targets[0]}")
    if args.state:
        emit(starter_state(), str(targets[1]))
        print_note(f"wrote {targets[1]}")
    return ExitCode.OK
