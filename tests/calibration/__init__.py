"""Calibration corpus: realistic partnerships with the verdict a governance lead would give."""
