"""Waivers: accountable, expiring suppressions of findings.

A waived finding stays in the report, marked, and drops out of the waived
score; the unwaived score beside it shows the cost. An expired waiver stops
applying and says so; a waiver that matched nothing is reported as unused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from foundation_engine.checks.outcome import Status
from foundation_engine.core.config import Waiver


@dataclass
class WaiverBook:
    waivers: Sequence[Waiver]
    partnership_id: str
    as_of: dt.date
    matched: dict[int, list[str]] = field(default_factory=dict)

    def applicable(self) -> list[tuple[int, Waiver]]:
        return [
            (i, w)
            for i, w in enumerate(self.waivers)
            if w.partnership is None or w.partnership == self.partnership_id
        ]

    def find(self, rule_id: str, status: Status) -> Waiver | None:
        """The active waiver covering a failed finding of `rule_id`, if any."""
        if status is not Status.FAILED:
            return None
        for index, waiver in self.applicable():
            if not rule_id.startswith(waiver.rule):
                continue
            self.matched.setdefault(index, []).append(rule_id)
            if waiver.expires >= self.as_of:
                return waiver
        return None

    def statuses(self) -> list[tuple[Waiver, str, list[str]]]:
        """Each waiver for this partnership with ``applied``, ``expired`` or ``unused``."""
        out = []
        for index, waiver in self.applicable():
            hits = self.matched.get(index, [])
            if waiver.expires < self.as_of:
                status = "expired"
            elif hits:
                status = "applied"
            else:
                status = "unused"
            out.append((waiver, status, hits))
        return out
