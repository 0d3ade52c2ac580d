"""Issue 9: every model refuses guesses, reports every problem with its path, and says
exactly what a JSON round trip gives back."""

from __future__ import annotations

import json
import typing
from datetime import date, datetime, timedelta, timezone
from enum import IntEnum
from zoneinfo import ZoneInfo

import pytest
from pydantic import BaseModel

import slaclock
from slaclock import (
    BusinessCalendar,
    InvalidDurationError,
    InvalidModelError,
    NaiveDatetimeError,
    Responded,
    ResponseTargets,
    ServicePlan,
    SlaStatus,
    Ticket,
    Tier,
    WeeklySchedule,
    evaluate,
)
from tests.domain import ba, ticket

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
            validate({field: value})
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
            call()
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
