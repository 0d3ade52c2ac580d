"""Where tickets enter the column rules: one ticket as a table of one row (`evaluate`
and `explain_metric` both start here, so a ticket is checked and read the same way),
and the metrics of any rows, one ticket's or a table's (`measure`)."""

from __future__ import annotations

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
    """The ticket's metrics, from its own attributes (see `measure`)."""
    attributes = TicketAttributes(
        tier=[plan.tier], customer=[ticket.customer], product=[ticket.product],
        channel=[ticket.channel], tags=[ticket.tags],
    )  # fmt: skip
    return measure(columns, attributes, now_us, plan, metrics, policies)


def measure(
    columns: TicketColumns,
    attributes: TicketAttributes,
    now_us: int,
    plan: ServicePlan,
    metrics: tuple[Metric, ...],
    policies: tuple[Policy, ...],
) -> tuple[tuple[MetricColumns, ...], Steps]:
    """The metrics of tickets evaluated under `plan`: each metric's targets are the ones
    the policy their attributes select sets, else the plan's, else its own; and what
    happened at each event. One ticket and a table's rows both come here."""
    timeline = Timeline.of(columns.received, columns.severity, columns.events, now_us)
    chosen = select_policies(policies, attributes, timeline.severity)
    return metric_steps(timeline, with_plan_targets(metrics, plan), plan.engines, policies, chosen)
