"""How a ticket's events read, once: one code per event, for one ticket or a whole table.

Every clock (the manual's first response and every metric) reads events through
this module: a `Ticket` history event, a row of a long events table and a wide
column (``responded_at``) all become the same `Code` and value. The mapping of
the manual's events onto the helpdesk ones is written here and nowhere else:

===========================  ==============================================
event                        reads as
===========================  ==============================================
``Responded``, ``Updated``   a public agent message (an update is one)
``Resolved``                 status ``solved``
``Closed``                   status ``closed``
``Escalated(to=L2)``         L2 takes the ticket
``Escalated(to=vendor)``     the vendor takes it (a hand-over when the
                             provider does not follow it up)
``VendorDirectChosen``       the vendor takes it (a hand-over)
``Message`` (the first)      the description: never a reply
===========================  ==============================================
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock._checks import shorten
from slaclock._time import to_us
from slaclock.calendar.column import Column, Mask
from slaclock.errors import TicketEventError
from slaclock.sla.plan import DEFAULT_CALENDAR
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.support import SupportLevel
from slaclock.sla.ticket import (
    CalendarChanged,
    Classified,
    Closed,
    Escalated,
    Message,
    Paused,
    Resolved,
    Responded,
    Resumed,
    StatusChanged,
    StayedWithProvider,
    TicketEvent,
    Updated,
    VendorDirectChosen,
)

__all__ = [
    "AGENT",
    "CODE_OF_NAME",
    "PUBLIC",
    "Code",
    "EventColumns",
    "Kind",
    "after_close",
    "code_of",
    "event_order",
    "first_response_kinds",
    "history_columns",
    "message_value",
    "stable_argsort",
    "ticket_order",
]

I64 = np.int64


class Code(IntEnum):
    """What an event is, as columns hold it (the value column completes it)."""

    OTHER = 0  #: staying with the provider: nothing for any clock
    CLASSIFIED = 1  #: value: the severity L1 confirmed
    RESPONDED = 2
    UPDATED = 3
    RESOLVED = 4
    CLOSED = 5
    TO_L2 = 6
    TO_VENDOR = 7  #: the provider follows the vendor case up
    HANDED_OVER = 8  #: to the vendor without follow-up, or vendor-direct chosen
    PAUSED = 9
    RESUMED = 10
    STATUS = 11  #: value: `TicketStatus.code`
    MESSAGE = 12  #: value: AGENT and PUBLIC bits
    DESCRIPTION = 13  #: the ticket's first message; value as for MESSAGE
    CREATED = 14  #: the receipt (metrics put one first in every ticket's timeline)
    CALENDAR = 15  #: value: index of the calendar in the plan's `calendar_names`


#: Bits of a message's value.
AGENT = 1
PUBLIC = 2

#: The code of each `kind` name of a long events table (escalations refined by `to`).
CODE_OF_NAME = {
    "classified": Code.CLASSIFIED,
    "responded": Code.RESPONDED,
    "updated": Code.UPDATED,
    "resolved": Code.RESOLVED,
    "closed": Code.CLOSED,
    "stayed_with_provider": Code.OTHER,
    "vendor_direct_chosen": Code.HANDED_OVER,
    "paused": Code.PAUSED,
    "resumed": Code.RESUMED,
    "escalated": Code.TO_L2,
    "status": Code.STATUS,
    "message": Code.MESSAGE,
    "calendar": Code.CALENDAR,
}


def code_of(
    event: TicketEvent, calendars: tuple[str, ...] = (DEFAULT_CALENDAR,)
) -> tuple[Code, int]:
    """The code and value of one history event (a message as MESSAGE: which message is
    the description is settled over the whole history, by `EventColumns.of`), a
    calendar named by its index in `calendars` (-1 if it is not one of them)."""
    if isinstance(event, CalendarChanged):
        return Code.CALENDAR, calendars.index(
            event.calendar
        ) if event.calendar in calendars else -1
    if isinstance(event, Classified):
        return Code.CLASSIFIED, int(event.severity)
    if isinstance(event, Message):
        return Code.MESSAGE, message_value(event.author == "agent", event.public)
    if isinstance(event, StatusChanged):
        return Code.STATUS, event.status.code
    if isinstance(event, Escalated):
        if event.to is SupportLevel.L2:
            return Code.TO_L2, 0
        return (Code.HANDED_OVER if event.assisted_only else Code.TO_VENDOR), 0
    return _SIMPLE[type(event)], 0


_SIMPLE: dict[type, Code] = {
    Responded: Code.RESPONDED,
    Updated: Code.UPDATED,
    Resolved: Code.RESOLVED,
    Closed: Code.CLOSED,
    VendorDirectChosen: Code.HANDED_OVER,
    Paused: Code.PAUSED,
    Resumed: Code.RESUMED,
    StayedWithProvider: Code.OTHER,
}


def message_value(agent: bool, public: bool) -> int:
    """The value column of a message by an agent (else the customer), public or not."""
    return (AGENT if agent else 0) | (PUBLIC if public else 0)


class Kind(IntEnum):
    """What an event means to the manual's first-response rule (`sla.columns`)."""

    OTHER = 0  #: nothing for the first-response clock
    CLASSIFIED = 1  #: L1 confirmed or changed the severity
    STOPPED = 2  #: responded (a public agent message), resolved or closed
    HANDED_OVER = 3  #: to the vendor without follow-up, or vendor-direct chosen
    TO_L2 = 4  #: escalated to L2
    TO_VENDOR = 5  #: escalated to the vendor, who the provider follows up
    PAUSED = 6
    RESUMED = 7


_KIND_OF_CODE = np.zeros(len(Code), dtype=np.int8)
for _code, _kind in (
    (Code.CLASSIFIED, Kind.CLASSIFIED),
    (Code.RESPONDED, Kind.STOPPED),
    (Code.RESOLVED, Kind.STOPPED),
    (Code.CLOSED, Kind.STOPPED),
    (Code.HANDED_OVER, Kind.HANDED_OVER),
    (Code.TO_L2, Kind.TO_L2),
    (Code.TO_VENDOR, Kind.TO_VENDOR),
    (Code.PAUSED, Kind.PAUSED),
    (Code.RESUMED, Kind.RESUMED),
):
    _KIND_OF_CODE[_code] = _kind
_SOLVED, _CLOSED = TicketStatus.SOLVED.code, TicketStatus.CLOSED.code
#: Plain ints of the codes compared per call (an IntEnum member costs an attribute
#: lookup and a conversion in every comparison with a column).
_STATUS, _MESSAGE, _DESCRIPTION, _REPLY = (
    int(Code.STATUS), int(Code.MESSAGE), int(Code.DESCRIPTION), AGENT | PUBLIC
)  # fmt: skip
_STOPPED = int(Kind.STOPPED)


def first_response_kinds(
    code: npt.NDArray[np.int8], value: npt.NDArray[np.int8]
) -> npt.NDArray[np.int8]:
    """The first-response `Kind` of each event. An update is not the first response (the
    manual's response is L1's; an update is L2's progress report): the one place where
    a public agent message and an `Updated` event read differently."""
    kind: npt.NDArray[np.int8] = _KIND_OF_CODE[code.astype(np.intp)]  # a copy: marked below
    status_stops = (code == _STATUS) & ((value == _SOLVED) | (value == _CLOSED))
    replies = (code == _MESSAGE) & (value == _REPLY)
    kind[status_stops | replies] = _STOPPED
    return kind


@dataclass(frozen=True)
class EventColumns:
    """Events of many tickets, ordered by ticket and then by history order."""

    ticket: Column  #: row of the ticket in its `TicketColumns`
    code: npt.NDArray[np.int8]  #: `Code` of each event
    value: npt.NDArray[np.int8]  #: severity, status code or message bits (else 0)
    at: Column  #: UTC microseconds
    kind: npt.NDArray[np.int8]  #: `Kind` codes, for the first-response rule

    @classmethod
    def of(
        cls,
        ticket: Column,
        code: npt.NDArray[np.integer[Any]],
        value: npt.NDArray[np.integer[Any]],
        at: Column,
    ) -> EventColumns:
        """Events in ticket and history order: each ticket's first message becomes its
        description, and the first-response kinds are read."""
        codes: npt.NDArray[np.int8] = code.astype(np.int8)  # a copy: marked below
        values: npt.NDArray[np.int8] = value.astype(np.int8)
        messages = np.flatnonzero(codes == _MESSAGE)
        if len(messages):
            owner = ticket[messages]
            first = np.ones(len(messages), dtype=bool)
            first[1:] = owner[1:] != owner[:-1]
            codes[messages[first]] = _DESCRIPTION
        kind = first_response_kinds(codes, values)
        return cls(ticket.astype(I64), codes, values, at.astype(I64), kind)

    @classmethod
    def empty(cls) -> EventColumns:
        """No events at all (one shared value: its arrays hold nothing and are read-only)."""
        return _NO_EVENTS

    def __len__(self) -> int:
        return len(self.at)

    def take(self, mask: Mask | Column) -> EventColumns:
        """The events where `mask` holds (or at the positions it lists)."""
        return EventColumns(
            self.ticket[mask], self.code[mask], self.value[mask], self.at[mask], self.kind[mask]
        )

    def renumbered(self, ticket: Column) -> EventColumns:
        """The same events owned by the tickets `ticket` names."""
        return EventColumns(ticket, self.code, self.value, self.at, self.kind)

    def slice(self, i: int, j: int, first_ticket: int) -> EventColumns:
        """Events i..j-1, their tickets renumbered from `first_ticket`."""
        return EventColumns(
            self.ticket[i:j] - first_ticket,
            self.code[i:j],
            self.value[i:j],
            self.at[i:j],
            self.kind[i:j],
        )


def _no_events() -> EventColumns:
    z8, z64 = np.zeros(0, dtype=np.int8), np.zeros(0, dtype=I64)
    for a in (z8, z64):
        a.setflags(write=False)
    return EventColumns(z64, z8, z8, z64, z8)


_NO_EVENTS = _no_events()


def history_columns(
    histories: list[tuple[TicketEvent, ...]],
    calendars: tuple[str, ...] = (DEFAULT_CALENDAR,),
    ids: list[str] | None = None,
) -> EventColumns:
    """The events of many tickets' histories (one pass over them); a `CalendarChanged`
    must name one of `calendars` (the plan's `calendar_names`), else `TicketEventError`
    naming the ticket (`ids`) and the event."""
    rows: list[tuple[int, int, int, int]] = []
    for k, history in enumerate(histories):
        for event in history:
            code, value = code_of(event, calendars)
            if value < 0:
                assert isinstance(event, CalendarChanged)
                who = f"ticket {shorten(ids[k])}: " if ids is not None else ""
                raise TicketEventError(
                    f"{who}calendar {shorten(event.calendar)} at {event.at.isoformat()} is not "
                    f"one of the plan's calendars ({', '.join(calendars)}); add it to the "
                    "plan's calendars or name one of those."
                )
            rows.append((k, int(code), value, to_us(event.at)))
    if not rows:
        return EventColumns.empty()
    table = np.array(rows, dtype=I64).reshape(-1, 4)
    return EventColumns.of(table[:, 0].copy(), table[:, 1], table[:, 2], table[:, 3].copy())


def after_close(
    n: int, owner: Column, code: npt.NDArray[Any], value: npt.NDArray[Any], at: Column
) -> Mask:
    """The events after their ticket's first close (a `Closed` event, or the status
    closed), of `n` tickets: closed is final, so the table readers refuse them."""
    closed_at = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    is_closed = (code == Code.CLOSED) | (
        (code == Code.STATUS) & (value == TicketStatus.CLOSED.code)
    )
    np.minimum.at(closed_at, owner[is_closed], at[is_closed])
    out: Mask = at > closed_at[owner]
    return out


def ticket_order(owner: Column, n: int) -> Column:
    """The stable order that sorts `owner` (ticket rows, 0 to n-1). numpy's stable sort
    is a radix sort for 16-bit keys and a merge sort for wider ones, so the rows are
    sorted 16 bits at a time (one pass up to 65,536 tickets, two up to 2**32): about
    a third of the time for two million events in no order."""
    order: Column | None = None
    shift = 0
    while order is None or (n - 1) >> shift > 0:
        keyed = owner if order is None else owner[order]
        digit = ((keyed >> shift) & 0xFFFF).astype(np.uint16)
        step = np.argsort(digit, kind="stable")
        order = step if order is None else order[step]
        shift += 16
    return order


def event_order(owner: Column, n: int, *keys: Column) -> Column:
    """The stable order of events by ticket row (`owner`, 0 to n-1), then by `keys` (the
    first the most significant; ties keep their order), as every events reader sorts
    them."""
    order = stable_argsort(keys[0]) if len(keys) == 1 else np.lexsort(keys[::-1])
    out: Column = order[ticket_order(owner[order], n)]
    return out


def stable_argsort(key: Column) -> Column:
    """``np.argsort(key, kind="stable")`` of integer keys (NaN is never equal to itself,
    so float keys are not for it): numpy's unstable sort (a vectorised quicksort, about
    a third of the stable sort's time on two million int64 keys), then each run of equal
    keys put back in its original order by one sort of (run, position) values."""
    order: Column = np.argsort(key)
    ordered = key[order]
    tied = np.flatnonzero(ordered[1:] == ordered[:-1])
    if len(tied):
        in_run = np.zeros(len(key), dtype=bool)
        in_run[tied] = in_run[tied + 1] = True
        at = np.flatnonzero(in_run)
        run = np.cumsum(np.r_[True, ordered[at[1:]] != ordered[at[:-1]]])
        order[at] = np.sort(run * len(key) + order[at]) % len(key)
    return order
