"""SLA status of a ticket at an instant: target, deadline, time used, state, warnings.

Deterministic and free of I/O: the caller passes `now`. Only events at or
before `now` count, so a status is a pure function of the ticket and `now`
(what-if studies can replay any instant).

The rules, in the order `evaluate` applies them:

1. The clock stops at the first response, at resolution or closure, or when
   the case is handed to the vendor (vendor escalation without follow-up, or
   the severity-1 vendor-direct choice).
2. The target is the confirmed severity's (the requested one until L1
   confirms), measured from receipt; `ServicePlan.restart_clock_on_reclassification`
   measures it from the latest classification instead. A reclassification
   counts only while the clock is live: before the stop and before the
   deadline in force has passed. After that the outcome is settled, so met and
   breached are final.
3. Pauses (plans with `pausing_allowed` only) take their open time out of the
   clock and push the deadline later by as much.
4. Met if the clock stopped at or before the deadline (handed to vendor if it
   stopped by a hand-over); breached once the stop, or `now`, is past it; the
   breach instant is the deadline itself. Paused while a pause is open.
5. A ticket not entitled when received (contract given) is NOT_ENTITLED. A
   ticket received while covered keeps its deadline even if maintenance ends.

The rules are written once, over columns (`slaclock.sla.columns`): `evaluate`
reads one ticket as a table of one row, as `evaluate_frame` reads a table.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Annotated, Any

import numpy as np
from pydantic import AfterValidator, Field

from slaclock import _text as short
from slaclock._checks import require, shorten
from slaclock._model import BusinessTime, FrozenModel
from slaclock._time import from_us, to_us
from slaclock.errors import EntitlementError, TicketEventError
from slaclock.sla.columns import evaluate_columns, not_entitled
from slaclock.sla.contract import Contract
from slaclock.sla.display import status_html
from slaclock.sla.findings import Finding, FindingCode
from slaclock.sla.metric import Metric, metric_tuple
from slaclock.sla.metric_status import MetricMap, MetricStatus, metric_statuses
from slaclock.sla.one_ticket import one_row, ticket_metrics
from slaclock.sla.outcome import LEVELS, STATES, SlaState
from slaclock.sla.plan import ServicePlan, basic_plan
from slaclock.sla.policy import Policy, policy_tuple
from slaclock.sla.severity import Severity
from slaclock.sla.support import SupportLevel
from slaclock.sla.ticket import Ticket

__all__ = [
    "SlaState",
    "SlaStatus",
    "entitlement_findings",
    "evaluate",
    "not_entitled_findings",
]


class SlaStatus(FrozenModel):
    """A ticket's first-response SLA at one instant."""

    ticket_id: str = Field(description="The ticket's id.")
    now: datetime = Field(description="The instant evaluated at, in the calendar's zone.")
    state: SlaState = Field(
        description="running, paused, met, breached, not_entitled or handed_to_vendor."
    )
    severity: Severity = Field(
        description="The severity whose target applies (1 critical - 4 informational). It "
        "can differ from the ticket's latest classification when L1 reclassified after the "
        "outcome was settled."
    )
    severity_confirmed: bool = Field(description="Whether L1 confirmed (or set) the severity.")
    level: SupportLevel = Field(description="Who holds the case: L1, L2 or vendor.")
    target: BusinessTime = Field(description="The first-response target (business time).")
    clock_start: datetime | None = Field(
        description="Where the clock started: receipt, or the next opening (None if not entitled)."
    )
    deadline: datetime | None = Field(
        description="When the first response is due (None if not entitled). While paused it "
        "moves later with `now`: the pause's open time is added as it passes."
    )
    elapsed: BusinessTime = Field(description="Business time the clock has run, pauses out.")
    remaining: BusinessTime = Field(description="target - elapsed (negative once breached).")
    fraction_used: float = Field(
        description="Share of the target used: elapsed / target (1.0 when the target is 0)."
    )
    warnings: tuple[int, ...] = Field(
        description="Warning thresholds (percent of target) reached, from the plan's "
        "warning_percents."
    )
    breach_at: datetime | None = Field(description="The deadline, once breached; else None.")
    stopped_at: datetime | None = Field(
        description="When the clock stopped (first response, resolution, closure or "
        "hand-over to the vendor); None while it runs."
    )
    problems: tuple[Finding, ...] = Field(
        default=(), description="Why the ticket was not entitled at receipt (empty if it was)."
    )
    provisional_years: tuple[int, ...] = Field(
        default=(),
        description="Years whose decreed holidays may be missing from the data: the deadline "
        "may move when they are decreed.",
    )
    metrics: Annotated[dict[str, MetricStatus], AfterValidator(MetricMap)] = Field(
        default_factory=MetricMap,
        description="The metrics asked for (evaluate's `metrics`), by name: each clock's last "
        "cycle and every cycle.",
    )

    @property
    def breached(self) -> bool:
        """Whether the target was missed."""
        return self.state is SlaState.BREACHED

    def __repr__(self) -> str:
        named = {"state": self.state.value, "severity": str(self.severity.value)}
        if self.deadline is not None:
            named["deadline"] = short.instant(self.deadline)
        named["used"] = (
            f"{100 * self.fraction_used:.0f}% ({short.duration(self.elapsed)} of "
            f"{short.duration(self.target)})"
        )
        if self.problems:
            named["problems"] = short.value(tuple(p.code for p in self.problems))
        return short.call("SlaStatus", short.text(self.ticket_id), named=named)

    def _repr_html_(self) -> str:
        return status_html(self)

    def as_record(self) -> dict[str, Any]:
        """A flat dict (one row of a DataFrame): enums as their values, problems as text."""
        row = {name: getattr(self, name) for name in type(self).model_fields}
        row["state"] = self.state.value
        row["severity"] = self.severity.value
        row["level"] = self.level.value
        row["problems"] = "; ".join(str(p) for p in self.problems)
        del row["metrics"]
        return row


def entitlement_findings(
    customer: str,
    product: str,
    email: str,
    received: datetime,
    contract: Contract | None,
    plan: ServicePlan,
) -> tuple[Finding, ...]:
    """Why a request was not entitled when received (empty if it was)."""
    if contract is None:
        return (
            Finding(
                code=FindingCode.NO_CONTRACT,
                message=f"no contract for customer {customer!r}; on-board it first.",
            ),
        )
    return contract.entitlement(product, email, received, plan.calendar.zone).problems


def not_entitled_findings(
    ticket: Ticket, contract: Contract | None, plan: ServicePlan
) -> tuple[Finding, ...]:
    """Why the ticket was not entitled at receipt (empty if it was)."""
    return entitlement_findings(
        ticket.customer,
        ticket.product,
        ticket.requester_for("the entitlement check").email if contract is not None else "",
        ticket.received,
        contract,
        plan,
    )


#: The fields `evaluate` sets, as a validated status records them.
_SET = frozenset(SlaStatus.model_fields)
_SET_WITHOUT_METRICS = _SET - {"metrics"}


def evaluate(
    ticket: Ticket,
    now: datetime,
    plan: ServicePlan | None = None,
    contract: Contract | None = None,
    *,
    metrics: Metric | Iterable[Metric] = (),
    policies: Policy | Iterable[Policy] = (),
) -> SlaStatus:
    """The ticket's first-response SLA at `now` under `plan` (None: the Basic plan).

    Give `contract` to check entitlement at receipt (product covered,
    maintenance in force, requester designated): if it fails the state is
    NOT_ENTITLED with the reasons in `problems`. Give `metrics` (for example
    `ZENDESK_METRICS`) for more clocks: `SlaStatus.metrics[name]`, evaluated by
    the same column rules as `evaluate_frame` (the ticket as a table of one row);
    `policies` (in order, the first matching applies) set their targets.
    """
    asked = metric_tuple(metrics)
    rules = policy_tuple(policies)
    require(ticket, Ticket, "ticket")
    now_us = to_us(now, "now")
    require(
        plan,
        (ServicePlan, type(None)),
        "plan",
        "pass a ServicePlan such as BASIC_PLAN or catalog.get(tier), or None for Basic.",
    )
    require(contract, (Contract, type(None)), "contract")
    plan = basic_plan() if plan is None else plan
    if contract is not None and contract.customer != ticket.customer:
        raise EntitlementError(
            f"ticket {shorten(ticket.id)} is {shorten(ticket.customer)}'s but the contract is "
            f"{shorten(contract.customer)}'s; pass the ticket customer's contract."
        )
    zone = plan.calendar.zone
    columns = one_row(ticket, now_us, plan)
    out = evaluate_columns(columns, now_us, plan)
    if out.refused[0]:
        raise TicketEventError(f"ticket {shorten(ticket.id)} {out.problem[0]}")
    target = int(out.target[0])
    common: dict[str, Any] = {
        "ticket_id": ticket.id,
        "now": from_us(now_us, zone),
        "severity": Severity(int(out.severity[0])),
        "severity_confirmed": bool(out.confirmed[0]),
        "level": LEVELS[out.level[0]],
        "target": timedelta(microseconds=target),
    }
    statuses = MetricMap()
    if asked:
        found, _ = ticket_metrics(ticket, columns, now_us, plan, asked, rules)
        statuses = MetricMap(metric_statuses(found, 0, zone, rules))
    problems = not_entitled_findings(ticket, contract, plan) if contract is not None else ()
    if problems:
        out = not_entitled(out, np.ones(1, dtype=bool))
    state = STATES[out.state[0]]
    clock, deadline, elapsed = int(out.clock_start[0]), int(out.deadline[0]), int(out.elapsed[0])
    clocked = state is not SlaState.NOT_ENTITLED  # no clock, no deadline otherwise
    deadline_at = from_us(deadline, zone) if clocked else None
    reached = int(out.warning[0])
    # Valid by construction: built, not validated again. Every field is given (a default
    # made by model_construct costs more than the rest of it), and the fields recorded
    # as set are those a validated status records (metrics only when asked).
    return SlaStatus.model_construct(
        _fields_set=set(_SET if asked else _SET_WITHOUT_METRICS),  # each status its own
        **common,
        metrics=statuses,
        state=state,
        clock_start=from_us(clock, zone) if clocked else None,
        deadline=deadline_at,
        elapsed=timedelta(microseconds=elapsed),
        remaining=timedelta(microseconds=int(out.remaining[0])),
        fraction_used=float(out.fraction_used[0]),
        warnings=tuple(p for p in plan.warning_percents if p <= reached),
        breach_at=deadline_at if state is SlaState.BREACHED else None,
        stopped_at=from_us(int(out.stop[0]), zone) if out.stopped[0] else None,
        provisional_years=(
            plan.calendar.provisional_years_us(clock, deadline) if out.provisional[0] else ()
        ),
        problems=problems,
    )
