"""Tests written against the surviving mutants of `slaclock.calendar.source` (mutmut).

`ZonedPlan` is checked against `zoneinfo` (wall-clock readings, years) and against
its own day plan: the UTC runs it builds for some years are exactly the instants
whose wall-clock reading lies in a run of one of those dates, and its window is
the one its module documents.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from slaclock import BusinessCalendar, Closure
from slaclock.calendar.days import DayPlan
from slaclock.calendar.zoned_plan import ZonedPlan
from tests.support.strategies import FAR_ZONES, NIGHT, OFFICE, ZONES

UTC = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NAIVE_EPOCH = datetime(1970, 1, 1)
US = timedelta(microseconds=1)
MINUTE = 60_000_000
MIN_YEAR, MAX_YEAR = 1900, 2199  # the supported years
US_PER_DAY = 86_400_000_000


def naive_us(day: date) -> int:
    """Microseconds from 1970-01-01 00:00 to midnight of `day`, as a wall clock reads them."""
    return (datetime.combine(day, datetime.min.time()) - NAIVE_EPOCH) // US


KEYS = sorted({*ZONES, *FAR_ZONES, "Europe/Dublin", "Pacific/Apia", "America/Santiago"})


def wall(zone: ZoneInfo, u: int) -> int:
    """zoneinfo's wall-clock reading of instant u, as naive microseconds."""
    return (((EPOCH + u * US).astimezone(zone)).replace(tzinfo=None) - NAIVE_EPOCH) // US


def plan_of(cal: BusinessCalendar) -> ZonedPlan:
    source = cal.engine.source
    assert isinstance(source, ZonedPlan)
    return source


@st.composite
def instants_near_changes(draw: st.DrawFn, zone: ZoneInfo) -> int:
    """Instants 1900-2199, often a microsecond either side of one of the zone's changes."""
    data = plan_of(BusinessCalendar(zone=zone)).data
    lo = naive_us(date(1900, 1, 2))
    hi = naive_us(date(2199, 12, 30))
    changes = [int(t) for t in data.starts[1:] if lo < t < hi]
    if changes and draw(st.booleans()):  # type: ignore[arg-type]
        return draw(st.sampled_from(changes)) + draw(st.sampled_from([-1, 0, 1]))
    return draw(st.integers(lo, hi))


@given(st.sampled_from(KEYS), st.data())
def test_local_readings_and_years_match_zoneinfo(key: str, data: st.DataObject) -> None:
    """local_us(u) is zoneinfo's wall-clock reading of u and year_of(u) its year, also a
    microsecond either side of each offset change."""
    zone = ZoneInfo(key)
    plan = plan_of(BusinessCalendar(zone=zone))
    for _ in range(20):
        u = data.draw(instants_near_changes(zone))
        assert plan.local_us(u) == wall(zone, u)
        assert plan.year_of(u) == (EPOCH + u * US).astimezone(zone).year


@given(st.sampled_from(KEYS))
def test_the_range_is_local_midnights_and_new_years_are_the_year_edges(key: str) -> None:
    """min_us and max_us are the first instants reading 1 January 1900 and 1 January 2200;
    year_of changes exactly at local midnight of 1 January."""
    zone = ZoneInfo(key)
    plan = plan_of(BusinessCalendar(zone=zone, holidays=None))  # no holiday data limits it
    for year, u in ((MIN_YEAR, plan.min_us), (MAX_YEAR + 1, plan.max_us)):
        assert wall(zone, u) == naive_us(date(year, 1, 1))
        assert wall(zone, u - 1) < naive_us(date(year, 1, 1))
    for year in (1950, 2026, 2100):
        u = int(datetime(year, 1, 1, tzinfo=zone).timestamp()) * 1_000_000
        assert plan.year_of(u) == year
        assert plan.year_of(u - 1) == year - 1


def calendars_with_spill() -> st.SearchStrategy[tuple[ZonedPlan, DayPlan]]:
    """Zoned plans, some whose runs end past midnight (additions up to 30:00, one wholly
    after the end of the range)."""

    def make(key: str, schedule: int, spill: bool) -> tuple[ZonedPlan, DayPlan]:
        cal = BusinessCalendar(
            zone=key,
            holidays=None,
            schedule=(OFFICE, NIGHT)[schedule],
            closures=(Closure(day=date(2030, 1, 1)),),
        )
        day = plan_of(cal).plan
        if spill:
            hour = 3_600_000_000
            late = {
                date(2029, 12, 31).toordinal(): ((22 * hour, 30 * hour),),
                date(2199, 12, 31).toordinal(): ((24 * hour, 26 * hour),),  # past the range
            }
            day = DayPlan(day.weekly, day.closed_dates, day.cuts, late)
        return ZonedPlan(day, ZoneInfo(key)), day

    return st.builds(make, st.sampled_from(KEYS), st.integers(0, 1), st.booleans())


@given(calendars_with_spill(), st.integers(1901, 2197))
def test_the_window_is_the_documented_margin_and_holds_no_other_years_runs(
    case: tuple[ZonedPlan, DayPlan], year: int
) -> None:
    """window(a, b) starts max_offset + spill after naive 1 January of a and ends
    max_offset before naive 1 January after b (the range edges at the first and last
    supported years); no run of the years just outside reaches into it."""
    plan, day = case
    margin = plan.data.max_offset_us
    assert day.spill_us == plan.plan.spill_us
    lo, hi = plan.window(year, year + 1)
    assert lo == naive_us(date(year, 1, 1)) + margin + day.spill_us
    assert hi == naive_us(date(year + 2, 1, 1)) - margin
    assert plan.window(MIN_YEAR, year)[0] == plan.min_us
    assert plan.window(MIN_YEAR - 1, year)[0] == plan.min_us
    assert plan.window(year, MAX_YEAR)[1] == plan.max_us
    assert plan.window(year, MAX_YEAR + 1)[1] == plan.max_us
    _, ends, _ = plan.build(year - 1, year - 1)
    assert (ends <= lo).all()
    starts, _, _ = plan.build(year + 2, year + 2)
    assert (starts >= hi).all()


@given(calendars_with_spill(), st.sampled_from([1900, 1970, 2007, 2029, 2199]), st.data())
def test_build_gives_the_instants_whose_reading_is_in_a_run_of_the_date(
    case: tuple[ZonedPlan, DayPlan], year: int, data: st.DataObject
) -> None:
    """Each UTC run built for a year lies within one wall-clock run of the date it is tagged
    with, never past the end of the range, and every instant whose reading lies in a run of
    a date of that year is in a built run of that date (minute by minute over some days)."""
    plan, day = case
    zone = plan.zone
    assert isinstance(zone, ZoneInfo)
    starts, ends, days = plan.build(year, year)
    assert (starts < ends).all() and (ends <= plan.max_us).all()
    runs = sorted(zip(starts.tolist(), ends.tolist(), days.tolist()))
    by_day: dict[int, list[tuple[int, int]]] = {}
    for s, e, o in runs:
        midnight = naive_us(date.fromordinal(o))
        local = [(midnight + a, midnight + b) for a, b in day.runs_of(o)]
        assert any(a <= wall(zone, s) and wall(zone, e - 1) < b for a, b in local)
        by_day.setdefault(o, []).append((s, e))
    first = data.draw(st.dates(date(year, 1, 1), date(year, 12, 28)))
    if year == MAX_YEAR:
        first = data.draw(st.sampled_from([first, date(2199, 12, 28)]))
    lo = int(datetime.combine(first, datetime.min.time(), zone).timestamp()) * 1_000_000
    for u in range(lo - US_PER_DAY, lo + 4 * US_PER_DAY, 15 * MINUTE):
        if u >= plan.max_us:
            break
        reading = wall(zone, u)
        o = date(1970, 1, 1).toordinal() + reading // US_PER_DAY
        for owner in (o, o - 1):  # a run of the day before may spill past midnight
            if date.fromordinal(owner).year != year:
                continue
            midnight = naive_us(date.fromordinal(owner))
            inside = any(midnight + a <= reading < midnight + b for a, b in day.runs_of(owner))
            built = any(s <= u < e for s, e in by_day.get(owner, []))
            assert built == inside
