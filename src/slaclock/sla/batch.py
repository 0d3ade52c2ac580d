"""Many ticket objects at once: `evaluate_many`, a thin client of the column rules.

Tickets are turned into columns once, evaluated per plan with
`columns.evaluate_columns`, and each row comes back as the dict
`SlaStatus.as_record()` would give. For tables of tickets (pandas, polars,
pyarrow, Dask) use `slaclock.evaluate_frame`, which never builds ticket objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from slaclock._checks import iterable_of, require, shorten
from slaclock._time import from_us, to_us
from slaclock.errors import TicketEventError
from slaclock.sla.columns import LEVELS, STATES, StatusColumns, TicketColumns, evaluate_columns
from slaclock.sla.contract import Contract
from slaclock.sla.outcome import SlaState
from slaclock.sla.plan import PlanCatalog, ServicePlan, basic_plan
from slaclock.sla.refusals import received_after_now, received_after_now_error
from slaclock.sla.status import not_entitled_findings
from slaclock.sla.ticket import Ticket
from slaclock.sla.tiers import plans_by_tier

__all__ = ["evaluate_many"]


def evaluate_many(
    tickets: Iterable[Ticket],
    now: datetime,
    plan: ServicePlan | None = None,
    *,
    contracts: Mapping[str, Contract] | None = None,
    catalog: PlanCatalog | None = None,
) -> list[dict[str, Any]]:
    """Evaluate many tickets at `now`: one dict per ticket, as `SlaStatus.as_record()`.

    With `contracts` (customer name -> contract) entitlement is checked, and the
    plan is the contract tier's plan in `catalog` (default: built-in) unless
    `plan` is given; otherwise every ticket uses `plan` (default Basic).
    """
    items = list(iterable_of(tickets, Ticket, "tickets"))
    now_us = to_us(now, "now")
    require(plan, (ServicePlan, type(None)), "plan", "pass a ServicePlan, or None for Basic.")
    require(contracts, (Mapping, type(None)), "contracts", "map customer names to contracts.")
    require(catalog, (PlanCatalog, type(None)), "catalog")
    default = basic_plan() if plan is None else plan
    groups = plans_by_tier([t.customer for t in items], default, contracts, catalog, plan is None)
    rows: list[dict[str, Any]] = [{}] * len(items)
    for chosen, which in groups:
        group = [items[k] for k in which]
        out = evaluate_columns(
            TicketColumns.from_tickets(group, chosen.calendar_names), now_us, chosen
        )
        if out.refused.any():
            first = int(out.refused.argmax())
            received = to_us(group[first].received)
            if received_after_now(received, now_us):
                zone = chosen.calendar.zone
                raise received_after_now_error(group[first].id, received, now_us, zone)
            raise TicketEventError(f"ticket {shorten(group[first].id)} {out.problem[first]}")
        records = _records(group, out, now_us, chosen, contracts)
        for k, record in zip(which, records):
            rows[k] = record
    return rows


def _records(
    tickets: list[Ticket],
    out: StatusColumns,
    now_us: int,
    plan: ServicePlan,
    contracts: Mapping[str, Contract] | None,
) -> list[dict[str, Any]]:
    zone = plan.calendar.zone
    now = from_us(now_us, zone)
    percents = plan.warning_percents
    one = timedelta(microseconds=1)
    # Each code's value, looked up once per batch rather than per row.
    levels = [level.value for level in LEVELS]
    states = [s.value for s in STATES]
    breached_code = STATES.index(SlaState.BREACHED)
    reached = {w: tuple(p for p in percents if p <= w) for w in (0, *percents)}
    records = []
    columns = zip(
        tickets,
        out.state.tolist(),
        out.severity.tolist(),
        out.confirmed.tolist(),
        out.level.tolist(),
        out.target.tolist(),
        out.clock_start.tolist(),
        out.deadline.tolist(),
        out.elapsed.tolist(),
        out.fraction_used.tolist(),
        out.warning.tolist(),
        out.stopped.tolist(),
        out.stop.tolist(),
        out.provisional.tolist(),
    )
    for (
        ticket, state, severity, confirmed, level, target, clock, deadline, elapsed,
        fraction, warning, stopped, stop, provisional,
    ) in columns:  # fmt: skip
        problems = (
            not_entitled_findings(ticket, contracts.get(ticket.customer), plan)
            if contracts is not None
            else ()
        )
        head = {
            "ticket_id": ticket.id,
            "now": now,
            "severity": severity,  # Severity values are the codes 1-4
            "severity_confirmed": confirmed,
            "level": levels[level],
            "target": one * target,
        }
        if problems:
            record: dict[str, Any] = {
                **head, "state": SlaState.NOT_ENTITLED.value, "clock_start": None,
                "deadline": None, "elapsed": timedelta(0), "remaining": timedelta(0),
                "fraction_used": 0.0, "warnings": (), "breach_at": None, "stopped_at": None,
                "problems": "; ".join(str(p) for p in problems), "provisional_years": (),
            }  # fmt: skip
        else:
            due = from_us(deadline, zone)
            record = {
                **head,
                "state": states[state],
                "clock_start": from_us(clock, zone),
                "deadline": due,
                "elapsed": one * elapsed,
                "remaining": one * (target - elapsed),
                "fraction_used": fraction,
                "warnings": reached[warning],
                "breach_at": due if state == breached_code else None,
                "stopped_at": from_us(stop, zone) if stopped else None,
                "problems": "",
                "provisional_years": (
                    plan.calendar.provisional_years_us(clock, deadline) if provisional else ()
                ),
            }
        records.append(record)
    return records
