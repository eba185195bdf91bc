"""The foundation-engine benchmark: realistic generated states, timed end to end.

Run ``python -m bench`` from the repository root; ``docs/performance.md``
explains the figures and the targets.
"""
