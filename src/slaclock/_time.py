"""Exact conversions between aware datetimes, timedeltas and integer microseconds.

The engine works on integers (microseconds since the Unix epoch, UTC), so no
arithmetic ever touches a float.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

from slaclock._checks import shorten
from slaclock.errors import (
    InvalidDurationError,
    NaiveDatetimeError,
    OutOfRangeError,
    WrongTypeError,
)

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "US_PER_DAY",
    "US_PER_SECOND",
    "check_year",
    "from_us",
    "iso_hours",
    "naive_us",
    "time_us",
    "to_us",
    "us_of_timedelta",
]

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
NAIVE_EPOCH = datetime(1970, 1, 1)
US_PER_SECOND = 1_000_000
US_PER_DAY = 86_400 * US_PER_SECOND
ONE_US = timedelta(microseconds=1)

#: The years the engine answers for. Wide enough for any contract, narrow
#: enough that the zone and holiday data mean something.
MIN_YEAR = 1900
MAX_YEAR = 2199


def check_year(year: int, what: str) -> None:
    """Raise `OutOfRangeError` unless `year` is an int within the supported range."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise WrongTypeError(
            f"{what}: the year must be an int, got {type(year).__name__}: {shorten(year)}."
        )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise OutOfRangeError(
            f"{what} is in year {shorten(year)}; slaclock supports years {MIN_YEAR}-{MAX_YEAR}. "
            "Use a date or instant inside that range."
        )


def to_us(t: object, what: str = "instant") -> int:
    """Microseconds since the epoch for an aware datetime; anything else is an error.

    A number is refused (seconds or milliseconds? in which zone?), and so is a
    datetime whose tzinfo gives no UTC offset (naive) or fails to give one.
    """
    if not isinstance(t, datetime):
        raise NaiveDatetimeError(
            f"{what} must be a timezone-aware datetime.datetime, got {type(t).__name__}: "
            f"{shorten(t)}. Pass e.g. datetime(2026, 11, 20, 16, 30, tzinfo=ZoneInfo("
            "'America/Argentina/Buenos_Aires')) (in JSON: \"2026-11-20T16:30:00-03:00\"); "
            "numbers are refused because their unit and zone are unclear."
        )
    tz = t.tzinfo
    if tz is not None:
        try:
            return (t - EPOCH) // ONE_US
        except TypeError:  # a tzinfo whose utcoffset() is None: naive after all
            pass
        except Exception as exc:  # a tzinfo whose utcoffset() raises
            raise NaiveDatetimeError(
                f"{what} {t.replace(tzinfo=None).isoformat()} has a tzinfo "
                f"({type(tz).__name__}) that fails to give a UTC offset: {shorten(exc)}. "
                "Use a zoneinfo.ZoneInfo, e.g. ZoneInfo('America/Argentina/Buenos_Aires')."
            ) from exc
        raise NaiveDatetimeError(
            f"{what} {t.replace(tzinfo=None).isoformat()} has a tzinfo ({type(tz).__name__}) "
            "whose utcoffset() is None, so it is naive. slaclock never guesses a zone: use a "
            "zoneinfo.ZoneInfo, e.g. ZoneInfo('America/Argentina/Buenos_Aires')."
        )
    raise NaiveDatetimeError(
        f"{what} {t.isoformat()} is naive (no time zone). slaclock never guesses a zone: "
        "attach one, e.g. t.replace(tzinfo=ZoneInfo('America/Argentina/Buenos_Aires'))."
    )


def from_us(us: int, zone: tzinfo) -> datetime:
    """The aware datetime, in `zone`, for microseconds since the epoch (integer-exact)."""
    seconds, micro = divmod(us, US_PER_SECOND)
    t = datetime.fromtimestamp(seconds, zone)
    return t.replace(microsecond=micro) if micro else t


def us_of_timedelta(d: object, what: str = "duration") -> int:
    """Exact microseconds of a timedelta; anything else is an `InvalidDurationError`."""
    if not isinstance(d, timedelta):
        raise InvalidDurationError(
            f"{what} must be a datetime.timedelta, got {type(d).__name__}: {shorten(d)}. "
            'Write e.g. timedelta(hours=2) (in JSON: "PT2H"); numbers are refused because '
            "their unit is unclear."
        )
    return (d.days * 86_400 + d.seconds) * US_PER_SECOND + d.microseconds


def iso_hours(d: timedelta) -> str:
    """ISO 8601 in hours, minutes and seconds ('PT32H', '-PT8H', 'PT0.000001S').

    No days: a day of business time would read as a calendar day. pydantic (and
    so every slaclock model) reads these strings back to the same `timedelta`.
    """
    us = (d.days * 86_400 + d.seconds) * US_PER_SECOND + d.microseconds
    sign = "-" if us < 0 else ""
    hours, rest = divmod(abs(us), 3600 * US_PER_SECOND)
    minutes, rest = divmod(rest, 60 * US_PER_SECOND)
    seconds, micro = divmod(rest, US_PER_SECOND)
    text = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if seconds or micro:
        text += f"{seconds}.{micro:06d}".rstrip("0").rstrip(".") + "S"
    return f"{sign}PT{text or '0S'}"


def naive_us(day: date, at: time | None = None) -> int:
    """Microseconds of a wall-clock reading (date + time) counted from 1970-01-01 00:00."""
    d = datetime.combine(day, at or time(0)) - NAIVE_EPOCH
    return (d.days * 86_400 + d.seconds) * US_PER_SECOND + d.microseconds


def time_us(at: time) -> int:
    """Microseconds since midnight of a wall-clock time."""
    return ((at.hour * 60 + at.minute) * 60 + at.second) * US_PER_SECOND + at.microsecond
