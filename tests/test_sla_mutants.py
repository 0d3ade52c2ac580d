"""The SLA rules against a slow reference, and the boundary cases mutation testing found
untested (issue 6: `mutmut run` on `sla/status.py` and `sla/columns.py`).

`tests.sla_reference` counts open minutes of the manual's calendar one at a time; the
histories below are drawn to land on the boundaries the rules turn on: an event at the
deadline in force, a pause that starts when the target runs out, a classification after
the clock restarted, `now` on the deadline and a minute either side.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    ByTimeOfDay,
    Classified,
    Closed,
    EntitlementError,
    Escalated,
    Paused,
    Resolved,
    Responded,
    Resumed,
    ServicePlan,
    Severity,
    SlaState,
    StayedWithProvider,
    SupportLevel,
    Ticket,
    TicketEventError,
    Updated,
    VendorDirectChosen,
    evaluate,
    evaluate_many,
)
from tests.domain import CONTRACT, ba, ticket
from tests.sla_reference import MINUTE, Expected, expected_status
from tests.strategies import instants

H = timedelta(hours=1)
PAUSABLE = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
RESTART = BASIC_PLAN.model_copy(
    update={"pausing_allowed": True, "restart_clock_on_reclassification": True}
)


# -- drawn histories against the reference ------------------------------------------------


@st.composite
def plans(draw: st.DrawFn) -> ServicePlan:
    """Basic with duration targets (whole minutes, zero included), pausing and restart."""
    names = ("critical", "major", "minor", "informational")
    update: dict[str, object] = {
        "pausing_allowed": draw(st.booleans()),
        "restart_clock_on_reclassification": draw(st.booleans()),
        "warning_percents": tuple(draw(st.sets(st.integers(1, 99), max_size=4))),
    }
    if draw(st.booleans()):
        minutes = st.sampled_from([0, 1, 60, 120, 480]) | st.integers(0, 30 * 60)
        targets = {name: timedelta(minutes=draw(minutes)) for name in names}
        update["targets"] = BASIC_PLAN.targets.model_copy(update=targets)
    return BASIC_PLAN.model_copy(update=update)


KINDS = [
    "classified",
    "classified",
    "classified",
    "responded",
    "resolved",
    "updated",
    "stayed",
    "to_l2",
    "to_vendor",
    "vendor_direct",
    "pause",
    "pause",
    "pause",
]


@st.composite
def cases(draw: st.DrawFn) -> tuple[ServicePlan, Ticket, datetime]:
    """A plan, a whole-minute ticket whose events often fall on its deadline, and `now`."""
    plan = draw(plans())
    received = draw(instants(2007, 2027))
    t = ticket(received, priority=draw(st.integers(1, 4)))
    at = received
    open_pause = False
    kinds = KINDS if plan.pausing_allowed else [k for k in KINDS if k != "pause"]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 2)) == 0:  # on the deadline as it stands, or a minute off it
            due = expected_status(t, at, plan).deadline
            at = max(at, due + draw(st.sampled_from([-1, 0, 0, 1])) * MINUTE)
        else:
            at = at + timedelta(minutes=draw(st.sampled_from([0, 1, 60]) | st.integers(0, 900)))
        kind = draw(st.sampled_from(kinds))
        event: object
        if kind == "classified":
            event = Classified(at=at, severity=Severity(draw(st.integers(1, 4))))
        elif kind == "responded":
            event = Responded(at=at)
        elif kind == "resolved":
            event = Resolved(at=at)
        elif kind == "updated":
            event = Updated(at=at)
        elif kind == "stayed":
            event = StayedWithProvider(at=at, resumes_at=at + 10 * H)
        elif kind == "to_l2":
            event = Escalated(at=at, to=SupportLevel.L2)
        elif kind == "to_vendor":
            event = Escalated(at=at, to=SupportLevel.VENDOR, assisted_only=draw(st.booleans()))
        elif kind == "vendor_direct":
            event = VendorDirectChosen(at=at)
        else:
            event = Resumed(at=at) if open_pause else Paused(at=at)
            open_pause = not open_pause
        t = t.apply(event)  # type: ignore[arg-type]
    if draw(st.integers(0, 5)) == 0:
        t = t.apply(Closed(at=at + timedelta(minutes=draw(st.integers(0, 600)))))
    last = t.history[-1].at if t.history else received
    choice = draw(st.integers(0, 3))
    if choice == 0 and t.history:
        now = draw(st.sampled_from([e.at for e in t.history]))
    elif choice == 1:  # on the deadline or a minute either side
        now = expected_status(t, last, plan).deadline
        now = max(received, now + draw(st.integers(-1, 1)) * MINUTE)
    else:
        now = received + timedelta(minutes=draw(st.integers(0, 8 * 24 * 60)))
    return plan, t, now


def observed(state: SlaState, record: dict[str, object]) -> Expected:
    return Expected(
        state=state,
        severity=Severity(record["severity"]),
        confirmed=bool(record["severity_confirmed"]),
        level=SupportLevel(record["level"]),
        target=record["target"],  # type: ignore[arg-type]
        clock_start=record["clock_start"],  # type: ignore[arg-type]
        deadline=record["deadline"],  # type: ignore[arg-type]
        elapsed=record["elapsed"],  # type: ignore[arg-type]
        stopped_at=record["stopped_at"],  # type: ignore[arg-type]
        warnings=record["warnings"],  # type: ignore[arg-type]
    )


@settings(max_examples=300)
@given(cases())
def test_evaluate_equals_the_minute_reference(case: tuple[ServicePlan, Ticket, datetime]) -> None:
    """`evaluate` gives the state, severity, level, clock start, deadline, time used,
    stop and warnings that counting open minutes gives, on the manual's calendar:
    this holds every scalar rule (stop, reclassification while the deadline in force
    has not passed, restart, pauses, met at the deadline, breached a minute later)
    to an independent statement of it, boundaries included."""
    plan, t, now = case
    status = evaluate(t, now, plan)
    record = status.as_record()
    assert observed(status.state, record) == expected_status(t, now, plan)
    assert status.remaining == status.target - status.elapsed
    assert status.breach_at == (status.deadline if status.breached else None)


@settings(max_examples=300)
@given(cases())
def test_evaluate_many_equals_the_minute_reference(
    case: tuple[ServicePlan, Ticket, datetime],
) -> None:
    """The column rules (`evaluate_many` runs `sla.columns`) against the same reference:
    a mutant in the column path is caught here even where the scalar path would
    happen to agree with it."""
    plan, t, now = case
    (row,) = evaluate_many([t], now, plan)
    assert observed(SlaState(row["state"]), row) == expected_status(t, now, plan)
    assert row["remaining"] == row["target"] - row["elapsed"]


# -- concrete cases: Mon-Fri 09:00-17:00 Buenos Aires, targets 2/6/12/24 h ------------------


def both(t: Ticket, now: datetime, plan: ServicePlan) -> list[dict[str, object]]:
    """The record of `evaluate` and the row of `evaluate_many` (the column rules)."""
    return [evaluate(t, now, plan).as_record(), *evaluate_many([t], now, plan)]


def test_a_pause_that_starts_as_the_target_runs_out_does_not_push_the_deadline() -> None:
    """Severity 1 received Tuesday 09:00 is due 11:00; a pause from 11:00 to 12:00 comes
    after the two hours were used, so the deadline stays 11:00 (the earliest instant the
    target is used up) and the ticket is breached at 12:30."""
    t = ticket(ba(2026, 11, 24, 9), priority=1)
    t = t.apply(Paused(at=ba(2026, 11, 24, 11))).apply(Resumed(at=ba(2026, 11, 24, 12)))
    for record in both(t, ba(2026, 11, 24, 12, 30), PAUSABLE):
        assert record["deadline"] == ba(2026, 11, 24, 11)
        assert record["state"] == "breached"
        assert record["breach_at"] == ba(2026, 11, 24, 11)
        assert record["elapsed"] == timedelta(hours=2, minutes=30)  # 09:00-11:00, 12:00-12:30


def test_a_pause_before_a_restarted_clock_does_not_hide_the_pauses_after_it() -> None:
    """With the clock restarted at a reclassification, a pause that ended before the new
    start is skipped and the next one still counts: severity 4 received Tuesday 09:00,
    paused 09:30-10:00, reclassified to severity 1 at 10:30 (clock restarts: due 12:30),
    paused again 11:00-12:00, so due 13:30 with 30 minutes used at 12:00."""
    t = ticket(ba(2026, 11, 24, 9), priority=4)
    t = t.apply(Paused(at=ba(2026, 11, 24, 9, 30))).apply(Resumed(at=ba(2026, 11, 24, 10)))
    t = t.apply(Classified(at=ba(2026, 11, 24, 10, 30), severity=Severity.CRITICAL))
    t = t.apply(Paused(at=ba(2026, 11, 24, 11))).apply(Resumed(at=ba(2026, 11, 24, 12)))
    for record in both(t, ba(2026, 11, 24, 12), RESTART):
        assert record["deadline"] == ba(2026, 11, 24, 13, 30)
        assert record["elapsed"] == timedelta(minutes=30)
        assert record["state"] == "running"


def test_every_reason_a_ticket_is_not_entitled_is_named() -> None:
    """A request for a title whose maintenance ended, from a contact not designated for
    it, fails twice: the repr names both codes and the record joins both findings with
    '; ' (a table cell), in the contract's order."""
    t = ticket(ba(2026, 7, 1, 10), product="Arcserve Backup")
    status = evaluate(t, ba(2026, 7, 1, 11), contract=CONTRACT)
    assert status.state is SlaState.NOT_ENTITLED
    assert "problems=(maintenance_expired, not_designated_contact)" in repr(status)
    cell = status.as_record()["problems"]
    first, second = (str(p) for p in status.problems)
    assert first.startswith("maintenance_expired: ")
    assert second.startswith("not_designated_contact: ")
    assert cell == f"{first}; {second}"


def test_a_customer_without_a_contract_is_named() -> None:
    """`evaluate_many` with contracts that lack the ticket's customer says whose contract
    is missing."""
    (row,) = evaluate_many([ticket(ba(2026, 11, 24, 9))], ba(2026, 11, 24, 10), contracts={})
    assert row["state"] == "not_entitled"
    assert row["problems"] == "no_contract: no contract for customer 'ACME SA'; on-board it first."


def test_pauses_before_a_reclassification_push_the_deadline_it_is_judged_against() -> None:
    """Severity 1 received Tuesday 09:00 (due 11:00) is paused 09:30-10:30, so the deadline
    in force is 12:00; L1 downgrades it to severity 2 at 11:30, after the bare two hours
    but before that deadline, so the downgrade applies: due 16:00 (six hours and the
    pause) and still running at 12:30, not breached at 12:00."""
    t = ticket(ba(2026, 11, 24, 9), priority=1)
    t = t.apply(Paused(at=ba(2026, 11, 24, 9, 30))).apply(Resumed(at=ba(2026, 11, 24, 10, 30)))
    t = t.apply(Classified(at=ba(2026, 11, 24, 11, 30), severity=Severity.MAJOR))
    for record in both(t, ba(2026, 11, 24, 12, 30), PAUSABLE):
        assert record["severity"] == 2
        assert record["severity_confirmed"] is True
        assert record["deadline"] == ba(2026, 11, 24, 16)
        assert record["state"] == "running"


def test_a_reclassification_before_a_time_of_day_deadline_after_hours_applies() -> None:
    """A target "by 18:00 the same day" on a calendar that closes at 17:00 is worth the open time
    to 17:00 (eight hours from 09:00), but the deadline is 18:00 itself; a downgrade at
    17:30 comes after those eight hours and before 18:00, so it applies: severity 2 (six
    hours from 09:00, due 15:00) is breached at 17:45. Judged against 17:00 instead, the
    downgrade would be refused and the ticket would still be running toward 18:00."""
    plan = BASIC_PLAN.with_targets(critical=ByTimeOfDay(at=time(18), business_days=0))
    t = ticket(ba(2026, 11, 24, 9), priority=1)
    before = both(t, ba(2026, 11, 24, 17, 30), plan)
    for record in before:
        assert record["deadline"] == ba(2026, 11, 24, 18)
        assert record["target"] == timedelta(hours=8)
        assert record["state"] == "running"
    t = t.apply(Classified(at=ba(2026, 11, 24, 17, 30), severity=Severity.MAJOR))
    for record in both(t, ba(2026, 11, 24, 17, 45), plan):
        assert record["severity"] == 2
        assert record["deadline"] == ba(2026, 11, 24, 15)
        assert record["state"] == "breached"


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def us(t: datetime) -> int:
    return (t - EPOCH) // timedelta(microseconds=1)


def test_the_history_is_read_up_to_now() -> None:
    """The rules keep the classifications before the stop, the first stop and whether it
    was a hand-over, the level of the latest escalation and every pause; events after
    `now` do not count. A ticket with no events has none of these."""
    plan = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
    t = ticket(ba(2026, 11, 24, 9), priority=3)
    s = evaluate(t, ba(2026, 11, 25), plan)
    assert (s.stopped_at, s.level, s.severity_confirmed) == (None, SupportLevel.L1, False)
    t = t.apply(Classified(at=ba(2026, 11, 24, 9, 10), severity=Severity.MAJOR))
    t = t.apply(Paused(at=ba(2026, 11, 24, 9, 20))).apply(Resumed(at=ba(2026, 11, 24, 9, 40)))
    t = t.apply(Escalated(at=ba(2026, 11, 24, 10), to=SupportLevel.L2))
    t = t.apply(Responded(at=ba(2026, 11, 24, 10, 30)))
    t = t.apply(Classified(at=ba(2026, 11, 24, 11), severity=Severity.CRITICAL))
    t = t.apply(Paused(at=ba(2026, 11, 24, 12)))
    t = t.apply(Escalated(at=ba(2026, 11, 24, 13), to=SupportLevel.VENDOR, assisted_only=True))
    s = evaluate(t, ba(2026, 11, 24, 11, 30), plan)
    assert s.severity is Severity.MAJOR and s.severity_confirmed  # the later one: after the stop
    assert s.stopped_at == ba(2026, 11, 24, 10, 30) and s.state is SlaState.MET
    assert s.level is SupportLevel.L2
    assert s.elapsed == timedelta(minutes=70)  # 9:00-10:30 less the 20-minute pause
    later = evaluate(t, ba(2026, 11, 24, 14), plan)
    assert later.level is SupportLevel.VENDOR
    assert later.state is SlaState.MET  # the clock had already stopped at the response
    assert later.elapsed == timedelta(minutes=70)  # the open pause after the stop: no change
    handed = ticket(ba(2026, 11, 24, 9)).apply(VendorDirectChosen(at=ba(2026, 11, 24, 9, 5)))
    s = evaluate(handed, ba(2026, 11, 24, 10))
    assert (s.stopped_at, s.state, s.level) == (
        ba(2026, 11, 24, 9, 5),
        SlaState.HANDED_TO_VENDOR,
        SupportLevel.VENDOR,
    )


def unvalidated(t: Ticket, *events: object) -> Ticket:
    """`t` with `events` as its history, built without validation (`model_construct`)."""
    fields = {name: getattr(t, name) for name in type(t).model_fields}
    return Ticket.model_construct(**{**fields, "history": events})


@pytest.mark.parametrize(
    ("kinds", "message"),
    [
        (
            "PP",
            "ticket 'T-1' is paused twice without a resume; add a Resumed event between the "
            "two pauses.",
        ),
        (
            "R",
            "ticket 'T-1' resumes without being paused; remove the Resumed event or add the "
            "Paused event before it.",
        ),
        (
            "PRR",
            "ticket 'T-1' resumes without being paused; remove the Resumed event or add the "
            "Paused event before it.",
        ),
    ],
)
def test_a_history_that_skipped_validation_is_still_refused(kinds: str, message: str) -> None:
    """A ticket built with `model_construct` (no validation) whose pauses do not
    alternate: `evaluate` refuses it with the whole message, naming the fix."""
    t = ticket(ba(2026, 11, 24, 9))
    events = [
        (Paused if k == "P" else Resumed)(at=ba(2026, 11, 24, 10 + n)) for n, k in enumerate(kinds)
    ]
    with pytest.raises(TicketEventError) as raised:
        evaluate(unvalidated(t, *events), ba(2026, 11, 24, 16), PAUSABLE)
    assert str(raised.value) == message


def test_a_status_shows_as_html() -> None:
    """In a notebook a status renders as HTML naming the ticket and its state."""
    html = evaluate(ticket(ba(2026, 11, 24, 9)), ba(2026, 11, 24, 12))._repr_html_()
    assert "T-1" in html
    assert "breached" in html


def test_a_reclassification_exactly_at_the_deadline_in_force_applies() -> None:
    """Severity 1 received Tuesday 16:00 is due Wednesday 10:00 (one hour Tuesday, one
    Wednesday). L1 sets severity 3 at exactly 10:00: the deadline has not passed yet, so
    the new target applies (twelve hours from receipt: Thursday 12:00) and the ticket is
    running at 10:30, not breached."""
    t = ticket(ba(2026, 11, 24, 16), priority=1)
    t = t.apply(Classified(at=ba(2026, 11, 25, 10), severity=Severity.MINOR))
    for record in both(t, ba(2026, 11, 25, 10, 30), BASIC_PLAN):
        assert record["severity"] == 3
        assert record["severity_confirmed"] is True
        assert record["deadline"] == ba(2026, 11, 26, 12)
        assert record["state"] == "running"
    late = ticket(ba(2026, 11, 24, 16), priority=1)
    late = late.apply(Classified(at=ba(2026, 11, 25, 10, 1), severity=Severity.MINOR))
    for record in both(late, ba(2026, 11, 25, 10, 30), BASIC_PLAN):
        assert record["severity"] == 1  # a minute late: the breach is settled
        assert record["severity_confirmed"] is False
        assert record["state"] == "breached"


@pytest.mark.parametrize(
    ("event", "state"),
    [
        (VendorDirectChosen, "handed_to_vendor"),
        (Responded, "met"),
    ],
)
def test_a_clock_stopped_in_time_is_met_or_handed_to_the_vendor(
    event: type[VendorDirectChosen] | type[Responded], state: str
) -> None:
    """A severity-1 clock (due 11:00) stopped at 11:00 itself by the vendor-direct choice
    is handed to the vendor; stopped by a response, it is met: the deadline is still in
    time, and the outcome is final (not breached the next day). A minute later it is
    breached."""
    t = ticket(ba(2026, 11, 24, 9), priority=1)
    for record in both(t.apply(event(at=ba(2026, 11, 24, 11))), ba(2026, 11, 25, 12), BASIC_PLAN):
        assert record["state"] == state
        assert record["stopped_at"] == ba(2026, 11, 24, 11)
        assert record["breach_at"] is None
    late = t.apply(event(at=ba(2026, 11, 24, 11, 1)))
    for record in both(late, ba(2026, 11, 25, 12), BASIC_PLAN):
        assert record["state"] == "breached"
        assert record["breach_at"] == ba(2026, 11, 24, 11)


def test_another_customers_contract_is_refused_with_both_names() -> None:
    """The contract must be the ticket customer's: the error names the ticket, its
    customer and the contract's customer."""
    other = CONTRACT.model_copy(update={"customer": "Globex SRL"})
    with pytest.raises(EntitlementError) as raised:
        evaluate(ticket(ba(2026, 11, 24, 9)), ba(2026, 11, 24, 10), contract=other)
    assert str(raised.value) == (
        "ticket 'T-1' is 'ACME SA''s but the contract is 'Globex SRL''s; pass the ticket "
        "customer's contract."
    )


def test_a_pause_under_a_plan_without_pausing_names_the_plan() -> None:
    """Basic does not allow pausing: the error names the ticket and the plan."""
    t = ticket(ba(2026, 11, 24, 9)).apply(Paused(at=ba(2026, 11, 24, 9, 30)))
    with pytest.raises(TicketEventError) as raised:
        evaluate(t, ba(2026, 11, 24, 10))
    assert str(raised.value) == (
        "ticket 'T-1' was paused, but the 'Basic Support' plan does not allow pausing "
        "(pausing_allowed=False); remove the pause, or evaluate it with a plan that allows it: "
        "plan.model_copy(update={'pausing_allowed': True})."
    )


def test_the_deadline_itself_is_still_in_time() -> None:
    """Severity 1 received Tuesday 09:00 is due 11:00: at 11:00 it is running with all of
    its target used, a microsecond later breached."""
    t = ticket(ba(2026, 11, 24, 9), priority=1)
    for record in both(t, ba(2026, 11, 24, 11), BASIC_PLAN):
        assert record["state"] == "running"
        assert record["remaining"] == timedelta(0)
        assert record["breach_at"] is None
    for record in both(t, ba(2026, 11, 24, 11) + timedelta(microseconds=1), BASIC_PLAN):
        assert record["state"] == "breached"


def test_each_reclassification_is_judged_against_the_target_the_previous_one_set() -> None:
    """Severity 4 received Tuesday 09:00 (24 hours), raised to severity 1 at 09:30: due
    11:00. Lowering it to severity 3 at 12:00 comes after that deadline, so it is ignored:
    the ticket stays severity 1 and breached, although 12:00 is well inside the 24 hours
    of the requested severity."""
    t = ticket(ba(2026, 11, 24, 9), priority=4)
    t = t.apply(Classified(at=ba(2026, 11, 24, 9, 30), severity=Severity.CRITICAL))
    t = t.apply(Classified(at=ba(2026, 11, 24, 12), severity=Severity.MINOR))
    for record in both(t, ba(2026, 11, 24, 12, 30), BASIC_PLAN):
        assert record["severity"] == 1
        assert record["severity_confirmed"] is True
        assert record["deadline"] == ba(2026, 11, 24, 11)
        assert record["state"] == "breached"
