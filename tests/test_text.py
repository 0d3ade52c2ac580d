"""Short reprs: ISO instants, durations in hours, enums as values, defaults left out.

And nothing else changes: equality, hashing, pickling and JSON are the models'.
"""

from __future__ import annotations

import pickle
import re
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import slaclock
from slaclock import (
    BASIC_PLAN,
    Alert,
    AlertKind,
    Attachment,
    BusinessCalendar,
    ByTimeOfDay,
    Closed,
    Closure,
    DatedHoliday,
    Finding,
    FindingCode,
    HolidayRules,
    IntakeRules,
    Opening,
    OpenInterval,
    Paused,
    PlanCatalog,
    Resolved,
    Responded,
    Resumed,
    StayedWithProvider,
    SupportLevel,
    Ticket,
    Updated,
    VendorDirectChosen,
    Version,
    VersionedCalendar,
    WeeklySchedule,
    argentina,
    classify,
    escalate,
    evaluate,
    remote_assistance,
    vendor_direct_offer,
    what_if,
)
from slaclock._model import FrozenModel
from slaclock._text import duration, instant, value, when
from tests.support.domain import ANA, CONTRACT, UDP, ba, ticket
from tests.support.strategies import calendars
from tests.support.tickets import histories, nows, plans

AT = ba(2026, 11, 20, 16, 30)
#: What a repr must never show: the long forms of the standard library and pydantic.
NOISE = re.compile(r"datetime\.|zoneinfo|ZoneInfo|timedelta\(|<[A-Za-z]+\.[A-Z_]+: ")


def history_ticket() -> Ticket:
    t = classify(ticket(AT, priority=1, id="CAS-1"), 2, AT + timedelta(minutes=10))  # type: ignore[arg-type]
    return escalate(t, SupportLevel.L2, AT + timedelta(minutes=20))


def examples() -> list[object]:
    """One or more instances of every public model and dataclass."""
    t = history_ticket()
    status = evaluate(t, AT + timedelta(days=5))
    cal = argentina(closures=[Closure(day=date(2026, 12, 24), hours="13:00-17:00")])
    explanation = cal.explain(AT, timedelta(hours=2))
    offer = vendor_direct_offer(ticket(AT, priority=1), AT)
    assert offer is not None
    return [
        cal,
        argentina(non_working_days=False, reopened=[date(2026, 12, 7)]),
        BusinessCalendar(zone="Europe/Madrid", holidays=None),
        cal.schedule,
        cal.schedule.days[0][0],
        cal.closures[0],
        HolidayRules(),
        cal.holiday_data(),
        cal.holiday(date(2026, 11, 23)),
        explanation,
        explanation.periods[0],
        explanation.closed_days[0],
        BASIC_PLAN,
        BASIC_PLAN.targets,
        BASIC_PLAN.intake,
        BASIC_PLAN.with_calendar(argentina(hours="08:00-18:00")),
        BASIC_PLAN.with_calendar(argentina(non_working_days=False)),
        PlanCatalog.builtin(),
        slaclock.Limits(combined_parts=32),
        t,
        *t.history,
        status,
        evaluate(t, AT, contract=CONTRACT.model_copy(update={"products": ()})),
        ANA,
        UDP,
        CONTRACT,
        CONTRACT.entitlement("Arcserve UDP", "x@acme.com.ar", AT, BASIC_PLAN.calendar.zone),
        Finding(code=FindingCode.NO_CONTRACT, message="no contract on file"),
        Attachment(filename="logs.zip", size_bytes=1024),
        Alert(kind=AlertKind.THREAT, products=("Arcserve UDP",), subject="CVE-2026-1"),
        remote_assistance(AT),
        offer,
        Responded(at=AT, note="called back"),
        Updated(at=AT, note="analysed"),
        Paused(at=AT, reason="waiting on the customer"),
        Resumed(at=AT),
        Resolved(at=AT),
        Closed(at=AT),
        VendorDirectChosen(at=AT),
        slaclock.StatusChanged(at=AT, status="pending"),
        slaclock.Message(at=AT, author="customer", public=False),
        slaclock.CalendarChanged(at=AT, calendar="level_2"),
        slaclock.Policy(
            name="vip",
            when=slaclock.PolicyMatch(customers={"ACME SA"}, severities={1}),
            targets=(
                slaclock.MetricTargets(metric="first_reply_time", targets=BASIC_PLAN.targets),
            ),
        ),
        slaclock.PolicyMatch(tags={"vip"}),
        slaclock.Scenario(plan=BASIC_PLAN),
        slaclock.explain_metric(t, AT + timedelta(days=5), slaclock.ZENDESK_METRICS[0]),
        slaclock.explain_metric(t, AT + timedelta(days=5), slaclock.ZENDESK_METRICS[0]).steps[0],
        slaclock.MetricTargets(metric="next_reply_time", targets=None),
        slaclock.NamedCalendar(name="level_2", calendar=argentina(hours="08:00-20:00")),
        *slaclock.ZENDESK_METRICS,
        *slaclock.MANUAL_METRICS,
        slaclock.Metric(
            name="with_everything",
            start=(slaclock.Created(), slaclock.Classification()),
            stop=(slaclock.StatusLeft(statuses={"open"}),),
            pause=(slaclock.PausedByEvent(),),
            targets=BASIC_PLAN.targets,
        ),
        slaclock.Created(),
        slaclock.Classification(),
        slaclock.StatusEntered(statuses={"solved"}),
        slaclock.StatusLeft(statuses={"open"}),
        slaclock.Reopened(),
        slaclock.MessageSent(author="agent"),
        slaclock.LevelTook(level=SupportLevel.L2),
        slaclock.InStatus(statuses={"pending"}),
        slaclock.HeldBy(levels={SupportLevel.VENDOR}),
        slaclock.PausedByEvent(),
        *evaluate(t, AT + timedelta(days=5), metrics=slaclock.ZENDESK_METRICS).metrics.values(),
        *evaluate(t, AT + timedelta(days=5), metrics=slaclock.ZENDESK_METRICS)
        .metrics["first_reply_time"]
        .cycles,
        evaluate(t, AT + timedelta(days=5), metrics=slaclock.MANUAL_METRICS),
        StayedWithProvider(at=AT, resumes_at=AT + timedelta(days=1)),
        Opening(day=date(2026, 12, 5), hours="10:00-14:00", reason="inventory"),
        ByTimeOfDay(at=time(16)),
        DatedHoliday(day=date(2026, 12, 11), name="Founders' Day"),
        argentina() | BusinessCalendar(zone="Europe/Madrid", holidays=None),
        argentina() & BusinessCalendar(zone="Europe/Madrid", holidays=None),
        Version(since=date(2026, 3, 1), calendar=argentina(hours="08:00-18:00")),
        VersionedCalendar(
            versions=(
                Version(calendar=argentina()),
                Version(since=date(2026, 3, 1), calendar=argentina(hours="08:00-18:00")),
            )
        ),
    ]


@pytest.mark.parametrize("obj", examples(), ids=lambda o: type(o).__name__)
def test_every_repr_is_short_and_plain(obj: object) -> None:
    text = repr(obj)
    assert text.startswith(type(obj).__name__ + "(")
    assert len(text) <= 220, text
    assert not NOISE.search(text), text
    assert "\n" not in text


def test_every_public_class_with_fields_is_covered() -> None:
    shown = {type(o) for o in examples()}
    for name in slaclock.__all__:
        obj = getattr(slaclock, name)
        if isinstance(obj, type) and (
            hasattr(obj, "model_fields") or hasattr(obj, "__dataclass_fields__")
        ):
            assert obj in shown or obj.__name__ in {"WhatIf", "Calendar"}, name


def test_the_one_liners() -> None:
    assert repr(argentina()) == (
        "BusinessCalendar(America/Argentina/Buenos_Aires | Mon-Fri 09:00-17:00 | "
        "holidays AR public | no closures)"
    )
    assert repr(argentina(non_working_days=False, reopened=[date(2026, 12, 7)])) == (
        "BusinessCalendar(America/Argentina/Buenos_Aires | Mon-Fri 09:00-17:00 | "
        "holidays AR public, días no laborables worked | no closures | 1 re-opened date)"
    )
    assert repr(BASIC_PLAN) == (
        "ServicePlan('Basic Support', tier=basic, targets=2h/6h/12h/24h, "
        "schedule=Mon-Fri 09:00-17:00)"
    )
    assert "targets=2h/4h/12h/24h" in repr(BASIC_PLAN.with_targets(major=timedelta(hours=4)))
    assert "schedule=Mon-Fri 08:00-18:00" in repr(
        BASIC_PLAN.with_calendar(argentina(hours="08:00-18:00"))
    )
    assert "pausing_allowed=True" in repr(BASIC_PLAN.model_copy(update={"pausing_allowed": True}))
    t = history_ticket()
    assert repr(t) == (
        "Ticket('CAS-1', received=2026-11-20T16:30:00-03:00, priority=1, severity=2, events=2)"
    )
    assert repr(t.history[1]) == "Escalated(at=2026-11-20T16:50:00-03:00, to=L2)"
    status = evaluate(t, AT + timedelta(days=5))
    assert repr(status) == (
        "SlaStatus('CAS-1', state=breached, severity=2, deadline=2026-11-24T14:30:00-03:00, "
        "used=267% (16h of 6h))"
    )
    assert repr(ANA) == "Contact('Ana Gómez', 'ana.gomez@acme.com.ar', '+54 11 4321-0000')"
    assert repr(BASIC_PLAN.targets) == (
        "ResponseTargets(critical=2h, major=6h, minor=12h, informational=24h)"
    )
    assert repr(Closure(day=date(2026, 12, 24), hours="13:00-24:00", reason="Eve")) == (
        "Closure(2026-12-24 13:00-24:00, 'Eve')"
    )
    explanation = argentina().explain(AT, timedelta(hours=2))
    assert repr(explanation) == (
        "DeadlineExplanation(start=2026-11-20T16:30:00-03:00, target=2h, "
        "deadline=2026-11-24T10:30:00-03:00, periods=2, skipped=1)"
    )
    assert repr(explanation.periods[0]) == (
        "OpenPeriod(2026-11-20T16:30:00-03:00/2026-11-20T17:00:00-03:00, 30m)"
    )
    assert repr(explanation.closed_days[0]) == (
        "ClosedDay(2026-11-23, 'National Sovereignty Day', holiday)"
    )


def test_defaults_are_left_out() -> None:
    assert repr(HolidayRules()) == "HolidayRules()"
    assert repr(HolidayRules(non_working_days=False)) == "HolidayRules(non_working_days=False)"
    assert repr(IntakeRules()) == "IntakeRules()"
    assert repr(Responded(at=AT)) == "Responded(at=2026-11-20T16:30:00-03:00)"
    assert repr(Responded(at=AT, note="called")) == (
        "Responded(at=2026-11-20T16:30:00-03:00, note='called')"
    )


def test_long_text_and_collections_are_cut() -> None:
    t = ticket(AT, id="X" * 500)
    assert len(repr(t)) < 160
    assert "…" in repr(t)
    many = IntakeRules(public_mail_domains=frozenset(f"d{k}.com" for k in range(50)))
    assert repr(many) == "IntakeRules(public_mail_domains={50 items})"


def test_str_of_a_model_without_its_own_is_its_repr() -> None:
    assert str(BASIC_PLAN.targets) == repr(BASIC_PLAN.targets)
    assert str(ANA) == "Ana Gómez <ana.gomez@acme.com.ar>"  # its own __str__ stays


@given(calendars())
def test_calendar_reprs_stay_one_short_line(cal: BusinessCalendar) -> None:
    text = repr(cal)
    assert "\n" not in text and not NOISE.search(text)
    assert text.startswith(f"BusinessCalendar({cal.zone.key} | {cal.schedule} | ")


@given(histories(pauses=False), st.data())
def test_ticket_and_status_reprs_name_their_facts(t: Ticket, data: st.DataObject) -> None:
    plan = data.draw(plans())
    now = data.draw(nows(t))
    text = repr(t)
    assert text.startswith("Ticket(")
    assert f"received={t.received.isoformat()}" in text
    assert f"events={len(t.history)}" in text and not NOISE.search(text)
    status = evaluate(t, now, plan)
    shown = repr(status)
    assert f"state={status.state.value}" in shown and not NOISE.search(shown)
    if status.deadline is not None:
        assert f"deadline={status.deadline.isoformat()}" in shown


# -- nothing else changed --------------------------------------------------------------------
@pytest.mark.parametrize(
    "obj",
    [o for o in examples() if isinstance(o, FrozenModel)],
    ids=lambda o: type(o).__name__,
)
def test_equality_hash_pickle_and_json_are_unchanged(obj: FrozenModel) -> None:
    copy = pickle.loads(pickle.dumps(obj))
    assert copy == obj and hash(copy) == hash(obj) and repr(copy) == repr(obj)
    again = type(obj).model_validate_json(obj.model_dump_json())
    assert again == obj


def test_json_carries_the_fields_not_the_repr() -> None:
    dumped = BASIC_PLAN.model_dump(mode="json")
    assert dumped["targets"]["critical"] == "PT2H"
    assert dumped["calendar"]["zone"] == "America/Argentina/Buenos_Aires"


def test_what_if_repr() -> None:
    df = pd.DataFrame(
        {
            "received": [AT, AT + timedelta(hours=1)],
            "severity": [1, 2],
            "responded_at": [AT + timedelta(hours=20), None],
        }
    )
    result = what_if(df, ba(2026, 12, 1), {"Basic": BASIC_PLAN, "4h": BASIC_PLAN})
    assert repr(result) == "WhatIf(scenarios=('Basic', '4h'), tickets=2, flips=0)"


# -- the value texts -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("d", "compact", "spaced"),
    [
        (timedelta(hours=2), "2h", "2 h"),
        (timedelta(hours=1, minutes=30), "1h30m", "1 h 30 min"),
        (timedelta(minutes=45, seconds=10, microseconds=500_000), "45m10.5s", "45 min 10.5 s"),
        (timedelta(days=1), "24h", "24 h"),
        (timedelta(0), "0h", "0 h"),
        (-timedelta(hours=1), "-1h", "-1 h"),
        (timedelta(microseconds=1), "0.000001s", "0.000001 s"),
    ],
)
def test_durations_read_as_hours(d: timedelta, compact: str, spaced: str) -> None:
    assert duration(d) == compact
    assert duration(d, spaced=True) == spaced


_PART = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?")


@given(st.timedeltas(min_value=timedelta(days=-999), max_value=timedelta(days=999)))
def test_duration_text_gives_back_the_duration(d: timedelta) -> None:
    text = duration(d)
    sign = -1 if text.startswith("-") else 1
    m = _PART.fullmatch(text.lstrip("-"))
    assert m is not None, text
    h, mi, s = m.groups()
    seconds = f"{s or '0'}".partition(".")
    us = int(seconds[0]) * 1_000_000 + int((seconds[2] or "0").ljust(6, "0"))
    back = timedelta(hours=int(h or 0), minutes=int(mi or 0), microseconds=us)
    assert sign * back == d


def test_values() -> None:
    assert value(datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)) == "2026-01-02T03:04:00+00:00"
    assert instant(AT) == "2026-11-20T16:30:00-03:00"
    assert when(AT) == "Fri 2026-11-20 16:30 -03:00"
    assert when(AT.replace(second=5)) == "Fri 2026-11-20 16:30:05 -03:00"
    assert value(time(9, 0)) == "09:00" and value(time(9, 0, 30)) == "09:00:30"
    assert value(SupportLevel.VENDOR) == "vendor" and value(slaclock.Severity.MAJOR) == "2"
    assert value(("a",)) == "('a',)" and value(()) == "()"
    assert value(frozenset({SupportLevel.L2, SupportLevel.L1})) == "{L1, L2}"
    assert value(0.123456) == "0.1235"
    assert value(OpenInterval.parse("09:00-12:00")) == "OpenInterval(09:00-12:00)"
    assert value(WeeklySchedule.weekdays("09:00-17:00")) == "WeeklySchedule(Mon-Fri 09:00-17:00)"
