"""Why a metric reads what it reads: its clock's timeline for one ticket, event by event.

Each step is an event of the ticket (its receipt first) and what it did to the clock
(started a cycle, paused it, resumed it, stopped, cancelled or reset it) with the
time counted so far in the cycle, and the instant a cycle went past its target, the
way ServiceNow's SLA timeline and Zendesk's metric events show a clock. Computed by
the same column rules as every metric (`metric_columns.metric_steps`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pydantic import Field

from slaclock import _html as h
from slaclock import _text as short
from slaclock._checks import require
from slaclock._model import BusinessTime, FrozenModel
from slaclock._time import from_us, to_us
from slaclock.sla.metric import Metric
from slaclock.sla.metric_status import MetricStatus, metric_statuses
from slaclock.sla.one_ticket import one_row, ticket_metrics
from slaclock.sla.plan import ServicePlan, plan_or_basic
from slaclock.sla.policy import Policy, policy_tuple
from slaclock.sla.ticket import Ticket, TicketEvent

__all__ = ["MetricExplanation", "MetricStep", "explain_metric"]


class MetricStep(FrozenModel):
    """One event and what it did to the clock."""

    at: datetime = Field(description="When (in the plan calendar's zone).")
    event: str = Field(description="The event: 'received', 'status pending', ...")
    clock: str = Field(description="What it did: 'started cycle 1', 'paused', ...; '' if nothing.")
    counted: BusinessTime = Field(description="Time counted in the cycle so far.")


class MetricExplanation(FrozenModel):
    """A metric's clock for one ticket: every step, and where it stands at `now`."""

    ticket_id: str
    now: datetime
    status: MetricStatus
    steps: tuple[MetricStep, ...]

    def __str__(self) -> str:
        s = self.status
        head = f"{s.name} for ticket {self.ticket_id} at {short.when(self.now)}: {s.state.value}"
        head += f", {short.duration(s.elapsed, spaced=True)} counted"
        if s.target is not None:
            head += f" of {short.duration(s.target, spaced=True)}"
        if s.policy is not None:
            head += f" (policy {s.policy})"
        lines = [head]
        for step in self.steps:
            lines.append(
                f"  {short.when(step.at):<27} {step.event:<28} {step.clock:<22} "
                f"{short.duration(step.counted, spaced=True)}"
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return short.call(
            "MetricExplanation",
            short.text(self.status.name),
            named={"ticket": short.text(self.ticket_id), "steps": str(len(self.steps))},
        )

    def _repr_html_(self) -> str:
        rows = [
            (short.when(s.at), s.event, s.clock, short.duration(s.counted, spaced=True))
            for s in self.steps
        ]
        title = f"{self.status.name}: ticket {self.ticket_id}, {self.status.state.value}"
        return h.block(
            h.table(["at", "event", "clock", "counted in the cycle"], rows),
            h.note(f"at {short.when(self.now)}"),
            title=title,
        )


def _describe(event: TicketEvent | None) -> str:
    if event is None:
        return "received"
    kind = event.kind
    if kind == "status":
        return f"status {event.status.value}"  # type: ignore[union-attr]
    if kind == "message":
        public = "public" if event.public else "private"  # type: ignore[union-attr]
        return f"{public} {event.author} message"  # type: ignore[union-attr]
    if kind == "escalated":
        return f"escalated to {event.to.value}"  # type: ignore[union-attr]
    if kind == "calendar":
        return f"calendar {event.calendar}"  # type: ignore[union-attr]
    if kind == "classified":
        return f"classified severity {int(event.severity)}"  # type: ignore[union-attr]
    return kind.replace("_", " ")


def explain_metric(
    ticket: Ticket,
    now: datetime,
    metric: Metric,
    plan: ServicePlan | None = None,
    *,
    policies: Policy | Iterable[Policy] = (),
) -> MetricExplanation:
    """The timeline of `metric`'s clock for `ticket` at `now` under `plan` (None: the
    Basic plan): each event, what it did to the clock, and the time counted so far."""
    require(ticket, Ticket, "ticket")
    require(metric, Metric, "metric", "pass one Metric, e.g. ZENDESK_METRICS[0].")
    plan = plan_or_basic(plan)
    rules = policy_tuple(policies)
    now_us = to_us(now, "now")
    zone = plan.calendar.zone
    columns = one_row(ticket, now_us, plan)
    results, steps = ticket_metrics(ticket, columns, now_us, plan, (metric,), rules)
    status = metric_statuses(results, 0, zone, rules)[metric.name]
    seen = [e for e in ticket.history if to_us(e.at) <= now_us]
    out: list[MetricStep] = []
    cycle = 0
    counted = 0
    in_void = False  # inside a cycle that is dropped: its end is not shown
    cycles = results[0].all_cycles
    breaches = sorted(
        (int(d), int(t))
        for d, t, b in zip(cycles.deadline, cycles.target, cycles.breached, strict=True)
        if b
    )
    j = int(steps.machine_of[0])  # the one metric's machine
    starts_void = dict(zip(steps.cycle_rows.tolist(), steps.void.tolist(), strict=True))
    for i in range(len(steps.at)):
        at = int(steps.at[i])
        while breaches and breaches[0][0] <= at:
            out.append(_breach(*breaches.pop(0), zone))
        did: list[str] = []
        shown = counted  # a cycle that ends here shows its total
        if steps.ends[j, i] and not in_void:
            did.append("cancelled" if steps.cancel[j, i] else "stopped")
        in_void = in_void and not steps.ends[j, i]
        if steps.begins[j, i]:
            if steps.new[j, i] and starts_void.get(i, False):
                did.append("no new cycle (it would end at once)")
                in_void = True
            elif steps.new[j, i]:
                cycle += 1
                counted = 0
                did.append(f"started cycle {cycle}")
            else:
                did.append(f"resumed cycle {cycle}")
        if steps.running[j, i] and not steps.begins[j, i]:
            before = steps.counted[0, i - 1] if i else False
            if before and not steps.counted[0, i]:
                did.append("paused")
            elif steps.counted[0, i] and not before:
                did.append("counting again")
        elif steps.begins[j, i] and not steps.counted[0, i]:
            did.append("paused")
        event = _describe(seen[i - 1] if i else None)
        out.append(
            MetricStep(
                at=from_us(at, zone),
                event=event,
                clock=", ".join(did),
                counted=timedelta(microseconds=shown if steps.ends[j, i] else counted),
            )
        )
        if steps.counted[0, i]:
            counted += steps.span(0, i)
    while breaches:
        out.append(_breach(*breaches.pop(0), zone))
    return MetricExplanation(
        ticket_id=ticket.id, now=from_us(now_us, zone), status=status, steps=tuple(out)
    )


def _breach(at_us: int, target_us: int, zone: ZoneInfo) -> MetricStep:
    """The step where a cycle's counted time reached its target."""
    return MetricStep(
        at=from_us(at_us, zone),
        event="target reached",
        clock="breached",
        counted=timedelta(microseconds=target_us),
    )
