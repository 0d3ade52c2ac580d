"""Why a deadline falls where it does: the periods counted and the days skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from slaclock.calendar.holidays import HolidayDataInfo
from slaclock.calendar.period import OpenPeriod
from slaclock.calendar.schedule import OpenInterval

__all__ = ["ClosedDay", "DeadlineExplanation", "format_duration"]


def format_duration(d: timedelta) -> str:
    """'2 h', '1 h 30 min', '45 min 10.5 s': business durations read as hours, not days."""
    us = (d.days * 86_400 + d.seconds) * 1_000_000 + d.microseconds
    sign = "-" if us < 0 else ""
    us = abs(us)
    hours, rest = divmod(us, 3_600_000_000)
    minutes, rest = divmod(rest, 60_000_000)
    seconds, micro = divmod(rest, 1_000_000)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if seconds or micro:
        parts.append(f"{seconds}.{micro:06d}".rstrip("0").rstrip(".") + " s")
    return sign + (" ".join(parts) or "0 h")


@dataclass(frozen=True, slots=True)
class ClosedDay:
    """A scheduled day the calendar skipped, and why (holiday name or closure reason)."""

    day: date
    reason: str
    kind: str
    hours: OpenInterval | None = None

    def __str__(self) -> str:
        span = f" {self.hours}" if self.hours is not None else ""
        kind = self.kind.replace("_", " ")
        return f"{self.day.strftime('%a %Y-%m-%d')}{span}: {self.reason} ({kind})"


@dataclass(frozen=True, slots=True)
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

    @property
    def provisional(self) -> bool:
        """True when the deadline depends on a year whose decreed holidays may be missing."""
        return bool(self.provisional_years)

    def __str__(self) -> str:
        fmt = "%a %Y-%m-%d %H:%M:%S %z"
        lines = [
            f"received      {self.start.strftime(fmt)}",
            f"target        {format_duration(self.duration)} of business time",
            f"calendar      {self.schedule} ({self.zone})",
        ]
        if self.clock_start != self.start:
            lines.append(f"clock starts  {self.clock_start.strftime(fmt)} (next opening)")
        steps = [(p.start.date(), 0, f"  counted     {p}  ({format_duration(p.duration)})")
                 for p in self.periods]  # fmt: skip
        steps += [(c.day, 1, f"  skipped     {c}") for c in self.closed_days]
        lines.extend(line for _, _, line in sorted(steps))
        lines.append(f"deadline      {self.deadline.strftime(fmt)}")
        if self.holiday_data is not None:
            hd = self.holiday_data
            through = hd.complete_through if hd.complete_through is not None else "n/a"
            lines.append(
                f"holidays      {hd.package} {hd.version}, {hd.country} "
                f"{'+'.join(hd.categories)}, decreed days known through {through}"
            )
        if self.tz_data:
            lines.append(f"time zones    {self.tz_data}")
        if self.provisional:
            years = ", ".join(str(y) for y in self.provisional_years)
            lines.append(
                f"warning       provisional: depends on {years}, whose decreed holidays "
                "(bridge days) may not be in the data yet"
            )
        return "\n".join(lines)
