"""Peer benchmarks in a report: where one partnership stands among a saved portfolio's.

This module holds the report section's contract and its wording; the
arithmetic (percentile ranks, suppressing small groups, reading a saved
portfolio summary) is in :mod:`foundation_engine.progress.benchmark`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Placement(_Out):
    """One score of the partnership placed among its peers' scores of the same kind."""

    technique: str | None = Field(description="The technique, or null for the overall score.")
    title: str
    score: float | None = Field(description="The partnership's score, 0 to 100.")
    percentile: int | None = Field(
        description="Percent of the peers with a lower score plus half of those with the "
        "same score (scores compared to one decimal), rounded to a whole number, halves up; "
        "null when not shown."
    )
    peers: int | None = Field(
        description="Partnerships in the group compared with; null when the group is withheld."
    )
    shown: bool = Field(description="False when the placement is withheld (see note).")
    note: str | None = Field(None, description="Why the placement is withheld.")


class Benchmark(_Out):
    """The partnership's percentile per technique and overall in a portfolio summary."""

    portfolio_records: int = Field(description="Records in the batch the summary came from.")
    min_group: int = Field(
        description="Smallest group shown: fewer partnerships with a score and the "
        "placement is withheld, so that no partnership can be identified."
    )
    overall: Placement
    techniques: list[Placement]


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``12th``, ``13th``, ``21st``..."""
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def placement_text(p: Placement) -> str:
    """``34th percentile of 212 partnerships``, or why it is not shown."""
    if not p.shown or p.percentile is None or p.peers is None:
        return p.note or "not shown"
    return f"{ordinal(p.percentile)} percentile of {p.peers:,} partnerships"


def benchmark_heading(b: Benchmark) -> str:
    return "Among peers"


def benchmark_note(b: Benchmark) -> str:
    return (
        "Percentile: the share of the portfolio's partnerships with a lower score, plus half "
        f"of those with the same score. Groups of fewer than {b.min_group} partnerships "
        "are not shown."
    )


def benchmark_rows(b: Benchmark) -> list[tuple[str, str]]:
    """(title, placement in words) for the overall score, then each technique."""
    return [(p.title, placement_text(p)) for p in (b.overall, *b.techniques)]
