"""Metric columns of a table: ``<metric>_<field>`` per ticket, and the long form of cycles.

Per ticket, for each metric (the last cycle, the running one if any):

========================  =========================================================
``<m>_state``             not_started, running, paused, met, breached, cancelled,
                          stopped
``<m>_start``             the last cycle's start (aware, in the calendar's zone)
``<m>_stop``              its end (null while it runs)
``<m>_elapsed``           time counted in it (duration)
``<m>_cycles``            cycles so far
========================  =========================================================

and, for a metric with targets, ``<m>_target``, ``<m>_deadline``,
``<m>_remaining``, ``<m>_fraction_used``, ``<m>_breached`` and
``<m>_breached_cycles``. `cycles_frame` gives one row per ticket, metric and
cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock.sla.metric import Metric
from slaclock.sla.metric_cycles import (
    CYCLE_FIELDS,
    METRIC_STATES,
    NONE,
    PER_TICKET,
    CycleColumns,
    MetricColumns,
    MetricState,
)
from slaclock.sla.metric_setup import with_targets
from slaclock.sla.policy import Policy, TicketAttributes
from slaclock.sla.support import Tier
from slaclock.table.column_io import (
    write_bools,
    write_durations,
    write_floats,
    write_instants,
    write_ints,
    write_labels,
    write_strings,
)

__all__ = [
    "CYCLE_COLUMNS",
    "METRIC_LABELS",
    "cycles_frame",
    "metric_output_columns",
    "scatter_metrics",
    "write_metric",
    "write_policy",
]

I64 = np.int64
Mask = npt.NDArray[np.bool_]
#: The text of each metric state code.
METRIC_LABELS: tuple[str, ...] = tuple(s.value for s in METRIC_STATES)
_NOT_STARTED = METRIC_STATES.index(MetricState.NOT_STARTED)
_ALWAYS = ("state", "start", "stop", "elapsed", "cycles")
_WITH_TARGETS = ("target", "deadline", "remaining", "fraction_used", "breached", "breached_cycles")
#: Columns of the long form, one row per ticket, metric and cycle.
CYCLE_COLUMNS = (
    "ticket_id",
    "metric",
    "cycle",
    "start",
    "stop",
    "elapsed",
    "state",
    "breached",
    "target",
    "deadline",
)


def metric_output_columns(
    metrics: tuple[Metric, ...], policies: tuple[Policy, ...] = ()
) -> list[str]:
    """The column names `evaluate_frame` adds for `metrics` (before any prefix)."""
    out: list[str] = ["policy"] if policies and metrics else []
    for m in metrics:
        fields = _ALWAYS + (_WITH_TARGETS if with_targets(m, policies) else ())
        out += [f"{m.name}_{f}" for f in fields]
    return out


def scatter_metrics(
    metrics: tuple[Metric, ...],
    parts: list[tuple[npt.NDArray[np.int64], tuple[MetricColumns, ...]]],
    n: int,
) -> tuple[MetricColumns, ...]:
    """Each metric over all `n` rows from the parts computed for some rows (a plan's); rows
    in no part are not started."""
    if len(parts) == 1 and len(parts[0][0]) == n:
        return parts[0][1]
    out = []
    for k, metric in enumerate(metrics):
        per_row: dict[str, Any] = {}
        for name in PER_TICKET:
            sample = getattr(parts[0][1][k], name) if parts else np.zeros(0, dtype=I64)
            full = np.zeros(n, dtype=sample.dtype)
            if name == "state":
                full[:] = _NOT_STARTED
            elif name in ("start", "stop", "deadline", "remaining", "target"):
                full[:] = NONE
            elif name == "fraction_used":
                full[:] = np.nan
            for rows, results in parts:
                full[rows] = getattr(results[k], name)
            per_row[name] = full
        cycles = [
            (rows[results[k].all_cycles.ticket], results[k].all_cycles) for rows, results in parts
        ]
        policy = np.full(n, -1, dtype=I64)
        for rows, results in parts:
            policy[rows] = results[k].policy
        out.append(
            MetricColumns(
                metric=metric,
                **per_row,
                all_cycles=_merge_cycles(cycles),
                has_targets=any(results[k].has_targets for _, results in parts),
                policy=policy,
            )
        )
    return tuple(out)


def _merge_cycles(parts: list[tuple[npt.NDArray[np.int64], CycleColumns]]) -> CycleColumns:
    """Cycles of several parts, their tickets renumbered, in ticket order."""
    if not parts:
        z = np.zeros(0, dtype=I64)
        return CycleColumns(z, z, z, z, z, z, np.zeros(0, dtype=np.int8), np.zeros(0, dtype=bool))
    ticket = np.concatenate([t for t, _ in parts])
    order = np.argsort(ticket, kind="stable")
    merged = {f: np.concatenate([getattr(c, f) for _, c in parts])[order] for f in CYCLE_FIELDS}
    return CycleColumns(ticket=ticket[order], **merged)


def write_metric(
    prefix: str, m: MetricColumns, zone: str, like: Any, bad: Mask
) -> list[nw.Series[Any]]:
    """One metric's columns (null where a row is bad or a value does not exist)."""
    cols = [
        write_labels(prefix + "state", m.state, METRIC_LABELS, like, bad),
        write_instants(prefix + "start", m.start, zone, like, bad | (m.start == NONE)),
        write_instants(prefix + "stop", m.stop, zone, like, bad | (m.stop == NONE)),
        write_durations(prefix + "elapsed", m.elapsed, like, bad),
        write_ints(prefix + "cycles", m.cycles, like, bad),
    ]
    if m.has_targets:
        none = bad | (m.target == NONE)
        cols += [
            write_durations(prefix + "target", m.target, like, none),
            write_instants(
                prefix + "deadline", m.deadline, zone, like, bad | (m.deadline == NONE)
            ),
            write_durations(prefix + "remaining", m.remaining, like, none),
            write_floats(prefix + "fraction_used", m.fraction_used, like, none),
            write_bools(prefix + "breached", m.breached, like, bad),
            write_ints(prefix + "breached_cycles", m.breached_cycles, like, bad),
        ]
    return cols


def attributes_of(
    table: nw.DataFrame[Any], names: Mapping[str, str], rows: npt.NDArray[np.int64], tier: Tier
) -> TicketAttributes:
    """What policies read of `rows` of a table: its ``customer``, ``product``,
    ``channel`` and ``tags`` columns where present (tags: a list, or text separated by
    commas), and the plan's tier."""

    def values(key: str) -> list[Any] | None:
        name = names.get(key, key)
        if name not in table.columns:
            return None
        column = table[name].to_list()
        return [column[int(r)] for r in rows]

    tags = values("tags")
    return TicketAttributes(
        tier=[tier] * len(rows),
        customer=values("customer"),
        product=values("product"),
        channel=values("channel"),
        tags=None if tags is None else [_tag_set(t) for t in tags],
    )


def _tag_set(value: object) -> frozenset[str]:
    if value is None or (isinstance(value, float) and value != value):
        return frozenset()
    if isinstance(value, str):
        return frozenset(t.strip() for t in value.split(",") if t.strip())
    if isinstance(value, Iterable):
        return frozenset(str(t) for t in value)
    return frozenset({str(value)})


def write_policy(
    name: str, m: MetricColumns, policies: tuple[Policy, ...], like: Any, bad: Mask
) -> nw.Series[Any]:
    """The name of the policy each row got (null where none matched, or a row is bad)."""
    labels = [p.name for p in policies]
    none = bad | (m.policy < 0) | (m.policy >= len(policies))
    return write_labels(name, np.where(none, 0, m.policy), labels or [""], like, none)


def cycles_frame(
    ids: nw.Series[Any], metrics: tuple[MetricColumns, ...], zone: str, like: Any, bad: Mask
) -> nw.DataFrame[Any]:
    """One row per ticket, metric and cycle (bad rows' tickets left out), in the library
    of `like`."""
    parts = []
    for m in metrics:
        c = m.all_cycles
        keep = ~bad[c.ticket]
        parts.append((m.metric.name, c.take(keep), c.ticket[keep]))
    ticket = np.concatenate([t for _, _, t in parts]) if parts else np.zeros(0, dtype=I64)
    names = np.array([name for name, c, _ in parts for _ in range(len(c.start))], dtype=object)

    def cat(field: str, dtype: Any) -> Any:
        if not parts:
            return np.zeros(0, dtype=dtype)
        return np.concatenate([getattr(c, field) for _, c, _ in parts])

    state = cat("state", np.int8)
    number = np.zeros(len(ticket), dtype=I64)
    offset = 0
    for _, _c, t in parts:  # cycle numbers 1, 2, ... within each ticket and metric
        first = np.ones(len(t), dtype=bool)
        first[1:] = t[1:] != t[:-1]
        starts = np.flatnonzero(first)
        number[offset : offset + len(t)] = (
            np.arange(len(t)) - np.repeat(starts, np.diff(np.append(starts, len(t)))) + 1
        )
        offset += len(t)
    start, stop, deadline, target = (cat(f, I64) for f in ("start", "stop", "deadline", "target"))
    series = [
        ids[ticket.astype(np.intp)].alias("ticket_id"),
        write_strings("metric", names, like),
        write_ints("cycle", number, like),
        write_instants("start", start, zone, like),
        write_instants("stop", stop, zone, like, stop == NONE),
        write_durations("elapsed", cat("elapsed", I64), like),
        write_labels("state", state, METRIC_LABELS, like),
        write_bools("breached", cat("breached", bool), like),
        write_durations("target", target, like, target == NONE),
        write_instants("deadline", deadline, zone, like, deadline == NONE),
    ]
    return nw.from_dict({s.name: s for s in series}, backend=nw.get_native_namespace(like))
