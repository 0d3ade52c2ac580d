"""The escalation path: L1 confirms severity, then L1 -> L2 -> vendor, one step at a time.

Basic includes L1 and L2. Escalating to the vendor (L3) means the engineer
helps the customer open the case on the vendor's portal, with the customer's
own vendor login; following it up is the customer's job. For severity 1 the
designated contact is offered to go to the vendor directly for after-hours
support; if they stay with the provider, work resumes the next business day.
"""

from __future__ import annotations

from datetime import datetime, time

from slaclock._checks import choice, require, shorten
from slaclock._model import FrozenModel, Instant
from slaclock._time import to_us
from slaclock.errors import EscalationError
from slaclock.sla.plan import ServicePlan, plan_or_basic
from slaclock.sla.severity import Severity
from slaclock.sla.support import AfterHoursOption, SupportLevel
from slaclock.sla.ticket import (
    Classified,
    Escalated,
    StayedWithProvider,
    Ticket,
    TicketState,
    VendorDirectChosen,
)

__all__ = [
    "VendorDirectOffer",
    "choose_vendor_direct",
    "classify",
    "escalate",
    "next_levels",
    "stay_with_provider",
    "vendor_direct_offer",
]

_ORDER = (SupportLevel.L1, SupportLevel.L2, SupportLevel.VENDOR)


def _arguments(ticket: object, plan: ServicePlan | None) -> ServicePlan:
    """Check the ticket; the plan, with None meaning Basic."""
    require(ticket, Ticket, "ticket")
    return plan_or_basic(plan)


def _open(ticket: Ticket, action: str) -> None:
    if ticket.state is not TicketState.OPEN:
        raise EscalationError(
            f"ticket {shorten(ticket.id)} is {ticket.state.value}; cannot {action}. Only an open "
            "ticket moves on: for a new problem, open a new ticket."
        )


def classify(ticket: Ticket, severity: Severity, at: datetime, note: str = "") -> Ticket:
    """Step 1: L1 confirms (or reclassifies) the severity; the customer is notified by email."""
    require(ticket, Ticket, "ticket")
    _open(ticket, "classify it")
    return ticket.apply(Classified(at=at, severity=Severity.parse(severity), note=note))


def next_levels(ticket: Ticket, plan: ServicePlan | None = None) -> tuple[SupportLevel, ...]:
    """Where the ticket may be escalated now: the next level up, if the plan has it.

    `plan` None means the Basic plan.
    """
    plan = _arguments(ticket, plan)
    if ticket.state is not TicketState.OPEN or ticket.level is SupportLevel.VENDOR:
        return ()
    nxt = _ORDER[_ORDER.index(ticket.level) + 1]
    if nxt is SupportLevel.L2 and SupportLevel.L2 not in plan.levels:
        return ()
    return (nxt,)


def escalate(
    ticket: Ticket,
    to: SupportLevel,
    at: datetime,
    plan: ServicePlan | None = None,
    *,
    vendor_case_id: str | None = None,
    customer_vendor_login: bool = False,
) -> Ticket:
    """Move the ticket up one level; skipping a level or leaving the plan is an error.

    `plan` None means the Basic plan. Escalating to the vendor in a plan
    without vendor follow-up (Basic) is assisted case creation: it needs the
    customer's vendor login (`customer_vendor_login=True`) and hands the case
    over to the customer.
    """
    plan = _arguments(ticket, plan)
    to = choice(SupportLevel, to, "escalate to", "the vendor is what the manual calls L3")
    _open(ticket, f"escalate it to {to.value}")
    current = ticket.level
    if current is SupportLevel.VENDOR:
        raise EscalationError(
            f"ticket {shorten(ticket.id)} is already with the vendor, the last level; the "
            "customer follows the vendor's case from here."
        )
    allowed = next_levels(ticket, plan)
    if to not in allowed:
        if to.rank <= current.rank:
            why = f"it is already at {current.value}; escalation only goes up, one level at a time"
        elif to.rank > current.rank + 1:
            step = _ORDER[current.rank + 1].value
            why = f"levels cannot be skipped: L1 -> L2 -> vendor; escalate to {step} first"
        else:
            why = (
                f"the {shorten(plan.name)} plan does not include {to.value}; keep working it "
                "at its level, or evaluate it under a plan that includes that level"
            )
        raise EscalationError(f"cannot escalate ticket {shorten(ticket.id)} to {to.value}: {why}.")
    assisted = to is SupportLevel.VENDOR and not plan.vendor_follow_up
    if assisted and not customer_vendor_login:
        raise EscalationError(
            f"escalating ticket {shorten(ticket.id)} to the vendor under {shorten(plan.name)} "
            "means helping the customer open the case on the vendor's portal with the "
            "customer's own login; "
            "pass customer_vendor_login=True once they provide it. Follow-up is theirs."
        )
    return ticket.apply(
        Escalated(at=at, to=to, vendor_case_id=vendor_case_id, assisted_only=assisted)
    )


class VendorDirectOffer(FrozenModel):
    """The severity-1 offer: take the case to the vendor for after-hours support, or stay."""

    ticket_id: str
    at: Instant
    #: If the contact stays with the provider, work resumes at this instant.
    resumes_at: Instant
    #: After-hours follow-up by the provider: subject to availability and billed extra.
    paid_follow_up_available: bool
    note: str = (
        "The contact may open the case on the vendor's portal with their own login for "
        "after-hours support (the vendor may answer in English). The engineer assists the "
        "creation during business hours."
    )


def vendor_direct_offer(
    ticket: Ticket, at: datetime, plan: ServicePlan | None = None
) -> VendorDirectOffer | None:
    """The offer due to a severity-1 ticket at `at`, or None where the rules give none.

    `plan` None means the Basic plan.
    """
    plan = _arguments(ticket, plan)
    to_us(at, "at")
    if (
        ticket.severity is not Severity.CRITICAL
        or AfterHoursOption.VENDOR_DIRECT not in plan.after_hours
        or ticket.state is not TicketState.OPEN
        or ticket.level is SupportLevel.VENDOR
    ):
        return None
    cal = plan.calendar
    local_day = at.astimezone(cal.zone).date()
    next_day = cal.add_business_days(local_day, 1)
    resumes = cal.next_open(datetime.combine(next_day, time(0), cal.zone))
    return VendorDirectOffer(
        ticket_id=ticket.id,
        at=at,
        resumes_at=resumes,
        paid_follow_up_available=AfterHoursOption.PAID_FOLLOW_UP in plan.after_hours,
    )


def _offer(ticket: Ticket, at: datetime, plan: ServicePlan | None) -> VendorDirectOffer:
    offer = vendor_direct_offer(ticket, at, plan)
    plan = plan_or_basic(plan)
    if offer is None:
        offers = AfterHoursOption.VENDOR_DIRECT in plan.after_hours
        raise EscalationError(
            f"ticket {shorten(ticket.id)} has no vendor-direct offer: it needs an open "
            "severity-1 case not yet with the vendor, under a plan that offers it "
            f"({shorten(plan.name)} {'does' if offers else 'does not'}). Have L1 classify it "
            "as severity 1 first if it is one; otherwise keep it on the L1 -> L2 path."
        )
    return offer


def choose_vendor_direct(ticket: Ticket, at: datetime, plan: ServicePlan | None = None) -> Ticket:
    """The contact takes the severity-1 case to the vendor directly (`plan` None: Basic)."""
    _offer(ticket, at, plan)
    return ticket.apply(VendorDirectChosen(at=at))


def stay_with_provider(ticket: Ticket, at: datetime, plan: ServicePlan | None = None) -> Ticket:
    """The contact stays: work resumes the next business day with the case's priority.

    `plan` None means the Basic plan.
    """
    offer = _offer(ticket, at, plan)
    return ticket.apply(StayedWithProvider(at=at, resumes_at=offer.resumes_at))
