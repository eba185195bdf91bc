"""The benchmark runs end to end on tiny sizes, so it never rots. No time is asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.run import PARTS, Settings, main, run, table
from bench.states import SIZES, build_state, json_lines, record_count, state_bytes

from foundation_engine.state.validation import validate_state


@pytest.mark.parametrize("size", SIZES)
def test_generated_states_are_valid_and_seeded(size: str) -> None:
    document = build_state(size, seed=1, index=3)
    validate_state(document)
    assert build_state(size, seed=1, index=3) == document
    assert build_state(size, seed=2, index=3) != document


def test_sizes_grow_in_records() -> None:
    counts = [record_count(build_state(size)) for size in SIZES]
    assert counts == sorted(counts)
    assert counts[2] > 5 * counts[1]


def test_json_lines_give_every_state_its_own_id() -> None:
    lines = list(json_lines("small", 5, variants=2))
    ids = [json.loads(line)["partnership"]["id"] for line in lines]
    assert len(set(ids)) == 5
    assert (
        json.loads(lines[0])["communications"]
        == json.loads(state_bytes("small", 0, 0))["communications"]
    )


def _number(entry: object) -> None:
    assert isinstance(entry, dict)
    assert isinstance(entry["median"], float | int)
    assert entry["samples"]


def test_smoke_run_has_every_figure(tmp_path: Path) -> None:
    results = run(Settings.smoke(tmp_path))
    assert set(PARTS) <= results.keys()
    inprocess = results["inprocess"]
    for key in (
        "floor_us",
        "full_us",
        "small_full_us",
        "large_full_us",
        "serialise_compact_us",
        "serialise_indented_us",
    ):
        _number(inprocess[key])
    assert set(inprocess["scaling"]) >= {"time_ratio", "record_ratio", "ratio_of_ratios", "met"}
    assert isinstance(inprocess["full_over_floor"]["met"], bool)
    assert set(results["batch"]["workers"]) == {"1", "2"}
    assert results["batch"]["workers"]["1"]["states_per_second"] > 0
    one = results["batch"]["workers"]["1"]
    assert one["main_cpu_seconds"] > 0 and one["workers_cpu_seconds"] >= 0
    assert isinstance(results["batch"]["speedup"]["met"], bool)
    assert set(results["memory"]["portfolios"]) == {"16", "32"}
    assert results["memory"]["portfolios"]["16"]["peak_tree_rss_mb"] > 0
    _number(results["startup"]["assess_ms"])
    _number(results["startup"]["import_pydantic_pluggy_ms"])
    _number(results["startup"]["pydantic_floor_ms"])
    assert isinstance(results["startup"]["over_pydantic_floor"]["met"], bool)
    figures = results["baselines"]["figures_us"]
    for key in ("json_loads", "floor", "full", "ten_engine", "ten_reference"):
        _number(figures[key])
    for key in ("ten_engine_checks", "ten_reference_checks"):
        _number(figures[key])
    assert isinstance(results["baselines"]["ratios"]["ten_engine_over_reference"]["met"], bool)
    history = results["history"]
    assert set(history["in_process"]) == {"typical_full", "large_36_months"}
    assert history["in_process"]["large_36_months"]["partnership_months"] == 37
    assert set(history["batch"]["workers"]) == {"1", "2"}
    assert history["batch"]["workers"]["2"]["partnership_months"] == 8 * 13
    printed = table(results)
    for label in (
        "full / floor",
        "ratio of ratios",
        "speed-up",
        "memory growth",
        "start-up ratio",
        "months/s",
        "engine / plain Python",
        "assess / pydantic floor",
    ):
        assert label in printed


def test_portfolio_command_prints_history_throughput(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.portfolio import main as portfolio_main

    assert portfolio_main(["--smoke", "--out", str(tmp_path)]) == 0
    saved = json.loads((tmp_path / "history.json").read_text())
    assert saved["in_process"]["typical_full"]["partnership_months"] == 13
    printed = capsys.readouterr().out
    assert "history: Engine.history, large, 36 months" in printed
    assert "partnership-months" in printed


def test_command_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--smoke", "--only", "inprocess", "--out", str(tmp_path)]) == 0
    saved = json.loads((tmp_path / "results.json").read_text())
    assert "inprocess" in saved and "batch" not in saved
    assert "full / floor" in capsys.readouterr().out
