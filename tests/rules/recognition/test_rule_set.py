"""The recognition rule set as a whole."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.core.engine import Engine
from tests.rules.recognition.helpers import MODULE


def test_every_recommendation_opens_with_the_action_alone(
    make_engine: Callable[..., Engine],
) -> None:
    """Reports list the first sentence under "who does what": it must end before the data.

    A sentence that starts with a placeholder (". {matching} of ...") cannot be told apart
    from the one before it once the placeholder renders as a number.
    """
    rules = [r for r in make_engine(MODULE).rules if r.definition.technique == "recognition"]
    assert rules
    for r in rules:
        texts = [r.definition.recommendation, *r.definition.recommendations.values()]
        for text in texts:
            assert not text.startswith("{"), r.id
            assert ". {" not in text, r.id
