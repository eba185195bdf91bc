"""Tests of progress over time: history, what falls due next, as-of assessments."""
