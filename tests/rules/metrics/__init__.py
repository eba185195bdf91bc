"""Tests of the metrics rule set (``rules/metrics/``)."""
