"""The plain layout: any helpdesk's tickets, status history and comments, in four
tables a Jira Service Management, ServiceNow or Freshdesk export reduces to (see
docs/helpdesks.md for the columns and a worked example of each).

- ``tickets``: ``id``, ``created_at``, ``priority`` (1-4; critical, major, minor,
  informational; or urgent, high, normal, low);
- ``statuses``: ``ticket_id``, ``at``, ``status`` (new, open, pending, hold, solved,
  closed: Zendesk's names, onto which the other helpdesks' statuses map);
- ``comments``: ``ticket_id``, ``at``, ``author`` (agent or customer), and
  ``public`` (true when absent);
- ``priorities`` (optional): ``ticket_id``, ``at``, ``priority``: changes after the
  creation, as classified events.

Any table may have a ``deleted`` column: its true rows are left out and counted, a
deleted ticket with its rows. The rules, the same-instant order and the bad-row
checks are those of the Zendesk tables (`slaclock.helpdesk.collect`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from slaclock.errors import ColumnError
from slaclock.helpdesk.collect import Collector, check_options, severity_reader
from slaclock.helpdesk.data import HelpdeskData
from slaclock.helpdesk.tables import Table, read_tables
from slaclock.sla.plan import ServicePlan, plan_or_basic
from slaclock.sla.timeline import AGENT, PUBLIC, Code

__all__ = ["PRIORITIES", "TABLES", "load"]

I64 = np.int64
TABLES = ("tickets", "statuses", "comments", "priorities")
#: The priorities the layout takes, as severities.
PRIORITIES = {
    **{str(k): k for k in (1, 2, 3, 4)},
    **{"critical": 1, "major": 2, "minor": 3, "informational": 4},
    **{"urgent": 1, "high": 2, "normal": 3, "low": 4},
}
AUTHORS = {"agent": AGENT, "customer": 0}


def load(
    tables: Mapping[str, Any],
    *,
    plan: ServicePlan | None = None,
    errors: Literal["raise", "mark"] = "raise",
    unprioritized: int | None = None,
) -> HelpdeskData:
    """Read the plain layout's tables (a mapping of table name to any DataFrame; a folder
    is read by `slaclock.plain.load`), measured on `plan`'s calendar and targets (None:
    the Basic plan).
    `unprioritized` is the severity of a ticket without a priority; None refuses such
    tickets as bad rows."""
    check_options(errors, unprioritized)
    plan = plan_or_basic(plan)
    read = read_tables(tables, TABLES)
    if "tickets" not in read:
        raise ColumnError("the plain layout needs a 'tickets' table (id, created_at, priority).")
    tickets = read["tickets"]
    gone, odd = tickets.truth("deleted")
    rows = Collector(
        TABLES,
        tickets,
        gone,
        severity_reader(PRIORITIES, unprioritized),
        "1-4, critical, major, minor, informational, urgent, high, normal or low",
    )
    rows.unreadable(tickets, "deleted", odd, rows.ticket_rows())
    sev, why = rows.severities(tickets, "priority")
    rows.severity[:] = sev[rows.keep]
    no_priority = np.zeros(len(tickets), dtype=bool)
    no_priority[rows.keep] = sev[rows.keep] == 0
    lines = np.arange(1, len(tickets) + 1, dtype=I64)
    rows.report(tickets.name, lines, no_priority, why, rows.ticket_rows())
    if "priorities" in read:
        table = read["priorities"]
        rows.reclassified(table, "priority", *_rows(rows, table))
    if "statuses" in read:
        table = read["statuses"]
        rows.statuses(table, "status", *_rows(rows, table))
    if "comments" in read:
        _comments(rows, read["comments"])
    return rows.result(errors, plan, tickets.backend, "plain")


def _rows(
    rows: Collector, table: Table
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Each row's ticket, instant and whether to use it (deleted rows left out, and rows
    whose ``deleted`` is neither true nor false reported)."""
    deleted, odd = table.truth("deleted")
    rows.left_out[table.name] += int(deleted.sum())
    owner, at, use = rows.owners(table, ~deleted, "at")
    rows.unreadable(table, "deleted", use & odd, owner)
    return owner, at, use & ~odd


def _comments(rows: Collector, table: Table) -> None:
    """Comments as message events by ``agent`` or ``customer``; any other author is a
    bad row."""
    owner, at, use = _rows(rows, table)
    distinct, codes = table.factor("author")
    names = [str(v).strip().lower() for v in distinct]
    bits = np.array([AUTHORS.get(n, -1) for n in names] + [-1], dtype=I64)[codes]
    if table.has("public"):
        public, unclear = table.truth("public", null=None)
        rows.unreadable(table, "public", use & unclear, owner)
        use = use & ~unclear
    else:
        public = np.ones(len(table), dtype=bool)
    shown = [*distinct, None]
    rows.report(
        table.name, np.arange(1, len(table) + 1), use & (bits < 0),
        lambda k: f"author {shown[codes[k]]!r} is not agent or customer", owner,
    )  # fmt: skip
    value = bits | np.where(public, PUBLIC, 0)
    rows.add(table.name, Code.MESSAGE, owner, at, value, use & (bits >= 0))
