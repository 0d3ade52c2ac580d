"""An open period: one stretch of business time between two aware instants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from slaclock import _text as short

__all__ = ["OpenPeriod"]


@dataclass(frozen=True, slots=True, repr=False)
class OpenPeriod:
    """Business time from `start` (inclusive) to `end` (exclusive), in the calendar's zone."""

    start: datetime
    end: datetime

    @property
    def duration(self) -> timedelta:
        """Open time in this period, as absolute time (a 25-hour DST day counts 25 hours).

        Computed in UTC: Python subtracts two datetimes of the same zone by their
        wall-clock readings, which is wrong across a DST change.
        """
        return self.end.astimezone(timezone.utc) - self.start.astimezone(timezone.utc)

    def __str__(self) -> str:
        same_day = self.start.date() == self.end.date()
        end = (
            _clock(self.end)
            if same_day
            else f"{self.end.strftime('%a %Y-%m-%d')} {_clock(self.end)}"
        )
        return f"{self.start.strftime('%a %Y-%m-%d')} {_clock(self.start)} - {end}"

    def __repr__(self) -> str:
        """ISO 8601 interval notation, then its length: 'OpenPeriod(a/b, 30m)'."""
        span = f"{short.instant(self.start)}/{short.instant(self.end)}"
        return short.call("OpenPeriod", span, short.duration(self.duration))


def _clock(t: datetime) -> str:
    """HH:MM, with seconds and microseconds only when there are some."""
    if t.microsecond:
        return t.strftime("%H:%M:%S.%f")
    return t.strftime("%H:%M:%S" if t.second else "%H:%M")
