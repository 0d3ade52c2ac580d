"""A metric: one clock over a ticket's timeline, as a value (frozen, JSON-serialisable).

A metric says when its clock starts, stops, is cancelled or reset (event
conditions, matched at one event of the timeline), when it pauses (state
conditions, holding between two events), what a start does once a cycle has
ended (`after_stop`), the hours it counts (the plan's business hours or every
hour), its targets per severity or none (measure only), and the tie rule.

Evaluation order at each event (the receipt first, then the history in order,
same-instant events in their order; only events at or before `now`):

1. `cancel` matches and a cycle runs: it ends, cancelled;
2. `stop` matches and a cycle runs: it ends, stopped;
3. `reset` matches and a cycle runs: it ends, stopped, and a new one starts here;
4. `start` matches and no cycle runs: a cycle starts here, or, once one has
   ended, what `after_stop` says: ``"new_cycle"`` a new one, ``"resume"`` the
   last one continues (a new one after a cancel), ``"extend"`` the last one
   continues and the time since its stop counts too, ``"ignore"`` nothing.

An event matching stop and start ends the running cycle and starts the next:
how periodic updates chain (ServiceNow's "a start that is a subset of the stop
never attaches" does not arise). A start while a cycle runs does nothing: a
clock keeps its oldest start. Start is an event and pause a state, so a start
and a pause that exclude each other pause the clock; they never cancel it
(ServiceNow's second pitfall).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from slaclock._checks import shorten, tuple_of
from slaclock._model import FrozenModel
from slaclock.errors import InvalidModelError
from slaclock.sla.plan import ResponseTargets, ServicePlan
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.support import SupportLevel

__all__ = [
    "Classification",
    "Created",
    "EventCondition",
    "HeldBy",
    "InStatus",
    "LevelTook",
    "MessageSent",
    "Metric",
    "PausedByEvent",
    "Reopened",
    "StateCondition",
    "StatusEntered",
    "StatusLeft",
    "metric_tuple",
    "with_plan_targets",
]


def _statuses(value: object) -> object:
    """A set of statuses from names ("on-hold" is hold) or `TicketStatus` values."""
    if isinstance(value, str):
        value = (value,)
    if isinstance(value, list | tuple | set | frozenset):
        try:
            return frozenset(TicketStatus.parse(v) for v in value)
        except ValueError:
            names = ", ".join(s.value for s in TicketStatus)
            raise InvalidModelError(
                f"statuses {shorten(value)} are not all statuses slaclock knows; use {names}."
            ) from None
    return value


class Created(FrozenModel):
    """The ticket's receipt (its creation in the helpdesk)."""

    on: Literal["created"] = "created"


class StatusEntered(FrozenModel):
    """The status becomes one of `statuses` (from one outside them)."""

    on: Literal["status_entered"] = "status_entered"
    statuses: frozenset[TicketStatus]

    _names = field_validator("statuses", mode="before")(classmethod(lambda cls, v: _statuses(v)))


class StatusLeft(FrozenModel):
    """The status leaves `statuses` (for one outside them)."""

    on: Literal["status_left"] = "status_left"
    statuses: frozenset[TicketStatus]

    _names = field_validator("statuses", mode="before")(classmethod(lambda cls, v: _statuses(v)))


class Reopened(FrozenModel):
    """The status leaves `solved` for an unsolved one (new, open, pending, hold)."""

    on: Literal["reopened"] = "reopened"


class MessageSent(FrozenModel):
    """A message by `author` (never the ticket's description); `public` None: either kind.
    `Responded` and `Updated` are public agent messages."""

    on: Literal["message"] = "message"
    author: Literal["customer", "agent"]
    public: bool | None = True


class LevelTook(FrozenModel):
    """The support level holding the ticket becomes `level` (an escalation)."""

    on: Literal["level_took"] = "level_took"
    level: SupportLevel


class Classification(FrozenModel):
    """L1 confirmed or changed the severity."""

    on: Literal["classified"] = "classified"


EventCondition = Annotated[
    Created | StatusEntered | StatusLeft | Reopened | MessageSent | LevelTook | Classification,
    Field(discriminator="on"),
]


class InStatus(FrozenModel):
    """While the status is one of `statuses`."""

    state: Literal["in_status"] = "in_status"
    statuses: frozenset[TicketStatus]

    _names = field_validator("statuses", mode="before")(classmethod(lambda cls, v: _statuses(v)))


class HeldBy(FrozenModel):
    """While one of `levels` holds the ticket."""

    state: Literal["held_by"] = "held_by"
    levels: frozenset[SupportLevel]


class PausedByEvent(FrozenModel):
    """Between a `Paused` event and the next `Resumed` (the plan must allow pausing)."""

    state: Literal["paused"] = "paused"


StateCondition = Annotated[InStatus | HeldBy | PausedByEvent, Field(discriminator="state")]

_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


class Metric(FrozenModel):
    """One clock over a ticket's timeline (see the module's evaluation order)."""

    name: str = Field(description="A lower-case identifier: it names the metric's columns.")
    start: tuple[EventCondition, ...] = Field(description="Events that start a cycle.")
    stop: tuple[EventCondition, ...] = Field(default=(), description="Events that end one.")
    pause: tuple[StateCondition, ...] = Field(
        default=(), description="States in which the clock does not count."
    )
    cancel: tuple[EventCondition, ...] = Field(
        default=(), description="Events that end a cycle as cancelled (neither met nor breached)."
    )
    reset: tuple[EventCondition, ...] = Field(
        default=(), description="Events that end the running cycle and start a new one."
    )
    after_stop: Literal["new_cycle", "resume", "extend", "ignore"] = Field(
        default="new_cycle",
        description="What a start does once a cycle has ended: a new cycle, the same one "
        "resumed, the same one with the stopped time counted, or nothing.",
    )
    hours: Literal["business", "calendar"] = Field(
        default="business",
        description="Count the plan calendar's open time, or every hour (24/7).",
    )
    calendar_change: Literal["per_span", "last"] = Field(
        default="per_span",
        description="When the ticket moves to another calendar (`CalendarChanged`): count "
        "each span on the calendar then in force (dbt_zendesk's convention), or all of it "
        "on the last one (Zendesk's, for single-event metrics).",
    )
    targets: ResponseTargets | None = Field(
        default=None, description="A duration per severity; None measures only."
    )
    breach_at_target: bool = Field(
        default=False,
        description="Reaching the target exactly is a breach (True) or met (False, the default).",
    )
    warning_percents: tuple[int, ...] = Field(
        default=(), description="Warn when this share (percent) of the target is used."
    )

    @field_validator("name", mode="after")
    @classmethod
    def _identifier(cls, v: str) -> str:
        if not _NAME.fullmatch(v):
            raise InvalidModelError(
                f"metric name {shorten(v)} must be a lower-case identifier (letters, digits, "
                "'_', starting with a letter), e.g. 'agent_work_time': it names columns."
            )
        return v

    @field_validator("warning_percents", mode="after")
    @classmethod
    def _percents(cls, v: tuple[int, ...]) -> tuple[int, ...]:
        if any(not 0 < p < 100 for p in v):
            raise InvalidModelError(
                f"warning percents must be between 1 and 99, got {shorten(v)}."
            )
        return tuple(sorted(set(v)))

    @model_validator(mode="after")
    def _sane(self) -> Metric:
        if not self.start:
            raise InvalidModelError(
                f"metric {self.name!r} has no start condition; give at least one, e.g. "
                "start=(Created(),)."
            )
        if self.targets is not None:
            for name in ("critical", "major", "minor", "informational"):
                if not isinstance(getattr(self.targets, name), timedelta):
                    raise InvalidModelError(
                        f"metric {self.name!r}: targets must be durations; a time of day "
                        f"({name}) belongs to the first-response target of a plan."
                    )
        return self

    def with_targets(self, targets: ResponseTargets | None) -> Metric:
        """The same metric with other targets (None: measure only)."""
        return Metric.model_validate({**self.model_dump(), "targets": targets})


def with_plan_targets(metrics: tuple[Metric, ...], plan: ServicePlan) -> tuple[Metric, ...]:
    """`metrics` with the targets the plan sets for them (`ServicePlan.metric_targets`),
    which replace their own; policies, when given, come before both."""
    given = {t.metric: t.targets for t in plan.metric_targets}
    if not given:
        return metrics
    return tuple(m.with_targets(given[m.name]) if m.name in given else m for m in metrics)


def metric_tuple(metrics: object) -> tuple[Metric, ...]:
    """The metrics a caller gave (a `Metric`, or any iterable of them), checked: each a
    `Metric`, names distinct (they name columns)."""
    out = (metrics,) if isinstance(metrics, Metric) else tuple_of(metrics, Metric, "metrics")
    names = [m.name for m in out]
    if len(set(names)) == len(names):
        return out
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InvalidModelError(
            f"metric names repeat: {', '.join(repeated)}; each names its own columns."
        )
    return out
