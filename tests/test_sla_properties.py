"""Properties of the SLA engine, and JSON round-trips of every model."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from slaclock import (
    BASIC_PLAN,
    Alert,
    AlertKind,
    BusinessCalendar,
    Classified,
    Contract,
    Escalated,
    Finding,
    FindingCode,
    Paused,
    Responded,
    Resumed,
    ServicePlan,
    Severity,
    SlaState,
    SlaStatus,
    SupportLevel,
    Ticket,
    evaluate,
    evaluate_many,
    remote_assistance,
    vendor_direct_offer,
)
from tests.domain import CONTRACT, ticket
from tests.strategies import calendars, precise_instants

US = timedelta(microseconds=1)
ORDER = {SlaState.RUNNING: 0, SlaState.MET: 1, SlaState.HANDED_TO_VENDOR: 1, SlaState.BREACHED: 1}


@st.composite
def tickets(draw: st.DrawFn) -> Ticket:
    received = draw(precise_instants())
    t = ticket(received, priority=draw(st.integers(1, 4)))
    at = received
    for _ in range(draw(st.integers(0, 3))):
        at = at + timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
        kind = draw(st.sampled_from(["classified", "classified", "responded"]))
        if kind == "classified":
            t = t.apply(Classified(at=at, severity=Severity(draw(st.integers(1, 4)))))
        else:
            t = t.apply(Responded(at=at))
    return t


def nows(t: Ticket) -> st.SearchStrategy[datetime]:
    """Instants from receipt (one received later is refused: tests/test_received_after_now.py)."""
    return st.integers(0, 40 * 24 * 60).map(lambda m: t.received + timedelta(minutes=m))


@given(tickets(), st.data())
def test_deadline_never_precedes_receipt(t: Ticket, data: st.DataObject) -> None:
    status = evaluate(t, data.draw(nows(t)))
    assert status.deadline is not None and status.deadline >= t.received
    assert status.clock_start is not None and status.clock_start >= t.received


@given(tickets(), st.data())
def test_status_is_monotone_in_now(t: Ticket, data: st.DataObject) -> None:
    a, b = sorted((data.draw(nows(t)), data.draw(nows(t))))
    sa, sb = evaluate(t, a), evaluate(t, b)
    assert ORDER[sa.state] <= ORDER[sb.state]
    assert sa.elapsed <= sb.elapsed
    if sa.state in (SlaState.MET, SlaState.BREACHED, SlaState.HANDED_TO_VENDOR):
        # Settled: a met ticket stays met, a breach stays a breach, later events change nothing.
        assert sb.state is sa.state
        assert (sb.deadline, sb.target, sb.severity) == (sa.deadline, sa.target, sa.severity)
    if sa.target == sb.target:  # a reclassification may change the target in between
        assert sa.warnings == sb.warnings[: len(sa.warnings)]


@given(precise_instants(), st.integers(1, 4))
def test_breach_happens_exactly_at_the_deadline(received: datetime, priority: int) -> None:
    t = ticket(received, priority=priority)
    deadline = evaluate(t, received).deadline
    assert deadline is not None
    at = evaluate(t, deadline)
    assert at.state is SlaState.RUNNING and at.remaining == timedelta(0)
    after = evaluate(t, deadline.astimezone(timezone.utc) + US)
    assert after.state is SlaState.BREACHED and after.breach_at == deadline
    # A response at the deadline is on time; a microsecond later it is not.
    assert evaluate(t.apply(Responded(at=deadline)), deadline).state is SlaState.MET
    late = t.apply(Responded(at=deadline.astimezone(timezone.utc) + US))
    assert evaluate(late, deadline + timedelta(days=30)).state is SlaState.BREACHED


@given(tickets(), st.integers(1, 4), st.integers(0, 5000))
def test_raising_severity_never_extends_the_deadline(t: Ticket, to: int, minutes: int) -> None:
    now = t.history[-1].at if t.history else t.received
    now = now + timedelta(minutes=minutes)
    before = evaluate(t, now)
    severity = Severity(to)
    if severity <= before.severity:  # a numerically lower severity is more urgent
        after = evaluate(t.apply(Classified(at=now, severity=severity)), now)
        assert after.deadline is not None and before.deadline is not None
        assert after.deadline <= before.deadline


@given(tickets(), st.data())
def test_elapsed_plus_remaining_is_the_target(t: Ticket, data: st.DataObject) -> None:
    s = evaluate(t, data.draw(nows(t)))
    assert s.elapsed + s.remaining == s.target
    assert s.elapsed >= timedelta(0)


@given(
    tickets(),
    st.integers(0, 600),
    st.integers(0, 600),
    st.integers(0, 3000),
)
def test_pauses_only_ever_push_the_deadline_later(
    t: Ticket, start: int, length: int, later: int
) -> None:
    pausable = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
    last = t.history[-1].at if t.history else t.received
    p0 = last + timedelta(minutes=start)
    p1 = p0 + timedelta(minutes=length)
    paused = t.apply(Paused(at=p0)).apply(Resumed(at=p1))
    now = p1 + timedelta(minutes=later)
    plain, with_pause = evaluate(t, now, pausable), evaluate(paused, now, pausable)
    assert with_pause.deadline is not None and plain.deadline is not None
    assert with_pause.deadline >= plain.deadline
    assert with_pause.elapsed <= plain.elapsed


# -- JSON round-trips ---------------------------------------------------------------------------


def roundtrip(model: BaseModel) -> None:
    again = type(model).model_validate_json(model.model_dump_json())
    assert again == model
    assert type(model).model_json_schema()["type"] == "object"


@given(tickets())
def test_ticket_json_roundtrip(t: Ticket) -> None:
    t = t.apply(Escalated(at=t.history[-1].at if t.history else t.received, to=SupportLevel.L2))
    roundtrip(t)


@given(tickets(), st.data())
def test_status_json_roundtrip(t: Ticket, data: st.DataObject) -> None:
    s = evaluate(t, data.draw(nows(t)))
    again = SlaStatus.model_validate_json(s.model_dump_json())
    assert again.model_dump() == s.model_dump()


@given(calendars())
def test_calendar_and_plan_json_roundtrip(cal: BusinessCalendar) -> None:
    roundtrip(cal)
    roundtrip(BASIC_PLAN.model_copy(update={"calendar": cal}))


def test_other_models_json_roundtrip() -> None:
    models: list[Any] = [
        CONTRACT,
        BASIC_PLAN,
        Finding(code=FindingCode.PUBLIC_MAILBOX, message="x"),
        Alert(kind=AlertKind.UPDATE, products=("Arcserve UDP",), subject="patch"),
        remote_assistance(datetime(2026, 11, 20, 20, tzinfo=timezone.utc)),
    ]
    t = ticket(datetime(2026, 11, 20, 19, 30, tzinfo=timezone.utc))
    offer = vendor_direct_offer(t, datetime(2026, 11, 20, 20, tzinfo=timezone.utc))
    assert offer is not None
    models.append(offer)
    for m in models:
        roundtrip(m)
    assert Contract.model_validate(CONTRACT.model_dump()) == CONTRACT
    assert ServicePlan.model_validate_json(BASIC_PLAN.model_dump_json()).target(
        Severity.MAJOR
    ) == timedelta(hours=6)


@given(st.lists(tickets(), min_size=1, max_size=5), st.integers(0, 20 * 24 * 60))
def test_batch_rows_equal_single_evaluations(ts: list[Ticket], minutes: int) -> None:
    now = max(t.received for t in ts) + timedelta(minutes=minutes)
    rows = evaluate_many(ts, now)
    assert rows == [evaluate(t, now).as_record() for t in ts]
    with_contract = evaluate_many(ts, now, contracts={"ACME SA": CONTRACT})
    assert with_contract == [evaluate(t, now, contract=CONTRACT).as_record() for t in ts]
