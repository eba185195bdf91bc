"""Tests of the improvement rule set (``rules/improvement/``)."""
