"""The import mapping: how other systems' exports become partnership records.

A default mapping ships with the package (``default_mapping.toml``); a mapping
file given with ``import --mapping`` is laid over it, tables merging and
lists replacing. Every setting is validated, and a mistake is an error naming
the file and the setting.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError, Problem, json_path
from ..state.vocabulary import (
    Channel,
    Party,
    RespondentRole,
    SurveyTopic,
    Topic,
    TouchpointKind,
)


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindRule(_Settings):
    """Events whose title contains one of `titles`, or with one of `categories`, are `kind`."""

    kind: TouchpointKind
    titles: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)


class Channels(_Settings):
    video: list[str] = Field(default_factory=list, description="Markers of a video call.")
    phone: list[str] = Field(default_factory=list, description="Markers of a phone call.")
    default: Channel = Field(
        Channel.VIDEO, description="The channel of an event with no location and no link."
    )


class CalendarMapping(_Settings):
    client_domains: list[str] = Field(default_factory=list)
    provider_domains: list[str] = Field(default_factory=list)
    kinds: list[KindRule] = Field(default_factory=list)
    channels: Channels = Field(default_factory=Channels)
    topics: dict[Topic, list[str]] = Field(default_factory=dict)

    def side_of(self, address: str) -> Party | None:
        """The side an e-mail address belongs to, from its domain (subdomains count)."""
        domain = address.rsplit("@", 1)[-1].strip().lower().rstrip(">")
        for party, domains in (
            (Party.CLIENT, self.client_domains),
            (Party.PROVIDER, self.provider_domains),
        ):
            for known in domains:
                known = known.lower().lstrip("@")
                if domain == known or domain.endswith("." + known):
                    return party
        return None


class RequisitionMapping(_Settings):
    preset: str | None = Field(None, description="The ATS preset to start from.")
    columns: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="Requisition fields (id, opened, assigned, intake, filled, cancelled, "
        "closed, status) and the header (or headers) holding each.",
    )
    statuses: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Status words meaning filled, cancelled, open or skip (not a requisition "
        "yet, such as a draft).",
    )
    date_formats: list[str] = Field(
        default_factory=list,
        description="strptime formats for dates that are not ISO, such as %m/%d/%Y.",
    )


class MetricsMapping(_Settings):
    layout: str | None = Field(None, description="long or wide; found from the headers if unset.")
    columns: dict[str, str | list[str]] = Field(default_factory=dict)
    names: dict[str, str] = Field(
        default_factory=dict, description="Scorecard names and the metric ids they stand for."
    )
    date_formats: list[str] = Field(default_factory=list)


class SurveyMapping(_Settings):
    scale_max: float = Field(5, gt=0)
    columns: dict[str, str | list[str]] = Field(default_factory=dict)
    questions: dict[str, SurveyTopic] = Field(default_factory=dict)
    topic_words: dict[SurveyTopic, list[str]] = Field(default_factory=dict)
    parties: dict[str, Party] = Field(
        default_factory=dict, description="Values of the party column and the side each means."
    )
    date_formats: list[str] = Field(default_factory=list)


class PulseMapping(_Settings):
    """How a pulse export (``import --pulse``) is read."""

    columns: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="Pulse fields (date, wave, party, role, question, score, comment) and the "
        "header (or headers) holding each.",
    )
    questions: dict[str, str] = Field(
        default_factory=dict,
        description="Statements as the export words them, and the statement id each is.",
    )
    parties: dict[str, Party] = Field(
        default_factory=dict, description="Values of the party column and the side each means."
    )
    roles: dict[str, RespondentRole] = Field(
        default_factory=dict, description="Values of the role column and the role each means."
    )
    date_formats: list[str] = Field(default_factory=list)


class PartnershipSeed(_Settings):
    """The partnership of a state built from nothing but imports."""

    id: str
    name: str
    client: str
    provider: str
    start_date: dt.date
    go_live_date: dt.date | None = None
    contract_end: dt.date | None = None
    as_of: dt.date | None = None
    engagement_model: str | None = None

    def document(self) -> dict[str, Any]:
        partnership: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "client": {"name": self.client},
            "provider": {"name": self.provider},
            "start_date": self.start_date.isoformat(),
        }
        for key in ("go_live_date", "contract_end", "as_of"):
            value = getattr(self, key)
            if value is not None:
                partnership[key] = value.isoformat()
        if self.engagement_model:
            partnership["engagement_model"] = self.engagement_model
        return {"schema_version": "1.0", "partnership": partnership}


class ImportMapping(_Settings):
    partnership: PartnershipSeed | None = None
    calendar: CalendarMapping = Field(default_factory=CalendarMapping)
    requisitions: RequisitionMapping = Field(default_factory=RequisitionMapping)
    metrics: MetricsMapping = Field(default_factory=MetricsMapping)
    surveys: SurveyMapping = Field(default_factory=SurveyMapping)
    pulse: PulseMapping = Field(default_factory=PulseMapping)


def default_mapping_text() -> str:
    return resources.files(__package__).joinpath("default_mapping.toml").read_text("utf-8")


def _laid_over(base: Mapping[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _laid_over(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_mapping(path: str | Path | None = None) -> ImportMapping:
    """The default mapping, with the file at `path` laid over it."""
    document: dict[str, Any] = tomllib.loads(default_mapping_text())
    source = str(path) if path is not None else "default mapping"
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ConfigError(Problem("no such file", source=source)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(Problem(f"cannot read: {exc}", source=source)) from None
        try:
            given = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(Problem(f"invalid TOML: {exc}", source=source)) from None
        defaults = document["calendar"]["kinds"]
        document = _laid_over(document, given)
        calendar = given.get("calendar")
        if isinstance(calendar, Mapping) and isinstance(calendar.get("kinds"), list):
            # The mapping's own kinds are tried first, then the defaults.
            document["calendar"]["kinds"] = [*calendar["kinds"], *defaults]
    try:
        return ImportMapping.model_validate(document)
    except ValidationError as exc:
        raise ConfigError(
            [
                Problem(
                    f"{err['msg'][:1].lower()}{err['msg'][1:]}, got {err.get('input')!r}"
                    if err["type"] != "missing"
                    else f"required setting {err['loc'][-1]!r} is missing",
                    json_path(err["loc"]),
                    source,
                )
                for err in exc.errors(include_url=False)
            ]
        ) from None
