"""Closed days as an iCalendar file (RFC 5545) that Google Calendar and Outlook import.

Written with the `icalendar` package, imported only here. Each closed date is
an all-day VEVENT (a closure of some hours only is a timed one, in UTC) that is
shown as free time. UIDs are stable: the same date of the same calendar gets
the same UID in every run, so importing a newer file updates events instead
of duplicating them. DTSTAMP is the time of the run, or ``SOURCE_DATE_EPOCH``
when set (reproducible files).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from datetime import datetime, time, timedelta, timezone

from slaclock import __version__
from slaclock.calendar.any_calendar import AnyCalendar
from slaclock.calendar.explanation import ClosedDay
from slaclock.cli.safe_text import escaped
from slaclock.errors import CommandLineError

__all__ = ["closed_days_ics"]

_KIND = {"holiday": "Holiday", "non_working_day": "Non-working day", "closure": "Closure"}


def closed_days_ics(
    days: Sequence[ClosedDay], cal: AnyCalendar, year: int, plan_name: str
) -> bytes:
    """The iCalendar file (CRLF lines, UTF-8) of `days`."""
    from icalendar import Calendar, Event

    stamp = _stamp()
    zone = cal.zone.key
    info = cal.holiday_data()
    country = "" if info is None else info.country
    ics = Calendar()
    ics.add("prodid", f"-//slaclock//slaclock {__version__}//EN")
    ics.add("version", "2.0")
    ics.add("calscale", "GREGORIAN")
    ics.add("method", "PUBLISH")
    ics.add("x-wr-calname", f"Closed days {year} ({escaped(plan_name)})")
    ics.add("x-wr-timezone", zone)
    for d in days:
        event = Event()
        event.add("uid", _uid(d, zone, country))
        event.add("dtstamp", stamp)
        if d.hours is None:
            event.add("dtstart", d.day)
            event.add("dtend", d.day + timedelta(days=1))
        else:
            start = datetime.combine(d.day, d.hours.start, tzinfo=cal.zone)
            end = (
                datetime.combine(d.day + timedelta(days=1), time(0), tzinfo=cal.zone)
                if d.hours.end is None  # 24:00
                else datetime.combine(d.day, d.hours.end, tzinfo=cal.zone)
            )
            event.add("dtstart", start.astimezone(timezone.utc))
            event.add("dtend", end.astimezone(timezone.utc))
        name = escaped(d.reason)  # RFC 5545 allows no control characters but tab in TEXT
        event.add("summary", name if d.kind == "holiday" else f"{name} ({_KIND[d.kind].lower()})")
        event.add(
            "description",
            f"{_KIND[d.kind]}: the desk is closed"
            + (f" {d.hours} ({zone})" if d.hours is not None else "")
            + f". Calendar: {cal.describe_hours()} ({zone}). Written by slaclock {__version__}.",
        )
        event.add("categories", [_KIND[d.kind]])
        event.add("transp", "TRANSPARENT")
        ics.add_component(event)
    data: bytes = ics.to_ical()
    return data


def _uid(d: ClosedDay, zone: str, country: str) -> str:
    """The same UID for the same date, kind and hours of the same calendar, in every run."""
    key = f"{zone}|{country}|{d.day.isoformat()}|{d.kind}|{d.hours}"
    if d.kind == "closure":
        key += f"|{d.reason}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"{d.day.strftime('%Y%m%d')}-{d.kind.replace('_', '-')}-{digest}@slaclock"


def _stamp() -> datetime:
    """Now in UTC, or SOURCE_DATE_EPOCH (seconds) for reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    if not epoch.isascii() or not epoch.isdigit() or len(epoch) > 11:
        raise CommandLineError(
            f"SOURCE_DATE_EPOCH={epoch[:40]!r} is not a number of seconds since 1970; unset it "
            "or give e.g. 1767225600."
        )
    return datetime.fromtimestamp(int(epoch), timezone.utc)
