"""Escaping text from a state for Markdown documents (reports, diffs).

A value can neither inject HTML (``<script>``), links or images, nor break a
table (``|``), nor open a heading, quote or list, whatever it contains.
"""

from __future__ import annotations

import re

from foundation_engine.report.view import plain

# Characters with inline meaning in CommonMark or GitHub Flavored Markdown.
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What would open a block if it began a line or a list item.
_BLOCK_START = re.compile(r"^(#|>|=|[-+](?=\s|$)|(\d+)([.)])(?=\s|$))")


def md_text(value: object) -> str:
    """`value` as inert Markdown text: one line, metacharacters escaped.

    ``<`` and ``>`` become entities (inert everywhere outside code), the other
    inline metacharacters get a backslash, an ``&`` that would start an
    entity becomes ``&amp;``, and a leading ``#``, ``>``, ``-``, ``+``, ``=``
    or ``1.`` is escaped so the value cannot open a heading, quote or list.
    """
    text = plain(value)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)

    def block(match: re.Match[str]) -> str:
        if match.group(2):
            return f"{match.group(2)}\\{match.group(3)}"
        return "\\" + match.group(1)

    return _BLOCK_START.sub(block, text)
