"""``foundation-engine pulse``: the foundation pulse to fill in.

``pulse questionnaire`` prints the questionnaire (Markdown, or a printable
HTML page with ``--format html``), ``pulse questions`` the statements with
their ids as CSV (to build the pulse in a survey tool), and ``pulse template``
the CSV of answers that ``import --pulse`` reads. With ``--state``, the
partnership's own statements and anonymity threshold are included.
"""

from __future__ import annotations

import argparse

from .diagnostics import CommandError, ExitCode
from .output import emit


def run(args: argparse.Namespace) -> int:
    from ..importing import questionnaire as q
    from ..state.instrument import DEFAULT_MIN_RESPONDENTS
    from ..state.model import PulseQuestion

    own: list[PulseQuestion] = []
    least = DEFAULT_MIN_RESPONDENTS
    if args.state is not None:
        from ..core.loading import load_path
        from ..plugin.manager import default_plugin_setup
        from ..plugin.registry import build_registry

        state = load_path(args.state, build_registry(default_plugin_setup()))
        if state.pulse is not None:
            own, least = list(state.pulse.questions), state.pulse.min_respondents
    if args.format is not None and args.what != "questionnaire":
        raise CommandError(
            f"--format applies to the questionnaire; {args.what} is always CSV",
            hint="foundation-engine pulse questionnaire --format html -o pulse.html",
        )
    if args.what == "questionnaire":
        text = (
            q.questionnaire_html(own, least)
            if args.format == "html"
            else q.questionnaire_markdown(own, least)
        )
    elif args.what == "questions":
        text = q.statements_csv(own)
    else:
        text = q.answers_template_csv()
    emit(text, args.output)
    return ExitCode.OK
