"""Engine configuration: which rules run, with what options and weights, and waivers.

Read from ``foundation.toml`` or from ``[tool.foundation-engine]`` in
``pyproject.toml``. :func:`starter_config` writes a complete file with every
option at its default.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import tomli_w
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from foundation_engine.core.key_lines import Loc, key_lines, line_of
from foundation_engine.errors import ConfigError, Problem, json_path
from foundation_engine.files import toml_input
from foundation_engine.files.limits import Limits, non_finite_problem
from foundation_engine.rulebook.model import MAX_RULE_WEIGHT, Severity
from foundation_engine.state.validation import explain_errors

CONFIG_FILENAME = "foundation.toml"
PYPROJECT_TABLE = ("tool", "foundation-engine")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSettings(_Section):
    """Per-rule overrides."""

    options: dict[str, Any] = Field(default_factory=dict)
    severity: Severity | None = None
    weight: float | None = Field(None, ge=0, le=MAX_RULE_WEIGHT, allow_inf_nan=False)


class TechniqueSettings(_Section):
    weight: float = Field(1.0, ge=0, le=MAX_RULE_WEIGHT, allow_inf_nan=False)


class PhaseBoundaries(_Section):
    """Where the phases begin and end (days)."""

    implementation_days: int = Field(
        84,
        ge=0,
        le=730,
        description=(
            "Length of implementation when the state gives no go-live date "
            "(12 weeks: the top of the 6-12 weeks WilsonHCG reports)."
        ),
    )
    ramp_up_days: int = Field(
        90,
        ge=0,
        le=730,
        description="Days from go-live to steady state (judgement; steady state begins "
        "about day 90-180 after start).",
    )


class Waiver(_Section):
    """An accountable suppression: a finding the parties agreed to accept for now."""

    rule: str = Field(min_length=1, description="Rule id or prefix.")
    reason: str = Field(min_length=1)
    owner: str = Field(min_length=1, description="Who answers for the waiver.")
    expires: dt.date
    partnership: str | None = Field(None, description="Only for this partnership id.")


class RatingBand(_Section):
    name: str
    min_score: float = Field(ge=0, le=100)


DEFAULT_RATING_BANDS = (
    RatingBand(name="strong", min_score=80),
    RatingBand(name="sound", min_score=65),
    RatingBand(name="fragile", min_score=45),
    RatingBand(name="at_risk", min_score=0),
)

CapCondition = Literal["critical_finding", "high_finding", "technique_below", "technique_unknown"]


class Cap(_Section):
    """A weakest-link cap: when the condition holds, the rating is at most `at_most`.

    ``critical_finding`` / ``high_finding``: an open (failed, unwaived) finding of
    that severity. ``technique_below``: a technique scoring below `score`.
    ``technique_unknown``: a technique with no data at all.
    """

    when: CapCondition
    at_most: str = Field(min_length=1, description="The best rating allowed (a band name).")
    score: float | None = Field(
        None, ge=0, le=100, description="For technique_below: the score a technique must reach."
    )


DEFAULT_CAPS = (
    Cap(when="critical_finding", at_most="fragile"),
    Cap(when="high_finding", at_most="sound"),
    Cap(when="technique_below", score=50, at_most="sound"),
    Cap(when="technique_below", score=25, at_most="fragile"),
    Cap(when="technique_unknown", at_most="sound"),
)


class ScoringSettings(_Section):
    """How rule scores roll up into technique and overall scores and a rating.

    See docs/scoring.md for the model and worked examples.
    """

    aggregation: Literal["geometric", "mean"] = Field(
        "geometric",
        description="How technique scores combine overall: a weighted geometric mean, so one "
        "weak technique pulls the whole down, or the weighted arithmetic mean.",
    )
    neutral_score: float = Field(
        50,
        ge=0,
        le=100,
        description="Where missing data pulls a score: a technique scored on part of its "
        "rules moves toward this score by the share of weight without data (never upward).",
    )
    min_coverage: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Below this overall coverage the rating is insufficient_data.",
    )
    caps: list[Cap] = Field(
        default_factory=lambda: list(DEFAULT_CAPS),
        description="Weakest-link caps on the rating (and the overall score).",
    )


class EngineConfig(_Section):
    """Everything that changes what an assessment says."""

    select: list[str] = Field(
        default_factory=lambda: ["ALL"],
        description="Rule ids or prefixes to run ('ALL' for every rule).",
    )
    ignore: list[str] = Field(default_factory=list, description="Rule ids or prefixes to skip.")
    rules: dict[str, RuleSettings] = Field(default_factory=dict)
    techniques: dict[str, TechniqueSettings] = Field(default_factory=dict)
    phases: PhaseBoundaries = Field(default_factory=PhaseBoundaries)
    rule_paths: list[str] = Field(
        default_factory=list, description="Extra folders of declarative rule files."
    )
    plugins: list[str] | None = Field(
        None,
        description="Installed plugins (entry-point names) to load; unset loads all, [] none.",
    )
    strict: bool = Field(False, description="Stop when a plugin fails to load.")
    include_preview: bool = Field(False, description="Run rules whose lifecycle is preview.")
    rating_bands: list[RatingBand] = Field(default_factory=lambda: list(DEFAULT_RATING_BANDS))
    scoring: ScoringSettings = Field(default_factory=ScoringSettings)
    due_soon_days: int = Field(
        30,
        ge=0,
        le=366,
        description="How far ahead reports look for what will fail if nothing new is "
        "recorded, in days (0: not at all).",
    )
    waivers: list[Waiver] = Field(default_factory=list)
    limits: Limits = Field(
        default_factory=Limits,
        description="How large, deep and long a state may be before it is refused.",
    )

    # Where the settings were written, so a problem found later (a rule option of the
    # wrong type, a selector naming no rule) points at the user's own line.
    _source: str | None = PrivateAttr(None)
    _lines: dict[Loc, int] = PrivateAttr(default_factory=dict)
    _given: dict[Loc, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _caps_name_bands(self) -> EngineConfig:
        names = [band.name for band in self.rating_bands]
        for index, cap in enumerate(self.scoring.caps):
            if cap.at_most not in names:
                raise ValueError(
                    f"scoring.caps[{index}].at_most is {cap.at_most!r}; expected one of the "
                    f"rating bands: {', '.join(names)}"
                )
            if (cap.when == "technique_below") != (cap.score is not None):
                raise ValueError(
                    f"scoring.caps[{index}]: 'score' goes with when = \"technique_below\" "
                    "and only with it"
                )
        return self

    def fingerprint(self) -> str:
        """A short stable hash of the settings, printed in every report.

        Limits are left out: they decide which inputs are refused, never what an
        assessment of an accepted input says.
        """
        settings = self.model_dump(mode="json", exclude={"limits"})
        canonical = json.dumps(settings, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    @property
    def source(self) -> str | None:
        """The file these settings were read from; None when built in a program."""
        return self._source

    def problem(self, message: str, loc: Loc) -> Problem:
        """A problem with the setting at `loc`, placed where the user wrote it.

        A setting given on the command line (see :meth:`with_overrides`) is named
        by its option; one read from a file by the file and line.
        """
        for given, option in self._given.items():
            if tuple(loc[: len(given)]) == given:
                return Problem(message, None, option)
        return Problem(message, json_path(loc), self._source, line_of(self._lines, loc))

    def with_overrides(self, changes: Mapping[str, Any], given: Mapping[Loc, str]) -> EngineConfig:
        """A copy with `changes` applied; `given` names the option each changed setting
        came from (``{("select",): "--select"}``), for :meth:`problem`."""
        copy = self.model_copy(update=dict(changes))
        copy._source, copy._lines = self._source, dict(self._lines)
        copy._given = {**self._given, **given}
        return copy


def config_from_mapping(
    data: Mapping[str, Any], source: str = "<config>", lines: Mapping[Loc, int] | None = None
) -> EngineConfig:
    """Validate `data` as a configuration; `lines` (from :func:`key_lines`) place problems."""
    try:
        config = EngineConfig.model_validate(data)
    except ValidationError as exc:
        problems = explain_errors(exc.errors(include_url=False), source, EngineConfig)
        raise ConfigError([_placed(p, lines or {}) for p in problems]) from None
    config._source = source
    config._lines = dict(lines or {})
    return config


def _placed(problem: Problem, lines: Mapping[Loc, int]) -> Problem:
    """`problem` with the line of the key its JSON path names."""
    if problem.path is None or problem.line is not None:
        return problem
    loc = _loc_of(problem.path)
    return Problem(problem.message, problem.path, problem.source, line_of(lines, loc))


def _loc_of(path: str) -> Loc:
    """``$.rules.COM001.options['a b'][2]`` as ``("rules", "COM001", "options", "a b", 2)``."""
    loc: list[str | int] = []
    for name, quoted, index in re.findall(r"\.([^.\[]+)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]", path):
        if index:
            loc.append(int(index))
        else:
            loc.append(name or quoted.replace("\\'", "'").replace("\\\\", "\\"))
    return tuple(loc)


def load_config(path: str | Path) -> EngineConfig:
    """Read a ``foundation.toml`` or the ``[tool.foundation-engine]`` table of a pyproject."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            Problem(f"cannot read config: {exc.strerror}", source=str(path))
        ) from None
    return config_from_bytes(data, str(path), path.parent, pyproject=path.name == "pyproject.toml")


def config_from_bytes(
    data: bytes, source: str, base: Path, *, pyproject: bool = False
) -> EngineConfig:
    """A configuration from the bytes of a TOML file, its problems placed at their lines.

    `base` is the folder ``rule_paths`` are resolved against (the file's own);
    with `pyproject` only the ``[tool.foundation-engine]`` table is read.
    """
    try:
        text = data.decode("utf-8")
        document = toml_input.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        raise ConfigError(
            Problem(
                f"invalid TOML: {exc}",
                source=source,
                line=int(at[1]) if at else None,
                column=int(at[2]) if at else None,
            )
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(Problem("config is not UTF-8 text", source=source)) from None
    except (RecursionError, ValueError):  # nesting or integers tomllib cannot hold
        raise ConfigError(
            Problem("config nests too deeply or holds an integer too long to read", source=source)
        ) from None
    lines = key_lines(text)
    if pyproject:
        for key in PYPROJECT_TABLE:
            document = document.get(key, {})
        depth = len(PYPROJECT_TABLE)
        lines = {loc[depth:]: n for loc, n in lines.items() if loc[:depth] == PYPROJECT_TABLE}
    not_finite = non_finite_problem(document, source)  # TOML writes nan and inf
    if not_finite is not None:
        raise ConfigError(_placed(not_finite, lines))
    config = config_from_mapping(document, source, lines)
    return _resolve_rule_paths(config, base, source)


def _resolve_rule_paths(config: EngineConfig, base: Path, source: str) -> EngineConfig:
    """The config's rule folders, resolved against its own folder, and confined to it.

    A configuration file may come with a rule pack from the internet, so its
    ``rule_paths`` may name only folders inside the folder it sits in: an
    absolute path, a ``..`` that climbs out, or a symbolic link that leads out
    is refused. (A program that builds an :class:`EngineConfig` itself may
    name any folder.)
    """
    home = base.resolve()
    resolved: list[str] = []
    problems: list[Problem] = []
    for index, name in enumerate(config.rule_paths):
        target = (home / name).resolve()
        if Path(name).is_absolute() or not target.is_relative_to(home):
            problems.append(
                Problem(
                    f"{name!r} is outside the folder of this configuration ({home}); "
                    'expected a folder inside it, such as "rules"',
                    json_path(("rule_paths", index)),
                    source,
                )
            )
        resolved.append(str(target))
    if problems:
        raise ConfigError([_placed(p, config._lines) for p in problems])
    return config.with_overrides({"rule_paths": resolved}, {})


def discover_config(start: str | Path = ".") -> Path | None:
    """``foundation.toml`` in `start` or a parent, else a pyproject with our table."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILENAME
        if candidate.is_file():
            return candidate
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = toml_input.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, RecursionError, ValueError):  # unreadable: not our config
                continue
            if "foundation-engine" in data.get("tool", {}):
                return pyproject
    return None


def starter_config(rule_options: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """A complete ``foundation.toml`` with every setting at its default, as TOML text.

    `rule_options` (rule id -> option defaults) adds a ``[rules.ID.options]``
    table per rule so every tunable threshold is visible in one file.
    """
    data = EngineConfig().model_dump(mode="json", exclude_none=True)
    data["waivers"] = []
    if rule_options:
        data["rules"] = {
            rule_id: {"options": dict(options)}
            for rule_id, options in sorted(rule_options.items())
            if options
        }
    header = (
        "# foundation-engine configuration: every setting at its default.\n"
        "# Waivers look like:\n"
        "# [[waivers]]\n"
        '# rule = "COM001"\n'
        '# reason = "Check-ins paused for the holiday shutdown"\n'
        '# owner = "jane.doe@client.example"\n'
        "# expires = 2027-01-31\n\n"
    )
    return header + tomli_w.dumps(_drop_nulls(data))


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value
