"""The Jinja templates of the HTML report and the HTML diff, and the environment that renders them.

Autoescaping is always on: every value a template prints is HTML-escaped
unless it is already :class:`markupsafe.Markup` (the radar chart, which
escapes its own labels). Undefined names fail loudly instead of printing
nothing. Templates are read as package resources, so they work from a wheel
or a zip.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined


def _load(name: str) -> str | None:
    resource = files(__name__).joinpath(name)
    return resource.read_text(encoding="utf-8") if resource.is_file() else None


@cache
def environment() -> Environment:
    """The shared, autoescaping template environment."""
    return Environment(
        loader=FunctionLoader(_load),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_template(name: str, **context: Any) -> str:
    """Render template `name` (for example ``report.html.j2``) with `context`."""
    return environment().get_template(name).render(**context)
