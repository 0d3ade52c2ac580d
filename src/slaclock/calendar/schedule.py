"""The weekly schedule: wall-clock open intervals for each weekday.

Times are wall-clock readings in the calendar's zone, so "09:00-17:00" means
from when the clocks there read 09:00 until they read 17:00, whatever the
UTC offset that day. An interval may end at 24:00 (written "24:00"), or
overnight: "22:00-06:00" opens at 22:00 and closes at 06:00 the next day. An
overnight interval belongs to the day it starts on: a holiday on that day
closes the whole shift, and the next day's holiday does not cut its morning.
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
from slaclock.limits import Limits

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
    """One open stretch of a day, [start, end) in wall-clock time; end may be 24:00,
    or earlier than start for an overnight interval (it ends the next day)."""

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
        if self.end is not None and self.end == self.start:
            raise InvalidScheduleError(
                f"interval {self} ends when it starts; give it some length (an overnight "
                "interval such as '22:00-06:00' ends the next day; '00:00-24:00' is a whole day)."
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
    def overnight(self) -> bool:
        """Whether the interval ends on the next day (e.g. 22:00-06:00)."""
        return self.end is not None and self.end < self.start

    @property
    def end_us(self) -> int:
        """Microseconds from its day's midnight to the closing: a full day for 24:00, more
        than a day for an overnight interval."""
        if self.end is None:
            return US_PER_DAY
        return time_us(self.end) + (US_PER_DAY if self.overnight else 0)

    @classmethod
    def parse(cls, text: str) -> OpenInterval:
        """Build from "HH:MM-HH:MM", e.g. "09:00-17:00", "20:00-24:00" or "22:00-06:00"."""
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


def _no_overlap(days: list[tuple[OpenInterval, ...]]) -> None:
    """Refuse intervals that overlap, also across midnight (Sunday's night into Monday)."""
    week = 7 * US_PER_DAY
    spans = sorted(
        (k * US_PER_DAY + i.start_us, k * US_PER_DAY + i.end_us, k, i)
        for k, day in enumerate(days)
        for i in day
    )
    for (_, a_end, ka, a), (b_start, _, kb, b) in itertools.pairwise(spans):
        if b_start < a_end:
            raise InvalidScheduleError(_overlap(ka, a, kb, b))
    if spans and spans[-1][1] > week + spans[0][0]:
        _, _, ka, a = spans[-1]
        _, _, kb, b = spans[0]
        raise InvalidScheduleError(_overlap(ka, a, kb, b))


def _overlap(ka: int, a: OpenInterval, kb: int, b: OpenInterval) -> str:
    where = WEEKDAY_NAMES[ka] if ka == kb else f"{WEEKDAY_NAMES[ka]} {a} and {WEEKDAY_NAMES[kb]}"
    first = f"{where}: intervals {a} and {b}" if ka == kb else f"{where} {b}"
    return f"{first} overlap; merge them or move one."


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
        limits = Limits.current()
        for name, day in zip(WEEKDAY_NAMES, v):
            if isinstance(day, (str, OpenInterval, Mapping)):
                day = (day,)
            elif not isinstance(day, (list, tuple)):
                raise InvalidScheduleError(
                    f"{name}: {shorten(day)} is not a list of open intervals; give e.g. "
                    "['09:00-17:00'], or [] for a closed day."
                )
            limits.check("intervals_per_day", len(day), f"{name} has too many open intervals")
            days.append(tuple(sorted((_interval(i) for i in day), key=lambda i: i.start_us)))
        _no_overlap(days)
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
