"""The weekly schedule: wall-clock open intervals for each weekday.

Times are wall-clock readings in the calendar's zone, so "09:00-17:00" means
from when the clocks there read 09:00 until they read 17:00, whatever the
UTC offset that day. An interval may end at 24:00 (written "24:00").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from datetime import time
from typing import Any

from pydantic import field_serializer, field_validator, model_validator

from slaclock._checks import shorten
from slaclock._model import FrozenModel
from slaclock._time import US_PER_DAY, time_us
from slaclock.errors import InvalidScheduleError

__all__ = ["WEEKDAY_NAMES", "OpenInterval", "WeeklySchedule"]

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")


def _parse_time(value: object, field: str) -> time | None:
    """A `time`, or None for "24:00"; accepts `time` objects and "HH:MM[:SS]" strings."""
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise InvalidScheduleError(
                f"{field} {value} carries a time zone; schedule times are wall-clock "
                "readings in the calendar's zone, so pass a plain time."
            )
        return value
    if isinstance(value, str):
        m = _HHMM.match(value)
        if m:
            h, mi, s = int(m[1]), int(m[2]), int(m[3] or 0)
            if (h, mi, s) == (24, 0, 0):
                return None
            if h < 24 and mi < 60 and s < 60:
                return time(h, mi, s)
    raise InvalidScheduleError(
        f"{field} {shorten(value)} is not a time of day; write 'HH:MM' (00:00-24:00) "
        "or pass a datetime.time."
    )


class OpenInterval(FrozenModel):
    """One open stretch of a day, [start, end) in wall-clock time; end may be 24:00."""

    start: time
    end: time | None  # None means 24:00, the end of the day

    @field_validator("start", mode="before")
    @classmethod
    def _start(cls, v: object) -> time:
        t = _parse_time(v, "start")
        if t is None:
            raise InvalidScheduleError("an interval cannot start at 24:00; start it at 00:00.")
        return t

    @field_validator("end", mode="before")
    @classmethod
    def _end(cls, v: object) -> time | None:
        return _parse_time(v, "end")

    @model_validator(mode="after")
    def _ordered(self) -> OpenInterval:
        if self.end_us <= self.start_us:
            raise InvalidScheduleError(
                f"interval {self} ends before or when it starts; an interval must have "
                "start < end (use '24:00' for end of day, and split overnight shifts in two)."
            )
        return self

    @field_serializer("end")
    def _ser_end(self, end: time | None) -> str:
        return "24:00" if end is None else end.isoformat()

    @property
    def start_us(self) -> int:
        """Microseconds from midnight to the opening."""
        return time_us(self.start)

    @property
    def end_us(self) -> int:
        """Microseconds from midnight to the closing (a full day for 24:00)."""
        return US_PER_DAY if self.end is None else time_us(self.end)

    @classmethod
    def parse(cls, text: str) -> OpenInterval:
        """Build from "HH:MM-HH:MM", e.g. "09:00-17:00" or "20:00-24:00"."""
        if not isinstance(text, str):
            raise InvalidScheduleError(
                f"interval {shorten(text)} is not text; write it as 'HH:MM-HH:MM', "
                "e.g. '09:00-17:00'."
            )
        start, sep, end = text.partition("-")
        if not sep:
            raise InvalidScheduleError(
                f"interval {shorten(text)} has no '-'; write it as 'HH:MM-HH:MM', "
                "e.g. '09:00-17:00'."
            )
        return cls(start=start.strip(), end=end.strip())

    def __str__(self) -> str:
        end = "24:00" if self.end is None else self.end.strftime("%H:%M")
        return f"{self.start.strftime('%H:%M')}-{end}"

    def __repr__(self) -> str:
        return f"OpenInterval({self})"


IntervalLike = OpenInterval | str | tuple[Any, Any]


def _interval(value: object) -> OpenInterval:
    if isinstance(value, OpenInterval):
        return value
    if isinstance(value, str):
        return OpenInterval.parse(value)
    if isinstance(value, tuple) and len(value) == 2:
        return OpenInterval(start=value[0], end=value[1])
    if isinstance(value, Mapping):
        return OpenInterval.model_validate(dict(value))
    raise InvalidScheduleError(
        f"{shorten(value)} is not an open interval; give 'HH:MM-HH:MM', a (start, end) pair "
        "or an OpenInterval."
    )


class WeeklySchedule(FrozenModel):
    """Open intervals for each weekday, Monday first; a day with none is closed."""

    days: tuple[
        tuple[OpenInterval, ...],
        tuple[OpenInterval, ...],
        tuple[OpenInterval, ...],
        tuple[OpenInterval, ...],
        tuple[OpenInterval, ...],
        tuple[OpenInterval, ...],
        tuple[OpenInterval, ...],
    ]

    @field_validator("days", mode="before")
    @classmethod
    def _coerce(cls, v: object) -> object:
        if isinstance(v, Mapping):
            unknown = [k for k in v if k not in WEEKDAY_NAMES]
            if unknown:
                names = ", ".join(shorten(k) for k in unknown[:3])
                raise InvalidScheduleError(
                    f"unknown weekday name(s) {names}; use {', '.join(WEEKDAY_NAMES)}."
                )
            v = [v.get(name, ()) for name in WEEKDAY_NAMES]
        if not isinstance(v, (list, tuple)) or len(v) != 7:
            raise InvalidScheduleError(
                "a weekly schedule needs exactly 7 days (Monday first) or a mapping "
                "from weekday names to intervals."
            )
        days = []
        for name, day in zip(WEEKDAY_NAMES, v):
            if isinstance(day, (str, OpenInterval, Mapping)):
                day = (day,)
            elif not isinstance(day, (list, tuple)):
                raise InvalidScheduleError(
                    f"{name}: {shorten(day)} is not a list of open intervals; give e.g. "
                    "['09:00-17:00'], or [] for a closed day."
                )
            intervals = sorted((_interval(i) for i in day), key=lambda i: i.start_us)
            for a, b in itertools.pairwise(intervals):
                if b.start_us < a.end_us:
                    raise InvalidScheduleError(
                        f"{name}: intervals {a} and {b} overlap; merge them or move one."
                    )
            days.append(tuple(intervals))
        return tuple(days)

    @classmethod
    def of(cls, **days: Iterable[IntervalLike] | IntervalLike) -> WeeklySchedule:
        """Build from weekday keywords: ``WeeklySchedule.of(monday=["09:00-12:00", ...])``."""
        return cls(days=days)

    @classmethod
    def weekdays(cls, *intervals: IntervalLike) -> WeeklySchedule:
        """The same intervals Monday to Friday, closed on weekends."""
        return cls(days=[intervals] * 5 + [(), ()])

    def open_us(self, weekday: int) -> tuple[tuple[int, int], ...]:
        """(start, end) microseconds from midnight for a weekday (0 = Monday)."""
        return tuple((i.start_us, i.end_us) for i in self.days[weekday])

    @property
    def weekly_open_us(self) -> int:
        """Open time in a week without closures, in microseconds."""
        return sum(i.end_us - i.start_us for day in self.days for i in day)

    def __str__(self) -> str:
        parts: list[str] = []
        k = 0
        while k < 7:
            j = k
            while j + 1 < 7 and self.days[j + 1] == self.days[k]:
                j += 1
            if self.days[k]:
                names = WEEKDAY_NAMES[k][:3].title()
                if j > k:
                    names += "-" + WEEKDAY_NAMES[j][:3].title()
                parts.append(f"{names} {', '.join(str(i) for i in self.days[k])}")
            k = j + 1
        return "; ".join(parts) or "always closed"

    def __repr__(self) -> str:
        return f"WeeklySchedule({self})"
