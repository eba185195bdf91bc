"""What the tests of the recognition rule set share."""

from __future__ import annotations

MODULE = "foundation_engine.rules.recognition"
