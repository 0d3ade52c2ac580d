"""SLA status of a ticket at an instant: target, deadline, time used, state, warnings.

Deterministic and free of I/O: the caller passes `now`. Only events at or
before `now` count, so a status is a pure function of the ticket and `now`
(what-if studies can replay any instant).

Rules:

* The target is the confirmed severity's (the requested one until L1
  confirms), measured from receipt; `ServicePlan.restart_clock_on_reclassification`
  measures it from the latest classification instead.
* A reclassification counts only while the clock is live: before the first
  response (or hand-over) and before the deadline in force has passed. After
  that the outcome is settled, so met and breached are final.
* The clock stops at the first response, at resolution, or when the case
  is handed to the vendor (vendor escalation without follow-up, or the
  severity-1 vendor-direct choice).
* Met if it stopped at or before the deadline; breached once `now` (or the
  stop) is past it. The breach instant is the deadline itself.
* A ticket not entitled when received (contract given) is NOT_ENTITLED. A
  ticket received while covered keeps its deadline even if maintenance ends.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from slaclock._checks import iterable_of, require, shorten
from slaclock._model import FrozenModel
from slaclock._time import from_us, to_us
from slaclock.calendar.business_calendar import BusinessCalendar
from slaclock.errors import EntitlementError, TicketEventError
from slaclock.sla.contract import Contract
from slaclock.sla.findings import Finding, FindingCode
from slaclock.sla.plan import BASIC_PLAN, PlanCatalog, ServicePlan
from slaclock.sla.severity import Priority, Severity
from slaclock.sla.support import SupportLevel
from slaclock.sla.ticket import (
    Classified,
    Closed,
    Escalated,
    Paused,
    Resolved,
    Responded,
    Resumed,
    Ticket,
    VendorDirectChosen,
)

__all__ = ["SlaState", "SlaStatus", "evaluate", "evaluate_many"]

_ONE_US = timedelta(microseconds=1)
_TEN_THOUSAND = Decimal(10_000)


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

    ticket_id: str
    now: datetime
    state: SlaState
    #: The severity whose target applies. It can differ from `Ticket.severity` (the
    #: latest classification) when L1 reclassified after the outcome was settled.
    severity: Severity
    severity_confirmed: bool
    level: SupportLevel
    target: timedelta
    clock_start: datetime | None
    deadline: datetime | None
    elapsed: timedelta
    remaining: timedelta
    #: Share of the target used, floored to 4 decimals (1 when the target is zero).
    fraction_used: Decimal
    #: Warning thresholds (percent of target) reached, from the plan's `warning_percents`.
    warnings: tuple[int, ...]
    breach_at: datetime | None
    stopped_at: datetime | None
    problems: tuple[Finding, ...] = ()
    #: Years whose decreed holidays may be missing from the data (see BusinessCalendar).
    provisional_years: tuple[int, ...] = ()

    def as_record(self) -> dict[str, Any]:
        """A flat dict (one row of a DataFrame)."""
        return _record(dict(self.__dict__))


def _record(d: dict[str, Any]) -> dict[str, Any]:
    """Plain values for a DataFrame row (enums to their values), converted in place.

    `_value_` is read directly: `Enum.value` is a property and enum hashing a
    Python call, both slow in a loop over 100,000 rows.
    """
    d["state"] = d["state"]._value_
    d["severity"] = d["severity"]._value_
    d["level"] = d["level"]._value_
    problems = d["problems"]
    d["problems"] = "; ".join(str(p) for p in problems) if problems else ""
    return d


class _Rules:
    """What evaluating under one plan needs, computed once per plan (not per ticket)."""

    __slots__ = (
        "cal",
        "percents",
        "plan",
        "restart",
        "severities",
        "targets",
        "targets_us",
        "thresholds_bp",
        "through",
        "warning_sets",
        "zone",
    )

    def __init__(self, plan: ServicePlan) -> None:
        self.plan = plan
        self.cal = plan.calendar
        self.zone = plan.calendar.zone
        # Indexed by the IntEnum's value (index 0 is a never-used filler): tuple
        # indexing beats enum hashing.
        self.severities = (Severity.CRITICAL, *(Priority(k).severity for k in range(1, 5)))
        self.targets = (timedelta(0), *(plan.targets[Severity(k)] for k in range(1, 5)))
        self.targets_us = (0, *(plan.targets[Severity(k)] // _ONE_US for k in range(1, 5)))
        self.percents = plan.warning_percents
        self.thresholds_bp = [p * 100 for p in plan.warning_percents]
        self.warning_sets = tuple(self.percents[:k] for k in range(len(self.percents) + 1))
        self.restart = plan.restart_clock_on_reclassification
        holidays = plan.calendar.holidays
        self.through = holidays.data_complete_through() if holidays is not None else None


def _facts(ticket: Ticket, now_us: int) -> tuple[Any, ...]:
    """One pass over the history up to now: classifications before the stop, the stop,
    the level and the pauses."""
    classifications: list[tuple[int, Classified]] = []
    stop_us: int | None = None
    stop_at: datetime | None = None
    handed = False
    level = SupportLevel.L1
    pauses: list[tuple[int, int | None]] = []
    for e, u in zip(ticket.history, ticket.__dict__["_events_us"]):
        if u > now_us:
            break
        if isinstance(e, Classified):
            if stop_us is None:  # after the first response the outcome is settled
                classifications.append((u, e))
        elif isinstance(e, (Responded, Resolved, Closed)):
            if stop_us is None:
                stop_us, stop_at = u, e.at
        elif isinstance(e, (Escalated, VendorDirectChosen)):
            level = e.to if isinstance(e, Escalated) else SupportLevel.VENDOR
            hands_over = isinstance(e, VendorDirectChosen) or (
                e.to is SupportLevel.VENDOR and e.assisted_only
            )
            if hands_over and stop_us is None:
                stop_us, stop_at, handed = u, e.at, True
        elif isinstance(e, Paused):
            if pauses and pauses[-1][1] is None:
                raise TicketEventError(f"ticket {ticket.id} is paused twice without a resume.")
            pauses.append((u, None))
        elif isinstance(e, Resumed):
            if not pauses or pauses[-1][1] is not None:
                raise TicketEventError(f"ticket {ticket.id} resumes without being paused.")
            pauses[-1] = (pauses[-1][0], u)
    return classifications, stop_us, stop_at, handed, level, pauses


def _not_entitled(ticket: Ticket, rules: _Rules, contract: Contract | None) -> tuple[Finding, ...]:
    if contract is None:
        return (
            Finding(
                code=FindingCode.NO_CONTRACT,
                message=f"no contract for customer {ticket.customer!r}; on-board it first.",
            ),
        )
    return contract.entitlement(
        ticket.product, ticket.requester.email, ticket.received, rules.zone
    ).problems


def _compute(
    ticket: Ticket,
    rules: _Rules,
    now_us: int,
    now: datetime,
    contract: Contract | None,
    has_contract: bool,
    plain: bool = False,
) -> dict[str, Any]:
    """The status fields of one ticket, as a dict (the hot path of `evaluate_many`).

    `plain` gives a DataFrame row directly (enum values, problems as text).
    """
    zone = rules.zone
    received_us: int = ticket.__dict__["_received_us"]
    severity = rules.severities[ticket.priority]
    start_us = received_us
    confirmed = False
    if ticket.history:
        classifications, stop_us, stop_at, handed, level, pauses = _facts(ticket, now_us)
        if pauses and not rules.plan.pausing_allowed:
            raise TicketEventError(
                f"ticket {shorten(ticket.id)} was paused, but the {shorten(rules.plan.name)} "
                "plan does not allow pausing; remove the pause or evaluate it with a plan that "
                "allows it."
            )
        for at_us, event in classifications:
            # A reclassification counts only while the clock is live: once the deadline
            # in force has passed, the breach is settled. A deadline is never before
            # start + target (open time cannot outrun real time), so a classification
            # before that needs no calendar lookup.
            in_force_us = rules.targets_us[severity]
            if at_us > start_us + in_force_us and at_us > _deadline(
                rules, start_us, in_force_us, pauses, at_us
            ):
                break
            severity = event.severity
            confirmed = True
            if rules.restart:
                start_us = at_us
    else:
        stop_us, stop_at, handed, level, pauses = None, None, False, SupportLevel.L1, []
    target = rules.targets[severity]
    problems = _not_entitled(ticket, rules, contract) if has_contract else ()
    if problems:
        zero = timedelta(0)
        row = {
            "ticket_id": ticket.id, "now": now, "state": SlaState.NOT_ENTITLED,
            "severity": severity, "severity_confirmed": confirmed,
            "level": level, "target": target, "clock_start": None, "deadline": None,
            "elapsed": zero, "remaining": zero, "fraction_used": Decimal(0), "warnings": (),
            "breach_at": None, "stopped_at": None, "problems": problems, "provisional_years": (),
        }  # fmt: skip
        return _record(row) if plain else row
    target_us = rules.targets_us[severity]
    until_us = now_us if stop_us is None or stop_us > now_us else stop_us
    cal = rules.cal
    paused_now = False
    if pauses:
        paused_now = pauses[-1][1] is None and stop_us is None
        spans = _spans(pauses, now_us)
        clock_us = cal.engine.add(start_us, 0)
        deadline_us = _deadline_with_pauses(cal, start_us, target_us, spans)
        elapsed_us = _elapsed_with_pauses(cal, start_us, until_us, spans)
    else:
        clock_us, deadline_us, elapsed_us = cal.engine.clock(start_us, target_us, until_us)
    if stop_us is not None:
        if stop_us <= deadline_us:
            state = SlaState.HANDED_TO_VENDOR if handed else SlaState.MET
        else:
            state = SlaState.BREACHED
    elif paused_now:
        state = SlaState.PAUSED
    elif now_us > deadline_us:
        state = SlaState.BREACHED
    else:
        state = SlaState.RUNNING
    if target_us:
        bp = elapsed_us * 10_000 // target_us
        fraction = Decimal(bp).scaleb(-4)
        warnings = rules.warning_sets[bisect_right(rules.thresholds_bp, bp)]
    else:
        fraction = Decimal(1)
        warnings = rules.percents
    deadline = from_us(deadline_us, zone)
    if clock_us == deadline_us:
        clock = deadline
    elif clock_us == received_us and ticket.received.tzinfo is zone:
        clock = ticket.received
    else:
        clock = from_us(clock_us, zone)
    if stop_at is not None and stop_at.tzinfo is not zone:
        stopped: datetime | None = from_us(stop_us, zone) if stop_us is not None else None
    else:
        stopped = stop_at  # already in the calendar's zone (or None): no conversion
    provisional: tuple[int, ...] = ()
    through = rules.through  # cached per plan: the common case skips the call below
    if through is not None and deadline.year > through and rules.cal.holidays is not None:
        provisional = rules.cal.holidays.provisional_years(clock.year, deadline.year)
    return {
        "ticket_id": ticket.id,
        "now": now,
        "state": state._value_ if plain else state,
        "severity": severity._value_ if plain else severity,
        "severity_confirmed": confirmed,
        "level": level._value_ if plain else level,
        "target": target,
        "clock_start": clock,
        "deadline": deadline,
        "elapsed": _ONE_US * elapsed_us,
        "remaining": _ONE_US * (target_us - elapsed_us),
        "fraction_used": fraction,
        "warnings": warnings,
        "breach_at": deadline if state is SlaState.BREACHED else None,
        "stopped_at": stopped,
        "problems": "" if plain else (),
        "provisional_years": provisional,
    }


def _spans(pauses: list[tuple[int, int | None]], at_us: int) -> list[tuple[int, int]]:
    """The pauses as seen at `at_us`: later ones dropped, open ones ending there."""
    return [(a, at_us if b is None or b > at_us else b) for a, b in pauses if a <= at_us]


def _deadline(
    rules: _Rules, start_us: int, target_us: int, pauses: list[tuple[int, int | None]], at_us: int
) -> int:
    """The deadline in force at `at_us`."""
    if not pauses:
        return rules.cal.engine.add(start_us, target_us)
    return _deadline_with_pauses(rules.cal, start_us, target_us, _spans(pauses, at_us))


def _deadline_with_pauses(
    cal: BusinessCalendar, start_us: int, target_us: int, pauses: list[tuple[int, int]]
) -> int:
    remaining = target_us
    cursor = start_us
    for a, b in pauses:
        if b <= cursor:
            continue
        a = max(a, cursor)
        available = cal.engine.elapsed(cursor, a)
        if remaining <= available:
            return cal.engine.add(cursor, remaining)
        remaining -= available
        cursor = b
    return cal.engine.add(cursor, remaining)


def _elapsed_with_pauses(
    cal: BusinessCalendar, start_us: int, until_us: int, pauses: list[tuple[int, int]]
) -> int:
    if until_us <= start_us:
        return 0
    total = cal.engine.elapsed(start_us, until_us)
    for a, b in pauses:
        a, b = max(a, start_us), min(b, until_us)
        if a < b:
            total -= cal.engine.elapsed(a, b)
    return total


def evaluate(
    ticket: Ticket,
    now: datetime,
    plan: ServicePlan = BASIC_PLAN,
    contract: Contract | None = None,
) -> SlaStatus:
    """The ticket's first-response SLA at `now` under `plan`.

    Give `contract` to check entitlement at receipt (product covered,
    maintenance in force, requester designated): if it fails the state is
    NOT_ENTITLED with the reasons in `problems`.
    """
    require(ticket, Ticket, "ticket")
    now_us = to_us(now, "now")
    require(
        plan, ServicePlan, "plan", "pass a ServicePlan such as BASIC_PLAN, or catalog.get(tier)."
    )
    require(contract, (Contract, type(None)), "contract")
    if contract is not None and contract.customer != ticket.customer:
        raise EntitlementError(
            f"ticket {shorten(ticket.id)} is {shorten(ticket.customer)}'s but the contract is "
            f"{shorten(contract.customer)}'s; pass the ticket customer's contract."
        )
    rules = _Rules(plan)
    now_local = from_us(now_us, rules.zone)
    data = _compute(ticket, rules, now_us, now_local, contract, contract is not None)
    return SlaStatus.model_construct(**data)


def evaluate_many(
    tickets: Iterable[Ticket],
    now: datetime,
    plan: ServicePlan | None = None,
    *,
    contracts: Mapping[str, Contract] | None = None,
    catalog: PlanCatalog | None = None,
) -> list[dict[str, Any]]:
    """Evaluate many tickets at `now`; plain dicts ready for `pandas.DataFrame`.

    With `contracts` (customer name -> contract) entitlement is checked, and
    the plan is the contract tier's plan in `catalog` (default: built-in);
    otherwise every ticket uses `plan` (default Basic).
    """
    tickets = iterable_of(tickets, Ticket, "tickets")
    now_us = to_us(now, "now")
    require(plan, (ServicePlan, type(None)), "plan", "pass a ServicePlan, or None for Basic.")
    require(contracts, (Mapping, type(None)), "contracts", "map customer names to contracts.")
    require(catalog, (PlanCatalog, type(None)), "catalog")
    plans = catalog or PlanCatalog.builtin()
    default = plan or BASIC_PLAN
    rules_of: dict[int, _Rules] = {}
    nows: dict[int, datetime] = {}

    def rules_for(p: ServicePlan) -> tuple[_Rules, datetime]:
        key = id(p)
        r = rules_of.get(key)
        if r is None:
            r = rules_of[key] = _Rules(p)
            nows[key] = from_us(now_us, r.zone)
        return r, nows[key]

    out: list[dict[str, Any]] = []
    append = out.append
    if contracts is None:
        rules, now_local = rules_for(default)
        for ticket in tickets:
            append(_compute(ticket, rules, now_us, now_local, None, False, True))
        return out
    for ticket in tickets:
        contract = contracts.get(ticket.customer)
        if contract is not None and not isinstance(contract, Contract):
            require(contract, Contract, f"contracts[{shorten(ticket.customer)}]")
        chosen = plans.get(contract.tier) if contract is not None and plan is None else default
        rules, now_local = rules_for(chosen)
        append(_compute(ticket, rules, now_us, now_local, contract, True, True))
    return out
