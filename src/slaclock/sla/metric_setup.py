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

from slaclock.sla.metric import EventCondition, Metric, StateCondition
from slaclock.sla.metric_cycles import NONE
from slaclock.sla.policy import Policy
from slaclock.sla.severity import Severity

__all__ = ["MetricSetup", "any_of", "metric_setup", "with_targets"]

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
    #: The distinct event conditions the machines name, and the distinct state conditions
    #: the metrics pause on: each one's mask is computed once per call...
    event_conditions: tuple[EventCondition, ...]
    state_conditions: tuple[StateCondition, ...]
    #: ...and per machine (per metric for `pause_uses`) the conditions of each role, as
    #: positions in those tuples.
    start_uses: tuple[tuple[int, ...], ...]
    stop_uses: tuple[tuple[int, ...], ...]
    cancel_uses: tuple[tuple[int, ...], ...]
    reset_uses: tuple[tuple[int, ...], ...]
    pause_uses: tuple[tuple[int, ...], ...]


#: The last call's tuples and their setup: a service passing the same tuples (such as
#: `ZENDESK_METRICS`) call after call is answered by identity, without hashing the
#: metrics (deep immutable values: about two `add`s). Replaced whole, so threads read a
#: consistent triple; the tuples it holds cannot be freed, so their ids cannot be reused.
_last: tuple[tuple[Metric, ...], tuple[Policy, ...], MetricSetup] | None = None


def metric_setup(metrics: tuple[Metric, ...], policies: tuple[Policy, ...]) -> MetricSetup:
    """The setup of `metrics` under `policies` (cached: both are immutable values)."""
    global _last
    last = _last
    if last is not None and last[0] is metrics and last[1] is policies:
        return last[2]
    setup = _setup(metrics, policies)
    _last = (metrics, policies, setup)
    return setup


@lru_cache(maxsize=64)
def _setup(metrics: tuple[Metric, ...], policies: tuple[Policy, ...]) -> MetricSetup:
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
    events = tuple(dict.fromkeys(c for m in machines for c in (*m.start, *m.stop, *m.cancel,
                                                                *m.reset)))  # fmt: skip
    states = tuple(dict.fromkeys(c for m in metrics for c in m.pause))
    return MetricSetup(
        metrics, policies, machines, machine_of, mode, business, at_target, last_calendar,
        has_targets, table, events, states,
        start_uses=tuple(tuple(events.index(c) for c in m.start) for m in machines),
        stop_uses=tuple(tuple(events.index(c) for c in m.stop) for m in machines),
        cancel_uses=tuple(tuple(events.index(c) for c in m.cancel) for m in machines),
        reset_uses=tuple(tuple(events.index(c) for c in m.reset) for m in machines),
        pause_uses=tuple(tuple(states.index(c) for c in m.pause) for m in metrics),
    )  # fmt: skip


def any_of(masks: list[npt.NDArray[np.bool_]], uses: tuple[tuple[int, ...], ...], r: int) -> (
    npt.NDArray[np.bool_]
):  # fmt: skip
    """Per row of `uses`, where any of the masks it names holds (r positions; none: never)."""
    out = np.zeros((len(uses), r), dtype=bool)
    for i, used in enumerate(uses):
        for j in used:
            out[i] |= masks[j]
    return out


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
