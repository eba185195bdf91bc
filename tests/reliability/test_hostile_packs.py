"""The hostile rule-pack corpus: packs made to hang, exhaust, escape or switch off a gate.

Each folder of ``tests/data/hostile-packs/`` is a rule pack (a ``foundation.toml``
and, mostly, a ``rules/`` folder) with an ``expected`` file (see the folder's
README). Each is assessed with ``foundation-engine assess --config PACK/foundation.toml``
in a process capped at 2 GiB, and its rule files go through ``validate``: every
pack must end within seconds, with the exit code and the message it expects.
Packs that need the file system's help (symbolic links, a FIFO) are made here.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.reliability.capped import Run, run_capped

CORPUS = Path(__file__).resolve().parents[1] / "data" / "hostile-packs"
PACKS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "new-partnership.json"


def expectations(pack: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in (CORPUS / pack / "expected").read_text().splitlines():
        key, _, value = line.partition(": ")
        found.setdefault(key, []).append(value)
    return found


def state_for(pack: str, tmp_path: Path) -> Path:
    wanted = expectations(pack).get("state")
    if not wanted:
        return EXAMPLE
    count = int(wanted[0].split()[0])
    document = json.loads(EXAMPLE.read_text())
    touchpoint = document["communications"][0]
    document["communications"] = [touchpoint] * count
    path = tmp_path / "large.json"
    path.write_text(json.dumps(document))
    return path


def check(run: Run, expected: dict[str, list[str]], command: str) -> None:
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "MemoryError" not in run.stderr, run.stderr[-3000:]
    assert run.code == int(expected[command][0]), (run.code, run.stderr[-3000:])
    # Not a speed target (benchmarks hold those): a bound that a hang would cross, loose
    # enough for a shared, loaded machine.
    assert run.seconds < 60, run.seconds
    for fragment in expected.get("stderr", []):
        assert fragment in run.stderr, (fragment, run.stderr[-3000:])
    if command == "assess":
        for fragment in expected.get("stdout", []):
            assert fragment in run.stdout, (fragment, run.stdout[-3000:])


def test_the_corpus_covers_what_the_issue_names() -> None:
    names = " ".join(PACKS)
    for kind in (
        "jmespath-deep-parentheses", "jmespath-many-negations", "jmespath-doubling",
        "schema-all-of-fan-out", "schema-unique-items", "pointer-of-5000-slashes",
        "weight-near-the-largest-float", "weight-infinite", "config-rule-paths-climb-out",
        "config-rule-paths-absolute",
    ):  # fmt: skip
        assert kind in names, kind
    for pack in PACKS:
        assert expectations(pack).get("assess"), pack


@pytest.mark.parametrize("pack", PACKS)
def test_assess_ends_within_seconds_as_the_pack_expects(pack: str, tmp_path: Path) -> None:
    config = CORPUS / pack / "foundation.toml"
    state = state_for(pack, tmp_path)
    run = run_capped(["assess", str(state), "--config", str(config), "--fail-under", "99"])
    expected = expectations(pack)
    if expected["assess"] == ["0"]:
        expected = {**expected, "assess": ["1"]}  # the gate still judges: not 99 points
    check(run, expected, "assess")


@pytest.mark.parametrize("pack", [p for p in PACKS if "validate" in expectations(p)])
def test_validate_reports_what_assess_refuses(pack: str) -> None:
    rules = sorted(str(p) for p in (CORPUS / pack / "rules").glob("*.toml"))
    run = run_capped(["validate", "--as", "rule", *rules])
    check(run, expectations(pack), "validate")


# --------------------------------------------------------------------------
# packs that reach outside their folder, made at test time
# --------------------------------------------------------------------------


def _pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(CORPUS / "jmespath-doubling", pack)
    (pack / "rules" / "COM991.toml").unlink()
    return pack


def _secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "COM993.toml"
    secret.write_text((CORPUS / "jmespath-doubling" / "rules" / "COM991.toml").read_text())
    return secret


def test_a_linked_file_outside_the_pack_is_refused_not_read(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    os.symlink(_secret(tmp_path), pack / "rules" / "COM993.toml")
    run = run_capped(["assess", str(EXAMPLE), "--config", str(pack / "foundation.toml")])
    assert run.code == 2
    assert run.error_lines() == [
        f"error: {pack / 'rules' / 'COM993.toml'}: is a symbolic link to "
        f"{(tmp_path / 'outside' / 'COM993.toml').resolve()}, outside the rule folder "
        f"{(pack / 'rules').resolve()}; expected rule files inside it"
    ]


def test_a_linked_folder_outside_the_pack_is_refused_not_read(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    os.symlink(_secret(tmp_path).parent, pack / "rules" / "more")
    run = run_capped(["assess", str(EXAMPLE), "--config", str(pack / "foundation.toml")])
    assert run.code == 2
    assert "is a symbolic link to" in run.stderr and "outside the rule folder" in run.stderr


def test_a_link_inside_the_pack_is_followed(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    (pack / "shared").mkdir()
    good = (CORPUS / "weight-infinite" / "rules" / "COM991.toml").read_text()
    (pack / "rules" / "COM994.toml").write_text(good.replace("COM991", "COM994").replace(
        "weight = inf\n", ""))  # fmt: skip
    os.symlink(pack / "rules" / "COM994.toml", pack / "rules" / "COM995.toml")
    run = run_capped(["assess", str(EXAMPLE), "--config", str(pack / "foundation.toml")])
    assert run.code == 2  # both are read, and the same id twice is refused
    assert "rule id COM994 is defined twice" in run.stderr


def test_a_fifo_named_like_a_rule_file_is_refused_not_waited_for(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    os.mkfifo(pack / "rules" / "x.toml")
    run = run_capped(
        ["assess", str(EXAMPLE), "--config", str(pack / "foundation.toml")], timeout=20
    )
    assert run.code == 2
    assert run.error_lines() == [
        f"error: {pack / 'rules' / 'x.toml'}: is not a regular file (a FIFO, socket or "
        "device); expected a rule file"
    ]


def test_a_config_linking_its_rule_folder_outside_is_refused(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    shutil.rmtree(pack / "rules")
    os.symlink(_secret(tmp_path).parent, pack / "rules")
    run = run_capped(["assess", str(EXAMPLE), "--config", str(pack / "foundation.toml")])
    assert run.code == 2
    assert "'rules' is outside the folder of this configuration" in run.stderr
