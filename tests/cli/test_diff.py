"""``diff OLD NEW`` and ``assess --baseline``: progress between two quarters."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from foundation_engine.report.model import Report
from foundation_engine.testing.builder import StateBuilder

from .conftest import Result


def _quarter(as_of: str) -> StateBuilder:
    """What Acme and TalentCo recorded up to `as_of`: steady check-ins and monthly
    reviews but never a QBR in a year, a purpose section with no statement yet, one
    recognition in December."""
    return (
        StateBuilder(id="acme-talentco", name="Acme and TalentCo", start="2025-04-07", as_of=as_of)
        .weekly_touchpoints("2025-04-07", as_of)
        .weekly_touchpoints("2025-04-28", as_of, every_days=28, kind="monthly_review")
        .recorded("purpose")
        .recognition("2025-12-01", description="Thanks for filling the twelve analyst roles")
    )


def _quarter_fields() -> dict[str, str]:
    return {"start": "2025-04-07", "as_of": "2026-03-31"}


def march_state() -> dict[str, Any]:
    return _quarter("2026-03-31").to_dict()


def june_state() -> dict[str, Any]:
    """A quarter later: the purpose written and signed, recognition again, and one new
    problem, an action item left open well past its due date."""
    return (
        _quarter("2026-06-30")
        .purpose(documented="2026-04-02")
        .sign_off("client", "Dana Client", "2026-04-03")
        .sign_off("provider", "Pat Provider", "2026-04-06")
        .recognition("2026-06-12", description="Thanks for the onboarding guide written in May")
        .action_item("A2", "2026-05-04", "2026-05-18")
        .to_dict()
    )


@pytest.fixture
def states(workdir: Path) -> tuple[Path, Path]:
    march = workdir / "march.json"
    june = workdir / "june.toml"
    march.write_text(json.dumps(march_state()))
    june.write_text(tomli_w.dumps(june_state()))
    return march, june


def _diff(cli: Callable[..., Result], *argv: str) -> dict[str, Any]:
    result = cli("diff", *argv, "--format", "json")
    assert result.code == 0, result.err
    diff: dict[str, Any] = json.loads(result.out)
    return diff


def _by_kind(diff: dict[str, Any]) -> dict[str, set[str]]:
    return {
        kind: {c["rule_id"] for c in diff["findings"] if c["change"] == kind}
        for kind in ("new", "regressed", "resolved", "improved")
    }


def _wins(diff: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {(a["kind"], a["technique"] or a["rule_id"]) for a in diff["achievements"]}


def test_two_states_a_quarter_apart_show_the_wins_and_the_regressions(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    diff = _diff(cli, "march.json", "june.toml")
    assert (diff["old_as_of"], diff["new_as_of"]) == ("2026-03-31", "2026-06-30")
    assert _by_kind(diff) == {
        "new": {"URG005"},  # action items were not recorded in March
        "regressed": {"REC008"},  # the stretch without recognition grew longer
        "resolved": {"PUR001", "REC001"},
        "improved": set(),
    }
    assert _wins(diff) == {
        ("overall_improved", None),
        ("technique_improved", "purpose"),
        ("technique_improved", "recognition"),
        ("finding_resolved", "purpose"),  # PUR001 was high
        ("finding_resolved", "recognition"),  # REC001: four months of silence is high
    }
    assert diff["overall"]["delta"] > 40
    assert diff["has_regression"] is True
    assert diff["warnings"] == []


def test_text_diff_lists_the_changes_and_exit_code_follows_fail_on_regression(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    result = cli("diff", "march.json", "june.toml")
    assert result.code == 0, result.err
    assert result.out.startswith("Acme and TalentCo: 31 March 2026 -> 30 June 2026\n")
    assert "New (1):\n  URG005 " in result.out
    assert "Resolved (2):\n  PUR001 " in result.out
    assert "Wins worth recognising:" in result.out
    assert result.out.endswith("Regression: yes\n")
    assert result.err == ""

    failing = cli("diff", "march.json", "june.toml", "--fail-on-regression")
    assert failing.code == 1
    assert failing.out == result.out
    assert failing.err == "fail: 2 finding(s) new or regressed: URG005 (new), REC008 (regressed)\n"


def test_no_regression_exits_0_even_with_fail_on_regression(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    result = cli("diff", "june.toml", "june.toml", "--fail-on-regression")
    assert result.code == 0, result.err
    assert result.out.endswith("Regression: no\n")


def test_margin_decides_which_rises_are_wins(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    diff = _diff(cli, "march.json", "june.toml", "--margin", "60")
    assert diff["margin"] == 60
    wins = _wins(diff)
    # Purpose rose 100 points, recognition 50: only purpose clears 60.
    assert ("technique_improved", "purpose") in wins
    assert ("technique_improved", "recognition") not in wins
    bad = cli("diff", "march.json", "june.toml", "--margin", "lots")
    assert bad.code == 2
    assert "--margin: expected a number of points, got 'lots'" in bad.err


def test_reports_and_states_give_the_same_diff(
    cli: Callable[..., Result], states: tuple[Path, Path], workdir: Path
) -> None:
    assert cli("assess", "march.json", "-o", "march.report.json").code == 0
    assert cli("assess", "june.toml", "--format", "json", "-o", "june.report").code == 0
    from_states = cli("diff", "march.json", "june.toml", "--format", "json").out
    from_reports = cli("diff", "march.report.json", "june.report", "--format", "json").out
    mixed = cli("diff", "march.report.json", "june.toml", "--format", "json").out
    assert from_states == from_reports == mixed


@pytest.mark.parametrize(
    ("argv", "check"),
    [
        (["--format", "markdown"], lambda text: text.startswith("# Acme and TalentCo: progress")),
        (["--format", "html"], lambda text: text.startswith("<!DOCTYPE html>")),
        (["-o", "progress.html"], lambda text: text.startswith("<!DOCTYPE html>")),
        (["-o", "progress.md"], lambda text: "## Wins worth recognising" in text),
        (["-o", "progress.json"], lambda text: json.loads(text)["has_regression"] is True),
        (["-o", "progress.txt"], lambda text: text.endswith("Regression: yes\n")),
    ],
)
def test_formats_by_option_or_by_the_output_suffix(
    cli: Callable[..., Result],
    states: tuple[Path, Path],
    workdir: Path,
    argv: list[str],
    check: Callable[[str], bool],
) -> None:
    result = cli("diff", "march.json", "june.toml", *argv)
    assert result.code == 0, result.err
    if "-o" in argv:
        assert result.out == ""
        target = workdir / argv[argv.index("-o") + 1]
        text = target.read_text()
        assert sorted(p.name for p in workdir.iterdir()) == sorted(
            ["march.json", "june.toml", target.name]
        )  # no temporary file left
    else:
        text = result.out
    assert check(text), text[:200]


@pytest.mark.parametrize("name", ["progress.csv", "progress.pdf"])
def test_a_suffix_no_diff_format_claims_is_refused(
    cli: Callable[..., Result], states: tuple[Path, Path], workdir: Path, name: str
) -> None:
    result = cli("diff", "march.json", "june.toml", "-o", name)
    assert result.code == 2
    assert f"-o {name}: a diff cannot be written as '{Path(name).suffix}'" in result.err
    assert "--format {text,json,markdown,html}" in result.err
    assert not (workdir / name).exists()


def test_as_of_applies_to_the_states(cli: Callable[..., Result], states: tuple[Path, Path]) -> None:
    diff = _diff(cli, "march.json", "june.toml", "--as-of", "2026-07-31")
    assert diff["old_as_of"] == diff["new_as_of"] == "2026-07-31"


def test_as_of_with_two_reports_is_noted_as_unused(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    assert cli("assess", "march.json", "-o", "march.report.json").code == 0
    result = cli("diff", "march.report.json", "march.report.json", "--as-of", "2026-07-31")
    assert result.code == 0
    assert result.err == "note: --as-of applies to states only; both inputs are reports\n"


def test_reports_of_different_partnerships_are_diffed_with_a_warning(
    cli: Callable[..., Result], workdir: Path
) -> None:
    other = StateBuilder(id="beta-rpo", name="Beta", **_quarter_fields()).to_dict()
    (workdir / "beta.json").write_text(json.dumps(other))
    (workdir / "march.json").write_text(json.dumps(march_state()))
    result = cli("diff", "march.json", "beta.json")
    assert result.code == 0
    assert result.err == (
        "warning: the reports are of different partnerships ('acme-talentco' and "
        "'beta-rpo'); findings will not match\n"
    )
    assert "  ! the reports are of different partnerships" in result.out


def test_unreadable_json_exits_2_naming_the_file(
    cli: Callable[..., Result], states: tuple[Path, Path], workdir: Path
) -> None:
    (workdir / "broken.json").write_text('{"engine_version": "1.0",\n  "findings": [\n')
    result = cli("diff", "march.json", "broken.json")
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("error: broken.json:3: invalid JSON")
    assert "Traceback" not in result.err


def test_a_report_that_does_not_match_the_schema_names_the_path(
    cli: Callable[..., Result], states: tuple[Path, Path], workdir: Path
) -> None:
    assert cli("assess", "march.json", "-o", "march.report.json").code == 0
    document = json.loads((workdir / "march.report.json").read_text())
    document["findings"][0]["status"] = "sort of"
    (workdir / "odd.json").write_text(json.dumps(document))
    result = cli("diff", "odd.json", "june.toml")
    assert result.code == 2
    assert result.err.startswith("error: odd.json: $.findings[0].status: not a valid report: ")


def test_a_bad_state_and_a_missing_file_exit_2(
    cli: Callable[..., Result], states: tuple[Path, Path], workdir: Path
) -> None:
    bad = march_state()
    bad["communications"][0]["date"] = "31/03/2026"
    (workdir / "bad.json").write_text(json.dumps(bad))
    result = cli("diff", "bad.json", "june.toml")
    assert result.code == 2
    assert result.err == (
        "error: bad.json: $.communications[0].date: expected a date like 2026-03-31, "
        'got "31/03/2026"\n'
    )
    missing = cli("diff", "march.json", "nowhere.json")
    assert (missing.code, missing.err) == (2, "error: nowhere.json: no such file\n")
    twice = cli("diff", "-", "-")
    assert (twice.code, twice.err) == (2, "error: standard input (-) can be read only once\n")


def test_reads_one_side_from_stdin(
    cli_process: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    result = cli_process(
        "diff", "march.json", "-", "--format", "json", stdin=json.dumps(june_state()).encode()
    )
    assert result.code == 0, result.err
    assert json.loads(result.out)["counts"]["new"] == 1


# -- assess --baseline -------------------------------------------------------------


def _assess(cli: Callable[..., Result], *argv: str) -> Report:
    result = cli("assess", *argv, "--format", "json")
    assert result.code == 0, result.err
    return Report.model_validate_json(result.out)


def test_baseline_hides_the_findings_the_baseline_already_had(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    assert cli("assess", "march.json", "-o", "march.report.json").code == 0
    full = _assess(cli, "june.toml")
    since = _assess(cli, "june.toml", "--baseline", "march.report.json")
    assert {f.rule_id for f in full.failed()} == {"COM003", "REC008", "URG005"}
    # COM003 was already failing in March, unchanged: hidden. REC008 got worse: kept.
    assert {f.rule_id for f in since.findings} == {"REC008", "URG005"}
    assert (since.overall_score, since.rating, since.coverage, since.techniques) == (
        full.overall_score,
        full.rating,
        full.coverage,
        full.techniques,
    )
    assert since.warnings[-1].startswith(
        "baseline: showing only findings new or regressed since the baseline report as of "
        "2026-03-31"
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "csv"])
def test_baseline_works_with_every_format(
    cli: Callable[..., Result], states: tuple[Path, Path], fmt: str
) -> None:
    assert cli("assess", "march.json", "-o", "march.report.json").code == 0
    full = cli("assess", "june.toml", "--format", fmt)
    since = cli("assess", "june.toml", "--format", fmt, "--baseline", "march.report.json")
    assert full.code == since.code == 0
    assert "COM003" in full.out and "URG005" in full.out
    assert "COM003" not in since.out and "URG005" in since.out


def test_fail_on_counts_only_the_findings_left_after_the_baseline(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    assert cli("assess", "march.json", "-o", "march.report.json").code == 0
    # Without a baseline, COM003 (high) fails the build.
    full = cli("assess", "june.toml", "--fail-on", "high", "-o", "june.txt")
    assert full.code == 1
    assert "COM003 (high)" in full.err
    # With it, only the new and regressed findings count: URG005 and REC008 are low.
    since = cli(
        "assess",
        "june.toml",
        "--fail-on",
        "high",
        "--baseline",
        "march.report.json",
        "-o",
        "june.txt",
    )
    assert (since.code, since.err) == (0, "")
    low = cli(
        "assess",
        "june.toml",
        "--fail-on",
        "low",
        "--baseline",
        "march.report.json",
        "-o",
        "june.txt",
    )
    assert low.code == 1
    assert low.err == "fail: 2 finding(s) at or above --fail-on low: REC008 (low), URG005 (low)\n"


def test_fail_under_still_sees_the_full_score_with_a_baseline(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    assert cli("assess", "march.json", "-o", "march.report.json").code == 0
    score = _assess(cli, "june.toml").overall_score
    assert score is not None
    result = cli(
        "assess",
        "june.toml",
        "--baseline",
        "march.report.json",
        "--fail-under",
        str(int(score) + 1),
        "-o",
        "june.txt",
    )
    assert result.code == 1
    assert f"overall score {score:.1f} is below" in result.err


def test_baseline_must_be_a_report(cli: Callable[..., Result], states: tuple[Path, Path]) -> None:
    result = cli("assess", "june.toml", "--baseline", "march.json")
    assert result.code == 2
    assert result.err.startswith("error: march.json: $: expected a report")
    missing = cli("assess", "june.toml", "--baseline", "nowhere.json")
    assert (missing.code, missing.err) == (2, "error: nowhere.json: no such file\n")


def test_baseline_of_another_partnership_is_warned_about(
    cli: Callable[..., Result], states: tuple[Path, Path], workdir: Path
) -> None:
    other = StateBuilder(id="beta-rpo", name="Beta", **_quarter_fields()).to_dict()
    (workdir / "beta.json").write_text(json.dumps(other))
    assert cli("assess", "beta.json", "-o", "beta.report.json").code == 0
    result = cli("assess", "june.toml", "--baseline", "beta.report.json", "-o", "june.txt")
    assert result.code == 0
    assert result.err == (
        "warning: the baseline is a report of 'beta-rpo', not of 'acme-talentco'; "
        "every finding counts as new\n"
    )


# -- what got worse, and whether the two reports are comparable ------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_regressed_findings_show_the_values_that_got_worse(
    cli: Callable[..., Result], states: tuple[Path, Path], fmt: str
) -> None:
    result = cli("diff", "march.json", "june.toml", "--format", fmt)
    assert result.code == 0, result.err
    # REC008: the longest stretch without recognition grew from 154 to 193 days.
    assert "154 to 193 days" in result.out


def test_the_json_diff_carries_both_measured_values(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    diff = _diff(cli, "march.json", "june.toml")
    rec008 = next(c for c in diff["findings"] if c["rule_id"] == "REC008")
    assert (rec008["old_value"], rec008["new_value"], rec008["measured"]) == (
        154,
        193,
        "154 to 193 days",
    )
    # A passing rule whose message states no number shows no measured change.
    pur001 = next(c for c in diff["findings"] if c["rule_id"] == "PUR001")
    assert pur001["measured"] is None


def test_the_header_counts_match_the_lists(
    cli: Callable[..., Result], states: tuple[Path, Path]
) -> None:
    import re

    text = cli("diff", "march.json", "june.toml").out
    header = next(line for line in text.splitlines() if line.startswith("Findings: "))
    counted = dict(
        (label, int(n)) for n, label in re.findall(r"(\d+) ([a-z ]+?)(?:,|$)", header[10:])
    )
    listed = {
        title.lower(): int(n) for title, n in re.findall(r"^([A-Z][a-z ]+) \((\d+)\):$", text, re.M)
    }
    assert listed and all(counted[title] == n for title, n in listed.items()), (header, listed)
    assert counted["still open"] == 1


def test_reports_with_different_plugins_are_diffed_with_a_warning(
    cli: Callable[..., Result], states: tuple[Path, Path], workdir: Path
) -> None:
    assert cli("assess", "march.json", "-o", "march.report.json").code == 0
    assert cli("assess", "june.toml", "-o", "june.report.json").code == 0
    june = json.loads((workdir / "june.report.json").read_text())
    june["plugins"] = [*june["plugins"], "acme-sla"]
    june["plugin_versions"] = {"acme-sla": "1.2.0"}
    (workdir / "june.report.json").write_text(json.dumps(june))
    result = cli("diff", "march.report.json", "june.report.json")
    assert result.code == 0, result.err
    assert result.err == (
        "warning: the reports were assessed with different plugins (only the new report has "
        "acme-sla); some changes in scores and rating may come from the plugins, not the "
        "partnership\n"
    )


def test_reports_with_different_plugin_versions_are_diffed_with_a_warning(
    cli: Callable[..., Result], states: tuple[Path, Path], workdir: Path
) -> None:
    assert cli("assess", "march.json", "-o", "a.json").code == 0
    report = json.loads((workdir / "a.json").read_text())
    for name, version in (("a.json", "1.0.0"), ("b.json", "2.0.0")):
        changed = {**report, "plugins": ["acme-sla"], "plugin_versions": {"acme-sla": version}}
        (workdir / name).write_text(json.dumps(changed))
    result = cli("diff", "a.json", "b.json")
    assert "different plugin versions (acme-sla 1.0.0 and 2.0.0)" in result.err


def test_reports_with_different_engine_versions_or_configs_are_warned_about(
    cli: Callable[..., Result], states: tuple[Path, Path], workdir: Path
) -> None:
    assert cli("assess", "march.json", "-o", "a.json").code == 0
    report = json.loads((workdir / "a.json").read_text())
    changed = {**report, "engine_version": "9.9.9", "config_fingerprint": "0000000000000000"}
    (workdir / "b.json").write_text(json.dumps(changed))
    err = cli("diff", "a.json", "b.json").err
    assert "different engine versions" in err
    assert "different configurations" in err
