"""A Dask DataFrame through `evaluate_frame`: lazily, partition by partition.

The plan (with its calendar) and the contracts go into the task graph once,
as delayed objects, so each worker receives them once and builds the
calendar's index once for all the partitions it evaluates.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from slaclock.sla.contract import Contract
from slaclock.sla.plan import BASIC_PLAN, PlanCatalog, ServicePlan

__all__ = ["evaluate_dask"]


def _partition(part: Any, now: datetime, shipped: dict[str, Any]) -> Any:
    from slaclock.table.frame import evaluate_frame

    return evaluate_frame(part, now, **shipped)


def evaluate_dask(
    frame: Any,
    now: datetime,
    plan: ServicePlan | None,
    *,
    columns: Mapping[str, str],
    contracts: Mapping[str, Contract] | None,
    catalog: PlanCatalog | None,
    errors: str,
    prefix: str,
) -> Any:
    """The lazy Dask DataFrame of `evaluate_frame` on each partition."""
    import importlib

    from slaclock.table.frame import evaluate_frame

    delayed: Any = importlib.import_module("dask.delayed").delayed
    make_meta: Any = importlib.import_module("dask.dataframe.utils").make_meta

    options: dict[str, Any] = {
        "plan": BASIC_PLAN if plan is None else plan,
        "columns": dict(columns),
        "contracts": None if contracts is None else dict(contracts),
        "catalog": catalog,
        "errors": errors,
        "prefix": prefix,
    }
    meta = evaluate_frame(make_meta(frame), now, **options)
    shipped = delayed(options, pure=True)
    return frame.map_partitions(_partition, now, shipped, meta=meta)
