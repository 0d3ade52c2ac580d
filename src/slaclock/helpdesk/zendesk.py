"""Zendesk's tables, as Fivetran syncs them, read into slaclock's tickets and events.

`load(tables)` reads ``ticket``, ``ticket_field_history`` (status and priority),
``ticket_comment``, ``user``, ``schedule``, ``schedule_holiday`` and
``ticket_schedule``, and returns a `HelpdeskData` whose ``tickets``, ``events``
and ``plan`` go straight into `evaluate_frame` (see docs/zendesk.md):

- each schedule is a calendar of the plan, ``schedule_<id>``; the default (the
  earliest created, as dbt_zendesk takes it) is the plan's own calendar, and a
  ``ticket_schedule`` row is a ``calendar`` event (a first row within 5 s of the
  ticket's creation applies from the creation);
- status history rows are ``status`` events; comments are ``message`` events, by
  ``agent`` when the author's role is agent or admin, else ``customer``;
- the priority at creation is the severity (urgent 1, high 2, normal 3, low 4)
  and later changes are ``classified`` events;
- rows with ``_fivetran_deleted`` true are left out (counted in ``left_out``),
  and so are tickets whose status is ``deleted``, with their rows.

At one instant the events are taken schedule, priority, comment, status. Bad rows
are never dropped silently: with ``errors="raise"`` they raise `InvalidRowsError`;
with ``errors="mark"`` their tickets are left out of ``tickets`` and listed in
``problems`` with the table and row of the first bad row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from slaclock.errors import ColumnError, InvalidModelError
from slaclock.helpdesk.collect import NO_PRIORITY, Collector, check_options, severity_reader
from slaclock.helpdesk.data import HelpdeskData
from slaclock.helpdesk.ids import locate, repeats, texts
from slaclock.helpdesk.problems import LoadProblem
from slaclock.helpdesk.schedules import read_schedules
from slaclock.helpdesk.tables import Table, read_tables
from slaclock.sla.plan import NamedCalendar, ServicePlan, plan_or_basic
from slaclock.sla.timeline import AGENT, PUBLIC, Code, event_order

__all__ = ["PRIORITIES", "TABLES", "load"]

I64 = np.int64
TABLES = (
    "ticket",
    "ticket_field_history",
    "ticket_comment",
    "user",
    "schedule",
    "schedule_holiday",
    "ticket_schedule",
)
#: Zendesk's priorities as severities.
PRIORITIES = {"urgent": 1, "high": 2, "normal": 3, "low": 4}
#: Agent-side roles, and the names an end user's role is written with.
AGENT_ROLES = frozenset({"agent", "admin"})
END_USER_ROLES = frozenset({"end-user", "end_user", "enduser"})
_FIRST_SCHEDULE_SLACK_US = 5_000_000
_NEVER = np.iinfo(I64).max
#: Calendar indexes are int8 in the event columns.
MAX_SCHEDULES = 120


def load(
    tables: Mapping[str, Any],
    *,
    plan: ServicePlan | None = None,
    errors: Literal["raise", "mark"] = "raise",
    unprioritized: int | None = None,
) -> HelpdeskData:
    """Read Zendesk's tables (a mapping of table name to any DataFrame; a folder of
    files is read by `slaclock.zendesk.load`). `plan` (None: the Basic plan) gives the
    targets (its calendar is replaced by the default schedule when there are schedules).
    `unprioritized` is the severity of a ticket without a priority; None refuses
    such tickets as bad rows."""
    check_options(errors, unprioritized)
    plan = plan_or_basic(plan)
    read = read_tables(tables, TABLES)
    if "ticket" not in read:
        raise ColumnError("the Zendesk tables need a 'ticket' table.")
    ticket = read["ticket"]
    gone, odd = ticket.truth("_fivetran_deleted")
    if ticket.has("status"):
        distinct, codes = ticket.factor("status")
        deleted = np.array([str(v).strip().lower() == "deleted" for v in distinct] + [False])
        gone |= deleted[codes]
    rows = Collector(
        TABLES, ticket, gone, severity_reader(PRIORITIES, unprioritized), ", ".join(PRIORITIES)
    )
    rows.unreadable(ticket, "_fivetran_deleted", odd, rows.ticket_rows())
    measured_on, index, unusable = _plan(read, plan, rows)
    history = _history(read, rows)
    _priorities(read, rows, history)
    if history is not None:
        rows.statuses(history.table, "value", history.owner, history.at, history.status)
    _comments(read, rows)
    _ticket_schedules(read, rows, index, unusable)
    return rows.result(errors, measured_on, ticket.backend, "Zendesk")


def _plan(
    read: dict[str, Table], plan: ServicePlan, rows: Collector
) -> tuple[ServicePlan, dict[str, int], Mapping[str, Any]]:
    """The plan with each schedule as a calendar, the calendar index of each schedule
    id, and the unusable schedules with the reason."""
    if "schedule" not in read:
        return plan, {}, {}
    schedules = read_schedules(read["schedule"], read.get("schedule_holiday"))
    rows.left_out["schedule"] += schedules.deleted
    rows.problems.extend(schedules.unusable.values())
    if len(schedules.calendars) > MAX_SCHEDULES:
        raise InvalidModelError(
            f"{len(schedules.calendars)} schedules: slaclock reads at most {MAX_SCHEDULES}."
        )
    if schedules.default is None:
        return plan, {}, schedules.unusable
    named = tuple(
        NamedCalendar(name=_calendar_name(sid), calendar=c)
        for sid, c in schedules.calendars.items()
    )
    new = plan.model_copy(
        update={"calendar": schedules.calendars[schedules.default], "calendars": named}
    )
    index = {sid: k + 1 for k, sid in enumerate(schedules.calendars)}
    return new, index, schedules.unusable


@dataclass(frozen=True)
class _History:
    """The field history's rows matched to their tickets once, for priority and status."""

    table: Table
    owner: npt.NDArray[np.int64]
    at: npt.NDArray[np.int64]
    priority: npt.NDArray[np.bool_]  #: usable priority rows
    status: npt.NDArray[np.bool_]  #: usable status rows


def _history(read: dict[str, Table], rows: Collector) -> _History | None:
    """The ``ticket_field_history`` rows about priority and status, each matched to its
    ticket and instant once (the other fields are not read)."""
    table = read.get("ticket_field_history")
    if table is None:
        return None
    distinct, codes = table.factor("field_name")
    names = np.array([str(v).strip().lower() for v in distinct] + [""], dtype=object)
    is_priority, is_status = ((names == name)[codes] for name in ("priority", "status"))
    owner, at, use = rows.owners(table, is_priority | is_status, "updated")
    return _History(table, owner, at, use & is_priority, use & is_status)


def _priorities(read: dict[str, Table], rows: Collector, history: _History | None) -> None:
    """The priority at creation is the severity; later changes are classified events. A
    ticket with priority history takes its first row's, when at the creation, else none;
    without history, the ticket row's."""
    ticket = read["ticket"]
    own, own_why = rows.severities(ticket, "priority")
    initial = own[rows.keep]
    first_row = np.full(len(rows), -1, dtype=I64)  # -1: the ticket row's own priority
    if history is not None:
        table, owner, at, use = history.table, history.owner, history.at, history.priority
        sev, why = rows.severities(table, "value")  # the first row's, reported below
        used = np.flatnonzero(use)
        order = used[event_order(owner[used], len(rows), at[used])]  # ties in row order
        first = order[np.r_[True, owner[order][1:] != owner[order][:-1]]] if len(order) else order
        at_creation = np.zeros(len(table), dtype=bool)
        at_creation[first] = at[first] == rows.received_of(owner[first])
        rows.reclassified(table, "value", owner, at, use & ~at_creation)
        initial[owner[first]] = np.where(at_creation[first], sev[first], rows.severity_of(None))
        first_row[owner[first]] = first
    for t in np.flatnonzero(initial == 0).tolist():
        f = int(first_row[t])
        if f < 0:
            k = int(rows.keep[t])
            rows.flag(t, LoadProblem(ticket.name, k + 1, rows.ids[t], own_why(k)))
        else:
            reason = why(f) if at_creation[f] else NO_PRIORITY
            rows.flag(t, LoadProblem("ticket_field_history", f + 1, rows.ids[t], reason))
    rows.severity[:] = initial


def _comments(read: dict[str, Table], rows: Collector) -> None:
    """Comments as message events: by an agent when the author's role is agent or admin,
    by the customer when an end user; any other author is a bad row."""
    table = read.get("ticket_comment")
    if table is None:
        return
    deleted, odd = table.truth("_fivetran_deleted")
    rows.left_out[table.name] += int(deleted.sum())
    owner, at, use = rows.owners(table, ~deleted, "created")
    public, unclear = table.truth("public", null=None)
    if not table.has("public"):
        public = np.ones(len(table), dtype=bool)
    rows.unreadable(table, "_fivetran_deleted", use & odd, owner)
    rows.unreadable(table, "public", use & unclear & ~odd, owner)
    use &= ~(odd | unclear)
    authors = table.keys("user_id")
    roles, user = _roles(read.get("user"), authors)
    agent_role = np.isin(roles, list(AGENT_ROLES))  # per user: a few, not a row each
    agent, known = agent_role[user], (agent_role | np.isin(roles, list(END_USER_ROLES)))[user]
    value = (np.where(agent, AGENT, 0) | np.where(public, PUBLIC, 0)).astype(I64)
    shown = authors.tolist()

    def why(k: int) -> str:
        role = roles[user[k]]
        if shown[k] == "":
            return "user_id is missing"
        if role is None:
            return f"user {shown[k]!r} is not in the user table"
        if role is _TWO_ROLES:
            return f"user {shown[k]!r} has rows of different roles in the user table"
        return f"user {shown[k]!r} has role {role!r}, not end-user, agent or admin"

    rows.report(table.name, np.arange(1, len(table) + 1), use & ~known, why, owner)
    rows.add(table.name, Code.MESSAGE, owner, at, value, use & known)


#: The role of a user whose rows disagree (never guessed).
_TWO_ROLES = "(two roles)"


def _roles(
    users: Table | None, authors: npt.NDArray[Any]
) -> tuple[npt.NDArray[Any], npt.NDArray[np.int64]]:
    """Each user's role, lower case (`_TWO_ROLES` when the user's rows give different
    roles), then None; and each author's entry among them: the None past the users when
    not in the user table (or without an id)."""
    if users is None:
        return np.array([None], dtype=object), np.zeros(len(authors), dtype=I64)
    ids = users.keys("id")
    distinct, codes = users.factor("role")
    roles = np.array([str(v).strip().lower() for v in distinct] + [""], dtype=object)[codes]
    again = np.flatnonzero(repeats(ids))
    differ = again[roles[again] != roles[locate(ids[again], ids)]]
    roles[locate(ids, ids[differ]) >= 0] = _TWO_ROLES
    user = locate(authors, ids)
    user[user < 0] = len(ids)  # not in the table: None
    if authors.dtype == object:
        user[authors == ""] = len(ids)
    return np.r_[roles, None], user


def _ticket_schedules(
    read: dict[str, Table], rows: Collector, index: dict[str, int], unusable: Mapping[str, Any]
) -> None:
    """Schedule changes as calendar events; a first one within 5 s of the creation
    applies from the creation (as dbt_zendesk takes a trigger's)."""
    table = read.get("ticket_schedule")
    if table is None:
        return
    owner, at, use = rows.owners(table, np.ones(len(table), dtype=bool), "created_at")
    first = np.full(len(rows), _NEVER, dtype=I64)
    np.minimum.at(first, owner[use], at[use])
    lag = at - rows.received_of(owner)
    near = use & (at == np.r_[first, _NEVER][owner]) & (lag <= _FIRST_SCHEDULE_SLACK_US)
    at = np.where(near, at - lag, at)
    sids = texts(table.keys("schedule_id"))
    value = np.array([index.get(s, 0) for s in sids], dtype=I64)

    def why(k: int) -> str:
        problem = unusable.get(sids[k])
        if problem:
            return f"schedule {sids[k]} is unusable ({problem})"
        return f"schedule {sids[k]} is not in the schedule table"

    rows.report(table.name, np.arange(1, len(table) + 1), use & (value == 0), why, owner)
    rows.add(table.name, Code.CALENDAR, owner, at, value, use & (value > 0))


def _calendar_name(sid: str) -> str:
    safe = "".join(c if c.isalnum() else "_" for c in sid.lower())
    return f"schedule_{safe}"
