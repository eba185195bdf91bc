"""The foundation pulse as people fill it in: a questionnaire, its statements, a CSV template.

- :func:`questionnaire_markdown` and :func:`questionnaire_html`: the
  questionnaire itself, one page, the same for both sides, to send or print
  (the HTML page is self-contained and prints on A4 or Letter);
- :func:`statements_csv`: the statements with their ids, for building the
  pulse in a survey tool (a column per statement, headed by its id, imports
  as it stands);
- :func:`answers_template_csv`: the CSV ``import --pulse`` reads, one row per
  answer, with two example rows.

Each takes the partnership's own statements (``pulse.questions`` of a state)
besides the standard ones. ``foundation-engine pulse`` prints them, and
``examples/pulse/`` holds them as shipped (``scripts/build_pulse_examples.py``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from markupsafe import escape

from foundation_engine.state.labels import VALUES, label

from ..state.instrument import (
    DEFAULT_MIN_RESPONDENTS,
    SCALE,
    STANDARD_STATEMENTS,
    Statement,
)
from ..state.model import PulseQuestion
from ..state.vocabulary import PulseTechnique

TITLE = "The foundation pulse"

INTRO = (
    "A short pulse on the foundation of our RPO partnership. People on both sides, client "
    "and provider, answer the same statements, so that we can see where we agree, where we "
    "see things differently, and how both views compare with what our records show."
)
HOW = (
    "For each statement, mark how far you agree, from 1 (strongly disagree) to 5 (strongly "
    "agree), thinking of the partnership as a whole over the last three months. Leave a "
    "statement blank if you cannot judge it. A comment is welcome but never required."
)


def anonymity(min_respondents: int = DEFAULT_MIN_RESPONDENTS) -> str:
    """What respondents are promised, in a sentence or two."""
    return (
        "Your answers are anonymous: we record only which side you work for and your role, "
        "never your name. A side's average is shown only when at least "
        f"{min_respondents} of its people answered; below that the report says "
        '"too few responses", and comments are not shown either.'
    )


def all_statements(own: Iterable[PulseQuestion] = ()) -> list[Statement]:
    """The standard statements, then the partnership's own, technique by technique."""
    extra = [Statement(q.id, q.technique, q.text, q.text, standard=False) for q in own]
    every = [*STANDARD_STATEMENTS, *extra]
    return [s for t in PulseTechnique for s in every if s.technique is t]


def _technique_title(technique: PulseTechnique) -> str:
    text = label(technique)
    return text[:1].upper() + text[1:]


def _roles() -> str:
    from ..state.vocabulary import RespondentRole

    return ", ".join(VALUES[RespondentRole][r.value][0] for r in RespondentRole)


def questionnaire_markdown(
    own: Sequence[PulseQuestion] = (), min_respondents: int = DEFAULT_MIN_RESPONDENTS
) -> str:
    """The questionnaire as Markdown: intro, the anonymity promise, a table per technique."""
    scale = " · ".join(f"{score} {words.lower()}" for score, words in SCALE)
    lines = [
        f"# {TITLE}",
        "",
        INTRO,
        "",
        HOW,
        "",
        f"**Scale:** {scale}.",
        "",
        f"**Anonymity.** {anonymity(min_respondents)}",
        "",
        "**About you.** I work for: ☐ the client ☐ the provider. My role: "
        + " ".join(f"☐ {r}" for r in _roles().split(", "))
        + ".",
        "",
    ]
    statements = all_statements(own)
    for technique in PulseTechnique:
        mine = [s for s in statements if s.technique is technique]
        if not mine:
            continue
        lines += [
            f"## {_technique_title(technique)}",
            "",
            "| Statement | 1 | 2 | 3 | 4 | 5 | Comment |",
            "| --- | :-: | :-: | :-: | :-: | :-: | --- |",
        ]
        lines += [f"| {_md(s.text)} <sub>`{s.id}`</sub> | ☐ | ☐ | ☐ | ☐ | ☐ |  |" for s in mine]
        lines.append("")
    lines += [
        "---",
        "",
        "The ids in small type (`communication.early`) let the answers be imported as they "
        "are: `foundation-engine import --pulse answers.csv`.",
    ]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    from ..report.escaping import md_text

    return md_text(text)


_CSS = """\
body { font: 11pt/1.4 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1f2933; margin: 0 auto; max-width: 820px; padding: 24px; }
h1 { font-size: 22pt; margin: 0 0 8px; }
h2 { font-size: 13pt; margin: 22px 0 6px; border-bottom: 2px solid #1b6ca8; padding-bottom: 2px; }
p { margin: 6px 0; }
.promise { background: #eef4fb; border-left: 4px solid #1b6ca8; padding: 8px 12px; }
.about { border: 1px solid #c9d0db; padding: 8px 12px; border-radius: 6px; }
table { width: 100%; border-collapse: collapse; }
th, td { border-bottom: 1px solid #d9dee6; padding: 6px 4px; vertical-align: top; }
th { font-size: 9pt; text-transform: uppercase; letter-spacing: .05em; color: #52606d; }
td.box, th.box { width: 34px; text-align: center; }
.box span { display: inline-block; width: 14px; height: 14px; border: 1.5px solid #333;
  border-radius: 3px; }
.id { display: block; font: 8pt ui-monospace, Menlo, Consolas, monospace; color: #7b8794; }
.comment { display: block; border-bottom: 1px dotted #9aa5b1; height: 18px; margin-top: 4px; }
.scale { font-size: 9pt; color: #52606d; }
footer { margin-top: 24px; font-size: 9pt; color: #52606d; }
@media print {
  @page { margin: 14mm 12mm; }
  body { padding: 0; max-width: none; }
  section { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def questionnaire_html(
    own: Sequence[PulseQuestion] = (), min_respondents: int = DEFAULT_MIN_RESPONDENTS
) -> str:
    """The questionnaire as one printable HTML page: no scripts, fonts or external references."""
    e = escape
    scale = "; ".join(f"{score} = {words.lower()}" for score, words in SCALE)
    boxes = "".join('<td class="box"><span></span></td>' for _ in SCALE)
    heads = "".join(f'<th class="box" scope="col">{score}</th>' for score, _ in SCALE)
    roles = " ".join(f"☐&nbsp;{e(r)}" for r in _roles().split(", "))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(TITLE)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(TITLE)}</h1>",
        f"<p>{e(INTRO)}</p>",
        f"<p>{e(HOW)}</p>",
        f'<p class="scale">{e(scale)}.</p>',
        f'<p class="promise">{e(anonymity(min_respondents))}</p>',
        '<p class="about">I work for: ☐&nbsp;the client ☐&nbsp;the provider<br>'
        f"My role: {roles}</p>",
    ]
    statements = all_statements(own)
    for technique in PulseTechnique:
        mine = [s for s in statements if s.technique is technique]
        if not mine:
            continue
        parts += [
            "<section>",
            f"<h2>{e(_technique_title(technique))}</h2>",
            "<table>",
            f'<thead><tr><th scope="col">Statement</th>{heads}</tr></thead>',
            "<tbody>",
        ]
        parts += [
            f'<tr><td>{e(s.text)}<span class="id">{e(s.id)}</span>'
            f'<span class="comment" aria-label="comment"></span></td>{boxes}</tr>'
            for s in mine
        ]
        parts += ["</tbody>", "</table>", "</section>"]
    parts += [
        "<footer>Thank you. The ids in small type let the answers be imported as they are "
        "(foundation-engine import --pulse).</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _csv(rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def statements_csv(own: Sequence[PulseQuestion] = ()) -> str:
    """Every statement with its id, technique and wording, for building a survey."""
    rows: list[Sequence[object]] = [("id", "technique", "statement", "short", "scale")]
    scale = "; ".join(f"{score} {words.lower()}" for score, words in SCALE)
    rows += [(s.id, s.technique.value, s.text, s.short, scale) for s in all_statements(own)]
    return _csv(rows)


ANSWER_COLUMNS = ("date", "wave", "party", "role", "question", "score", "comment")
"""The columns of the one-row-per-answer CSV ``import --pulse`` reads."""


def answers_template_csv() -> str:
    """The CSV to fill with answers, one row per person and statement; two example rows."""
    return _csv(
        [
            ANSWER_COLUMNS,
            (
                "2026-03-27",
                "2026 Q1 pulse",
                "client",
                "hiring_manager",
                "communication.early",
                2,
                "We hear about problems at the QBR",
            ),
            ("2026-03-27", "2026 Q1 pulse", "provider", "recruiter", "communication.early", 4, ""),
        ]
    )
