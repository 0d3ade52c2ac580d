"""Ticket statuses: the names a status history uses, and what each means to a clock.

The vocabulary is Zendesk's, which the other helpdesks map onto (Jira Service
Management's "Waiting for customer" is `pending`, ServiceNow's "On Hold" is
`hold`, Freshdesk's "Waiting on third party" is `hold`, and so on). A ticket
starts `new`; a reopen is a status leaving `solved` for an unsolved one;
`closed` is final.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["STATUS_CODES", "TicketStatus"]


class TicketStatus(str, Enum):
    """Where a ticket stands in its helpdesk's workflow (Zendesk's six statuses)."""

    NEW = "new"
    OPEN = "open"
    PENDING = "pending"  #: waiting on the customer
    HOLD = "hold"  #: waiting on a third party (Zendesk's "on-hold")
    SOLVED = "solved"
    CLOSED = "closed"

    @classmethod
    def parse(cls, value: object) -> TicketStatus:
        """A status from its name, any case, "on-hold" and "on_hold" read as `hold`."""
        if isinstance(value, cls):
            return value
        text = str(value).strip().lower().replace("-", "_")
        return cls(_ALIASES.get(text, text))

    @classmethod
    def code_of(cls, value: object) -> int:
        """`parse`'s answer as its code 0-5, or -1 where it refuses `value` (for columns)."""
        try:
            return cls.parse(value).code
        except ValueError:
            return -1

    @property
    def code(self) -> int:
        """0-5, the status's code in columns."""
        return STATUS_CODES[self]

    @property
    def unsolved(self) -> bool:
        """New, open, pending or on hold: a status a reopen returns to."""
        return self not in (TicketStatus.SOLVED, TicketStatus.CLOSED)


_ALIASES = {"on_hold": "hold", "onhold": "hold"}
#: Column code of each status (index in declaration order).
STATUS_CODES = {s: k for k, s in enumerate(TicketStatus)}
