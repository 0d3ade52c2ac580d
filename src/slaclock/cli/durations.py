"""Reading business durations: ``90m``, ``1.5h``, ``2h30m``, ``PT1H30M``; never a bare number.

Durations are exact: the decimals must come to whole microseconds. Days are
refused, since a day of business time could be 24 hours or one business day
(8 hours on the manual's calendar): write hours.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from slaclock._checks import cut
from slaclock._time import iso_hours
from slaclock.errors import CommandLineError

__all__ = ["FORMS", "iso_duration", "read_duration", "read_hours"]

FORMS = "90m, 1.5h, 2h30m, 45s, 250ms, PT1H30M (ISO 8601, hours, minutes and seconds)"
_US = {
    "h": 3_600_000_000,
    "m": 60_000_000,
    "s": 1_000_000,
    "ms": 1_000,
    "us": 1,
}
_UNITS = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), "m"),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "s"),
    "ms": "ms",
    "us": "us",
    "µs": "us",
}
_NUMBER = r"(\d+(?:[.,]\d+)?|[.,]\d+)"
_PART = re.compile(rf"\s*{_NUMBER}\s*([a-zµ]+)\s*")
_ISO = re.compile(rf"PT(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?")
_BARE = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_MAX_US = timedelta.max // timedelta(microseconds=1)


def read_duration(text: str, what: str) -> timedelta:
    """The duration `text` names (see `FORMS`); a leading '-' makes it negative."""
    given = text.strip()
    body = given.lstrip("+-").strip()
    sign = -1 if given.startswith("-") else 1
    if len(given) > 60:
        raise CommandLineError(f"{what} {_echo(given)} is too long; write e.g. {FORMS}.")
    if not body:
        raise CommandLineError(f"{what} is empty; write a duration such as {FORMS}.")
    if _BARE.fullmatch(given):
        raise CommandLineError(
            f"{what} {_echo(given)} has no unit: hours or minutes? Write {body}h for hours "
            f"or {body}m for minutes (accepted: {FORMS})."
        )
    if body[:1] in ("P", "p"):
        return sign * _iso(body.upper(), given, what)
    body = body.lower()
    total, k = 0, 0
    for part in _PART.finditer(body):
        if part.start() != k:
            break
        unit = _UNITS.get(part[2])
        if unit is None:
            raise CommandLineError(_unit_message(part[2], given, what))
        total += _scaled(part[1], _US[unit], given, what)
        k = part.end()
    if k != len(body) or k == 0:
        raise CommandLineError(f"cannot read {what} {_echo(given)}; write e.g. {FORMS}.")
    return _delta(sign * total, given, what)


def read_hours(text: str, what: str) -> timedelta:
    """A number of business hours (``3``, ``1.5``): the unit is the option's name."""
    given = text.strip()
    sign = -1 if given.startswith("-") else 1
    body = given.lstrip("+-")
    if len(given) <= 60 and _BARE.fullmatch(given) and _too_many_hours(given):
        raise CommandLineError(
            f"{what} {_echo(given)} is too large: Python durations stop at about 2.7 million "
            "years, and slaclock's calendars at 2199."
        )
    if len(given) > 60 or not re.fullmatch(_NUMBER, body):
        raise CommandLineError(
            f"{what} {_echo(given)} is not a number of hours; write e.g. 3 or 1.5, or give "
            f"the target with its unit: --target 90m ({FORMS})."
        )
    return _delta(sign * _scaled(body, _US["h"], given, what), given, what)


def _too_many_hours(number: str) -> bool:
    """Whether a number (exponents allowed: 1e308) is beyond any duration, in hours."""
    try:
        return abs(Decimal(number)) * _US["h"] > _MAX_US
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return False


def iso_duration(d: timedelta) -> str:
    """ISO 8601 in hours (see `slaclock._time.iso_hours`: 'PT32H', never days)."""
    return iso_hours(d)


def _iso(body: str, given: str, what: str) -> timedelta:
    m = _ISO.fullmatch(body)
    if m is None or body == "PT" or not any(m.groups()):
        if re.match(r"P\d", body) or "D" in body or "W" in body:
            raise CommandLineError(
                f"{what} {_echo(given)} counts days, weeks, months or years; a day of "
                "business time could be 24 hours or one business day, so write hours: "
                f"PT24H or 24h (accepted: {FORMS})."
            )
        raise CommandLineError(f"cannot read {what} {_echo(given)}; write e.g. {FORMS}.")
    total = sum(
        _scaled(value, _US[unit], given, what)
        for value, unit in zip(m.groups(), ("h", "m", "s"))
        if value is not None
    )
    return _delta(total, given, what)


def _scaled(number: str, unit_us: int, given: str, what: str) -> int:
    try:
        value = Decimal(number.replace(",", ".")) * unit_us
    except InvalidOperation:  # pragma: no cover - the patterns admit only decimals
        raise CommandLineError(f"cannot read {what} {_echo(given)}.") from None
    if value != value.to_integral_value():
        raise CommandLineError(
            f"{what} {_echo(given)} is not a whole number of microseconds; slaclock counts "
            "time exactly: give fewer decimals."
        )
    return int(value)


def _delta(us: int, given: str, what: str) -> timedelta:
    if abs(us) > _MAX_US:
        raise CommandLineError(
            f"{what} {_echo(given)} is too large: Python durations stop at about 2.7 million "
            "years, and slaclock's calendars at 2199."
        )
    return timedelta(microseconds=us)


def _unit_message(unit: str, given: str, what: str) -> str:
    if unit in ("d", "day", "days", "w", "wk", "week", "weeks"):
        return (
            f"{what} {_echo(given)} counts days or weeks; a day of business time could be 24 "
            f"hours or one business day, so write hours: 24h or PT24H (accepted: {FORMS})."
        )
    return (
        f"{what} {_echo(given)} has the unit {cut(unit, 20)!r}, which slaclock does not read; "
        f"use h, m, s, ms or us ({FORMS})."
    )


def _echo(text: str) -> str:
    return repr(cut(text, 60))
