"""The eager body of `evaluate_frame`: SLA columns for one pandas, polars or pyarrow table
(or one Dask partition), through narwhals.

One code path for every library, the same kind of frame back, every row kept
in its order, the caller's frame never changed. `slaclock.table.frame` checks
the options and sends a Dask DataFrame to `slaclock.table.dask`, whose
partitions come back here.

The output columns (`OUTPUT_COLUMNS`) are described in `slaclock.table.frame`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock._checks import require, shorten
from slaclock._time import from_us
from slaclock.errors import ColumnError, InvalidRowsError
from slaclock.sla.columns import (
    STATE_LABELS,
    STATES,
    StatusColumns,
    TicketColumns,
    evaluate_columns,
    not_entitled,
)
from slaclock.sla.contract import Contract
from slaclock.sla.metric import Metric, with_plan_targets
from slaclock.sla.metric_cycles import MetricColumns
from slaclock.sla.one_ticket import measure
from slaclock.sla.outcome import SlaState
from slaclock.sla.plan import PlanCatalog, ServicePlan, basic_plan
from slaclock.sla.policy import Policy
from slaclock.sla.refusals import (
    outside_years,
    outside_years_reason,
    received_after_now,
    received_after_now_reason,
)
from slaclock.sla.tiers import plans_by_tier
from slaclock.table.column_io import (
    append_columns,
    row_labels,
    write_bools,
    write_durations,
    write_floats,
    write_instants,
    write_ints,
    write_labels,
    write_strings,
)
from slaclock.table.entitlement import entitlement_problems
from slaclock.table.metrics import (
    attributes_of,
    metric_output_columns,
    scatter_metrics,
    write_metric,
    write_policy,
)
from slaclock.table.tickets import TICKET_COLUMNS, Problems, read_tickets

__all__ = [
    "INPUT_NAMES",
    "OUTPUT_COLUMNS",
    "Evaluated",
    "check_names",
    "check_options",
    "eager",
    "evaluate_eager",
    "evaluate_rows",
    "evaluate_table",
    "invalid_rows",
]

I64 = np.int64
OUTPUT_COLUMNS = (
    "clock_start",
    "deadline",
    "state",
    "breached",
    "elapsed",
    "remaining",
    "fraction_used",
    "warning",
    "provisional",
    "target",
    "sla_severity",
)
#: Input names `columns=` may map.
INPUT_NAMES = (*TICKET_COLUMNS, "customer", "product", "requester_email", "channel", "tags")
_NOT_ENTITLED = STATES.index(SlaState.NOT_ENTITLED)


def evaluate_eager(
    frame: Any,
    now_us: int,
    plan: ServicePlan | None,
    *,
    names: Mapping[str, str],
    contracts: Mapping[str, Contract] | None,
    catalog: PlanCatalog | None,
    events: Any,
    event_names: Mapping[str, str],
    errors: str,
    prefix: str,
    metrics: tuple[Metric, ...],
    policies: tuple[Policy, ...],
) -> Any:
    """`evaluate_frame` of a pandas, polars or pyarrow frame, its options already checked
    (`slaclock.table.frame` checks them, and a Dask partition arrives checked)."""
    table = eager(frame, "evaluate_frame")
    event_table = None if events is None else eager(events, "events")
    outputs = [prefix + c for c in OUTPUT_COLUMNS]
    outputs += [prefix + c for c in _metric_outputs(metrics, policies, plan, contracts, catalog)]
    outputs += [prefix + "entitlement"] if contracts is not None else []
    outputs += [prefix + "problem"] if errors == "mark" else []
    twice = sorted({c for c in outputs if outputs.count(c) > 1})
    if twice:
        raise ColumnError(
            f"slaclock would write column(s) {twice} twice: a metric's name makes a column "
            "another output already has (for example a metric named 'clock' and "
            "clock_start); rename the metric."
        )
    clash = sorted(set(outputs) & set(table.columns))
    if clash:
        raise ColumnError(
            f"the table already has column(s) {clash}; rename them or pass prefix='sla_' to "
            "name slaclock's output columns differently."
        )
    done = evaluate_table(
        table, now_us, plan, names=names, contracts=contracts, catalog=catalog,
        events=event_table, event_names=event_names, metrics=metrics, policies=policies,
    )  # fmt: skip
    if done.bad.any() and errors == "raise":
        raise invalid_rows(table, done.problems)
    return _write(table, done, errors, prefix).to_native()


def _metric_outputs(
    metrics: tuple[Metric, ...],
    policies: tuple[Policy, ...],
    plan: ServicePlan | None,
    contracts: Mapping[str, Contract] | None,
    catalog: PlanCatalog | None,
) -> list[str]:
    """The metric columns any plan that may evaluate a row would write (each tier's plan
    of the catalog when contracts choose it: their metric targets may add columns)."""
    plans = [basic_plan() if plan is None else plan]
    if plan is None and contracts is not None:
        chosen = PlanCatalog.builtin() if catalog is None else catalog
        plans += [chosen.get(t) for t in chosen.tiers]
    names: list[str] = []
    for p in plans:
        written = metric_output_columns(with_plan_targets(metrics, p), policies)
        twice = sorted({c for c in written if written.count(c) > 1})
        if twice:
            raise ColumnError(
                f"two metrics would write the same column(s) {twice} (a metric's name is "
                "the start of another's columns); rename one of them."
            )
        names += [c for c in written if c not in names]
    return names


def check_options(plan: object, prefix: object) -> None:
    """`WrongTypeError` for a `plan` that is not a ServicePlan or None, a `prefix` not text."""
    require(
        plan,
        (ServicePlan, type(None)),
        "plan",
        "pass a ServicePlan such as BASIC_PLAN or catalog.get(tier), or None for Basic.",
    )
    require(prefix, str, "prefix", "pass text such as prefix='sla_'.")


def eager(frame: Any, what: str) -> nw.DataFrame[Any]:
    """A pandas, polars or pyarrow frame through narwhals (anything else: `ColumnError`)."""
    try:
        return nw.from_native(frame, eager_only=True)
    except nw.exceptions.DuplicateError as exc:
        counts = Counter(map(str, getattr(frame, "columns", ())))
        repeated = sorted(name for name, k in counts.items() if k > 1)
        raise ColumnError(
            f"{what}: the table repeats column name(s) {shorten(repeated)}; give each column "
            "one name (drop or rename the copies)."
        ) from exc
    except TypeError as exc:
        raise ColumnError(
            f"{what} takes a pandas or polars DataFrame or a pyarrow Table (evaluate_frame also "
            f"a Dask DataFrame), got {type(frame).__name__}; for a lazy frame collect it first."
        ) from exc


@dataclass(frozen=True)
class Evaluated:
    """A table's SLA columns before they are written: the column rules' output, which
    rows could not be evaluated and why, and entitlement."""

    result: StatusColumns
    problems: Problems
    not_entitled: npt.NDArray[np.bool_] | None
    entitlement: npt.NDArray[np.object_] | None
    zone: str
    #: Each row's receipt (UTC microseconds; 0 where missing).
    received: npt.NDArray[np.int64]
    #: Each metric asked for, every row (rows with problems: not started).
    metrics: tuple[MetricColumns, ...] = ()
    policies: tuple[Policy, ...] = ()

    @property
    def bad(self) -> npt.NDArray[np.bool_]:
        """Rows that could not be evaluated."""
        return self.problems.mask


def evaluate_table(
    table: nw.DataFrame[Any],
    now_us: int,
    plan: ServicePlan | None,
    *,
    names: Mapping[str, str],
    contracts: Mapping[str, Contract] | None = None,
    catalog: PlanCatalog | None = None,
    events: nw.DataFrame[Any] | None = None,
    event_names: Mapping[str, str] | None = None,
    metrics: tuple[Metric, ...] = (),
    policies: tuple[Policy, ...] = (),
) -> Evaluated:
    """The SLA columns of a narwhals table of tickets (see `evaluate_frame`)."""
    default = basic_plan() if plan is None else plan
    tickets, problems = read_tickets(
        table, names, events, event_names or {}, default.vendor_follow_up,
        default.calendar_names,
    )  # fmt: skip
    n = len(table)
    plans, entitlement = _plans_and_entitlement(
        table, names, tickets, default, plan is None, contracts, catalog
    )
    result: StatusColumns | None = None
    measured: list[tuple[npt.NDArray[np.int64], tuple[MetricColumns, ...]]] = []
    zone = default.calendar.zone.key
    for chosen, rows in plans:
        if chosen.calendar.zone.key != zone:
            raise ColumnError(
                "the contracts' plans use calendars in different zones "
                f"({zone} and {chosen.calendar.zone.key}); one table takes one zone. Evaluate "
                "each zone's customers separately."
            )
        result = evaluate_rows(
            tickets, problems, rows, now_us, chosen, result, names.get("received", "received")
        )
        if metrics:
            good = rows[~problems.mask[rows]]
            attributes = attributes_of(table, names, good, chosen.tier)
            found = measure(_subset(tickets, good), attributes, now_us, chosen, metrics, policies)
            measured.append((good, found))
    if result is None:
        result = evaluate_columns(_subset(tickets, np.zeros(0, dtype=I64)), now_us, default)
        result = _scatter(None, result, np.zeros(0, dtype=I64), n)
    found = scatter_metrics(metrics, measured, n)
    if entitlement is None:
        return Evaluated(result, problems, None, None, zone, tickets.received, found, policies)
    refused, why = entitlement
    return Evaluated(
        not_entitled(result, refused), problems, refused, why, zone, tickets.received, found,
        policies,
    )  # fmt: skip


def evaluate_rows(
    tickets: TicketColumns,
    problems: Problems,
    rows: npt.NDArray[np.int64],
    now_us: int,
    plan: ServicePlan,
    into: StatusColumns | None = None,
    received: str = "received",
) -> StatusColumns:
    """The column rules over `rows` of `tickets` that have no problem yet (no DataFrame
    library needed); rows the rules refuse are added to `problems`, a ticket received
    outside the calendar's years or after `now` under the column `received`.
    Full-length columns (`into`'s, if given), other rows left as they were."""
    outside = np.zeros(len(tickets), dtype=bool)
    outside[rows] = outside_years(plan.calendar, tickets.received[rows])
    outside &= ~problems.mask
    if outside.any():  # a bad row, not an error that stops the whole table
        problems.add(received, "is " + outside_years_reason(plan.calendar), outside)
    future = np.zeros(len(tickets), dtype=bool)
    future[rows] = received_after_now(tickets.received[rows], now_us)
    future &= ~problems.mask
    if future.any():
        reason = received_after_now_reason(from_us(now_us, plan.calendar.zone))
        problems.add(received, reason, future)
    good = rows[~problems.mask[rows]]
    part = evaluate_columns(_subset(tickets, good), now_us, plan)
    for r in np.flatnonzero(part.refused):
        problems.add("events", f"the ticket {part.problem[r]}", good[r : r + 1])
    return _scatter(into, part, good, len(tickets))


def check_names(
    mapping: Mapping[str, str] | None, known: tuple[str, ...], what: str
) -> dict[str, str]:
    """The mapping of slaclock's names to the user's, refusing names slaclock does not read."""
    names = dict(mapping or {})
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ColumnError(
            f"{what} maps unknown name(s) {unknown}; slaclock reads {', '.join(known)}."
        )
    return names


def _subset(tickets: TicketColumns, rows: npt.NDArray[np.int64]) -> TicketColumns:
    """The tickets of `rows`, renumbered 0..len(rows)-1 (their events kept)."""
    if len(rows) == len(tickets):
        return tickets  # rows are sorted and distinct: all of them
    index = np.full(len(tickets), -1, dtype=I64)
    index[rows] = np.arange(len(rows))
    ev = tickets.events
    keep = index[ev.ticket] >= 0
    events = ev.take(keep)
    events = events.renumbered(index[events.ticket])
    return TicketColumns(tickets.received[rows], tickets.severity[rows], events)


def _scatter(
    into: StatusColumns | None, part: StatusColumns, rows: npt.NDArray[np.int64], n: int
) -> StatusColumns:
    """Rows of a part placed into full-length columns."""
    if into is None and len(rows) == n:
        return part
    fields = {}
    for name in StatusColumns.__dataclass_fields__:
        values = getattr(part, name)
        full = getattr(into, name) if into is not None else np.zeros(n, dtype=values.dtype)
        full[rows] = values
        fields[name] = full
    return StatusColumns(**fields)


def _plans_and_entitlement(
    table: nw.DataFrame[Any],
    names: Mapping[str, str],
    tickets: TicketColumns,
    default: ServicePlan,
    by_tier: bool,
    contracts: Mapping[str, Contract] | None,
    catalog: PlanCatalog | None,
) -> tuple[
    list[tuple[ServicePlan, npt.NDArray[np.int64]]],
    tuple[npt.NDArray[np.bool_], npt.NDArray[np.object_]] | None,
]:
    """Which plan evaluates which rows, and why rows are not entitled (None: entitled)."""
    n = len(table)
    if contracts is None:
        return [(default, np.arange(n, dtype=I64))], None
    refused, why, customers = entitlement_problems(
        table, names, tickets.received, contracts, default
    )
    groups = plans_by_tier(customers, default, contracts, catalog, by_tier)
    return [(p, np.array(rows, dtype=I64)) for p, rows in groups], (refused, why)


def invalid_rows(table: nw.DataFrame[Any], problems: Problems) -> InvalidRowsError:
    """The error for a table's bad rows: per column and reason, the count and first labels."""
    parts = []
    listed: list[dict[str, object]] = []
    for (column, reason), rows in problems.found.items():
        labels = row_labels(table, rows[:5])
        shown = ", ".join(repr(x) for x in labels) + (", ..." if len(rows) > 5 else "")
        plural = "row" if len(rows) == 1 else "rows"
        parts.append(f"{column}: {len(rows)} {plural} {reason} (first: {shown})")
        listed.append({"column": column, "reason": reason, "count": len(rows), "rows": labels})
    return InvalidRowsError(
        "cannot evaluate every row: " + "; ".join(parts) + ". Fix those rows, or pass "
        "errors='mark' to keep them with the reason in a 'problem' column.",
        listed,
    )


def _write(
    table: nw.DataFrame[Any], done: Evaluated, errors: str, prefix: str
) -> nw.DataFrame[Any]:
    result, bad, zone = done.result, done.bad, done.zone
    unentitled = result.state == _NOT_ENTITLED
    no_clock = bad | unentitled
    p = prefix
    like = nw.get_native_namespace(table)  # each column is made in the table's library
    cols = [
        write_instants(p + "clock_start", result.clock_start, zone, like, no_clock),
        write_instants(p + "deadline", result.deadline, zone, like, no_clock),
        write_labels(p + "state", result.state, STATE_LABELS, like, bad),
        write_bools(p + "breached", result.breached, like, bad),
        write_durations(p + "elapsed", result.elapsed, like, bad),
        write_durations(p + "remaining", result.remaining, like, bad),
        write_floats(p + "fraction_used", result.fraction_used, like, bad),
        write_ints(p + "warning", result.warning, like, bad),
        write_bools(p + "provisional", result.provisional, like, bad),
        write_durations(p + "target", result.target, like, bad),
        write_ints(p + "sla_severity", result.severity.astype(I64), like, bad),
    ]
    if done.policies and done.metrics:
        cols.append(write_policy(p + "policy", done.metrics[0], done.policies, like, bad))
    for m in done.metrics:
        cols += write_metric(p + m.metric.name + "_", m, zone, like, bad)
    if done.entitlement is not None:
        cols.append(write_strings(p + "entitlement", done.entitlement, like, bad))
    if errors == "mark":
        cols.append(write_strings(p + "problem", done.problems.messages(), like))
    return append_columns(table, cols)
