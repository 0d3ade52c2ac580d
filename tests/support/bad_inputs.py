"""The bad-inputs catalogue's building blocks (issue 9): the tickets, plans and calendars the
cases start from, the outcomes a case expects (`Raises`, `Gives`), and `check`, which runs one.

Each module's cases sit in that module's test file (a `BAD_INPUTS` list, run by its
`test_bad_input`); tests/test_errors.py checks the whole catalogue. Every case runs in this
process and fast. An input that must be refused names the exact `SlaclockError` subclass,
the built-in exception it also is, and a piece of its message; an input that is fine names
the value it gives. Any message is short, whatever the input (errors never echo unbounded
input). Many calls are ill-typed on purpose.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

import pytest

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    Closed,
    Closure,
    Contact,
    Escalated,
    EscalationError,
    InvalidDurationError,
    InvalidModelError,
    InvalidScheduleError,
    NaiveDatetimeError,
    OutOfRangeError,
    Paused,
    ResponseTargets,
    ServicePlan,
    SlaclockError,
    SlaStatus,
    SupportLevel,
    Ticket,
    TicketEventError,
    UnknownHolidayCountryError,
    UnknownTimeZoneError,
    WeeklySchedule,
    WrongTypeError,
    argentina,
    evaluate,
)
from tests.support.domain import ba, ticket
from tests.support.strategies import ALWAYS

H = timedelta(hours=1)
CAL = BASIC_PLAN.calendar
AT = ba(2026, 11, 20, 10)  # a Friday, 10:00 Buenos Aires
NOW = ba(2026, 11, 24, 10)
T = ticket(AT)
T4 = ticket(AT, priority=4)
CLOSED = T.apply(Closed(at=ba(2026, 11, 20, 11)))
AT_VENDOR = T.apply(Escalated(at=ba(2026, 11, 20, 11), to=SupportLevel.L2)).apply(
    Escalated(at=ba(2026, 11, 20, 12), to=SupportLevel.VENDOR, assisted_only=True)
)
PAUSED = T.apply(Paused(at=ba(2026, 11, 20, 11)))
NEVER = BusinessCalendar(schedule=WeeklySchedule(days=[[]] * 7), holidays=None)
OPEN_ALWAYS = BusinessCalendar(schedule=ALWAYS, holidays=None)
MEGABYTE = "x" * 1_000_000
#: No message may be longer than this, whatever the input.
MESSAGE_LIMIT = 1200


class BareZone(tzinfo):
    """A tzinfo subclass that implements nothing: utcoffset() raises NotImplementedError."""


class NoOffsetZone(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


class BrokenZone(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        raise RuntimeError("zone database unavailable")


# -- building blocks -----------------------------------------------------------------------

TARGETS = {"critical": 2 * H, "major": 6 * H, "minor": 12 * H, "informational": 24 * H}
TARGETS_JSON = {"critical": "PT2H", "major": "PT6H", "minor": "PT12H", "informational": "PT24H"}


def targets(**changes: Any) -> ResponseTargets:
    return ResponseTargets(**{**TARGETS, **changes})


def targets_json(**changes: Any) -> ResponseTargets:
    return ResponseTargets.model_validate_json(json.dumps({**TARGETS_JSON, **changes}))


def ticket_with(**changes: Any) -> Ticket:
    return Ticket(**{**dict(T), **changes})


def ticket_json(**changes: Any) -> Ticket:
    return Ticket.model_validate_json(json.dumps({**json.loads(T.model_dump_json()), **changes}))


def ticket_dict(**changes: Any) -> Ticket:
    return Ticket.model_validate({**T.model_dump(), **changes})


def contact(**changes: Any) -> Contact:
    data = {"first_name": "Ana", "last_name": "Gómez", "email": "ana@acme.com.ar"}
    return Contact(**{**data, "phone": "+54 11 4321-0000", **changes})


def calendar_json(**changes: Any) -> BusinessCalendar:
    data = {**json.loads(argentina().model_dump_json()), **changes}
    return BusinessCalendar.model_validate_json(json.dumps(data))


def mondays_all_closed() -> BusinessCalendar:
    """Open on Mondays only, and every Monday of 1900-2199 closed."""
    first = date(1900, 1, 1)
    closures = [Closure(day=first + timedelta(weeks=k)) for k in range(15_654)]
    return BusinessCalendar(
        schedule=WeeklySchedule.of(monday="09:00-17:00"), holidays=None, closures=closures
    )


def plan_with(**changes: Any) -> ServicePlan:
    return BASIC_PLAN.model_copy(update=changes)


def status_json(**changes: Any) -> SlaStatus:
    data = {**json.loads(evaluate(T, NOW).model_dump_json()), **changes}
    return SlaStatus.model_validate_json(json.dumps(data))


# -- outcomes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Raises:
    """The exact slaclock class, the built-in it also is, and a piece of the message."""

    error: type[SlaclockError]
    builtin: type[Exception]
    fragment: str


@dataclass(frozen=True)
class Gives:
    """A fine input, and the value it gives."""

    value: object


Case = tuple[str, Callable[[], object], Raises | Gives]


def raises(error: type[SlaclockError], builtin: type[Exception], fragment: str) -> Raises:
    return Raises(error, builtin, fragment)


NAIVE = (NaiveDatetimeError, ValueError)
DURATION = (InvalidDurationError, TypeError)
MODEL = (InvalidModelError, ValueError)
WRONG_TYPE = (WrongTypeError, TypeError)
SCHEDULE = (InvalidScheduleError, ValueError)
RANGE = (OutOfRangeError, ValueError)
#: A calendar with no public holidays: its years are 1900-2199.
NO_HOLIDAYS = BusinessCalendar(holidays=None)
ZONE = (UnknownTimeZoneError, ValueError)
HOLIDAYS = (UnknownHolidayCountryError, ValueError)
ESCALATION = (EscalationError, ValueError)
EVENT = (TicketEventError, ValueError)

NUMBER_FOR_DURATION = "must be a datetime.timedelta, got int: 2. Write e.g. timedelta(hours=2)"
NUMBER_FOR_INSTANT = "must be a timezone-aware datetime.datetime, got int"
NOT_A_DATE = "must be a datetime.date"
SEVERITY_CHOICES = "is not one of 1 (critical), 2 (major), 3 (minor), 4 (informational)"


def check(call: Callable[[], object], outcome: Raises | Gives) -> None:
    """Run one case: a fine input gives its value; a bad one raises exactly as described."""
    if isinstance(outcome, Gives):
        assert call() == outcome.value
        return
    with pytest.raises(SlaclockError) as info:
        call()
    error = info.value
    assert type(error) is outcome.error, f"{type(error).__name__}: {error}"
    assert isinstance(error, outcome.builtin)
    assert outcome.fragment in str(error), str(error)
    assert len(str(error)) <= MESSAGE_LIMIT
