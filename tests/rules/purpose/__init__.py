"""Tests of the purpose rule set (``rules/purpose/``)."""
