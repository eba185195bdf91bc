"""Peer benchmarks: percentiles that match a hand computation, small groups withheld."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foundation_engine import Engine, EngineConfig
from foundation_engine.batch.summary import PortfolioSummary, RecordFacts
from foundation_engine.errors import InputError
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.progress.benchmark import (
    DEFAULT_MIN_GROUP,
    PeerGroup,
    peers_from_summary,
    percentile_rank,
    place,
)
from foundation_engine.report.benchmark import ordinal
from foundation_engine.testing.builder import StateBuilder
from foundation_engine.writers.html_report import write_html
from foundation_engine.writers.markdown_report import write_markdown
from foundation_engine.writers.text_report import render_text

#: A portfolio of five: overall scores, and communication scores (one without data).
PORTFOLIO = [
    ("a", 40.0, 30.0),
    ("b", 50.0, 55.5),
    ("c", 50.0, None),
    ("d", 60.0, 55.5),
    ("e", 70.0, 80.0),
]


def _summary(min_group: int = DEFAULT_MIN_GROUP) -> PortfolioSummary:
    summary = PortfolioSummary(min_group=min_group)
    for pid, overall, communication in PORTFOLIO:
        summary.add(
            RecordFacts(
                ok=True,
                overall=overall,
                rating="developing",
                techniques=(("communication", communication),),
                partnership_id=pid,
            )
        )
    summary.add(RecordFacts(ok=False, error_kind="parse", partnership_id=None))
    return summary


def test_percentile_is_lower_peers_plus_half_the_ties_over_all_peers() -> None:
    # 100 * (below + equal / 2) / total, rounded to a whole number, halves up
    assert percentile_rank(0, 1, 5) == 10
    assert percentile_rank(1, 2, 5) == 40
    assert percentile_rank(3, 1, 5) == 70
    assert percentile_rank(0, 1, 4) == 13  # 12.5 rounds up
    assert percentile_rank(1, 1, 8) == 19  # 18.75
    assert percentile_rank(0, 0, 3) == 0
    assert percentile_rank(3, 0, 3) == 100
    with pytest.raises(ValueError, match="at least one peer"):
        percentile_rank(0, 0, 0)


def test_scores_are_compared_to_one_decimal() -> None:
    group = PeerGroup.of([50.0, 50.04, 49.96, 60.0])
    assert group.histogram() == [[50.0, 3], [60.0, 1]]
    assert group.percentile(50.0) == 38  # (0 + 3/2) / 4 = 37.5, halves up


def test_batch_summary_percentiles_match_a_hand_computation() -> None:
    document = _summary().to_dict()
    rows = {row["seq"]: row for row in document["percentiles"]}
    # overall: 40, 50, 50, 60, 70 (five peers)
    assert [rows[i]["overall"] for i in range(5)] == [10, 40, 40, 70, 90]
    # communication: 30, 55.5, 55.5, 80 - only four have data, fewer than five: withheld
    assert [rows[i]["techniques"]["communication"] for i in range(5)] == [None] * 5
    assert rows[5] == {
        "seq": 5,
        "partnership_id": None,
        "ok": False,
        "overall": None,
        "techniques": {"communication": None},
    }
    benchmark = document["benchmark"]
    assert benchmark["min_group"] == 5
    assert benchmark["overall"] == {
        "partnerships": 5,
        "shown": True,
        "scores": [[40.0, 1], [50.0, 2], [60.0, 1], [70.0, 1]],
    }
    # a withheld group keeps no scores, so none can be read back
    assert benchmark["techniques"]["communication"] == {"partnerships": 4, "shown": False}


def test_a_lower_minimum_shows_the_small_group() -> None:
    rows = _summary(min_group=4).to_dict()["percentiles"]
    # communication: 30, 55.5, 55.5, 80; "c" has no score and no percentile
    assert [r["techniques"]["communication"] for r in rows[:5]] == [13, 50, None, 50, 88]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)


def test_placing_one_partnership_against_a_saved_summary(engine: Engine) -> None:
    state = StateBuilder(start="2026-01-05", as_of="2026-06-30")
    report = engine.assess(state.weekly_touchpoints("2026-01-05", "2026-04-01").to_dict())
    overall = report.overall_score
    assert overall is not None
    scores = [overall - 10, overall - 5, overall, overall + 5, overall + 7, overall + 9]
    document = {
        "records": 6,
        "benchmark": {
            "min_group": 5,
            "overall": {"partnerships": 6, "shown": True, "scores": [[s, 1] for s in scores]},
            "techniques": {},
        },
    }
    benchmark = place(report, peers_from_summary(document, "summary.json"))
    # two lower, one tied, of six: 100 * 2.5 / 6 = 41.67
    assert benchmark.overall.percentile == 42
    assert benchmark.overall.peers == 6
    assert all(not t.shown for t in benchmark.techniques)  # no technique groups saved
    stricter = place(report, peers_from_summary(document, "summary.json"), min_group=7)
    assert stricter.overall.percentile is None
    assert stricter.overall.note == "not shown: fewer than 7 partnerships to compare with"

    placed = report.model_copy(update={"benchmark": benchmark})
    text = render_text(placed)
    assert "Among peers" in text
    assert "Overall:" in text and "42nd percentile of 6 partnerships" in text
    assert "| Overall | 42nd percentile of 6 partnerships |" in write_markdown(placed)
    html = write_html(placed)
    assert '<section id="benchmark"' in html
    assert "<td>42nd percentile of 6 partnerships</td>" in html
    assert write_html(placed) == html  # deterministic


@pytest.mark.parametrize(
    ("document", "path", "message"),
    [
        ([], "$", "not a portfolio summary"),
        ({"records": 3}, "$", "no benchmark"),
        (
            {"records": 3, "benchmark": {"min_group": 0, "overall": {}, "techniques": {}}},
            "$.benchmark.min_group",
            "greater than or equal to 1",
        ),
        (
            {
                "records": 3,
                "benchmark": {
                    "min_group": 1,
                    "overall": {"partnerships": 3, "shown": True, "scores": [[50, 2]]},
                    "techniques": {},
                },
            },
            "$.benchmark.overall.scores",
            "count 2 partnerships but partnerships says 3",
        ),
        (
            {
                "records": 3,
                "benchmark": {
                    "min_group": 1,
                    "overall": {"partnerships": 1, "shown": True, "scores": [[float("nan"), 1]]},
                    "techniques": {},
                },
            },
            "$.benchmark.overall.scores[0][0]",
            "finite number",
        ),
        (
            {
                "records": 3,
                "benchmark": {
                    "min_group": 1,
                    "overall": {"partnerships": 1, "shown": True, "scores": [[100.5, 1]]},
                    "techniques": {},
                },
            },
            "$.benchmark.overall.scores[0][0]",
            "less than or equal to 100",
        ),
        (
            {
                "records": 3,
                "benchmark": {
                    "min_group": 1,
                    "overall": {"partnerships": 1, "shown": True, "scores": [[50, 10**15]]},
                    "techniques": {},
                },
            },
            "$.benchmark.overall.scores",
            "count 1000000000000000 partnerships but partnerships says 1",
        ),
    ],
)
def test_a_wrong_summary_says_where_and_what_was_expected(
    document: object, path: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        peers_from_summary(document, "summary.json")
    first = caught.value.problems[0]
    assert first.source == "summary.json"
    assert first.path == path
    assert message in first.message


def test_ordinals() -> None:
    assert [ordinal(n) for n in (0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 100)] == [
        "0th",
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "100th",
    ]


def test_batch_then_assess_benchmark_agree(tmp_path: Path) -> None:
    """The percentile assess --benchmark gives a partnership of the batch is the batch's."""
    from foundation_engine.cli import main

    states = [
        StateBuilder(id=f"p-{i}", start="2026-01-05", as_of="2026-06-30")
        .weekly_touchpoints("2026-01-05", f"2026-0{2 + i % 5}-01")
        .to_dict()
        for i in range(7)
    ]
    portfolio = tmp_path / "in.jsonl"
    portfolio.write_text("".join(json.dumps(s) + "\n" for s in states))
    summary = tmp_path / "summary.json"
    out = str(tmp_path / "out.jsonl")
    code = main(["batch", str(portfolio), "-o", out, "--summary", str(summary), "--workers", "1"])
    assert code == 0
    rows = json.loads(summary.read_text())["percentiles"]
    one = tmp_path / "one.json"
    one.write_text(json.dumps(states[3]))
    report_file = tmp_path / "report.json"
    code = main(["assess", str(one), "--benchmark", str(summary), "-o", str(report_file)])
    assert code in (0, 1)
    benchmark = json.loads(report_file.read_text())["benchmark"]
    assert benchmark["overall"]["percentile"] == rows[3]["overall"]
    assert benchmark["overall"]["peers"] == 7
    communication = next(t for t in benchmark["techniques"] if t["technique"] == "communication")
    assert communication["percentile"] == rows[3]["techniques"]["communication"]


def test_assess_benchmark_with_a_missing_summary_is_an_error_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from foundation_engine.cli import main

    state = tmp_path / "one.json"
    state.write_text(json.dumps(StateBuilder(as_of="2026-06-30").to_dict()))
    code = main(["assess", str(state), "--benchmark", str(tmp_path / "nowhere.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert "nowhere.json: no such file" in err
    assert "Traceback" not in err


def test_the_command_line_default_minimum_is_the_library_one() -> None:
    from foundation_engine.cli import portfolio

    assert portfolio.DEFAULT_MIN_GROUP == DEFAULT_MIN_GROUP


def test_the_section_is_escaped_in_every_format(engine: Engine) -> None:
    state = StateBuilder(start="2026-01-05", as_of="2026-06-30")
    report = engine.assess(state.weekly_touchpoints("2026-01-05", "2026-04-01").to_dict())
    hostile = "<script>alert(1)</script> | \x1b[31m"
    techniques = [
        t.model_copy(update={"title": hostile}) if t.technique == "communication" else t
        for t in report.techniques
    ]
    group = {"partnerships": 5, "shown": True, "scores": [[10.0, 5]]}
    document = {
        "records": 5,
        "benchmark": {
            "min_group": 5,
            "overall": group,
            "techniques": {"communication": group},
        },
    }
    hostile_report = report.model_copy(update={"techniques": techniques})
    benchmark = place(hostile_report, peers_from_summary(document, "summary.json"))
    placed = hostile_report.model_copy(update={"benchmark": benchmark})
    assert "<script>" not in write_html(placed)
    markdown = write_markdown(placed)
    assert "<script>" not in markdown
    assert "| \x1b" not in markdown
    assert "\x1b" not in render_text(placed)


def test_a_summary_claiming_billions_of_partnerships_is_placed_from_its_histogram() -> None:
    # The groups are kept as histograms, never as one entry per partnership, so a
    # summary from another party cannot exhaust memory with large counts.
    many = 10**12
    document = {
        "records": 3 * many,
        "benchmark": {
            "min_group": 5,
            "overall": {
                "partnerships": 3 * many,
                "shown": True,
                "scores": [[40, many], [60, 2 * many]],
            },
            "techniques": {},
        },
    }
    peers = peers_from_summary(document, "summary.json")
    assert peers.overall.size == 3 * many
    assert peers.percentile(None, 40.0) == 17  # (0 + 1/2) / 3
    assert peers.percentile(None, 50.0) == 33
    assert peers.percentile(None, 60.0) == 67  # (1 + 2/2) / 3
