"""The partnership's phase (implementation, ramp-up, steady state), derived from its dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from foundation_engine.core.config import PhaseBoundaries
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.vocabulary import Phase


@dataclass(frozen=True)
class PhaseInfo:
    phase: Phase
    started: dt.date
    go_live: dt.date
    """The given go-live date, or start + ``implementation_days`` when none is given."""


def derive_phase(state: PartnershipState, as_of: dt.date, boundaries: PhaseBoundaries) -> PhaseInfo:
    """Implementation until go-live; ramp-up until ``steady_state_days`` after go-live.

    Without a go-live date, implementation is taken to last
    ``implementation_days`` from the start date. A go-live date in the future
    means the partnership is still in implementation.
    """
    start = state.partnership.start_date
    go_live = state.partnership.go_live_date or start + dt.timedelta(
        days=boundaries.implementation_days
    )
    steady = go_live + dt.timedelta(days=boundaries.ramp_up_days)
    if as_of < go_live:
        return PhaseInfo(Phase.IMPLEMENTATION, start, go_live)
    if as_of < steady:
        return PhaseInfo(Phase.RAMP_UP, go_live, go_live)
    return PhaseInfo(Phase.STEADY_STATE, steady, go_live)
