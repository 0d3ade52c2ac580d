"""Where tickets enter the column rules: one ticket as a table of one row (`evaluate`
and `explain_metric` both start here, so a ticket is checked and read the same way),
and the metrics of any rows, one ticket's or a table's (`measure`), a block of tickets
at a time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock._time import to_us
from slaclock.sla.columns import TicketColumns
from slaclock.sla.metric import Metric, with_plan_targets
from slaclock.sla.metric_columns import metric_steps
from slaclock.sla.metric_cycles import PER_TICKET, CycleColumns, MetricColumns, Steps
from slaclock.sla.metric_timeline import Timeline
from slaclock.sla.plan import ServicePlan
from slaclock.sla.policy import Policy, TicketAttributes, select_policies
from slaclock.sla.refusals import received_after_now, received_after_now_error
from slaclock.sla.ticket import Ticket
from slaclock.sla.timeline import history_columns

__all__ = ["measure", "one_row", "ticket_metrics"]


def one_row(ticket: Ticket, now_us: int, plan: ServicePlan) -> TicketColumns:
    """The ticket's columns under `plan`, refused first if it was received beyond the
    supported years or after `now`."""
    at = to_us(ticket.received)
    plan.calendar.engine.span(at, "received")  # beyond the supported years: that error first
    if received_after_now(at, now_us):
        raise received_after_now_error(ticket.id, at, now_us, plan.calendar.zone)
    return TicketColumns(
        np.array([at], dtype=np.int64),
        np.array([int(ticket.priority.severity)], dtype=np.int8),
        history_columns([ticket.history], plan.calendar_names, [ticket.id]),
    )


def ticket_metrics(
    ticket: Ticket,
    columns: TicketColumns,
    now_us: int,
    plan: ServicePlan,
    metrics: tuple[Metric, ...],
    policies: tuple[Policy, ...],
) -> tuple[tuple[MetricColumns, ...], Steps]:
    """The ticket's metrics, from its own attributes (see `measure`), and what happened
    at each of its events."""
    attributes = TicketAttributes(
        tier=[plan.tier], customer=[ticket.customer], product=[ticket.product],
        channel=[ticket.channel], tags=[ticket.tags],
    )  # fmt: skip
    return _measure(columns, attributes, now_us, plan, metrics, policies)


#: About this many events (with each ticket's receipt) are evaluated together: a block's
#: arrays stay in a core's cache, and its temporaries are memory the allocator reuses
#: rather than fresh pages the kernel must map. 200,000 Zendesk-shaped tickets (2.6
#: million rows) took 1.33x the time of blocks of 2**15 at once (1.42x in the median),
#: and 1.06x and 1.01x in blocks of 2**14 and 2**16 events (fastest of 5, one run).
BLOCK_EVENTS = 1 << 15


def measure(
    columns: TicketColumns,
    attributes: TicketAttributes,
    now_us: int,
    plan: ServicePlan,
    metrics: tuple[Metric, ...],
    policies: tuple[Policy, ...],
) -> tuple[MetricColumns, ...]:
    """The metrics of tickets evaluated under `plan`: each metric's targets are the ones
    the policy their attributes select sets, else the plan's, else its own. One ticket
    and a table's rows both come here; a table is evaluated in blocks of whole tickets
    of about `BLOCK_EVENTS` events, whose results are joined (a ticket's result depends
    only on its own events)."""
    if not metrics:
        return ()
    n = len(columns)
    rows = np.bincount(columns.events.ticket, minlength=n) + 1  # a ticket's events, receipt
    group = (np.cumsum(rows) - 1) // BLOCK_EVENTS
    bounds = [0, *(np.flatnonzero(group[1:] != group[:-1]) + 1).tolist(), n]
    if len(bounds) == 2:  # one block
        return _measure(columns, attributes, now_us, plan, metrics, policies)[0]

    def block(a: int, b: int) -> tuple[MetricColumns, ...]:
        given = (columns.block(a, b), attributes.rows(a, b))
        return _measure(*given, now_us, plan, metrics, policies)[0]

    parts = ((a, block(a, b)) for a, b in itertools.pairwise(bounds))  # one at a time
    return _joined(parts, n)


def _joined(parts: Iterator[tuple[int, tuple[MetricColumns, ...]]], n: int) -> (
    tuple[MetricColumns, ...]
):  # fmt: skip
    """The metrics of consecutive blocks of tickets (each with its first ticket), as if
    evaluated at once. Each block's per-ticket values are copied into the whole table's
    columns as it comes, so that no block's are kept (its memory is reused by the next);
    the cycles are joined at the end."""
    first_tickets: list[int] = []
    cycles: list[list[CycleColumns]] = []
    columns: dict[str, npt.NDArray[Any]] = {}
    policy = np.empty(n, dtype=np.int64)
    made: tuple[MetricColumns, ...] = ()
    for a, part in parts:
        if not made:
            made = part
            cycles = [[] for _ in part]
            columns = {
                name: np.empty((len(part), n), dtype=getattr(part[0], name).dtype)
                for name in PER_TICKET
            }
        b = a + len(part[0].state)
        for k, found in enumerate(part):
            for name, column in columns.items():
                column[k, a:b] = getattr(found, name)
            cycles[k].append(found.all_cycles)
        policy[a:b] = part[0].policy
        first_tickets.append(a)
    return tuple(
        MetricColumns(
            metric=m.metric,
            **{name: column[k] for name, column in columns.items()},
            all_cycles=CycleColumns.concat(cycles[k], first_tickets),
            has_targets=m.has_targets,
            policy=policy,
        )
        for k, m in enumerate(made)
    )


def _measure(
    columns: TicketColumns,
    attributes: TicketAttributes,
    now_us: int,
    plan: ServicePlan,
    metrics: tuple[Metric, ...],
    policies: tuple[Policy, ...],
) -> tuple[tuple[MetricColumns, ...], Steps]:
    """`measure` at once, with what happened at each event."""
    timeline = Timeline.of(columns.received, columns.severity, columns.events, now_us)
    chosen = select_policies(policies, attributes, timeline.severity)
    return metric_steps(timeline, with_plan_targets(metrics, plan), plan.engines, policies, chosen)
