"""Tests of rule files: their model, loading, message templates and docs."""
