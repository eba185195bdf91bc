"""Date arithmetic the checks share: business days and gaps between dates."""

from __future__ import annotations

import datetime as dt

from foundation_engine.checks.dates import add_business_days, business_days_between, largest_gap


def test_business_days_skip_weekends() -> None:
    friday = dt.date(2026, 3, 6)
    assert business_days_between(friday, dt.date(2026, 3, 9)) == 1  # Monday
    assert business_days_between(friday, dt.date(2026, 3, 13)) == 5
    assert business_days_between(friday, friday) == 0
    assert add_business_days(friday, 5) == dt.date(2026, 3, 13)


def test_largest_gap_counts_the_edges() -> None:
    days = [dt.date(2026, 1, 10), dt.date(2026, 1, 20)]
    assert largest_gap(days) == (10, days[0], days[1])
    assert largest_gap(days, start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 20))[0] == 31
