"""BusinessCalendar: a zone, weekly hours, holidays, and the user's dated changes.

The operations (and their boundary rules) are the shared face's
(`slaclock.calendar.base`); this class is the configuration and how it
becomes open time: each date opens its weekday's hours unless a holiday (from
the `holidays` package, or named by the user) closes it, then closures cut
time out and openings add time, all read on the calendar's wall clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sized
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from slaclock._checks import iterable_of, shorten, tuple_of
from slaclock._once import on_first_use, once
from slaclock._time import MAX_YEAR, MIN_YEAR, US_PER_DAY, check_year
from slaclock.calendar.base import Calendar, Shape, check_shape, ordinal_of
from slaclock.calendar.closures import Closure, DatedIndex, Opening
from slaclock.calendar.days import DayPlan, Runs
from slaclock.calendar.display import calendar_html
from slaclock.calendar.engine import Engine
from slaclock.calendar.explanation import ClosedDay
from slaclock.calendar.holidays import DatedHoliday, Holiday, HolidayDataInfo, HolidayRules
from slaclock.calendar.schedule import WEEKDAY_NAMES, WeeklySchedule
from slaclock.calendar.zone import TzDatabase, zone_of_key
from slaclock.calendar.zoned_plan import ZonedPlan
from slaclock.errors import InvalidScheduleError, SlaclockError, UnknownTimeZoneError
from slaclock.limits import Limits

__all__ = ["ARGENTINA_ZONE", "BASIC_HOURS", "BusinessCalendar", "argentina"]

ARGENTINA_ZONE = "America/Argentina/Buenos_Aires"
BASIC_HOURS: WeeklySchedule
"""The manual's hours: Monday to Friday, 09:00 to 17:00 (made on first use)."""
_basic_hours = once(lambda: WeeklySchedule.weekdays("09:00-17:00"))
_basic_holidays = once(HolidayRules)


if not TYPE_CHECKING:  # a type checker sees the names declared above; a misspelt one is an error
    __getattr__ = on_first_use(__name__, BASIC_HOURS=_basic_hours)


class BusinessCalendar(Calendar):
    """A zone, a weekly schedule, public holidays, and the user's holidays, closures,
    openings and re-openings.

    Immutable and hashable. The default is the manual's: Buenos Aires time,
    Monday-Friday 09:00-17:00, Argentine public holidays (non-working days closed).
    """

    zone: ZoneInfo = zone_of_key(ARGENTINA_ZONE, "tzdata")
    schedule: WeeklySchedule = Field(default_factory=_basic_hours)
    holidays: HolidayRules | None = Field(default_factory=_basic_holidays)
    #: Holidays the user names (a company's own days, a country the package lacks).
    extra_holidays: tuple[DatedHoliday, ...] = ()
    closures: tuple[Closure, ...] = ()
    openings: tuple[Opening, ...] = ()
    reopened: frozenset[date] = frozenset()
    #: The tz database the zone is read from: the `tzdata` package (the default, the
    #: same on every machine with the same packages) or "system" (`zoneinfo.TZPATH`).
    tz_database: TzDatabase = "tzdata"

    @model_validator(mode="before")
    @classmethod
    def _few_enough(cls, data: object) -> object:
        """Refuse more dated entries than `Limits.closures` before reading any of them."""
        if isinstance(data, Mapping) and isinstance(key := data.get("zone"), str):
            database = data.get("tz_database", "tzdata")
            try:  # a key's zone as the chosen database has it; a bad key is refused below
                zone = zone_of_key(key, database) if database in ("tzdata", "system") else key
            except (ZoneInfoNotFoundError, ValueError, OSError):
                zone = key
            data = {**data, "zone": zone}
        if isinstance(data, Mapping):
            fields = ("extra_holidays", "closures", "openings", "reopened")
            count = sum(len(v) for k in fields if isinstance(v := data.get(k), Sized))
            Limits.current().check(
                "closures",
                count,
                "a calendar's closures, special openings, named holidays and re-opened dates",
            )
        return data

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

    @field_validator("extra_holidays", mode="after")
    @classmethod
    def _extra_years(cls, v: tuple[DatedHoliday, ...]) -> tuple[DatedHoliday, ...]:
        for h in v:
            check_year(h.day.year, f"holiday {h.day} ({shorten(h.name)})")
        return v

    @model_validator(mode="after")
    def _within_limits(self) -> BusinessCalendar:
        check_shape(self.shape, "a business calendar")
        return self

    @cached_property
    def shape(self) -> Shape:
        """One calendar, nested in nothing, with its weekly schedule's intervals a day."""
        return Shape(1, 0, max(len(day) for day in self.schedule.days))

    @cached_property
    def dated(self) -> DatedIndex:
        """Closures, openings and named holidays by date and by year (built once)."""
        return DatedIndex.of(self.closures, self.openings, self.extra_holidays)

    @model_validator(mode="after")
    def _reopened_days(self) -> BusinessCalendar:
        """A re-opened date undoes a holiday: it must be a scheduled day, and not closed."""
        whole_day = {c.day: c for c in self.closures if c.hours is None}
        # A non-working day counts as a holiday here even where it is worked.
        every = self.holidays
        if every is not None and self.reopened and not every.non_working_days:
            every = every.model_copy(update={"non_working_days": True})
        for day in sorted(self.reopened):
            check_year(day.year, f"re-opened date {day}")
            if not self.schedule.days[day.weekday()]:
                weekday = WEEKDAY_NAMES[day.weekday()]
                raise InvalidScheduleError(
                    f"re-opened date {day} is a {weekday.title()}, which has no scheduled "
                    "hours: re-opening only undoes a holiday. Remove it from reopened, or give "
                    f"{weekday}s open hours in the schedule (or add an Opening for that date)."
                )
            if day not in self.dated.named and (
                every is None or day not in every.for_year(day.year)
            ):
                raise InvalidScheduleError(
                    f"re-opened date {day} is not a holiday of this calendar, so re-opening it "
                    "changes nothing: re-opening only undoes a holiday. Remove it from "
                    "reopened (or add an Opening for extra hours that day)."
                )
            closure = whole_day.get(day)
            if closure is not None:
                raise InvalidScheduleError(
                    f"{day} is both re-opened and closed all day (closure "
                    f"{shorten(closure.reason)}); "
                    "keep one: remove the closure, or remove the date from reopened."
                )
        return self

    # -- how the configuration becomes open time ------------------------------------------------
    @cached_property
    def engine(self) -> Engine:
        """The integer engine (UTC microseconds) behind this calendar.

        Built on first use and kept with the instance (never in dumps, equality or pickles).
        """
        weekly = tuple(self.schedule.open_us(wd) for wd in range(7))
        additions: dict[int, Runs] = {}
        for o in self.openings:
            k = o.day.toordinal()
            additions[k] = (*additions.get(k, ()), (o.hours.start_us, o.hours.end_us))
        plan = DayPlan(
            weekly=weekly,
            closed_dates=self._closed_dates,
            cuts=self._cuts(weekly),
            additions=additions,
        )
        first, last = MIN_YEAR, MAX_YEAR
        if self.holidays is not None and self.holidays.missing_years == "error":
            first, last = self.holidays.covered_years()
        return Engine(ZonedPlan(plan, self.zone, (first, last), self._limit, self.tz_database))

    def _cuts(self, weekly: tuple[Runs, ...]) -> dict[int, Runs]:
        """Closures as the runs they cut from each date (relative to that date's midnight).

        A whole-day closure closes the hours that start on the date. Closed hours
        are wall-clock hours of the date: they also cut the previous day's
        overnight hours, and reach into the next day when they are overnight.
        """
        spills = any(e > US_PER_DAY for day in weekly for _, e in day) or any(
            o.hours.overnight for o in self.openings
        )
        cuts: dict[int, list[tuple[int, int]]] = {}
        for c in self.closures:
            o = c.day.toordinal()
            if c.hours is None:
                cuts.setdefault(o, []).append((0, 2 * US_PER_DAY))
                continue
            s, e = c.hours.start_us, c.hours.end_us
            for shift in (-1, 0, 1):
                if (shift == -1 and not spills) or (shift == 1 and e <= US_PER_DAY):
                    continue
                cuts.setdefault(o + shift, []).append(
                    (s - shift * US_PER_DAY, e - shift * US_PER_DAY)
                )
        return {o: tuple(runs) for o, runs in cuts.items()}

    def _closed_dates(self, year: int) -> frozenset[int]:
        days = set(self.holidays.for_year(year)) if self.holidays is not None else set()
        days |= self.dated.named_by_year.get(year, frozenset())
        return frozenset(d.toordinal() for d in days if d not in self.reopened)

    def _limit(self, year: int) -> SlaclockError | None:
        rules = self.holidays
        if rules is None or rules.missing_years != "error":
            return None
        first, last = rules.covered_years()
        return None if first <= year <= last else rules.missing_data(year)

    @property
    def engine_source(self) -> ZonedPlan:
        """The day plan and zone the engine builds from."""
        source = self.engine.source
        assert isinstance(source, ZonedPlan)
        return source

    # -- what the face needs -------------------------------------------------------------------
    @property
    def result_zone(self) -> ZoneInfo:
        """The calendar's zone: results are given in it."""
        return self.zone

    def result_database(self) -> TzDatabase:
        """The tz database the result zone is read from."""
        return self.tz_database

    def describe_hours(self) -> str:
        """The weekly hours in words, e.g. "Mon-Fri 09:00-17:00"."""
        return str(self.schedule)

    def closed_candidates(self, year: int) -> tuple[date, ...]:
        """Holiday, named-holiday and closure dates of `year`."""
        days = set(self.dated.closed_by_year.get(year, frozenset()))
        if self.holidays is not None:
            days |= set(self.holidays.for_year(year))
        return tuple(sorted(days))

    def closed_days(self, year: int) -> tuple[ClosedDay, ...]:
        """The holidays (those on unscheduled days too) and closures of `year`, by date;
        re-opened dates left out."""
        check_year(year, "the year asked for")
        found: list[ClosedDay] = []
        if self.holidays is not None:
            for day, h in self.holidays.for_year(year).items():
                if day not in self.reopened:
                    found.append(ClosedDay(day=day, reason=str(h.name), kind=h.kind))
        for x in self.extra_holidays:
            if x.day.year == year and x.day not in self.reopened:
                found.append(ClosedDay(day=x.day, reason=x.name, kind=x.kind))
        for c in self.closures:
            if c.day.year == year:
                found.append(ClosedDay(day=c.day, reason=c.reason, kind="closure", hours=c.hours))
        return tuple(
            sorted(found, key=lambda d: (d.day, d.kind != "closure", d.hours is not None))
        )

    def closed_reason(self, day: date) -> ClosedDay | None:
        """The first reason a scheduled `day` is (partly) closed, or None."""
        reasons = self.closed_reasons(day)
        return reasons[0] if reasons else None

    def closed_reasons(self, day: date) -> tuple[ClosedDay, ...]:
        """Every holiday and closure that closes (some of) the scheduled hours of `day`."""
        ordinal_of(day)
        if not self.schedule.days[day.weekday()]:
            return ()
        out: list[ClosedDay] = []
        h = self.holiday(day)
        if h is not None:
            out.append(ClosedDay(day=day, reason=str(h.name), kind=h.kind))
        for c in self.closures_on(day):
            out.append(ClosedDay(day=day, reason=c.reason, kind="closure", hours=c.hours))
        return tuple(out)

    def why_closed_at(self, u: int) -> ClosedDay:
        """What closes the closed instant u: the hours, a holiday, or a closure."""
        local = self.engine_source.local_us(u)
        today = date.fromordinal(local // US_PER_DAY + date(1970, 1, 1).toordinal())
        wall = local % US_PER_DAY
        for owner, at in ((today, wall), (today - timedelta(days=1), wall + US_PER_DAY)):
            if any(s <= at < e for s, e in self.schedule.open_us(owner.weekday())):
                h = self.holiday(owner)
                if h is not None:
                    return ClosedDay(day=owner, reason=str(h.name), kind=h.kind)
                for c in self.closures_on(owner):
                    if c.hours is None:
                        return ClosedDay(day=owner, reason=c.reason, kind="closure")
                near = (*self.dated.closures.get(today - timedelta(days=1), ()),
                        *self.dated.closures.get(today, ()))  # fmt: skip
                for _, c in sorted(near, key=lambda kc: kc[0]):
                    if c.hours is not None:
                        shift = (c.day - today).days * US_PER_DAY
                        if c.hours.start_us + shift <= wall < c.hours.end_us + shift:
                            return ClosedDay(
                                day=c.day, reason=c.reason, kind="closure", hours=c.hours
                            )
        weekday = WEEKDAY_NAMES[today.weekday()]
        if not self.schedule.days[today.weekday()]:
            return ClosedDay(day=today, reason=f"no hours on {weekday}s", kind="no_hours")
        return ClosedDay(
            day=today, reason=f"outside hours ({self.describe_hours()})", kind="outside_hours"
        )

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
        if self.extra_holidays:
            days += f" + {_count(len(self.extra_holidays), 'named holiday')}"
        parts = [str(self.zone.key), str(self.schedule), days]
        parts.append(_count(len(self.closures), "closure") if self.closures else "no closures")
        if self.openings:
            parts.append(_count(len(self.openings), "special opening"))
        if self.reopened:
            parts.append(_count(len(self.reopened), "re-opened date"))
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
        return tuple(getattr(self, name) for name in type(self).model_fields)

    # -- holidays and closures, by date -------------------------------------------------------
    def holiday(self, day: date) -> Holiday | None:
        """The holiday that closes `day` (the user's named ones first), or None."""
        ordinal_of(day)
        if day in self.reopened:
            return None
        named = self.dated.named.get(day)
        if named is not None:
            return named.as_holiday()
        if self.holidays is None:
            return None
        check_year(day.year, f"date {day}")
        return self.holidays.for_year(day.year).get(day)

    def closures_on(self, day: date) -> tuple[Closure, ...]:
        """The user's closures on `day`."""
        return self.dated.closures_on(day)

    def openings_on(self, day: date) -> tuple[Opening, ...]:
        """The user's special openings on `day`."""
        return self.dated.openings.get(day, ())

    def holiday_data(self) -> HolidayDataInfo | None:
        """The `holidays` package version, country and years this calendar has used."""
        if self.holidays is None:
            return None
        return self.holidays.info(self.engine.years)

    def tz_data(self) -> str:
        """Which tz database the calendar reads its zone from, with its version."""
        return self.engine_source.data.describe()

    @cached_property
    def provisional_set(self) -> frozenset[int]:
        """Every year it answers for whose holidays may be incomplete (computed once)."""
        if self.holidays is None:
            return frozenset()
        source = self.engine_source
        return frozenset(self.holidays.provisional_years(source.first_year, source.last_year))

    def provisional_years_us(self, a: int, b: int) -> tuple[int, ...]:
        """Years between two instants whose holidays may be incomplete.

        Argentina declares bridge days year by year: a result that depends on a
        year after `holiday_data().complete_through` may move when they are. With
        ``missing_years="none"``, years without data count too.
        """
        years = self.provisional_set
        if not years:
            return ()
        source = self.engine_source
        first, last = source.year_of(min(a, b)), source.year_of(max(a, b))
        return tuple(y for y in range(first, last + 1) if y in years)

    def provisional_spans_us(self) -> tuple[tuple[int, int], ...]:
        """The years whose holidays may be incomplete, as UTC spans."""
        return self.provisional_spans

    @cached_property
    def provisional_spans(self) -> tuple[tuple[int, int], ...]:
        """`provisional_spans_us`, computed once (the calendar is immutable)."""
        source = self.engine_source
        spans: list[tuple[int, int]] = []
        for year in sorted(self.provisional_set):
            start = source.first_instant_of(year)
            end = source.first_instant_of(year + 1) if year < source.last_year else source.max_us
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return tuple(spans)


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'s' if n != 1 else ''}"


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
        schedule=_schedule(hours) if hours is not None else _basic_hours(),
        holidays=HolidayRules(categories=categories, non_working_days=non_working_days),
        closures=tuple_of(closures, Closure, "closures"),
        reopened=frozenset(iterable_of(reopened, date, "reopened")),
    )


def _schedule(hours: str | Iterable[str] | WeeklySchedule) -> WeeklySchedule:
    if isinstance(hours, WeeklySchedule):
        return hours
    return WeeklySchedule.weekdays(*((hours,) if isinstance(hours, str) else tuple(hours)))
