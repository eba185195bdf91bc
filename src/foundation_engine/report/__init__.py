"""The report: its public JSON contract, what writers share to present it, and report diffs.

The contract's models are importable from here::

    from foundation_engine.report import Finding, Report
"""

from foundation_engine.report.model import (
    Finding,
    Report,
    Strength,
    TechniqueScore,
    WaiverInfo,
    WaiverReport,
)

__all__ = ["Finding", "Report", "Strength", "TechniqueScore", "WaiverInfo", "WaiverReport"]
