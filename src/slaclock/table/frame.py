"""`evaluate_frame`: SLA columns for a whole table of tickets, any DataFrame library.

pandas, polars and pyarrow tables go through narwhals: one code path, the
same kind of frame back, every row kept in its order, the caller's frame never
changed. A Dask DataFrame is evaluated lazily, partition by partition, with
the plan shipped to each worker once.

Output columns (stable; more groups may be added later, e.g. resolution):

=================  ===================================================================
``clock_start``    where the clock started (aware, in the calendar's zone)
``deadline``       when the first response is due (aware, in the calendar's zone)
``state``          running, paused, met, breached, not_entitled, handed_to_vendor
``breached``       state == "breached"
``elapsed``        business time the clock has run (duration)
``remaining``      target - elapsed (negative once breached)
``fraction_used``  elapsed / target (float64; 1.0 for a zero target)
``warning``        the highest warning percent reached (int, 0 if none)
``provisional``    the deadline's year has holidays that may not be decreed yet
``target``         the target that applies (duration)
``sla_severity``   the severity whose target applies (after reclassification)
=================  ===================================================================

With ``contracts``, ``entitlement`` says why a not-entitled row is not; with
``errors="mark"``, ``problem`` says why a row could not be evaluated (its SLA
columns are null).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Literal, TypeVar

import narwhals as nw

from slaclock._time import to_us
from slaclock.errors import ColumnError
from slaclock.sla.contract import Contract
from slaclock.sla.metric import Metric, metric_tuple
from slaclock.sla.plan import PlanCatalog, ServicePlan
from slaclock.sla.policy import Policy, policy_tuple
from slaclock.table.dask import evaluate_dask
from slaclock.table.eager import INPUT_NAMES, check_names, check_options, evaluate_eager
from slaclock.table.tickets import EVENT_COLUMNS

__all__ = ["evaluate_frame"]

Frame = TypeVar("Frame")


def evaluate_frame(
    frame: Frame,
    now: datetime,
    plan: ServicePlan | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    contracts: Mapping[str, Contract] | None = None,
    catalog: PlanCatalog | None = None,
    events: Any = None,
    event_columns: Mapping[str, str] | None = None,
    errors: Literal["raise", "mark"] = "raise",
    prefix: str = "",
    metrics: Metric | Iterable[Metric] = (),
    policies: Policy | Iterable[Policy] = (),
) -> Frame:
    """`frame` with the SLA columns of each ticket at `now` appended (same rows, order, kind).

    `plan` None means the Basic plan. `columns` maps slaclock's input names to
    yours (``{"received": "created_at"}``). With `contracts` (customer name ->
    contract), the table needs ``customer``, ``product`` and ``requester_email``
    columns: entitlement is checked at receipt and each contract's tier plan
    from `catalog` applies unless `plan` is given. `events` is an optional long
    table of events (see `slaclock.table.tickets`). Bad rows raise
    `InvalidRowsError`, or with ``errors="mark"`` are kept with a ``problem``.
    `metrics` (for example `ZENDESK_METRICS`) adds each metric's columns,
    ``<metric>_<field>`` (see `slaclock.table.metrics`), from the rules `evaluate`
    runs; `metric_cycles` gives every cycle. `policies` (in order, the first
    matching applies) set the metrics' targets from the tickets' ``customer``,
    ``product``, ``channel`` and ``tags`` columns (those a policy reads), the plan's
    tier and the severity at `now`; a ``policy`` column names the one applied.
    """
    if errors not in ("raise", "mark"):
        raise ColumnError(f"errors must be 'raise' or 'mark', got {errors!r}.")
    asked = metric_tuple(metrics)
    rules = policy_tuple(policies)
    now_us = to_us(now, "now")
    check_options(plan, prefix)
    names = check_names(columns, INPUT_NAMES, "columns")
    event_names = check_names(event_columns, EVENT_COLUMNS, "event_columns")
    if nw.dependencies.is_dask_dataframe(frame):
        out: Frame = evaluate_dask(
            frame, now_us, plan, columns=names, contracts=contracts, catalog=catalog,
            errors=errors, prefix=prefix, events=events, event_columns=event_names,
            metrics=asked, policies=rules,
        )  # fmt: skip
        return out
    done: Frame = evaluate_eager(
        frame, now_us, plan, names=names, contracts=contracts, catalog=catalog,
        events=events, event_names=event_names, errors=errors, prefix=prefix,
        metrics=asked, policies=rules,
    )  # fmt: skip
    return done
