"""Zendesk's tables, as Fivetran syncs them, read into slaclock's tickets and events.

`load(tables)` reads ``ticket``, ``ticket_field_history`` (status and priority),
``ticket_comment``, ``user``, ``schedule``, ``schedule_holiday`` and
``ticket_schedule``, and returns a `ZendeskData` whose ``tickets``, ``events``
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

At one instant the events are taken schedule, priority, comment, status: an
agent who replies and solves in one update replies first. Bad rows are never
dropped silently: with ``errors="raise"`` they raise `InvalidRowsError`; with
``errors="mark"`` their tickets are left out of ``tickets`` and listed in
``problems`` with the table and row of the first bad row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, Literal

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock._time import to_us
from slaclock.errors import ColumnError, InvalidModelError, InvalidRowsError, MissingExtraError
from slaclock.helpdesk.problems import LoadProblem
from slaclock.helpdesk.schedules import Schedules, read_schedules
from slaclock.helpdesk.tables import Table, read_tables
from slaclock.helpdesk.tables import id_text as _key
from slaclock.sla.columns import TicketColumns
from slaclock.sla.metric import Metric, metric_tuple
from slaclock.sla.metric_cycles import MetricColumns
from slaclock.sla.one_ticket import measure
from slaclock.sla.plan import BASIC_PLAN, NamedCalendar, ServicePlan
from slaclock.sla.policy import Policy, TicketAttributes, policy_tuple
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.timeline import AGENT, PUBLIC, Code, EventColumns

__all__ = ["PRIORITIES", "TABLES", "ZendeskData", "load"]

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
#: Agent-side roles (anything else that Zendesk writes is an end user).
AGENT_ROLES = frozenset({"agent", "admin"})
END_USER_ROLES = frozenset({"end-user", "end_user", "enduser"})
#: At one instant: schedule, priority, comment, status.
_RANK = {Code.CALENDAR: 0, Code.CLASSIFIED: 1, Code.MESSAGE: 2, Code.STATUS: 3}
_KIND = {
    Code.CALENDAR: "calendar",
    Code.CLASSIFIED: "classified",
    Code.MESSAGE: "message",
    Code.STATUS: "status",
}
_FIRST_SCHEDULE_SLACK_US = 5_000_000
STATUS_NAMES = ", ".join(s.value for s in TicketStatus)
#: Calendar indexes are int8 in the event columns.
MAX_SCHEDULES = 120


@dataclass(frozen=True)
class ZendeskData:
    """Zendesk's tickets read into slaclock's tables (see `load`)."""

    plan: ServicePlan
    #: Ticket ids (as text), received instants and severities of the good tickets.
    ids: tuple[str, ...]
    columns: TicketColumns
    #: Every bad row found, by table and row (the first per ticket made it left out).
    problems: tuple[LoadProblem, ...]
    #: Soft-deleted rows (and deleted tickets) left out, per table.
    left_out: Mapping[str, int]
    backend: Any

    @cached_property
    def tickets(self) -> Any:
        """The good tickets: ``id``, ``received`` (UTC), ``severity``, as a DataFrame of
        the library the tables came in."""
        self._need_backend()
        return (
            nw.from_dict(
                {
                    "id": list(self.ids),
                    "received": _datetimes(self.columns.received),
                    "severity": self.columns.severity.astype(I64),
                },
                backend=self.backend,
            )
            .with_columns(nw.col("received").dt.replace_time_zone("UTC"))
            .to_native()
        )

    @cached_property
    def events(self) -> Any:
        """Their events, one row each: ``ticket_id``, ``kind``, ``at`` (UTC) and the
        kind's own columns (``severity``, ``author``, ``public``, ``status``,
        ``calendar``), in the order `evaluate_frame` takes them."""
        self._need_backend()
        ev = self.columns.events
        codes = ev.code.astype(I64)
        codes[codes == Code.DESCRIPTION] = Code.MESSAGE
        value = ev.value.astype(I64)
        names = self.plan.calendar_names
        statuses = {s.code: s.value for s in TicketStatus}
        is_ = {c: codes == c for c in _KIND}
        data = {
            "ticket_id": [self.ids[t] for t in ev.ticket.tolist()],
            "kind": [_KIND[Code(c)] for c in codes.tolist()],
            "at": _datetimes(ev.at),
            "severity": [
                int(v) if c else None
                for v, c in zip(value.tolist(), is_[Code.CLASSIFIED].tolist(), strict=True)
            ],
            "author": [
                ("agent" if v & AGENT else "customer") if c else None
                for v, c in zip(value.tolist(), is_[Code.MESSAGE].tolist(), strict=True)
            ],
            "public": [
                bool(v & PUBLIC) if c else None
                for v, c in zip(value.tolist(), is_[Code.MESSAGE].tolist(), strict=True)
            ],
            "status": [
                statuses[v] if c else None
                for v, c in zip(value.tolist(), is_[Code.STATUS].tolist(), strict=True)
            ],
            "calendar": [
                names[v] if c else None
                for v, c in zip(value.tolist(), is_[Code.CALENDAR].tolist(), strict=True)
            ],
        }
        frame = nw.from_dict(data, backend=self.backend)
        return frame.with_columns(nw.col("at").dt.replace_time_zone("UTC")).to_native()

    def _need_backend(self) -> None:
        if self.backend is None:
            raise MissingExtraError(
                "the tables were read without a DataFrame library, so no DataFrame can be "
                "made: pip install 'slaclock[pandas]' (or use ZendeskData.measure)."
            )

    def measure(
        self,
        now: datetime,
        metrics: Metric | Iterable[Metric],
        policies: Policy | Iterable[Policy] = (),
    ) -> tuple[MetricColumns, ...]:
        """Each metric's columns for the good tickets at `now`, by the rules
        `evaluate_frame` runs, straight from the loaded columns (no DataFrame needed)."""
        n = len(self.ids)
        attributes = TicketAttributes(tier=[self.plan.tier] * n)
        return measure(
            self.columns,
            attributes,
            to_us(now, "now"),
            self.plan,
            metric_tuple(metrics),
            policy_tuple(policies),
        )[0]


def load(
    tables: Mapping[str, Any],
    *,
    plan: ServicePlan = BASIC_PLAN,
    errors: Literal["raise", "mark"] = "raise",
    unprioritized: int | None = None,
) -> ZendeskData:
    """Read Zendesk's tables (a mapping of table name to any DataFrame; a folder of
    files is read by `slaclock.zendesk.load`). `plan` gives the targets (its
    calendar is replaced by the default schedule when there are schedules).
    `unprioritized` is the severity of a ticket without a priority; None refuses
    such tickets as bad rows."""
    if errors not in ("raise", "mark"):
        raise ColumnError(f"errors must be 'raise' or 'mark', got {errors!r}.")
    if unprioritized is not None and unprioritized not in (1, 2, 3, 4):
        raise ColumnError(f"unprioritized must be a severity 1-4 or None, got {unprioritized!r}.")
    read = read_tables(tables, TABLES)
    if "ticket" not in read:
        raise ColumnError("the Zendesk tables need a 'ticket' table.")
    return _Loader(read, plan, unprioritized).result(errors)


class _Loader:
    """One load: the tables, the tickets found so far, the events and the problems."""

    def __init__(self, read: dict[str, Table], plan: ServicePlan, unprioritized: int | None):
        self.read, self.unprioritized = read, unprioritized
        self.problems: list[LoadProblem] = []
        self.bad: dict[int, LoadProblem] = {}
        self.left_out: dict[str, int] = defaultdict(int)
        ticket = read["ticket"]
        self.backend = (
            None if isinstance(ticket.frame, dict) else nw.get_native_namespace(ticket.frame)
        )
        deleted = ticket.flags("_fivetran_deleted")
        status = ticket.values("status") if ticket.has("status") else np.full(len(ticket), None)
        gone = deleted | np.array([str(s).strip().lower() == "deleted" for s in status])
        self.left_out["ticket"] += int(gone.sum())
        raw_ids = [_key(v) for v in ticket.values("id")]
        self.gone_ids = {raw_ids[k] for k in np.flatnonzero(gone)}
        self.keep = np.flatnonzero(~gone)
        self.ids = [raw_ids[k] for k in self.keep]
        self.row_of: dict[str, int] = {}
        for t, k in enumerate(self.keep):
            if self.ids[t] in self.row_of:
                self._flag(
                    t, LoadProblem("ticket", int(k) + 1, self.ids[t], "the ticket id repeats")
                )
            else:
                self.row_of[self.ids[t]] = t
        at, missing = ticket.instants("created_at")
        self.received = at[self.keep]
        for r in np.flatnonzero(missing[self.keep]).tolist():
            self._flag(
                r,
                LoadProblem(
                    "ticket",
                    int(self.keep[r]) + 1,
                    self.ids[r],
                    "created_at is missing or not a timestamp",
                ),
            )
        self.plan, self.calendar_index, self.schedules = self._plan(plan)
        self.parts: list[tuple[npt.NDArray[Any], ...]] = []
        self.severity = np.zeros(len(self.ids), dtype=np.int8)
        self._priorities(ticket)
        self._statuses()
        self._comments()
        self._ticket_schedules()

    # -- helpers ------------------------------------------------------------------------------

    def _flag(self, t: int | None, problem: LoadProblem) -> None:
        self.problems.append(problem)
        if t is not None and t not in self.bad:
            self.bad[t] = problem

    def _owners(
        self, table: Table, keep: npt.NDArray[np.bool_], instants: Any = None
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """Per row: its ticket row (-1: none), its instant, and whether to use it; rows of
        unknown tickets and missing instants are reported, deleted tickets' left out."""
        ids = [_key(v) for v in table.values("ticket_id")]
        owner = np.array([self.row_of.get(i, -1) for i in ids], dtype=I64)
        at_name = {"ticket_comment": "created", "ticket_field_history": "updated"}.get(
            table.name, "created_at"
        )
        at, missing = table.instants(at_name)
        if instants is not None:
            at = instants
        use = keep.copy()
        for k in np.flatnonzero(use & (owner < 0)):
            use[k] = False
            if ids[k] in self.gone_ids:
                self.left_out[table.name] += 1
            else:
                self._flag(
                    None,
                    LoadProblem(
                        table.name, int(k) + 1, ids[k], "the ticket is not in the ticket table"
                    ),
                )
        for k in np.flatnonzero(use & missing):
            use[k] = False
            self._flag(
                int(owner[k]),
                LoadProblem(
                    table.name, int(k) + 1, ids[k], f"{at_name} is missing or not a timestamp"
                ),
            )
        early = use & (at < self.received[np.maximum(owner, 0)])
        for k in np.flatnonzero(early):
            self._flag(
                int(owner[k]),
                LoadProblem(
                    table.name, int(k) + 1, ids[k], f"{at_name} is before the ticket's created_at"
                ),
            )
        return owner, at, use & ~early

    def _add(self, owner: Any, code: Code, at: Any, value: Any, rows: Any, table: str) -> None:
        self.parts.append(
            (
                np.asarray(owner, I64),
                np.full(len(owner), code, I64),
                np.asarray(at, I64),
                np.asarray(value, I64),
                np.asarray(rows, I64),
                np.full(len(owner), TABLES.index(table), I64),
            )
        )

    def _history(self, field: str) -> tuple[Table, npt.NDArray[np.bool_]] | None:
        table = self.read.get("ticket_field_history")
        if table is None:
            return None
        names = np.array([str(v).strip().lower() for v in table.values("field_name")])
        return table, names == field

    # -- the tables ---------------------------------------------------------------------------

    def _plan(self, plan: ServicePlan) -> tuple[ServicePlan, dict[str, int], Schedules | None]:
        if "schedule" not in self.read:
            return plan, {}, None
        schedules = read_schedules(self.read["schedule"], self.read.get("schedule_holiday"))
        self.left_out["schedule"] += int(self.read["schedule"].flags("_fivetran_deleted").sum())
        self.problems.extend(schedules.unusable.values())
        if len(schedules.calendars) > MAX_SCHEDULES:
            raise InvalidModelError(
                f"{len(schedules.calendars)} schedules: slaclock reads at most {MAX_SCHEDULES}."
            )
        if schedules.default is None:
            return plan, {}, schedules
        named = tuple(
            NamedCalendar(name=_calendar_name(sid), calendar=c)
            for sid, c in schedules.calendars.items()
        )
        new = plan.model_copy(
            update={"calendar": schedules.calendars[schedules.default], "calendars": named}
        )
        index = {sid: k + 1 for k, sid in enumerate(schedules.calendars)}
        return new, index, schedules

    def _priorities(self, ticket: Table) -> None:
        current = (
            ticket.values("priority") if ticket.has("priority") else np.full(len(ticket), None)
        )
        initial: list[object] = [current[k] for k in self.keep]
        initial_row: list[tuple[str, int]] = [("ticket", int(k) + 1) for k in self.keep]
        history = self._history("priority")
        if history is not None:
            table, is_priority = history
            owner, at, use = self._owners(table, is_priority)
            values = table.values("value")
            first_seen: set[int] = set()
            owners, ats, sevs, rows = [], [], [], []
            order = np.lexsort((np.arange(len(at)), at, owner))
            for k in order[use[order]]:
                t = int(owner[k])
                if t not in first_seen:
                    first_seen.add(t)
                    initial[t] = values[k] if at[k] == self.received[t] else None
                    initial_row[t] = ("ticket_field_history", int(k) + 1)
                    if at[k] == self.received[t]:
                        continue
                sev = self._severity(values[k], t, "ticket_field_history", int(k) + 1)
                if sev:
                    owners.append(t)
                    ats.append(int(at[k]))
                    sevs.append(sev)
                    rows.append(int(k))
            self._add(owners, Code.CLASSIFIED, ats, sevs, rows, "ticket_field_history")
        for t, value in enumerate(initial):
            self.severity[t] = self._severity(value, t, *initial_row[t])

    def _severity(self, value: object, t: int, table: str, line: int) -> int:
        text = "" if value is None or value != value else str(value).strip().lower()
        if not text and self.unprioritized is not None:
            return self.unprioritized
        sev = PRIORITIES.get(text, 0)
        if not sev:
            why = (
                "the ticket has no priority; pass unprioritized=1-4 (--unprioritized) to give one"
                if not text
                else f"priority {text!r} is not one of {', '.join(PRIORITIES)}"
            )
            self._flag(t, LoadProblem(table, line, self.ids[t], why))
        return sev

    def _statuses(self) -> None:
        history = self._history("status")
        if history is None:
            return
        table, is_status = history
        owner, at, use = self._owners(table, is_status)
        values = table.values("value")
        codes = np.full(len(values), -1, dtype=I64)
        for k in np.flatnonzero(use):
            try:
                codes[k] = TicketStatus.parse(values[k]).code
            except ValueError:
                use[k] = False
                self._flag(
                    int(owner[k]),
                    LoadProblem(
                        "ticket_field_history",
                        int(k) + 1,
                        self.ids[owner[k]],
                        f"status {values[k]!r} is not one of {STATUS_NAMES}",
                    ),
                )
        rows = np.flatnonzero(use)
        self._add(owner[rows], Code.STATUS, at[rows], codes[rows], rows, "ticket_field_history")

    def _comments(self) -> None:
        table = self.read.get("ticket_comment")
        if table is None:
            return
        deleted = table.flags("_fivetran_deleted")
        self.left_out["ticket_comment"] += int(deleted.sum())
        owner, at, use = self._owners(table, ~deleted)
        roles: dict[str, str] = {}
        users = self.read.get("user")
        if users is not None:
            for uid, role in zip(users.values("id"), users.values("role"), strict=True):
                roles[_key(uid)] = str(role).strip().lower()
        public = table.flags("public") if table.has("public") else np.ones(len(table), bool)
        authors = table.values("user_id")
        value = np.zeros(len(table), dtype=I64)
        for k in np.flatnonzero(use):
            role = roles.get(_key(authors[k]))
            if role in AGENT_ROLES or role in END_USER_ROLES:
                value[k] = (AGENT if role in AGENT_ROLES else 0) | (PUBLIC if public[k] else 0)
                continue
            use[k] = False
            why = (
                f"user {authors[k]!r} is not in the user table"
                if role is None
                else f"user {authors[k]!r} has role {role!r}, not end-user, agent or admin"
            )
            self._flag(
                int(owner[k]), LoadProblem("ticket_comment", int(k) + 1, self.ids[owner[k]], why)
            )
        rows = np.flatnonzero(use)
        self._add(owner[rows], Code.MESSAGE, at[rows], value[rows], rows, "ticket_comment")

    def _ticket_schedules(self) -> None:
        table = self.read.get("ticket_schedule")
        if table is None:
            return
        ids = [_key(v) for v in table.values("ticket_id")]
        owner = np.array([self.row_of.get(i, -1) for i in ids], dtype=I64)
        at, _ = table.instants("created_at")
        # A first schedule set within 5 s of the creation applies from the creation.
        first = np.full(len(self.ids), np.iinfo(I64).max, dtype=I64)
        known = owner >= 0
        np.minimum.at(first, owner[known], at[known])
        near = known & (at == first[np.maximum(owner, 0)])
        lag = at - self.received[np.maximum(owner, 0)]
        at = np.where(near & (lag >= 0) & (lag <= _FIRST_SCHEDULE_SLACK_US), at - lag, at)
        owner, at, use = self._owners(table, np.ones(len(table), bool), at)
        sids = [_key(v) for v in table.values("schedule_id")]
        value = np.zeros(len(table), dtype=I64)
        unusable = self.schedules.unusable if self.schedules else {}
        for k in np.flatnonzero(use):
            index = self.calendar_index.get(sids[k])
            if index is not None:
                value[k] = index
                continue
            use[k] = False
            problem = unusable.get(sids[k])
            why = (
                f"schedule {sids[k]} is unusable ({problem})"
                if problem
                else f"schedule {sids[k]} is not in the schedule table"
            )
            self._flag(int(owner[k]), LoadProblem("ticket_schedule", int(k) + 1, ids[k], why))
        rows = np.flatnonzero(use)
        self._add(owner[rows], Code.CALENDAR, at[rows], value[rows], rows, "ticket_schedule")

    # -- the result ---------------------------------------------------------------------------

    def result(self, errors: str) -> ZendeskData:
        owner, code, at, value, row, table = (
            np.concatenate([p[j] for p in self.parts]) if self.parts else np.zeros(0, I64)
            for j in range(6)
        )
        rank = np.array([_RANK[Code(c)] for c in code.tolist()], dtype=I64)
        order = np.lexsort((row, table, rank, at, owner))
        owner, code, at, value, row, table = (
            a[order] for a in (owner, code, at, value, row, table)
        )
        closed_at = np.full(len(self.ids), np.iinfo(I64).max, dtype=I64)
        is_closed = (code == Code.STATUS) & (value == TicketStatus.CLOSED.code)
        np.minimum.at(closed_at, owner[is_closed], at[is_closed])
        for k in np.flatnonzero(at > closed_at[owner]):
            name = TABLES[int(table[k])]
            self._flag(
                int(owner[k]),
                LoadProblem(
                    name, int(row[k]) + 1, self.ids[owner[k]], "the row follows the ticket's close"
                ),
            )
        if self.problems and errors == "raise":
            shown = "; ".join(str(p) for p in self.problems[:5])
            more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
            raise InvalidRowsError(
                f"{len(self.problems)} bad row(s) in the Zendesk tables: {shown}{more}. Fix "
                "them, or pass errors='mark' to leave their tickets out and list them in "
                "ZendeskData.problems.",
                [
                    {"table": p.table, "row": p.line, "ticket_id": p.ticket_id, "reason": p.reason}
                    for p in self.problems
                ],
            )
        good = np.ones(len(self.ids), dtype=bool)
        good[list(self.bad)] = False
        new_row = np.cumsum(good) - 1
        keep = good[owner]
        events = EventColumns.of(new_row[owner[keep]], code[keep], value[keep], at[keep])
        columns = TicketColumns(self.received[good], self.severity[good], events)
        return ZendeskData(
            plan=self.plan,
            ids=tuple(i for i, g in zip(self.ids, good.tolist(), strict=True) if g),
            columns=columns,
            problems=tuple(self.problems),
            left_out=dict(self.left_out),
            backend=self.backend,
        )


def _calendar_name(sid: str) -> str:
    safe = "".join(c if c.isalnum() else "_" for c in sid.lower())
    return f"schedule_{safe}"


def _datetimes(us: npt.NDArray[np.int64]) -> npt.NDArray[np.datetime64]:
    return np.asarray(us, dtype=I64).astype("datetime64[us]")
