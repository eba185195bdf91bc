"""The built-in rule sets, one package per foundational technique.

Each package holds the technique's rule files (``PUR001.toml`` ...), the
check functions they name (``checks.py``), and, in its ``__init__``, the hooks
that register them: the same layout a third-party plugin uses. This folder is
the top-level ``rules/`` of the source tree; the package reaches it as
``foundation_engine.rules`` (a link inside ``src/foundation_engine``), so a
wheel and an editable install load rules the same way.
"""
