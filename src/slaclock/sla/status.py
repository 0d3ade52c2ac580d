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

`slaclock.sla.columns` states the same rules over whole columns of tickets;
property tests hold the two equal.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Annotated, Any, overload
from zoneinfo import ZoneInfo

import numpy as np
from pydantic import AfterValidator, Field

from slaclock import _text as short
from slaclock._checks import require, shorten
from slaclock._model import BusinessTime, FrozenModel
from slaclock._time import from_us, to_us
from slaclock.calendar.engine import Column, Engine, Mask
from slaclock.errors import EntitlementError, ReceivedAfterNowError, TicketEventError
from slaclock.sla.contract import Contract
from slaclock.sla.display import status_html
from slaclock.sla.findings import Finding, FindingCode
from slaclock.sla.measures import fraction_used, warnings_reached
from slaclock.sla.metric import Metric, metric_tuple
from slaclock.sla.metric_columns import Timeline, evaluate_metrics
from slaclock.sla.metric_status import MetricMap, MetricStatus, metric_statuses
from slaclock.sla.plan import BASIC_PLAN, ServicePlan
from slaclock.sla.severity import Severity
from slaclock.sla.support import SupportLevel
from slaclock.sla.ticket import Classified, Ticket
from slaclock.sla.timeline import Kind, history_columns

__all__ = [
    "History",
    "PauseIndex",
    "SlaState",
    "SlaStatus",
    "entitlement_findings",
    "evaluate",
    "not_entitled_findings",
    "pausing_refused",
    "received_after_now",
    "received_after_now_error",
    "received_after_now_reason",
]


class SlaState(str, Enum):
    """Where a ticket stands against its first-response target."""

    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"
    NOT_ENTITLED = "not_entitled"
    HANDED_TO_VENDOR = "handed_to_vendor"


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


@dataclass(frozen=True, slots=True)
class History:
    """What a ticket's history says up to an instant, as the SLA rules read it."""

    #: (instant, severity) of each classification before the clock stopped.
    classifications: tuple[tuple[int, Severity], ...]
    #: When the clock stopped (first response, resolution, closure or hand-over).
    stop_us: int | None
    handed_over: bool
    level: SupportLevel
    #: (start, end) of each pause; end None while it lasts.
    pauses: tuple[tuple[int, int | None], ...]

    @classmethod
    def of(cls, ticket: Ticket, now_us: int) -> History:
        """Read the history of `ticket` up to `now_us` (events after it do not count)."""
        classifications: list[tuple[int, Severity]] = []
        stop_us: int | None = None
        handed = False
        level = SupportLevel.L1
        pauses: list[tuple[int, int | None]] = []
        kinds = history_columns([ticket.history]).kind.tolist() if ticket.history else []
        for event, kind in zip(ticket.history, kinds, strict=True):
            at = to_us(event.at)
            if at > now_us:
                break
            if kind == Kind.CLASSIFIED and stop_us is None:
                assert isinstance(event, Classified)
                classifications.append((at, event.severity))
            elif kind == Kind.TO_L2:
                level = SupportLevel.L2
            elif kind in (Kind.TO_VENDOR, Kind.HANDED_OVER):
                level = SupportLevel.VENDOR
            elif kind == Kind.PAUSED:
                if pauses and pauses[-1][1] is None:
                    raise TicketEventError(
                        f"ticket {ticket.id} is paused twice without a resume; add a Resumed "
                        "event between the two pauses."
                    )
                pauses.append((at, None))
            elif kind == Kind.RESUMED:
                if not pauses or pauses[-1][1] is not None:
                    raise TicketEventError(
                        f"ticket {ticket.id} resumes without being paused; remove the Resumed "
                        "event or add the Paused event before it."
                    )
                pauses[-1] = (pauses[-1][0], at)
            if kind in (Kind.STOPPED, Kind.HANDED_OVER) and stop_us is None:
                stop_us, handed = at, kind == Kind.HANDED_OVER
        return cls(tuple(classifications), stop_us, handed, level, tuple(pauses))


_NEVER = (1 << 63) - 1


class PauseIndex:
    """One ticket's pauses, indexed once: the deadline of a clock whose open time stops
    during them, as the pauses stood at any instant, costs O(log n) and three engine
    calls (a history of n pauses and reclassifications is linear, not quadratic)."""

    __slots__ = ("ends", "engine", "gaps", "starts")

    def __init__(self, engine: Engine, pauses: tuple[tuple[int, int | None], ...]) -> None:
        self.engine = engine
        self.starts = [a for a, _ in pauses]
        #: A pause still open never ends (it is clipped where it is seen).
        self.ends = [_NEVER if b is None else b for _, b in pauses]
        #: gaps[k]: the open time between the ends of pauses 1..k and the next starts.
        self.gaps = [0] * len(pauses)
        for k in range(1, len(pauses)):
            self.gaps[k] = self.gaps[k - 1] + engine.elapsed(self.ends[k - 1], self.starts[k])

    def deadline(self, start: int, target: int, at: int) -> int:
        """The deadline of a clock started at `start` for `target` open time, with the
        pauses as seen at `at`: later ones dropped, one still open at `at` ending there."""
        engine = self.engine
        seen = bisect_right(self.starts, at)
        first = bisect_right(self.ends, start, 0, seen)  # the first pause ending after start
        if first == seen - 1 and min(self.ends[first], at) <= start:
            first = seen
        if first >= seen:
            return engine.add(start, target)
        before = engine.elapsed(start, max(self.starts[first], start))
        if target <= before:
            return engine.add(start, target)
        # The first pause k after `first` whose gap before it holds what is left.
        base = self.gaps[first] - before
        k = bisect_left(self.gaps, target + base, first + 1, seen)
        if k < seen:
            return engine.add(self.ends[k - 1], target + base - self.gaps[k - 1])
        last = seen - 1
        return engine.add(min(self.ends[last], at), target + base - self.gaps[last])


def elapsed_with_pauses(
    engine: Engine, start: int, until: int, pauses: tuple[tuple[int, int | None], ...]
) -> int:
    """Open time from `start` to `until`, less the open time inside `pauses` (one still
    open lasts to `until`)."""
    if until <= start:
        return 0
    total = engine.elapsed(start, until)
    for a, b in pauses:
        a, b = max(a, start), until if b is None else min(b, until)
        if a < b:
            total -= engine.elapsed(a, b)
    return total


def deadline_in_force(
    index: PauseIndex, start: int, target: tuple[int, int | None], at: int
) -> int:
    """The deadline as it stood at instant `at` (never before a target's own deadline)."""
    us, not_before = target
    due = index.deadline(start, us, at)
    return due if not_before is None else max(due, not_before)


def pausing_refused(plan: ServicePlan) -> str:
    """Why a paused ticket is refused under a plan that does not allow pausing."""
    return (
        f"was paused, but the {shorten(plan.name)} plan does not allow pausing "
        "(pausing_allowed=False); remove the pause, or evaluate it with a plan that allows "
        "it: plan.model_copy(update={'pausing_allowed': True})."
    )


@overload
def received_after_now(received_us: int, now_us: int) -> bool: ...
@overload
def received_after_now(received_us: Column, now_us: int) -> Mask: ...
def received_after_now(received_us: int | Column, now_us: int) -> bool | Mask:
    """Rule 0: a ticket received after `now` cannot be evaluated at `now` (a skewed clock
    or a mistyped `now` would otherwise read as running, nothing used). One instant or a
    column of them; a bool or a mask."""
    return received_us > now_us


def received_after_now_reason(now: datetime) -> str:
    """Why a ticket received after `now` is refused, as a row's problem gives it."""
    return (
        f"is after now ({now.isoformat()}); a ticket is evaluated at or after its receipt: "
        "check the clock, or the now passed"
    )


def received_after_now_error(
    ticket_id: str, received_us: int, now_us: int, zone: ZoneInfo
) -> ReceivedAfterNowError:
    """The error for one ticket received after `now` (names the ticket, both instants)."""
    received = from_us(received_us, zone).isoformat()
    return ReceivedAfterNowError(
        f"ticket {shorten(ticket_id)}: received {received} "
        f"{received_after_now_reason(from_us(now_us, zone))}."
    )


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


def evaluate(
    ticket: Ticket,
    now: datetime,
    plan: ServicePlan | None = None,
    contract: Contract | None = None,
    *,
    metrics: Metric | Iterable[Metric] = (),
) -> SlaStatus:
    """The ticket's first-response SLA at `now` under `plan` (None: the Basic plan).

    Give `contract` to check entitlement at receipt (product covered,
    maintenance in force, requester designated): if it fails the state is
    NOT_ENTITLED with the reasons in `problems`. Give `metrics` (for example
    `ZENDESK_METRICS`) for more clocks: `SlaStatus.metrics[name]`, evaluated by
    the same column rules as `evaluate_frame` (the ticket as a table of one row).
    """
    asked = metric_tuple(metrics)
    require(ticket, Ticket, "ticket")
    now_us = to_us(now, "now")
    require(
        plan,
        (ServicePlan, type(None)),
        "plan",
        "pass a ServicePlan such as BASIC_PLAN or catalog.get(tier), or None for Basic.",
    )
    require(contract, (Contract, type(None)), "contract")
    plan = BASIC_PLAN if plan is None else plan
    if contract is not None and contract.customer != ticket.customer:
        raise EntitlementError(
            f"ticket {shorten(ticket.id)} is {shorten(ticket.customer)}'s but the contract is "
            f"{shorten(contract.customer)}'s; pass the ticket customer's contract."
        )
    engine = plan.calendar.engine
    zone = plan.calendar.zone
    received = to_us(ticket.received)
    engine.span(received, "received")  # beyond the supported years: that error first
    if received_after_now(received, now_us):
        raise received_after_now_error(ticket.id, received, now_us, zone)
    history = History.of(ticket, now_us)
    if history.pauses and not plan.pausing_allowed:
        raise TicketEventError(f"ticket {shorten(ticket.id)} {pausing_refused(plan)}")

    # Rule 2: the severity whose target applies, and where its clock starts.
    severity = ticket.priority.severity
    confirmed = False
    start = received
    index = PauseIndex(engine, history.pauses)
    for at, reclassified in history.classifications:
        in_force = plan.target_us(severity, start)
        if at > start + in_force[0] and at > deadline_in_force(index, start, in_force, at):
            break  # the deadline in force had passed: the outcome is settled
        severity, confirmed = reclassified, True
        if plan.restart_clock_on_reclassification:
            start = at
    target, not_before = plan.target_us(severity, start)
    common: dict[str, Any] = {
        "ticket_id": ticket.id,
        "now": from_us(now_us, zone),
        "severity": severity,
        "severity_confirmed": confirmed,
        "level": history.level,
        "target": timedelta(microseconds=target),
    }

    if asked:
        timeline = Timeline.of(
            np.array([received], dtype=np.int64),
            np.array([int(ticket.priority.severity)], dtype=np.int8),
            history_columns([ticket.history]),
            now_us,
        )
        common["metrics"] = metric_statuses(evaluate_metrics(timeline, asked, engine), 0, zone)
    problems = not_entitled_findings(ticket, contract, plan) if contract is not None else ()
    if problems:
        return SlaStatus(
            **common,
            state=SlaState.NOT_ENTITLED,
            clock_start=None,
            deadline=None,
            elapsed=timedelta(0),
            remaining=timedelta(0),
            fraction_used=0.0,
            warnings=(),
            breach_at=None,
            stopped_at=None,
            problems=problems,
        )

    # Rules 1 and 3: the clock, its deadline and the open time it has run.
    stop = history.stop_us
    until = now_us if stop is None or stop > now_us else stop
    if history.pauses:
        clock = engine.next_open(start)
        deadline = index.deadline(start, target, now_us)
        elapsed = elapsed_with_pauses(engine, start, until, history.pauses)
    else:
        clock, deadline, elapsed = engine.clock(start, target, until)
    if not_before is not None:  # "by 16:00": that instant, later only if pauses push it
        deadline = max(deadline, not_before)

    # Rule 4: the state.
    if stop is not None:
        if stop > deadline:
            state = SlaState.BREACHED
        else:
            state = SlaState.HANDED_TO_VENDOR if history.handed_over else SlaState.MET
    elif history.pauses and history.pauses[-1][1] is None:
        state = SlaState.PAUSED
    elif now_us > deadline:
        state = SlaState.BREACHED
    else:
        state = SlaState.RUNNING

    deadline_at = from_us(deadline, zone)
    clock_at = from_us(clock, zone)
    return SlaStatus(
        **common,
        state=state,
        clock_start=clock_at,
        deadline=deadline_at,
        elapsed=timedelta(microseconds=elapsed),
        remaining=timedelta(microseconds=target - elapsed),
        fraction_used=fraction_used(elapsed, target),
        warnings=warnings_reached(elapsed, target, plan.warning_percents),
        breach_at=deadline_at if state is SlaState.BREACHED else None,
        stopped_at=from_us(stop, zone) if stop is not None else None,
        provisional_years=plan.calendar.provisional_years(clock_at, deadline_at),
    )
