"""`slaclock deadline RECEIVED`: the first-response deadline of a case, explained."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from slaclock.calendar.explanation import format_duration
from slaclock.cli.durations import read_duration, read_hours
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
from slaclock.errors import CommandLineError
from slaclock.sla.plan import ByTimeOfDay
from slaclock.sla.severity import Severity

__all__ = ["add_parser", "run"]


def add_parser(sub: Any, **common: Any) -> None:
    """The `deadline` command's arguments."""
    p = sub.add_parser(
        "deadline",
        help="the first-response deadline of a case, explained",
        description=wrap(
            "When the first response to a case is due: the plan's target for its "
            "severity (or a target you give), counted in business time from receipt."
        ),
        **common,
    )
    p.add_argument("received", help="when the case arrived (see 'times' below), or 'now'")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--severity", help="1-4 or critical, major, minor, informational (default 1)")
    g.add_argument("--hours", help="a target in business hours instead (3, 1.5)")
    g.add_argument("--target", help="a target with its unit instead (90m, 1.5h, PT1H30M)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the deadline and why it falls there."""
    notes: list[str] = []
    received = ctx.reader.read(args.received, "the received time", notes)
    severity: Severity | None = None
    if args.hours is not None:
        target = read_hours(args.hours, "--hours")
    elif args.target is not None:
        target = read_duration(args.target, "--target")
    else:
        severity = Severity.parse(args.severity if args.severity is not None else "1")
        chosen = ctx.plan.target(severity)
        if isinstance(chosen, ByTimeOfDay):  # "by 16:00 ...": the business time until then
            start = ctx.calendar.next_open(received)
            due = ctx.calendar.deadline_by(received, chosen.at, chosen.business_days)
            target = ctx.calendar.elapsed(start, due)
        else:
            target = chosen
    if target < timedelta(0):
        raise CommandLineError(
            f"the target {format_duration(target)} is negative; a deadline is business time "
            "after receipt: give zero or more."
        )
    exp = ctx.calendar.explain(received, target)
    if ctx.json:
        print_json(
            {
                "command": "deadline",
                "plan": ctx.plan.name,
                "severity": None if severity is None else int(severity),
                "target": iso_duration(target),
                "received": iso_instant(exp.start),
                "clock_start": iso_instant(exp.clock_start),
                "deadline": iso_instant(exp.deadline),
                "calendar": calendar_json(ctx.calendar),
                "counted": [
                    {
                        "start": iso_instant(p.start),
                        "end": iso_instant(p.end),
                        "duration": iso_duration(p.duration),
                    }
                    for p in exp.periods
                ],
                "skipped": [
                    {
                        "day": c.day.isoformat(),
                        "reason": c.reason,
                        "kind": c.kind,
                        "hours": None if c.hours is None else str(c.hours),
                    }
                    for c in exp.closed_days
                ],
                "provisional_years": list(exp.provisional_years),
                "holiday_data": None
                if exp.holiday_data is None
                else exp.holiday_data.model_dump(mode="json"),
                "tz_data": exp.tz_data,
                "notes": notes,
            }
        )
        return 0
    what = (
        f"{severity}: {severity.meaning}"
        if severity is not None
        else f"a target of {format_duration(target)} given on the command line"
    )
    show(line("plan", f"{ctx.plan.name}: {what}"))
    show(str(exp))  # its text keeps microseconds wherever there are some
    for note in notes:
        show(line("note", note))
    return 0
