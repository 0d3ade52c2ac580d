"""Dated changes to the weekly hours: closures take time away, openings add it.

A whole-day `Closure` closes the date like a holiday: the hours that start on
it (an overnight shift included). A `Closure` with hours closes those
wall-clock hours of the date, whichever shift they belong to. An `Opening`
adds hours on a date (a Saturday, a holiday worked in the morning), and wins
over holidays and closures for the time it names.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import field_validator

from slaclock import _text as short
from slaclock._checks import cut
from slaclock._model import FrozenModel
from slaclock._time import check_year
from slaclock.calendar.schedule import OpenInterval

__all__ = ["Closure", "Opening"]


class _DatedHours(FrozenModel):
    """A date in the supported years, with wall-clock hours given as text or a model."""

    #: What the date is, in errors.
    what: ClassVar[str] = "date"
    day: date

    @field_validator("hours", mode="before", check_fields=False)
    @classmethod
    def _hours(cls, v: object) -> object:
        return OpenInterval.parse(v) if isinstance(v, str) else v

    @field_validator("day", mode="after")
    @classmethod
    def _year(cls, v: date) -> date:
        check_year(v.year, f"{cls.what} on {v}")
        return v


class Closure(_DatedHours):
    """A date the provider closes: the whole day, or only `hours` of it (wall-clock)."""

    what: ClassVar[str] = "closure"
    hours: OpenInterval | None = None
    reason: str = "closure"

    def __str__(self) -> str:
        span = f" {self.hours}" if self.hours is not None else ""
        return f"{self.day.isoformat()}{span} ({self.reason})"

    def __repr__(self) -> str:
        span = f" {self.hours}" if self.hours is not None else ""
        return f"Closure({self.day.isoformat()}{span}, {short.text(self.reason)})"


class Opening(_DatedHours):
    """Hours the provider opens on a date beyond the weekly schedule (wall-clock; may be
    overnight), e.g. a Saturday morning or a holiday worked until noon."""

    what: ClassVar[str] = "opening"
    hours: OpenInterval
    reason: str = "special opening"

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.hours} ({cut(self.reason, 60)})"

    def __repr__(self) -> str:
        return f"Opening({self.day.isoformat()} {self.hours}, {short.text(self.reason)})"
