"""Helpers for testing rules and plugins."""
