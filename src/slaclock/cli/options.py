"""The options every command takes: which plan and calendar, how to read times, JSON or text.

They are accepted before or after the command's name (``slaclock --zone Z
deadline ...`` and ``slaclock deadline ... --zone Z`` are the same).
Precedence: ``--plan`` gives a plan and its calendar, ``--calendar`` replaces
that calendar, then ``--zone`` and ``--open-non-working-days`` change it.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from slaclock import __version__
from slaclock._checks import cut
from slaclock._model import FrozenModel
from slaclock.calendar.business_calendar import BusinessCalendar
from slaclock.calendar.kinds import AnyCalendar
from slaclock.cli.instants import InstantReader
from slaclock.errors import CommandLineError, SlaclockError
from slaclock.sla.plan import BASIC_PLAN, ServicePlan

__all__ = ["DEFAULTS", "Context", "add_global_options", "context"]

M = TypeVar("M", bound=FrozenModel)
#: The largest --plan / --calendar file read (a plan is a few kilobytes).
_MAX_MODEL_BYTES = 10 * 1024 * 1024
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
        "there), e.g. America/Argentina/Buenos_Aires",
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
    plan = BASIC_PLAN if args.plan is None else _load(ServicePlan, args.plan, "--plan")
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
        cal = cal.model_copy(update={"zone": args.zone})
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


def _load(model: type[M], name: str, option: str) -> M:
    """A model from a JSON file; every problem is one line naming the file."""
    path = Path(name)
    shown = repr(cut(name, 80))
    try:
        with path.open("rb") as f:
            data = f.read(_MAX_MODEL_BYTES + 1)
    except FileNotFoundError:
        raise CommandLineError(f"{option} {shown}: no such file.") from None
    except IsADirectoryError:
        raise CommandLineError(f"{option} {shown} is a directory; give a JSON file.") from None
    except OSError as exc:
        raise CommandLineError(f"{option} {shown}: cannot read it ({exc.strerror}).") from None
    if len(data) > _MAX_MODEL_BYTES:
        raise CommandLineError(f"{option} {shown} is larger than 10 MB; is it the right file?")
    if not data.strip():
        raise CommandLineError(
            f"{option} {shown} is empty; write it with {model.__name__}.model_dump_json()."
        )
    try:
        return model.model_validate_json(data)
    except SlaclockError as exc:
        raise CommandLineError(
            f"{option} {shown}: {exc} (write it with {model.__name__}.model_dump_json())"
        ) from exc
