"""`provisional_years` refuses instants outside the supported years, as `add` and
`is_open` do (issue 14, item 3), and the cached provisional spans stay the spans."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from slaclock import (
    CombinedCalendar,
    OutOfRangeError,
    Version,
    VersionedCalendar,
    argentina,
)
from slaclock.calendar.base import Calendar

INSIDE = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)
#: UTC year 10000 and UTC year 0: local years 9999 and 1 in their own offsets.
BEYOND = [
    datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-2))),
    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),
]
CALENDARS: list[Calendar] = [
    argentina(),
    CombinedCalendar(parts=(argentina(), argentina(hours="08:00-18:00")), op="union"),
    VersionedCalendar(versions=[Version(calendar=argentina())]),
]


@pytest.mark.parametrize("cal", CALENDARS, ids=["business", "union", "versioned"])
@pytest.mark.parametrize("t", BEYOND, ids=["year-10000", "year-0"])
def test_provisional_years_beyond_the_range_is_refused(cal: Calendar, t: datetime) -> None:
    with pytest.raises(OutOfRangeError):
        cal.is_open(t)
    for a, b, what in ((t, INSIDE, "start"), (INSIDE, t, "end")):
        with pytest.raises(OutOfRangeError, match=what):
            cal.provisional_years(a, b)


def test_provisional_years_inside_the_range_answers() -> None:
    cal = argentina()
    assert cal.provisional_years(INSIDE, INSIDE) == ()
    assert cal.provisional_years(INSIDE, datetime(2028, 2, 1, tzinfo=timezone.utc)) == (
        2027,
        2028,
    )


@pytest.mark.parametrize("cal", CALENDARS, ids=["business", "union", "versioned"])
def test_provisional_spans_are_computed_once_and_unchanged(cal: Calendar) -> None:
    first = cal.provisional_spans_us()
    assert first
    assert cal.provisional_spans_us() is first  # cached on the (immutable) calendar
    assert type(cal).model_validate(cal.model_dump()).provisional_spans_us() == first
