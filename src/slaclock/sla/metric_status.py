"""A metric's result for one ticket: its last cycle, and every cycle (values, JSON-ready)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from pydantic import Field

from slaclock import _text as short
from slaclock._model import BusinessTime, FrozenModel
from slaclock._time import from_us
from slaclock.sla.metric_cycles import METRIC_STATES, NONE, MetricColumns, MetricState
from slaclock.sla.policy import Policy

__all__ = ["MetricCycle", "MetricMap", "MetricStatus", "metric_statuses"]


class MetricCycle(FrozenModel):
    """One cycle of a metric: from a start to its stop (None while it runs)."""

    start: datetime = Field(description="The event that started the cycle.")
    stop: datetime | None = Field(description="The event that ended it; None while it runs.")
    elapsed: BusinessTime = Field(description="The time the clock counted in this cycle.")
    state: MetricState = Field(description="running, paused, met, breached, cancelled, stopped.")
    breached: bool = Field(description="Whether the cycle went past its target.")


class MetricStatus(FrozenModel):
    """One metric of one ticket at `now`: its last cycle (the running one, if any)."""

    name: str = Field(description="The metric's name.")
    state: MetricState = Field(
        description="not_started, running, paused, met, breached, cancelled, or stopped "
        "(ended, for a metric without targets)."
    )
    start: datetime | None = Field(description="The last cycle's start (None: never started).")
    stop: datetime | None = Field(description="The last cycle's end (None while it runs).")
    deadline: datetime | None = Field(
        description="When the last cycle's counted time reaches the target (None without "
        "targets); while paused it moves later with `now`."
    )
    elapsed: BusinessTime = Field(description="Time counted in the last cycle.")
    target: BusinessTime | None = Field(description="The target that applies, if any.")
    remaining: BusinessTime | None = Field(description="target - elapsed, if a target applies.")
    fraction_used: float | None = Field(description="elapsed / target, if a target applies.")
    warnings: tuple[int, ...] = Field(description="Warning percents of the target reached.")
    breach_at: datetime | None = Field(description="The deadline, once breached.")
    cycles: tuple[MetricCycle, ...] = Field(description="Every cycle so far, in time order.")
    policy: str | None = Field(
        default=None, description="The policy that set the targets (None: the metric's own)."
    )

    @property
    def breached(self) -> bool:
        """Whether the last cycle went past its target."""
        return self.state is MetricState.BREACHED

    @property
    def breached_cycles(self) -> int:
        """How many cycles went past their target."""
        return sum(c.breached for c in self.cycles)

    @property
    def total(self) -> timedelta:
        """Time counted over every cycle."""
        return sum((c.elapsed for c in self.cycles), timedelta(0))

    def __repr__(self) -> str:
        named = {"state": self.state.value, "elapsed": short.duration(self.elapsed)}
        if self.target is not None:
            named["target"] = short.duration(self.target)
        if len(self.cycles) > 1:
            named["cycles"] = str(len(self.cycles))
        return short.call("MetricStatus", short.text(self.name), named=named)


class MetricMap(dict[str, MetricStatus]):
    """Metric results by name: a read-only, hashable dict (a status is a frozen value)."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))

    def __reduce__(self) -> tuple[type[MetricMap], tuple[dict[str, MetricStatus]]]:
        return MetricMap, (dict(self),)

    def _read_only(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a status's metrics are read-only")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only


def _at(us: int, zone: ZoneInfo) -> datetime | None:
    return None if us == NONE else from_us(us, zone)


def metric_statuses(
    results: tuple[MetricColumns, ...],
    row: int,
    zone: ZoneInfo,
    policies: tuple[Policy, ...] = (),
) -> dict[str, MetricStatus]:
    """Each metric of ticket `row` as a `MetricStatus`, instants in `zone` (values read
    as Python numbers by ``item``, without a numpy scalar between)."""
    out: dict[str, MetricStatus] = {}
    for m in results:
        c = m.all_cycles
        mine = (c.ticket == row).nonzero()[0]
        cycles = tuple(  # values built here are valid by construction: not re-validated
            MetricCycle.model_construct(
                start=from_us(c.start.item(k), zone),
                stop=_at(c.stop.item(k), zone),
                elapsed=timedelta(microseconds=c.elapsed.item(k)),
                state=METRIC_STATES[c.state.item(k)],
                breached=c.breached.item(k),
            )
            for k in mine.tolist()
        )
        target = m.target.item(row)
        has_target = target != NONE
        state = METRIC_STATES[m.state.item(row)]
        deadline = _at(m.deadline.item(row), zone)
        policy = m.policy.item(row)
        reached = m.warning.item(row)
        fields: dict[str, Any] = {
            "name": m.metric.name,
            "state": state,
            "start": _at(m.start.item(row), zone),
            "stop": _at(m.stop.item(row), zone),
            "deadline": deadline,
            "elapsed": timedelta(microseconds=m.elapsed.item(row)),
            "target": timedelta(microseconds=target) if has_target else None,
            "remaining": timedelta(microseconds=m.remaining.item(row)) if has_target else None,
            "fraction_used": m.fraction_used.item(row) if has_target else None,
            "warnings": tuple(p for p in m.metric.warning_percents if p <= reached),
            "breach_at": deadline if state is MetricState.BREACHED else None,
            "cycles": cycles,
            "policy": policies[policy].name if policy < len(policies) else None,
        }
        out[m.metric.name] = MetricStatus.model_construct(**fields)
    return out
