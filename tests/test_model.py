"""Issue 9: every model refuses guesses, reports every problem with its path, and says
exactly what a JSON round trip gives back."""

from __future__ import annotations

import json
import typing
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from enum import IntEnum
from zoneinfo import ZoneInfo

import pytest
from pydantic import BaseModel

import slaclock
from slaclock import (
    BASIC_PLAN,
    Alert,
    AlertKind,
    Attachment,
    BusinessCalendar,
    Classified,
    Closure,
    CoveredProduct,
    HolidayDataError,
    HolidayRules,
    IntakeRules,
    InvalidDurationError,
    InvalidModelError,
    NaiveDatetimeError,
    Priority,
    Responded,
    ResponseTargets,
    ServicePlan,
    SlaStatus,
    StayedWithProvider,
    Ticket,
    Tier,
    VendorDirectOffer,
    WeeklySchedule,
    alert_recipients,
    evaluate,
    remote_assistance,
)
from tests.support.bad_inputs import (
    AT,
    CAL,
    DURATION,
    MEGABYTE,
    MODEL,
    NAIVE,
    NO_HOLIDAYS,
    NOT_A_DATE,
    NOW,
    NUMBER_FOR_DURATION,
    NUMBER_FOR_INSTANT,
    RANGE,
    TARGETS_JSON,
    BareZone,
    BrokenZone,
    Case,
    Gives,
    H,
    NoOffsetZone,
    Raises,
    T,
    calendar_json,
    check,
    plan_with,
    raises,
    status_json,
    targets,
    targets_json,
    ticket_dict,
    ticket_json,
    ticket_with,
)
from tests.support.domain import ANA, CONTRACT, ba, ticket

MODELS = [
    obj
    for name in slaclock.__all__
    if isinstance(obj := getattr(slaclock, name), type) and issubclass(obj, BaseModel)
]


def _fields_of(kind: type) -> list[tuple[type[BaseModel], str]]:
    """(model, field) for every field whose type mentions `kind` (alone, optional, in a tuple)."""

    def mentions(annotation: object) -> bool:
        if annotation is kind or (
            isinstance(annotation, type) and kind is int and issubclass(annotation, IntEnum)
        ):
            return True
        return any(mentions(a) for a in typing.get_args(annotation))

    return [
        (m, f) for m in MODELS for f, info in m.model_fields.items() if mentions(info.annotation)
    ]


INSTANT_FIELDS = _fields_of(datetime)
DURATION_FIELDS = _fields_of(timedelta)
INTEGER_FIELDS = _fields_of(int)


def test_the_field_lists_are_not_empty() -> None:
    assert (Ticket, "received") in INSTANT_FIELDS and (SlaStatus, "now") in INSTANT_FIELDS
    assert (ResponseTargets, "critical") in DURATION_FIELDS
    assert (Ticket, "priority") in INTEGER_FIELDS and (SlaStatus, "severity") in INTEGER_FIELDS


@pytest.mark.parametrize("number", [12345, 1.5, True, "12345"])
@pytest.mark.parametrize(
    ("model", "field"), INSTANT_FIELDS, ids=lambda x: getattr(x, "__name__", x)
)
def test_every_instant_field_refuses_numbers(
    model: type[BaseModel], field: str, number: object
) -> None:
    with pytest.raises(
        NaiveDatetimeError, match=f"{model.__name__}.{field} must be a timezone-aware"
    ):
        model.model_validate({field: number})
    with pytest.raises(NaiveDatetimeError, match="numbers are refused"):
        model.model_validate_json(json.dumps({field: number}))


@pytest.mark.parametrize("number", [2, 2.5, True, "7200"])
@pytest.mark.parametrize(
    ("model", "field"), DURATION_FIELDS, ids=lambda x: getattr(x, "__name__", x)
)
def test_every_duration_field_refuses_numbers(
    model: type[BaseModel], field: str, number: object
) -> None:
    with pytest.raises(
        InvalidDurationError, match=f"{model.__name__}.{field} must be a datetime.timedelta"
    ):
        model.model_validate({field: number})
    with pytest.raises(InvalidDurationError, match="unit is unclear"):
        model.model_validate_json(json.dumps({field: number}))


@pytest.mark.parametrize(
    ("model", "field"), INTEGER_FIELDS, ids=lambda x: getattr(x, "__name__", x)
)
def test_every_integer_field_refuses_booleans(model: type[BaseModel], field: str) -> None:
    value: object = (
        (True,) if typing.get_origin(model.model_fields[field].annotation) is tuple else True
    )
    for validate in (model.model_validate, lambda d: model.model_validate_json(json.dumps(d))):
        with pytest.raises(InvalidModelError, match="got the bool True") as info:
            validate({field: value})  # type: ignore[no-untyped-call]
        assert info.value.errors[0]["loc"] == (field,)


def test_add_gives_the_message_the_models_give() -> None:
    with pytest.raises(InvalidDurationError) as from_add:
        BusinessCalendar().add(ba(2026, 11, 20, 10), 2)  # type: ignore[arg-type]
    with pytest.raises(InvalidDurationError) as from_model:
        ResponseTargets.model_validate_json('{"critical": 2}')
    assert str(from_add.value).replace("duration", "ResponseTargets.critical", 1) == str(
        from_model.value
    )


# -- errors list every problem with its path, once ---------------------------------------


def test_errors_are_filled_through_every_entry_point() -> None:
    good = json.loads(ticket(ba(2026, 11, 20, 10)).model_dump_json())
    bad = {
        **good,
        "customer": " ",
        "priority": 9,
        "requester": {**good["requester"], "email": "ana-at-acme"},
        "history": [{"kind": "responded", "at": "2026-11-20T11:00:00-03:00", "note": 5}],
    }
    for call in (
        lambda: Ticket(**bad),
        lambda: Ticket.model_validate(bad),
        lambda: Ticket.model_validate_json(json.dumps(bad)),
    ):
        with pytest.raises(InvalidModelError) as info:
            call()  # type: ignore[no-untyped-call]
        locs = [e["loc"] for e in info.value.errors]
        assert locs == [
            ("customer",),
            ("priority",),
            ("requester", "email"),
            ("history", 0, "responded", "note"),
        ]
        message = str(info.value)
        assert message.count("invalid Ticket") == 1 and "(model)" not in message
        assert "requester.email: 'ana-at-acme' is not an email address" in message


def test_a_single_problem_is_reported_once() -> None:
    for call in (
        lambda: Ticket.model_validate(
            {**ticket(ba(2026, 11, 20, 10)).model_dump(), "customer": " "}
        ),
        lambda: ServicePlan.model_validate(
            {"tier": Tier.BASIC, "name": "x", "targets": {"critical": "PT1H"}}
        ),
    ):
        with pytest.raises(InvalidModelError) as info:
            call()
        assert str(info.value).count("invalid ") == 1
        assert info.value.errors


def test_an_invalid_model_error_raised_directly_lists_itself() -> None:
    error = InvalidModelError("severity 9 is not a severity")
    assert error.errors == [
        {"loc": (), "msg": "severity 9 is not a severity", "type": "InvalidModelError"}
    ]


# -- what a JSON round trip gives back ----------------------------------------------------

NEW_YORK = ZoneInfo("America/New_York")
NY_CALENDAR = BusinessCalendar(
    zone=NEW_YORK, schedule=WeeklySchedule.weekdays("09:00-17:00"), holidays=None
)
NY_PLAN = ServicePlan(
    tier=Tier.BASIC, name="NY", targets=ResponseTargets.hours(2, 6, 12, 24), calendar=NY_CALENDAR
)


def test_an_instant_comes_back_as_the_same_instant_with_a_fixed_offset() -> None:
    # Friday before the end of DST in New York (1 November 2026).
    received = datetime(2026, 10, 30, 16, 30, tzinfo=NEW_YORK)
    t = ticket(received, priority=4).apply(
        Responded(at=datetime(2026, 10, 30, 16, 45, tzinfo=NEW_YORK))
    )
    back = Ticket.model_validate_json(t.model_dump_json())
    assert back == t
    assert back.received == received and back.received.utcoffset() == timedelta(hours=-4)
    assert type(back.received.tzinfo) is timezone  # the stdlib's, not pydantic's own class
    assert type(back.history[0].at.tzinfo) is timezone
    # Wall-clock arithmetic on the value itself no longer follows the zone ...
    assert (back.received + timedelta(days=3)).utcoffset() == timedelta(hours=-4)
    # ... convert it to the calendar's zone first, as documented:
    assert (back.received.astimezone(NEW_YORK) + timedelta(days=3)).utcoffset() == timedelta(
        hours=-5
    )


def test_every_slaclock_result_is_the_same_after_a_round_trip() -> None:
    received = datetime(2026, 10, 30, 16, 30, tzinfo=NEW_YORK)
    t = ticket(received, priority=3)
    back = Ticket.model_validate_json(t.model_dump_json())
    now = datetime(2026, 11, 3, 12, tzinfo=NEW_YORK)
    assert evaluate(back, now, NY_PLAN) == evaluate(t, now, NY_PLAN)
    status = evaluate(back, now, NY_PLAN)
    assert (
        status.deadline is not None and status.deadline.tzinfo is NEW_YORK
    )  # the calendar's zone
    assert NY_CALENDAR.add(back.received, 12 * timedelta(hours=1)) == NY_CALENDAR.add(
        received, 12 * timedelta(hours=1)
    )


def test_a_status_round_trip_gives_equal_values() -> None:
    t = ticket(ba(2026, 11, 20, 16, 30))
    status = evaluate(t, ba(2026, 11, 25, 10))
    back = SlaStatus.model_validate_json(status.model_dump_json())
    assert back == status
    assert back.deadline is not None and back.deadline.utcoffset() == timedelta(hours=-3)


def test_a_calendar_keeps_its_zone_by_name() -> None:
    back = BusinessCalendar.model_validate_json(NY_CALENDAR.model_dump_json())
    assert back.zone is NEW_YORK and back == NY_CALENDAR


def test_date_fields_still_read_iso_dates() -> None:
    cal = BusinessCalendar.model_validate_json(json.dumps({"reopened": ["2026-11-23"]}))
    assert cal.reopened == frozenset({date(2026, 11, 23)})


# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
    # -- durations: numbers are refused, from Python and from JSON, as add() refuses them ---------
    ("targets-int", lambda: targets(critical=2), raises(*DURATION, NUMBER_FOR_DURATION)),
    ("targets-float", lambda: targets(major=2.5), raises(*DURATION, "got float: 2.5")),
    ("targets-bool", lambda: targets(minor=True), raises(*DURATION, "got bool: True")),
    (
        "targets-decimal",
        lambda: targets(informational=Decimal(24)),
        raises(*DURATION, "got Decimal"),
    ),
    ("targets-digits-str", lambda: targets(critical="7200"), raises(*DURATION, "got str: '7200'")),
    ("targets-exponent-str", lambda: targets(critical="1e3"), raises(*DURATION, "'1e3'")),
    (
        "targets-all-ints",
        lambda: ResponseTargets(critical=2, major=6, minor=12, informational=24),
        raises(*DURATION, "ResponseTargets.critical " + NUMBER_FOR_DURATION),
    ),
    ("targets-json-int", lambda: targets_json(critical=2), raises(*DURATION, NUMBER_FOR_DURATION)),
    ("targets-json-float", lambda: targets_json(major=6.5), raises(*DURATION, "got float: 6.5")),
    ("targets-json-true", lambda: targets_json(minor=True), raises(*DURATION, "got bool: True")),
    ("targets-json-digits", lambda: targets_json(critical="7200"), raises(*DURATION, "'7200'")),
    ("targets-json-decimal-str", lambda: targets_json(critical="2.5"), raises(*DURATION, "2.5")),
    ("targets-json-iso", lambda: targets_json().critical, Gives(2 * H)),
    ("targets-json-hhmmss", lambda: targets_json(major="06:00:00").major, Gives(6 * H)),
    ("targets-python-iso-str", lambda: targets(minor="PT12H").minor, Gives(12 * H)),
    (
        "targets-json-words",
        lambda: targets_json(critical="two hours"),
        raises(
            *MODEL,
            "critical: Input should be a valid duration, invalid character in hour; "
            "write an ISO 8601 duration such as 'PT2H'",
        ),
    ),
    (
        "targets-negative",
        lambda: targets(major=-H),
        raises(*MODEL, "the major response target is negative"),
    ),
    (
        "targets-missing",
        lambda: ResponseTargets(critical=H, major=H, minor=H),  # type: ignore[call-arg]
        raises(*MODEL, "informational: required"),
    ),
    (
        "targets-int-keys-in-plan",
        lambda: ServicePlan(tier=Tier.BASIC, name="x", targets={1: H, 2: H, 3: H, 4: H}),
        raises(*MODEL, "targets: ResponseTargets is keyed by field name, got the key 1"),
    ),
    (
        "targets-int-keys-validate",
        lambda: ResponseTargets.model_validate({1: H}),
        raises(*MODEL, "keyed by field name"),
    ),
    (
        "targets-hours-str",
        lambda: ResponseTargets.hours("2", 6, 12, 24),  # type: ignore[arg-type]
        raises(*DURATION, "critical must be a number of business hours"),
    ),
    (
        "targets-hours-bool",
        lambda: ResponseTargets.hours(2, True, 12, 24),
        raises(*DURATION, "major must be a number of business hours, got bool"),
    ),
    ("targets-hours-fine", lambda: ResponseTargets.hours(2, 6, 12, 24), Gives(BASIC_PLAN.targets)),
    (
        "plan-json-number-targets",
        lambda: ServicePlan.model_validate_json(
            json.dumps({"tier": "basic", "name": "x", "targets": {**TARGETS_JSON, "minor": 12}})
        ),
        raises(*DURATION, "ResponseTargets.minor must be a datetime.timedelta, got int: 12"),
    ),
    ("add-int-duration", lambda: CAL.add(AT, 2), raises(*DURATION, NUMBER_FOR_DURATION)),  # type: ignore[arg-type]
    ("add-float-duration", lambda: CAL.add(AT, 2.0), raises(*DURATION, "got float")),  # type: ignore[arg-type]
    ("explain-int-duration", lambda: CAL.explain(AT, 2), raises(*DURATION, "timedelta")),  # type: ignore[arg-type]
    ("explain-negative", lambda: CAL.explain(AT, -H), raises(*RANGE, "pass a positive duration")),
    (
        "status-json-number-target",
        lambda: status_json(target=7200),
        raises(*DURATION, "SlaStatus.target must be a datetime.timedelta, got int: 7200"),
    ),
    # -- instants: numbers refused, ISO strings with an offset read, naive ones refused -----------
    (
        "ticket-epoch-ms",
        lambda: ticket_with(received=1_700_000_000_000),
        raises(*NAIVE, "Ticket.received " + NUMBER_FOR_INSTANT + ": 1700000000000"),
    ),
    ("ticket-epoch-float", lambda: ticket_with(received=1.7e9), raises(*NAIVE, "got float")),
    ("ticket-received-bool", lambda: ticket_with(received=True), raises(*NAIVE, "got bool")),
    ("ticket-json-epoch", lambda: ticket_json(received=12345), raises(*NAIVE, NUMBER_FOR_INSTANT)),
    ("ticket-json-float", lambda: ticket_json(received=1.5), raises(*NAIVE, "got float: 1.5")),
    ("ticket-json-digits", lambda: ticket_json(received="12345"), raises(*NAIVE, "'12345'")),
    ("ticket-dict-epoch", lambda: ticket_dict(received=0), raises(*NAIVE, "got int: 0")),
    (
        "ticket-json-naive",
        lambda: ticket_json(received="2026-11-20T10:00:00"),
        raises(*NAIVE, "Ticket.received 2026-11-20T10:00:00 is naive"),
    ),
    (
        "ticket-json-date-only",
        lambda: ticket_json(received="2026-11-20"),
        raises(*NAIVE, "is naive"),
    ),
    (
        "ticket-json-offset",
        lambda: ticket_json(received="2026-11-20T10:00:00-03:00").received,
        Gives(AT),
    ),
    ("ticket-json-utc", lambda: ticket_json(received="2026-11-20T13:00:00Z").received, Gives(AT)),
    (
        "ticket-json-words",
        lambda: ticket_json(received="yesterday"),
        raises(*MODEL, "received: 'yesterday' is not an ISO 8601 date and time"),
    ),
    (
        "ticket-json-megabyte-instant",
        lambda: ticket_json(received=MEGABYTE),
        raises(*MODEL, "is not an ISO 8601 date and time"),
    ),
    (
        "ticket-python-iso-str",
        lambda: ticket_with(received="2026-11-20T10:00:00-03:00").received,
        Gives(AT),
    ),
    (
        "ticket-naive-datetime",
        lambda: ticket_with(received=datetime(2026, 11, 20, 10)),
        raises(*NAIVE, "is naive (no time zone)"),
    ),
    (
        "ticket-date-for-instant",
        lambda: ticket_with(received=date(2026, 11, 20)),
        raises(*NAIVE, "got date"),
    ),
    (
        "ticket-bare-tzinfo",
        lambda: ticket_with(received=datetime(2026, 11, 20, 10, tzinfo=BareZone())),  # type: ignore[abstract]
        raises(*NAIVE, "has a tzinfo (BareZone) that fails to give a UTC offset"),
    ),
    (
        "ticket-no-offset-tzinfo",
        lambda: ticket_with(received=datetime(2026, 11, 20, 10, tzinfo=NoOffsetZone())),  # type: ignore[abstract]
        raises(*NAIVE, "whose utcoffset() is None"),
    ),
    (
        "ticket-broken-tzinfo",
        lambda: ticket_with(received=datetime(2026, 11, 20, 10, tzinfo=BrokenZone())),  # type: ignore[abstract]
        raises(*NAIVE, "zone database unavailable"),
    ),
    (
        "add-bare-tzinfo",
        lambda: CAL.add(datetime(2026, 11, 20, 10, tzinfo=BareZone()), H),  # type: ignore[abstract]
        raises(*NAIVE, "start 2026-11-20T10:00:00 has a tzinfo (BareZone)"),
    ),
    (
        "is-open-no-offset-tzinfo",
        lambda: CAL.is_open(datetime(2026, 11, 20, 10, tzinfo=NoOffsetZone())),  # type: ignore[abstract]
        raises(*NAIVE, "utcoffset() is None"),
    ),
    (
        "add-epoch-start",
        lambda: CAL.add(1_700_000_000, H),  # type: ignore[arg-type]
        raises(*NAIVE, "start " + NUMBER_FOR_INSTANT),
    ),
    ("is-open-int", lambda: CAL.is_open(12345), raises(*NAIVE, "got int: 12345")),  # type: ignore[arg-type]
    (
        "elapsed-str",
        lambda: CAL.elapsed("2026-11-20T10:00-03:00", AT),  # type: ignore[arg-type]
        raises(*NAIVE, "got str"),
    ),
    ("evaluate-now-int", lambda: evaluate(T, 0), raises(*NAIVE, "now " + NUMBER_FOR_INSTANT)),  # type: ignore[arg-type]
    (
        "evaluate-now-naive",
        lambda: evaluate(T, datetime(2026, 11, 24)),
        raises(*NAIVE, "now 2026-11-24T00:00:00 is naive"),
    ),
    (
        "responded-at-int",
        lambda: Responded(at=5),
        raises(*NAIVE, "Responded.at " + NUMBER_FOR_INSTANT),
    ),
    (
        "history-json-number",
        lambda: ticket_json(history=[{"kind": "responded", "at": 5}]),
        raises(*NAIVE, "Responded.at " + NUMBER_FOR_INSTANT),
    ),
    (
        "history-json-naive",
        lambda: ticket_json(history=[{"kind": "paused", "at": "2026-11-20T11:00:00"}]),
        raises(*NAIVE, "Paused.at 2026-11-20T11:00:00 is naive"),
    ),
    (
        "stayed-resumes-at-number",
        lambda: StayedWithProvider(at=AT, resumes_at=1e9),
        raises(
            *NAIVE, "StayedWithProvider.resumes_at " + NUMBER_FOR_INSTANT.replace("int", "float")
        ),
    ),
    (
        "offer-model-at-number",
        lambda: VendorDirectOffer(
            ticket_id="T-1",
            at=5,
            resumes_at=AT,
            paid_follow_up_available=True,
        ),
        raises(*NAIVE, "VendorDirectOffer.at"),
    ),
    ("status-json-now-number", lambda: status_json(now=5), raises(*NAIVE, "SlaStatus.now")),
    (
        "status-json-deadline-naive",
        lambda: status_json(deadline="2026-11-20T12:00:00"),
        raises(*NAIVE, "SlaStatus.deadline 2026-11-20T12:00:00 is naive"),
    ),
    ("remote-number", lambda: remote_assistance(12345), raises(*NAIVE, "got int")),  # type: ignore[arg-type]
    (
        "entitlement-at-number",
        lambda: CONTRACT.entitlement("Arcserve UDP", ANA.email, 5, CAL.zone),  # type: ignore[arg-type]
        raises(*NAIVE, "at " + NUMBER_FOR_INSTANT),
    ),
    (
        "alerts-at-naive",
        lambda: alert_recipients(
            Alert(kind=AlertKind.THREAT, products=("Arcserve UDP",), subject="x"),
            CONTRACT,
            datetime(2026, 11, 20),
        ),
        raises(*NAIVE, "at 2026-11-20T00:00:00 is naive"),
    ),
    (
        "evaluate-year-9999",
        lambda: evaluate(ticket_json(received="9999-12-31T23:00:00-05:00"), NOW),
        raises(*RANGE, "outside the years slaclock supports"),
    ),
    (
        "add-year-1800",
        lambda: CAL.add(datetime(1800, 1, 1, tzinfo=CAL.zone), H),
        raises(*RANGE, "1800"),
    ),
    (
        "add-beyond-holiday-data",
        lambda: CAL.add(ba(2090, 1, 1), 200_000 * H),
        raises(HolidayDataError, ValueError, "has AR holidays for 1957-2100 only"),
    ),
    (
        "add-beyond-2199",
        lambda: NO_HOLIDAYS.add(ba(2190, 1, 1), 200_000 * H),
        raises(*RANGE, "outside the years slaclock supports"),
    ),
    (
        "instant-before-holiday-data",
        lambda: CAL.is_open(ba(1950, 1, 2, 10)),
        raises(HolidayDataError, ValueError, "this needs 1950"),
    ),
    # -- dates: numbers refused -------------------------------------------------------------------
    ("closure-day-int", lambda: Closure(day=20261123), raises(*MODEL, "day: " + NOT_A_DATE)),
    ("closure-day-bool", lambda: Closure(day=True), raises(*MODEL, "got bool")),
    (
        "closure-json-day-zero",
        lambda: Closure.model_validate_json('{"day": 0}'),
        raises(*MODEL, NOT_A_DATE + ", got int: 0"),
    ),
    (
        "closure-json-day-digits",
        lambda: Closure.model_validate_json('{"day": "20261123"}'),
        raises(*MODEL, "got str: '20261123'"),
    ),
    ("closure-day-iso", lambda: Closure(day="2026-11-23").day, Gives(date(2026, 11, 23))),
    (
        "maintenance-end-int",
        lambda: CoveredProduct(title="UDP", maintenance_end=20261231),
        raises(*MODEL, "maintenance_end: " + NOT_A_DATE),
    ),
    (
        "reopened-ints",
        lambda: BusinessCalendar(reopened=[1, 2]),
        raises(*MODEL, "reopened: " + NOT_A_DATE + ", got int: 1"),
    ),
    (
        "reopened-json-ints",
        lambda: calendar_json(reopened=[20261123]),
        raises(*MODEL, "reopened: " + NOT_A_DATE),
    ),
    # -- booleans are not priorities, severities or numbers ---------------------------------------
    (
        "priority-true",
        lambda: ticket_with(priority=True),
        raises(*MODEL, "priority: must be 1, 2, 3, 4 (Priority), got the bool True"),
    ),
    ("priority-false", lambda: ticket_with(priority=False), raises(*MODEL, "bool False")),
    ("priority-json-true", lambda: ticket_json(priority=True), raises(*MODEL, "bool True")),
    (
        "priority-5",
        lambda: ticket_with(priority=5),
        raises(*MODEL, "Input should be 1, 2, 3 or 4"),
    ),
    ("priority-0", lambda: ticket_json(priority=0), raises(*MODEL, "priority: Input should be")),
    (
        "priority-fine",
        lambda: ticket_json(priority=3).priority,
        Gives(Priority.LIMITED_ADVERSE_EFFECT),
    ),
    (
        "classified-severity-true",
        lambda: Classified(at=AT, severity=True),
        raises(*MODEL, "severity: must be 1, 2, 3, 4 (Severity), got the bool True"),
    ),
    (
        "history-json-severity-true",
        lambda: ticket_json(
            history=[{"kind": "classified", "at": "2026-11-20T11:00:00-03:00", "severity": True}]
        ),
        raises(*MODEL, "history.0.classified.severity: must be 1, 2, 3, 4 (Severity)"),
    ),
    (
        "status-json-severity-true",
        lambda: status_json(severity=True),
        raises(*MODEL, "severity: must be 1, 2, 3, 4 (Severity)"),
    ),
    (
        "attachment-size-bool",
        lambda: Attachment(filename="logs.zip", size_bytes=True),
        raises(*MODEL, "size_bytes: must be a whole number, got the bool True"),
    ),
    (
        "attachment-size-negative",
        lambda: Attachment(filename="logs.zip", size_bytes=-1),
        raises(*MODEL, "size_bytes: Input should be greater than or equal to 0"),
    ),
    (
        "intake-limit-bool",
        lambda: IntakeRules(max_attachment_bytes=True),
        raises(*MODEL, "max_attachment_bytes: must be a whole number, got the bool True"),
    ),
    (
        "warning-percents-bool",
        lambda: plan_with(warning_percents=(True, 50)),
        raises(*MODEL, "warning_percents: must be a whole number, got the bool True"),
    ),
    (
        "complete-through-bool",
        lambda: HolidayRules(complete_through=True),
        raises(*MODEL, "complete_through: must be a whole number, got the bool True"),
    ),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)
