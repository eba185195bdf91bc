"""Thin records: too little recorded to judge the partnership's foundation."""

from __future__ import annotations

from ._build import Cast, Doc, Partnership, Timeline, d
from .model import Story, expect

WILLOW = Cast(
    id="willowcreek-northstar",
    client="Willow Creek Foods",
    provider="NorthStar RPO",
    client_sponsor="Gareth Morgan",
    client_lead="Elif Yilmaz",
    provider_sponsor="Dana Kowalski",
    provider_lead="Sam Oduya",
    roles="production and food safety roles",
    statement=(
        "Staff Willow Creek's bakeries and packing lines with reliable production and food "
        "safety staff, and stop lines running short every peak season."
    ),
)


def sparse() -> Doc:
    timeline = Timeline(d("2025-10-06"), d("2025-12-08"), d("2026-06-05"), d("2028-10-05"))
    p = Partnership(WILLOW, timeline, 101)
    # The partnership's basics and its signed purpose: nothing else was ever recorded.
    documented = p.purpose_documented()
    p.b.purpose(WILLOW.statement, documented)
    p.b.sign_off("client", WILLOW.client_sponsor, d("2025-10-21"))
    p.b.sign_off("provider", WILLOW.provider_sponsor, d("2025-10-22"))
    return p.document()


ASPEN = Cast(
    id="aspendental-hireline",
    client="Aspen Dental Group",
    provider="HireLine",
    client_sponsor="Dr. Naomi Fletcher",
    client_lead="Kevin Brody",
    provider_sponsor="Lucia Ferreira",
    provider_lead="Tariq Hassan",
    roles="dental nurse, hygienist and practice manager roles",
    statement=(
        "Keep every Aspen practice fully staffed with dental nurses, hygienists and practice "
        "managers, and cut the weeks a chair stands empty."
    ),
)


def mostly_sparse() -> Doc:
    timeline = Timeline(d("2025-07-07"), d("2025-09-15"), d("2026-06-05"), d("2028-07-06"))
    p = Partnership(ASPEN, timeline, 103)
    p.sponsors()
    documented = p.purpose_documented()
    p.b.purpose(ASPEN.statement, documented)
    p.b.sign_off("client", ASPEN.client_sponsor, d("2025-07-21"))
    p.b.sign_off("provider", ASPEN.provider_sponsor, d("2025-07-22"))
    # Meetings are logged faithfully; nothing else is kept in the partnership record.
    return p.communications().document()


STORIES = [
    Story(
        id="sparse",
        title="Only the partnership's basics and a signed purpose on record",
        narrative=(
            "Willow Creek Foods and NorthStar RPO recorded who they are, when they started and "
            "went live, and the purpose both sponsors signed in October 2025. Eight months in, "
            "nothing else has been recorded: no meetings, KPIs, recognition, slip-ups or "
            "requisitions."
        ),
        build=sparse,
        expect=expect(
            {"insufficient_data"},
            why=(
                "A signed purpose says nothing about how the partnership runs; with five "
                "techniques unrecorded there is no foundation to rate."
            ),
        ),
    ),
    Story(
        id="mostly-sparse",
        title="Meetings and a signed purpose on record, nothing else",
        narrative=(
            "Aspen Dental Group and HireLine log every check-in, review and QBR, all held "
            "faithfully on video or in person, and both sponsors signed the purpose within "
            "three weeks of the start. Eleven months in, there is no scorecard, no "
            "recognition, no slip-up log and no requisition data in the partnership record."
        ),
        build=mostly_sparse,
        expect=expect(
            {"insufficient_data"},
            not_flagged={"communication"},
            why=(
                "Communication is visibly healthy, but with metrics, recognition, improvement "
                "and urgency unrecorded less than half of the foundation can be judged."
            ),
        ),
    ),
]
