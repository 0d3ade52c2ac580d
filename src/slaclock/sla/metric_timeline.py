"""Every ticket's timeline as metrics read it: one flat, ordered table of events (each
ticket's receipt first) with the state after each event (status, level, paused, calendar)
carried forward from the events that set it, and a metric's conditions as masks over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock.calendar.column import Column, Mask
from slaclock.sla.metric import (
    Classification,
    Created,
    EventCondition,
    HeldBy,
    InStatus,
    LevelTook,
    MessageSent,
    PausedByEvent,
    Reopened,
    StateCondition,
    StatusEntered,
    StatusLeft,
)
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.support import SupportLevel
from slaclock.sla.timeline import AGENT, PUBLIC, Code, EventColumns

__all__ = ["Timeline", "carry"]

I64 = np.int64
_LEVEL_CODE = {SupportLevel.L1: 0, SupportLevel.L2: 1, SupportLevel.VENDOR: 2}
#: The event codes as plain ints, read once (on Python 3.11 an enum member costs a class
#: `__getattr__` call on every use).
_CREATED, _STATUS, _RESOLVED, _CLOSED, _TO_L2, _TO_VENDOR, _HANDED_OVER = (
    int(c) for c in (Code.CREATED, Code.STATUS, Code.RESOLVED, Code.CLOSED, Code.TO_L2,
                     Code.TO_VENDOR, Code.HANDED_OVER)
)  # fmt: skip
_PAUSED, _RESUMED, _CALENDAR, _MESSAGE, _RESPONDED, _UPDATED, _CLASSIFIED = (
    int(c) for c in (Code.PAUSED, Code.RESUMED, Code.CALENDAR, Code.MESSAGE, Code.RESPONDED,
                     Code.UPDATED, Code.CLASSIFIED)
)  # fmt: skip
_SOLVED = TicketStatus.SOLVED.code

#: What each event code sets, in one place: per state (status, level, paused, calendar)
#: and for the message bits, the value an event of that code sets (`_UNSET`: none, it
#: keeps the state before it; `_ITS_VALUE`: the event's own value column). Every receipt
#: sets every state, so nothing carries from one ticket to the next.
_UNSET, _ITS_VALUE = -1, -2


def _sets(values: dict[int, int]) -> npt.NDArray[np.int64]:
    out = np.full(len(Code), _UNSET, dtype=I64)
    for code, v in values.items():
        out[code] = v
    return out


_STATE_SET = np.stack(
    [
        _sets({_CREATED: TicketStatus.NEW.code, _STATUS: _ITS_VALUE, _RESOLVED: _SOLVED,
               _CLOSED: TicketStatus.CLOSED.code}),
        _sets({_CREATED: 0, _TO_L2: 1, _TO_VENDOR: 2, _HANDED_OVER: 2}),  # L1, L2, vendor
        _sets({_CREATED: 0, _PAUSED: 1, _RESUMED: 0}),
        _sets({_CREATED: 0, _CALENDAR: _ITS_VALUE}),  # the plan's own calendar first
    ]
)  # fmt: skip
_MESSAGE_SET = _sets({_MESSAGE: _ITS_VALUE, _RESPONDED: AGENT | PUBLIC, _UPDATED: AGENT | PUBLIC})
_STATE_SETS = _STATE_SET != _UNSET  #: per state, whether an event of each code sets it
for _table in (_STATE_SET, _MESSAGE_SET, _STATE_SETS):
    _table.setflags(write=False)


def _set_values(table: npt.NDArray[np.int64], code: Column, value: Column) -> Column:
    """The value each event sets by one row of a table (`_UNSET` where it sets none)."""
    v = table[code]
    if not (table == _ITS_VALUE).any():  # a table of constants: no value to read
        return v
    out: Column = np.where(v == _ITS_VALUE, value, v)
    return out


def _carried(state: int, code: Column, value: Column) -> Column:
    """State `state` (a row of `_STATE_SET`) after each event: the value the latest event
    that sets it set (an event's code says whether it sets it). One state at a time:
    four 1-D passes take about half the time of one pass over a (4 x events) grid."""
    return carry(_STATE_SETS[state][code], _set_values(_STATE_SET[state], code, value))


def carry(sets: npt.NDArray[np.bool_], values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Along the last axis, the value at the latest position where `sets` holds: each
    set value repeated over the run up to the next, one pass over the flat array. Each
    row's first position must be set (callers set each ticket's first row, its
    receipt), so that nothing carries across tickets or rows."""
    if not sets.size:
        return np.zeros(sets.shape, dtype=values.dtype)
    assert sets[..., 0].all(), "each row's first position (a receipt) must be set"
    positions = np.flatnonzero(sets)
    carried = values.ravel()[positions]
    if (carried == carried[0]).all():  # one value throughout (no escalation, no pause...)
        return np.full(sets.shape, carried[0], dtype=values.dtype)
    runs = np.empty_like(positions)
    np.subtract(positions[1:], positions[:-1], out=runs[:-1])
    runs[-1] = sets.size - positions[-1]
    out: npt.NDArray[Any] = np.repeat(carried, runs).reshape(sets.shape)
    return out


def _before(after: Column, first: Mask, start: int) -> Column:
    """The value before each row: the previous row's after, `start` at a ticket's first."""
    out = np.empty_like(after)
    out[1:] = after[:-1]
    out[first] = start
    return out


@dataclass(frozen=True)
class Timeline:
    """Every ticket's events up to `now`, its receipt first, with the state after each."""

    owner: Column  #: ticket row of each event
    code: npt.NDArray[np.int8]
    at: Column
    until: Column  #: the next event's instant in the same ticket, or now
    first: Mask  #: the ticket's receipt row
    last: Mask  #: the ticket's last row up to now
    status_before: Column  #: `TicketStatus.code`, -1 at the receipt
    status_after: Column
    level_before: Column  #: 0 L1, 1 L2, 2 vendor; -1 at the receipt
    level_after: Column
    paused_after: Mask  #: between a Paused event and its Resumed
    calendar_after: Column  #: index of the calendar in force (the plan's own: 0)
    message: Column  #: AGENT | PUBLIC bits of a message (a response, an update), else -1
    severity: npt.NDArray[np.int8]  #: per ticket: the severity at now
    n: int  #: tickets
    now: int  #: UTC µs

    @classmethod
    def of(
        cls,
        received: Column,
        requested: npt.NDArray[np.int8],
        events: EventColumns,
        now_us: int,
    ) -> Timeline:
        """The timeline of tickets received at `received` with `events` (ticket order)."""
        n = len(received)
        ev = events.take(events.at <= now_us)
        owner = np.concatenate([np.arange(n, dtype=I64), ev.ticket])
        order = np.argsort(owner, kind="stable")  # each receipt before its ticket's events
        owner = owner[order]
        code = np.concatenate([np.full(n, _CREATED, dtype=np.int8), ev.code])[order]
        value = np.concatenate([np.zeros(n, dtype=np.int8), ev.value])[order].astype(I64)
        at = np.concatenate([received, ev.at])[order]
        first = code == _CREATED
        last = np.ones(len(owner), dtype=bool)
        last[:-1] = owner[1:] != owner[:-1]
        until = np.empty_like(at)
        until[:-1] = at[1:]
        until[last] = now_us

        index = code.astype(np.intp)  # the tables' index (an int8 one costs a cast a lookup)
        status_after, level_after, paused_after, calendar_after = (
            _carried(state, index, value) for state in range(len(_STATE_SET))
        )
        message = _set_values(_MESSAGE_SET, index, value)
        classified = np.flatnonzero(code == _CLASSIFIED)
        severity = requested.astype(np.int8).copy()
        severity[owner[classified]] = value[classified]  # the latest wins (ascending order)
        return cls(
            owner=owner,
            code=code,
            at=at,
            until=until,
            first=first,
            last=last,
            status_before=_before(status_after, first, -1),
            status_after=status_after,
            level_before=_before(level_after, first, -1),
            level_after=level_after,
            paused_after=paused_after.astype(bool),
            calendar_after=calendar_after,
            message=message,
            severity=severity,
            n=n,
            now=now_us,
        )

    def matches(self, conditions: tuple[EventCondition, ...]) -> Mask:
        """Events matching any of the event conditions."""
        out = np.zeros(len(self.at), dtype=bool)
        for c in conditions:
            out |= self._event(c)
        return out

    def holds(self, conditions: tuple[StateCondition, ...]) -> Mask:
        """Rows after which any of the state conditions holds."""
        out = np.zeros(len(self.at), dtype=bool)
        for c in conditions:
            if isinstance(c, InStatus):
                out |= _among(self.status_after, _codes(c.statuses))
            elif isinstance(c, HeldBy):
                out |= _among(self.level_after, [_LEVEL_CODE[x] for x in c.levels])
            else:
                assert isinstance(c, PausedByEvent)
                out |= self.paused_after
        return out

    def _event(self, c: EventCondition) -> Mask:
        if isinstance(c, Created):
            return self.first
        if isinstance(c, StatusEntered | StatusLeft):
            codes = _codes(c.statuses)
            inside_after = _among(self.status_after, codes)
            inside_before = _among(self.status_before, codes)
            if isinstance(c, StatusEntered):
                out: Mask = inside_after & ~inside_before
            else:
                out = inside_before & ~inside_after
            return out
        if isinstance(c, Reopened):
            unsolved = _codes(frozenset(s for s in TicketStatus if s.unsolved))
            out = (self.status_before == _SOLVED) & _among(self.status_after, unsolved)
            return out
        if isinstance(c, MessageSent):
            agent = (self.message & AGENT) != 0
            out = (self.message >= 0) & (agent if c.author == "agent" else ~agent)
            if c.public is not None:
                public = (self.message & PUBLIC) != 0
                out &= public if c.public else ~public
            return out
        if isinstance(c, LevelTook):
            code = _LEVEL_CODE[c.level]
            out = (self.level_after == code) & (self.level_before != code) & ~self.first
            return out
        assert isinstance(c, Classification)
        out = self.code == _CLASSIFIED
        return out


def _codes(statuses: frozenset[TicketStatus]) -> list[int]:
    return sorted(s.code for s in statuses)


def _among(values: Column, codes: list[int]) -> Mask:
    """Whether each small code (-1 to 6) is one of `codes`: a lookup, not a search."""
    table = np.zeros(8, dtype=bool)  # index -1 reads the last entry: never among them
    table[codes] = True
    out: Mask = table[values]
    return out
