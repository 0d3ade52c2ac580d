"""`slaclock calendar YEAR` (alias `holidays`): the closed days of a year, or an iCalendar file."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from slaclock._checks import cut
from slaclock._time import MAX_YEAR, MIN_YEAR, check_year
from slaclock.calendar.business_calendar import BusinessCalendar
from slaclock.calendar.explanation import ClosedDay
from slaclock.cli.options import Context
from slaclock.cli.output import calendar_json, print_json, show, wrap
from slaclock.cli.safe_text import escaped
from slaclock.errors import CommandLineError

__all__ = ["add_parser", "closed_line", "read_year", "run"]

_KIND_LABEL = {"holiday": "holiday", "non_working_day": "non-working day", "closure": "closure"}


def add_parser(sub: Any, **common: Any) -> None:
    """The `calendar` command's arguments (also reached as `holidays`)."""
    p = sub.add_parser(
        "calendar",
        aliases=["holidays"],
        help="the closed days of a year, named (--ics: an iCalendar file)",
        description=wrap(
            "The dates the calendar closes in YEAR: public holidays by name, "
            "Argentina's non-working days, and the calendar's own closures. With --ics, an "
            "iCalendar file (all-day events) to import into Google Calendar or Outlook: "
            "slaclock calendar 2026 --ics > closed-2026.ics"
        ),
        **common,
    )
    p.add_argument("year", help=f"a year, {MIN_YEAR}-{MAX_YEAR}")
    p.add_argument("--ics", action="store_true", help="write an iCalendar (.ics) file to stdout")
    p.set_defaults(run=run)


def closed_line(d: ClosedDay) -> str:
    """One closed date as the command prints it."""
    span = f" {d.hours}" if d.hours is not None else ""
    return f"{d.day.strftime('%a %Y-%m-%d')}{span} {escaped(d.reason)} ({_KIND_LABEL[d.kind]})"


def read_year(text: str) -> int:
    """A year typed on the command line: ASCII digits within slaclock's range."""
    given = text.strip()
    if not re.fullmatch(r"[+-]?[0-9]{1,12}", given):
        raise CommandLineError(
            f"the year {cut(given, 40)!r} is not a year; write four digits, e.g. 2026."
        )
    year = int(given)
    check_year(year, "the calendar asked for")
    return year


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the closed days of the year (text, JSON or iCalendar)."""
    year = read_year(args.year)
    if args.ics and ctx.json:
        raise CommandLineError("--ics and --json are two outputs; choose one.")
    cal = ctx.calendar
    days = cal.closed_days(year)
    notes: list[str] = []
    rules = cal.holidays if isinstance(cal, BusinessCalendar) else None
    info = None if rules is None else rules.info((year,))
    if info is not None and info.complete_through is not None and year > info.complete_through:
        notes.append(
            f"{year} is after {info.complete_through}, the last year whose decreed days "
            "(bridge days) the holiday data includes: more may be decreed."
        )
    if args.ics:
        from slaclock.cli.ics import closed_days_ics

        data = closed_days_ics(days, cal, year, ctx.plan.name)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return 0
    if ctx.json:
        print_json(
            {
                "command": "calendar",
                "year": year,
                "calendar": calendar_json(cal),
                "closed": [
                    {
                        "day": d.day.isoformat(),
                        "name": d.reason,
                        "kind": d.kind,
                        "hours": None if d.hours is None else str(d.hours),
                    }
                    for d in days
                ],
                "holiday_data": None if info is None else info.model_dump(mode="json"),
                "notes": notes,
            }
        )
        return 0
    for d in days:
        show(closed_line(d))
    if not days:
        show(f"(no closed days in {year})")
    if info is not None:
        through = info.complete_through if info.complete_through is not None else "n/a"
        show(
            f"({info.package} {info.version}, {info.country} {'+'.join(info.categories)}; "
            f"decreed days known through {through})"
        )
    for note in notes:
        show(f"note: {note}")
    return 0
