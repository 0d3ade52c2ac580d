"""The datetime face every calendar shares: every operation written once over the engine.

A calendar kind (`BusinessCalendar`, a union or intersection of calendars, a
calendar dated by versions) supplies its engine (open time as UTC
microseconds), the zone its results are given in, and why a date is closed;
this class turns that into the operations users call, with the same boundary
rules for all:

* Open intervals are half-open: at 09:00 the desk is open, at 17:00 it is closed.
* `add(t, d)` for d > 0 is the earliest instant at which the open time elapsed
  since t equals d, so 15:00 + 2 h is 17:00 the same day, not 09:00 the next.
* `add(t, 0)` is t when open, else the next opening (a clock starts there).
* `add(t, -d)` is the latest instant u with elapsed(u, t) == d, so
  10:00 - 1 h is 09:00 that day, not 17:00 the day before.
* Everything is exact to the microsecond on integers; results are in the
  calendar's zone; naive datetimes are refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

import numpy as np

from slaclock._checks import shorten
from slaclock._model import FrozenModel
from slaclock._time import US_PER_DAY, check_year, from_us, naive_us, to_us, us_of_timedelta
from slaclock.calendar import business_days as days
from slaclock.calendar.column import Column, Mask
from slaclock.calendar.engine import Engine
from slaclock.calendar.explanation import ClosedDay, DeadlineExplanation
from slaclock.calendar.holidays import HolidayDataInfo
from slaclock.calendar.period import OpenPeriod
from slaclock.calendar.zone import TzDatabase, zone_data
from slaclock.errors import OutOfRangeError, WrongTypeError
from slaclock.limits import Limits

if TYPE_CHECKING:
    from slaclock.calendar.any_calendar import CombinedCalendar

__all__ = ["Calendar", "Shape", "check_shape", "ordinal_of"]


class Shape(NamedTuple):
    """The size of a calendar as the limits count it (`slaclock.Limits`)."""

    #: Business calendars it holds (1 for a `BusinessCalendar`).
    calendars: int
    #: Levels of combined or versioned calendars (0 for a `BusinessCalendar`).
    depth: int
    #: The most open intervals a weekday has, summed over the calendars it holds.
    intervals: int

    @classmethod
    def around(cls, inner: Iterable[Shape]) -> Shape:
        """The shape of a calendar made of calendars of these shapes."""
        shapes = list(inner)
        return cls(
            sum(s.calendars for s in shapes),
            1 + max(s.depth for s in shapes),
            sum(s.intervals for s in shapes),
        )


def check_raw_shape(data: object, what: str) -> None:
    """Refuse raw input (nested dicts, as from JSON) for a combined or versioned calendar
    that holds more calendars, or nests unions and intersections more deeply, than the
    limits allow, before any of it is validated: the walk stops one calendar past the
    limit, so a megabyte of nested parts costs no more than the limit does."""
    limits = Limits.current()
    stack: list[tuple[object, object, int]] = [(data, None, 0)]
    calendars = 0
    while stack:
        node, parent_op, depth = stack.pop()
        if isinstance(node, Calendar):
            calendars += node.shape.calendars
            same = parent_op is not None and getattr(node, "op", None) == parent_op
            depth += node.shape.depth - same  # flattened into its parent
        elif isinstance(node, Mapping) and isinstance(parts := node.get("parts"), (list, tuple)):
            op = node.get("op")
            depth += op != parent_op  # a part of the same op is flattened into its parent
            stack.extend((p, op, depth) for p in parts)
        elif isinstance(node, Mapping) and isinstance(got := node.get("versions"), (list, tuple)):
            depth += 1
            for v in got:
                stack.append((v.get("calendar") if isinstance(v, Mapping) else v, None, depth))
        else:
            calendars += 1
        limits.check("nesting_depth", depth, f"{what} nests calendars too deeply")
        limits.check("combined_parts", calendars, f"{what} holds too many calendars")


def check_shape(shape: Shape, what: str) -> None:
    """Refuse a calendar larger than the limits in force (`LimitExceededError`)."""
    limits = Limits.current()
    limits.check("combined_parts", shape.calendars, f"{what} holds too many calendars")
    limits.check("nesting_depth", shape.depth, f"{what} nests calendars too deeply")
    limits.check("intervals_per_day", shape.intervals, f"{what} has too many open intervals a day")


def ordinal_of(day: object, what: str = "day") -> int:
    """`date.toordinal()` of a date; a datetime or anything else is a `WrongTypeError`."""
    if isinstance(day, datetime) or not isinstance(day, date):
        raise WrongTypeError(
            f"{what} must be a datetime.date, got {type(day).__name__}: {shorten(day)}; pass "
            "e.g. date(2026, 11, 24)."
        )
    return day.toordinal()


class Calendar(FrozenModel):
    """When a desk is open, and business-time arithmetic over it (the shared face)."""

    # -- what each kind of calendar supplies ---------------------------------------------------
    @property
    def result_zone(self) -> ZoneInfo:
        """The zone results are given in."""
        raise NotImplementedError

    if TYPE_CHECKING:  # each kind builds it on first use and keeps it (a cached_property)

        @property
        def engine(self) -> Engine:
            """The integer engine (UTC microseconds) behind this calendar."""

        @property
        def shape(self) -> Shape:
            """Its size as the limits count it: calendars, nesting, intervals a day."""

    def result_database(self) -> TzDatabase:
        """The tz database the result zone is read from (see `BusinessCalendar.tz_database`)."""
        raise NotImplementedError

    def closed_reason(self, day: date) -> ClosedDay | None:
        """Why the configuration closes (some of) a scheduled `day`: a holiday or closure."""
        raise NotImplementedError

    def why_closed_at(self, u: int) -> ClosedDay:
        """What closes the closed instant u (UTC microseconds)."""
        raise NotImplementedError

    def describe_hours(self) -> str:
        """The opening hours in words, for explanations."""
        raise NotImplementedError

    def summary(self) -> str:
        """One line for people: zone, hours, holidays, dated changes."""
        raise NotImplementedError

    def closed_candidates(self, year: int) -> tuple[date, ...]:
        """The dates of `year` a holiday or closure may close, sorted (a superset is fine)."""
        raise NotImplementedError

    def closed_days(self, year: int) -> tuple[ClosedDay, ...]:
        """The holidays and closures of `year` by date, re-opened dates left out: what
        `slaclock calendar YEAR` lists and its iCalendar file holds. A union,
        intersection or dated versions lists the dates it closes and the first reason."""
        check_year(year, "the year asked for")
        found = (self.closed_reason(day) for day in self.closed_candidates(year))
        return tuple(reason for reason in found if reason is not None)

    def holiday_data(self) -> HolidayDataInfo | None:
        """The holiday data this calendar has used (None if it uses none)."""
        raise NotImplementedError

    def tz_data(self) -> str:
        """Which tz database the zone(s) come from, with its version."""
        raise NotImplementedError

    def provisional_years_us(self, a: int, b: int) -> tuple[int, ...]:
        """`provisional_years` between two instants as UTC microseconds."""
        raise NotImplementedError

    def provisional_spans_us(self) -> tuple[tuple[int, int], ...]:
        """[start, end) UTC microseconds of the years whose holidays may be incomplete,
        sorted and disjoint."""
        raise NotImplementedError

    def provisional_years(self, start: datetime, end: datetime) -> tuple[int, ...]:
        """Years between two instants whose holidays may be incomplete (decreed later, or
        no data with ``missing_years="none"``). Instants outside the calendar's years
        raise `OutOfRangeError`, as `add` and `is_open` do."""
        a, b = to_us(start, "start"), to_us(end, "end")
        self.engine.span(a, "start")  # refuses an instant beyond the supported years
        self.engine.span(b, "end")
        return self.provisional_years_us(a, b)

    def provisional_many(self, start: Column, end: Column) -> Mask:
        """Whether each [start, end] (UTC microseconds, start <= end) meets a year whose
        holidays may be incomplete: `provisional_years` of each row, non-empty."""
        spans = self.provisional_spans_us()
        if len(spans) > 4:  # many spans: bisect their bounds (a span between puts two)
            bounds = np.array([x for span in spans for x in span], dtype=np.int64)
            at_start = np.searchsorted(bounds, start, "right")
            at_end = np.searchsorted(bounds, end, "right")
            many: Mask = (at_start % 2 == 1) | (at_end % 2 == 1) | (at_end - at_start >= 2)
            return many
        if not spans:
            return np.zeros(len(end), dtype=bool)
        (lo, hi), *rest = spans  # a few spans: two comparisons each beat a bisection a row
        out: Mask = (start < hi) & (end >= lo)
        for lo, hi in rest:
            out |= (start < hi) & (end >= lo)
        return out

    # -- conversions --------------------------------------------------------------------------
    def _out(self, u: int) -> datetime:
        return from_us(u, self.result_zone)

    def _local_date(self, t: datetime, what: str) -> date:
        return self._out(to_us(t, what)).date()

    def _day(self, day: date | datetime, what: str = "day") -> int:
        """A date's ordinal; a datetime stands for its date in the calendar's zone."""
        if isinstance(day, datetime):
            return self._local_date(day, what).toordinal()
        return ordinal_of(day, what)

    # -- composition -------------------------------------------------------------------------
    # The one import loop the package keeps, and it is inherent: a calendar combines into
    # a `CombinedCalendar` whose parts are calendars again, so this base class and the
    # kinds built on it know each other (imported here lazily; tests/test_layers.py).
    def __or__(self, other: Calendar) -> CombinedCalendar:
        """Open when either calendar is (follow-the-sun desks); results in self's zone."""
        from slaclock.calendar.any_calendar import CombinedCalendar

        return CombinedCalendar(op="union", parts=(self, other))

    def __and__(self, other: Calendar) -> CombinedCalendar:
        """Open when both calendars are; results in self's zone."""
        from slaclock.calendar.any_calendar import CombinedCalendar

        return CombinedCalendar(op="intersection", parts=(self, other))

    # -- point queries -------------------------------------------------------------------------
    def is_open(self, t: datetime) -> bool:
        """Whether the desk is open at instant `t` (open at 09:00, closed at 17:00)."""
        return self.engine.is_open(to_us(t))

    def next_open(self, t: datetime) -> datetime:
        """`t` if open, else the next opening: where a clock started at `t` starts."""
        return self._out(self.engine.next_open(to_us(t)))

    def previous_open(self, t: datetime) -> datetime:
        """`t` if open, else the latest open instant before it (one microsecond before the
        last closing): a rollback."""
        return self._out(self.engine.previous_open(to_us(t)))

    def next_close(self, t: datetime) -> datetime:
        """The end of the open period holding `t`, or of the next one if closed."""
        return self._out(self.engine.next_close(to_us(t)))

    def previous_close(self, t: datetime) -> datetime:
        """The latest closing at or before `t`."""
        return self._out(self.engine.previous_close(to_us(t)))

    def why_closed(self, t: datetime) -> ClosedDay | None:
        """None if open at `t`; else what closes it: a holiday (with its name), a closure
        (with its reason), or the hours (outside hours, or a day with none)."""
        u = to_us(t)
        if self.engine.is_open(u):
            return None
        return self.why_closed_at(u)

    # -- arithmetic -----------------------------------------------------------------------------
    def add(self, t: datetime, duration: timedelta) -> datetime:
        """The deadline: the earliest instant at which `duration` of open time has elapsed.

        Negative durations go backward (the latest instant `duration` of open
        time before `t`); zero returns `t` if open, else the next opening.
        """
        d = us_of_timedelta(duration)
        return self._out(self.engine.add(to_us(t, "start"), d))

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Open time between two instants; negative when `end` precedes `start`."""
        us = self.engine.elapsed(to_us(start, "start"), to_us(end, "end"))
        return timedelta(microseconds=us)

    def periods(self, start: datetime, end: datetime) -> Iterator[OpenPeriod]:
        """The open periods between two instants, clipped to them (empty if end <= start)."""
        runs = self.engine.runs(to_us(start, "start"), to_us(end, "end"))
        return (OpenPeriod(self._out(s), self._out(e)) for s, e in runs)

    def periods_after(self, t: datetime) -> Iterator[OpenPeriod]:
        """Open periods from `t` onward, the first clipped at `t`, with no end point (the
        iteration stops with `OutOfRangeError` only where the supported years end)."""
        runs = self.engine.periods_after(to_us(t))
        return (OpenPeriod(self._out(s), self._out(e)) for s, e in runs)

    def periods_before(self, t: datetime) -> Iterator[OpenPeriod]:
        """Open periods before `t`, latest first, the first clipped at `t`."""
        runs = self.engine.periods_before(to_us(t))
        return (OpenPeriod(self._out(s), self._out(e)) for s, e in runs)

    # -- whole business days -------------------------------------------------------------------
    def is_business_day(self, day: date | datetime) -> bool:
        """Whether `day` has open time (after holidays and closures). A datetime stands for
        its date in the calendar's zone."""
        return days.is_business_day(self.engine, self._day(day))

    def add_business_days(self, day: date | datetime, n: int) -> date | datetime:
        """The n-th business day after `day` (before, if n < 0); n == 0 rolls forward.

        Given a datetime, the result keeps its wall-clock time of day in the
        calendar's zone: "the next business day at the same time". A time that
        the clocks skip that day (DST) becomes the instant after the gap.
        """
        if not isinstance(n, int) or isinstance(n, bool):
            raise WrongTypeError(f"n must be an int number of business days, got {shorten(n)}.")
        engine = self.engine
        if isinstance(day, datetime):
            local = self._out(to_us(day, "day"))
            result = date.fromordinal(days.add_business_days(engine, local.date().toordinal(), n))
            return self.at(result, local.time().replace(tzinfo=None, fold=0))
        return date.fromordinal(days.add_business_days(engine, ordinal_of(day), n))

    def business_days_between(self, start: date | datetime, end: date | datetime) -> int:
        """Business days d with start <= d < end (negative if end < start)."""
        return days.business_days_between(
            self.engine, self._day(start, "start"), self._day(end, "end")
        )

    def at(self, day: date, at: time) -> datetime:
        """The first instant the clocks in the calendar's zone read `at` on `day`: the
        first of two in a repeated hour, the end of the jump in a skipped one."""
        local = naive_us(day, at.replace(tzinfo=None))
        starts, _, _ = zone_data(self.result_zone, self.result_database()).preimage(
            np.array([local], dtype=np.int64), np.array([local + US_PER_DAY], dtype=np.int64)
        )
        return self._out(int(starts[0]))

    def deadline_by(self, t: datetime, at: time, business_days: int = 1) -> datetime:
        """ "By `at` on the n-th business day": a target form many helpdesks offer.

        The clock starts at `t` (at the next opening if closed); the deadline is
        the wall-clock time `at` on the `business_days`-th business day after the
        clock's start date (0: the same date if it is a business day). If that
        instant comes before the clock starts, the next business day's `at`.
        """
        if not isinstance(at, time) or at.tzinfo is not None:
            raise WrongTypeError(
                f"at must be a plain datetime.time (wall clock), got {shorten(at)}."
            )
        if not isinstance(business_days, int) or isinstance(business_days, bool):
            raise WrongTypeError(f"business_days must be an int, got {shorten(business_days)}.")
        if business_days < 0:
            raise OutOfRangeError(f"business_days must be 0 or more, got {business_days}.")
        at_us = ((at.hour * 60 + at.minute) * 60 + at.second) * 1_000_000 + at.microsecond
        return self._out(days.deadline_by(self.engine, to_us(t, "t"), at_us, business_days))

    # -- which days are closed ----------------------------------------------------------------
    def next_closed_day(self, day: date | datetime) -> ClosedDay:
        """The first date on or after `day` that a holiday or closure closes, and why."""
        return self._closed_day_search(self._day(day), 1)

    def previous_closed_day(self, day: date | datetime) -> ClosedDay:
        """The last date on or before `day` that a holiday or closure closes, and why."""
        return self._closed_day_search(self._day(day), -1)

    def _closed_day_search(self, o: int, step: int) -> ClosedDay:
        source = self.engine.source
        start = date.fromordinal(o)
        year = start.year
        while source.first_year <= year <= source.last_year:
            candidates = self.closed_candidates(year)
            for day in candidates if step > 0 else reversed(candidates):
                if (day >= start if step > 0 else day <= start) and (
                    found := self.closed_reason(day)
                ) is not None:
                    return found
            year += step
        way = "after" if step > 0 else "before"
        raise OutOfRangeError(
            f"no holiday or closure closes a scheduled day {way} {start} within the "
            f"calendar's years ({source.first_year}-{source.last_year})."
        )

    # -- explanations --------------------------------------------------------------------------
    def explain(self, t: datetime, duration: timedelta) -> DeadlineExplanation:
        """`add(t, duration)` with its reasons: periods counted, days skipped, data used."""
        d = us_of_timedelta(duration)
        u = to_us(t, "start")
        if d < 0:
            raise OutOfRangeError(
                "explain() covers forward deadlines; pass a positive duration "
                "(use add() for backward arithmetic)."
            )
        engine = self.engine
        clock = engine.next_open(u)
        due = engine.add(u, d)
        nothing = np.zeros(0, np.int64)
        starts, ends = engine.runs_within(clock, due) if clock < due else (nothing, nothing)
        keep = Limits.current().explanation_periods
        shown = np.arange(len(starts))
        if len(starts) > keep:  # the first and last halves: an explanation stays readable
            tail = len(starts) - (keep - keep // 2)
            shown = np.concatenate([shown[: keep // 2], shown[tail:]])
        out = self._out
        periods = tuple(OpenPeriod(out(int(starts[k])), out(int(ends[k]))) for k in shown)
        gap: tuple[date, date] | None = None
        if len(periods) < len(starts):
            gap = (periods[keep // 2 - 1].end.date(), periods[keep // 2].start.date())
        first, last = self._out(u).date(), self._out(due).date()
        closed: list[ClosedDay] = []
        omitted_days = 0
        for year in range(first.year, last.year + 1):  # the candidates, not every date
            for day in self.closed_candidates(year):
                if first <= day <= last and (reason := self.closed_reason(day)) is not None:
                    if gap is not None and gap[0] < day < gap[1]:
                        omitted_days += 1
                    else:
                        closed.append(reason)
        start_dt = t.astimezone(self.result_zone)
        due_dt = self._out(due)
        return DeadlineExplanation(
            start=start_dt,
            clock_start=self._out(clock),
            duration=duration,
            deadline=due_dt,
            periods=periods,
            closed_days=tuple(closed),
            periods_omitted=len(starts) - len(periods),
            omitted_time=timedelta(microseconds=int((ends - starts).sum()))
            - sum((p.duration for p in periods), timedelta()),
            closed_days_omitted=omitted_days,
            schedule=self.describe_hours(),
            zone=str(self.result_zone.key),
            provisional_years=self.provisional_years(start_dt, due_dt),
            holiday_data=self.holiday_data(),
            tz_data=self.tz_data(),
        )
