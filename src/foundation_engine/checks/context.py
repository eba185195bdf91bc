"""The assessment context handed to every check function."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..state.model import PartnershipState
from ..state.vocabulary import Phase


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
    _extra: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def start_date(self) -> dt.date:
        return self.state.partnership.start_date

    @property
    def days_since_start(self) -> int:
        return (self.as_of - self.start_date).days

    @cached_property
    def document(self) -> dict[str, Any]:
        """The state as a JSON-compatible dict (dates as ISO strings).

        Built on first use and shared by every generic check of the assessment.
        """
        return self.state.model_dump(mode="json", exclude_none=False)

    def days_before(self, day: dt.date) -> int:
        """Days from `day` to ``as_of`` (negative when `day` lies after it)."""
        return (self.as_of - day).days
