"""Benchmark: slaclock against businesstimedelta and pandas on the same calendar and instants.

Run: python benchmarks/run.py [--quick]
Needs the `bench` extra (pip install -e '.[bench]'); a peer that is not
installed is reported as missing. Prints the median microseconds per call of
`add` (2/6/12/24 h and 10,000 h) and `elapsed`, the ratios, and how often the
peers agree with slaclock. Timings are medians of repeated batches in one run;
the machine is shared, so read the ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    Channel,
    Classified,
    Contact,
    HolidayRules,
    Priority,
    Responded,
    Severity,
    Ticket,
    argentina,
    evaluate_many,
)

BA = ZoneInfo("America/Argentina/Buenos_Aires")
TARGETS_H = (2, 6, 12, 24, 10_000)


def instants(n: int, seed: int = 20261124) -> list[datetime]:
    """Whole-minute instants in 2025-2027, Buenos Aires time."""
    rng = random.Random(seed)
    base = datetime(2025, 1, 1, tzinfo=BA)
    return [base + timedelta(minutes=rng.randrange(3 * 365 * 1440)) for _ in range(n)]


def median_us(fn: Callable[[object], object], inputs: Sequence[object], repeats: int) -> float:
    """Median over `repeats` batches of the mean microseconds per call."""
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        for x in inputs:
            fn(x)
        samples.append((time.perf_counter_ns() - t0) / 1000 / len(inputs))
    return statistics.median(samples)


def holiday_dates(cal: BusinessCalendar, first: int, last: int) -> list[date]:
    out = []
    day = date(first, 1, 1)
    while day.year <= last:
        if day.weekday() < 5 and not cal.is_business_day(day):
            out.append(day)
        day += timedelta(days=1)
    return out


def peers(cal: BusinessCalendar) -> dict[str, dict[str, Callable[..., object]]]:
    """Adapters for each installed peer: add(t, hours) and elapsed(a, b)."""
    closed = holiday_dates(cal, 2024, 2040)
    found: dict[str, dict[str, Callable[..., object]]] = {}
    try:
        import businesstimedelta as btd
        import pytz

        rules = btd.Rules(
            [
                btd.WorkDayRule(
                    start_time=datetime.min.time().replace(hour=9),
                    end_time=datetime.min.time().replace(hour=17),
                    working_days=[0, 1, 2, 3, 4],
                    tz=pytz.timezone("America/Argentina/Buenos_Aires"),
                ),
                btd.HolidayRule(closed),
            ]
        )
        deltas = {h: btd.BusinessTimeDelta(rules, hours=h) for h in TARGETS_H}
        found["businesstimedelta"] = {
            "add": lambda t, h: t + deltas[h],
            "elapsed": lambda a, b: rules.difference(a, b).timedelta,
            "prepare": lambda t: t,
        }
    except ImportError:
        pass
    try:
        import pandas as pd

        cbh = pd.offsets.CustomBusinessHour(
            start="09:00", end="17:00", weekmask="Mon Tue Wed Thu Fri", holidays=closed
        )
        offsets = {h: h * cbh for h in TARGETS_H}
        found["pandas CustomBusinessHour"] = {
            # Timed from the same datetime objects as slaclock: conversion included.
            "add": lambda t, h: pd.Timestamp(t) + offsets[h],
            "prepare": lambda t: t,
        }
    except ImportError:
        pass
    return found


def batch(n: int, repeats: int) -> None:
    """The SLA layer against the bare calendar: n tickets evaluated vs n `add` calls."""
    import gc

    requester = Contact(
        first_name="Ana", last_name="Gómez", email="ana@acme.com.ar", phone="+54 11 4321 0000"
    )
    ts = instants(n, seed=7)
    tickets = []
    for k, t in enumerate(ts):
        ticket = Ticket(
            id=f"T-{k}", customer="ACME SA", product="Arcserve UDP", subject="case",
            priority=Priority(1 + k % 4), channel=Channel.WEB_PORTAL, requester=requester,
            received=t,
        )  # fmt: skip
        if k % 3 == 0:
            ticket = ticket.apply(
                Classified(at=t + timedelta(minutes=10), severity=Severity(1 + k % 4))
            )
        if k % 2 == 0:
            ticket = ticket.apply(Responded(at=t + timedelta(hours=3)))
        tickets.append(ticket)
    cal = BASIC_PLAN.calendar
    now = datetime(2028, 1, 3, 12, tzinfo=BA)  # after every receipt
    d = timedelta(hours=2)
    evaluate_many(tickets[:10], now)
    gc.collect()
    bare, sla = [], []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        kept = [cal.add(t, d) for t in ts]
        bare.append((time.perf_counter_ns() - t0) / 1e9)
        t0 = time.perf_counter_ns()
        rows = evaluate_many(tickets, now)
        sla.append((time.perf_counter_ns() - t0) / 1e9)
        del kept, rows
    b, s = statistics.median(bare), statistics.median(sla)
    print(
        f"{n:,} bare calendar add calls: {b:.3f} s; evaluate_many on {n:,} tickets: {s:.3f} s; "
        f"ratio {s / b:.2f}x (median of {repeats})"
    )


def index_build(repeats: int) -> None:
    """What growing the open-time index costs (holiday data already cached in the process)."""

    def timed(fn: Callable[[], object]) -> float:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    def warmed() -> BusinessCalendar:
        # The full 1900-2199 range: years without holiday data are taken to have none.
        cal = argentina().model_copy(update={"holidays": HolidayRules(missing_years="none")})
        cal.add(datetime(2026, 6, 1, 10, tzinfo=BA), timedelta(hours=1))
        return cal

    def on_fresh(fn: Callable[[BusinessCalendar], object]) -> float:
        cal = warmed()  # built outside the timing
        return timed(lambda: fn(cal))

    for y in range(1957, 2101):  # the holidays package's own work, outside the timings
        argentina().holiday(date(y, 1, 1))
    one = statistics.median(
        on_fresh(lambda c: c.engine.years_span(2030, 2030)) for _ in range(repeats)
    )
    far = statistics.median(
        on_fresh(lambda c: c.add(datetime(2150, 6, 1, 10, tzinfo=BA), timedelta(hours=1)))
        for _ in range(repeats)
    )
    full_cal = warmed()
    full = timed(lambda: full_cal.engine.years_span(1900, 2199))
    span = full_cal.engine.years_span(1900, 2199)
    print(
        f"index: one more year {one * 1e3:.2f} ms; first query in 2150 after one in 2026 "
        f"{far * 1e3:.2f} ms ({far / one:.2f}x one year); full 1900-2199 {full * 1e3:.1f} ms, "
        f"{span.nbytes / 2**20:.2f} MiB ({span.n:,} runs)"
    )


def small_calls(repeats: int) -> None:
    """One ticket through each entry point, against one bare `add`: the fixed cost a
    service or a notebook pays per call (the holiday data's provisional spans are
    computed once per calendar, not per call)."""
    import polars as pl

    requester = Contact(
        first_name="Ana", last_name="Gómez", email="ana@acme.com.ar", phone="+54 11 4321 0000"
    )
    t = datetime(2026, 11, 24, 10, tzinfo=BA)
    ticket = Ticket(
        id="T-1", customer="ACME SA", product="Arcserve UDP", subject="case",
        priority=Priority(2), channel=Channel.WEB_PORTAL, requester=requester, received=t,
    )  # fmt: skip
    now = datetime(2026, 11, 25, 12, tzinfo=BA)
    cal = BASIC_PLAN.calendar
    frame = pl.DataFrame({"received": [t], "severity": [2]})
    from slaclock import ZENDESK_METRICS, Message, StatusChanged, evaluate, evaluate_frame

    step = timedelta(minutes=47)
    events = [Message(at=t, author="customer")]
    for k in range(1, 12):
        at = t + k * step
        events.append(
            StatusChanged(at=at, status=("open", "pending", "hold", "solved")[k % 4])  # type: ignore[arg-type]
            if k % 2
            else Message(at=at, author=("agent", "customer")[k % 4 // 2])
        )
    twelve = ticket.model_copy(update={"history": tuple(events)})
    calls: dict[str, Callable[[object], object]] = {
        "add": lambda _: cal.add(t, timedelta(hours=2)),
        "evaluate": lambda _: evaluate(ticket, now),
        "evaluate(12 events, ZENDESK_METRICS)": lambda _: evaluate(
            twelve, now, metrics=ZENDESK_METRICS
        ),
        "evaluate_many([1])": lambda _: evaluate_many([ticket], now),
        "evaluate_frame(1 row)": lambda _: evaluate_frame(frame, now),
    }
    for fn in calls.values():
        fn(None)  # warm: the index and the spans are built outside the timings
    inputs = [None] * 50
    us = {name: median_us(fn, inputs, repeats) for name, fn in calls.items()}
    shown = ", ".join(
        f"{name} {v:.0f} µs ({v / us['add']:.0f}x add)" for name, v in us.items() if name != "add"
    )
    print(f"small calls: add {us['add']:.1f} µs; {shown}")


def import_cost(repeats: int) -> None:
    """`import slaclock` against importing the dependencies it imports, each in a fresh
    interpreter (medians of `repeats`).

    Both are timed from bytecode, as an installed package is: with
    PYTHONDONTWRITEBYTECODE set (as in some CI and sandboxes) slaclock's own modules
    would be compiled from source on every run while the dependencies' were compiled
    at install. The bytecode goes to a temporary PYTHONPYCACHEPREFIX, written by one
    untimed run, never into the source tree. `import slaclock` validates no model
    (`slaclock._once`); the cost of the first use, where pydantic builds its first
    validators, is printed beside it.
    """
    import os
    import subprocess
    import tempfile

    # `import pydantic` alone loads almost nothing (its names are imported on first
    # access); the names slaclock uses are imported here, so that pydantic's own
    # modules count as the dependency's cost, not slaclock's.
    deps = (
        "import holidays, narwhals, numpy, phonenumbers, pydantic, email_validator, tzdata; "
        "from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, "
        "TypeAdapter, ValidationInfo, field_serializer, field_validator, model_validator, "
        "validate_email"
    )
    code = (
        "import time; t0 = time.perf_counter(); " + deps + "; t1 = time.perf_counter(); "
        "import slaclock; t2 = time.perf_counter(); slaclock.BASIC_PLAN; "
        "t3 = time.perf_counter(); print(t1 - t0, t2 - t1, t3 - t2)"
    )
    runs = []
    with tempfile.TemporaryDirectory(prefix="slaclock-pyc-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for k in range(repeats + 1):
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env
            )
            d, own, first = map(float, out.stdout.split())
            if k:  # the first run writes the bytecode
                runs.append((d, own, first))
    d = statistics.median(r[0] for r in runs)
    own = statistics.median(r[1] for r in runs)
    first = statistics.median(r[2] for r in runs)
    print(
        f"import: dependencies {d * 1e3:.0f} ms, then slaclock {own * 1e3:.0f} ms more: "
        f"{(d + own) / d:.2f}x the dependencies alone (median of {repeats}); the first use "
        f"after it (BASIC_PLAN made: pydantic's first validator build and plugin scan) "
        f"{first * 1e3:.0f} ms more, {(d + own + first) / d:.2f}x"
    )


sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer calls (a smoke run)")
    p.add_argument("--smoke", action="store_true", help="a tiny run that only checks it works")
    args = p.parse_args(argv)
    n, repeats = (200, 3) if args.quick else (2000, 7)
    if args.smoke:
        n, repeats = 20, 1
    cal = argentina()
    ts = instants(n)
    cal.add(ts[0], timedelta(hours=10_000))  # build the index outside the timings
    ours: dict[str, float] = {}
    for h in TARGETS_H:
        d = timedelta(hours=h)
        ours[f"add {h} h"] = median_us(lambda t, d=d: cal.add(t, d), ts, repeats)  # type: ignore[misc]
    pairs = [(t, t + timedelta(hours=50, minutes=7)) for t in ts]
    ours["elapsed"] = median_us(lambda ab: cal.elapsed(*ab), pairs, repeats)  # type: ignore[misc]

    version = sys.version.split()[0]
    print(f"slaclock benchmark: {n} instants, median of {repeats} batches, Python {version}")
    print(f"{'operation':<14} {'slaclock µs':>12}", end="")
    peer_fns = peers(cal)
    for name in peer_fns:
        print(f" | {name + ' µs':>28} {'ratio':>8}", end="")
    print()
    results: dict[str, dict[str, float | None]] = {name: {} for name in peer_fns}
    for name, fns in peer_fns.items():
        prepared = [fns["prepare"](t) for t in ts]
        for op in ours:
            if op == "elapsed":
                if "elapsed" not in fns:
                    results[name][op] = None
                    continue
                sub = [(fns["prepare"](a), fns["prepare"](b)) for a, b in pairs]
                k = max(20, n // 10)
                results[name][op] = median_us(lambda ab, f=fns["elapsed"]: f(*ab), sub[:k], 3)  # type: ignore[misc]
                continue
            h = int(op.split()[1])
            k = n if h < 10_000 else max(2 if args.smoke else 10, n // 100)
            results[name][op] = median_us(
                lambda t, f=fns["add"], h=h: f(t, h),  # type: ignore[misc]
                prepared[:k],
                3 if h >= 10_000 else repeats,
            )
    for op, us in ours.items():
        print(f"{op:<14} {us:>12.2f}", end="")
        for name in peer_fns:
            theirs = results[name][op]
            if theirs is None:
                print(f" | {'n/a':>28} {'':>8}", end="")
            else:
                print(f" | {theirs:>28.2f} {theirs / us:>7.1f}x", end="")
        print()
    print(f"slaclock 10,000 h / 2 h: {ours['add 10000 h'] / ours['add 2 h']:.2f}x")
    agreement(cal, ts[: min(n, 300)], peer_fns)
    index_build(1 if args.smoke else 7)
    small_calls(1 if args.smoke else 5)
    import_cost(1 if args.smoke else 3 if args.quick else 7)
    batch(1_000 if args.smoke else 20_000 if args.quick else 100_000, 1 if args.smoke else 3)
    try:
        from metrics import metrics
        from tables import tables
        from zendesk import zendesk_folder
    except ImportError as exc:  # pandas is in the bench extra
        print(f"tables: skipped ({exc})")
    else:
        rows = 2_000 if args.smoke else 100_000 if args.quick else 1_000_000
        tables(rows, 1 if args.smoke else 5, full=not (args.quick or args.smoke))
        metrics(1_000 if args.smoke else 20_000 if args.quick else 200_000, 1 if args.smoke else 3)
        zendesk_folder(
            500 if args.smoke else 20_000 if args.quick else 100_000, 1 if args.smoke else 3
        )
    if not args.smoke:
        from payloads import payloads

        payloads()  # the worst payload of each kind: time and peak memory
    return 0


def agreement(
    cal: BusinessCalendar,
    ts: list[datetime],
    peer_fns: dict[str, dict[str, Callable[..., object]]],
) -> None:
    """How often each peer's `add` gives slaclock's instant (a check, not a timing)."""
    for name, fns in peer_fns.items():
        same = total = 0
        for t in ts:
            for h in (2, 24):
                theirs = fns["add"](fns["prepare"](t), h)
                ours = cal.add(t, timedelta(hours=h))
                total += 1
                as_dt = theirs.to_pydatetime() if hasattr(theirs, "to_pydatetime") else theirs
                same += as_dt.astimezone(timezone.utc) == ours.astimezone(timezone.utc)  # type: ignore[union-attr]
        print(f"agreement with {name}: {same}/{total} deadlines identical")
    if "businesstimedelta" in peer_fns:
        a = datetime(2026, 11, 24, 9, 0, 0, 123456, tzinfo=BA)
        b = datetime(2026, 11, 24, 10, 0, 0, 654321, tzinfo=BA)
        theirs = peer_fns["businesstimedelta"]["elapsed"](a, b)
        print(
            f"elapsed 09:00:00.123456 -> 10:00:00.654321: slaclock {cal.elapsed(a, b)}, "
            f"businesstimedelta {theirs}"
        )


if __name__ == "__main__":
    sys.exit(main())
