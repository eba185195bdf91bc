"""Tests of the built-in rule sets, one folder per rule set, one file per rule."""
