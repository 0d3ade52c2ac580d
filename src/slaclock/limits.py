"""Limits on the size of what slaclock accepts: small payloads never cost large work.

A service validates calendars and plans that arrive from anyone. Each limit
below bounds the work and memory one input can ask for; an input beyond one is
refused at validation with a `LimitExceededError` naming the limit. The
defaults are far above what a helpdesk configures; a caller who trusts its
input raises them for a block of code (the setting is a context variable, so
it holds per thread and per asyncio task)::

    with Limits(combined_parts=500).active():
        calendar = BusinessCalendar.model_validate_json(payload)

`Limits.current()` is the setting in force (the defaults outside any block).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pydantic import Field

from slaclock._model import FrozenModel
from slaclock._once import once
from slaclock.errors import LimitExceededError

__all__ = ["Limits"]


class Limits(FrozenModel):
    """The largest inputs slaclock accepts (see docs/limits.md); raise them with `active`."""

    #: Calendars one combined (``a | b``, ``a & b``) or versioned calendar holds,
    #: counted through every level (nested unions of unions are one union).
    combined_parts: int = Field(default=16, ge=1)
    #: Levels of combined and versioned calendars inside one another.
    nesting_depth: int = Field(default=4, ge=1)
    #: Open intervals a weekday has, summed over every calendar a combined or
    #: versioned calendar holds: bounds the open runs kept a year.
    intervals_per_day: int = Field(default=24, ge=1)
    #: Closures, special openings, named holidays and re-opened dates of one calendar.
    closures: int = Field(default=20_000, ge=0)
    #: Open periods (and skipped days) an explanation lists; a longer one lists the
    #: first and last halves and says how many it left out.
    explanation_periods: int = Field(default=200, ge=2)
    #: Events in one ticket's history: a longer history is refused before any event
    #: is read, so a ticket from outside costs at most this many events' work.
    ticket_events: int = Field(default=10_000, ge=1)

    @classmethod
    def current(cls) -> Limits:
        """The limits in force here (the defaults outside any `active` block)."""
        found = _CURRENT.get()
        return _defaults() if found is None else found

    @contextmanager
    def active(self) -> Iterator[Limits]:
        """Put these limits in force for the block (this thread or task only)."""
        token = _CURRENT.set(self)
        try:
            yield self
        finally:
            _CURRENT.reset(token)

    def check(self, name: str, value: int, what: str) -> None:
        """Raise `LimitExceededError` if `value` is above the limit `name`."""
        maximum: int = getattr(self, name)
        if value > maximum:
            raise LimitExceededError(
                f"{what}: {value:,} is more than the limit Limits.{name} = {maximum:,}. "
                "Split the input; or, if you trust it, raise the limit: "
                f"`with Limits({name}={value}).active(): ...` (see docs/limits.md).",
                limit=name,
                value=value,
                maximum=maximum,
            )


#: The limits set by `active` (None outside any block: the defaults).
_CURRENT: ContextVar[Limits | None] = ContextVar("slaclock_limits", default=None)
#: A `Limits` is frozen, so one default shared by every context is safe.
_defaults = once(Limits)
