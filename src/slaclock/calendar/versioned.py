"""A calendar dated by when it applied: hours changed on 2026-03-01, a desk moved zone.

Each version applies from local midnight of its `since` date (in its own
zone) until the next version starts; the first applies from the start of the
supported years. A history of tickets is then measured with the calendar in
force at each instant, and a date's business day is decided by the version
that applies on that date. Results come in the zone of the latest version.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
from pydantic import field_validator, model_validator

from slaclock._checks import shorten
from slaclock._model import FrozenModel
from slaclock._time import check_year, to_us
from slaclock.calendar.base import Calendar, Shape, check_raw_shape, check_shape
from slaclock.calendar.business_days import is_business_day_many
from slaclock.calendar.column import Column
from slaclock.calendar.derived_source import DerivedSource, merged_spans
from slaclock.calendar.engine import Engine
from slaclock.calendar.explanation import ClosedDay
from slaclock.calendar.holidays import HolidayDataInfo
from slaclock.calendar.zone import TzDatabase
from slaclock.errors import InvalidScheduleError

if TYPE_CHECKING:
    from slaclock.calendar.any_calendar import AnyCalendar

__all__ = ["Version", "VersionedCalendar", "VersionedSource"]

I64 = np.int64


class Version(FrozenModel):
    """One calendar and the date it applied from (None for the first: from the start)."""

    since: date | None = None
    calendar: AnyCalendar

    @field_validator("since", mode="after")
    @classmethod
    def _year(cls, v: date | None) -> date | None:
        if v is not None:
            check_year(v.year, f"version since {v}")
        return v

    def start_us(self) -> int | None:
        """The first instant this version applies (local midnight of `since`)."""
        if self.since is None:
            return None
        return to_us(self.calendar.at(self.since, time(0)))


class VersionedSource(DerivedSource):
    """The open runs of dated versions, each clipped to when it applied."""

    def __init__(self, parts: list[Engine], starts: list[int | None], days: list[int | None]):
        first = parts[0].source.min_us
        super().__init__(parts[-1].source, parts, first, parts[-1].source.max_us)
        self.starts = [first if s is None else s for s in starts]
        self.ends = [*self.starts[1:], self.max_us]
        self.days = [date(1, 1, 1).toordinal() if d is None else d for d in days]

    def build(self, first_year: int, last_year: int) -> tuple[Column, Column, Column]:
        lo, hi = self.window(first_year, last_year)
        first_day, last_day = self.days_of(first_year, last_year)
        starts, ends, bdays = [], [], []
        for k, part in enumerate(self.parts):
            a, b = max(lo, self.starts[k]), min(hi, self.ends[k])
            if a < b:
                s, e = part.runs_within(a, b)
                starts.append(s)
                ends.append(e)
            day_a = max(first_day, self.days[k])
            day_b = min(last_day, self.days[k + 1] - 1 if k + 1 < len(self.days) else last_day)
            if day_a <= day_b:
                candidates = np.arange(day_a, day_b + 1, dtype=I64)
                bdays.append(candidates[is_business_day_many(part, candidates)])
        empty = np.zeros(0, dtype=I64)
        return (
            np.concatenate(starts) if starts else empty,
            np.concatenate(ends) if ends else empty,
            np.concatenate(bdays) if bdays else empty,
        )


class VersionedCalendar(Calendar):
    """Calendars dated by when they applied; the same operations over their history."""

    versions: tuple[Version, ...]

    @model_validator(mode="before")
    @classmethod
    def _not_too_large(cls, data: object) -> object:
        check_raw_shape(data, "a versioned calendar")
        return data

    @field_validator("versions", mode="after")
    @classmethod
    def _ordered(cls, v: tuple[Version, ...]) -> tuple[Version, ...]:
        if not v:
            raise InvalidScheduleError("give at least one version: Version(calendar=...).")
        if v[0].since is not None:
            raise InvalidScheduleError(
                f"the first version applies from the start, so it takes no since date (got "
                f"{v[0].since}); give Version(calendar=...) first, then the dated changes."
            )
        for prev, nxt in itertools.pairwise(v[1:]):
            assert prev.since is not None and nxt.since is not None
            if nxt.since <= prev.since:
                raise InvalidScheduleError(
                    f"versions must be in date order: {nxt.since} comes after {prev.since}; "
                    "sort them, one version per date."
                )
        for later in v[1:]:
            if later.since is None:
                raise InvalidScheduleError(
                    "only the first version may omit since; give every later one the date it "
                    f"applied from ({shorten(later.calendar.describe_hours())})."
                )
        return v

    @model_validator(mode="after")
    def _within_limits(self) -> VersionedCalendar:
        check_shape(self.shape, "a versioned calendar")
        return self

    @cached_property
    def shape(self) -> Shape:
        """How many calendars it holds, how deeply they nest, intervals a day in all."""
        return Shape.around(v.calendar.shape for v in self.versions)

    @cached_property
    def engine(self) -> Engine:
        """The engine of the open time in force at each instant (built on first use)."""
        return Engine(
            VersionedSource(
                [v.calendar.engine for v in self.versions],
                [v.start_us() for v in self.versions],
                [v.since.toordinal() if v.since else None for v in self.versions],
            )
        )

    def version_on(self, day: date) -> Version:
        """The version that applies on `day`."""
        chosen = self.versions[0]
        for v in self.versions[1:]:
            if v.since is not None and v.since <= day:
                chosen = v
        return chosen

    def version_at(self, t: datetime) -> Version:
        """The version in force at instant `t`."""
        u = to_us(t)
        chosen = self.versions[0]
        for v in self.versions[1:]:
            start = v.start_us()
            if start is not None and start <= u:
                chosen = v
        return chosen

    @property
    def zone(self) -> ZoneInfo:
        """The latest version's zone: results are given in it."""
        return self.versions[-1].calendar.zone

    @property
    def result_zone(self) -> ZoneInfo:
        return self.zone

    def result_database(self) -> TzDatabase:
        """The tz database the result zone is read from."""
        return self.versions[-1].calendar.result_database()

    def summary(self) -> str:
        return "; ".join(
            f"{'from ' + str(v.since) if v.since else 'at first'}: {v.calendar.summary()}"
            for v in self.versions
        )

    def __repr__(self) -> str:
        return f"VersionedCalendar({self.describe_hours()})"

    def describe_hours(self) -> str:
        parts = []
        for v in self.versions:
            when = f"from {v.since}" if v.since else "at first"
            parts.append(f"{when}: {v.calendar.describe_hours()} ({v.calendar.zone.key})")
        return "; ".join(parts)

    def closed_candidates(self, year: int) -> tuple[date, ...]:
        return tuple(
            sorted({d for v in self.versions for d in v.calendar.closed_candidates(year)})
        )

    def closed_reason(self, day: date) -> ClosedDay | None:
        return self.version_on(day).calendar.closed_reason(day)

    def why_closed_at(self, u: int) -> ClosedDay:
        return self.version_at(self._out(u)).calendar.why_closed_at(u)

    def holiday_data(self) -> HolidayDataInfo | None:
        return self.versions[-1].calendar.holiday_data()

    def tz_data(self) -> str:
        return "; ".join(dict.fromkeys(v.calendar.tz_data() for v in self.versions))

    def provisional_years_us(self, a: int, b: int) -> tuple[int, ...]:
        years = {y for v in self.versions for y in v.calendar.provisional_years_us(a, b)}
        return tuple(sorted(years))

    def provisional_spans_us(self) -> tuple[tuple[int, int], ...]:
        return self.provisional_spans

    @cached_property
    def provisional_spans(self) -> tuple[tuple[int, int], ...]:
        """`provisional_spans_us`, computed once (the calendar is immutable)."""
        return merged_spans(s for v in self.versions for s in v.calendar.provisional_spans_us())
