"""Survey exports to pulse survey results.

An export has one row per response: when it was given, which side gave it,
the topic (or the question asked) and the score. Responses are grouped into
one result per survey, side and topic, whose score is their average and
whose date is the survey's last response: a survey is the value of a
``survey`` column when the export has one (a wave or survey name), else the
calendar month of the response.

A side is ``client`` or ``provider``, a value mapped under
``[surveys.parties]``, or the name of the client or the provider in the
state. A question becomes a topic by ``[surveys.questions]`` (exact
questions) or ``[surveys.topic_words]`` (words it contains). Responses that
cannot be placed, and blank answers, are skipped and listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..errors import Problem, ValidationProblem
from ..files.limits import Limits
from ..state.vocabulary import Party, SurveyTopic
from . import cells
from .layout import header_key
from .mapping import SurveyMapping
from .sources import Imported, as_names, find_columns, read_table, value_at

COLUMNS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "submitted",
        "submitted at",
        "submit date",
        "completion time",
        "response date",
        "end date",
        "timestamp",
    ),
    "party": (
        "party",
        "side",
        "respondent side",
        "organisation",
        "organization",
        "company",
        "respondent company",
        "respondent organisation",
        "respondent organization",
    ),
    "topic": ("topic", "survey topic"),
    "question": ("question", "item", "statement", "question text"),
    "score": ("score", "answer", "rating", "response", "value"),
    "survey": ("survey", "wave", "pulse", "survey name"),
}


def import_surveys(
    path: str,
    mapping: SurveyMapping,
    sides: Mapping[str, Party],
    limits: Limits,
) -> Imported:
    """Survey results from the response export at `path`.

    `sides` maps names (the client's and the provider's, from the state) to
    their side, besides ``[surveys.parties]``.
    """
    table = read_table(path, limits)
    wanted = {k: list(v) for k, v in COLUMNS.items()}
    for key, headers in mapping.columns.items():
        wanted[key] = as_names(headers)
    columns = find_columns(table, wanted)
    missing = [c for c in ("date", "party", "score") if c not in columns]
    if "topic" not in columns and "question" not in columns:
        missing.append("topic or question")
    if missing:
        raise ValidationProblem(
            Problem(
                f"no column for {', '.join(missing)}; found: "
                f"{', '.join(h for h in table.headers if h)}. Name the columns in the mapping "
                "under [surveys.columns]",
                source=path,
                line=table.header_row,
            )
        )
    parties = {header_key(k): v for k, v in sides.items()}
    parties.update({header_key(k): v for k, v in mapping.parties.items()})
    parties.update({header_key(p.value): p for p in Party})
    questions = {header_key(k): v for k, v in mapping.questions.items()}
    result = Imported(path, "surveys")
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    problems: list[Problem] = []
    responses = 0
    for number, values in table.rows:
        where = table.row_where(number)
        try:
            placed = _response(values, columns, parties, questions, mapping, where, result)
        except _Bad as exc:
            problems.append(table.cell(number, columns[exc.column]).problem(exc.message))
            continue
        if placed is None:
            continue
        date, party, topic, score, survey = placed
        responses += 1
        group_key = (survey or f"{date.year}-{date.month:02d}", party, topic)
        group = groups.get(group_key)
        if group is None:
            source: dict[str, Any] = {"file": table.name, "row": number}
            if table.sheet is not None:
                source["sheet"] = table.sheet
            group = groups[group_key] = {"dates": [], "scores": [], "source": source}
        group["dates"].append(date)
        group["scores"].append(score)
    if problems:
        raise ValidationProblem(problems[:50])
    closed: dict[str, dt.date] = {}
    for (survey, _, _), group in groups.items():
        closed[survey] = max(closed.get(survey, group["dates"][0]), *group["dates"])
    for (survey, party, topic), group in groups.items():
        scores = group["scores"]
        source = group["source"]
        if len(scores) > 1:
            source["rows"] = len(scores)
        result.surveys.append(
            {
                "date": closed[survey].isoformat(),
                "party": party,
                "topic": topic,
                "score": round(sum(scores) / len(scores), 4),
                "scale_max": mapping.scale_max,
                "source": source,
            }
        )
        result.explanations.append(
            f"{table.name}: survey {survey}, {party}, {topic}: {len(scores)} responses, "
            f"average {sum(scores) / len(scores):.2f}"
        )
    result.surveys.sort(key=lambda s: (s["date"], s["party"], s["topic"]))
    result.detail = f"{responses} responses"
    return result


class _Bad(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _response(
    values: tuple[Any, ...],
    columns: dict[str, int],
    parties: dict[str, Party],
    questions: dict[str, SurveyTopic],
    mapping: SurveyMapping,
    where: str,
    out: Imported,
) -> tuple[dt.date, str, str, float, str | None] | None:
    raw_score = value_at(values, columns["score"])
    if raw_score is None:
        out.skip(where, "no answer")
        return None
    try:
        score = cells.as_number(raw_score)
    except cells.CellError as exc:
        raise _Bad("score", str(exc)) from None
    if not 0 <= score <= mapping.scale_max:
        raise _Bad(
            "score",
            f"{score:g} is outside the answer scale, 0 to {mapping.scale_max:g} "
            "(set surveys.scale_max in the mapping for another scale)",
        )
    raw_date = value_at(values, columns["date"])
    if raw_date is None:
        out.skip(where, "no date")
        return None
    try:
        date = cells.as_date(raw_date, tuple(mapping.date_formats))
    except cells.CellError as exc:
        raise _Bad("date", str(exc)) from None
    raw_party = value_at(values, columns["party"])
    party = parties.get(header_key(cells.as_text(raw_party))) if raw_party is not None else None
    if party is None:
        shown = cells.show(raw_party) if raw_party is not None else "empty"
        out.skip(where, f"the side {shown} is not known; map it under [surveys.parties]")
        return None
    topic = _topic(values, columns, questions, mapping)
    if topic is None:
        asked = value_at(values, columns.get("question", columns.get("topic", -1)))
        out.skip(
            where,
            f"the question {cells.show(asked)} maps to no topic; map it under [surveys.questions]",
        )
        return None
    survey = value_at(values, columns.get("survey"))
    return date, party.value, topic.value, score, cells.as_text(survey) if survey else None


def _topic(
    values: tuple[Any, ...],
    columns: dict[str, int],
    questions: dict[str, SurveyTopic],
    mapping: SurveyMapping,
) -> SurveyTopic | None:
    raw_topic = value_at(values, columns.get("topic"))
    if raw_topic is not None:
        try:
            return SurveyTopic(cells.as_choice(raw_topic, SurveyTopic))
        except cells.CellError:
            pass
    raw_question = value_at(values, columns.get("question")) or raw_topic
    if raw_question is None:
        return None
    question = cells.as_text(raw_question)
    if header_key(question) in questions:
        return questions[header_key(question)]
    lowered = question.lower()
    for topic, words in mapping.topic_words.items():
        if any(word.lower() in lowered for word in words):
            return topic
    return None
