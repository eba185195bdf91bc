"""Tests of the state model and its validation."""
