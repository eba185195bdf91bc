"""The calibration corpus: every story and probe, in one registry.

``STORIES`` are realistic partnerships, each with the verdict an RPO
governance lead reading the domain reference would give; ``PROBES`` are the
healthy reference partnership with one small lapse each.
"""

from __future__ import annotations

from . import (
    communication,
    healthy,
    improvement,
    metrics,
    purpose,
    recognition,
    sparse,
    struggling,
    urgency,
)
from .model import Expectation, Probe, Story
from .probes import PROBES

STORIES: list[Story] = [
    *healthy.STORIES,
    *purpose.STORIES,
    *communication.STORIES,
    *metrics.STORIES,
    *recognition.STORIES,
    *improvement.STORIES,
    *urgency.STORIES,
    *sparse.STORIES,
    *struggling.STORIES,
]

__all__ = ["PROBES", "STORIES", "Expectation", "Probe", "Story"]
