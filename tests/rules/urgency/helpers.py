"""What the tests of the urgency rule set share."""

from __future__ import annotations

from typing import Any

from foundation_engine.testing.builder import StateBuilder

# The two kinds of "no verdict", told apart the same way in both rule sets' tests.
from tests.rules.improvement.helpers import missing_data as missing_data
from tests.rules.improvement.helpers import nothing_to_judge as nothing_to_judge

MODULE = "foundation_engine.rules.urgency"


START = "2025-01-06"  # a Monday; with default phases, steady state begins 2025-06-29


AS_OF = "2026-01-05"


def base(as_of: str = AS_OF, start: str = START) -> StateBuilder:
    return StateBuilder(start=start, as_of=as_of)


def _ttf(builder: StateBuilder, values: list[float], **fields: Any) -> StateBuilder:
    months = ["2025-05-31", "2025-06-30", "2025-07-31", "2025-08-31", "2025-09-30"]
    return builder.metric(
        "ttf", kind="time_to_fill", observations=list(zip(months, values, strict=False)), **fields
    )


def _items(
    builder: StateBuilder, on_time: int, late: int, open_overdue: int, owner: str = "both"
) -> StateBuilder:
    """Items named A-1, A-2... after those already in `builder`, all owned by `owner`."""
    n = len(builder.to_dict().get("action_items", []))
    for _ in range(on_time):
        n += 1
        builder.action_item(
            f"A-{n}", "2025-10-01", due="2025-10-15", completed="2025-10-14", owner=owner
        )
    for _ in range(late):
        n += 1
        builder.action_item(
            f"A-{n}", "2025-10-01", due="2025-10-15", completed="2025-10-20", owner=owner
        )
    for _ in range(open_overdue):
        n += 1
        builder.action_item(f"A-{n}", "2025-10-01", due="2025-11-15", owner=owner)
    return builder
