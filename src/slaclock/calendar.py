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
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator

from slaclock._index import IndexHolder, OpenIndex
from slaclock._model import FrozenModel
from slaclock._time import (
    EPOCH,
    MAX_YEAR,
    MIN_YEAR,
    US_PER_DAY,
    check_year,
    from_us,
    to_us,
    us_of_timedelta,
)
from slaclock.closures import Closure, Holiday, HolidayDataInfo, HolidayRules
from slaclock.errors import NoOpenTimeError, OutOfRangeError, UnknownTimeZoneError
from slaclock.explanation import ClosedDay, DeadlineExplanation
from slaclock.period import OpenPeriod
from slaclock.schedule import WeeklySchedule

__all__ = ["ARGENTINA_ZONE", "BASIC_HOURS", "BusinessCalendar", "argentina"]

ARGENTINA_ZONE = "America/Argentina/Buenos_Aires"
#: The manual's hours: Monday to Friday, 09:00 to 17:00.
BASIC_HOURS = WeeklySchedule.weekdays("09:00-17:00")


def _year_of(us: int) -> int:
    return (EPOCH + timedelta(microseconds=us)).year


def _subtract(
    runs: tuple[tuple[int, int], ...], cuts: Iterable[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    out = list(runs)
    for cs, ce in cuts:
        nxt: list[tuple[int, int]] = []
        for s, e in out:
            if ce <= s or e <= cs:
                nxt.append((s, e))
                continue
            if s < cs:
                nxt.append((s, cs))
            if ce < e:
                nxt.append((ce, e))
        out = nxt
    return tuple(out)


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

    # Set per instance in model_post_init (kept out of fields, dumps and equality).
    _holder: ClassVar[IndexHolder]
    _cuts: ClassVar[dict[date, list[tuple[int, int]]]]

    @field_validator("zone", mode="before")
    @classmethod
    def _zone(cls, v: object) -> object:
        if isinstance(v, str):
            try:
                return ZoneInfo(v)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise UnknownTimeZoneError(
                    f"time zone {v!r} is not in the IANA database; use a key such as "
                    f"{ARGENTINA_ZONE!r} (tzdata is installed with slaclock)."
                ) from exc
        if not isinstance(v, ZoneInfo):
            raise UnknownTimeZoneError(
                f"zone must be a zoneinfo.ZoneInfo or an IANA key string, got {v!r}; "
                "fixed offsets are refused because they ignore DST history."
            )
        return v

    @field_validator("closures", mode="after")
    @classmethod
    def _closure_years(cls, v: tuple[Closure, ...]) -> tuple[Closure, ...]:
        for c in v:
            check_year(c.day.year, f"closure {c}")
        return v

    def _derive(self) -> dict[str, object]:
        cuts: dict[date, list[tuple[int, int]]] = {}
        for c in self.closures:
            span = (0, US_PER_DAY) if c.hours is None else (c.hours.start_us, c.hours.end_us)
            cuts.setdefault(c.day, []).append(span)
        return {"_cuts": cuts, "_holder": IndexHolder(self.zone, self._day_plan)}

    # -- identity: fields only, never the lazily built index -----------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessCalendar):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[object, ...]:
        return (self.zone, self.schedule, self.holidays, self.closures, self.reopened)

    # -- which days are open ------------------------------------------------
    def _day_plan(self, day: date) -> tuple[tuple[int, int], ...]:
        runs = self.schedule.open_us(day.weekday())
        if not runs:
            return runs
        if self.holiday(day) is not None:
            return ()
        day_cuts = self._cuts.get(day)
        return _subtract(runs, day_cuts) if day_cuts else runs

    def holiday(self, day: date) -> Holiday | None:
        """The public holiday that closes `day` (with its name), or None."""
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
        ix = self._holder.index
        return self.holidays.info(ix.years if ix is not None else ())

    def provisional_years(self, start: datetime, end: datetime) -> tuple[int, ...]:
        """Years between two instants whose decree-set holidays may be missing from the data.

        Argentina declares bridge days year by year; a result that depends on a
        later year than `holiday_data().complete_through` may move when they are.
        """
        a = to_us(start, "start")
        b = to_us(end, "end")
        if self.holidays is None:
            return ()
        first = from_us(min(a, b), self.zone).year
        last = from_us(max(a, b), self.zone).year
        return self.holidays.provisional_years(first, last)

    # -- the index ------------------------------------------------------------
    def _index(self, u: int) -> OpenIndex:
        ix = self._holder.index
        if ix is not None and ix.lo_us <= u < ix.hi_us:
            return ix
        year = _year_of(u)
        check_year(year, "instant")
        return self._holder.covering(year, year)

    def _index2(self, a: int, b: int) -> OpenIndex:
        ix = self._holder.index
        if ix is not None and ix.lo_us <= a < ix.hi_us and ix.lo_us <= b < ix.hi_us:
            return ix
        ya, yb = _year_of(a), _year_of(b)
        check_year(ya, "instant")
        check_year(yb, "instant")
        return self._holder.covering(min(ya, yb), max(ya, yb))

    def _grow(self, ix: OpenIndex, forward: bool) -> None:
        if (forward and ix.last_year >= MAX_YEAR) or (not forward and ix.first_year <= MIN_YEAR):
            if self.schedule.weekly_open_us == 0 or not ix.starts:
                edge = ix.last_year if forward else ix.first_year
                raise NoOpenTimeError(
                    f"the calendar has no open time up to year {edge}: schedule is "
                    f"{self.schedule}. Give it open intervals or remove closures."
                )
            raise OutOfRangeError(
                f"the result would fall outside years {MIN_YEAR}-{MAX_YEAR}; "
                "use a smaller duration."
            )
        if forward:
            self._holder.covering(ix.first_year, ix.last_year + 1)
        else:
            self._holder.covering(ix.first_year - 1, ix.last_year)

    @staticmethod
    def _cum(ix: OpenIndex, u: int) -> int:
        i = bisect_right(ix.starts, u) - 1
        if i < 0:
            return 0
        end = ix.ends[i]
        return ix.cum[i] + (u if u < end else end) - ix.starts[i]

    # -- point queries ----------------------------------------------------------
    def is_open(self, t: datetime) -> bool:
        """Whether the desk is open at instant `t` (open at 09:00, closed at 17:00)."""
        u = to_us(t)
        ix = self._index(u)
        i = bisect_right(ix.starts, u) - 1
        return i >= 0 and u < ix.ends[i]

    def _next_open_us(self, u: int) -> int:
        while True:
            ix = self._index(u)
            i = bisect_right(ix.starts, u) - 1
            if i >= 0 and u < ix.ends[i]:
                return u
            if i + 1 < len(ix.starts):
                return ix.starts[i + 1]
            self._grow(ix, forward=True)

    def next_open(self, t: datetime) -> datetime:
        """`t` if open, else the next opening: where a clock started at `t` starts."""
        return from_us(self._next_open_us(to_us(t)), self.zone)

    def next_close(self, t: datetime) -> datetime:
        """The end of the open period holding `t`, or of the next one if closed."""
        u = to_us(t)
        while True:
            ix = self._index(u)
            i = bisect_right(ix.starts, u) - 1
            if i >= 0 and u < ix.ends[i]:
                return from_us(ix.ends[i], self.zone)
            if i + 1 < len(ix.starts):
                return from_us(ix.ends[i + 1], self.zone)
            self._grow(ix, forward=True)

    def previous_close(self, t: datetime) -> datetime:
        """The latest closing at or before `t`."""
        u = to_us(t)
        while True:
            ix = self._index(u)
            j = bisect_right(ix.ends, u) - 1
            if j >= 0:
                return from_us(ix.ends[j], self.zone)
            self._grow(ix, forward=False)

    # -- arithmetic --------------------------------------------------------------
    def _add_us(self, u: int, d: int) -> int:
        # The hot path: _index and _cum are inlined here on purpose.
        if d == 0:
            return self._next_open_us(u)
        while True:
            ix = self._holder.index
            if ix is None or not ix.lo_us <= u < ix.hi_us:
                ix = self._index(u)
            starts = ix.starts
            i = bisect_right(starts, u) - 1
            if i < 0:
                target = d
            else:
                end = ix.ends[i]
                target = ix.cum[i] + (u if u < end else end) - starts[i] + d
            if d > 0:
                j = bisect_left(ix.cumend, target)
                if j < len(starts):
                    return starts[j] + target - ix.cum[j]
                self._grow(ix, forward=True)
            else:
                if target >= 0 and starts:
                    j = bisect_right(ix.cum, target) - 1
                    return starts[j] + target - ix.cum[j]
                self._grow(ix, forward=False)

    def _clock_deadline_elapsed(self, u: int, d: int, until: int) -> tuple[int, int, int]:
        """For an SLA clock started at u with target d >= 0: (clock start, deadline,
        open time from u to `until`, 0 if until < u), from one index lookup."""
        while True:
            ix = self._holder.index
            if ix is None or not (ix.lo_us <= u < ix.hi_us and ix.lo_us <= until < ix.hi_us):
                ix = self._index2(u, until)
            starts, ends, cum = ix.starts, ix.ends, ix.cum
            i = bisect_right(starts, u) - 1
            if i >= 0 and u < ends[i]:
                clock = u
                c = cum[i] + u - starts[i]
            elif i + 1 < len(starts):
                clock = starts[i + 1]
                c = cum[i + 1]
            else:
                self._grow(ix, forward=True)
                continue
            if d == 0:
                deadline = clock
            else:
                target = c + d
                j = bisect_left(ix.cumend, target)
                if j >= len(starts):
                    self._grow(ix, forward=True)
                    continue
                deadline = starts[j] + target - cum[j]
            if until <= u:
                return clock, deadline, 0
            k = bisect_right(starts, until) - 1
            if k < 0:
                return clock, deadline, 0
            end = ends[k]
            cu = cum[k] + (until if until < end else end) - starts[k]
            return clock, deadline, cu - c if cu > c else 0

    def add(self, t: datetime, duration: timedelta) -> datetime:
        """The deadline: the earliest instant at which `duration` of open time has elapsed.

        Negative durations go backward (the latest instant `duration` of open
        time before `t`); zero returns `t` if open, else the next opening.
        """
        return from_us(self._add_us(to_us(t, "start"), us_of_timedelta(duration)), self.zone)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Open time between two instants; negative when `end` precedes `start`."""
        return timedelta(microseconds=self._elapsed_us(to_us(start, "start"), to_us(end, "end")))

    def _elapsed_us(self, a: int, b: int) -> int:
        ix = self._index2(a, b)
        return self._cum(ix, b) - self._cum(ix, a)

    def periods(self, start: datetime, end: datetime) -> Iterator[OpenPeriod]:
        """The open periods between two instants, clipped to them (empty if end <= start)."""
        a = to_us(start, "start")
        b = to_us(end, "end")
        if b <= a:
            return iter(())
        return self._periods_us(a, b)

    def _periods_us(self, a: int, b: int) -> Iterator[OpenPeriod]:
        ix = self._index2(a, b)
        i = max(bisect_right(ix.starts, a) - 1, 0)
        zone = self.zone
        starts, ends = ix.starts, ix.ends
        while i < len(starts) and starts[i] < b:
            s, e = max(starts[i], a), min(ends[i], b)
            if s < e:
                yield OpenPeriod(from_us(s, zone), from_us(e, zone))
            i += 1

    # -- whole business days --------------------------------------------------
    def _bdays(self, first: date, last: date) -> list[int]:
        check_year(first.year, f"date {first}")
        check_year(last.year, f"date {last}")
        return self._holder.covering(first.year, last.year).bdays

    def is_business_day(self, day: date) -> bool:
        """Whether `day` has any open time (after holidays and closures)."""
        bdays = self._bdays(day, day)
        o = day.toordinal()
        k = bisect_left(bdays, o)
        return k < len(bdays) and bdays[k] == o

    def add_business_days(self, day: date, n: int) -> date:
        """The n-th business day after `day` (before, if n < 0); n == 0 rolls forward."""
        if not isinstance(n, int) or isinstance(n, bool):
            raise OutOfRangeError(f"n must be an int number of business days, got {n!r}.")
        o = day.toordinal()
        while True:
            ix = self._holder.covering(day.year, day.year)
            bdays = ix.bdays
            if n > 0:
                k = bisect_right(bdays, o) + n - 1
            else:
                k = bisect_left(bdays, o) + n
            if 0 <= k < len(bdays):
                return date.fromordinal(bdays[k])
            self._grow(ix, forward=k >= 0)

    def business_days_between(self, start: date, end: date) -> int:
        """Business days d with start <= d < end (negative if end < start)."""
        if end < start:
            return -self.business_days_between(end, start)
        bdays = self._bdays(start, end)
        return bisect_left(bdays, end.toordinal()) - bisect_left(bdays, start.toordinal())

    # -- explanations -------------------------------------------------------------
    def explain(self, t: datetime, duration: timedelta) -> DeadlineExplanation:
        """`add(t, duration)` with its reasons: periods counted, days skipped, data used."""
        d = us_of_timedelta(duration)
        u = to_us(t, "start")
        if d < 0:
            raise OutOfRangeError(
                "explain() covers forward deadlines; pass a positive duration "
                "(use add() for backward arithmetic)."
            )
        clock = self._next_open_us(u)
        due = self._add_us(u, d)
        periods = tuple(self._periods_us(clock, due)) if due > clock else ()
        zone = self.zone
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
        )


def argentina(
    *,
    non_working_days: bool = True,
    closures: Iterable[Closure] = (),
    reopened: Iterable[date] = (),
    categories: tuple[str, ...] = ("public",),
) -> BusinessCalendar:
    """The manual's calendar: Mon-Fri 09:00-17:00 Buenos Aires, Argentine holidays.

    `non_working_days=False` opens the "días no laborables" (Maundy Thursday,
    tourism bridge days) as a whole, for providers who work on them.
    """
    return BusinessCalendar(
        holidays=HolidayRules(categories=categories, non_working_days=non_working_days),
        closures=tuple(closures),
        reopened=frozenset(reopened),
    )
