"""A Dask DataFrame through `evaluate_frame`: lazily, partition by partition.

The plan (with its calendar), the contracts and the metrics go into the task
graph once, as delayed objects, so each worker receives them once and builds
the calendar's index once for all the partitions it evaluates.

With an events table, partition k of the tickets is evaluated with partition
k of the events, so each ticket's events must sit in the partition of the same
number as the ticket: `partition_by_ticket` puts them there (a hash of the
ticket id picks the partition of both). Pandas-backed Dask frames only.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock._checks import shorten
from slaclock.errors import ColumnError
from slaclock.sla.contract import Contract
from slaclock.sla.metric import Metric
from slaclock.sla.plan import PlanCatalog, ServicePlan, basic_plan
from slaclock.sla.policy import Policy
from slaclock.table.eager import evaluate_eager

__all__ = ["evaluate_dask", "partition_by_ticket"]

#: The column that carries each row's partition number through the shuffle.
_KEY = "__slaclock_partition__"
#: Tickets per partition when `partition_by_ticket` gets pandas tickets and no count.
_TICKETS_PER_PARTITION = 100_000
_HOW = (
    "put each ticket's events in the partition of the same number as the ticket with "
    "tickets, events = slaclock.partition_by_ticket(tickets, events)"
)


def _partition(part: Any, now_us: int, shipped: dict[str, Any]) -> Any:
    return evaluate_eager(part, now_us, events=None, **shipped)


def _paired(
    part: Any,
    events: Any,
    now_us: int,
    shipped: dict[str, Any],
    partition_info: dict[str, Any] | None = None,
) -> Any:
    """One tickets partition with the events partition of the same number."""
    id_name = shipped["names"].get("id", "id")
    ticket_id = shipped["event_names"].get("ticket_id", "ticket_id")
    if id_name in part.columns and ticket_id in events.columns:
        known = set(part[id_name].tolist())
        strays = list(dict.fromkeys(v for v in events[ticket_id].tolist() if v not in known))
        if strays:
            number = "" if partition_info is None else f" {partition_info.get('number')}"
            raise ColumnError(
                f"events partition{number} names {len(strays)} ticket(s) that are not in "
                f"tickets partition{number} (first: {shorten(strays[:5])}); partition k of the "
                f"events pairs with partition k of the tickets: {_HOW} (and add any ticket "
                "missing from the tickets table, or drop its events)."
            )
    return evaluate_eager(part, now_us, events=events, **shipped)


def evaluate_dask(
    frame: Any,
    now_us: int,
    plan: ServicePlan | None,
    *,
    columns: Mapping[str, str],
    contracts: Mapping[str, Contract] | None,
    catalog: PlanCatalog | None,
    errors: str,
    prefix: str,
    events: Any = None,
    event_columns: Mapping[str, str] | None = None,
    metrics: tuple[Metric, ...] = (),
    policies: tuple[Policy, ...] = (),
) -> Any:
    """The lazy Dask DataFrame of `evaluate_frame` on each partition (with the events
    partition of the same number, if `events` is given: a Dask DataFrame with as many
    partitions, see `partition_by_ticket`). The options and `now_us` (UTC µs) arrive
    checked."""
    dd: Any = importlib.import_module("dask.dataframe")
    delayed: Any = importlib.import_module("dask.delayed").delayed
    make_meta: Any = importlib.import_module("dask.dataframe.utils").make_meta

    options: dict[str, Any] = {
        "plan": basic_plan() if plan is None else plan,
        "names": dict(columns),
        "contracts": None if contracts is None else dict(contracts),
        "catalog": catalog,
        "errors": errors,
        "prefix": prefix,
        "metrics": metrics,
        "policies": policies,
    }
    if events is None:
        options["event_names"] = {}
        meta = evaluate_eager(make_meta(frame), now_us, events=None, **options)
        shipped = delayed(options, pure=True)
        return frame.map_partitions(_partition, now_us, shipped, meta=meta)
    if not _is_dask(events):
        raise ColumnError(
            f"the tickets are a Dask DataFrame but events is a {type(events).__name__}; give "
            f"the events as a Dask DataFrame partitioned like the tickets: {_HOW}, then "
            "evaluate_frame(tickets, now, events=events)."
        )
    if events.npartitions != frame.npartitions:
        raise ColumnError(
            f"the tickets have {frame.npartitions} partitions but the events "
            f"{events.npartitions}; partition k of the events pairs with partition k of the "
            f"tickets: {_HOW}."
        )
    options["event_names"] = dict(event_columns or {})
    meta = evaluate_eager(make_meta(frame), now_us, events=make_meta(events), **options)
    shipped = delayed(options, pure=True)
    return dd.map_partitions(
        _paired, frame, events, now_us, shipped, meta=meta, align_dataframes=False
    )


def partition_by_ticket(
    tickets: Any,
    events: Any,
    *,
    npartitions: int | None = None,
    id: str = "id",
    ticket_id: str = "ticket_id",
) -> tuple[Any, Any]:
    """Tickets and their events as two Dask DataFrames of `npartitions` partitions each,
    every ticket's events in the partition of the same number as the ticket, ready for
    ``evaluate_frame(tickets, now, events=events)``.

    Each takes a pandas DataFrame or a pandas-backed Dask DataFrame. A hash of the
    ticket id (`id` in the tickets, `ticket_id` in the events; ids match as Python
    values do, so 7 and 7.0 are one ticket) picks the partition of both; rows move with
    a Dask shuffle, so the order of rows within a partition is not the input's. A
    pandas frame keeps its dtypes (Dask's ``dataframe.convert-string`` is not applied).
    `npartitions` None keeps the Dask tickets' count (pandas: one partition per
    100,000 tickets).
    """
    dd: Any = importlib.import_module("dask.dataframe")
    if npartitions is not None and (
        isinstance(npartitions, bool) or not isinstance(npartitions, int) or npartitions < 1
    ):
        raise ColumnError(f"npartitions must be a whole number of 1 or more, got {npartitions!r}.")
    if npartitions is None:
        npartitions = (
            tickets.npartitions
            if _is_dask(tickets)
            else max(1, -(-len(tickets) // _TICKETS_PER_PARTITION))
        )
    parts = []
    for what, frame, column in (("tickets", tickets, id), ("events", events, ticket_id)):
        lazy = _as_dask(dd, frame, what, npartitions)
        if column not in lazy.columns:
            raise ColumnError(
                f"the {what} have no {column!r} column (they have: "
                f"{shorten([str(c) for c in lazy.columns])}); pass "
                f"{'id' if what == 'tickets' else 'ticket_id'}='your_column'."
            )
        keyed = lazy.assign(**{_KEY: lazy[column].map_partitions(_keys, meta=(_KEY, "int64"))})
        moved = keyed.shuffle(on=_KEY, npartitions=npartitions, force=True)
        parts.append(moved.drop(columns=_KEY))
    return parts[0], parts[1]


def _keys(ids: Any) -> Any:
    """Each id's shuffle key: a hash of its text that every process computes alike
    (integral floats read as ints, so an id matches as Python values compare)."""
    import pandas as pd

    def text(v: object) -> str:
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    texts = np.array([text(v) for v in ids.tolist()], dtype=object)
    hashed: npt.NDArray[np.uint64] = pd.util.hash_array(texts)
    # 53 bits: dask hashes the key again (as float64) to pick the partition, so the key
    # keeps many distinct values (a key taken modulo the count would crowd few partitions)
    return pd.Series((hashed >> np.uint64(11)).astype(np.int64), index=ids.index)


def _as_dask(dd: Any, frame: Any, what: str, npartitions: int) -> Any:
    """A pandas or Dask DataFrame as a Dask DataFrame (anything else: `ColumnError`); a
    pandas frame keeps its dtypes (no conversion of object columns to Arrow strings)."""
    if _is_dask(frame):
        return frame
    import pandas as pd

    if isinstance(frame, pd.DataFrame):
        config: Any = importlib.import_module("dask.config")
        with config.set({"dataframe.convert-string": False}):  # the caller's dtypes, kept
            return dd.from_pandas(frame, npartitions=min(npartitions, max(1, len(frame))))
    raise ColumnError(
        f"partition_by_ticket takes the {what} as a pandas or Dask DataFrame, got "
        f"{type(frame).__name__}; convert it to pandas first (polars: .to_pandas())."
    )


def _is_dask(frame: Any) -> bool:
    import narwhals as nw

    return bool(nw.dependencies.is_dask_dataframe(frame))
