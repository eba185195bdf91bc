"""Assertions on reports: a finding's status, value and evidence, with readable failures."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from foundation_engine.checks.outcome import Status
from foundation_engine.report.model import Finding, Report

_UNSET: Any = object()


def find_finding(report: Report, rule_id: str) -> Finding:
    """The finding of `rule_id`; fails naming the rules that did run when there is none."""
    for finding in report.findings:
        if finding.rule_id == rule_id:
            return finding
    ran = ", ".join(f.rule_id for f in report.findings) or "none"
    raise AssertionError(f"rule {rule_id} produced no finding; rules that ran: {ran}")


def describe_finding(finding: Finding) -> str:
    """A finding on a few lines, for failure messages."""
    return (
        f"  status:   {finding.status.value}\n"
        f"  value:    {finding.value!r}\n"
        f"  evidence: {finding.evidence}\n"
        f"  message:  {finding.message}\n"
        f"  plugin:   {finding.plugin}"
    )


def assert_finding(
    report: Report,
    rule_id: str,
    status: Status | str | None = None,
    *,
    value: Any = _UNSET,
    evidence: Iterable[str] | None = None,
    evidence_includes: Iterable[str] | None = None,
    message_contains: str | None = None,
) -> Finding:
    """Assert what rule `rule_id` found, and return the finding for further checks.

    ``status``: the expected :class:`Status` (or its value, ``"failed"``).
    ``value``: the expected measured value (compared with ``==``).
    ``evidence``: the exact JSON Pointers, in any order.
    ``evidence_includes``: pointers that must be among the evidence.
    ``message_contains``: text the rendered message must contain.
    Every mismatch is reported at once, with the whole finding.
    """
    finding = find_finding(report, rule_id)
    wrong: list[str] = []
    if status is not None and finding.status != Status(status):
        wrong.append(f"status is {finding.status.value!r}, expected {Status(status).value!r}")
    if value is not _UNSET and finding.value != value:
        wrong.append(f"value is {finding.value!r}, expected {value!r}")
    if evidence is not None:
        expected = sorted(evidence)
        if sorted(finding.evidence) != expected:
            missing = sorted(set(expected) - set(finding.evidence))
            extra = sorted(set(finding.evidence) - set(expected))
            wrong.append(f"evidence differs: missing {missing}, unexpected {extra}")
    if evidence_includes is not None:
        missing = [p for p in evidence_includes if p not in finding.evidence]
        if missing:
            wrong.append(f"evidence lacks {missing}")
    if message_contains is not None and message_contains not in finding.message:
        wrong.append(f"message does not contain {message_contains!r}")
    if wrong:
        raise AssertionError(
            f"rule {rule_id}: " + "; ".join(wrong) + "\n" + describe_finding(finding)
        )
    return finding


def assert_no_errors(report: Report) -> None:
    """Assert that every rule ran: no finding has status ``error``."""
    errors = [f for f in report.findings if f.status is Status.ERROR]
    if errors:
        lines = "\n".join(f"  {f.rule_id} ({f.plugin}): {f.message}" for f in errors)
        raise AssertionError(f"{len(errors)} rule(s) could not run:\n{lines}")
