"""Untrusted input (issue 17): limits refused at validation, no quadratic paths, bounded
errors, only supported holiday countries; closures and tz data (issue 14).

Work is bounded by size, never by timing: what a calendar builds is counted
(years built per part), and results are checked against slow, obvious forms.

Many pauses and reclassifications cost linear work, not quadratic (issue 17, item 3),
and a history longer than `Limits.ticket_events` is refused at validation, the limit
raisable for a block. Work is counted (engine calls and the instants they are given), not timed.
"""

from __future__ import annotations

import itertools
import json
import pickle
import threading
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    Closure,
    CombinedCalendar,
    DatedHoliday,
    HolidayRules,
    InvalidModelError,
    InvalidScheduleError,
    LimitExceededError,
    Limits,
    ServicePlan,
    SlaclockError,
    Ticket,
    UnknownHolidayCountryError,
    Version,
    VersionedCalendar,
    WeeklySchedule,
    argentina,
    evaluate,
    evaluate_many,
)
from slaclock.calendar.days import subtract
from slaclock.calendar.engine import Engine
from slaclock.calendar.zone import PackageZone
from tests.support.domain import ba, ticket

BA = ZoneInfo("America/Argentina/Buenos_Aires")
START = datetime(2026, 11, 20, 16, tzinfo=BA)
ROOMY = Limits(combined_parts=10_000, nesting_depth=10_000, intervals_per_day=10_000)


def leaves(cal: object) -> list[BusinessCalendar]:
    if isinstance(cal, BusinessCalendar):
        return [cal]
    if isinstance(cal, CombinedCalendar):
        return [leaf for p in cal.parts for leaf in leaves(p)]
    assert isinstance(cal, VersionedCalendar)
    return [leaf for v in cal.versions for leaf in leaves(v.calendar)]


# -- item 1: unions and intersections ----------------------------------------------------------


def test_a_chain_of_unions_is_one_flat_union_and_each_part_builds_one_year() -> None:
    with ROOMY.active():
        cal = BusinessCalendar()
        for k in range(98):
            cal = cal | BusinessCalendar(  # type: ignore[assignment]
                extra_holidays=(DatedHoliday(day=date(2030, 1, 2 + k % 20), name="x"),)
            )
    assert isinstance(cal, CombinedCalendar) and len(cal.parts) == 99
    assert cal.shape.depth == 1
    assert cal.add(START, timedelta(hours=2)) == datetime(2026, 11, 24, 10, tzinfo=BA)
    # each part was asked for the window of one year (and two days either side): at most
    # 3 years, whatever the length of the chain (nested, part k built 2k + 1)
    assert max(len(leaf.engine.years) for leaf in leaves(cal)) <= 3


def test_a_chain_of_unions_from_json_is_flattened_too() -> None:
    node: dict[str, object] = {}
    for _ in range(10):
        node = {"op": "union", "parts": [node, {}]}
    cal = CombinedCalendar.model_validate_json(json.dumps(node))
    assert len(cal.parts) == 11 and all(isinstance(p, BusinessCalendar) for p in cal.parts)


def test_intersections_flatten_but_not_into_unions() -> None:
    a, b, c = argentina(), argentina(hours="10:00-12:00"), argentina(hours="11:00-18:00")
    both = (a & b) & c
    assert len(both.parts) == 3 and both.op == "intersection"
    mixed = (a | b) & c
    assert mixed.shape.depth == 2 and len(mixed.parts) == 2
    assert mixed.is_open(datetime(2026, 11, 20, 11, 30, tzinfo=BA))
    assert not mixed.is_open(datetime(2026, 11, 20, 9, 30, tzinfo=BA))


def test_alternating_nesting_within_the_depth_limit_builds_a_bounded_number_of_years() -> None:
    zones = ["Asia/Tokyo", "America/Argentina/Buenos_Aires", "Pacific/Kiritimati"]
    cal: object = BusinessCalendar(zone=zones[0], schedule=WeeklySchedule.weekdays("00:00-24:00"))
    for level in range(4):
        other = BusinessCalendar(
            zone=zones[level % 3], schedule=WeeklySchedule.weekdays("00:00-24:00")
        )
        cal = (cal | other) if level % 2 else (cal & other)  # type: ignore[operator]
    assert isinstance(cal, CombinedCalendar) and cal.shape.depth == 4
    cal.add(START, timedelta(hours=2))
    # a level may ask the one below for a year either side: at most 2 * depth + 1 years
    assert max(len(leaf.engine.years) for leaf in leaves(cal)) <= 2 * 4 + 1


def tree(n: int) -> dict[str, object]:
    if n == 1:
        return {}
    return {"op": "union", "parts": [tree(n // 2), tree(n - n // 2)]}


def test_a_union_tree_of_1024_calendars_is_refused_naming_the_limit() -> None:
    with pytest.raises(LimitExceededError) as caught:
        CombinedCalendar.model_validate_json(json.dumps(tree(1024)))
    assert caught.value.limit == "combined_parts" and caught.value.maximum == 16
    assert "Limits.combined_parts" in str(caught.value) and isinstance(caught.value, ValueError)


def test_a_plan_whose_calendar_is_too_large_is_refused_with_the_limit_error() -> None:
    payload = json.loads(BASIC_PLAN.model_dump_json())
    payload["calendar"] = tree(64)
    with pytest.raises(LimitExceededError) as caught:
        ServicePlan.model_validate_json(json.dumps(payload))
    assert caught.value.limit == "combined_parts"


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    cal: object = argentina()
    for level in range(4):
        cal = (cal | argentina()) if level % 2 else (cal & argentina())  # type: ignore[operator]
    with pytest.raises(LimitExceededError) as caught:
        cal & argentina()  # type: ignore[operator]
    assert caught.value.limit == "nesting_depth" and caught.value.value == 5


def test_versions_count_as_calendars_and_levels() -> None:
    versions = [Version(calendar=argentina())] + [
        Version(since=date(2000 + k, 1, 1), calendar=argentina()) for k in range(16)
    ]
    with pytest.raises(LimitExceededError) as caught:
        VersionedCalendar(versions=versions)
    assert caught.value.limit == "combined_parts"
    with Limits(combined_parts=17).active():
        assert VersionedCalendar(versions=versions).shape.calendars == 17


def test_limits_hold_for_the_block_and_this_thread_only() -> None:
    seen: list[int] = []
    with Limits(combined_parts=500).active():
        assert Limits.current().combined_parts == 500
        worker = threading.Thread(target=lambda: seen.append(Limits.current().combined_parts))
        worker.start()
        worker.join()
    assert seen == [16] and Limits.current() == Limits()


# -- item 2: intervals a day, explanations -------------------------------------------------


def test_a_schedule_of_40000_one_second_intervals_is_refused_before_it_is_read() -> None:
    day = ["not even read"] * 5_715
    with pytest.raises(LimitExceededError) as caught:
        WeeklySchedule(days=[day] * 7)
    assert caught.value.limit == "intervals_per_day" and caught.value.value == 5_715


def test_intervals_a_day_are_summed_over_a_combined_calendar() -> None:
    many = argentina(hours=[f"{h:02d}:00-{h:02d}:30" for h in range(12)])  # 12 a day
    assert (many | many).shape.intervals == 24
    with pytest.raises(LimitExceededError) as caught:
        many | many | argentina()
    assert caught.value.limit == "intervals_per_day"


def test_a_long_explanation_lists_the_first_and_last_periods_and_says_what_it_left_out() -> None:
    cal = argentina()
    duration = timedelta(hours=400)
    full = cal.explain(START, duration)  # 50-odd periods: all listed
    assert full.periods_omitted == 0 and full.omission_note == ""
    with Limits(explanation_periods=10).active():
        short = cal.explain(START, duration)
    assert len(short.periods) == 10 and short.deadline == full.deadline
    assert short.periods == full.periods[:5] + full.periods[-5:]
    assert short.periods_omitted == len(full.periods) - 10
    listed = sum((p.duration for p in short.periods), timedelta())
    assert listed + short.omitted_time == duration
    gap = (short.periods[4].end.date(), short.periods[5].start.date())
    hidden = [c for c in full.closed_days if gap[0] < c.day < gap[1]]
    assert short.closed_days_omitted == len(hidden) > 0
    assert len(short.closed_days) + len(hidden) == len(full.closed_days)
    assert "not listed (Limits.explanation_periods)" in str(short)
    assert len(str(short).splitlines()) < len(str(full).splitlines())


def test_the_explanation_of_5000_hours_is_bounded_by_the_limit() -> None:
    e = argentina().explain(START, timedelta(hours=5000))
    assert len(e.periods) == Limits().explanation_periods
    assert e.periods_omitted > 0 and len(str(e)) < 40_000


# -- item 4 (issue 17): closures, linear ------------------------------------------------------

runs_st = st.lists(st.tuples(st.integers(0, 100), st.integers(1, 30)), max_size=8)


def minutes(runs: tuple[tuple[int, int], ...]) -> set[int]:
    return {m for s, e in runs for m in range(s, e)}


def disjoint(raw: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    at = 0
    for gap, length in raw:
        out.append((at + gap, at + gap + length))
        at += gap + length + 1
    return tuple(out)


@given(runs_st, st.lists(st.tuples(st.integers(0, 400), st.integers(1, 60)), max_size=12))
def test_subtract_removes_exactly_the_cut_time(
    raw: list[tuple[int, int]], cuts: list[tuple[int, int]]
) -> None:
    runs = disjoint(raw)
    cut = tuple((s, s + n) for s, n in cuts)
    got = subtract(runs, cut)
    assert minutes(got) == minutes(runs) - minutes(cut)
    assert list(got) == sorted(got) and all(s < e for s, e in got)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(got))


def test_twenty_thousand_part_day_closures_on_one_date_cut_what_they_name() -> None:
    day = date(2026, 11, 25)
    closures = tuple(
        Closure(day=day, hours=f"{9 + k % 8:02d}:{k % 60:02d}-{9 + k % 8:02d}:{k % 60:02d}:30")
        for k in range(20_000)
    )
    cal = argentina(closures=closures)
    assert cal.is_open(datetime(2026, 11, 25, 9, 0, 30, tzinfo=BA))
    assert not cal.is_open(datetime(2026, 11, 25, 9, 0, 10, tzinfo=BA))
    assert cal.elapsed(
        datetime(2026, 11, 25, 9, tzinfo=BA), datetime(2026, 11, 25, 17, tzinfo=BA)
    ) == timedelta(hours=8) - 120 * timedelta(seconds=30)  # 120 distinct half-minutes


def test_more_closures_than_the_limit_are_refused_before_they_are_read() -> None:
    payload = {"closures": ["not read"] * 20_001}
    with pytest.raises(LimitExceededError) as caught:
        BusinessCalendar.model_validate(payload)
    assert caught.value.limit == "closures" and caught.value.value == 20_001


def test_closures_and_named_holidays_are_found_by_date() -> None:
    named = tuple(
        DatedHoliday(day=date(2027, 1, 1) + timedelta(days=k), name=f"h{k}")
        for k in range(0, 4000, 2)
    )
    closures = tuple(
        Closure(day=date(2027, 1, 1) + timedelta(days=k), hours="12:00-13:00", reason=f"c{k}")
        for k in range(1, 4000, 2)
    )
    cal = BusinessCalendar(holidays=None, extra_holidays=named, closures=closures)
    assert cal.holiday(date(2027, 1, 5)) is not None and cal.holiday(date(2027, 1, 5)).name == "h4"  # type: ignore[union-attr]
    assert cal.closures_on(date(2027, 1, 6)) == (closures[2],)
    assert cal.why_closed(datetime(2027, 1, 6, 12, 30, tzinfo=BA)).reason == "c5"  # type: ignore[union-attr]
    assert date(2027, 1, 3) in cal.closed_candidates(2027)


# -- item 7: errors echo bounded input ---------------------------------------------------------


def test_an_unknown_field_of_900_kb_gives_a_short_message() -> None:
    with pytest.raises(InvalidModelError) as caught:
        BusinessCalendar.model_validate_json(json.dumps({"x" * 900_000: 1}))
    assert len(str(caught.value)) < 300
    (loc,) = [e["loc"] for e in caught.value.errors]
    assert all(len(str(step)) <= 40 for step in loc)  # type: ignore[attr-defined]


def test_a_huge_key_deep_in_a_plan_gives_a_short_message() -> None:
    payload = json.loads(BASIC_PLAN.model_dump_json())
    payload["calendar"] = {"closures": [{"day": "2026-12-24", "k" * 500_000: 1}]}
    with pytest.raises(InvalidModelError) as caught:
        ServicePlan.model_validate_json(json.dumps(payload))
    assert len(str(caught.value)) < 1_000


# -- item 8: holiday countries ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["utils", "ALBANIAN", "__spec__", "financial", "XX", ""])
def test_only_supported_countries_are_looked_up(name: str) -> None:
    with pytest.raises(UnknownHolidayCountryError):
        HolidayRules(country=name)


def test_no_name_of_the_package_other_than_a_country_gets_through() -> None:
    supported = set(holidays.list_supported_countries())
    others = [n for n in dir(holidays) if n not in supported]
    assert len(others) > 50
    for name in others:
        with pytest.raises(UnknownHolidayCountryError):
            HolidayRules(country=name)


# -- issue 14 item 4: closures with reversed hours, re-opened dates ----------------------------


def test_a_closure_with_reversed_hours_is_overnight_as_in_schedules() -> None:
    # The schedule's rule: an interval that ends before it starts runs overnight.
    cal = argentina(closures=[Closure(day=date(2026, 11, 26), hours="17:00-12:00")])
    assert cal.is_open(datetime(2026, 11, 26, 16, tzinfo=BA))
    assert not cal.is_open(datetime(2026, 11, 27, 11, tzinfo=BA))  # until noon the next day
    assert cal.is_open(datetime(2026, 11, 27, 12, tzinfo=BA))
    assert Closure(day=date(2026, 11, 26), hours="17:00-12:00").hours.overnight  # type: ignore[union-attr]


def test_re_opening_a_date_that_is_not_a_holiday_is_refused() -> None:
    with pytest.raises(InvalidScheduleError, match="is not a holiday of this calendar"):
        argentina(reopened=[date(2026, 11, 25)])
    with pytest.raises(InvalidScheduleError, match="is not a holiday of this calendar"):
        BusinessCalendar(holidays=None, reopened=frozenset({date(2026, 11, 23)}))
    assert not argentina(reopened=[date(2026, 11, 23)]).holiday(date(2026, 11, 23))
    named = DatedHoliday(day=date(2026, 11, 25), name="ours")
    assert BusinessCalendar(extra_holidays=(named,), reopened=frozenset({named.day})).is_open(
        datetime(2026, 11, 25, 10, tzinfo=BA)
    )
    # a non-working day that is worked may still be listed as re-opened
    argentina(non_working_days=False, reopened=[date(2026, 12, 7)])


# -- issue 14: the tz database -----------------------------------------------------------------


def disagreeing_key() -> str | None:
    for key in sorted(zoneinfo.available_timezones()):
        if isinstance(BusinessCalendar(zone=key, holidays=None).zone, PackageZone):
            return key
    return None


def test_the_tzdata_package_is_read_by_default_and_the_system_on_request() -> None:
    import tzdata

    assert argentina().tz_data() == f"tzdata {tzdata.IANA_VERSION} (tzdata package)"
    assert f"tzdata {tzdata.IANA_VERSION} (tzdata package)" in str(
        argentina().explain(START, timedelta(hours=2))
    )
    system = BusinessCalendar(tz_database="system")
    assert "system" in system.tz_data() or "not on the system" in system.tz_data()


def test_a_key_whose_system_file_disagrees_is_read_from_the_package() -> None:
    key = disagreeing_key()
    if key is None:
        pytest.skip("the system's tz database agrees with the tzdata package here")
    cal = BusinessCalendar(zone=key)
    assert isinstance(cal.zone, PackageZone) and cal.zone.key == key
    assert pickle.loads(pickle.dumps(cal)) == cal
    assert BusinessCalendar.model_validate_json(cal.model_dump_json()) == cal
    assert (
        cal.add(datetime(2026, 11, 20, 10, tzinfo=timezone.utc), timedelta(hours=1)).tzinfo
        is cal.zone
    )
    # a ZoneInfo object from the system's files is answered from them, and says so
    own = BusinessCalendar(zone=ZoneInfo(key))
    assert "the ZoneInfo object's own, the tzdata database disagrees" in own.tz_data()
    system = BusinessCalendar(zone=ZoneInfo(key), tz_database="system")
    assert "disagrees" not in system.tz_data()
    t = datetime(2026, 11, 20, 10, tzinfo=timezone.utc)
    assert own.add(t, timedelta(hours=1)) == system.add(t, timedelta(hours=1))
    assert own.at(date(2026, 11, 20), time(9)) == system.at(date(2026, 11, 20), time(9))


# -- the benchmark's worst payloads, each in a subprocess with its memory capped ---------------


def load_payloads() -> object:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "payloads.py"
    spec = importlib.util.spec_from_file_location("payloads", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAYLOADS = load_payloads()


@pytest.mark.parametrize("name", list(PAYLOADS.CASES))  # type: ignore[attr-defined]
def test_the_worst_payload_of_each_kind_is_answered_or_refused_within_memory(name: str) -> None:
    report = PAYLOADS.run_case(  # type: ignore[attr-defined]
        PAYLOADS.CASES[name],  # type: ignore[attr-defined]
        timeout=600,  # a guard only
        max_bytes=1536 * 2**20,
    )
    answer = str(report["answer"])
    # answered, refused by a limit, or a typed error of the calendar (no open time in an
    # intersection that never opens; a target beyond 2199): never MemoryError or a crash
    assert (
        answer == "answered"
        or answer.startswith("refused (")
        or answer
        in (
            "NoOpenTimeError",
            "OutOfRangeError",
        )
    ), answer
    assert int(report["bytes"]) <= 1_000_000
    assert float(report["peak_mib"]) < 400


def test_a_calendar_at_the_limits_round_trips_and_composes() -> None:
    cal: object = argentina()
    for level in range(4):
        cal = (cal | argentina()) if level % 2 else (cal & argentina())  # type: ignore[operator]
    assert isinstance(cal, CombinedCalendar) and cal.shape.depth == 4
    assert CombinedCalendar.model_validate_json(cal.model_dump_json()) == cal
    assert (cal | argentina()).shape.depth == 4  # the top is a union: flattened into it
    with pytest.raises(LimitExceededError) as caught:
        CombinedCalendar.model_validate_json(json.dumps(tree(31_000)))  # 1 MB, not read
    assert caught.value.limit == "combined_parts" and caught.value.value == 17


# -- was tests/test_event_limit.py -------------------------------------------------------

PAUSING = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
EVENTS_START = ba(2026, 1, 5, 9)


def history(n: int) -> list[dict[str, Any]]:
    """n events: pause, resume, reclassify (3 and 4 in turn), a minute or a second apart."""
    out: list[dict[str, Any]] = []
    at = EVENTS_START
    for k in range(n // 3):
        at += timedelta(minutes=1)
        out.append({"kind": "paused", "at": at})
        at += timedelta(minutes=1)
        out.append({"kind": "resumed", "at": at})
        at += timedelta(seconds=1)
        out.append({"kind": "classified", "at": at, "severity": 4 - k % 2})
    return out


def long_ticket(n: int, limit: int | None = None) -> Ticket:
    data = ticket(EVENTS_START, priority=4).model_dump()
    data["history"] = history(n)
    with Limits(ticket_events=limit or Limits().ticket_events).active():
        return Ticket.model_validate(data)


@contextmanager
def counted() -> Iterator[dict[str, int]]:
    """Count the engine's calls, and the instants its column calls are given."""
    work = {"calls": 0, "instants": 0}
    names = ("add", "elapsed", "next_open", "add_many", "elapsed_many", "next_open_many")
    saved = {name: getattr(Engine, name) for name in names}

    def counting(original: Callable[..., Any]) -> Callable[..., Any]:
        def call(self: Engine, *args: Any) -> Any:
            work["calls"] += 1
            first = args[0]
            work["instants"] += len(first) if hasattr(first, "__len__") else 1
            return original(self, *args)

        return call

    try:
        for name, original in saved.items():
            setattr(Engine, name, counting(original))
        yield work
    finally:
        for name, original in saved.items():
            setattr(Engine, name, original)


def now_of(t: Ticket) -> datetime:
    return t.history[-1].at + timedelta(days=30)


@pytest.mark.parametrize(
    "run",
    [
        lambda t: evaluate(t, now_of(t), PAUSING),
        lambda t: evaluate_many([t], now_of(t), PAUSING),
    ],
    ids=["evaluate", "evaluate_many"],
)
def test_work_grows_linearly_with_the_events(run: Callable[[Ticket], object]) -> None:
    """At most a few engine calls (and instants given to them) an event, at two sizes: the
    quadratic walk made one call per pause for each reclassification (a million here)."""
    for n in (1_500, 3_000):
        t = long_ticket(n)
        with counted() as work:
            run(t)
        assert work["calls"] <= 3 * n, work
        assert work["instants"] <= 3 * n, work


def test_the_columns_equal_the_single_ticket_with_many_events() -> None:
    t = long_ticket(600)
    now = now_of(t)
    assert evaluate_many([t], now, PAUSING) == [evaluate(t, now, PAUSING).as_record()]
    for minutes in (30, 90, 200, 400):  # instants inside the history, between its events
        at = EVENTS_START + timedelta(minutes=minutes)
        assert evaluate_many([t], at, PAUSING) == [evaluate(t, at, PAUSING).as_record()]


def test_twenty_thousand_events_evaluate_when_the_limit_is_raised() -> None:
    t = long_ticket(20_001, limit=20_001)
    with counted() as work:
        status = evaluate(t, now_of(t), PAUSING)
    assert status.severity_confirmed
    assert work["calls"] <= 3 * len(t.history)  # a few engine calls an event


def test_a_longer_history_is_refused_at_validation_naming_the_limit() -> None:
    most = Limits().ticket_events
    assert most == 10_000
    data = ticket(EVENTS_START).model_dump()
    data["history"] = [{"kind": "updated", "at": EVENTS_START}] * (most + 1)
    with pytest.raises(LimitExceededError, match="ticket_events") as caught:
        Ticket.model_validate(data)
    assert "10,001" in str(caught.value) and "10,000" in str(caught.value)
    assert (caught.value.limit, caught.value.value, caught.value.maximum) == (
        "ticket_events",
        most + 1,
        most,
    )
    assert isinstance(caught.value, SlaclockError) and isinstance(caught.value, ValueError)
    assert not isinstance(caught.value, InvalidModelError)
    with pytest.raises(LimitExceededError):
        Ticket(**data)
    data["history"] = data["history"][:most]
    assert len(Ticket.model_validate(data).history) == most  # the limit itself is fine
    with Limits(ticket_events=10).active(), pytest.raises(LimitExceededError, match=r"= 10\b"):
        Ticket.model_validate(data)
