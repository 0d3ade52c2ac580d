"""Benchmark of the table path: evaluate_frame against a bare numpy sketch, the object path,
peak memory per row, and a Dask cluster of two workers against one process.

Run through benchmarks/run.py (it calls `tables`), or alone:
``python benchmarks/tables.py --memory N`` prints the peak memory of evaluating N rows
(a child process, so that the measurement is its own).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from slaclock import BASIC_PLAN, Channel, Contact, Priority, Responded, Ticket, evaluate_frame
from slaclock import evaluate_many as object_path

BA = ZoneInfo("America/Argentina/Buenos_Aires")
NOW = datetime(2027, 1, 15, 12, tzinfo=BA)
US = timedelta(microseconds=1)


def frame_of(n: int, seed: int = 1) -> pd.DataFrame:
    """n tickets of 2025-2026: received, severity (skewed to 3-4), half answered."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2025-01-01T00:00:00", "us").astype(np.int64) + 3 * 3_600_000_000
    received = start + rng.integers(0, 2 * 365 * 86_400_000_000, n)
    answered = received + rng.integers(0, 3 * 86_400_000_000, n)
    answered = np.where(rng.random(n) < 0.5, answered, np.iinfo(np.int64).min)
    return pd.DataFrame(
        {
            "received": pd.to_datetime(received, unit="us", utc=True).tz_convert(BA),
            "severity": rng.choice([1, 2, 3, 4], n, p=[0.1, 0.2, 0.35, 0.35]),
            "responded_at": pd.to_datetime(
                np.where(answered > 0, answered, 0), unit="us", utc=True
            )
            .where(answered > 0)
            .tz_convert(BA),
        }
    )


def sketch(
    starts: np.ndarray, ends: np.ndarray, cum: np.ndarray, received: np.ndarray,
    target: np.ndarray, responded: np.ndarray, now: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Deadline, elapsed and breach from the cumulative open-time arrays, bare numpy."""
    i = np.searchsorted(starts, received, "right") - 1
    k = np.maximum(i, 0)
    c = np.where(i >= 0, cum[k] + np.minimum(received, ends[k]) - starts[k], 0)
    t = c + target
    j = np.searchsorted(cum, t, "left") - 1
    deadline = starts[j] + t - cum[j]
    answered = responded >= 0
    until = np.where(answered, responded, now)
    i2 = np.searchsorted(starts, until, "right") - 1
    k2 = np.maximum(i2, 0)
    used = np.where(i2 >= 0, cum[k2] + np.minimum(until, ends[k2]) - starts[k2], 0) - c
    elapsed = np.maximum(used, 0)
    breached = np.where(answered, responded > deadline, now > deadline)
    return deadline, elapsed, breached


def median_s(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def to_us(column: pd.Series) -> np.ndarray:
    values = column.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]")
    out: np.ndarray = values.to_numpy().astype(np.int64)
    return out


def tables(n: int, repeats: int, full: bool) -> None:
    """Print the table benchmark: one run, medians, ratios."""
    df = frame_of(n)
    evaluate_frame(df.head(1000), NOW)  # build the calendar's index outside the timings
    evaluate_frame(df, NOW)
    ours = median_s(lambda: evaluate_frame(df, NOW), repeats)

    received = to_us(df["received"])
    responded = np.where(
        df["responded_at"].isna(), -1, to_us(df["responded_at"].fillna(df["received"]))
    )
    targets = np.array([0, *(BASIC_PLAN.target_us(s, 0)[0] for s in range(1, 5))], dtype=np.int64)  # type: ignore[arg-type]
    target = targets[df["severity"].to_numpy()]
    now_us = (NOW - datetime(1970, 1, 1, tzinfo=BA).replace(tzinfo=ZoneInfo("UTC"))) // US
    engine = BASIC_PLAN.calendar.engine
    span = engine.cover_many(np.concatenate([received, responded[responded >= 0], [now_us]]))
    arrays = (span.starts, span.ends, span.cum)
    bare = median_s(lambda: sketch(*arrays, received, target, responded, now_us), repeats)
    deadline, _, breached = sketch(*arrays, received, target, responded, now_us)
    out = evaluate_frame(df, NOW)
    same = bool(
        (to_us(out["deadline"]) == deadline).all()
        and (out["breached"].to_numpy() == breached).all()
    )
    print(
        f"{n:,} rows, pandas: evaluate_frame {ours:.3f} s; bare numpy sketch (deadline, elapsed, "
        f"breach from int64 arrays) {bare:.3f} s; ratio {ours / bare:.2f}x; sketch agrees: {same}"
    )

    k = min(20_000, n)
    sub = df.head(k)
    per_object = median_s(lambda: objects_to_frame(sub), max(1, repeats // 2))
    scaled = per_object * n / k
    print(
        f"object path (Ticket objects -> evaluate_many -> DataFrame) on {k:,} rows: "
        f"{per_object:.3f} s, scaled to {n:,}: {scaled:.2f} s; evaluate_frame is "
        f"{scaled / ours:.0f}x faster"
    )
    peak, seconds = memory_in_child(n)
    print(
        f"peak memory of evaluate_frame on {n:,} rows: {peak / 2**20:.0f} MiB "
        f"({peak / n:.0f} bytes a row, {seconds:.2f} s in a fresh process)"
    )
    if full:
        big = 10_000_000
        peak, seconds = memory_in_child(big)
        print(
            f"10,000,000 rows: {seconds:.2f} s, peak {peak / 2**30:.2f} GiB "
            f"({peak / big:.0f} bytes a row; the frame itself not counted)"
        )
        dask_run(8_000_000, 16)


def objects_to_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Today's path before tables: a Ticket per row, evaluate_many, then a DataFrame."""
    requester = Contact(
        first_name="Ana", last_name="Gómez", email="ana@acme.com.ar", phone="+54 11 4321 0000"
    )
    tickets = []
    for k, (received, severity, responded) in enumerate(
        zip(df["received"].dt.to_pydatetime(), df["severity"], df["responded_at"])
    ):
        t = Ticket(
            id=f"T-{k}", customer="ACME SA", product="Arcserve UDP", subject="case",
            priority=Priority(int(severity)), channel=Channel.WEB_PORTAL, requester=requester,
            received=received,
        )  # fmt: skip
        if not pd.isna(responded):
            t = t.apply(Responded(at=responded.to_pydatetime()))
        tickets.append(t)
    return pd.DataFrame(object_path(tickets, NOW))


def memory_in_child(n: int) -> tuple[int, float]:
    """(peak bytes added by evaluate_frame on n rows, seconds), measured in a new process."""
    done = subprocess.run(
        [sys.executable, __file__, "--memory", str(n)], capture_output=True, text=True, check=True
    )
    peak, seconds = done.stdout.split()
    return int(peak), float(seconds)


def _partition(seed: int, rows: int) -> pd.DataFrame:
    return frame_of(rows, seed)


def dask_run(n: int, partitions: int) -> None:
    """n rows in `partitions` made on the workers: two worker processes against one process."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    rows = n // partitions
    t0 = time.perf_counter()
    single = pd.Series(dtype="int64")
    for seed in range(partitions):
        counts = evaluate_frame(_partition(seed, rows), NOW)["state"].value_counts()
        single = single.add(counts, fill_value=0)
    one = time.perf_counter() - t0
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        t0 = time.perf_counter()
        client.run(_warm)  # what each worker pays once: importing slaclock, building the index
        once = time.perf_counter() - t0
        meta = frame_of(1).iloc[:0]
        ddf = dd.from_map(_partition, range(partitions), rows=rows, meta=meta)  # type: ignore[no-untyped-call]
        t0 = time.perf_counter()
        # A handful of states: a tree reduction, not a shuffle, counts them.
        counts = evaluate_frame(ddf, NOW)["state"].value_counts(split_out=1).compute()
        two = time.perf_counter() - t0
    same = sorted(counts.items()) == sorted((k, int(v)) for k, v in single.items())
    print(
        f"Dask, {n:,} rows in {partitions} partitions made on the workers, states counted: "
        f"2 worker processes {two:.2f} s; one process {one:.2f} s; "
        f"speed-up {one / two:.2f}x on 2 cores; same counts: {same}; each worker paid "
        f"{once:.2f} s once before (import, index)"
    )


def _warm() -> None:
    evaluate_frame(frame_of(10), NOW)


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


def _memory(n: int) -> None:
    """Peak resident memory added while evaluating: the high-water mark is reset first
    (Linux: /proc/self/clear_refs), so building the input frame does not count."""
    df = frame_of(n)
    evaluate_frame(df.head(1000), NOW)
    before = _status_kib("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    out = evaluate_frame(df, NOW)
    seconds = time.perf_counter() - t0
    peak = _status_kib("VmHWM")
    del out
    print((peak - before) * 1024, seconds)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--memory", type=int, help="print the peak memory of evaluating N rows")
    args = p.parse_args(argv)
    if args.memory:
        _memory(args.memory)
    return 0


__all__: list[Any] = ["tables"]

if __name__ == "__main__":
    sys.exit(main())
