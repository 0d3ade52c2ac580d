"""`Collector`: one helpdesk load's tickets, the events read from its other tables, and
every bad row, gathered into `HelpdeskData`.

Each helpdesk's reader (`zendesk`, `plain`) says which table and column holds what;
the collector owns what they share: ticket ids matched across tables by sorting,
rows before their ticket or after its close, priorities to severities, the
same-instant order of events, and `errors="raise"` or ``"mark"``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock.errors import ColumnError, InvalidRowsError
from slaclock.helpdesk.data import HelpdeskData
from slaclock.helpdesk.ids import id_text, locate, repeats, texts
from slaclock.helpdesk.problems import LoadProblem
from slaclock.helpdesk.tables import Table
from slaclock.helpdesk.timestamps import within_years
from slaclock.sla.columns import TicketColumns
from slaclock.sla.plan import ServicePlan
from slaclock.sla.refusals import outside_years, outside_years_reason
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.timeline import Code, EventColumns, after_close, event_order

__all__ = ["Collector", "check_options", "severity_reader"]

I64 = np.int64
#: At one instant: calendar, priority, comment, status (an agent who replies and solves
#: in one update replies first); 0-3, so that instant * 4 + rank sorts both.
_RANK = np.zeros(int(max(Code)) + 1, dtype=I64)
_RANK[[Code.CALENDAR, Code.CLASSIFIED, Code.MESSAGE, Code.STATUS]] = [0, 1, 2, 3]
STATUS_NAMES = ", ".join(s.value for s in TicketStatus)
NO_PRIORITY = "the ticket has no priority; pass unprioritized=1-4 (--unprioritized) to give one"


class Collector:
    """The tickets of one load and what has been found about them so far."""

    def __init__(
        self,
        tables: Sequence[str],
        ticket: Table,
        gone: npt.NDArray[np.bool_],
        severity_of: Callable[[object], int],
        priority_names: str,
    ) -> None:
        """`ticket` is the tickets table (``id``, ``created_at``); `gone` marks deleted
        tickets; `severity_of` reads a priority (0: not one), `priority_names` names them."""
        self.tables, self.ticket_table = tuple(tables), ticket.name
        self.severity_of, self.priority_names = severity_of, priority_names
        self.problems: list[LoadProblem] = []
        self.bad: dict[int, LoadProblem] = {}
        self.left_out: dict[str, int] = defaultdict(int)
        self.parts: list[tuple[npt.NDArray[np.int64], ...]] = []
        self.left_out[ticket.name] += int(gone.sum())
        keys = ticket.keys("id")
        self.gone_keys = keys[gone]
        self.keep = np.flatnonzero(~gone)
        self.keys = keys[self.keep]
        self.ids = texts(self.keys)
        at, missing = ticket.instants("created_at")
        self.received = at[self.keep]
        missing = missing | ~within_years(at)
        self.severity = np.zeros(len(self.ids), dtype=np.int8)
        rows = self.keep + 1
        no_id = self.keys == "" if self.keys.dtype == object else np.zeros(len(rows), bool)
        self.report(ticket.name, rows, no_id, "the ticket id is missing")
        # Every row of a repeated id is bad: which one the other tables mean is unknown.
        again = repeats(self.keys)
        shared = np.zeros(len(rows), dtype=bool)
        if again.any():  # (the usual table has none)
            shared = np.isin(self.keys.astype(str), self.keys[again].astype(str))
        self.report(ticket.name, rows, shared & ~no_id, "the ticket id repeats")
        self.report(
            ticket.name, rows, missing[self.keep], "created_at is missing or not a timestamp"
        )

    def __len__(self) -> int:
        return len(self.ids)

    def ticket_rows(self) -> npt.NDArray[np.int64]:
        """Each row of the tickets table as a ticket (-1: deleted), for `report`."""
        owner = np.full(len(self.keep) + len(self.gone_keys), -1, dtype=I64)
        owner[self.keep] = np.arange(len(self.keep))
        return owner

    def unreadable(
        self,
        table: Table,
        column: str,
        where: npt.NDArray[np.bool_],
        owner: npt.NDArray[np.int64],
    ) -> None:
        """Rows whose `column` is neither true nor false (`Table.truth`): bad rows, as a
        flag is never guessed."""
        lines = np.arange(1, len(table) + 1, dtype=I64)
        why = f"{column} is not true or false"
        self.report(
            table.name, lines, where, lambda k: f"{why} ({table.cell(column, k)!r})", owner
        )

    def received_of(self, owner: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The creation of each row's ticket (0 where it has none, -1)."""
        out: npt.NDArray[np.int64] = np.r_[self.received, 0][owner]
        return out

    # -- problems -----------------------------------------------------------------------------

    def report(
        self,
        table: str,
        lines: npt.NDArray[np.int64],
        where: npt.NDArray[np.bool_],
        reason: str | Callable[[int], str],
        owner: npt.NDArray[np.int64] | None = None,
        ids: npt.NDArray[Any] | None = None,
    ) -> None:
        """A problem for each row where `where` holds: its line, its ticket (`owner`; the
        ticket's own row when None; -1 for none, then the row's id in `ids` names it)
        and the reason (text, or a function of the row)."""
        for k in np.flatnonzero(where).tolist():
            t = k if owner is None else int(owner[k])
            why = reason if isinstance(reason, str) else reason(k)
            shown = self.ids[t] if t >= 0 else (str(ids[k]) if ids is not None else "")
            problem = LoadProblem(table, int(lines[k]), shown, why)
            if t >= 0:
                self.flag(t, problem)
            else:
                self.problems.append(problem)

    # -- rows of other tables -----------------------------------------------------------------

    def owners(
        self, table: Table, keep: npt.NDArray[np.bool_], at_name: str, id_name: str = "ticket_id"
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """Per row of `table`: its ticket (-1: none), its instant, and whether to use it.
        Rows of unknown tickets, missing instants and instants before the ticket's
        creation are reported; rows of deleted tickets are left out."""
        keys = table.keys(id_name)
        owner = locate(keys, self.keys)
        if keys.dtype == object:
            owner[keys == ""] = -1  # a missing id names no ticket, not one without an id
        at, missing = table.instants(at_name)
        missing = missing | ~within_years(at)
        lines = np.arange(1, len(table) + 1, dtype=I64)
        orphan = keep & (owner < 0)
        deleted = orphan & (locate(keys, self.gone_keys) >= 0)
        self.left_out[table.name] += int(deleted.sum())
        why = f"the ticket is not in the {self.ticket_table} table"
        no_id = orphan & (keys == "") if keys.dtype == object else np.zeros(len(keys), bool)
        self.report(table.name, lines, no_id, f"{id_name} is missing", owner, keys)
        self.report(table.name, lines, orphan & ~deleted & ~no_id, why, owner, keys)
        use = keep & ~orphan
        self.report(
            table.name, lines, use & missing, f"{at_name} is missing or not a timestamp", owner
        )
        use &= ~missing
        early = use & (at < self.received_of(owner))
        self.report(
            table.name, lines, early, f"{at_name} is before the ticket's created_at", owner
        )
        return owner, at, use & ~early

    def add(
        self,
        table: str,
        code: Code,
        owner: npt.NDArray[np.int64],
        at: npt.NDArray[np.int64],
        value: npt.NDArray[np.int64],
        use: npt.NDArray[np.bool_],
    ) -> None:
        """Events of kind `code` from the rows of `table` where `use` holds."""
        rows = np.flatnonzero(use)
        n = len(rows)
        self.parts.append(
            (
                owner[rows].astype(I64),
                np.full(n, code, I64),
                at[rows].astype(I64),
                np.asarray(value, I64)[rows],
                rows.astype(I64),
                np.full(n, self.tables.index(table), I64),
            )
        )

    def severities(
        self, table: Table, column: str
    ) -> tuple[npt.NDArray[np.int64], Callable[[int], str]]:
        """Each row's severity by its priority in `column` (0: none, or not one), and the
        reason a row has none (for `report`)."""
        if table.has(column):
            distinct, codes = table.factor(column)
        else:
            distinct, codes = [], np.full(len(table), -1, dtype=I64)
        found = np.array([*map(self.severity_of, distinct), self.severity_of(None)], dtype=I64)

        def why(k: int) -> str:
            text = str(distinct[codes[k]]).strip() if codes[k] >= 0 else ""
            if not text:
                return NO_PRIORITY
            return f"priority {text!r} is not one of {self.priority_names}"

        return found[codes], why

    def statuses(
        self,
        table: Table,
        column: str,
        owner: npt.NDArray[np.int64],
        at: npt.NDArray[np.int64],
        use: npt.NDArray[np.bool_],
    ) -> None:
        """Status events from the rows in `use`; a status nobody knows is a bad row."""
        distinct, codes = table.factor(column)
        found = np.array([*map(TicketStatus.code_of, distinct), -1], dtype=I64)
        code = found[codes]
        unknown = use & (code < 0)
        shown = [*distinct, None]
        self.report(
            table.name, np.arange(1, len(table) + 1), unknown,
            lambda k: f"status {shown[codes[k]]!r} is not one of {STATUS_NAMES}", owner,
        )  # fmt: skip
        self.add(table.name, Code.STATUS, owner, at, code, use & ~unknown)

    def reclassified(
        self,
        table: Table,
        column: str,
        owner: npt.NDArray[np.int64],
        at: npt.NDArray[np.int64],
        use: npt.NDArray[np.bool_],
    ) -> None:
        """Priority changes as classified events from the rows in `use`; a priority that
        is not one is a bad row."""
        table.need(column)  # a table of changes without the column is not "no priority"
        sev, why = self.severities(table, column)
        self.report(table.name, np.arange(1, len(table) + 1), use & (sev == 0), why, owner)
        self.add(table.name, Code.CLASSIFIED, owner, at, sev, use & (sev > 0))

    def flag(self, t: int, problem: LoadProblem) -> None:
        """`problem`, found on ticket row `t` (the first one leaves the ticket out)."""
        self.problems.append(problem)
        self.bad.setdefault(t, problem)

    # -- the result ---------------------------------------------------------------------------

    def result(self, errors: str, plan: ServicePlan, backend: Any, source: str) -> HelpdeskData:
        """The good tickets and their events, in the order the rules read them; rows after a
        ticket's close, and tickets created outside the plan's calendar's years, are bad
        rows too."""
        owner, code, at, value, row, table = (
            np.concatenate([p[j] for p in self.parts]) if self.parts else np.zeros(0, I64)
            for j in range(6)
        )
        why = "created " + outside_years_reason(plan.calendar)
        for t in np.flatnonzero(outside_years(plan.calendar, self.received)).tolist():
            if t not in self.bad:
                line = int(self.keep[t]) + 1
                self.flag(t, LoadProblem(self.ticket_table, line, self.ids[t], why))
        after = np.flatnonzero(after_close(len(self.ids), owner, code, value, at))
        for k in after[np.lexsort((row[after], table[after]))].tolist():
            t = int(owner[k])
            name, line = self.tables[int(table[k])], int(row[k]) + 1
            self.flag(
                t, LoadProblem(name, line, self.ids[t], "the row follows the ticket's close")
            )
        if self.problems and errors == "raise":
            shown = "; ".join(str(p) for p in self.problems[:5])
            more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
            raise InvalidRowsError(
                f"{len(self.problems)} bad row(s) in the {source} tables: {shown}{more}. Fix "
                "them, or pass errors='mark' to leave their tickets out and list them in "
                "the result's problems.",
                [
                    {"table": p.table, "row": p.line, "ticket_id": p.ticket_id, "reason": p.reason}
                    for p in self.problems
                ],
            )
        good = np.ones(len(self.ids), dtype=bool)
        good[list(self.bad)] = False
        new_row = np.cumsum(good) - 1
        if not good.all():
            keep = np.flatnonzero(good[owner])
            owner, code, value, at = (a[keep] for a in (owner, code, value, at))
        # By ticket, instant, then the same-instant rank, stable: each part holds one kind
        # of one table in row order, so ties keep the tables' row order. (Instants are
        # within years 1-9999, about 2**58 us: times 4 stays within int64.)
        order = event_order(owner, len(self.ids), at * 4 + _RANK[code])
        owner, code, value, at = (a[order] for a in (owner, code, value, at))
        events = EventColumns.of(new_row[owner], code, value, at)
        return HelpdeskData(
            plan=plan,
            ids=tuple(np.array(self.ids, object)[good].tolist()),
            columns=TicketColumns(self.received[good], self.severity[good], events),
            problems=tuple(self.problems),
            left_out=dict(self.left_out),
            backend=backend,
        )


def check_options(errors: object, unprioritized: object) -> None:
    """`errors` and `unprioritized` as every loader takes them, or a `ColumnError`."""
    if errors not in ("raise", "mark"):
        raise ColumnError(f"errors must be 'raise' or 'mark', got {errors!r}.")
    if unprioritized is not None and unprioritized not in (1, 2, 3, 4):
        raise ColumnError(f"unprioritized must be a severity 1-4 or None, got {unprioritized!r}.")


def severity_reader(
    names: Mapping[str, int], unprioritized: int | None
) -> Callable[[object], int]:
    """A priority's severity by `names` (0: not one); a missing one is `unprioritized`.
    A whole-number float (a column with a blank, as pandas reads it) is its integer."""

    def severity_of(value: object) -> int:
        text = id_text(value).lower()
        if not text:
            return unprioritized or 0
        return names.get(text, 0)

    return severity_of
