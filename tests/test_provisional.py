"""Which rows depend on holidays that may still change: the column form
(`provisional_many`, used by tables) equals the single form (`provisional_years`),
at the exact edges of provisional years and for any number of provisional spans."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaclock import (
    BusinessCalendar,
    HolidayRules,
    Version,
    VersionedCalendar,
    argentina,
)
from slaclock._time import from_us
from slaclock.calendar.base import Calendar

ARG = argentina().zone

CALENDARS = [
    argentina(),  # 2027-2100 undecreed
    argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")}),  # + no data
    BusinessCalendar(zone="Asia/Tokyo", holidays=HolidayRules(country="JP")),
    BusinessCalendar(zone="UTC", holidays=None),  # nothing provisional
    VersionedCalendar(
        versions=[
            Version(calendar=BusinessCalendar(holidays=None)),
            Version(since=datetime(2030, 1, 1).date(), calendar=argentina()),
        ]
    ),
]


def edges(cal: Calendar) -> list[int]:
    """Instants at and around every provisional span's bounds."""
    out = [0]
    for lo, hi in cal.provisional_spans_us():
        out += [lo - 1, lo, lo + 1, hi - 1, hi, hi + 1]
    return out


@given(st.sampled_from(CALENDARS), st.data())
def test_rows_equal_single_instants(cal: Calendar, data: st.DataObject) -> None:
    """provisional_many(start, end)[i] == bool(provisional_years(start[i], end[i]))."""
    source = cal.engine.source
    near = st.sampled_from([u for u in edges(cal) if source.min_us <= u < source.max_us])
    anywhere = st.integers(source.min_us, source.max_us - 1)
    pairs = data.draw(st.lists(st.tuples(near | anywhere, near | anywhere), min_size=1))
    start = np.array([min(p) for p in pairs], dtype=np.int64)
    end = np.array([max(p) for p in pairs], dtype=np.int64)
    got = cal.provisional_many(start, end).tolist()
    utc = timezone.utc
    want = [
        bool(cal.provisional_years(from_us(int(a), utc), from_us(int(b), utc)))
        for a, b in zip(start, end, strict=True)
    ]
    assert got == want


class Spans(Calendar):
    """A calendar face with given provisional spans (only the column form is asked)."""

    spans: tuple[tuple[int, int], ...]

    def provisional_spans_us(self) -> tuple[tuple[int, int], ...]:
        return self.spans


@st.composite
def disjoint_spans(draw: st.DrawFn) -> tuple[tuple[int, int], ...]:
    bounds = sorted(set(draw(st.lists(st.integers(-50, 50), max_size=16))))
    if len(bounds) % 2:
        bounds = bounds[:-1]
    return tuple(zip(bounds[::2], bounds[1::2], strict=True))


@given(disjoint_spans(), st.lists(st.tuples(st.integers(-60, 60), st.integers(0, 30))))
def test_any_number_of_spans_is_an_overlap_test(
    spans: tuple[tuple[int, int], ...], rows: list[tuple[int, int]]
) -> None:
    """With few spans (compared one by one) or many (bisected), a row is provisional
    exactly when [start, end] meets some [lo, hi)."""
    start = np.array([a for a, _ in rows], dtype=np.int64)
    end = start + np.array([d for _, d in rows], dtype=np.int64)
    got = Spans(spans=spans).provisional_many(start, end).tolist()
    want = [any(a < hi and b >= lo for lo, hi in spans) for a, b in zip(start, end, strict=True)]
    assert got == want


def test_the_warning_tells_undecreed_years_from_years_without_data() -> None:
    """'Bridge days not decreed yet' (2027) and 'no data, taken to have none' (1950) are
    different warnings, in the explanation and its text."""
    from datetime import timedelta

    later = argentina().explain(datetime(2027, 3, 1, 10, tzinfo=ARG), timedelta(hours=2))
    assert later.provisional_note == (
        "depends on 2027, whose decreed holidays (bridge days) may not be in the data yet"
    )
    cal = argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")})
    early = cal.explain(datetime(1950, 3, 1, 10, tzinfo=ARG), timedelta(hours=2))
    first, last = cal.holidays.covered_years()  # 1957-2100 in holidays 0.109
    assert early.provisional_note == (
        f"depends on 1950, for which the holidays package has no AR data ({first}-{last} "
        "only): taken to have no holidays (missing_years='none')"
    )
    assert f"warning       provisional: {early.provisional_note}" in str(early)
    assert "bridge days" not in str(early)
