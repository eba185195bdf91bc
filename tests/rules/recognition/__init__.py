"""Tests of the recognition rule set (``rules/recognition/``)."""
