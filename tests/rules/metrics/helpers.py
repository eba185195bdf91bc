"""What the tests of the metrics rule set share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from foundation_engine.testing.builder import StateBuilder

MODULE = "foundation_engine.rules.metrics"


def month_ends(count: int, last: str = "2025-12-31") -> list[dt.date]:
    """`count` consecutive month ends, oldest first, ending at `last`."""
    end = dt.date.fromisoformat(last)
    out = []
    year, month = end.year, end.month
    for _ in range(count):
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        out.append(nxt - dt.timedelta(days=1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def series(values: Sequence[float], last: str = "2025-12-31") -> list[tuple[dt.date, float]]:
    return list(zip(month_ends(len(values), last), values, strict=True))


def full_kpi(builder: StateBuilder, id: str, kind: str, **fields: Any) -> StateBuilder:
    """A fully defined primary KPI, monthly, with fields overridable."""
    defaults: dict[str, Any] = {
        "definition": f"{kind} as the partnership agreed to count it",
        "target": 40,
        "baseline": 55,
        "direction": "lower",
        "owner": "provider",
        "cadence": "monthly",
        "benchmark": (42, "SHRM"),
        "observations": series([45, 42, 39]),
    }
    defaults.update(fields)
    return builder.metric(id, kind.replace("_", " "), kind=kind, **defaults)


def healthy(builder: StateBuilder | None = None) -> StateBuilder:
    """Three balanced, fully defined, current KPIs with satisfaction rising."""
    b = builder or StateBuilder()
    full_kpi(b, "ttf", "time_to_fill")
    full_kpi(
        b,
        "fyt",
        "first_year_turnover",
        target=25,
        baseline=35,
        benchmark=(35, "PwC Saratoga 2022"),
        observations=series([30, 27, 24]),
    )
    full_kpi(
        b,
        "hms",
        "hiring_manager_satisfaction",
        target=4.0,
        baseline=3.5,
        direction="higher",
        owner="both",
        benchmark=(4.0, "Internal survey norm"),
        observations=series([3.9, 4.1, 4.3]),
    )
    return b
