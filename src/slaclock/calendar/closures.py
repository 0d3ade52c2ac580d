"""Dated changes to the weekly hours: closures take time away, openings add it.

A whole-day `Closure` closes the date like a holiday: the hours that start on
it (an overnight shift included). A `Closure` with hours closes those
wall-clock hours of the date, whichever shift they belong to. An `Opening`
adds hours on a date (a Saturday, a holiday worked in the morning), and wins
over holidays and closures for the time it names.
"""

from __future__ import annotations

from datetime import date

from pydantic import field_validator

from slaclock import _text as short
from slaclock._checks import cut
from slaclock._model import FrozenModel
from slaclock._time import check_year
from slaclock.calendar.schedule import OpenInterval

__all__ = ["Closure", "Opening"]


class Closure(FrozenModel):
    """A date the provider closes: the whole day, or only `hours` of it (wall-clock)."""

    day: date
    hours: OpenInterval | None = None
    reason: str = "closure"

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, v: object) -> object:
        return OpenInterval.parse(v) if isinstance(v, str) else v

    @field_validator("day", mode="after")
    @classmethod
    def _year(cls, v: date) -> date:
        check_year(v.year, f"closure on {v}")
        return v

    def __str__(self) -> str:
        span = f" {self.hours}" if self.hours is not None else ""
        return f"{self.day.isoformat()}{span} ({self.reason})"

    def __repr__(self) -> str:
        span = f" {self.hours}" if self.hours is not None else ""
        return f"Closure({self.day.isoformat()}{span}, {short.text(self.reason)})"


class Opening(FrozenModel):
    """Hours the provider opens on a date beyond the weekly schedule (wall-clock; may be
    overnight), e.g. a Saturday morning or a holiday worked until noon."""

    day: date
    hours: OpenInterval
    reason: str = "special opening"

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, v: object) -> object:
        return OpenInterval.parse(v) if isinstance(v, str) else v

    @field_validator("day", mode="after")
    @classmethod
    def _year(cls, v: date) -> date:
        check_year(v.year, f"opening on {v}")
        return v

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.hours} ({cut(self.reason, 60)})"

    def __repr__(self) -> str:
        return f"Opening({self.day.isoformat()} {self.hours}, {short.text(self.reason)})"
