"""`HelpdeskData`: a helpdesk's tickets read into slaclock's columns, as DataFrames for
`evaluate_frame` or measured straight from the columns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock._time import to_us
from slaclock.errors import MissingExtraError
from slaclock.helpdesk.problems import LoadProblem
from slaclock.sla.columns import TicketColumns
from slaclock.sla.metric import Metric, metric_tuple
from slaclock.sla.metric_cycles import MetricColumns
from slaclock.sla.one_ticket import measure
from slaclock.sla.plan import ServicePlan
from slaclock.sla.policy import Policy, TicketAttributes, policy_tuple
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.timeline import AGENT, PUBLIC, Code

__all__ = ["HelpdeskData"]

I64 = np.int64
#: The events table's kind of each event code (a description is a message).
_KINDS = {
    Code.CALENDAR: "calendar",
    Code.CLASSIFIED: "classified",
    Code.MESSAGE: "message",
    Code.DESCRIPTION: "message",
    Code.STATUS: "status",
}


@dataclass(frozen=True)
class HelpdeskData:
    """A helpdesk's tickets read into slaclock's tables (`slaclock.zendesk.load`,
    `slaclock.plain.load`)."""

    plan: ServicePlan
    #: Ticket ids (as text) of the good tickets, in the order of `columns`.
    ids: tuple[str, ...]
    #: Their received instants, severities and events, as int64 columns.
    columns: TicketColumns
    #: Every bad row found, by table and row (the first per ticket made it left out).
    problems: tuple[LoadProblem, ...]
    #: Soft-deleted rows (and deleted tickets) left out, per table.
    left_out: Mapping[str, int]
    #: The DataFrame library the tables came in (None: text columns of the csv module).
    backend: Any

    @cached_property
    def tickets(self) -> Any:
        """The good tickets: ``id``, ``received`` (UTC), ``severity``, as a DataFrame of
        the library the tables came in."""
        return self._frame(
            {
                "id": list(self.ids),
                "received": _datetimes(self.columns.received),
                "severity": self.columns.severity.astype(I64),
            }
        )

    @cached_property
    def events(self) -> Any:
        """Their events, one row each: ``ticket_id``, ``kind``, ``at`` (UTC) and the
        kind's own columns (``severity``, ``author``, ``public``, ``status``,
        ``calendar``), in the order `evaluate_frame` takes them."""
        ev = self.columns.events
        code, value = ev.code.astype(I64), ev.value.astype(I64)
        kinds = np.array([_KINDS.get(Code(c), "") for c in range(int(max(Code)) + 1)], object)
        message = (code == Code.MESSAGE) | (code == Code.DESCRIPTION)
        statuses = np.array([s.value for s in TicketStatus], object)  # in code order
        top = len(statuses) - 1
        names = np.array(self.plan.calendar_names, object)

        def where(is_: npt.NDArray[np.bool_], values: npt.NDArray[Any]) -> list[Any]:
            out = np.full(len(values), None, dtype=object)
            out[is_] = values[is_]
            return list(out.tolist())

        return self._frame(
            {
                "ticket_id": np.array(self.ids, object)[ev.ticket].tolist(),
                "kind": kinds[code].tolist(),
                "at": _datetimes(ev.at),
                "severity": where(code == Code.CLASSIFIED, value),
                "author": where(message, np.where(value & AGENT, "agent", "customer")),
                "public": where(message, (value & PUBLIC).astype(bool)),
                "status": where(code == Code.STATUS, statuses[np.clip(value, 0, top)]),
                "calendar": where(code == Code.CALENDAR, names[np.clip(value, 0, len(names) - 1)]),
            }
        )  # fmt: skip

    def _frame(self, data: dict[str, Any]) -> Any:
        """`data` as a DataFrame of the input's library, ``received`` / ``at`` in UTC."""
        if self.backend is None:
            raise MissingExtraError(
                "the tables were read without a DataFrame library, so no DataFrame can be "
                "made: pip install 'slaclock[pandas]' (or use HelpdeskData.measure)."
            )
        frame = nw.from_dict(data, backend=self.backend)
        at = "received" if "received" in data else "at"
        return frame.with_columns(nw.col(at).dt.replace_time_zone("UTC")).to_native()

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
        )


def _datetimes(us: npt.NDArray[np.int64]) -> npt.NDArray[np.datetime64]:
    return np.asarray(us, dtype=I64).astype("datetime64[us]")
