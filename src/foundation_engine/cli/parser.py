"""The command-line grammar: every command, its options and its help examples.

Handlers are named as ``module:function`` strings and imported only when their
command runs, so ``--help`` and ``--version`` never import the engine.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
from collections.abc import Callable, Sequence

from foundation_engine._version import __version__
from foundation_engine.cli import portfolio
from foundation_engine.cli.report_formats import format_help
from foundation_engine.rulebook.severity import SEVERITY_NAMES

PROG = "foundation-engine"
COMPLETION_SHELLS = ("bash", "zsh", "tcsh")


Handler = Callable[[argparse.Namespace], int]


def resolve_handler(name: str) -> Handler:
    """Import ``module:function`` (relative to this package) and return the function."""
    module_name, _, function = name.partition(":")
    module = importlib.import_module(f".{module_name}", __package__)
    handler: Handler = getattr(module, function)
    return handler


#: Help is wrapped to the terminal, but never wider than this: long lines are hard to read.
MAX_HELP_WIDTH = 100


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        columns = shutil.get_terminal_size((MAX_HELP_WIDTH + 2, 24)).columns
        width = max(min(columns - 2, MAX_HELP_WIDTH), 40)
        super().__init__(prog, max_help_position=min(32, width // 3), width=width)


def add_fault_options(parser: argparse.ArgumentParser) -> None:
    """The batch options about runaway checks (added to the ``batch`` command)."""
    parser.add_argument(
        "--rule-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="stop a rule's check after this long and report an error finding for it "
        "(default: limits.rule_seconds, else 10; 0 for no limit)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not 0 <= value <= 86_400:
        raise argparse.ArgumentTypeError(f"expected 0 to 86400 seconds, got {text!r}")
    return value


def _severity(text: str) -> str:
    """A severity name in any case (``HIGH`` as ``high``), checked against the choices."""
    return text.strip().lower()


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 100, got {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 100, got {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {text!r}")
    return value


def _points(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of points, got {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected 0 to 100 points, got {text!r}")
    return value


def _id_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show a traceback for errors (input errors still exit 2)",
    )
    talk = common.add_mutually_exclusive_group()
    talk.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print no progress or notes on stderr, only errors and why a check failed",
    )
    talk.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also note on stderr which config, plugins and formats were used",
    )
    return common


def _engine_options(parser: argparse.ArgumentParser, *, selection: bool = True) -> None:
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="foundation.toml or pyproject.toml to use (default: foundation.toml in this "
        "folder or a parent, else [tool.foundation-engine] in a pyproject.toml)",
    )
    if selection:
        parser.add_argument(
            "--select",
            type=_id_list,
            metavar="IDS",
            help="only these rule ids, prefixes or names, comma-separated (replaces config select)",
        )
        parser.add_argument(
            "--ignore",
            type=_id_list,
            metavar="IDS",
            help="skip these rule ids, prefixes or names, comma-separated (added to config ignore)",
        )
        parser.add_argument(
            "--as-of", metavar="DATE", help="assess as of this date (default: the state's as_of)"
        )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the top-level parser with one subparser per command."""
    return _build()[0]


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse `argv`; a usage error exits 2 showing the usage of the command it is about.

    argparse leaves options no subcommand knows to the top-level parser, which
    would show the top-level usage; here the command's own parser reports them.
    """
    argv = list(argv)
    parser, commands = _build()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        command = getattr(args, "command", None)
        owner = commands.get(command or "", parser)
        first = unknown[0]
        if command in argv and first in argv and argv.index(first) < argv.index(command):
            owner = parser  # given before the command: the top level's to explain
        owner.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


def _build() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    common = _common()
    parser = argparse.ArgumentParser(
        prog=PROG,
        allow_abbrev=False,
        formatter_class=_Formatter,
        description="Assess how strong the foundation of an RPO partnership is, "
        "and what the client and the provider should do next.",
        epilog=_examples(
            f"{PROG} assess partnership.json",
            f"{PROG} assess partnership.toml --format json -o report.json",
            f"{PROG} batch portfolio.jsonl -o reports.jsonl --summary summary.json",
            f"{PROG} diff q1-report.json q2-report.json --fail-on-regression",
            f"{PROG} rules --technique communication",
            f"{PROG} rule COM001",
            f"{PROG} init --state",
        )
        + "\n\nexit codes: 0 success; 1 below --fail-under, a finding at --fail-on, or a "
        "regression with\n--fail-on-regression; 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback for errors")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    by_name: dict[str, argparse.ArgumentParser] = {}

    def command(name: str, handler: str, help: str, epilog: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            epilog=epilog,
            parents=[common],
            formatter_class=_Formatter,
            allow_abbrev=False,
        )
        sub.set_defaults(handler=handler)
        by_name[name] = sub
        return sub

    assess = command(
        "assess",
        "assess:run",
        "assess one partnership state and print its report",
        _examples(
            f"{PROG} assess partnership.json",
            f"cat partnership.json | {PROG} assess -",
            f"{PROG} assess partnership.toml --format json -o report.json",
            f"{PROG} assess partnership.json --select COM,MET --ignore COM004",
            f"{PROG} assess partnership.json --select touchpoint-gap,stale-kpi-data",
            f"{PROG} assess partnership.json --fail-under 65 --fail-on high",
            f"{PROG} assess partnership.json --baseline last-quarter.json --fail-on high",
        ),
    )
    assess.add_argument("file", metavar="FILE", help="state file (JSON or TOML), or - for stdin")
    assess.add_argument("--format", metavar="NAME", help=format_help())
    assess.add_argument(
        "--summary-only",
        action="store_true",
        help="the concise report: a line per technique and the top fixes (--format concise)",
    )
    assess.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report here (atomically); - for standard output",
    )
    assess.add_argument(
        "--input-format",
        metavar="NAME",
        help="read the state as json or toml (default: by suffix; standard input is sniffed)",
    )
    _engine_options(assess)
    assess.add_argument(
        "--fail-under", type=_score, metavar="SCORE", help="exit 1 when the overall score is lower"
    )
    assess.add_argument(
        "--fail-on",
        type=_severity,
        choices=SEVERITY_NAMES,
        metavar="SEVERITY",
        help="exit 1 on an unwaived failed finding this severe or worse "
        f"({', '.join(SEVERITY_NAMES)})",
    )
    assess.add_argument(
        "--baseline",
        metavar="REPORT",
        help="report only findings new or regressed since this earlier report (JSON from "
        "--format json); scores stay complete, and --fail-on counts only what is left",
    )
    assess.add_argument("--strict", action="store_true", help="stop when a plugin fails to load")
    assess.add_argument(
        "--history",
        choices=("monthly", "quarterly"),
        help="also rebuild the scores at each past month or quarter end from the records, "
        "with a trend beside every score",
    )
    assess.add_argument(
        "--since",
        metavar="DATE",
        help="with --history: start the history here (default: the partnership's start)",
    )
    portfolio.add_assess_options(assess)

    batch = command(
        "batch",
        "batch:run",
        "assess many partnerships and write one JSON Lines record per input record",
        _examples(
            f"{PROG} batch portfolio.jsonl -o reports.jsonl",
            f"{PROG} batch states/ -o reports.jsonl --summary summary.json",
            f"{PROG} batch portfolio.jsonl -o reports.jsonl --scores scores.csv",
            f"{PROG} batch states.json --workers 4 -o reports.jsonl",
            f"{PROG} batch portfolio.jsonl -o reports.jsonl --resume",
            f"zcat portfolio.jsonl.gz | {PROG} batch - > reports.jsonl",
        )
        + "\n\nINPUT is a JSON Lines file (.jsonl, .ndjson), a JSON array file, a .json or "
        ".toml state file,\na folder of state files, or - for stdin (JSON Lines or an array).",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="where the states come from")
    batch.add_argument(
        "-o", "--output", metavar="FILE", help="write the records here (default or -: stdout)"
    )
    batch.add_argument(
        "--summary",
        metavar="FILE",
        help="write a portfolio summary (JSON) here; - for stdout when -o names a file",
    )
    batch.add_argument(
        "--scores",
        metavar="FILE",
        help="write a CSV here with one row per record: the partnership, its overall and "
        "technique scores, or why it could not be assessed; - for stdout when -o names a file",
    )
    batch.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="parallel worker processes (default: the number of cores)",
    )
    batch.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted batch into the same -o FILE",
    )
    batch.add_argument(
        "--strict", action="store_true", help="exit 2 when any record could not be assessed"
    )
    batch.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal; never with "
        "--quiet)",
    )
    add_fault_options(batch)
    portfolio.add_batch_options(batch)
    _engine_options(batch)

    diff = command(
        "diff",
        "diff:run",
        "show what changed between two reports or two states of a partnership",
        _examples(
            f"{PROG} diff q1-report.json q2-report.json",
            f"{PROG} diff q1.toml q2.toml --format html -o progress.html",
            f"{PROG} diff last-report.json partnership.json --fail-on-regression",
            f"{PROG} diff q1.json q2.json --margin 10 --format markdown",
        )
        + "\n\nOLD and NEW are each a report (JSON written by assess --format json) or a "
        "state file,\nwhich is assessed first with the engine options. Findings are matched "
        "by fingerprint.\n\nexit codes: 0 done; 1 --fail-on-regression and a finding is new "
        "or regressed;\n2 usage or input error.",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier report or state (- for stdin)")
    diff.add_argument("new", metavar="NEW", help="the later report or state (- for stdin)")
    diff.add_argument(
        "--format",
        choices=("text", "json", "markdown", "html"),
        metavar="NAME",
        help="text (default), json, markdown or html; with -o and no --format, taken from "
        "the file's suffix",
    )
    diff.add_argument("-o", "--output", metavar="FILE", help="write the diff here (atomically)")
    diff.add_argument(
        "--margin",
        type=_points,
        default=5.0,
        metavar="POINTS",
        help="a score up by at least this many points is a win worth recognising (default: 5)",
    )
    diff.add_argument(
        "--fail-on-regression",
        action="store_true",
        help="exit 1 when a finding is new or regressed",
    )
    _engine_options(diff)

    actions = command(
        "actions",
        "actions:run",
        "write the open findings as an action list to paste into a tracker or a QBR deck",
        _examples(
            f"{PROG} actions report.json",
            f"{PROG} actions partnership.json -o actions.csv",
            f"{PROG} actions report.json --format csv",
        )
        + "\n\nREPORT is a report (JSON written by assess --format json) or a state file, "
        "which is\nassessed first. Each action says who acts, what to do, by when (the "
        "agreed date, or a\ndate suggested by severity) and the points fixing it restores.",
    )
    actions.add_argument("report", metavar="REPORT", help="a report or a state (- for stdin)")
    actions.add_argument(
        "--format",
        choices=("markdown", "csv"),
        help="markdown checklist (default) or csv; with -o and no --format, by suffix",
    )
    actions.add_argument("-o", "--output", metavar="FILE", help="write the list here")
    _engine_options(actions)

    schema = command(
        "schema",
        "catalog:schema",
        "print a JSON Schema",
        _examples(f"{PROG} schema state > state.schema.json", f"{PROG} schema report"),
    )
    schema.add_argument(
        "name",
        choices=("state", "report", "rule", "batch", "config"),
        help="state file, report, rule file, batch output record, or foundation.toml",
    )

    rules = command(
        "rules",
        "catalog:rules",
        "list every rule with its id, name, severity, technique, plugin and title",
        _examples(
            f"{PROG} rules",
            f"{PROG} rules --technique communication",
            f"{PROG} rules --format json",
        ),
    )
    rules.add_argument("--technique", metavar="T", help="only rules of this technique")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    _engine_options(rules, selection=False)

    rule = command(
        "rule",
        "catalog:rule",
        "print one rule's full documentation",
        _examples(
            f"{PROG} rule COM001",
            f"{PROG} rule touchpoint-gap",
            f"{PROG} rule COM001 --format markdown",
        ),
    )
    rule.add_argument(
        "rule_id", metavar="ID", help="a rule id such as COM001, or its name (touchpoint-gap)"
    )
    rule.add_argument("--format", choices=("text", "markdown"), default="text")
    _engine_options(rule, selection=False)

    plugins = command(
        "plugins",
        "catalog:plugins",
        "list every loaded plugin with its version and the hooks it implements",
        _examples(f"{PROG} plugins", f"{PROG} plugins --format json"),
    )
    plugins.add_argument("--format", choices=("text", "json"), default="text")
    _engine_options(plugins, selection=False)

    init = command(
        "init",
        "starter:run",
        "write a starter foundation.toml with every option at its default",
        _examples(
            f"{PROG} init",
            f"{PROG} init --state",
            f"{PROG} init --workbook partnership.xlsx",
            f"{PROG} init --dir config --force",
        ),
    )
    init.add_argument(
        "--state",
        action="store_true",
        help="also write partnership.toml, a starter partnership state to fill in",
    )
    init.add_argument(
        "--workbook",
        metavar="FILE",
        help="write only this partnership workbook (.xlsx): a sheet per kind of record, "
        "notes on every column, drop-downs, and an example row per sheet",
    )
    init.add_argument("--dir", default=".", metavar="DIR", help="where to write (default: here)")
    init.add_argument("--force", action="store_true", help="overwrite existing files")
    _engine_options(init, selection=False)

    importer = command(
        "import",
        "import_sources:run",
        "build or update a state from calendars, ATS exports, KPI scorecards and surveys",
        _examples(
            f"{PROG} import --calendar team.ics --mapping mapping.toml -o partnership.json",
            f"{PROG} import --base partnership.xlsx --requisitions reqs.csv --ats greenhouse "
            "-o partnership.json",
            f"{PROG} import --metrics scorecard.xlsx --surveys pulse.csv -o partnership.json",
            f"{PROG} import --calendar team.ics --explain -o partnership.json",
            f"{PROG} import --show-mapping > mapping.toml",
        )
        + "\n\nThe state starts from --base, else the -o file when it exists (updated in place: "
        "records are\nmatched by stable ids, so nothing is added twice), else [partnership] "
        "in the mapping.",
    )
    importer.add_argument(
        "--calendar", action="append", metavar="FILE", help="a calendar export (.ics)"
    )
    importer.add_argument(
        "--requisitions",
        action="append",
        metavar="FILE",
        help="an ATS requisition export (.csv or .xlsx)",
    )
    importer.add_argument(
        "--ats",
        metavar="PRESET",
        help="the ATS the requisitions come from: greenhouse, lever, workday or icims "
        "(default: the one whose headers the file has)",
    )
    importer.add_argument(
        "--metrics",
        action="append",
        metavar="FILE",
        help="a KPI scorecard (.csv or .xlsx), long or wide",
    )
    importer.add_argument(
        "--surveys", action="append", metavar="FILE", help="a survey export, one row per response"
    )
    importer.add_argument(
        "--pulse",
        action="append",
        metavar="FILE",
        help="a foundation pulse export: one row per answer (foundation-engine pulse template) "
        "or one row per person",
    )
    importer.add_argument(
        "--mapping", metavar="FILE", help="a TOML mapping laid over the default mapping"
    )
    importer.add_argument("--base", metavar="STATE", help="a state to start from (any format)")
    importer.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the state here, JSON or TOML by suffix (default: stdout); updated in "
        "place when it exists",
    )
    importer.add_argument(
        "--since", metavar="DATE", help="import events from this day (default: the start date)"
    )
    importer.add_argument(
        "--until", metavar="DATE", help="import events up to this day (default: the as_of date)"
    )
    importer.add_argument(
        "--explain", action="store_true", help="say how each event and column was mapped"
    )
    importer.add_argument(
        "--show-mapping", action="store_true", help="print the default mapping and stop"
    )
    importer.add_argument("--config", metavar="FILE", help="foundation.toml with [limits]")

    validate = command(
        "validate",
        "validate:run",
        "check state files and rule files against their schemas without assessing",
        _examples(
            f"{PROG} validate partnership.json",
            f"{PROG} validate states/*.json rules/communication/COM001.toml",
        )
        + "\n\nA file named foundation.toml (or a pyproject.toml with "
        "[tool.foundation-engine]) is read as a configuration, a TOML file with [check] "
        "and [docs] tables as a rule file, anything else as a state.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="files to check (- for stdin)")
    validate.add_argument(
        "--as",
        dest="kind",
        choices=("auto", "state", "rule", "config"),
        default="auto",
        help="what the files are (default: auto)",
    )
    _engine_options(validate, selection=False)

    pulse = command(
        "pulse",
        "pulse:run",
        "print the foundation pulse to fill in: the questionnaire, its statements or a CSV "
        "template",
        _examples(
            f"{PROG} pulse questionnaire > pulse.md",
            f"{PROG} pulse questionnaire --format html -o pulse.html",
            f"{PROG} pulse questions -o pulse-questions.csv",
            f"{PROG} pulse template -o pulse-answers.csv",
            f"{PROG} pulse questionnaire --state partnership.json",
        )
        + "\n\nBoth sides answer the same statements, 1 to 5; import the answers with "
        "import --pulse.",
    )
    pulse.add_argument(
        "what",
        choices=("questionnaire", "questions", "template"),
        help="the questionnaire (Markdown or HTML), the statements with their ids (CSV), or "
        "the CSV of answers import --pulse reads",
    )
    pulse.add_argument(
        "--format",
        choices=("markdown", "html"),
        help="the questionnaire's format (default: markdown)",
    )
    pulse.add_argument(
        "--state",
        metavar="FILE",
        help="include this partnership's own statements and anonymity threshold",
    )
    pulse.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")

    new_plugin = command(
        "new-plugin",
        "scaffolding:run",
        "create a new plugin project with one example rule",
        _examples(
            f"{PROG} new-plugin acme-rules",
            f"{PROG} new-plugin acme-rules --dir ~/src",
            f"{PROG} new-plugin communication-extras --prefix CMX",
        ),
    )
    new_plugin.add_argument("name", metavar="NAME", help="the plugin's name, such as acme-rules")
    new_plugin.add_argument(
        "--dir", default=".", metavar="DIR", help="folder to create it in (default: here)"
    )
    new_plugin.add_argument(
        "--prefix",
        metavar="PREFIX",
        help="rule id prefix, 2 to 6 capital letters (default: from NAME's initials); "
        "needed when those clash with a built-in prefix such as COM",
    )

    completion = command(
        "completion",
        "completion:run",
        "print a shell completion script for bash, zsh or tcsh",
        _examples(
            f"{PROG} completion bash > ~/.local/share/bash-completion/completions/{PROG}",
            f"{PROG} completion zsh > ~/.zfunc/_{PROG.replace('-', '_')}",
            f"{PROG} completion tcsh > ~/.{PROG}.tcsh",
        ),
    )
    completion.add_argument("shell", choices=COMPLETION_SHELLS, help="the shell to complete in")
    return parser, by_name
