"""Reports built by hand for rendering tests: every part of a report filled in.

The rule sets are still growing, so an engine run does not yet exercise every
section of a rendered report (several techniques, waivers, every severity).
These samples do, and tests can put hostile text into any field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from foundation_engine.checks.outcome import Status
from foundation_engine.report.model import (
    Finding,
    Report,
    Strength,
    TechniqueScore,
    WaiverInfo,
    WaiverReport,
)
from foundation_engine.rulebook.model import Severity
from foundation_engine.state.vocabulary import Owner, Phase

TECHNIQUES = (
    ("purpose", "Establish a shared purpose", 72.0),
    ("communication", "Communicate constantly", 41.5),
    ("metrics", "Pursue a few selective metrics", 88.0),
    ("recognition", "Recognize achievements", 35.0),
    ("improvement", "Focus on continual improvement", 64.0),
    ("urgency", "Practise patient urgency", 58.0),
)


def make_finding(
    rule_id: str,
    technique: str,
    status: Status = Status.FAILED,
    severity: Severity = Severity.MEDIUM,
    score: float | None = None,
    owner: Owner = Owner.BOTH,
    message: str | None = None,
    recommendation: str | None = None,
    evidence: list[str] | None = None,
    value: Any = None,
    partnership_id: str = "acme-talentco",
    **extra: Any,
) -> Finding:
    failed = status is Status.FAILED
    if score is None and status in (Status.PASSED, Status.FAILED):
        score = 0.0 if failed else 1.0
    return Finding(
        rule_id=rule_id,
        title=f"Rule {rule_id} condition",
        technique=technique,
        status=status,
        severity=severity,
        score=score,
        weight=3.0,
        value=value,
        message=message or f"{rule_id} {'fails' if failed else 'holds'} for this partnership.",
        evidence=evidence if evidence is not None else ["/communications/3"],
        recommendation=(recommendation or f"Act on {rule_id}.") if failed else None,
        owner=owner,
        plugin="tests",
        fingerprint=hashlib.sha256(f"{partnership_id}\x00{rule_id}".encode()).hexdigest()[:16],
        **extra,
    )


def sample_findings() -> list[Finding]:
    return [
        make_finding(
            "PUR001",
            "purpose",
            severity=Severity.CRITICAL,
            owner=Owner.BOTH,
            message="The purpose statement was signed off by the provider only.",
            recommendation="Ask the client sponsor to sign off the purpose statement.",
            evidence=["/purpose/sign_offs/0"],
            value=["provider"],
        ),
        make_finding("PUR002", "purpose", Status.PASSED, Severity.HIGH),
        make_finding(
            "COM001",
            "communication",
            severity=Severity.HIGH,
            score=0.2,
            value=42,
            message="The longest stretch without an operational touchpoint was 42 days.",
            recommendation="Put a standing weekly check-in in both calendars.",
            evidence=["/communications/7", "/communications/8"],
        ),
        make_finding(
            "COM002",
            "communication",
            severity=Severity.MEDIUM,
            owner=Owner.CLIENT,
            score=0.5,
            value=0.38,
            message="38% of live meetings were in person or on video.",
            recommendation="Move the monthly review to video.",
        ),
        make_finding(
            "COM003",
            "communication",
            Status.NOT_APPLICABLE,
            Severity.LOW,
            message="No hiring-manager feedback is recorded.",
        ),
        make_finding(
            "MET001",
            "metrics",
            Status.PASSED,
            Severity.HIGH,
            value=5,
            message="5 primary KPIs are tracked.",
        ),
        make_finding(
            "MET004",
            "metrics",
            severity=Severity.LOW,
            owner=Owner.PROVIDER,
            score=0.6,
            message="time_to_fill has no benchmark source.",
            recommendation="Record where the time_to_fill benchmark comes from.",
            evidence=["/metrics/0"],
        ),
        make_finding(
            "REC001",
            "recognition",
            severity=Severity.HIGH,
            owner=Owner.CLIENT,
            value=61,
            message="61 days passed without any recognition.",
            recommendation="Name one specific win at the next weekly check-in.",
            evidence=["/recognitions/2"],
        ),
        make_finding(
            "REC003",
            "recognition",
            severity=Severity.MEDIUM,
            owner=Owner.BOTH,
            waived=True,
            waiver=WaiverInfo(
                rule="REC003",
                reason="New QBR format agreed from Q3",
                owner="J. Ortiz (client TA lead)",
                expires=dt.date(2026, 3, 31),
            ),
        ),
        make_finding(
            "IMP002",
            "improvement",
            severity=Severity.INFO,
            owner=Owner.PROVIDER,
            score=0.8,
            message="One corrective action closed 6 days late.",
            recommendation="Review due dates at the monthly review.",
            evidence=["/improvement/corrective_actions/1"],
        ),
        make_finding("IMP001", "improvement", Status.PASSED, Severity.HIGH),
        make_finding(
            "URG003",
            "urgency",
            Status.ERROR,
            Severity.MEDIUM,
            message="Rule URG003 could not run: check raised ValueError.",
        ),
        make_finding(
            "URG001",
            "urgency",
            severity=Severity.CRITICAL,
            owner=Owner.CLIENT,
            score=0.1,
            message="The client threatened termination on day 41.",
            recommendation="Hold a reset session on ramp-up expectations.",
            evidence=["/escalations/0"],
        ),
    ]


def sample_report(**overrides: Any) -> Report:
    """A struggling partnership in steady state, with every report section in use."""
    findings = overrides.pop("findings", None) or sample_findings()
    techniques = []
    for technique, title, score in overrides.pop("technique_scores", TECHNIQUES):
        group = [f for f in findings if f.technique == technique]
        techniques.append(
            TechniqueScore(
                technique=technique,
                title=title,
                score=score,
                unwaived_score=score,
                coverage=0.9 if technique != "communication" else 0.75,
                weight=1.0,
                rules_run=len(group),
                passed=sum(f.status is Status.PASSED for f in group),
                failed=sum(f.status is Status.FAILED for f in group),
                not_applicable=sum(f.status is Status.NOT_APPLICABLE for f in group),
                errors=sum(f.status is Status.ERROR for f in group),
            )
        )
    fields: dict[str, Any] = {
        "engine_version": "0.1.0",
        "partnership_id": "acme-talentco",
        "partnership_name": "Acme Corp & TalentCo RPO",
        "as_of": dt.date(2026, 1, 5),
        "phase": Phase.STEADY_STATE,
        "days_since_start": 364,
        "overall_score": 59.75,
        "unwaived_overall_score": 57.1,
        "rating": "fragile",
        "coverage": 0.86,
        "techniques": techniques,
        "findings": findings,
        "strengths": [
            Strength(
                rule_id="PUR002",
                technique="purpose",
                message="Both sponsors are named and in post.",
                evidence=["/partnership/client/sponsors/0"],
            ),
            Strength(
                rule_id="MET001",
                technique="metrics",
                message="A focused set of 5 KPIs, each with a target.",
                evidence=["/metrics/0"],
            ),
            Strength(
                rule_id="IMP001",
                technique="improvement",
                message="Every slip-up had a root cause within 5 business days.",
            ),
        ],
        "waivers": [
            WaiverReport(
                rule="REC003",
                owner="J. Ortiz (client TA lead)",
                reason="New QBR format agreed from Q3",
                expires=dt.date(2026, 3, 31),
                status="applied",
                findings=["REC003"],
            ),
        ],
        "warnings": ["waiver for MET9 (owner ops) matched nothing"],
        "plugins": ["tests"],
        "config_fingerprint": "0123456789abcdef",
    }
    fields.update(overrides)
    return Report(**fields)
