"""The foundation pulse as shipped: questionnaire, statements and template, all in step."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.files.limits import DEFAULT_LIMITS
from foundation_engine.importing import questionnaire
from foundation_engine.importing.mapping import load_mapping
from foundation_engine.importing.pulse import import_pulse
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.state.model import PulseQuestion
from foundation_engine.state.vocabulary import Party
from tests.scripts import load_script

from ..cli.conftest import Result
from ..conftest import ROOT
from ..reports.htmlcheck import ACTIVE_TAGS, ParsedPage

OWN = PulseQuestion(id="custom.tools", text="Our <shared> tools help", technique="metrics")


def test_the_questionnaire_asks_every_statement_with_its_id() -> None:
    markdown = questionnaire.questionnaire_markdown()
    page = ParsedPage(questionnaire.questionnaire_html())
    for statement in STANDARD_STATEMENTS:
        assert statement.text in markdown and f"`{statement.id}`" in markdown
        assert statement.text in page.text and statement.id in page.text
    assert "at least 3 of its people answered" in markdown


def test_the_printable_page_is_inert_and_prints() -> None:
    html = questionnaire.questionnaire_html([OWN], min_respondents=5)
    page = ParsedPage(html)
    assert not page.tag_names() & ACTIVE_TAGS - {"meta"}
    assert page.links() == [] and page.event_handlers() == []
    assert "@media print" in html
    assert "Our <shared> tools help" in page.text and "<shared>" not in html
    assert "at least 5 of its people" in page.text


def test_own_statements_are_asked_with_their_technique() -> None:
    markdown = questionnaire.questionnaire_markdown([OWN])
    metrics = markdown[markdown.index("## Selective metrics") : markdown.index("## Recognition")]
    assert "Our &lt;shared&gt; tools help" in metrics and "`custom.tools`" in metrics
    rows = list(csv.DictReader(io.StringIO(questionnaire.statements_csv([OWN]))))
    assert [r["id"] for r in rows].index("custom.tools") == [r["id"] for r in rows].index(
        "metrics.focused"
    ) + 1


def test_the_template_reads_back_with_import_pulse(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(questionnaire.answers_template_csv(), encoding="utf-8")
    sides = {"Acme": Party.CLIENT, "TalentCo": Party.PROVIDER}
    result = import_pulse(str(path), load_mapping().pulse, sides, DEFAULT_LIMITS)
    (wave,) = result.pulse_waves
    assert (wave["date"], wave["name"], len(wave["responses"])) == (
        "2026-03-27",
        "2026 Q1 pulse",
        2,
    )


def test_a_survey_built_from_the_statements_imports_as_it_stands(tmp_path: Path) -> None:
    statements = list(csv.DictReader(io.StringIO(questionnaire.statements_csv())))
    header = ["Completion time", "Company", "Role", *(s["id"] for s in statements)]
    row = ["2026-03-27", "provider", "recruiter", *("4" for _ in statements)]
    path = tmp_path / "forms.csv"
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    result = import_pulse(str(path), load_mapping().pulse, {}, DEFAULT_LIMITS)
    (wave,) = result.pulse_waves
    assert len(wave["responses"]) == len(STANDARD_STATEMENTS)


@pytest.mark.parametrize(
    ("argv", "starts"),
    [
        (("pulse", "questionnaire"), "# The foundation pulse"),
        (("pulse", "questionnaire", "--format", "html"), "<!DOCTYPE html>"),
        (("pulse", "questions"), "id,technique,statement,short,scale"),
        (("pulse", "template"), "date,wave,party,role,question,score,comment"),
    ],
)
def test_the_pulse_command_prints_each_form(
    cli: Callable[..., Result], argv: tuple[str, ...], starts: str
) -> None:
    result = cli(*argv)
    assert result.code == 0, result.err
    assert result.out.startswith(starts)


def test_the_pulse_command_takes_a_states_own_statements(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    from foundation_engine.cli.starter import starter_state

    state = tmp_path / "partnership.toml"
    state.write_text(starter_state(), encoding="utf-8")
    result = cli("pulse", "questions", "--state", str(state))
    assert result.code == 0, result.err
    assert "custom.tools,communication,The tools we share make hiring easier." in result.out


def test_a_format_for_a_csv_is_a_usage_error(cli: Callable[..., Result]) -> None:
    result = cli("pulse", "template", "--format", "html")
    assert result.code == 2
    assert "--format applies to the questionnaire" in result.err


def test_the_shipped_pulse_examples_are_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    module = load_script(ROOT / "scripts" / "build_pulse_examples.py")
    committed = module.PULSE
    monkeypatch.setattr(module, "PULSE", tmp_path)
    monkeypatch.setattr(module, "ROOT", tmp_path.parent)
    module.main()
    generated = sorted(p.name for p in tmp_path.iterdir())
    assert generated == sorted(p.name for p in committed.iterdir())
    for name in generated:
        assert (committed / name).read_bytes() == (tmp_path / name).read_bytes(), (
            f"examples/pulse/{name} drifted: run python scripts/build_pulse_examples.py"
        )


def test_the_perception_doc_lists_every_standard_statement() -> None:
    text = (ROOT / "docs" / "perception.md").read_text(encoding="utf-8")
    for statement in STANDARD_STATEMENTS:
        row = f"| `{statement.id}` | {statement.technique.value} | {statement.text} |"
        assert row in text, statement.id
