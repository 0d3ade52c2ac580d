"""What the SLA rules refuse to evaluate, and the words they refuse it with (one ticket
raises them; a table reports them per row)."""

from __future__ import annotations

from datetime import datetime
from typing import overload
from zoneinfo import ZoneInfo

from slaclock._checks import shorten
from slaclock._time import from_us
from slaclock.calendar.base import Calendar
from slaclock.calendar.column import Column, Mask
from slaclock.errors import ReceivedAfterNowError
from slaclock.sla.plan import ServicePlan

__all__ = [
    "outside_years",
    "outside_years_reason",
    "pausing_refused",
    "received_after_now",
    "received_after_now_error",
    "received_after_now_reason",
]


def pausing_refused(plan: ServicePlan) -> str:
    """Why a paused ticket is refused under a plan that does not allow pausing."""
    return (
        f"was paused, but the {shorten(plan.name)} plan does not allow pausing "
        "(pausing_allowed=False); remove the pause, or evaluate it with a plan that allows "
        "it: plan.model_copy(update={'pausing_allowed': True})."
    )


def outside_years(calendar: Calendar, received_us: Column) -> Mask:
    """Tickets received outside the years `calendar` supports: bad rows of a table (one
    ticket is refused by the calendar itself, with `OutOfRangeError`)."""
    years = calendar.engine.source
    out: Mask = (received_us < years.min_us) | (received_us >= years.max_us)
    return out


def outside_years_reason(calendar: Calendar) -> str:
    """Why such a ticket is a bad row (after "received" or "created")."""
    years = calendar.engine.source
    return (
        f"outside the years the calendar supports ({years.first_year}-{years.last_year} "
        "in its zone)"
    )


@overload
def received_after_now(received_us: int, now_us: int) -> bool: ...
@overload
def received_after_now(received_us: Column, now_us: int) -> Mask: ...
def received_after_now(received_us: int | Column, now_us: int) -> bool | Mask:
    """Rule 0: a ticket received after `now` cannot be evaluated at `now` (a skewed clock
    or a mistyped `now` would otherwise read as running, nothing used). One instant or a
    column of them; a bool or a mask."""
    return received_us > now_us


def received_after_now_reason(now: datetime) -> str:
    """Why a ticket received after `now` is refused, as a row's problem gives it."""
    return (
        f"is after now ({now.isoformat()}); a ticket is evaluated at or after its receipt: "
        "check the clock, or the now passed"
    )


def received_after_now_error(
    ticket_id: str, received_us: int, now_us: int, zone: ZoneInfo
) -> ReceivedAfterNowError:
    """The error for one ticket received after `now` (names the ticket, both instants)."""
    received = from_us(received_us, zone).isoformat()
    return ReceivedAfterNowError(
        f"ticket {shorten(ticket_id)}: received {received} "
        f"{received_after_now_reason(from_us(now_us, zone))}."
    )
