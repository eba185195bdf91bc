"""What a check function returns: an outcome with a status, a value and evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from foundation_engine.state.vocabulary import Owner


class Status(StrEnum):
    """The verdict of one rule on one partnership."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


E = TypeVar("E", Status, Owner)


def _member(kind: type[E], value: Any, what: str) -> E:
    """`value` as a member of `kind`, or a ValueError naming the members there are."""
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(repr(member.value) for member in kind)
        raise ValueError(f"Outcome {what} {value!r} is not one of {known}") from None


@dataclass(frozen=True)
class Outcome:
    """The result of running a check function.

    ``value`` is the measured figure (a number, a date, a short list...), shown in
    messages as ``{value}`` and used by graded scoring. ``evidence`` holds JSON
    Pointers into the state (``/communications/3``) naming the records that
    decided the verdict. ``details`` adds named values for message templates.
    ``reason`` explains a not-applicable or error outcome in plain words.
    ``owner`` names the party that must act when the check knows it from the
    data (the side that has not signed, the side that stays away); None keeps
    the rule's owner. ``missing_data`` tells the two kinds of not applicable
    apart: data the state does not record (it lowers coverage) and data that
    is recorded but holds nothing to judge yet (no slip-up, no action due),
    which weighs nothing either way. ``fails_from``, on an outcome that is not
    a failure, is the first day after ``as_of`` on which the check would fail
    if nothing new were recorded (:attr:`NEVER` when it never would); None, the
    default, says nothing, and what falls due next then assesses later days
    to find out. A check gives it only where the day follows from the records
    it read (an age passing a limit), never as a guess.
    """

    status: Status
    value: Any = None
    evidence: tuple[str, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)
    reason: str | None = None
    owner: Owner | None = None
    missing_data: bool = True
    fails_from: dt.date | None = None

    NEVER: ClassVar[dt.date] = dt.date.max
    """``fails_from`` of a check that would fail on no later day with the records it read."""

    def __post_init__(self) -> None:
        # A check may build its outcome by hand, ``Outcome("passed", 3)``: the
        # engine compares statuses by identity, so the word becomes the member
        # (and an owner's word too: findings are built from these as they are).
        if type(self.status) is not Status:
            object.__setattr__(self, "status", _member(Status, self.status, "status"))
        if self.owner is not None and type(self.owner) is not Owner:
            object.__setattr__(self, "owner", _member(Owner, self.owner, "owner"))
        if type(self.evidence) is not tuple:
            if isinstance(self.evidence, str):
                raise TypeError(
                    f"Outcome evidence is a sequence of JSON Pointers, got the string "
                    f"{self.evidence!r}; write ({self.evidence!r},)"
                )
            object.__setattr__(self, "evidence", tuple(self.evidence))
        if self.fails_from is not None and type(self.fails_from) is not dt.date:
            # A datetime (or a string) would stop what falls due next comparing days.
            raise TypeError(
                f"Outcome fails_from is a day (datetime.date), got "
                f"{type(self.fails_from).__name__} {self.fails_from!r}"
            )

    @classmethod
    def passed(
        cls,
        value: Any = None,
        evidence: Iterable[str] = (),
        *,
        fails_from: dt.date | None = None,
        **details: Any,
    ) -> Outcome:
        return cls(Status.PASSED, value, tuple(evidence), details, fails_from=fails_from)

    @classmethod
    def failed(
        cls,
        value: Any = None,
        evidence: Iterable[str] = (),
        *,
        owner: Owner | None = None,
        **details: Any,
    ) -> Outcome:
        return cls(Status.FAILED, value, tuple(evidence), details, owner=owner)

    @classmethod
    def judge(
        cls,
        ok: bool,
        value: Any = None,
        evidence: Iterable[str] = (),
        *,
        owner: Owner | None = None,
        fails_from: dt.date | None = None,
        **details: Any,
    ) -> Outcome:
        """Passed when `ok`, failed otherwise.

        `owner` applies to a failure, `fails_from` to a pass.
        """
        if ok:
            return cls(Status.PASSED, value, tuple(evidence), details, fails_from=fails_from)
        return cls(Status.FAILED, value, tuple(evidence), details, owner=owner)

    @classmethod
    def not_applicable(cls, reason: str, **details: Any) -> Outcome:
        """The state does not record the data this check needs; never counts as a pass.

        It lowers the coverage of the assessment: missing data lowers confidence.
        """
        return cls(Status.NOT_APPLICABLE, None, (), details, reason)

    @classmethod
    def nothing_to_judge(
        cls, reason: str, *, fails_from: dt.date | None = None, **details: Any
    ) -> Outcome:
        """The data is recorded but holds nothing this check judges yet (no slip-up, no action due).

        Neither a pass nor missing data: the rule weighs nothing in this assessment.
        """
        return cls(
            Status.NOT_APPLICABLE,
            None,
            (),
            details,
            reason,
            missing_data=False,
            fails_from=fails_from,
        )

    @classmethod
    def error(cls, reason: str) -> Outcome:
        return cls(Status.ERROR, None, (), {}, reason)
