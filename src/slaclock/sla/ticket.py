"""A support case and its append-only history of events.

Tickets are immutable: `ticket.apply(event)` returns a new ticket. Events
must come in time order, after receipt, and nothing follows `Closed`.
Which transitions the *rules* allow (L1 -> L2 -> vendor, pausing) is the
business of `escalation` and `sla`, which know the plan; a ticket only keeps
its history consistent.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from slaclock import _text as short
from slaclock._checks import shorten
from slaclock._model import FrozenModel, Instant, Text
from slaclock._time import to_us
from slaclock.errors import (
    EntitlementError,
    InvalidModelError,
    TicketEventError,
    WrongTypeError,
)
from slaclock.limits import Limits
from slaclock.sla.contact import Contact
from slaclock.sla.display import ticket_html
from slaclock.sla.severity import Priority, Severity
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.support import Channel, SupportLevel

__all__ = [
    "Attachment",
    "CalendarChanged",
    "Classified",
    "Closed",
    "Escalated",
    "Message",
    "Paused",
    "Resolved",
    "Responded",
    "Resumed",
    "StatusChanged",
    "StayedWithProvider",
    "Ticket",
    "TicketEvent",
    "TicketState",
    "Updated",
    "VendorDirectChosen",
]


class _Event(FrozenModel):
    at: Instant


class Classified(_Event):
    """L1 confirmed the severity (or reclassified it, when it happens again)."""

    kind: Literal["classified"] = "classified"
    severity: Severity
    note: str = ""


class Responded(_Event):
    """First (or further) response to the customer: what the response target measures."""

    kind: Literal["responded"] = "responded"
    note: str = ""


class Updated(_Event):
    """An update to the case, notified to the customer (L2 analysis, steps 4-5)."""

    kind: Literal["updated"] = "updated"
    note: str = ""


class Escalated(_Event):
    """Moved up one level: to L2, or to the vendor (Basic: assisted case creation only)."""

    kind: Literal["escalated"] = "escalated"
    to: SupportLevel
    vendor_case_id: str | None = None
    #: True where the provider only helps open the vendor case and does not follow it up.
    assisted_only: bool = False

    @model_validator(mode="after")
    def _target(self) -> Escalated:
        if self.to is SupportLevel.L1:
            raise InvalidModelError(
                "a case cannot be escalated to L1: it starts there. Escalate to L2 or the vendor."
            )
        return self


class VendorDirectChosen(_Event):
    """Severity 1: the designated contact took the case to the vendor for after-hours support."""

    kind: Literal["vendor_direct_chosen"] = "vendor_direct_chosen"


class StayedWithProvider(_Event):
    """Severity 1: the contact declined the vendor-direct offer; work resumes next business day."""

    kind: Literal["stayed_with_provider"] = "stayed_with_provider"
    resumes_at: Instant


class Paused(_Event):
    """The clock stops (only where the plan allows pausing), e.g. waiting on the customer."""

    kind: Literal["paused"] = "paused"
    reason: str = ""


class Resumed(_Event):
    """The clock runs again after a pause."""

    kind: Literal["resumed"] = "resumed"


class Resolved(_Event):
    """The problem is solved."""

    kind: Literal["resolved"] = "resolved"
    note: str = ""


class Closed(_Event):
    """The case is closed; nothing can follow."""

    kind: Literal["closed"] = "closed"


class StatusChanged(_Event):
    """The helpdesk status changed (Zendesk's vocabulary: new, open, pending, hold,
    solved, closed). `solved` is a resolution and `closed` a closure: the same as
    `Resolved` and `Closed` to every clock."""

    kind: Literal["status"] = "status"
    status: TicketStatus

    @field_validator("status", mode="before")
    @classmethod
    def _name(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return TicketStatus.parse(value)
            except ValueError:
                names = ", ".join(s.value for s in TicketStatus)
                raise TicketEventError(
                    f"status {shorten(value)} is not a status slaclock knows; use one of "
                    f"{names} (map your helpdesk's statuses onto them)."
                ) from None
        return value


class CalendarChanged(_Event):
    """The ticket moved to another calendar (another group's or level's hours): one of
    the plan's `calendars` by name, or "default" for the plan's own. Metrics count each
    span on the calendar then in force, or all of it on the last one (their
    `calendar_change`)."""

    kind: Literal["calendar"] = "calendar"
    calendar: Text


class Message(_Event):
    """A comment on the ticket, by the customer or an agent, public or internal.

    The ticket's first message is its description, never a reply. A public agent
    message is a response (as `Responded`), and an `Updated` event is a public agent
    message that updates the case."""

    kind: Literal["message"] = "message"
    author: Literal["customer", "agent"]
    public: bool = True


TicketEvent = Annotated[
    Classified
    | Responded
    | Updated
    | Escalated
    | VendorDirectChosen
    | StayedWithProvider
    | Paused
    | Resumed
    | Resolved
    | Closed
    | StatusChanged
    | Message
    | CalendarChanged,
    Field(discriminator="kind"),
]


class TicketState(str, Enum):
    """Where a case is in its life."""

    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"


_STATE_OF_STATUS = {
    s: TicketState.RESOLVED
    if s is TicketStatus.SOLVED
    else TicketState.CLOSED
    if s is TicketStatus.CLOSED
    else TicketState.OPEN
    for s in TicketStatus
}


class Attachment(FrozenModel):
    """An attachment's metadata; whether it is suspicious is the caller's finding (no I/O)."""

    filename: str
    size_bytes: int = Field(ge=0)
    suspicious: bool = False

    @property
    def extension(self) -> str:
        """Lower-case extension with its dot ('' if none)."""
        name = self.filename.rsplit("/", 1)[-1]
        return "." + name.rsplit(".", 1)[1].lower() if "." in name else ""


class Ticket(FrozenModel):
    """A support case: what was asked, by whom, when, and what happened since."""

    id: Text = Field(description="The ticket's id.")
    customer: Text = Field(description="The customer's name, as in its contract.")
    product: Text = Field(description="The product the case is about, e.g. 'Arcserve UDP'.")
    product_version: str = ""
    manufacturer: str = "Arcserve"
    subject: Text = Field(description="What the requester asked, in one line.")
    description: str = ""
    platform: str = ""
    platform_version: str = ""
    priority: Priority = Field(
        description="The requester's priority, 1 (total service loss) to 4 (question); also "
        "a severity's name as tables and the command line take it ('critical', 'Major')."
    )
    channel: Channel = Field(description="How the request came in.")
    requester: Contact | None = Field(
        default=None,
        description="Who asked. Not needed to compute an SLA; intake and entitlement check "
        "the requester and refuse a ticket without one.",
    )
    #: The signature block of an email request (the manual requires first and last name).
    signature: str | None = None
    attachments: tuple[Attachment, ...] = ()
    tags: frozenset[str] = Field(
        default=frozenset(), description="The helpdesk's tags, which policies may match on."
    )
    received: Instant = Field(
        description="When the request was received: an ISO 8601 instant with its offset."
    )
    history: tuple[TicketEvent, ...] = Field(
        default=(),
        description="The events since receipt, in time order, each with its 'kind' and 'at' "
        "(at most Limits.ticket_events, 10,000 by default: see docs/limits.md).",
    )

    @field_validator("priority", mode="before")
    @classmethod
    def _priority(cls, value: object) -> object:
        # The names tables and the command line take ("critical", "Critical", "1").
        return Priority.parse(value) if isinstance(value, str) else value

    @field_validator("history", mode="before")
    @classmethod
    def _history_bounded(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, list | tuple):
            Limits.current().check("ticket_events", len(value), "events in the ticket's history")
            for k, event in enumerate(value):  # raw status names: say whose ticket
                if isinstance(event, Mapping) and event.get("kind") == "status":
                    try:
                        TicketStatus.parse(event.get("status"))
                    except ValueError:
                        names = ", ".join(s.value for s in TicketStatus)
                        who = shorten(info.data.get("id", "?"))
                        raise TicketEventError(
                            f"ticket {who}: event {k} has status "
                            f"{shorten(event.get('status'))}, which slaclock does not know; "
                            f"use one of {names} (map your helpdesk's statuses onto them)."
                        ) from None
        return value

    @model_validator(mode="after")
    def _history_consistent(self) -> Ticket:
        last = to_us(self.received)
        closed = False
        paused: Paused | None = None
        name = shorten(self.id)
        for e in self.history:
            u = to_us(e.at)
            if closed:
                raise TicketEventError(
                    f"ticket {name} is closed; {e.kind} cannot follow it. Nothing follows "
                    "Closed: open a new ticket for a new problem."
                )
            if u < last:
                raise TicketEventError(
                    f"ticket {name}: {e.kind} at {e.at.isoformat()} precedes the ticket's "
                    "previous event or its receipt; events must be applied in time order."
                )
            if isinstance(e, Paused):
                if paused is not None:
                    raise TicketEventError(
                        f"ticket {name} is paused at {e.at.isoformat()} while already paused "
                        f"(since {paused.at.isoformat()}); apply Resumed before pausing again."
                    )
                paused = e
            elif isinstance(e, Resumed):
                if paused is None:
                    raise TicketEventError(
                        f"ticket {name} resumes at {e.at.isoformat()} without being paused; "
                        "apply Paused first, or drop the Resumed event."
                    )
                paused = None
            last = u
            closed = isinstance(e, Closed) or (
                isinstance(e, StatusChanged) and e.status is TicketStatus.CLOSED
            )
        return self

    def __repr__(self) -> str:
        named = {
            "received": short.instant(self.received),
            "priority": str(self.priority.value),
            "severity": str(self.severity.value),
            "events": str(len(self.history)),
        }
        if self.state is not TicketState.OPEN:
            named["state"] = self.state.value
        return short.call("Ticket", short.text(self.id), named=named)

    def _repr_html_(self) -> str:
        return ticket_html(self)

    def apply(self, event: TicketEvent) -> Ticket:
        """A new ticket with `event` appended (validated: time order, nothing after Closed)."""
        if not isinstance(event, _Event):
            raise WrongTypeError(
                f"event must be a ticket event (Classified, Responded, Escalated, ...), got "
                f"{type(event).__name__}: {shorten(event)}; e.g. ticket.apply(Responded(at=now))."
            )
        return self.model_copy(update={"history": (*self.history, event)})

    def requester_for(self, what: str) -> Contact:
        """The requester, which `what` (intake, entitlement) needs: `EntitlementError` if
        the ticket has none."""
        if self.requester is None:
            raise EntitlementError(
                f"ticket {shorten(self.id)} has no requester, and {what} needs one (a designated "
                "contact is checked); give requester=Contact(...), or evaluate without a "
                "contract."
            )
        return self.requester

    # -- what the history says -------------------------------------------------------------
    @property
    def requested_severity(self) -> Severity:
        """The severity the requester asked for (the portal priority)."""
        return self.priority.severity

    @property
    def classification(self) -> Classified | None:
        """The latest L1 confirmation or reclassification, if any."""
        for e in reversed(self.history):
            if isinstance(e, Classified):
                return e
        return None

    @property
    def severity(self) -> Severity:
        """The confirmed severity, or the requested one until L1 confirms."""
        c = self.classification
        return c.severity if c is not None else self.requested_severity

    @property
    def first_response(self) -> Responded | None:
        """The first response to the customer, if any."""
        for e in self.history:
            if isinstance(e, Responded):
                return e
        return None

    @property
    def level(self) -> SupportLevel:
        """Who holds the case now: L1, L2 or the vendor."""
        level = SupportLevel.L1
        for e in self.history:
            if isinstance(e, Escalated):
                level = e.to
            elif isinstance(e, VendorDirectChosen):
                level = SupportLevel.VENDOR
        return level

    @property
    def state(self) -> TicketState:
        """Open, resolved or closed."""
        state = TicketState.OPEN
        for e in self.history:
            if isinstance(e, Resolved):
                state = TicketState.RESOLVED
            elif isinstance(e, Closed):
                state = TicketState.CLOSED
            elif isinstance(e, StatusChanged):
                state = _STATE_OF_STATUS[e.status]
        return state

    def events(self, kind: type[_Event]) -> tuple[_Event, ...]:
        """The events of one type, in order."""
        return tuple(e for e in self.history if isinstance(e, kind))
