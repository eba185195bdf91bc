"""Write the input files docs/cli.md's examples use, under examples/cli/.

docs/cli.md walks through the commands from a folder where
``foundation-engine init --state`` has just written ``partnership.toml`` (the
starter partnership). Its other examples need files a reader does not have:
a state with a mistyped date, a portfolio with bad records, the same
partnership in March and in June, a truncated report, workbooks with a typo
and with a renamed sheet, and a calendar with a broken recurrence rule. This
script writes them all from the starter partnership, so they change with it;
``tests/cli/test_cli_docs.py`` copies them next to the walkthrough and runs
every command docs/cli.md shows.

The text files are deterministic (a test holds them to this script); the
workbooks are regenerated, not compared byte for byte (their archive carries
timestamps).
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import tomli_w

from foundation_engine.cli.starter import starter_document
from foundation_engine.importing.template import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
CLI_EXAMPLES = ROOT / "examples" / "cli"

TEXT_FILES = ("bad.json", "portfolio.jsonl", "march.toml", "june.toml", "broken.json", "team.ics")
WORKBOOKS = ("mistyped.xlsx", "renamed.xlsx")

#: The cell of the Communications sheet mistyped.xlsx holds "24/06" in.
MISTYPED_CELL = "A2"


def _starter() -> dict[str, Any]:
    return copy.deepcopy(starter_document())


def _with_date(document: dict[str, Any], date: str) -> dict[str, Any]:
    document["communications"][0]["date"] = date
    return document


def _as_of(document: dict[str, Any], as_of: str) -> dict[str, Any]:
    """The partnership as it was recorded on `as_of`: nothing dated later."""
    document["partnership"]["as_of"] = as_of

    def recorded(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: recorded(v) for k, v in value.items()}
        if isinstance(value, list):
            kept = [v for v in value if not _dated_after(v, as_of)]
            return [recorded(v) for v in kept]
        return value

    return {key: recorded(value) for key, value in document.items()}


def _dated_after(value: Any, as_of: str) -> bool:
    if not isinstance(value, dict):
        return False
    for key in ("date", "recorded", "opened", "raised", "start", "period_end"):
        when = value.get(key)
        if isinstance(when, str) and len(when) == 10 and when > as_of:
            return True
    return False


def _toml(document: dict[str, Any]) -> str:
    return tomli_w.dumps(document)


def text_files() -> dict[str, str]:
    """Every text input of the walkthrough: name -> content."""
    starter = _starter()
    beta = _with_date(_starter(), "31/03/2026")
    beta["partnership"]["id"] = "beta-rpo"
    beta["partnership"]["name"] = "Beta and TalentCo RPO"
    whole = json.dumps(_starter(), ensure_ascii=False)
    portfolio = [
        json.dumps(starter, ensure_ascii=False),
        json.dumps(beta, ensure_ascii=False),
        whole[: whole.index(', "partnership"')],  # a line cut short, as a failed export leaves it
    ]
    calendar = (ROOT / "examples" / "sources" / "calendar.ics").read_text(encoding="utf-8")
    broken_rule = "RRULE:FREQ=WEEKLY;BYDAY=TH\n"
    assert calendar.count(broken_rule) == 1, "the weekly Thursday check-in moved"
    return {
        "bad.json": json.dumps(_with_date(_starter(), "24/06/2026"), indent=2) + "\n",
        "portfolio.jsonl": "".join(line + "\n" for line in portfolio),
        "march.toml": _toml(_as_of(_starter(), "2026-03-31")),
        "june.toml": _toml(_starter()),
        "broken.json": '{\n  "engine_version": "0.1.0",\n  "partnership_id": ',
        "team.ics": calendar.replace(broken_rule, "RRULE:FREQ=WEEKLY;BYDAY=TX\n"),
    }


def workbooks() -> dict[str, bytes]:
    """The two workbooks with a mistake in them: name -> bytes."""
    import openpyxl

    out: dict[str, bytes] = {}
    for name in WORKBOOKS:
        book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(starter_document(), name)))
        if name == "mistyped.xlsx":
            book["Communications"][MISTYPED_CELL] = "24/06"
        else:
            book["Communications"].title = "Comms log"
        buffer = io.BytesIO()
        book.save(buffer)
        out[name] = buffer.getvalue()
    return out


def main() -> None:
    CLI_EXAMPLES.mkdir(parents=True, exist_ok=True)
    for name, text in text_files().items():
        (CLI_EXAMPLES / name).write_text(text, encoding="utf-8", newline="\n")
    for name, data in workbooks().items():
        (CLI_EXAMPLES / name).write_bytes(data)
    print(f"wrote {len(TEXT_FILES) + len(WORKBOOKS)} files to {CLI_EXAMPLES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
