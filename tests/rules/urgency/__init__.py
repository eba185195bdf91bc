"""Tests of the urgency rule set (``rules/urgency/``)."""
