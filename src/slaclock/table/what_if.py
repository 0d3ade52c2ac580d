"""What-if studies: the same tickets under several plans, compared.

    >>> result = what_if(tickets, now, {                         # doctest: +SKIP
    ...     "Basic": BASIC_PLAN,
    ...     "08-18": BASIC_PLAN.with_calendar(argentina(hours="08:00-18:00")),
    ...     "sev-2 in 4 h": BASIC_PLAN.with_targets(major=timedelta(hours=4)),
    ... })
    >>> result.summary      # per scenario and severity
    >>> result.flips        # met under the first scenario, breached under another, or back

Why longer hours can raise the breach rate: a response recorded at a fixed
clock time (say 08:30, before the old 09:00 opening) used no business time
under 09-17, but under 08-18 the clock was already running at 08:00. When
responses do not move with the hours (they are history), every open hour
added before them is time used, so tickets that were met can be breached.
Longer hours help only where they would have changed when people answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

import narwhals as nw
import numpy as np
import numpy.typing as npt
from pydantic import Field

from slaclock import _text as short
from slaclock._checks import require, shorten
from slaclock._model import FrozenModel
from slaclock._time import from_us, to_us
from slaclock.errors import ColumnError
from slaclock.sla.columns import STATE_LABELS, STATES
from slaclock.sla.contract import Contract
from slaclock.sla.metric import Metric, metric_tuple
from slaclock.sla.metric_cycles import METRIC_STATES, NONE, MetricState
from slaclock.sla.outcome import SlaState
from slaclock.sla.plan import PlanCatalog, ServicePlan, basic_plan
from slaclock.sla.policy import Policy
from slaclock.table.column_io import (
    count_rows,
    write_floats,
    write_instants,
    write_labels,
    write_strings,
)
from slaclock.table.display import what_if_html
from slaclock.table.eager import (
    INPUT_NAMES,
    Evaluated,
    check_names,
    eager,
    evaluate_table,
    invalid_rows,
)
from slaclock.table.tickets import EVENT_COLUMNS

__all__ = ["METRIC_SUMMARY_COLUMNS", "SUMMARY_COLUMNS", "Scenario", "WhatIf", "what_if"]

#: Columns of `WhatIf.summary` (`WhatIf.overall` has the same, without severity).
SUMMARY_COLUMNS = (
    "scenario",
    "severity",
    "tickets",
    "met",
    "breached",
    "running",
    "paused",
    "handed_to_vendor",
    "not_entitled",
    "not_evaluated",
    "breach_rate",
    "median_fraction_used",
    "p90_fraction_used",
)
#: Columns of `WhatIf.metrics`: one row per scenario and metric.
METRIC_SUMMARY_COLUMNS = (
    "scenario",
    "metric",
    "tickets",
    "started",
    "cycles",
    "median_elapsed_hours",
    "p90_elapsed_hours",
    "breached",
    "breach_rate",
    "breached_cycles",
)
_CODE = {s: STATES.index(s) for s in SlaState}
_NOT_STARTED = METRIC_STATES.index(MetricState.NOT_STARTED)


class Scenario(FrozenModel):
    """A plan and the policies that set its metrics' targets, compared as one scenario."""

    plan: ServicePlan = Field(default_factory=basic_plan)
    policies: tuple[Policy, ...] = ()


_US_PER_HOUR = 3_600_000_000


@dataclass(frozen=True, repr=False)
class WhatIf:
    """The outcome of a what-if study (frames of the input's kind)."""

    #: One row per scenario and severity (the severity whose target applied).
    summary: Any
    #: One row per scenario, all severities.
    overall: Any
    #: Tickets whose outcome flips against the first scenario (met <-> breached): the
    #: input columns, then scenario, baseline_state, state, baseline_deadline, deadline,
    #: deadline_shift_hours (signed: positive when the scenario's deadline is later).
    flips: Any
    #: Each scenario's fraction of target used, per evaluated ticket (for plots).
    fraction_used: Mapping[str, npt.NDArray[np.float64]]
    #: The scenario names, the first being the baseline.
    scenarios: tuple[str, ...]
    #: The instant evaluated at (in the baseline calendar's zone).
    now: datetime | None = None
    #: The first and last receipt among the tickets evaluated (None if none).
    received: tuple[datetime, datetime] | None = None
    #: One row per scenario and metric asked for (`METRIC_SUMMARY_COLUMNS`; None without
    #: metrics): tickets whose clock started, cycles, elapsed of the last cycle in hours
    #: (median and 90th percentile), breached last cycles and their rate, breached cycles.
    metrics: Any = None

    @property
    def tickets(self) -> int:
        """How many tickets the study evaluated (the first scenario's count)."""
        column = nw.from_native(self.overall, eager_only=True)["tickets"].to_list()
        return int(column[0]) if column else 0

    def __repr__(self) -> str:
        named = {
            "scenarios": "(" + ", ".join(short.text(name) for name in self.scenarios) + ")",
            "tickets": str(self.tickets),
            "flips": str(count_rows(self.flips)),
        }
        return short.call("WhatIf", named=named)

    def _repr_html_(self) -> str:
        return what_if_html(self)

    def plot_breach_rates(self, ax: Any = None) -> Any:
        """Bars of the breach rate per severity, one colour per scenario (matplotlib)."""
        from slaclock.table.plot import plot_breach_rates

        return plot_breach_rates(self, ax)

    def plot_fraction_used(self, ax: Any = None) -> Any:
        """The distribution of the fraction of target used, per scenario (matplotlib)."""
        from slaclock.table.plot import plot_fraction_used

        return plot_fraction_used(self, ax)


def _counts(done: Evaluated, rows: npt.NDArray[np.bool_]) -> dict[str, Any]:
    state = done.result.state[rows]
    counted = ~done.bad[rows]
    fraction = done.result.fraction_used[rows][counted & (state != _CODE[SlaState.NOT_ENTITLED])]
    tickets = int(counted.sum())
    out: dict[str, Any] = {"tickets": tickets}
    for name, s in (
        ("met", SlaState.MET),
        ("breached", SlaState.BREACHED),
        ("running", SlaState.RUNNING),
        ("paused", SlaState.PAUSED),
        ("handed_to_vendor", SlaState.HANDED_TO_VENDOR),
        ("not_entitled", SlaState.NOT_ENTITLED),
    ):
        out[name] = int((counted & (state == _CODE[s])).sum())
    out["not_evaluated"] = int((~counted).sum())
    judged = tickets - out["not_entitled"]
    out["breach_rate"] = out["breached"] / judged if judged else float("nan")
    out["median_fraction_used"] = float(np.median(fraction)) if len(fraction) else float("nan")
    out["p90_fraction_used"] = float(np.quantile(fraction, 0.9)) if len(fraction) else float("nan")
    return out


def what_if(
    frame: Any,
    now: datetime,
    scenarios: Mapping[str, ServicePlan | Scenario],
    *,
    metrics: Metric | Iterable[Metric] = (),
    columns: Mapping[str, str] | None = None,
    contracts: Mapping[str, Contract] | None = None,
    catalog: PlanCatalog | None = None,
    events: Any = None,
    event_columns: Mapping[str, str] | None = None,
    errors: Literal["raise", "mark"] = "raise",
) -> WhatIf:
    """Evaluate the tickets of `frame` at `now` under each plan of `scenarios` and compare.

    The first scenario is the baseline for `WhatIf.flips`. The breach rate is
    breached / tickets evaluated (not-entitled tickets left out). Takes the
    arguments of `evaluate_frame`; bad rows raise `InvalidRowsError`, or with
    ``errors="mark"`` are left out of the counts and rates, counted in
    ``not_evaluated`` (of `overall`: a bad row may have no severity) and never flip.
    A scenario is a plan, or a `Scenario` (a plan and its policies); with `metrics`,
    `WhatIf.metrics` compares every metric across the scenarios.
    """
    asked = metric_tuple(metrics)
    if errors not in ("raise", "mark"):
        raise ColumnError(f"errors must be 'raise' or 'mark', got {shorten(errors)}.")
    require(
        scenarios,
        Mapping,
        "scenarios",
        "name each plan: {'Basic': BASIC_PLAN, '08-18': plan.with_calendar(...)}.",
    )
    if not scenarios:
        raise ColumnError("give at least one scenario, e.g. {'Basic': BASIC_PLAN}.")
    if nw.dependencies.is_dask_dataframe(frame):
        raise ColumnError(
            "what_if needs the tickets in memory: compute the Dask frame first, or use "
            "evaluate_frame per scenario and aggregate with Dask."
        )
    table = eager(frame, "what_if")
    names = check_names(columns, INPUT_NAMES, "columns")
    event_names = check_names(event_columns, EVENT_COLUMNS, "event_columns")
    event_table = None if events is None else eager(events, "events")
    now_us = to_us(now, "now")
    done: dict[str, Evaluated] = {}
    for name, given in scenarios.items():
        if not isinstance(given, ServicePlan | Scenario):
            raise ColumnError(
                f"scenario {name!r} is a {type(given).__name__}, not a ServicePlan or a "
                "Scenario; build variants with plan.with_calendar(...), "
                "plan.with_targets(...) or Scenario(plan=..., policies=...)."
            )
        scenario = given if isinstance(given, Scenario) else Scenario(plan=given)
        done[name] = evaluate_table(
            table, now_us, scenario.plan, names=names, contracts=contracts, catalog=catalog,
            events=event_table, event_names=event_names, metrics=asked,
            policies=scenario.policies,
        )  # fmt: skip
        if done[name].bad.any() and errors == "raise":
            raise invalid_rows(table, done[name].problems)
    backend = nw.get_native_namespace(table)
    order = tuple(scenarios)
    base_zone = ZoneInfo(done[order[0]].zone)
    summary: dict[str, list[Any]] = {c: [] for c in SUMMARY_COLUMNS}
    overall: dict[str, list[Any]] = {c: [] for c in SUMMARY_COLUMNS if c != "severity"}
    for name in order:
        result = done[name]
        every = np.ones(len(table), dtype=bool)
        for key, value in {"scenario": name, **_counts(result, every)}.items():
            overall[key].append(value)
        for severity in range(1, 5):
            rows = result.result.severity == severity
            if not rows.any():
                continue
            summary["scenario"].append(name)
            summary["severity"].append(severity)
            for key, value in _counts(result, rows).items():
                summary[key].append(value)
    return WhatIf(
        summary=nw.from_dict(summary, backend=backend).to_native(),
        overall=nw.from_dict(overall, backend=backend).to_native(),
        flips=_flips(table, done, order),
        fraction_used={
            name: done[name].result.fraction_used[
                ~done[name].bad & (done[name].result.state != _CODE[SlaState.NOT_ENTITLED])
            ]
            for name in order
        },
        scenarios=order,
        now=from_us(now_us, base_zone),
        received=_received_span(done[order[0]], base_zone),
        metrics=_metric_summary(done, order, backend) if asked else None,
    )


def _metric_summary(done: Mapping[str, Evaluated], order: tuple[str, ...], backend: Any) -> Any:
    """One row per scenario and metric (rows that could not be evaluated left out)."""
    out: dict[str, list[Any]] = {c: [] for c in METRIC_SUMMARY_COLUMNS}
    for name in order:
        result = done[name]
        good = ~result.bad
        for m in result.metrics:
            started = good & (m.state != _NOT_STARTED)
            hours = m.elapsed[started] / _US_PER_HOUR
            breached = int((m.breached & good).sum())
            judged = int((started & (m.target != NONE)).sum())
            row = {
                "scenario": name,
                "metric": m.metric.name,
                "tickets": int(good.sum()),
                "started": int(started.sum()),
                "cycles": int(m.cycles[good].sum()),
                "median_elapsed_hours": float(np.median(hours)) if len(hours) else float("nan"),
                "p90_elapsed_hours": float(np.quantile(hours, 0.9))
                if len(hours)
                else float("nan"),
                "breached": breached,
                "breach_rate": breached / judged if judged else float("nan"),
                "breached_cycles": int(m.breached_cycles[good].sum()),
            }
            for key, value in row.items():
                out[key].append(value)
    return nw.from_dict(out, backend=backend).to_native()


def _received_span(done: Evaluated, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    """The first and last receipt of the rows evaluated."""
    received = done.received[~done.bad]
    if not len(received):
        return None
    return from_us(int(received.min()), zone), from_us(int(received.max()), zone)


def _flips(table: nw.DataFrame[Any], done: Mapping[str, Evaluated], order: tuple[str, ...]) -> Any:
    base = done[order[0]].result
    met, breached = _CODE[SlaState.MET], _CODE[SlaState.BREACHED]
    parts = []
    for name in order[1:]:
        other = done[name].result
        flipped = ((base.state == met) & (other.state == breached)) | (
            (base.state == breached) & (other.state == met)
        )
        flipped &= ~done[order[0]].bad & ~done[name].bad  # a row not evaluated never flips
        rows = np.flatnonzero(flipped)
        part = table[rows.tolist()] if len(rows) else table.head(0)
        zone = done[name].zone
        shift = other.deadline[rows] - base.deadline[rows]
        parts.append(
            part.with_columns(
                write_strings("scenario", np.full(len(rows), name, dtype=object), part),
                write_labels("baseline_state", base.state[rows], STATE_LABELS, part),
                write_labels("state", other.state[rows], STATE_LABELS, part),
                write_instants(
                    "baseline_deadline", base.deadline[rows], done[order[0]].zone, part
                ),
                write_instants("deadline", other.deadline[rows], zone, part),
                write_floats("deadline_shift_hours", shift / _US_PER_HOUR, part),
            )
        )
    if not parts:
        empty = table.head(0)
        none = np.zeros(0, dtype=np.int64)
        text = np.zeros(0, dtype=object)
        zone = done[order[0]].zone
        parts.append(
            empty.with_columns(
                write_strings("scenario", text, empty),
                write_labels("baseline_state", none, STATE_LABELS, empty),
                write_labels("state", none, STATE_LABELS, empty),
                write_instants("baseline_deadline", none, zone, empty),
                write_instants("deadline", none, zone, empty),
                write_floats("deadline_shift_hours", none.astype(np.float64), empty),
            )
        )
    return nw.concat(parts, how="vertical").to_native()
