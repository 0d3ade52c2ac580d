"""`slaclock elapsed START END`: the business time between two instants."""

from __future__ import annotations

import argparse
from typing import Any

from slaclock.calendar.explanation import format_duration, format_instant
from slaclock.cli.options import Context
from slaclock.cli.output import (
    calendar_json,
    iso_duration,
    iso_instant,
    line,
    print_json,
    show,
    wrap,
)

__all__ = ["add_parser", "run"]


def add_parser(sub: Any, **common: Any) -> None:
    """The `elapsed` command's arguments."""
    p = sub.add_parser(
        "elapsed",
        help="business time between two instants",
        description=wrap(
            "The open time of the calendar between START and END, in business hours "
            "(negative when END is before START)."
        ),
        **common,
    )
    p.add_argument("start", help="an instant (see 'times' below), or 'now'")
    p.add_argument("end", help="an instant (see 'times' below), or 'now'")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the business time between the two instants."""
    notes: list[str] = []
    start = ctx.reader.read(args.start, "the start", notes)
    end = ctx.reader.read(args.end, "the end", notes)
    elapsed = ctx.calendar.elapsed(start, end)
    if ctx.json:
        print_json(
            {
                "command": "elapsed",
                "start": iso_instant(start),
                "end": iso_instant(end),
                "elapsed": iso_duration(elapsed),
                "calendar": calendar_json(ctx.calendar),
                "notes": notes,
            }
        )
        return 0
    show(line("elapsed", f"{format_duration(elapsed)} of business time"))
    show(line("from", format_instant(start)))
    show(line("to", format_instant(end)))
    show(line("calendar", f"{ctx.calendar.describe_hours()} ({ctx.calendar.zone.key})"))
    for note in notes:
        show(line("note", note))
    return 0
