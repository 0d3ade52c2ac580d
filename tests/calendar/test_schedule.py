"""Weekly schedules and open intervals (`calendar/schedule.py`): what they accept."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import time, timezone

import pytest

from slaclock import OpenInterval, WeeklySchedule
from tests.support.bad_inputs import SCHEDULE, Case, Gives, Raises, check, raises

# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
    # -- weekly schedules and intervals -----------------------------------------------------------
    (
        "schedule-days-none",
        lambda: WeeklySchedule(days=[None] * 7),
        raises(*SCHEDULE, "monday: None is not a list of open intervals"),
    ),
    (
        "schedule-json-days-null",
        lambda: WeeklySchedule.model_validate_json(json.dumps({"days": [None] * 7})),
        raises(*SCHEDULE, "monday: None is not a list of open intervals"),
    ),
    (
        "schedule-days-ints",
        lambda: WeeklySchedule(days=[5] * 7),
        raises(*SCHEDULE, "monday: 5 is not a list"),
    ),
    (
        "schedule-none",
        lambda: WeeklySchedule(days=None),
        raises(*SCHEDULE, "exactly 7 days"),
    ),
    (
        "schedule-str",
        lambda: WeeklySchedule(days="09:00-17:00"),
        raises(*SCHEDULE, "exactly 7 days"),
    ),
    (
        "schedule-funday",
        lambda: WeeklySchedule.of(funday="09:00-17:00"),
        raises(*SCHEDULE, "unknown weekday name(s) 'funday'"),
    ),
    (
        "schedule-int-weekday",
        lambda: WeeklySchedule(days={1: ["09:00-17:00"]}),
        raises(*SCHEDULE, "unknown weekday name(s) 1"),
    ),
    (
        "schedule-overlap",
        lambda: WeeklySchedule.weekdays("09:00-13:00", "12:00-17:00"),
        raises(*SCHEDULE, "overlap; merge them"),
    ),
    (
        "schedule-json-interval-junk",
        lambda: WeeklySchedule.model_validate_json(
            json.dumps({"days": [[{"start": "9am", "end": "5pm"}]] + [[]] * 6})
        ),
        raises(*SCHEDULE, "start '9am' is not a time of day"),
    ),
    (
        "interval-none",
        lambda: OpenInterval.parse(None),  # type: ignore[arg-type]
        raises(*SCHEDULE, "interval None is not text"),
    ),
    (
        "interval-megabyte",
        lambda: OpenInterval.parse("0" * 1_000_000 + "-17:00"),
        raises(*SCHEDULE, "is not a time of day"),
    ),
    ("interval-no-dash", lambda: OpenInterval.parse("0900 1700"), raises(*SCHEDULE, "has no '-'")),
    (
        "interval-am-pm",
        lambda: OpenInterval.parse("9am-5pm"),
        raises(*SCHEDULE, "'9am' is not a time of day"),
    ),
    (
        "interval-overnight",
        lambda: OpenInterval.parse("17:00-09:00").overnight,
        Gives(True),
    ),
    (
        "interval-empty",
        lambda: OpenInterval.parse("09:00-09:00"),
        raises(*SCHEDULE, "ends when it starts"),
    ),
    (
        "interval-24-start",
        lambda: OpenInterval.parse("24:00-24:00"),
        raises(*SCHEDULE, "cannot start at 24:00"),
    ),
    ("interval-25h", lambda: OpenInterval.parse("09:00-25:00"), raises(*SCHEDULE, "'25:00'")),
    (
        "interval-aware-time",
        lambda: OpenInterval(start="09:00", end=time(17, tzinfo=timezone.utc)),
        raises(*SCHEDULE, "carries a time zone"),
    ),
    ("interval-fine", lambda: str(OpenInterval.parse(" 09:00 - 17:00 ")), Gives("09:00-17:00")),
    (
        "interval-midnight-end",
        lambda: str(OpenInterval.parse("20:00-24:00")),
        Gives("20:00-24:00"),
    ),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)
