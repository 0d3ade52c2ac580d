"""Benchmark: reading and measuring a folder of Zendesk tables (as Fivetran syncs them),
against pandas alone reading the same CSV files.

Run: python benchmarks/zendesk.py [--tickets N] (also called from run.py). The tables
are generated, seeded, about 20 history and comment rows a ticket: the priority at
creation, then comments (customer and agent, one in five private) and status changes
hours apart, ending solved or closed; one ticket in fifty moves to a second schedule.
The floor is `pandas.read_csv` of every file; slaclock's time is
`slaclock.zendesk.load(folder)` (with whichever DataFrame library it picks) plus
`HelpdeskData.measure(now, ZENDESK_METRICS)`. Medians of one run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from slaclock import ZENDESK_METRICS, zendesk
from slaclock.cli.table_folder import folder_backend

US = 1_000_000
NOW = datetime(2027, 1, 1, tzinfo=timezone.utc)
#: Status changes after "new", cut where each ticket's own count ends.
CYCLE = (
    "open",
    "pending",
    "open",
    "hold",
    "open",
    "solved",
    "open",
    "pending",
    "open",
    "hold",
    "solved",
)
SCHEDULE_ROWS = [
    # New York Mon-Fri 09:00-17:00 (the default), London Mon-Fri 08:00-18:00.
    *[(1, d * 1440 + 540, d * 1440 + 1020, "Eastern Time (US & Canada)") for d in range(1, 6)],
    *[(2, d * 1440 + 480, d * 1440 + 1080, "London") for d in range(1, 6)],
]


def _text(us: np.ndarray) -> np.ndarray:
    """Instants as Fivetran's CSV text, ``2026-03-02 09:15:00``."""
    return np.char.replace(np.datetime_as_string(us.astype("datetime64[us]"), "s"), "T", " ")


def write_tables(folder: Path, n: int, seed: int = 15) -> int:
    """Write n tickets' tables into `folder`; the number of history and comment rows."""
    rng = np.random.default_rng(seed)
    start = int(datetime(2026, 1, 5, tzinfo=timezone.utc).timestamp()) * US
    created = start + rng.integers(0, 300 * 86_400, n) * US
    ids = np.arange(1, n + 1)
    priority = rng.choice(np.array(["urgent", "high", "normal", "low"]), n)
    steps = rng.integers(6, len(CYCLE) + 1, n)  # status changes after "new"
    # Each step: a comment, then (most steps) a status change a moment later.
    owner = np.repeat(np.arange(n), steps)
    gap = rng.integers(1, 8 * 3_600, len(owner)) * US
    first = np.cumsum(steps) - steps
    cum = np.cumsum(gap)
    at = created[owner] + cum - np.repeat(cum[first] - gap[first], steps)
    step = np.arange(len(owner)) - np.repeat(first, steps)
    last = np.cumsum(steps) - 1
    status = np.array(CYCLE, dtype=object)[step]
    status[last] = np.where(rng.random(n) < 0.5, "closed", "solved")
    agent = step % 2 == 0
    private = agent & (rng.random(len(owner)) < 0.2)
    comments = pd.DataFrame(
        {
            "id": np.arange(n + len(owner)),
            "ticket_id": np.concatenate([ids, ids[owner]]),
            "user_id": np.concatenate([np.full(n, 10), np.where(agent, 20, 10)]),
            "created": _text(np.concatenate([created, at])),
            "public": np.concatenate([np.ones(n, bool), ~private]),
            "_fivetran_deleted": False,
        }
    )  # fmt: skip
    history = pd.DataFrame(
        {
            "ticket_id": np.concatenate([ids, ids, ids[owner]]),
            "field_name": ["priority"] * n + ["status"] * (n + len(owner)),
            "updated": _text(np.concatenate([created, created, at + 60 * US])),
            "value": np.concatenate([priority, np.full(n, "new", dtype=object), status]),
            "user_id": 20,
        }
    )
    moved = rng.random(n) < 0.02
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "ticket": pd.DataFrame(
            {
                "id": ids,
                "created_at": _text(created),
                "priority": priority,
                "status": status[last],
                "_fivetran_deleted": False,
            }
        ),
        "ticket_field_history": history,
        "ticket_comment": comments,
        "user": pd.DataFrame({"id": [10, 20], "role": ["end-user", "agent"]}),
        "schedule": pd.DataFrame(
            {
                "id": [r[0] for r in SCHEDULE_ROWS],
                "start_time": [r[1] for r in SCHEDULE_ROWS],
                "end_time": [r[2] for r in SCHEDULE_ROWS],
                "time_zone": [r[3] for r in SCHEDULE_ROWS],
                "created_at": ["2019-01-01 00:00:00"] * 5 + ["2020-01-01 00:00:00"] * 5,
                "name": ["New York"] * 5 + ["London"] * 5,
                "_fivetran_deleted": False,
            }
        ),
        "schedule_holiday": pd.DataFrame(
            {
                "id": [1],
                "schedule_id": [1],
                "start_date": ["2026-07-03"],
                "end_date": ["2026-07-03"],
                "name": ["Independence Day"],
                "_fivetran_deleted": [False],
            }
        ),
        "ticket_schedule": pd.DataFrame(
            {
                "ticket_id": ids[moved],
                "schedule_id": 2,
                "created_at": _text(created[moved] + 3_600 * US),
            }
        ),
    }
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return len(history) + len(comments) - n


def _median_s(fn: Callable[[], object], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def zendesk_folder(n: int, repeats: int) -> None:
    """Print load and measure of n generated tickets against pandas reading the files."""
    with tempfile.TemporaryDirectory(prefix="slaclock-zendesk-") as tmp:
        folder = Path(tmp)
        rows = write_tables(folder, n)
        files = sorted(folder.glob("*.csv"))
        floor = _median_s(lambda: [pd.read_csv(f) for f in files], repeats)
        loaded = _median_s(lambda: zendesk.load(folder), repeats)
        data = zendesk.load(folder)
        measured = _median_s(lambda: data.measure(NOW, ZENDESK_METRICS), repeats)
        both = _median_s(lambda: zendesk.load(folder).measure(NOW, ZENDESK_METRICS), repeats)
    print(
        f"zendesk folder ({n:,} tickets, {rows:,} history and comment rows, CSV read with "
        f"{folder_backend()}): pandas.read_csv {floor:.2f} s; load {loaded:.2f} s "
        f"({loaded / floor:.1f}x), measure {measured:.2f} s ({measured / floor:.1f}x), "
        f"load + measure {both:.2f} s: {both / floor:.1f}x pandas reading the files "
        f"(goal: at most 2x; medians of {repeats})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tickets", type=int, default=100_000)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args(argv)
    zendesk_folder(args.tickets, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
