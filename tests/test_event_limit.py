"""Many pauses and reclassifications cost linear work, not quadratic (issue 17, item 3),
and a history longer than `Limits.ticket_events` is refused at validation, the limit
raisable for a block. Work is counted (engine calls and the instants they are given), not timed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import pytest

from slaclock import (
    BASIC_PLAN,
    InvalidModelError,
    LimitExceededError,
    Limits,
    SlaclockError,
    Ticket,
    evaluate,
    evaluate_many,
)
from slaclock.calendar.engine import Engine
from tests.domain import ba, ticket

PAUSING = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
START = ba(2026, 1, 5, 9)


def history(n: int) -> list[dict[str, Any]]:
    """n events: pause, resume, reclassify (3 and 4 in turn), a minute or a second apart."""
    out: list[dict[str, Any]] = []
    at = START
    for k in range(n // 3):
        at += timedelta(minutes=1)
        out.append({"kind": "paused", "at": at})
        at += timedelta(minutes=1)
        out.append({"kind": "resumed", "at": at})
        at += timedelta(seconds=1)
        out.append({"kind": "classified", "at": at, "severity": 4 - k % 2})
    return out


def long_ticket(n: int, limit: int | None = None) -> Ticket:
    data = ticket(START, priority=4).model_dump()
    data["history"] = history(n)
    with Limits(ticket_events=limit or Limits().ticket_events).active():
        return Ticket.model_validate(data)


@contextmanager
def counted() -> Iterator[dict[str, int]]:
    """Count the engine's calls, and the instants its column calls are given."""
    work = {"calls": 0, "instants": 0}
    names = ("add", "elapsed", "next_open", "add_many", "elapsed_many", "next_open_many")
    saved = {name: getattr(Engine, name) for name in names}

    def counting(original: Callable[..., Any]) -> Callable[..., Any]:
        def call(self: Engine, *args: Any) -> Any:
            work["calls"] += 1
            first = args[0]
            work["instants"] += len(first) if hasattr(first, "__len__") else 1
            return original(self, *args)

        return call

    try:
        for name, original in saved.items():
            setattr(Engine, name, counting(original))
        yield work
    finally:
        for name, original in saved.items():
            setattr(Engine, name, original)


def now_of(t: Ticket) -> datetime:
    return t.history[-1].at + timedelta(days=30)


@pytest.mark.parametrize(
    "run",
    [
        lambda t: evaluate(t, now_of(t), PAUSING),
        lambda t: evaluate_many([t], now_of(t), PAUSING),
    ],
    ids=["evaluate", "evaluate_many"],
)
def test_work_grows_linearly_with_the_events(run: Callable[[Ticket], object]) -> None:
    """At most a few engine calls (and instants given to them) an event, at two sizes: the
    quadratic walk made one call per pause for each reclassification (a million here)."""
    for n in (1_500, 3_000):
        t = long_ticket(n)
        with counted() as work:
            run(t)
        assert work["calls"] <= 3 * n, work
        assert work["instants"] <= 3 * n, work


def test_the_columns_equal_the_single_ticket_with_many_events() -> None:
    t = long_ticket(600)
    now = now_of(t)
    assert evaluate_many([t], now, PAUSING) == [evaluate(t, now, PAUSING).as_record()]
    for minutes in (30, 90, 200, 400):  # instants inside the history, between its events
        at = START + timedelta(minutes=minutes)
        assert evaluate_many([t], at, PAUSING) == [evaluate(t, at, PAUSING).as_record()]


def test_twenty_thousand_events_evaluate_when_the_limit_is_raised() -> None:
    t = long_ticket(20_001, limit=20_001)
    with counted() as work:
        status = evaluate(t, now_of(t), PAUSING)
    assert status.severity_confirmed
    assert work["calls"] <= 3 * len(t.history)  # a few engine calls an event


def test_a_longer_history_is_refused_at_validation_naming_the_limit() -> None:
    most = Limits().ticket_events
    assert most == 10_000
    data = ticket(START).model_dump()
    data["history"] = [{"kind": "updated", "at": START}] * (most + 1)
    with pytest.raises(LimitExceededError, match="ticket_events") as caught:
        Ticket.model_validate(data)
    assert "10,001" in str(caught.value) and "10,000" in str(caught.value)
    assert (caught.value.limit, caught.value.value, caught.value.maximum) == (
        "ticket_events",
        most + 1,
        most,
    )
    assert isinstance(caught.value, SlaclockError) and isinstance(caught.value, ValueError)
    assert not isinstance(caught.value, InvalidModelError)
    with pytest.raises(LimitExceededError):
        Ticket(**data)
    data["history"] = data["history"][:most]
    assert len(Ticket.model_validate(data).history) == most  # the limit itself is fine
    with Limits(ticket_events=10).active(), pytest.raises(LimitExceededError, match=r"= 10\b"):
        Ticket.model_validate(data)
