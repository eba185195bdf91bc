"""What the engine knows: ``schema``, ``rules``, ``rule ID`` and ``plugins``."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from typing import TYPE_CHECKING, Any

from foundation_engine.cli.configuration import engine_from_args
from foundation_engine.cli.diagnostics import CommandError, ExitCode

if TYPE_CHECKING:
    from foundation_engine.rulebook.model import RuleDefinition


def _print_json(data: Any) -> None:
    from foundation_engine.report.escaping import escape_unsafe

    sys.stdout.write(escape_unsafe(json.dumps(data, indent=2, ensure_ascii=False), "json") + "\n")


def schema(args: argparse.Namespace) -> int:
    from foundation_engine.cli.schema_documents import schema_text

    sys.stdout.write(schema_text(args.name))
    return ExitCode.OK


def rules(args: argparse.Namespace) -> int:
    from foundation_engine.writers.text_report import printable

    engine = engine_from_args(args)
    loaded = engine.registry.rules
    if args.technique is not None:
        known = sorted(engine.registry.techniques)
        if args.technique not in known:
            raise CommandError(
                f"unknown technique {args.technique!r}",
                hint=f"known techniques: {', '.join(known)}",
            )
        loaded = [r for r in loaded if r.definition.technique == args.technique]
    if args.format == "json":
        _print_json(
            [
                {
                    "id": r.definition.id,
                    "name": r.definition.name,
                    "title": r.definition.title,
                    "severity": r.definition.severity.value,
                    "technique": r.definition.technique,
                    "owner": r.definition.owner.value,
                    "lifecycle": r.definition.lifecycle.value,
                    "replaced_by": r.definition.replaced_by,
                    "since": r.definition.since,
                    "plugin": r.plugin,
                }
                for r in loaded
            ]
        )
        return ExitCode.OK
    rows = [
        (
            r.definition.id,
            r.definition.name or "-",
            r.definition.severity.value,
            r.definition.technique,
            r.plugin,
            r.definition.title + _lifecycle_tag(r.definition),
        )
        for r in loaded
    ]
    header = ("ID", "NAME", "SEVERITY", "TECHNIQUE", "PLUGIN", "TITLE")
    fixed = len(header) - 1
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(fixed)]
    for row in [header, *rows]:
        cells = [
            printable(cell).ljust(width) for cell, width in zip(row[:fixed], widths, strict=True)
        ]
        sys.stdout.write("  ".join([*cells, printable(row[fixed])]) + "\n")
    sys.stdout.write(f"\n{len(rows)} rule(s)\n")
    return ExitCode.OK


def _lifecycle_tag(rule: RuleDefinition) -> str:
    lifecycle = rule.lifecycle.value
    if lifecycle == "stable":
        return ""
    if rule.replaced_by:
        return f" [{lifecycle}: use {rule.replaced_by}]"
    return f" [{lifecycle}]"


def rule(args: argparse.Namespace) -> int:
    from foundation_engine.rulebook.docs import render_rule_markdown, render_rule_text

    engine = engine_from_args(args)
    wanted = args.rule_id.strip()
    by_id = {r.definition.id: r for r in engine.registry.rules}
    by_name = {r.definition.name: r for r in engine.registry.rules if r.definition.name}
    loaded = by_id.get(wanted.upper()) or by_name.get(wanted.lower())
    if loaded is None:
        # a hyphen means a name (touchpoint-gap); anything else is taken for an id
        if "-" in wanted:
            close = difflib.get_close_matches(wanted.lower(), list(by_name), n=3)
        else:
            close = difflib.get_close_matches(wanted.upper(), list(by_id), n=3)
        hint = (
            f"did you mean {', '.join(close)}?"
            if close
            else "list them with: foundation-engine rules"
        )
        raise CommandError(f"no rule {args.rule_id!r}", hint=hint)
    from foundation_engine.report.escaping import escape_unsafe

    render = render_rule_markdown if args.format == "markdown" else render_rule_text
    # A pack's title and docs are text from the internet: ESC [2J, OSC 52 (which writes
    # the clipboard) and OSC 8 must not reach the terminal.
    sys.stdout.write(escape_unsafe(render(loaded.definition, loaded.plugin), "lines"))
    return ExitCode.OK


def plugins(args: argparse.Namespace) -> int:
    from foundation_engine.writers.text_report import printable

    engine = engine_from_args(args)
    setup = engine.setup
    manager = setup.manager
    entries: list[dict[str, Any]] = []
    for name, plugin in manager.list_name_plugin():
        callers = manager.get_hookcallers(plugin) or []
        entries.append(
            {
                "name": name,
                "version": setup.versions.get(str(name), "unknown"),
                "hooks": sorted(caller.name for caller in callers),
                "error": None,
            }
        )
    for failure in setup.failures:
        entries.append({"name": failure.name, "version": None, "hooks": [], "error": failure.error})
    if args.format == "json":
        _print_json(entries)
        return ExitCode.OK
    for entry in entries:
        if entry["error"] is not None:
            sys.stdout.write(
                f"{printable(entry['name'])}  failed to load: {printable(entry['error'])}\n"
            )
            continue
        sys.stdout.write(f"{printable(entry['name'])} {printable(entry['version'])}\n")
        sys.stdout.write(f"  hooks: {', '.join(entry['hooks']) or 'none'}\n")
    return ExitCode.OK
