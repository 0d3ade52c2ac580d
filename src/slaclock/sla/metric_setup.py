"""What a call's metrics need before any ticket is read, built once per metrics and
policies: which metrics share a cycle machine, each metric's hours, tie rule and calendar
rule, and the table of targets per policy and severity. A service evaluating one ticket
at a time pays for it once, not per call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from slaclock.sla.metric import Metric
from slaclock.sla.metric_cycles import NONE
from slaclock.sla.policy import Policy
from slaclock.sla.severity import Severity

__all__ = ["MetricSetup", "metric_setup", "with_targets"]

I64 = np.int64


def with_targets(metric: Metric, policies: tuple[Policy, ...]) -> bool:
    """Whether a metric can have a target: its own, or one a policy sets."""
    return metric.targets is not None or any(
        t.metric == metric.name and t.targets is not None for p in policies for t in p.targets
    )


@dataclass(frozen=True)
class MetricSetup:
    """The fixed part of evaluating `metrics` under `policies` (arrays read-only)."""

    metrics: tuple[Metric, ...]
    policies: tuple[Policy, ...]
    #: Metrics that differ only in pauses, hours or targets share one cycle machine: their
    #: cycles start and end at the same events, so those are found once.
    machines: tuple[Metric, ...]
    machine_of: npt.NDArray[np.intp]  #: per metric, its machine
    mode: npt.NDArray[np.str_]  #: per machine, `after_stop` (a column: machines x 1)
    business: npt.NDArray[np.bool_]  #: per metric: counts business hours
    at_target: npt.NDArray[np.bool_]  #: per metric: breached on reaching the target
    last_calendar: npt.NDArray[np.bool_]  #: per metric: counts on the calendar at the end
    has_targets: tuple[bool, ...]  #: per metric: `with_targets`
    #: (policy, metric, severity 0-4) -> target µs (NONE: measure only); the last policy
    #: row is "none matched": the metrics' own targets. None when no metric has one.
    targets: npt.NDArray[np.int64] | None


@lru_cache(maxsize=64)
def metric_setup(metrics: tuple[Metric, ...], policies: tuple[Policy, ...]) -> MetricSetup:
    """The setup of `metrics` under `policies` (cached: both are immutable values)."""
    signature = [
        (frozenset(m.start), frozenset(m.stop), frozenset(m.cancel), frozenset(m.reset),
         m.after_stop)
        for m in metrics
    ]  # fmt: skip
    distinct = list(dict.fromkeys(signature))
    machines = tuple(metrics[signature.index(s)] for s in distinct)
    has_targets = tuple(with_targets(m, policies) for m in metrics)
    arrays = (
        np.array([distinct.index(s) for s in signature], dtype=np.intp),
        np.array([m.after_stop for m in machines])[:, None],
        np.array([m.hours == "business" for m in metrics], dtype=bool),
        np.array([m.breach_at_target for m in metrics], dtype=bool),
        np.array([m.calendar_change == "last" for m in metrics], dtype=bool),
    )
    table = _targets(metrics, policies) if any(has_targets) else None
    for a in (*arrays, *(() if table is None else (table,))):
        a.setflags(write=False)
    machine_of, mode, business, at_target, last_calendar = arrays
    return MetricSetup(
        metrics, policies, machines, machine_of, mode, business, at_target, last_calendar,
        has_targets, table,
    )  # fmt: skip


def _targets(metrics: tuple[Metric, ...], policies: tuple[Policy, ...]) -> npt.NDArray[np.int64]:
    table = np.full((len(policies) + 1, len(metrics), 5), NONE, dtype=I64)
    for k, m in enumerate(metrics):
        own = m.targets
        for p, policy in enumerate((*policies, None)):
            given = own
            if policy is not None:
                given = next((t.targets for t in policy.targets if t.metric == m.name), own)
            if given is not None:
                table[p, k, 1:] = [_us(given[s]) for s in Severity]
    return table


def _us(target: object) -> int:
    assert isinstance(target, timedelta)  # `Metric` takes durations only
    return target // timedelta(microseconds=1)
