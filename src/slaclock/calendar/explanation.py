"""Why a deadline falls where it does: the periods counted and the days skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from slaclock import _text as short
from slaclock.calendar.display import explanation_html
from slaclock.calendar.holidays import HolidayDataInfo, kind_label
from slaclock.calendar.period import OpenPeriod
from slaclock.calendar.schedule import OpenInterval

__all__ = ["ClosedDay", "DeadlineExplanation", "format_duration", "format_instant"]


def format_duration(d: timedelta) -> str:
    """'2 h', '1 h 30 min', '45 min 10.5 s': business durations read as hours, not days."""
    return short.duration(d, spaced=True)


@dataclass(frozen=True, slots=True, repr=False)
class ClosedDay:
    """A scheduled day the calendar skipped, and why (holiday name or closure reason)."""

    day: date
    reason: str
    kind: str
    hours: OpenInterval | None = None

    def __str__(self) -> str:
        span = f" {self.hours}" if self.hours is not None else ""
        kind = kind_label(self.kind)
        return f"{self.day.strftime('%a %Y-%m-%d')}{span}: {self.reason} ({kind})"

    def __repr__(self) -> str:
        day = self.day.isoformat() + (f" {self.hours}" if self.hours is not None else "")
        return short.call("ClosedDay", day, short.text(self.reason), self.kind)


@dataclass(frozen=True, slots=True, repr=False)
class DeadlineExplanation:
    """A deadline with its reasons, printable for people and inspectable for code."""

    start: datetime
    clock_start: datetime
    duration: timedelta
    deadline: datetime
    periods: tuple[OpenPeriod, ...]
    closed_days: tuple[ClosedDay, ...]
    schedule: str
    zone: str
    provisional_years: tuple[int, ...]
    holiday_data: HolidayDataInfo | None
    #: The tz database the zone was read from, e.g. "tzdata 2025b (system, /usr/share/zoneinfo)".
    tz_data: str = ""
    #: Open periods counted but not listed (`Limits.explanation_periods`): the list
    #: keeps the first and last halves, and `omitted_time` is what the rest add up to.
    periods_omitted: int = 0
    omitted_time: timedelta = timedelta(0)
    #: Skipped days between the listed halves, not listed either.
    closed_days_omitted: int = 0

    def __repr__(self) -> str:
        named = {
            "start": short.instant(self.start),
            "target": short.duration(self.duration),
            "deadline": short.instant(self.deadline),
            "periods": str(len(self.periods)),
            "skipped": str(len(self.closed_days)),
        }
        if self.provisional_years:
            named["provisional_years"] = short.value(self.provisional_years)
        return short.call("DeadlineExplanation", named=named)

    def _repr_html_(self) -> str:
        return explanation_html(self)

    @property
    def provisional(self) -> bool:
        """True when the deadline depends on a year whose decreed holidays may be missing."""
        return bool(self.provisional_years)

    @property
    def provisional_note(self) -> str:
        """Why the deadline may change ('' if it may not): which years have holidays not
        decreed yet, and which have no holiday data at all."""
        if not self.provisional_years:
            return ""
        if self.holiday_data is None:
            years = ", ".join(str(y) for y in self.provisional_years)
            return f"depends on {years}, whose holidays may be incomplete"
        return self.holiday_data.provisional_note(self.provisional_years)

    @property
    def omission_note(self) -> str:
        """What the listing leaves out ('' if nothing): periods, their time, skipped days."""
        if not self.periods_omitted:
            return ""
        days = (
            f" and {self.closed_days_omitted:,} skipped days" if self.closed_days_omitted else ""
        )
        return (
            f"{self.periods_omitted:,} more periods ({format_duration(self.omitted_time)}){days} "
            "not listed (Limits.explanation_periods)"
        )

    def __str__(self) -> str:
        lines = [
            f"received      {format_instant(self.start)}",
            f"target        {format_duration(self.duration)} of business time",
            f"calendar      {self.schedule} ({self.zone})",
        ]
        if self.clock_start != self.start:
            lines.append(f"clock starts  {format_instant(self.clock_start)} (next opening)")
        steps = [(p.start.date(), 0, f"  counted     {p}  ({format_duration(p.duration)})")
                 for p in self.periods]  # fmt: skip
        steps += [(c.day, 1, f"  skipped     {c}") for c in self.closed_days]
        if self.periods_omitted:
            half = self.periods[(len(self.periods) + 1) // 2 - 1].end.date()
            steps.append((half, 2, f"  ...         {self.omission_note}"))
        lines.extend(line for _, _, line in sorted(steps))
        lines.append(f"deadline      {format_instant(self.deadline)}")
        if self.holiday_data is not None:
            lines.append(f"holidays      {self.holiday_data.describe()}")
        if self.tz_data:
            lines.append(f"time zones    {self.tz_data}")
        if self.provisional:
            lines.append(f"warning       provisional: {self.provisional_note}")
        return "\n".join(lines)


def format_instant(t: datetime) -> str:
    """'Tue 2026-11-24 10:30:00 -0300': weekday, date, time and offset; microseconds only
    when there are some."""
    return t.strftime("%a %Y-%m-%d %H:%M:%S.%f %z" if t.microsecond else "%a %Y-%m-%d %H:%M:%S %z")
