"""Tests written against the surviving mutants of `slaclock.calendar.days` (mutmut).

Runs are checked as sets of instants against plain-Python sets, and `DayPlan.runs`
(the numpy form) against `DayPlan.runs_of` (the slow, obviously right form) and
against a recomputation from the weekly hours, holidays, cuts and additions.
"""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaclock.calendar.days import EPOCH_ORDINAL, DayPlan, Runs, subtract, unite

US_PER_DAY = 86_400_000_000
UNIT = US_PER_DAY // 96  # a quarter of an hour: runs on a coarse grid meet and overlap often


@st.composite
def runs(draw: st.DrawFn, sorted_disjoint: bool = True, top: int = 96) -> Runs:
    """Runs on a 15-minute grid within [0, top]: sorted and disjoint (gaps of at least one
    unit), or, with sorted_disjoint=False, in any order, overlapping and touching."""
    if sorted_disjoint:
        points = sorted(draw(st.sets(st.integers(0, top), max_size=8)))
        points = points[: len(points) // 2 * 2]
        return tuple((points[k] * UNIT, points[k + 1] * UNIT) for k in range(0, len(points), 2))
    pairs = draw(st.lists(st.tuples(st.integers(0, top - 1), st.integers(1, 12)), max_size=5))
    return tuple((a * UNIT, min(a + n, top) * UNIT) for a, n in pairs)


def units(rs: Runs) -> set[int]:
    """The grid units a set of runs covers."""
    return {k for s, e in rs for k in range(s // UNIT, e // UNIT)}


def canonical(rs: Runs) -> bool:
    """Sorted, each non-empty, and separated by gaps (no overlap, no touching)."""
    return all(s < e for s, e in rs) and all(a[1] < b[0] for a, b in itertools.pairwise(rs))


@given(runs(), runs())
def test_subtract_removes_exactly_the_cut_time(base: Runs, cuts: Runs) -> None:
    """subtract keeps every instant of the runs outside the cuts, and only those, as sorted
    non-empty runs (a cut inside a run splits it; one covering it removes it)."""
    got = subtract(base, cuts)
    assert units(got) == units(base) - units(cuts)
    assert canonical(got)


@given(runs(), runs(sorted_disjoint=False))
def test_unite_is_the_union_sorted_and_merged(base: Runs, more: Runs) -> None:
    """unite covers every instant of both, merges runs that overlap or touch, and returns
    them sorted and separated by gaps."""
    got = unite(base, more)
    assert units(got) == units(base) | units(more)
    assert canonical(got)
    assert unite(more, ()) == unite((), more)


def test_subtract_and_unite_edges() -> None:
    """Cuts that touch a run leave it whole; runs that touch are merged into one."""
    h = 3_600_000_000
    assert subtract(((9 * h, 17 * h),), ((17 * h, 18 * h), (8 * h, 9 * h))) == ((9 * h, 17 * h),)
    assert subtract(((9 * h, 17 * h),), ((9 * h, 17 * h),)) == ()
    assert subtract(((9 * h, 17 * h),), ((12 * h, 13 * h),)) == ((9 * h, 12 * h), (13 * h, 17 * h))
    assert unite(((9 * h, 12 * h),), ((12 * h, 13 * h),)) == ((9 * h, 13 * h),)
    assert unite(((9 * h, 12 * h),), ((13 * h, 14 * h),)) == ((9 * h, 12 * h), (13 * h, 14 * h))
    assert unite(((9 * h, 17 * h),), ((10 * h, 11 * h),)) == ((9 * h, 17 * h),)


FIRST = date(2023, 12, 20).toordinal()
DAYS = 24  # the plans below span a new year


@st.composite
def plans(draw: st.DrawFn) -> DayPlan:
    """A week of random hours (some past midnight), holidays, cuts and additions over a
    few weeks around a new year."""
    weekly = tuple(draw(runs(top=112)) for _ in range(7))
    new_year = date(2024, 1, 1).toordinal()
    closed = draw(st.sets(st.integers(FIRST, FIRST + DAYS - 1) | st.just(new_year), max_size=4))
    special = st.integers(FIRST - 2, FIRST + DAYS + 2)
    cuts = draw(st.dictionaries(special, runs().filter(bool), max_size=4))
    additions = draw(st.dictionaries(special, runs(top=120).filter(bool), max_size=4))
    by_year = {
        y: frozenset(o for o in closed if date.fromordinal(o).year == y) for y in (2023, 2024)
    }
    return DayPlan(
        weekly=weekly,
        closed_dates=lambda year: by_year.get(year, frozenset()),
        cuts=cuts,
        additions=additions,
    )


def plain_runs_of(plan: DayPlan, ordinal: int) -> set[int]:
    """The grid units a date opens, recomputed from its weekday, holiday, cut and additions."""
    day = date.fromordinal(ordinal)
    base = set() if ordinal in plan.closed_dates(day.year) else units(plan.weekly[day.weekday()])
    return (base - units(plan.cuts.get(ordinal, ()))) | units(plan.additions.get(ordinal, ()))


@given(plans(), st.integers(0, DAYS - 1), st.integers(1, DAYS))
def test_runs_equal_runs_of_each_date(plan: DayPlan, skip: int, length: int) -> None:
    """DayPlan.runs over [first, stop) lists exactly the runs of each date in it (as
    runs_of gives them, and as recomputed from the plan), each tagged with its date, as
    naive microseconds from 1970-01-01 local midnight; also for ranges of a single date
    (a holiday on 1 January, a date with cuts or additions)."""
    first = FIRST + skip
    stop = first + length
    starts, ends, days = plan.runs(first, stop)
    assert starts.dtype == ends.dtype == days.dtype == np.int64
    assert len(starts) == len(ends) == len(days)
    got: dict[int, list[tuple[int, int]]] = {}
    for s, e, o in zip(starts.tolist(), ends.tolist(), days.tolist()):
        midnight = (o - EPOCH_ORDINAL) * US_PER_DAY
        got.setdefault(o, []).append((s - midnight, e - midnight))
    for o in range(first, stop):
        want = plan.runs_of(o)
        assert canonical(want)
        assert units(want) == plain_runs_of(plan, o)
        assert sorted(got.pop(o, [])) == list(want)
    assert got == {}
    for o in {*plan.cuts, *plan.additions, date(2024, 1, 1).toordinal()}:
        starts, ends, days = plan.runs(o, o + 1)  # a single date: first and last at once
        midnight = (o - EPOCH_ORDINAL) * US_PER_DAY
        assert set(days.tolist()) <= {o}
        assert sorted(zip((starts - midnight).tolist(), (ends - midnight).tolist())) == list(
            plan.runs_of(o)
        )


@given(plans())
def test_spill_and_ever_opens(plan: DayPlan) -> None:
    """spill_us is how far past midnight the latest run (weekly or added) ends, 0 if none
    does; ever_opens is whether any weekday or any addition has a run."""
    ends = [e for day in plan.weekly for _, e in day]
    ends += [e for rs in plan.additions.values() for _, e in rs]
    assert plan.spill_us == max([0, *(e - US_PER_DAY for e in ends)])
    assert plan.ever_opens == bool(ends)


def test_a_plan_that_never_opens_gives_empty_int64_columns() -> None:
    """No weekly hours and no additions: no runs, as empty int64 columns."""
    plan = DayPlan(weekly=((),) * 7, closed_dates=lambda year: frozenset())
    assert not plan.ever_opens
    assert plan.spill_us == 0
    for column in plan.runs(FIRST, FIRST + 10):
        assert column.dtype == np.int64 and column.shape == (0,)
