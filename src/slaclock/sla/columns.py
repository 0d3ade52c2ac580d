"""The SLA rules of `slaclock.sla.status`, over whole columns of tickets.

Tickets become int64 columns (`TicketColumns`): receipt instants, requested
severities, and one flat, ordered table of events read the way the rules
read them (`Kind`). `evaluate_columns` applies the rules of `status.evaluate`
to every row at once with the engine's column operations; where a rule is
sequential per ticket (reclassifications, pauses) it loops over the k-th
event of every ticket, not over tickets. Property tests hold every row equal
to `evaluate` on the same ticket.

A row the rules refuse (received after `now`, a pause under a plan without
pausing, pause and resume out of order) gets a message in `StatusColumns.problem` instead of an
exception, so that a table can report every bad row at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from slaclock._time import from_us, to_us
from slaclock.calendar.column import Column, Mask
from slaclock.calendar.engine import Engine
from slaclock.sla.measures import fraction_column, warning_column
from slaclock.sla.outcome import LEVELS, STATE_LABELS, STATES, SlaState
from slaclock.sla.plan import DEFAULT_CALENDAR, ServicePlan
from slaclock.sla.refusals import pausing_refused, received_after_now, received_after_now_reason
from slaclock.sla.ticket import Ticket
from slaclock.sla.timeline import EventColumns, Kind, history_columns

__all__ = [
    "LEVELS",
    "STATES",
    "STATE_LABELS",
    "EventColumns",
    "Kind",
    "StatusColumns",
    "TicketColumns",
    "evaluate_columns",
    "not_entitled",
]

I64 = np.int64
_STATE = {s: np.int8(k) for k, s in enumerate(STATES)}
_RUNNING, _PAUSED_STATE, _MET, _BREACHED, _HANDED = (
    _STATE[s]
    for s in (
        SlaState.RUNNING,
        SlaState.PAUSED,
        SlaState.MET,
        SlaState.BREACHED,
        SlaState.HANDED_TO_VENDOR,
    )
)
#: Kind codes as plain ints, read once (an enum member costs a lookup on every use).
_CLASSIFIED, _STOPPED, _HANDED_OVER, _TO_L2, _TO_VENDOR, _PAUSED, _RESUMED = (
    int(k)
    for k in (
        Kind.CLASSIFIED,
        Kind.STOPPED,
        Kind.HANDED_OVER,
        Kind.TO_L2,
        Kind.TO_VENDOR,
        Kind.PAUSED,
        Kind.RESUMED,
    )
)
_NEVER = np.iinfo(I64).max


@dataclass(frozen=True)
class TicketColumns:
    """Many tickets as columns: what the SLA rules need of each, nothing more."""

    received: Column  #: UTC microseconds
    severity: npt.NDArray[np.int8]  #: the requested severity, 1-4
    events: EventColumns

    def __len__(self) -> int:
        return len(self.received)

    def block(self, a: int, b: int) -> TicketColumns:
        """Tickets a..b-1, renumbered from 0 (their events are one slice: ordered by ticket)."""
        ev = self.events
        i, j = np.searchsorted(ev.ticket, [a, b])
        return TicketColumns(self.received[a:b], self.severity[a:b], ev.slice(i, j, a))

    @classmethod
    def from_tickets(
        cls, tickets: Sequence[Ticket], calendars: tuple[str, ...] = (DEFAULT_CALENDAR,)
    ) -> TicketColumns:
        """The columns of ticket objects (one pass over their histories)."""
        events = history_columns([t.history for t in tickets], calendars, [t.id for t in tickets])
        received = np.fromiter((to_us(t.received) for t in tickets), I64, len(tickets))
        severity = np.fromiter((int(t.priority) for t in tickets), np.int8, len(tickets))
        return cls(received, severity, events)


@dataclass(frozen=True)
class StatusColumns:
    """`SlaStatus` fields of many tickets, as columns (instants in UTC microseconds)."""

    state: npt.NDArray[np.int8]  #: index into `STATES`
    severity: npt.NDArray[np.int8]  #: the severity whose target applies
    confirmed: Mask
    level: npt.NDArray[np.int8]  #: index into `LEVELS`
    target: Column
    clock_start: Column
    deadline: Column
    elapsed: Column
    remaining: Column
    fraction_used: npt.NDArray[np.float64]
    warning: Column  #: the highest warning percent reached, 0 if none
    stopped: Mask
    stop: Column  #: where `stopped`
    #: The deadline falls in a year whose decreed holidays may be missing from the data.
    provisional: Mask
    #: Rows the rules refuse (received after now, a pause the plan does not allow, pauses
    #: out of order)...
    refused: Mask
    #: ...and why (None elsewhere).
    problem: npt.NDArray[np.object_]

    @classmethod
    def concat(cls, parts: Sequence[StatusColumns]) -> StatusColumns:
        """The rows of `parts`, one after the other."""
        names = cls.__dataclass_fields__
        return cls(**{k: np.concatenate([getattr(p, k) for p in parts]) for k in names})

    @property
    def breached(self) -> Mask:
        """Rows whose target was missed."""
        out: Mask = self.state == _BREACHED
        return out


def not_entitled(result: StatusColumns, rows: Mask) -> StatusColumns:
    """The rule for a ticket not entitled at receipt: NOT_ENTITLED, no clock, nothing
    used, no deadline to meet (its clock and deadline columns are not to be shown)."""
    fields = {name: getattr(result, name).copy() for name in StatusColumns.__dataclass_fields__}
    fields["state"][rows] = _STATE[SlaState.NOT_ENTITLED]
    for name in ("elapsed", "remaining", "warning"):
        fields[name][rows] = 0
    fields["fraction_used"][rows] = 0.0
    fields["provisional"][rows] = False
    fields["stopped"][rows] = False
    return StatusColumns(**fields)


def _ranks(owner: Column) -> Column:
    """0, 1, 2, ... within each run of equal values of a sorted column."""
    if len(owner) == 0:
        return np.zeros(0, dtype=I64)
    starts = np.ones(len(owner), dtype=bool)
    starts[1:] = owner[1:] != owner[:-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(len(owner)), 0))
    ranks: Column = np.arange(len(owner)) - first
    return ranks


def _first_per_ticket(owner: Column, n: int) -> Column:
    """Position of each ticket's first entry in a sorted owner column (-1 if none)."""
    first = np.full(n, -1, dtype=I64)
    if len(owner):
        starts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
        first[owner[starts]] = starts
    return first


@dataclass(frozen=True)
class _Pauses:
    """Each ticket's pauses, flat (`status.PauseIndex` for many tickets): ticket r's are
    entries offset[r]..offset[r+1]-1, in time order."""

    start: Column
    end: Column  # _NEVER while still open
    offset: Column  # n + 1 entries
    gaps: Column  # per ticket, the open time between its pauses so far (PauseIndex.gaps)
    open_now: Mask  # the last pause has not ended

    @property
    def count(self) -> Column:
        """Pauses per ticket."""
        out: Column = self.offset[1:] - self.offset[:-1]
        return out


def _search(
    values: Column, lo: Column, hi: Column, x: Column, right: bool
) -> Column:  # fmt: skip
    """Per query, bisect (right: bisect_right, else bisect_left) the sorted `values[lo:hi]`
    for x: a vectorised binary search, log2 of the longest range steps."""
    lo, hi = lo.copy(), hi.copy()
    while True:
        live = lo < hi
        if not live.any():
            return lo
        mid = (lo + hi) // 2
        v = values[np.minimum(mid, len(values) - 1)] if len(values) else mid
        go_right = live & ((v <= x) if right else (v < x))
        lo = np.where(go_right, mid + 1, lo)
        hi = np.where(live & ~go_right, mid, hi)


def _pauses(
    n: int, events: EventColumns, engine: Engine
) -> tuple[_Pauses, Mask, npt.NDArray[np.object_]]:
    """Pair PAUSED and RESUMED events; a message for tickets where they do not alternate."""
    refused = np.zeros(n, dtype=bool)
    problem = np.full(n, None, dtype=object)
    which = (events.kind == _PAUSED) | (events.kind == _RESUMED) if len(events.kind) else None
    if which is None or not which.any():
        z = np.zeros(0, dtype=I64)  # the usual ticket: no pauses at all
        none = np.zeros(n, dtype=bool)
        return _Pauses(z, z, np.zeros(n + 1, dtype=I64), z, none), refused, problem
    both = events.take(which)
    rank = _ranks(both.ticket)
    expected = np.where(rank % 2 == 0, _PAUSED, _RESUMED)
    wrong = both.kind != expected
    if wrong.any():
        tickets, first = np.unique(both.ticket[wrong], return_index=True)
        resumed = both.kind[wrong][first] == _RESUMED
        problem[tickets[resumed]] = (
            "resumes without being paused; remove the Resumed event or add the Paused "
            "event before it."
        )
        problem[tickets[~resumed]] = (
            "is paused twice without a resume; add a Resumed event between the two pauses."
        )
        refused[tickets] = True
    ok = ~refused[both.ticket]  # a refused ticket's pauses are not paired (nor used)
    both = both.take(ok)
    rank = rank[ok]
    pause = both.kind == _PAUSED
    owner = both.ticket[pause]
    start = both.at[pause]
    end = np.full(len(start), _NEVER, dtype=I64)
    count = np.bincount(owner, minlength=n).astype(I64)
    offset = np.concatenate(([0], np.cumsum(count))).astype(I64)
    resumed_ = ~pause
    end[offset[both.ticket[resumed_]] + rank[resumed_] // 2] = both.at[resumed_]
    gap = np.zeros(len(start), dtype=I64)
    later = np.ones(len(start), dtype=bool)
    later[offset[:-1][count > 0]] = False  # a ticket's first pause has no gap before it
    k = np.flatnonzero(later)
    if len(k):
        gap[k] = engine.elapsed_many(end[k - 1], start[k])
    gaps = np.cumsum(gap)
    if len(gaps):  # restart the running sum at each ticket's first pause
        gaps -= np.repeat(gaps[offset[:-1][count > 0]], count[count > 0])
    open_now = (count > 0) & (end[np.maximum(offset[1:] - 1, 0)] == _NEVER if len(end) else False)
    return _Pauses(start, end, offset, gaps, open_now), refused, problem


def _deadline_with_pauses(
    engine: Engine, pauses: _Pauses, rows: Column, start: Column, target: Column, at: Column
) -> Column:
    """`status.PauseIndex.deadline` of each row, with its pauses as seen at `at`."""
    out = np.zeros(len(rows), dtype=I64)
    if len(pauses.start) == 0:
        return engine.add_many(start, target)
    lo, hi = pauses.offset[rows], pauses.offset[rows + 1]
    seen = _search(pauses.start, lo, hi, at, right=True)
    first = _search(pauses.end, lo, seen, start, right=True)
    last = np.maximum(seen - 1, 0)
    gone = (first == seen - 1) & (np.minimum(pauses.end[last], at) <= start)
    first = np.where(gone, seen, first)
    plain = first >= seen
    out[plain] = engine.add_many(start[plain], target[plain])
    rest = np.flatnonzero(~plain)
    if not len(rest):
        return out
    f, s, t = first[rest], start[rest], target[rest]
    before = engine.elapsed_many(s, np.maximum(pauses.start[f], s))
    early = t <= before
    out[rest[early]] = engine.add_many(s[early], t[early])
    go = ~early
    rest, f, s, t, before = rest[go], f[go], s[go], t[go], before[go]
    need = t + pauses.gaps[f] - before
    k = _search(pauses.gaps, f + 1, seen[rest], need, right=False)
    inside = k < seen[rest]
    prev = np.where(inside, k - 1, seen[rest] - 1)
    cursor = np.where(inside, pauses.end[prev], np.minimum(pauses.end[prev], at[rest]))
    out[rest] = engine.add_many(cursor, need - pauses.gaps[prev])
    return out


def _elapsed_with_pauses(
    engine: Engine, pauses: _Pauses, rows: Column, start: Column, until: Column
) -> Column:
    """`status.elapsed_with_pauses` of each row (a pause still open lasts to `until`)."""
    later = until > start
    out = np.zeros(len(rows), dtype=I64)
    out[later] = engine.elapsed_many(start[later], until[later])
    count = pauses.count[rows]
    who = np.repeat(np.arange(len(rows)), count)  # position in `rows` of each pause
    if not len(who):
        return out
    entry = pauses.offset[rows][who] + _ranks(who)
    a = np.maximum(pauses.start[entry], start[who])
    b = np.minimum(pauses.end[entry], until[who])
    cut = later[who] & (a < b)
    taken = np.zeros(len(who), dtype=I64)
    taken[cut] = engine.elapsed_many(a[cut], b[cut])
    np.subtract.at(out, who, taken)
    return out


def _deadline_in_force(
    engine: Engine,
    pauses: _Pauses,
    rows: Column,
    start: Column,
    target: Column,
    not_before: Column,
    at: Column,
) -> Column:
    """`status.deadline_in_force`: the deadline as it stood at each `at`."""
    out = _deadline_with_pauses(engine, pauses, rows, start, target, at)
    return np.maximum(out, not_before)


#: Rows evaluated together. A block's temporaries (8 MiB a column) are reused by the
#: allocator; larger ones are fresh memory that the kernel must map page by page, which
#: made ten million rows cost 40% more than ten times one million.
BLOCK_ROWS = 1 << 20


def evaluate_columns(tickets: TicketColumns, now_us: int, plan: ServicePlan) -> StatusColumns:
    """Every ticket's first-response SLA at `now_us` under `plan` (`status.evaluate`'s
    rules; entitlement is the caller's business), a block of rows at a time."""
    n = len(tickets)
    if n <= BLOCK_ROWS:
        return _evaluate_block(tickets, now_us, plan)
    return StatusColumns.concat(
        [
            _evaluate_block(tickets.block(a, min(a + BLOCK_ROWS, n)), now_us, plan)
            for a in range(0, n, BLOCK_ROWS)
        ]
    )


def _evaluate_block(tickets: TicketColumns, now_us: int, plan: ServicePlan) -> StatusColumns:
    n = len(tickets)
    engine = plan.calendar.engine
    events = tickets.events
    if len(events):
        within = events.at <= now_us
        events = events if within.all() else events.take(within)

    # Rule 1: the stop, the level and the pauses, up to now.
    stopped, stop_pos, stop, handed = _first_stops(events, n)
    level = _levels(events, n)
    pauses, refused, problem = _pauses(n, events, engine)
    any_pauses = len(pauses.start) > 0  # the usual table has none: their steps are skipped
    paused = pauses.count > 0 if any_pauses else np.zeros(n, dtype=bool)
    if any_pauses and not plan.pausing_allowed:
        forbidden = paused & ~refused
        if forbidden.any():
            problem[forbidden] = pausing_refused(plan)
            refused |= forbidden
    future = received_after_now(tickets.received, now_us)
    if future.any():  # first: no other reason matters for a ticket not received yet
        now = from_us(now_us, plan.calendar.zone)
        problem[future] = "received " + received_after_now_reason(now) + "."
        refused |= future

    # Rule 2: classifications before the stop, while the deadline in force has not passed.
    severity, confirmed, start = tickets.severity.copy(), np.zeros(n, dtype=bool), tickets.received
    counted = events.kind == _CLASSIFIED
    if counted.any():
        counted &= np.arange(len(events.at)) < stop_pos[events.ticket]
        if counted.any():
            start = start.copy()
            _reclassify(events.take(counted), severity, confirmed, start, plan, pauses)
    target, not_before = plan.target_columns(severity, start)

    # Rules 1 and 3: the clock, its deadline and the open time it has run.
    until = np.where(stopped, stop, now_us)
    if not any_pauses and not refused.any():  # the usual table: every row at once
        clock, deadline, elapsed = engine.clock_many(start, target, until)
    else:
        paused_rows = paused & ~refused
        plain = ~paused_rows & ~refused
        clock, deadline, elapsed = (np.zeros(n, dtype=I64) for _ in range(3))
        if plain.any():
            clock[plain], deadline[plain], elapsed[plain] = engine.clock_many(
                start[plain], target[plain], until[plain]
            )
        if paused_rows.any():
            p = np.flatnonzero(paused_rows)
            at_now = np.full(len(p), now_us, dtype=I64)
            clock[p] = engine.next_open_many(start[p])
            deadline[p] = _deadline_with_pauses(engine, pauses, p, start[p], target[p], at_now)
            elapsed[p] = _elapsed_with_pauses(engine, pauses, p, start[p], until[p])
    np.maximum(deadline, not_before, out=deadline)  # "by 16:00": later only if pauses push it

    # Rule 4: the state: a stop settles it (met, breached or handed over); else paused
    # while a pause is open; else breached once now is past the deadline.
    state = np.where(now_us > deadline, _BREACHED, _RUNNING)  # int8, as the codes are
    if any_pauses:
        state[pauses.open_now] = _PAUSED_STATE
    if stopped.any():
        settled_state = np.where(stop > deadline, _BREACHED, np.where(handed, _HANDED, _MET))
        state[stopped] = settled_state[stopped]

    provisional = ~refused & plan.calendar.provisional_many(clock, deadline)
    return StatusColumns(
        state=state,
        severity=severity,
        confirmed=confirmed,
        level=level,
        target=target,
        clock_start=clock,
        deadline=deadline,
        elapsed=elapsed,
        remaining=target - elapsed,
        fraction_used=fraction_column(elapsed, target),
        warning=warning_column(elapsed, target, plan.warning_percents),
        stopped=stopped,
        stop=stop,
        provisional=provisional,
        refused=refused,
        problem=problem,
    )


def _reclassify(
    classified: EventColumns,
    severity: npt.NDArray[np.int8],
    confirmed: Mask,
    start: Column,
    plan: ServicePlan,
    pauses: _Pauses,
) -> None:
    """Apply each ticket's classifications in order (into `severity`, `confirmed` and
    `start`, per row): one counts while the deadline in force has not passed; once one
    comes late the ticket's outcome is settled and later ones are ignored."""
    engine = plan.calendar.engine
    settled = np.zeros(len(severity), dtype=bool)
    rank = _ranks(classified.ticket)
    for k in range(int(rank.max()) + 1):
        pick = (rank == k) & ~settled[classified.ticket]
        who, at, new = classified.ticket[pick], classified.at[pick], classified.value[pick]
        target, not_before = plan.target_columns(severity[who], start[who])
        late = np.zeros(len(who), dtype=bool)
        check = at > start[who] + target
        if check.any():
            c = np.flatnonzero(check)
            deadline = _deadline_in_force(
                engine, pauses, who[c], start[who[c]], target[c], not_before[c], at[c]
            )
            late[c] = at[c] > deadline
        settled[who[late]] = True
        apply = ~late
        severity[who[apply]] = new[apply]
        confirmed[who[apply]] = True
        if plan.restart_clock_on_reclassification:
            start[who[apply]] = at[apply]


def _first_stops(events: EventColumns, n: int) -> tuple[Mask, Column, Column, Mask]:
    """Whether each ticket stopped (responded, resolved, closed or handed over), the
    position of its first stop among `events` (`_NEVER` if none), its instant (0 if
    none), and whether that stop was the hand-over."""
    if not len(events):
        never = np.full(n, _NEVER, dtype=I64)
        return np.zeros(n, dtype=bool), never, np.zeros(n, dtype=I64), np.zeros(n, dtype=bool)
    stops = np.flatnonzero((events.kind == _STOPPED) | (events.kind == _HANDED_OVER))
    first_stop = _first_per_ticket(events.ticket[stops], n)
    stopped = first_stop >= 0
    if not len(stops):
        return stopped, np.full(n, _NEVER, dtype=I64), np.zeros(n, dtype=I64), stopped.copy()
    pos = stops[first_stop]  # gather for every row, keep where stopped (no masked scatter)
    handed = stopped & (events.kind[pos] == _HANDED_OVER)
    return stopped, np.where(stopped, pos, _NEVER), np.where(stopped, events.at[pos], 0), handed


def _levels(events: EventColumns, n: int) -> npt.NDArray[np.int8]:
    """Who holds each ticket: the level of its latest escalation (L1 if none)."""
    level = np.zeros(n, dtype=np.int8)
    if not len(events.kind):
        return level
    to_vendor = (events.kind == _TO_VENDOR) | (events.kind == _HANDED_OVER)
    code = np.where(events.kind == _TO_L2, 1, np.where(to_vendor, 2, 0))
    moves = np.flatnonzero(code > 0)[::-1]  # latest first
    if not len(moves):
        return level
    tickets, latest = np.unique(events.ticket[moves], return_index=True)
    level[tickets] = code[moves[latest]]
    return level
