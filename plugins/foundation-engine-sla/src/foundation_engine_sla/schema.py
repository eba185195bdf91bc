"""The SLA register: what the plugin reads from ``extensions.sla`` in a partnership state.

::

    "extensions": {"sla": {
      "definitions": [{"id": "SLA-TTF", "name": "Time to fill", "metric_id": "ttf",
                       "threshold": 45, "comparison": "at_most", "period": "monthly",
                       "credit_percent": 2}],
      "service_credits": [{"sla_id": "SLA-TTF", "period_end": "2026-03-31",
                           "percent": 2, "recorded": "2026-04-10"}],
      "incentives": [{"id": "bonus-ttf", "description": "Bonus when time to fill beats 35 days",
                      "metric_id": "ttf"}]
    }}

Lists follow the engine's convention: absent means "not recorded" (rules that
need it are not applicable), empty means "recorded, and there are none".
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

NAMESPACE = "sla"

Day = Annotated[
    dt.date,
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
Id = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:\-]*$")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Comparison(StrEnum):
    """Which side of the threshold meets the SLA."""

    AT_MOST = "at_most"
    AT_LEAST = "at_least"


class Period(StrEnum):
    """How often the SLA is measured; one metric observation per period."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"


PERIOD_DAYS = {Period.WEEKLY: 7, Period.MONTHLY: 31, Period.QUARTERLY: 92, Period.ANNUALLY: 366}
"""Longest length of each measurement period, in days."""


class SlaDefinition(_Record):
    """One contractual service level, measured on a metric of the partnership."""

    id: Id
    name: str = Field(min_length=1, max_length=500)
    metric_id: Id = Field(description="The metric (in /metrics) the SLA is measured on.")
    threshold: float
    comparison: Comparison = Field(description="at_most: lower is better; at_least: higher.")
    period: Period = Period.MONTHLY
    credit_percent: float = Field(
        0, ge=0, le=100, description="Service credit owed per missed period, % of fees."
    )
    effective_from: Day | None = Field(None, description="First period end the SLA applies to.")

    def met_by(self, value: float) -> bool:
        if self.comparison is Comparison.AT_MOST:
            return value <= self.threshold
        return value >= self.threshold


class ServiceCredit(_Record):
    """A service credit the provider granted the client for a missed period."""

    sla_id: Id
    period_end: Day
    percent: float | None = Field(None, ge=0, le=100)
    amount: float | None = Field(None, ge=0)
    recorded: Day | None = None


class Incentive(_Record):
    """A positive incentive: a bonus or gain-share for doing better than agreed."""

    id: Id
    description: str = Field(min_length=1, max_length=2000)
    metric_id: Id | None = None


class SlaRegister(_Record):
    """Everything under ``extensions.sla``."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="SLA register")

    definitions: list[SlaDefinition] = Field(default_factory=list)
    service_credits: list[ServiceCredit] | None = None
    incentives: list[Incentive] | None = None
