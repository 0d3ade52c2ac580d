"""The options every command takes: which plan and calendar, how to read times, JSON or text.

They are accepted before or after the command's name (``slaclock --zone Z
deadline ...`` and ``slaclock deadline ... --zone Z`` are the same).
Precedence: ``--plan`` gives a plan and its calendar, ``--calendar`` replaces
that calendar, then ``--zone`` and ``--open-non-working-days`` change it.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from typing import TypeVar

from slaclock import __version__
from slaclock._checks import cut
from slaclock._model import FrozenModel
from slaclock.calendar.any_calendar import AnyCalendar
from slaclock.calendar.business_calendar import BusinessCalendar
from slaclock.cli.files import MB, read_input, shown
from slaclock.cli.instants import InstantReader
from slaclock.cli.output import say
from slaclock.cli.safe_text import escaped
from slaclock.errors import CommandLineError, SlaclockError
from slaclock.sla.plan import ServicePlan, basic_plan

__all__ = ["DEFAULTS", "Context", "add_global_options", "context"]

M = TypeVar("M", bound=FrozenModel)
#: IANA keys that are abbreviations or legacy rules rather than places (EST, EST5EDT, CET).
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9+-]{1,7}")
#: The largest --plan / --calendar file read (a plan is a few kilobytes).
_MAX_MODEL_BYTES = 10 * MB
#: Values of the global options when they are not given (argparse is told to leave
#: them unset, so that a value given before the command is not reset after it).
DEFAULTS: dict[str, object] = {
    "zone": None,
    "plan": None,
    "calendar": None,
    "open_non_working_days": False,
    "dayfirst": False,
    "json": False,
}


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """Add the options every command takes to `parser` (the main one and each command's)."""
    g = parser.add_argument_group("options of every command (before or after its name)")
    g.add_argument(
        "--plan",
        metavar="FILE.json",
        help="a service plan as JSON (ServicePlan.model_dump_json()); default: the manual's "
        "Basic plan",
    )
    g.add_argument(
        "--calendar",
        metavar="FILE.json",
        help="a business calendar as JSON (BusinessCalendar.model_dump_json()); default: the "
        "plan's",
    )
    g.add_argument(
        "--zone",
        metavar="ZONE",
        help="the calendar's IANA time zone (its hours and times without an offset are read "
        "there), e.g. America/New_York; abbreviations such as EST are refused. The holidays "
        "stay the calendar's country's (Argentina's by default): for another country's, "
        "give --calendar FILE.json",
    )
    g.add_argument(
        "--open-non-working-days",
        action="store_true",
        help="work on Argentina's 'días no laborables' (Maundy Thursday, tourism bridge days)",
    )
    g.add_argument(
        "--dayfirst",
        action="store_true",
        help="also read dates written day first: 20/11/2026, 20-11-2026 16:30, 20.11.2026",
    )
    g.add_argument("--json", action="store_true", help="JSON output (status: JSON lines)")
    g.add_argument("--version", action="version", version=f"slaclock {__version__}")


@dataclass(frozen=True)
class Context:
    """What the global options chose for one run."""

    plan: ServicePlan
    calendar: AnyCalendar
    reader: InstantReader
    json: bool


def context(args: argparse.Namespace) -> Context:
    """The plan, calendar and instant reader the global options give."""
    plan = basic_plan() if args.plan is None else _load(ServicePlan, args.plan, "--plan")
    cal = plan.calendar
    if args.calendar is not None:
        cal = _load(BusinessCalendar, args.calendar, "--calendar")
    if (args.zone is not None or args.open_non_working_days) and not isinstance(
        cal, BusinessCalendar
    ):
        raise CommandLineError(
            "--zone and --open-non-working-days change a plain calendar; the plan's calendar "
            f"is a {type(cal).__name__}. Give the changed calendar with --calendar FILE.json."
        )
    if args.zone is not None:
        _check_zone(args.zone)
        cal = cal.model_copy(update={"zone": args.zone})
        info = cal.holiday_data()
        if info is not None:
            say(
                f"slaclock: note: --zone {escaped(cut(args.zone, 64))} moves the hours; the "
                f"holidays are still {info.country}'s (give --calendar FILE.json for another "
                "country's)"
            )
    if args.open_non_working_days:
        assert isinstance(cal, BusinessCalendar)
        if cal.holidays is None:
            raise CommandLineError(
                "--open-non-working-days: the calendar has no public holidays to open; "
                "drop the option or use a calendar with holidays."
            )
        cal = cal.with_non_working_days(False)
    if cal is not plan.calendar:
        plan = plan.with_calendar(cal)
    return Context(plan, cal, InstantReader(cal.zone, args.dayfirst), args.json)


def _check_zone(key: str) -> None:
    """Refuse a zone abbreviation (EST, CET, EST5EDT): the help promises it."""
    if _ABBREVIATION.fullmatch(key) and key not in ("UTC", "GMT"):
        raise CommandLineError(
            f"--zone {escaped(cut(key, 20))!r} is a zone abbreviation, which names different "
            "offsets in different places and has no holidays' history; give the IANA name of "
            "a place, e.g. America/New_York, Europe/Madrid, or UTC."
        )


def _load(model: type[M], name: str, option: str) -> M:
    """A model from a JSON file; every problem is one line naming the file."""
    label = f"{option} '{shown(name, stdin=False)}'"
    data = read_input(name, _MAX_MODEL_BYTES, label, "is it the right file?", "a JSON file")
    if not data.strip():
        raise CommandLineError(
            f"{label} is empty; write it with {model.__name__}.model_dump_json()."
        )
    try:
        return model.model_validate_json(data)
    except SlaclockError as exc:
        raise CommandLineError(
            f"{label}: {exc} (write it with {model.__name__}.model_dump_json())"
        ) from exc
