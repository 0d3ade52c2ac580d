"""BusinessCalendar: when a helpdesk is open, and business-time arithmetic over it.

Boundary rules (the ones a user can trip on):

* Open intervals are half-open: at 09:00 the desk is open, at 17:00 it is closed.
* `add(t, d)` for d > 0 is the earliest instant at which the open time elapsed
  since t equals d, so 15:00 + 2 h is 17:00 the same day, not 09:00 the next.
* `add(t, 0)` is t when open, else the next opening (a clock starts there).
* `add(t, -d)` is the latest instant u with elapsed(u, t) == d, so
  10:00 - 1 h is 09:00 that day, not 17:00 the day before.
* Everything is exact to the microsecond on integers; results are in the
  calendar's zone; naive datetimes are refused.

This class is configuration plus conversions; the arithmetic is the
integer engine's (`slaclock.calendar.engine`), reached through `engine`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator, model_validator

from slaclock._checks import iterable_of, shorten
from slaclock._model import FrozenModel
from slaclock._time import US_PER_DAY, check_year, from_us, to_us, us_of_timedelta
from slaclock.calendar.closures import Closure
from slaclock.calendar.days import DayPlan, Runs
from slaclock.calendar.display import calendar_html
from slaclock.calendar.engine import Engine
from slaclock.calendar.explanation import ClosedDay, DeadlineExplanation
from slaclock.calendar.holidays import Holiday, HolidayDataInfo, HolidayRules
from slaclock.calendar.period import OpenPeriod
from slaclock.calendar.schedule import WEEKDAY_NAMES, WeeklySchedule
from slaclock.calendar.source import ZonedPlan
from slaclock.errors import (
    InvalidScheduleError,
    OutOfRangeError,
    UnknownTimeZoneError,
    WrongTypeError,
)

__all__ = ["ARGENTINA_ZONE", "BASIC_HOURS", "BusinessCalendar", "argentina"]

ARGENTINA_ZONE = "America/Argentina/Buenos_Aires"
#: The manual's hours: Monday to Friday, 09:00 to 17:00.
BASIC_HOURS = WeeklySchedule.weekdays("09:00-17:00")


class BusinessCalendar(FrozenModel):
    """A zone, a weekly schedule, public holidays, and the user's closures and re-openings.

    Immutable and hashable. The default is the manual's: Buenos Aires time,
    Monday-Friday 09:00-17:00, Argentine public holidays (non-working days closed).
    """

    zone: ZoneInfo = ZoneInfo(ARGENTINA_ZONE)
    schedule: WeeklySchedule = BASIC_HOURS
    holidays: HolidayRules | None = HolidayRules()
    closures: tuple[Closure, ...] = ()
    reopened: frozenset[date] = frozenset()

    @field_validator("zone", mode="before")
    @classmethod
    def _zone(cls, v: object) -> object:
        if isinstance(v, str):
            try:
                return ZoneInfo(v)
            # A folder ("America") or an overlong key is an OSError from the file system.
            except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
                raise UnknownTimeZoneError(
                    f"time zone {shorten(v)} is not in the IANA database; use a key such as "
                    f"{ARGENTINA_ZONE!r} (tzdata is installed with slaclock)."
                ) from exc
        if not isinstance(v, ZoneInfo):
            raise UnknownTimeZoneError(
                f"zone must be a zoneinfo.ZoneInfo or an IANA key string, got {shorten(v)}; "
                "fixed offsets are refused because they ignore DST history."
            )
        return v

    @field_validator("closures", mode="after")
    @classmethod
    def _closure_years(cls, v: tuple[Closure, ...]) -> tuple[Closure, ...]:
        for c in v:
            check_year(c.day.year, f"closure on {c.day} ({shorten(c.reason)})")
        return v

    @model_validator(mode="after")
    def _reopened_days(self) -> BusinessCalendar:
        """A re-opened date undoes a holiday: it must be a scheduled day, and not closed."""
        whole_day = {c.day: c for c in self.closures if c.hours is None}
        for day in sorted(self.reopened):
            check_year(day.year, f"re-opened date {day}")
            if not self.schedule.days[day.weekday()]:
                weekday = WEEKDAY_NAMES[day.weekday()]
                raise InvalidScheduleError(
                    f"re-opened date {day} is a {weekday.title()}, which has no scheduled "
                    "hours: re-opening only undoes a holiday. Remove it from reopened, or give "
                    f"{weekday}s open hours in the schedule."
                )
            closure = whole_day.get(day)
            if closure is not None:
                raise InvalidScheduleError(
                    f"{day} is both re-opened and closed all day (closure "
                    f"{shorten(closure.reason)}); "
                    "keep one: remove the closure, or remove the date from reopened."
                )
        return self

    @cached_property
    def engine(self) -> Engine:
        """The integer engine (UTC microseconds) behind this calendar, for in-package clients.

        Built on first use and kept with the instance (never in dumps, equality or pickles).
        """
        cuts: dict[int, Runs] = {}
        for c in self.closures:
            span = (0, US_PER_DAY) if c.hours is None else (c.hours.start_us, c.hours.end_us)
            o = c.day.toordinal()
            cuts[o] = (*cuts.get(o, ()), span)
        weekly = tuple(self.schedule.open_us(wd) for wd in range(7))
        plan = DayPlan(weekly=weekly, closed_dates=self._closed_dates, cuts=cuts)
        return Engine(ZonedPlan(plan, self.zone))

    def _closed_dates(self, year: int) -> frozenset[int]:
        if self.holidays is None:
            return frozenset()
        days = self.holidays.for_year(year)
        return frozenset(d.toordinal() for d in days if d not in self.reopened)

    # -- variants (what-if studies) ---------------------------------------------------------
    def with_hours(self, *intervals: str) -> BusinessCalendar:
        """The same calendar open `intervals` Monday-Friday: ``with_hours("08:00-18:00")``."""
        return self.model_copy(update={"schedule": WeeklySchedule.weekdays(*intervals)})

    def with_schedule(self, schedule: WeeklySchedule) -> BusinessCalendar:
        """The same calendar with another weekly schedule."""
        return self.model_copy(update={"schedule": schedule})

    def with_non_working_days(self, closed: bool) -> BusinessCalendar:
        """The same calendar with Argentina's "días no laborables" closed (True) or worked."""
        if self.holidays is None:
            return self
        rules = self.holidays.model_copy(update={"non_working_days": closed})
        return self.model_copy(update={"holidays": rules})

    # -- display ------------------------------------------------------------------------------
    def summary(self) -> str:
        """One line for people: zone | weekly hours | holidays | closures (and re-openings).

        e.g. "America/Argentina/Buenos_Aires | Mon-Fri 09:00-17:00 | holidays AR public |
        no closures".
        """
        rules = self.holidays
        if rules is None:
            days = "no public holidays"
        else:
            where = rules.country + (f"-{rules.subdivision}" if rules.subdivision else "")
            days = f"holidays {where} {'+'.join(rules.categories)}"
            if not rules.non_working_days:
                days += ", días no laborables worked"
        n = len(self.closures)
        parts = [str(self.zone.key), str(self.schedule), days]
        parts.append(f"{n} closure{'s' if n != 1 else ''}" if n else "no closures")
        if self.reopened:
            k = len(self.reopened)
            parts.append(f"{k} re-opened date{'s' if k != 1 else ''}")
        return " | ".join(parts)

    def __repr__(self) -> str:
        return f"BusinessCalendar({self.summary()})"

    def _repr_html_(self) -> str:
        return calendar_html(self)

    # -- identity: fields only, never the lazily built engine --------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessCalendar):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[object, ...]:
        return (self.zone, self.schedule, self.holidays, self.closures, self.reopened)

    # -- which days are closed, and why ---------------------------------------------------------
    def holiday(self, day: date) -> Holiday | None:
        """The public holiday that closes `day` (with its name), or None."""
        _ordinal(day)
        if self.holidays is None or day in self.reopened:
            return None
        check_year(day.year, f"date {day}")
        return self.holidays.for_year(day.year).get(day)

    def closures_on(self, day: date) -> tuple[Closure, ...]:
        """The user's closures on `day`."""
        return tuple(c for c in self.closures if c.day == day)

    def holiday_data(self) -> HolidayDataInfo | None:
        """The `holidays` package version, country and years this calendar has used."""
        if self.holidays is None:
            return None
        return self.holidays.info(self.engine.years)

    def tz_data(self) -> str:
        """Which tz database the calendar reads its zone from, with its version."""
        return self.engine_source.data.describe()

    @property
    def engine_source(self) -> ZonedPlan:
        """The day plan and zone the engine builds from."""
        source = self.engine.source
        assert isinstance(source, ZonedPlan)
        return source

    def provisional_years(self, start: datetime, end: datetime) -> tuple[int, ...]:
        """Years between two instants whose decree-set holidays may be missing from the data.

        Argentina declares bridge days year by year; a result that depends on a
        later year than `holiday_data().complete_through` may move when they are.
        """
        a = to_us(start, "start")
        b = to_us(end, "end")
        if self.holidays is None:
            return ()
        source = self.engine_source
        first, last = source.year_of(min(a, b)), source.year_of(max(a, b))
        return self.holidays.provisional_years(first, last)

    # -- point queries ----------------------------------------------------------------------
    def is_open(self, t: datetime) -> bool:
        """Whether the desk is open at instant `t` (open at 09:00, closed at 17:00)."""
        return self.engine.is_open(to_us(t))

    def next_open(self, t: datetime) -> datetime:
        """`t` if open, else the next opening: where a clock started at `t` starts."""
        return from_us(self.engine.next_open(to_us(t)), self.zone)

    def next_close(self, t: datetime) -> datetime:
        """The end of the open period holding `t`, or of the next one if closed."""
        return from_us(self.engine.next_close(to_us(t)), self.zone)

    def previous_close(self, t: datetime) -> datetime:
        """The latest closing at or before `t`."""
        return from_us(self.engine.previous_close(to_us(t)), self.zone)

    # -- arithmetic --------------------------------------------------------------------------
    def add(self, t: datetime, duration: timedelta) -> datetime:
        """The deadline: the earliest instant at which `duration` of open time has elapsed.

        Negative durations go backward (the latest instant `duration` of open
        time before `t`); zero returns `t` if open, else the next opening.
        """
        return from_us(self.engine.add(to_us(t, "start"), us_of_timedelta(duration)), self.zone)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Open time between two instants; negative when `end` precedes `start`."""
        us = self.engine.elapsed(to_us(start, "start"), to_us(end, "end"))
        return timedelta(microseconds=us)

    def periods(self, start: datetime, end: datetime) -> Iterator[OpenPeriod]:
        """The open periods between two instants, clipped to them (empty if end <= start)."""
        runs = self.engine.runs(to_us(start, "start"), to_us(end, "end"))
        return (OpenPeriod(from_us(s, self.zone), from_us(e, self.zone)) for s, e in runs)

    # -- whole business days ------------------------------------------------------------------
    def is_business_day(self, day: date) -> bool:
        """Whether `day` has any open time (after holidays and closures)."""
        return self.engine.is_business_day(_ordinal(day))

    def add_business_days(self, day: date, n: int) -> date:
        """The n-th business day after `day` (before, if n < 0); n == 0 rolls forward."""
        if not isinstance(n, int) or isinstance(n, bool):
            raise WrongTypeError(
                f"n must be an int number of business days, got {shorten(n)}; e.g. 3 or -3."
            )
        return date.fromordinal(self.engine.add_business_days(_ordinal(day), n))

    def business_days_between(self, start: date, end: date) -> int:
        """Business days d with start <= d < end (negative if end < start)."""
        return self.engine.business_days_between(_ordinal(start), _ordinal(end))

    # -- explanations ----------------------------------------------------------------------------
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
        zone = self.zone
        periods = tuple(
            OpenPeriod(from_us(s, zone), from_us(e, zone)) for s, e in engine.runs(clock, due)
        )
        closed: list[ClosedDay] = []
        day = from_us(u, zone).date()
        last = from_us(due, zone).date()
        while day <= last:
            if self.schedule.open_us(day.weekday()):
                h = self.holiday(day)
                if h is not None:
                    closed.append(ClosedDay(day=day, reason=str(h.name), kind=h.kind))
                for c in self.closures_on(day):
                    closed.append(
                        ClosedDay(day=day, reason=c.reason, kind="closure", hours=c.hours)
                    )
            day += timedelta(days=1)
        start_dt = t.astimezone(zone)
        due_dt = from_us(due, zone)
        return DeadlineExplanation(
            start=start_dt,
            clock_start=from_us(clock, zone),
            duration=duration,
            deadline=due_dt,
            periods=periods,
            closed_days=tuple(closed),
            schedule=str(self.schedule),
            zone=str(zone.key),
            provisional_years=self.provisional_years(start_dt, due_dt),
            holiday_data=self.holiday_data(),
            tz_data=self.tz_data(),
        )


def _ordinal(day: date) -> int:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise WrongTypeError(
            f"expected a datetime.date, got {type(day).__name__}: {shorten(day)}; pass e.g. "
            "date(2026, 11, 24)."
        )
    return day.toordinal()


def argentina(
    *,
    hours: str | Iterable[str] | WeeklySchedule | None = None,
    non_working_days: bool = True,
    closures: Iterable[Closure] = (),
    reopened: Iterable[date] = (),
    categories: tuple[str, ...] = ("public",),
) -> BusinessCalendar:
    """The manual's calendar: Mon-Fri 09:00-17:00 Buenos Aires, Argentine holidays.

    `hours` changes the weekday hours ("08:00-18:00", several intervals, or a
    whole `WeeklySchedule`). `non_working_days=False` opens the "días no
    laborables" (Maundy Thursday, tourism bridge days) as a whole, for
    providers who work on them.
    """
    return BusinessCalendar(
        schedule=_schedule(hours) if hours is not None else BASIC_HOURS,
        holidays=HolidayRules(categories=categories, non_working_days=non_working_days),
        closures=tuple(iterable_of(closures, Closure, "closures")),
        reopened=frozenset(iterable_of(reopened, date, "reopened")),
    )


def _schedule(hours: str | Iterable[str] | WeeklySchedule) -> WeeklySchedule:
    if isinstance(hours, WeeklySchedule):
        return hours
    return WeeklySchedule.weekdays(*((hours,) if isinstance(hours, str) else tuple(hours)))
