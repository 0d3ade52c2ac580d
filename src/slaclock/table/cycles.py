"""`metric_cycles`: the long form of a table's metrics, one row per ticket, metric and cycle."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from slaclock._time import to_us
from slaclock.errors import ColumnError
from slaclock.sla.contract import Contract
from slaclock.sla.metric import Metric, metric_tuple
from slaclock.sla.plan import PlanCatalog, ServicePlan
from slaclock.sla.policy import Policy, policy_tuple
from slaclock.table.eager import (
    INPUT_NAMES,
    check_names,
    check_options,
    eager,
    evaluate_table,
    invalid_rows,
)
from slaclock.table.metrics import cycles_frame
from slaclock.table.tickets import EVENT_COLUMNS

__all__ = ["metric_cycles"]


def metric_cycles(
    frame: Any,
    now: datetime,
    plan: ServicePlan | None = None,
    *,
    metrics: Metric | Iterable[Metric],
    policies: Policy | Iterable[Policy] = (),
    events: Any = None,
    columns: Mapping[str, str] | None = None,
    event_columns: Mapping[str, str] | None = None,
    contracts: Mapping[str, Contract] | None = None,
    catalog: PlanCatalog | None = None,
) -> Any:
    """Every cycle of every metric of every ticket at `now`, as a new frame of `frame`'s
    kind: ``ticket_id``, ``metric``, ``cycle`` (1, 2, ...), ``start``, ``stop`` (null
    while it runs), ``elapsed``, ``state``, ``breached``, ``target`` and ``deadline``
    (null without targets). The arguments are `evaluate_frame`'s (`plan` None: the Basic
    plan); the tickets table needs an ``id`` column. Bad rows raise `InvalidRowsError`."""
    asked = metric_tuple(metrics)
    now_us = to_us(now, "now")
    check_options(plan, "")
    names = check_names(columns, INPUT_NAMES, "columns")
    event_names = check_names(event_columns, EVENT_COLUMNS, "event_columns")
    table = eager(frame, "metric_cycles")
    id_name = names.get("id", "id")
    if id_name not in table.columns:
        raise ColumnError(
            f"metric_cycles names each cycle's ticket: add an {id_name!r} column or map yours "
            "with columns={'id': ...}."
        )
    event_table = None if events is None else eager(events, "events")
    done = evaluate_table(
        table, now_us, plan, names=names, contracts=contracts, catalog=catalog,
        events=event_table, event_names=event_names, metrics=asked,
        policies=policy_tuple(policies),
    )  # fmt: skip
    if done.bad.any():
        raise invalid_rows(table, done.problems)
    out = cycles_frame(table[id_name], done.metrics, done.zone, table, done.bad)
    return out.to_native()
