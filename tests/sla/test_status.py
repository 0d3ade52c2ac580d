"""The SLA rules against a slow reference, and the boundary cases mutation testing found
untested (issue 6: `mutmut run` on `sla/status.py` and `sla/columns.py`).

`tests.support.sla_reference` counts open minutes of the manual's calendar one at a time; the
histories below are drawn to land on the boundaries the rules turn on: an event at the
deadline in force, a pause that starts when the target runs out, a classification after
the clock restarted, `now` on the deadline and a minute either side.

The manual's rules (SPEC §2-§6) as concrete examples.

Properties of the SLA engine, and JSON round-trips of every model.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from slaclock import (
    BASIC_PLAN,
    Alert,
    AlertKind,
    Attachment,
    BusinessCalendar,
    ByTimeOfDay,
    Channel,
    Classified,
    Closed,
    Contact,
    Contract,
    CoveredProduct,
    EntitlementError,
    Escalated,
    EscalationError,
    Finding,
    FindingCode,
    InvalidModelError,
    Paused,
    PlanCatalog,
    Priority,
    Resolved,
    Responded,
    ResponseTargets,
    Resumed,
    ServicePlan,
    Severity,
    SlaclockError,
    SlaState,
    SlaStatus,
    StayedWithProvider,
    SupportLevel,
    Ticket,
    TicketEventError,
    Tier,
    TooManyContactsError,
    UndefinedPlanError,
    Updated,
    VendorDirectChosen,
    alert_recipients,
    check_intake,
    choose_vendor_direct,
    classify,
    escalate,
    evaluate,
    evaluate_many,
    next_levels,
    remote_assistance,
    stay_with_provider,
    vendor_direct_offer,
)
from slaclock.sla.builtin_metrics import ZENDESK_METRICS
from slaclock.sla.metric_status import MetricMap
from tests.support.bad_inputs import (
    EVENT,
    NOW,
    PAUSED,
    WRONG_TYPE,
    Case,
    Gives,
    Raises,
    T,
    check,
    raises,
)
from tests.support.domain import ANA, CONTRACT, EVA, LUIS, ba, ticket
from tests.support.sla_reference import MINUTE, Expected, expected_status
from tests.support.strategies import calendars, instants, precise_instants

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
        t = t.apply(event)
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
        severity=Severity(record["severity"]),  # type: ignore[arg-type]
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


# -- was tests/test_domain_cases.py ------------------------------------------------------

# -- §2 severities and targets ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "due"),
    [
        # Received Friday 2026-11-27 16:00: 1 h on Friday, the rest from Monday 09:00.
        (1, ba(2026, 11, 30, 10)),
        (2, ba(2026, 11, 30, 14)),
        (3, ba(2026, 12, 1, 12)),
        # 24 h: Mon 8 h, Tue 8 h, Wed 7 h.
        (4, ba(2026, 12, 2, 16)),
    ],
)
def test_each_severity_across_a_weekend(severity: int, due: object) -> None:
    t = ticket(ba(2026, 11, 27, 16), priority=severity)
    status = evaluate(t, ba(2026, 11, 27, 16, 30))
    assert status.deadline == due
    assert status.target == BASIC_PLAN.target(Severity(severity))
    assert status.state is SlaState.RUNNING


@pytest.mark.parametrize(
    ("severity", "due"),
    [
        # Received Friday 2026-12-04 16:00; Mon 7 Dec (bridge) and Tue 8 Dec are closed.
        (1, ba(2026, 12, 9, 10)),
        (2, ba(2026, 12, 9, 14)),
        (3, ba(2026, 12, 10, 12)),
        (4, ba(2026, 12, 11, 16)),
    ],
)
def test_each_severity_across_a_holiday(severity: int, due: object) -> None:
    assert (
        evaluate(ticket(ba(2026, 12, 4, 16), priority=severity), ba(2026, 12, 4, 16)).deadline
        == due
    )


def test_targets_are_the_manuals() -> None:
    assert [BASIC_PLAN.target(s) for s in Severity] == [2 * H, 6 * H, 12 * H, 24 * H]
    assert Priority.TOTAL_SERVICE_LOSS.severity is Severity.CRITICAL
    assert "no workaround" in Severity.CRITICAL.meaning


def test_reclassification_uses_confirmed_target_from_receipt() -> None:
    t = ticket(ba(2026, 11, 24, 9), priority=4)
    assert evaluate(t, ba(2026, 11, 24, 9)).deadline == ba(2026, 11, 26, 17)
    t = classify(t, Severity.CRITICAL, ba(2026, 11, 24, 10))
    status = evaluate(t, ba(2026, 11, 24, 10))
    assert status.severity_confirmed
    assert status.deadline == ba(2026, 11, 24, 11)  # 2 h from receipt, not from confirmation
    restart = BASIC_PLAN.model_copy(update={"restart_clock_on_reclassification": True})
    assert evaluate(t, ba(2026, 11, 24, 10), restart).deadline == ba(2026, 11, 24, 12)


def test_met_breached_and_breach_instant() -> None:
    t = ticket(ba(2026, 11, 24, 9))
    assert evaluate(t, ba(2026, 11, 24, 11)).state is SlaState.RUNNING  # exactly at the deadline
    late = evaluate(t, ba(2026, 11, 24, 11, 0, 0, 1))
    assert late.state is SlaState.BREACHED
    assert late.breach_at == ba(2026, 11, 24, 11)
    answered = t.apply(Responded(at=ba(2026, 11, 24, 10, 59)))
    met = evaluate(answered, ba(2026, 11, 30, 9))
    assert met.state is SlaState.MET
    assert met.elapsed == timedelta(hours=1, minutes=59)
    assert met.fraction_used == 119 / 120  # a float64: elapsed / target
    assert met.warnings == (50, 75, 90)
    assert met.stopped_at == ba(2026, 11, 24, 10, 59)


def test_status_ignores_events_after_now() -> None:
    t = ticket(ba(2026, 11, 24, 9)).apply(Responded(at=ba(2026, 11, 24, 10)))
    assert evaluate(t, ba(2026, 11, 24, 9, 30)).state is SlaState.RUNNING
    assert evaluate(t, ba(2026, 11, 24, 10)).state is SlaState.MET


# -- §3 tiers, contracts, entitlement --------------------------------------------------------


def test_only_basic_is_built_in() -> None:
    catalog = PlanCatalog.builtin()
    assert catalog.get(Tier.BASIC) is BASIC_PLAN
    for tier in (Tier.ADVANCED, Tier.MANAGED_SERVICES, Tier.PREMIUM):
        with pytest.raises(UndefinedPlanError, match="define"):
            catalog.get(tier)
    premium = ServicePlan(
        tier=Tier.PREMIUM,
        name="Premium (ours)",
        targets=ResponseTargets.hours(1, 2, 4, 8),
        channels=frozenset({Channel.EMAIL, Channel.WEB_PORTAL, Channel.PHONE}),
        vendor_follow_up=True,
    )
    assert catalog.define(premium).get("premium").target(Severity.CRITICAL) == H


def test_basic_plan_scope() -> None:
    assert BASIC_PLAN.levels == {SupportLevel.L1, SupportLevel.L2}
    assert BASIC_PLAN.channels == {Channel.EMAIL, Channel.WEB_PORTAL}
    assert not BASIC_PLAN.vendor_follow_up
    assert str(BASIC_PLAN.calendar.schedule) == "Mon-Fri 09:00-17:00"  # type: ignore[union-attr]


def test_a_third_contact_is_refused() -> None:
    with pytest.raises(TooManyContactsError, match="at most 2"):
        CoveredProduct(
            title="Arcserve UDP", maintenance_end=date(2027, 1, 1), contacts=(ANA, LUIS, EVA)
        )


def test_contact_fields_are_validated() -> None:
    with pytest.raises(InvalidModelError, match="email"):
        Contact(first_name="Ana", last_name="Gómez", email="ana-at-acme", phone="+54 11 4321 0000")
    with pytest.raises(InvalidModelError, match="phone"):
        Contact(first_name="Ana", last_name="Gómez", email="ana@acme.com", phone="call me")
    with pytest.raises(SlaclockError):
        Contact(first_name=" ", last_name="Gómez", email="ana@acme.com", phone="4321 0000")


def test_entitlement_reasons() -> None:
    at = ba(2026, 11, 24, 10)
    ok = CONTRACT.entitlement("arcserve udp", ANA.email, at, BASIC_PLAN.calendar.zone)
    assert ok.entitled and ok.product is not None and ok.product.title == "Arcserve UDP"
    codes = lambda e: [p.code for p in e.problems]  # noqa: E731
    assert codes(  # type: ignore[no-untyped-call]
        CONTRACT.entitlement("Arcserve UDP", "mallory@acme.com.ar", at, BASIC_PLAN.calendar.zone)
    ) == [FindingCode.NOT_DESIGNATED_CONTACT]
    assert codes(  # type: ignore[no-untyped-call]
        CONTRACT.entitlement("Arcserve Backup", EVA.email, at, BASIC_PLAN.calendar.zone)
    ) == [FindingCode.MAINTENANCE_EXPIRED]
    assert codes(CONTRACT.entitlement("Veeam", ANA.email, at, BASIC_PLAN.calendar.zone)) == [  # type: ignore[no-untyped-call]
        FindingCode.PRODUCT_NOT_COVERED
    ]


def test_expired_contract_is_not_entitled_but_a_covered_ticket_keeps_its_deadline() -> None:
    expired = ticket(ba(2026, 7, 1, 10), product="Arcserve Backup", requester=EVA)
    status = evaluate(expired, ba(2026, 7, 1, 11), contract=CONTRACT)
    assert status.state is SlaState.NOT_ENTITLED
    assert [p.code for p in status.problems] == [FindingCode.MAINTENANCE_EXPIRED]
    # Received on the last covered day at 16:30, due after maintenance ended: still tracked.
    last_day = ticket(ba(2026, 6, 30, 16, 30), product="Arcserve Backup", requester=EVA)
    status = evaluate(last_day, ba(2026, 7, 1, 9), contract=CONTRACT)
    assert status.state is SlaState.RUNNING
    assert status.deadline == ba(2026, 7, 1, 10, 30)


def test_maintenance_end_is_read_in_the_calendar_zone() -> None:
    # 2026-07-01 01:00 UTC is still 2026-06-30 in Buenos Aires: covered.
    from datetime import datetime, timezone

    t = ticket(
        datetime(2026, 7, 1, 1, tzinfo=timezone.utc), product="Arcserve Backup", requester=EVA
    )
    assert evaluate(t, ba(2026, 7, 1, 9), contract=CONTRACT).state is not SlaState.NOT_ENTITLED


def test_contract_of_another_customer_is_an_error() -> None:
    with pytest.raises(EntitlementError, match="contract"):
        evaluate(
            ticket(ba(2026, 11, 24, 9), customer="Other SA"),
            ba(2026, 11, 24, 9),
            contract=CONTRACT,
        )


# -- §4 intake --------------------------------------------------------------------------------


def test_intake_findings() -> None:
    bad = ticket(
        ba(2026, 11, 24, 9),
        channel=Channel.EMAIL,
        signature="Saludos, Ana",
        requester=Contact(
            first_name="Ana", last_name="Gómez", email="ana.gomez@gmail.com", phone="11 4321 0000"
        ),
        attachments=(
            Attachment(filename="logs.7z", size_bytes=1000),
            Attachment(filename="big.zip", size_bytes=11 * 1024 * 1024),
            Attachment(filename="x.zip", size_bytes=10, suspicious=True),
        ),
    )
    codes = [f.code for f in check_intake(bad, CONTRACT, first_request=True)]
    assert codes == [
        FindingCode.MISSING_SIGNATURE,
        FindingCode.PUBLIC_MAILBOX,
        FindingCode.ATTACHMENT_TYPE,
        FindingCode.ATTACHMENT_TOO_LARGE,
        FindingCode.ATTACHMENT_SUSPICIOUS,
        FindingCode.NOT_DESIGNATED_CONTACT,
    ]
    good = ticket(
        ba(2026, 11, 24, 9),
        channel=Channel.EMAIL,
        signature="Saludos,\nANA GOMEZ\nACME SA",
        attachments=(Attachment(filename="logs.ZIP", size_bytes=10 * 1024 * 1024),),
    )
    assert check_intake(good, CONTRACT, first_request=True) == ()
    phone = ticket(ba(2026, 11, 24, 9), channel=Channel.PHONE)
    assert [f.code for f in check_intake(phone, None, first_request=False)] == [
        FindingCode.CHANNEL_NOT_INCLUDED,
        FindingCode.NO_CONTRACT,
    ]


# -- §5 escalation ------------------------------------------------------------------------------


def test_vendor_path_without_skipping() -> None:
    t = classify(ticket(ba(2026, 11, 24, 9), priority=2), Severity.MAJOR, ba(2026, 11, 24, 9, 10))
    assert next_levels(t) == (SupportLevel.L2,)
    with pytest.raises(EscalationError, match="skipped"):
        escalate(t, SupportLevel.VENDOR, ba(2026, 11, 24, 10), customer_vendor_login=True)
    t = escalate(t, SupportLevel.L2, ba(2026, 11, 24, 10))
    assert t.level is SupportLevel.L2
    with pytest.raises(EscalationError, match="login"):
        escalate(t, SupportLevel.VENDOR, ba(2026, 11, 25, 10))
    t = escalate(
        t,
        SupportLevel.VENDOR,
        ba(2026, 11, 25, 10),
        vendor_case_id="ARC-1",
        customer_vendor_login=True,
    )
    assert t.level is SupportLevel.VENDOR and next_levels(t) == ()
    # No response before the hand-over, which came after the 6 h deadline: breached.
    assert evaluate(t, ba(2026, 11, 26, 9)).state is SlaState.BREACHED
    with pytest.raises(EscalationError, match="already with the vendor"):
        escalate(t, SupportLevel.VENDOR, ba(2026, 11, 26, 9), customer_vendor_login=True)


def test_handed_to_vendor_within_target() -> None:
    t = escalate(ticket(ba(2026, 11, 24, 9), priority=4), SupportLevel.L2, ba(2026, 11, 24, 9, 30))
    t = escalate(t, SupportLevel.VENDOR, ba(2026, 11, 24, 10), customer_vendor_login=True)
    assert evaluate(t, ba(2026, 12, 24, 10)).state is SlaState.HANDED_TO_VENDOR


def test_severity_1_vendor_direct_offer() -> None:
    t = classify(ticket(ba(2026, 11, 20, 16, 30)), Severity.CRITICAL, ba(2026, 11, 20, 16, 40))
    offer = vendor_direct_offer(t, ba(2026, 11, 20, 16, 45))
    assert offer is not None
    assert offer.resumes_at == ba(2026, 11, 24, 9)  # Monday 23 is a holiday
    assert offer.paid_follow_up_available
    stayed = stay_with_provider(t, ba(2026, 11, 20, 16, 45))
    assert stayed.level is SupportLevel.L1
    direct = choose_vendor_direct(t, ba(2026, 11, 20, 16, 45))
    assert direct.level is SupportLevel.VENDOR
    assert evaluate(direct, ba(2026, 11, 30, 9)).state is SlaState.HANDED_TO_VENDOR
    minor = ticket(ba(2026, 11, 20, 16, 30), priority=3)
    assert vendor_direct_offer(minor, ba(2026, 11, 20, 16, 45)) is None
    with pytest.raises(EscalationError, match="severity-1"):
        choose_vendor_direct(minor, ba(2026, 11, 20, 16, 45))


def test_remote_assistance_only_in_business_hours() -> None:
    inside = remote_assistance(ba(2026, 11, 24, 10))
    assert inside.in_business_hours and inside.start == ba(2026, 11, 24, 10)
    assert not inside.now_is_billable
    night = remote_assistance(ba(2026, 11, 20, 20))
    assert night.start == ba(2026, 11, 24, 9)
    assert night.first_hour_end == ba(2026, 11, 24, 10)
    assert night.now_is_billable and night.paid_now_available


def test_pausing_needs_a_plan_that_allows_it() -> None:
    t = ticket(ba(2026, 11, 24, 9), priority=2)
    t = t.apply(Paused(at=ba(2026, 11, 24, 10))).apply(Resumed(at=ba(2026, 11, 24, 12)))
    with pytest.raises(TicketEventError, match="pausing"):
        evaluate(t, ba(2026, 11, 24, 13))
    pausable = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
    status = evaluate(t, ba(2026, 11, 24, 13), pausable)
    assert status.deadline == ba(2026, 11, 24, 17)  # 6 h + 2 h paused
    assert status.elapsed == 2 * H
    paused = ticket(ba(2026, 11, 24, 9), priority=2).apply(Paused(at=ba(2026, 11, 24, 10)))
    assert evaluate(paused, ba(2026, 11, 24, 16), pausable).state is SlaState.PAUSED


def test_ticket_history_must_be_in_time_order() -> None:
    t = ticket(ba(2026, 11, 24, 9))
    with pytest.raises(TicketEventError, match="time order"):
        t.apply(Responded(at=ba(2026, 11, 24, 8)))


# -- §6 notifications ---------------------------------------------------------------------------


def test_alert_recipients_are_contacts_of_titles_in_maintenance() -> None:
    alert = Alert(
        kind=AlertKind.THREAT,
        products=("Arcserve UDP", "Arcserve Backup"),
        subject="CVE",
        risk_level="high",
    )
    assert alert_recipients(alert, CONTRACT, ba(2026, 5, 1, 12)) == (ANA, LUIS, EVA)
    assert alert_recipients(alert, CONTRACT, ba(2026, 7, 1, 12)) == (ANA, LUIS)
    assert alert_recipients(alert, CONTRACT, ba(2027, 1, 1, 12)) == ()


# -- batch ----------------------------------------------------------------------------------------


def test_evaluate_many_returns_records() -> None:
    tickets = [ticket(ba(2026, 11, 24, 9), priority=p, id=f"T-{p}") for p in (1, 2, 3, 4)]
    rows = evaluate_many(tickets, ba(2026, 11, 24, 12))
    assert [r["state"] for r in rows] == ["breached", "running", "running", "running"]
    assert rows[0]["ticket_id"] == "T-1" and rows[0]["severity"] == 1
    one = evaluate(tickets[0], ba(2026, 11, 24, 12)).as_record()
    assert rows[0] == one
    with_contracts = evaluate_many(tickets, ba(2026, 11, 24, 12), contracts={"ACME SA": CONTRACT})
    assert [r["state"] for r in with_contracts] == [r["state"] for r in rows]
    nobody = evaluate_many(tickets[:1], ba(2026, 11, 24, 12), contracts={})
    assert nobody[0]["state"] == "not_entitled" and "no_contract" in nobody[0]["problems"]


def test_reclassification_after_a_breach_or_a_response_changes_nothing() -> None:
    t = ticket(ba(2026, 11, 24, 9), priority=1)  # 2 h: due 11:00
    # Downgraded at 12:00, after the breach at 11:00: the breach stands.
    late = classify(t, Severity.INFORMATIONAL, ba(2026, 11, 24, 12))
    status = evaluate(late, ba(2026, 11, 24, 13))
    assert status.state is SlaState.BREACHED
    assert status.deadline == ba(2026, 11, 24, 11)
    assert status.severity is Severity.CRITICAL and not status.severity_confirmed
    # Downgraded at 10:00, before the deadline: the 24 h target applies from receipt.
    early = classify(t, Severity.INFORMATIONAL, ba(2026, 11, 24, 10))
    assert evaluate(early, ba(2026, 11, 24, 13)).deadline == ba(2026, 11, 26, 17)
    # Upgraded after the first response: the met response stays met.
    answered = ticket(ba(2026, 11, 24, 9), priority=4).apply(Responded(at=ba(2026, 11, 24, 14)))
    upgraded = classify(answered, Severity.CRITICAL, ba(2026, 11, 24, 15))
    assert evaluate(upgraded, ba(2026, 11, 24, 16)).state is SlaState.MET


# -- was tests/test_sla_properties.py ----------------------------------------------------

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


# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
    # -- evaluate and evaluate_many -----------------------------------------------------------
    (
        "evaluate-plan-str",
        lambda: evaluate(T, NOW, plan="basic"),  # type: ignore[arg-type]
        raises(
            *WRONG_TYPE,
            "plan must be a ServicePlan or None, got str: 'basic'; pass a ServicePlan such as",
        ),
    ),
    (
        "evaluate-plan-tier",
        lambda: evaluate(T, NOW, plan=Tier.BASIC),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "got Tier"),
    ),
    (
        "evaluate-ticket-dict",
        lambda: evaluate({"id": "T-1"}, NOW),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "ticket must be a Ticket, got dict"),
    ),
    (
        "evaluate-contract-str",
        lambda: evaluate(T, NOW, contract="ACME SA"),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "contract must be a Contract or None"),
    ),
    (
        "evaluate-other-contract",
        lambda: evaluate(T, NOW, contract=CONTRACT.model_copy(update={"customer": "Other SA"})),
        raises(EntitlementError, ValueError, "pass the ticket customer's contract"),
    ),
    (
        "evaluate-paused-basic",
        lambda: evaluate(PAUSED, NOW),
        raises(*EVENT, "does not allow pausing (pausing_allowed=False); remove the pause"),
    ),
    ("evaluate-fine", lambda: evaluate(T, ba(2026, 11, 20, 11)).state, Gives(SlaState.RUNNING)),
    (
        "evaluate-many-dict",
        lambda: evaluate_many({"T-1": T}, NOW),  # type: ignore[dict-item]
        raises(
            *WRONG_TYPE,
            "tickets must be an iterable of Ticket, got a dict (iterating it gives its keys)",
        ),
    ),
    (
        "evaluate-many-str",
        lambda: evaluate_many("T-1", NOW),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "got str: 'T-1'"),
    ),
    ("evaluate-many-none", lambda: evaluate_many(None, NOW), raises(*WRONG_TYPE, "got NoneType")),  # type: ignore[arg-type]
    (
        "evaluate-many-ticket",
        lambda: evaluate_many(T, NOW),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "got one Ticket; wrap it in a list"),
    ),
    (
        "evaluate-many-items",
        lambda: evaluate_many([T, "T-2"], NOW),  # type: ignore[list-item]
        raises(*WRONG_TYPE, "tickets[1] must be a Ticket, got str"),
    ),
    (
        "evaluate-many-plan-str",
        lambda: evaluate_many([T], NOW, plan="basic"),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "plan must be a ServicePlan or None"),
    ),
    (
        "evaluate-many-contracts-list",
        lambda: evaluate_many([T], NOW, contracts=[CONTRACT]),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "contracts must be a Mapping"),
    ),
    (
        "evaluate-many-contract-str",
        lambda: evaluate_many([T], NOW, contracts={"ACME SA": "gold"}),  # type: ignore[dict-item]
        raises(*WRONG_TYPE, "contracts['ACME SA'] must be a Contract, got str"),
    ),
    (
        "evaluate-many-catalog-dict",
        lambda: evaluate_many([T], NOW, catalog={}),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "catalog must be a PlanCatalog"),
    ),
    (
        "evaluate-many-generator",
        lambda: [r["state"] for r in evaluate_many(iter([T]), NOW)],
        Gives(["breached"]),
    ),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)


def test_a_classification_after_the_response_changes_nothing() -> None:
    """A ticket whose only classification comes after its first response keeps the
    requested severity and is unconfirmed: the stop settled the outcome (the column
    rules once tried to apply an empty set of classifications here)."""
    t = ticket(ba(2026, 11, 24, 10), priority=2)
    t = t.apply(Responded(at=ba(2026, 11, 24, 11)))
    t = t.apply(Classified(at=ba(2026, 11, 24, 12), severity=Severity.MINOR))
    for record in both(t, ba(2026, 11, 24, 13), BASIC_PLAN):
        assert record["severity"] == 2
        assert record["severity_confirmed"] is False
        assert record["state"] == "met"


def test_a_status_sets_the_fields_it_was_given() -> None:
    """`evaluate` builds its status without validating it again, and the fields it sets
    are those a validated status would record: `metrics` only when some were asked (so
    `exclude_unset` dumps are unchanged)."""
    t = ticket(ba(2026, 11, 24, 10))
    plain = evaluate(t, ba(2026, 11, 24, 11))
    assert "metrics" not in plain.model_fields_set
    assert plain == SlaStatus.model_validate(plain.model_dump())
    assert '"metrics"' not in plain.model_dump_json(exclude_unset=True)
    measured = evaluate(t, ba(2026, 11, 24, 11), metrics=ZENDESK_METRICS)
    assert "metrics" in measured.model_fields_set
    assert isinstance(measured.metrics, MetricMap)
