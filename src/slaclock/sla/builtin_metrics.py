"""The built-in metrics: Zendesk's, as Zendesk documents them and fivetran/dbt_zendesk
computes them, and the manual's (L2's updates, the time each level holds a case).

All measure only (no targets) and count business hours; give targets with
`Metric.with_targets`. Where Zendesk and dbt_zendesk differ, these follow
dbt_zendesk and say so (docs/metrics.md has the whole comparison):

* replies are public agent messages, the description (the first message) never
  one; an outbound ticket's first reply is therefore the agent's second public
  message (Zendesk's rule; dbt_zendesk's ticket metrics take the first);
* status metrics count the statuses dbt_zendesk counts (requester wait: new,
  open, hold; agent work: new, open; agent wait: pending; on hold: hold) over
  the whole life of the ticket, a reopen adding to the same clock, up to now
  or closure;
* first resolution ends at the first solve (or closure), full resolution at
  the latest, the solved time before a reopen included.

Both tuples are made on first use (PEP 562), not by `import slaclock`: building them
validates eighteen models, a tenth of the import's cost. Every access gives the same
tuple.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from slaclock._once import on_first_use, once
from slaclock.sla.metric import (
    Created,
    HeldBy,
    InStatus,
    LevelTook,
    MessageSent,
    Metric,
    Reopened,
    StatusEntered,
)
from slaclock.sla.statuses import TicketStatus as St
from slaclock.sla.support import SupportLevel

__all__ = ["MANUAL_METRICS", "ZENDESK_METRICS"]

ZENDESK_METRICS: tuple[Metric, ...]
"""Zendesk's ticket metrics, in the order Zendesk lists them (made on first use)."""
MANUAL_METRICS: tuple[Metric, ...]
"""The manual's clocks beyond the first response: L2's updates ("each update notified to
the customer"), measured while L2 holds the case, and the time each level held it."""


@once
def _conditions() -> tuple[MessageSent, MessageSent, StatusEntered, StatusEntered]:
    """An agent's message, a customer's, solved (or closed), closed."""
    return (
        MessageSent(author="agent"),
        MessageSent(author="customer"),
        StatusEntered(statuses={St.SOLVED, St.CLOSED}),
        StatusEntered(statuses={St.CLOSED}),
    )


def _status_time(name: str, counted: set[St]) -> Metric:
    """Time in `counted` statuses over the ticket's life, up to now or closure."""
    paused = set(St) - counted - {St.CLOSED}
    return Metric(
        name=name,
        start=(Created(),),
        stop=(_conditions()[3],),
        pause=(InStatus(statuses=paused),),
        after_stop="resume",
    )


@once
def _zendesk() -> tuple[Metric, ...]:
    agent, customer, solved, _ = _conditions()
    return (
        Metric(name="first_reply_time", start=(Created(),), stop=(agent,), after_stop="ignore"),
        Metric(name="next_reply_time", start=(customer,), stop=(agent, solved)),
        Metric(name="periodic_update_time", start=(agent,), stop=(agent, solved)),
        Metric(
            name="pausable_update_time",
            start=(agent,),
            stop=(agent, solved),
            pause=(InStatus(statuses={St.PENDING}),),
        ),
        _status_time("requester_wait_time", {St.NEW, St.OPEN, St.HOLD}),
        _status_time("agent_work_time", {St.NEW, St.OPEN}),
        _status_time("agent_wait_time", {St.PENDING}),
        _status_time("on_hold_time", {St.HOLD}),
        Metric(
            name="first_resolution_time", start=(Created(),), stop=(solved,), after_stop="ignore"
        ),
        Metric(
            name="full_resolution_time",
            start=(Created(), Reopened()),
            stop=(solved,),
            after_stop="extend",
        ),
    )


def _held(level: SupportLevel) -> Metric:
    others = set(SupportLevel) - {level}
    return Metric(
        name=f"time_with_{level.value.lower()}",
        start=(Created(), Reopened()),
        stop=(_conditions()[2],),
        pause=(HeldBy(levels=others),),
        after_stop="resume",
    )


@once
def _manual() -> tuple[Metric, ...]:
    agent, _, solved, _ = _conditions()
    return (
        Metric(
            name="l2_update",
            start=(LevelTook(level=SupportLevel.L2), agent),
            stop=(agent, solved),
            pause=(HeldBy(levels={SupportLevel.L1, SupportLevel.VENDOR}),),
        ),
        _held(SupportLevel.L1),
        _held(SupportLevel.L2),
        _held(SupportLevel.VENDOR),
    )


if not TYPE_CHECKING:  # a type checker sees the names declared above; a misspelt one is an error
    __getattr__ = on_first_use(__name__, ZENDESK_METRICS=_zendesk, MANUAL_METRICS=_manual)
