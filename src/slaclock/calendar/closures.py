"""Dated changes to the weekly hours: closures take time away, openings add it.

A whole-day `Closure` closes the date like a holiday: the hours that start on
it (an overnight shift included). A `Closure` with hours closes those
wall-clock hours of the date, whichever shift they belong to. An `Opening`
adds hours on a date (a Saturday, a holiday worked in the morning), and wins
over holidays and closures for the time it names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from pydantic import field_validator

from slaclock import _text as short
from slaclock._checks import cut
from slaclock._model import FrozenModel
from slaclock._time import check_year
from slaclock.calendar.holidays import DatedHoliday
from slaclock.calendar.schedule import OpenInterval

__all__ = ["Closure", "DatedIndex", "Opening"]


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


@dataclass(frozen=True, slots=True)
class DatedIndex:
    """A calendar's dated entries looked up by date and by year, built once (linear).

    `closures` keeps each date's closures with their position in the calendar's
    tuple, so a search over two dates can report them in the user's order.
    """

    closures: Mapping[date, tuple[tuple[int, Closure], ...]]
    openings: Mapping[date, tuple[Opening, ...]]
    #: The first named holiday of each date.
    named: Mapping[date, DatedHoliday]
    #: Per year, the dates a closure or a named holiday may close.
    closed_by_year: Mapping[int, frozenset[date]]
    #: Per year, the dates of named holidays.
    named_by_year: Mapping[int, frozenset[date]]

    @classmethod
    def of(
        cls,
        closures: Iterable[Closure],
        openings: Iterable[Opening],
        named: Iterable[DatedHoliday],
    ) -> DatedIndex:
        """Index the entries (each looked at once)."""
        by_day: dict[date, list[tuple[int, Closure]]] = {}
        for k, c in enumerate(closures):
            by_day.setdefault(c.day, []).append((k, c))
        open_by_day: dict[date, list[Opening]] = {}
        for o in openings:
            open_by_day.setdefault(o.day, []).append(o)
        first: dict[date, DatedHoliday] = {}
        for h in named:
            first.setdefault(h.day, h)
        years: dict[int, set[date]] = {}
        named_years: dict[int, set[date]] = {}
        for day in by_day:
            years.setdefault(day.year, set()).add(day)
        for day in first:
            years.setdefault(day.year, set()).add(day)
            named_years.setdefault(day.year, set()).add(day)
        return cls(
            closures={d: tuple(v) for d, v in by_day.items()},
            openings={d: tuple(v) for d, v in open_by_day.items()},
            named=first,
            closed_by_year={y: frozenset(v) for y, v in years.items()},
            named_by_year={y: frozenset(v) for y, v in named_years.items()},
        )

    def closures_on(self, day: date) -> tuple[Closure, ...]:
        """The closures of `day`, in the calendar's order."""
        return tuple(c for _, c in self.closures.get(day, ()))
