"""The `slaclock` command: deadlines, elapsed business time and holidays, explained.

The only module that reads the clock or parses free text. A time given
without an offset is read in the plan calendar's zone, and the output says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

from dateutil import parser as dateparser

from slaclock.calendar.business_calendar import BusinessCalendar
from slaclock.errors import SlaclockError
from slaclock.sla.plan import BASIC_PLAN
from slaclock.sla.severity import Severity

__all__ = ["main"]


def _instant(text: str, cal: BusinessCalendar, notes: list[str]) -> datetime:
    if text == "now":
        return datetime.now(timezone.utc).astimezone(cal.zone)
    try:
        t = dateparser.isoparse(text)
    except ValueError:
        try:
            t = dateparser.parse(text, dayfirst=False)
        except (ValueError, OverflowError) as exc:
            raise SystemExit(
                f"slaclock: cannot read {text!r} as a date and time; "
                "write e.g. 2026-11-20T16:30 or 2026-11-20T16:30-03:00"
            ) from exc
    if t.tzinfo is None:
        t = t.replace(tzinfo=cal.zone)
        notes.append(f"{text!r} has no UTC offset: read as {cal.zone.key} time")
    return t


def _calendar(args: argparse.Namespace) -> BusinessCalendar:
    cal = BASIC_PLAN.calendar
    assert isinstance(cal, BusinessCalendar)
    return cal.with_non_working_days(False) if args.open_non_working_days else cal


def _deadline(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    notes: list[str] = []
    received = _instant(args.received, cal, notes)
    if args.hours is not None:
        target = timedelta(hours=args.hours)
        what = f"{args.hours} business hours"
    else:
        severity = Severity.parse(args.severity)
        chosen = BASIC_PLAN.target(severity)
        assert isinstance(chosen, timedelta)  # Basic's targets are durations
        target = chosen
        what = f"{severity}: {severity.meaning}"
    exp = cal.explain(received, target)
    if args.json:
        print(
            json.dumps(
                {
                    "received": exp.start.isoformat(),
                    "clock_start": exp.clock_start.isoformat(),
                    "target_microseconds": target // timedelta(microseconds=1),
                    "deadline": exp.deadline.isoformat(),
                    "provisional_years": list(exp.provisional_years),
                    "skipped": [
                        {"day": c.day.isoformat(), "reason": c.reason, "kind": c.kind}
                        for c in exp.closed_days
                    ],
                },
                indent=2,
            )
        )
        return 0
    print(f"plan          {BASIC_PLAN.name}: {what}")
    print(exp)
    for note in notes:
        print(f"note          {note}")
    return 0


def _elapsed(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    notes: list[str] = []
    a, b = _instant(args.start, cal, notes), _instant(args.end, cal, notes)
    print(f"business time {cal.elapsed(a, b)} between {a.isoformat()} and {b.isoformat()}")
    for note in notes:
        print(f"note          {note}")
    return 0


def _holidays(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    day = date(args.year, 1, 1)
    while day.year == args.year:
        h = cal.holiday(day)
        if h is not None:
            print(h)
        day += timedelta(days=1)
    info = cal.holiday_data()
    if info is not None:
        print(f"(holidays {info.version}; decreed days known through {info.complete_through})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    p = argparse.ArgumentParser(
        prog="slaclock",
        description="Business-hours SLA deadlines on the Basic Support calendar "
        "(Mon-Fri 09:00-17:00 Buenos Aires, Argentine holidays).",
    )
    p.add_argument(
        "--open-non-working-days",
        action="store_true",
        help="work on 'días no laborables' (Maundy Thursday, tourism bridge days)",
    )
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("deadline", help="first-response deadline of a case, explained")
    d.add_argument("received", help="when the case arrived: ISO date-time, or 'now'")
    g = d.add_mutually_exclusive_group()
    g.add_argument("--severity", default="1", help="1-4 (default 1)")
    g.add_argument("--hours", type=int, help="a target in business hours instead")
    d.add_argument("--json", action="store_true", help="machine-readable output")
    d.set_defaults(run=_deadline)
    e = sub.add_parser("elapsed", help="business time between two instants")
    e.add_argument("start")
    e.add_argument("end")
    e.set_defaults(run=_elapsed)
    h = sub.add_parser("holidays", help="the closed dates of a year, named")
    h.add_argument("year", type=int)
    h.set_defaults(run=_holidays)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `slaclock` console command."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except SlaclockError as exc:
        print(f"slaclock: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
