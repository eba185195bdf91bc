"""The rule book cache: a hit reads no rule file, any change or damage means reading them again.

Each test has a cache folder of its own (``XDG_CACHE_HOME`` under its
``tmp_path``) and a rule folder holding copies of built-in rule files, dated
an hour back so that they are old enough to be cached.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli_w

from foundation_engine.core.engine import Engine
from foundation_engine.errors import RuleDefinitionError
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.rulebook import cache, loading
from foundation_engine.rulebook.model import LoadedRule
from tests.conftest import EXAMPLES, ROOT
from tests.rulekit import rule

BUILT_IN = ROOT / "src" / "foundation_engine" / "rules" / "purpose"


def _age(path: Path, seconds_back: float = 3600) -> None:
    moment = time.time() - seconds_back
    os.utime(path, (moment, moment))


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return home / cache.CACHE_FOLDER_NAME


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    for source in sorted(BUILT_IN.glob("*.toml"))[:4]:
        shutil.copy(source, folder / source.name)
        _age(folder / source.name)
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The rule files read from disk (not taken from the cache), by name, in order."""
    seen: list[str] = []
    real = loading._read_with_status

    def counting(path: Path) -> tuple[bytes, os.stat_result]:
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(loading, "_read_with_status", counting)
    return seen


def _shown(rules: list[LoadedRule]) -> list[tuple[str, str, str]]:
    return [(r.source, r.plugin, r.definition.model_dump_json()) for r in rules]


def test_the_second_reading_of_an_unchanged_folder_reads_no_rule_file(
    cache_home: Path, pack: Path, reads: list[str]
) -> None:
    first = load_rules_of(pack)
    assert len(reads) == 4
    assert len(list(cache_home.glob("rules-*.json"))) == 1
    reads.clear()
    second = load_rules_of(pack)
    assert reads == []
    assert _shown(second) == _shown(first)


def test_a_folder_named_by_a_relative_path_is_cached_too(
    cache_home: Path, pack: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(pack.parent)
    load_rules_of(Path(pack.name))
    reads.clear()
    again = load_rules_of(Path(pack.name))
    assert reads == []
    assert [r.source for r in again] == [str(Path(pack.name) / p.name) for p in _files(pack)]


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml"))


def load_rules_of(folder: Path) -> list[LoadedRule]:
    return loading.load_rules(folder, "pack")


def _rewrite(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_a_file_whose_size_changed_is_read_again(
    cache_home: Path, pack: Path, reads: list[str]
) -> None:
    load_rules_of(pack)
    changed = _files(pack)[1]
    before = changed.stat()
    _rewrite(changed, 'severity = "', 'severity    = "')
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    load_rules_of(pack)
    assert reads == [changed.name]


def test_a_file_changed_in_place_is_read_again_even_with_its_old_size_and_time(
    cache_home: Path, pack: Path, reads: list[str]
) -> None:
    load_rules_of(pack)
    changed = _files(pack)[0]
    before = changed.stat()
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace('title = "', 'title = "X', 1)[: len(text)], encoding="utf-8")
    assert changed.stat().st_size == before.st_size
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves
    reads.clear()
    [first, *_] = load_rules_of(pack)
    assert reads == [changed.name]
    assert first.definition.title.startswith("X")


def test_a_file_whose_modification_time_changed_is_read_again(
    cache_home: Path, pack: Path, reads: list[str]
) -> None:
    load_rules_of(pack)
    touched = _files(pack)[2]
    _age(touched, 1800)
    reads.clear()
    load_rules_of(pack)
    assert reads == [touched.name]
    reads.clear()
    load_rules_of(pack)  # and cached again
    assert reads == []


def test_a_new_and_a_removed_file_are_noticed(
    cache_home: Path, pack: Path, reads: list[str]
) -> None:
    load_rules_of(pack)
    removed, *kept = _files(pack)
    removed.unlink()
    added = pack / "TST900.toml"
    added.write_text(tomli_w.dumps(rule("TST900", "count")), encoding="utf-8")
    _age(added)
    reads.clear()
    rules = load_rules_of(pack)
    assert reads == [added.name]
    assert [Path(r.source).name for r in rules] == [p.name for p in kept] + [added.name]


def test_a_file_modified_just_now_is_not_cached_yet(
    cache_home: Path, pack: Path, reads: list[str]
) -> None:
    fresh = _files(pack)[0]
    os.utime(fresh)  # now: another change in the same clock tick would keep this time
    load_rules_of(pack)
    reads.clear()
    load_rules_of(pack)
    assert reads == [fresh.name]


def test_another_engine_version_does_not_trust_the_cache(
    cache_home: Path, pack: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_rules_of(pack)
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    reads.clear()
    again = load_rules_of(pack)
    assert len(reads) == 4
    assert len(again) == 4
    assert len(list(cache_home.glob("rules-*.json"))) == 2  # one per version


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "cut short": lambda data: data[: len(data) // 2],
    "not ours": lambda data: b"PK\x03\x04" + data,
    "a byte changed": lambda data: data[:-40] + bytes([data[-40] ^ 1]) + data[-39:],
    "not UTF-8": lambda data: data + b"\xff\xfe",
}


@pytest.mark.parametrize("damage", sorted(CORRUPTIONS))
def test_a_damaged_cache_is_ignored_and_the_files_are_read(
    cache_home: Path, pack: Path, reads: list[str], damage: str
) -> None:
    first = load_rules_of(pack)
    [written] = cache_home.glob("rules-*.json")
    written.write_bytes(CORRUPTIONS[damage](written.read_bytes()))
    _age(written, 10)  # a new time, even within the clock tick of the write
    reads.clear()
    again = load_rules_of(pack)
    assert len(reads) == 4
    assert _shown(again) == _shown(first)
    reads.clear()
    load_rules_of(pack)  # the cache was written again, whole
    assert reads == []


def _forged(written: Path, change: Callable[[str], str]) -> None:
    """Rewrite the cache body with `change` and a matching checksum (a well-formed lie)."""
    magic, _, body = written.read_bytes().split(b"\n", 2)
    new_body = change(body.decode("utf-8")).encode("utf-8")
    digest = hashlib.sha256(new_body).hexdigest().encode("ascii")
    written.write_bytes(b"\n".join([magic, digest, new_body]))
    _age(written, 10)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda body: body.replace('"files": {', '"files": [', 1), id="wrong shape"),
        pytest.param(lambda body: body.replace('\\"id\\": \\"PUR', '\\"id\\": \\"p', 1), id="bad"),
        pytest.param(lambda body: body.replace('"stamp": [', '"stamp": [NaN, ', 1), id="nan"),
        pytest.param(lambda body: '{"stamp": [], "folder": "", "files": {}}', id="other stamp"),
    ],
)
def test_a_well_formed_cache_that_lies_still_gives_the_files_rules(
    cache_home: Path, pack: Path, reads: list[str], change: Callable[[str], str]
) -> None:
    first = load_rules_of(pack)
    [written] = cache_home.glob("rules-*.json")
    _forged(written, change)
    reads.clear()
    again = load_rules_of(pack)
    assert reads  # what the cache said was refused, and the files were read
    assert _shown(again) == _shown(first)


def test_cache_files_not_written_for_a_long_time_are_removed_when_one_is_written(
    cache_home: Path, pack: Path
) -> None:
    cache_home.mkdir(parents=True)
    stale = cache_home / "rules-0123456789abcdef0123456789abcdef.json"
    recent = cache_home / "rules-fedcba9876543210fedcba9876543210.json"
    for file in (stale, recent):
        file.write_bytes(b"of a folder read long ago")
    _age(stale, cache.STALE_SECONDS + 3600)
    _age(recent, cache.STALE_SECONDS - 3600)
    load_rules_of(pack)
    assert not stale.exists()
    assert recent.exists()
    assert len(list(cache_home.glob("rules-*.json"))) == 2  # the recent one and the pack's


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_cache_file_others_could_write_is_not_read(
    cache_home: Path, pack: Path, reads: list[str]
) -> None:
    load_rules_of(pack)
    [written] = cache_home.glob("rules-*.json")
    written.chmod(0o666)
    _age(written, 10)
    reads.clear()
    load_rules_of(pack)
    assert len(reads) == 4
    assert written.stat().st_mode & 0o777 == 0o600  # written again, for this user alone
    reads.clear()
    load_rules_of(pack)
    assert reads == []


def test_the_switch_turns_the_cache_off(
    cache_home: Path, pack: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    load_rules_of(pack)
    load_rules_of(pack)
    assert len(reads) == 8
    assert not cache_home.exists()


def test_without_a_cache_or_home_folder_there_is_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    assert cache.cache_folder() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG rule: absolute or ignored
    assert cache.cache_folder() is None


def test_an_unwritable_cache_is_skipped_without_a_word(
    tmp_path: Path, pack: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    first = load_rules_of(pack)
    again = load_rules_of(pack)
    assert len(reads) == 8
    assert _shown(again) == _shown(first)


def _problems(folder: Path) -> list[str]:
    with pytest.raises(RuleDefinitionError) as caught:
        load_rules_of(folder)
    return [str(problem) for problem in caught.value.problems]


def test_a_pack_with_problems_reports_the_same_problems_every_time(
    cache_home: Path, pack: Path, reads: list[str]
) -> None:
    broken = pack / "TST901.toml"
    document = rule("TST901", "count", severity="urgent")
    broken.write_text(tomli_w.dumps(document), encoding="utf-8")
    unreadable = pack / "TST902.toml"
    unreadable.write_text('id = "TST902"\ntitle = \n', encoding="utf-8")
    for path in (broken, unreadable):
        _age(path)
    first = _problems(pack)
    reads.clear()
    again = _problems(pack)
    assert again == first
    assert reads == [broken.name, unreadable.name]  # the valid files came from the cache
    assert any("TST901.toml" in p and "severity" in p for p in again)
    assert any("TST902.toml" in p and "line 2" in p for p in again)


def test_an_assessment_is_the_same_with_a_cache_a_damaged_cache_and_none(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = (EXAMPLES / "new-partnership.json").read_bytes()

    def report() -> str:
        engine = Engine(builtins=DEFAULT_PLUGINS, entrypoints=False)
        return engine.assess(state).model_dump_json()

    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    without = report()
    monkeypatch.delenv(cache.NO_CACHE_ENV)
    filling = report()
    assert list(cache_home.glob("rules-*.json"))
    from_cache = report()
    for written in cache_home.glob("rules-*.json"):
        written.write_bytes(written.read_bytes()[:-100])
        _age(written, 10)
    damaged = report()
    assert filling == without
    assert from_cache == without
    assert damaged == without
