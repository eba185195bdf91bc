"""Build examples/pulse/: the foundation pulse as shipped, and one partnership's pulse.

- questionnaire.md, questionnaire.html: the questionnaire both sides fill in
  (``foundation-engine pulse questionnaire``);
- pulse-questions.csv: the statements with their ids, for a survey tool
  (``foundation-engine pulse questions``);
- pulse-answers-template.csv: the CSV ``import --pulse`` reads
  (``foundation-engine pulse template``);
- harbor-pulse.csv: two waves of the struggling example's pulse, as a survey
  export with one row per answer: QuickHire's five people rate the
  partnership high, Harbor's six low, and further apart in the second wave;
- struggling-with-pulse.json: the struggling example with that pulse
  imported, and struggling-with-pulse.report.html, its HTML report, whose
  "Where you see it differently" section shows the provider's blind spots.

Every value is fixed (a seeded generator), so the files are the same on every
run; a test checks they are current. Run: python scripts/build_pulse_examples.py
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.files.limits import DEFAULT_LIMITS
from foundation_engine.importing import questionnaire
from foundation_engine.importing.mapping import load_mapping
from foundation_engine.importing.merging import merge
from foundation_engine.importing.pulse import import_pulse
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.state.validation import validate_state
from foundation_engine.state.vocabulary import Party
from foundation_engine.writers.html_report import write_html

ROOT = Path(__file__).resolve().parent.parent
PULSE = ROOT / "examples" / "pulse"
STRUGGLING = ROOT / "examples" / "struggling-partnership.json"

#: (wave name, closing day, the provider's mean answer, the client's).
WAVES = (
    ("2026 Q1 pulse", "2026-03-27", 4.2, 2.9),
    ("2026 Q3 pulse", "2026-09-25", 4.3, 2.3),
)
PROVIDER = ["account_lead", "recruiter", "recruiter", "recruiter", "recruiter"]
CLIENT = [
    "sponsor",
    "hiring_manager",
    "hiring_manager",
    "hiring_manager",
    "hiring_manager",
    "hiring_manager",
]
COMMENTS = {
    (
        "2026 Q3 pulse",
        "client",
        "communication.early",
    ): "We heard about the missed start dates from the hiring managers, not from QuickHire.",
    (
        "2026 Q3 pulse",
        "client",
        "recognition.both_ways",
    ): "We rarely hear thanks, and I am not sure we give much either.",
    ("2026 Q3 pulse", "provider", "communication.early"): "Weekly calls keep everyone informed.",
    (
        "2026 Q3 pulse",
        "provider",
        "urgency.realistic",
    ): "Harbor expects offers within two weeks of an opening <that is not realistic>.",
    (
        "2026 Q1 pulse",
        "client",
        "metrics.real",
    ): "The scorecard is green but the warehouses are still short-staffed.",
}


def _answer(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(mean + rng.choice((-1, -0.5, 0, 0, 0.5, 1)))))


def answers_csv() -> str:
    """Both waves of the pulse, one row per answer, as a survey tool would export them."""
    rng = random.Random(2026)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(questionnaire.ANSWER_COLUMNS)
    for name, day, provider_mean, client_mean in WAVES:
        for party, roles, mean in (
            ("provider", PROVIDER, provider_mean),
            ("client", CLIENT, client_mean),
        ):
            for person, role in enumerate(roles):
                for statement in STANDARD_STATEMENTS:
                    # Only two of Harbor's people know who owns decisions on QuickHire's side
                    # in the second wave: too few for an average.
                    hidden = (WAVES[1][0], "client", "purpose.decisions")
                    if (name, party, statement.id) == hidden and person > 1:
                        continue
                    comment = COMMENTS.get((name, party, statement.id)) if person == 0 else None
                    writer.writerow(
                        (day, name, party, role, statement.id, _answer(rng, mean), comment or "")
                    )
    return buffer.getvalue()


def with_pulse(answers: Path) -> dict[str, Any]:
    """The struggling example with the pulse export imported, as ``import --pulse`` does."""
    document = json.loads(STRUGGLING.read_text(encoding="utf-8"))
    sides = {
        document["partnership"]["client"]["name"]: Party.CLIENT,
        document["partnership"]["provider"]["name"]: Party.PROVIDER,
    }
    imported = import_pulse(str(answers), load_mapping().pulse, sides, DEFAULT_LIMITS)
    merged = merge(document, [imported]).document
    return validate_state(merged).model_dump(mode="json", exclude_none=True)


def write(name: str, text: str) -> None:
    target = PULSE / name
    target.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    PULSE.mkdir(parents=True, exist_ok=True)
    write("questionnaire.md", questionnaire.questionnaire_markdown())
    write("questionnaire.html", questionnaire.questionnaire_html())
    write("pulse-questions.csv", questionnaire.statements_csv())
    write("pulse-answers-template.csv", questionnaire.answers_template_csv())
    write("harbor-pulse.csv", answers_csv())
    state = with_pulse(PULSE / "harbor-pulse.csv")
    write("struggling-with-pulse.json", json.dumps(state, indent=2, ensure_ascii=False) + "\n")
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    write("struggling-with-pulse.report.html", write_html(engine.assess(state)))


if __name__ == "__main__":
    main()
