"""Where tickets enter the column rules: one ticket as a table of one row (`evaluate`
and `explain_metric` both start here, so a ticket is checked and read the same way),
and the metrics of any rows, one ticket's or a table's (`measure`), a block of tickets
at a time."""

from __future__ import annotations

import itertools

import numpy as np

from slaclock._time import to_us
from slaclock.sla.columns import TicketColumns
from slaclock.sla.metric import Metric, with_plan_targets
from slaclock.sla.metric_columns import metric_steps
from slaclock.sla.metric_cycles import MetricColumns, Steps
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
#: million rows) took 1.2x the time at once (median 1.7x), against 1.05x and 1.07x in
#: blocks of 2**14 and 2**16 events.
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
    parts = [
        _measure(columns.block(a, b), attributes.rows(a, b), now_us, plan, metrics, policies)[0]
        for a, b in itertools.pairwise(bounds)
    ]
    policy = np.concatenate([p[0].policy for p in parts])
    firsts = bounds[:-1]
    return tuple(
        MetricColumns.concat([p[k] for p in parts], firsts, policy) for k in range(len(metrics))
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
