"""Benchmark: every Zendesk metric of a whole table of ticket histories, against a bare numpy
sketch of five of them.

Run: python benchmarks/metrics.py [--tickets N] (also called from run.py). Generated,
seeded histories: each ticket its description, then status changes and messages
hours apart. The sketch is the floor: status rows only, the open time of each span
between two status rows by searchsorted on the calendar's cumulative open time, sums
per ticket by bincount, for requester wait, agent work, agent wait, on-hold and
first resolution time (no cycles, no messages, no checks). Medians of one run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from slaclock import BASIC_PLAN, ZENDESK_METRICS, TicketStatus, evaluate_frame
from slaclock.sla.columns import TicketColumns
from slaclock.sla.metric_cycles import MetricColumns
from slaclock.sla.one_ticket import measure
from slaclock.sla.policy import TicketAttributes
from slaclock.sla.timeline import AGENT, PUBLIC, Code, EventColumns

US = 1_000_000
HOUR = 3_600 * US
EVENTS_PER_TICKET = 12
NOW = datetime(2027, 1, 1, tzinfo=timezone.utc)
NOW_US = int(NOW.timestamp()) * US
_STATUS_NAMES = np.array([s.value for s in TicketStatus], dtype=object)


def histories(n: int, seed: int = 13) -> dict[str, np.ndarray]:
    """n tickets of 2026 with 12 events each: the description, then status changes and
    messages (agent or customer, nine in ten public), 0-6 hours apart."""
    rng = np.random.default_rng(seed)
    start = int(datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()) * US
    received = start + rng.integers(0, 330 * 24 * HOUR, n)
    k = EVENTS_PER_TICKET
    gaps = rng.integers(0, 6 * HOUR, (n, k))
    gaps[:, 0] = 0
    at = (received[:, None] + np.cumsum(gaps, axis=1)).ravel()
    ticket = np.repeat(np.arange(n), k)
    is_status = rng.random(n * k) < 0.5
    is_status[::k] = False  # the description
    # Statuses other than closed (nothing may follow it).
    status = rng.integers(TicketStatus.OPEN.code, TicketStatus.CLOSED.code, n * k)
    agent = rng.random(n * k) < 0.55
    agent[::k] = False
    public = rng.random(n * k) < 0.9
    public[::k] = True
    return {
        "received": received,
        "severity": rng.integers(1, 5, n).astype(np.int8),
        "ticket": ticket,
        "at": at,
        "is_status": is_status,
        "status": status,
        "agent": agent,
        "public": public,
    }


def frames(h: dict[str, np.ndarray]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The histories as a pandas tickets table and long events table."""
    ids = np.arange(len(h["received"]))
    tickets = pd.DataFrame(
        {
            "id": ids,
            "received": pd.to_datetime(h["received"], unit="us", utc=True),
            "severity": h["severity"],
        }
    )
    events = pd.DataFrame(
        {
            "ticket_id": h["ticket"],
            "kind": np.where(h["is_status"], "status", "message"),
            "at": pd.to_datetime(h["at"], unit="us", utc=True),
            "status": np.where(h["is_status"], _STATUS_NAMES[h["status"]], None),
            "author": np.where(h["is_status"], None, np.where(h["agent"], "agent", "customer")),  # type: ignore[call-overload]
            "public": h["public"],
        }
    )
    return tickets, events


def columns(h: dict[str, np.ndarray]) -> EventColumns:
    code = np.where(h["is_status"], Code.STATUS, Code.MESSAGE)
    value = np.where(
        h["is_status"],
        h["status"],
        np.where(h["agent"], AGENT, 0) | np.where(h["public"], PUBLIC, 0),
    )
    return EventColumns.of(h["ticket"], code, value, h["at"])


def sketch(
    h: dict[str, np.ndarray], starts: np.ndarray, ends: np.ndarray, cum: np.ndarray
) -> np.ndarray:
    """Five status metrics per ticket (rows: requester wait, agent work, agent wait, on
    hold, first resolution), bare numpy."""
    n = len(h["received"])
    s = np.flatnonzero(h["is_status"])
    owner = np.concatenate([np.arange(n), h["ticket"][s]])
    at = np.concatenate([h["received"], h["at"][s]])
    status = np.concatenate([np.zeros(n, dtype=np.int64), h["status"][s]])
    order = np.argsort(owner, kind="stable")
    owner, at, status = owner[order], at[order], status[order]
    until = np.empty_like(at)
    until[:-1] = at[1:]
    last = np.ones(len(at), dtype=bool)
    last[:-1] = owner[1:] != owner[:-1]
    until[last] = NOW_US

    def open_time(u: np.ndarray) -> np.ndarray:
        i = np.maximum(np.searchsorted(starts, u, "right") - 1, 0)
        out: np.ndarray = cum[i] + np.clip(np.minimum(u, ends[i]) - starts[i], 0, None)
        return out

    span = open_time(until) - open_time(at)
    out = np.zeros((5, n), dtype=np.int64)
    for row, counted in enumerate(((0, 1, 3), (0, 1), (2,), (3,))):
        mask = np.isin(status, counted)
        out[row] = np.bincount(owner[mask], weights=span[mask], minlength=n)
    solved = status == TicketStatus.SOLVED.code
    first = np.full(n, NOW_US)
    np.minimum.at(first, owner[solved], at[solved])
    out[4] = open_time(first) - open_time(h["received"])
    return out


def median_s(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def metrics(n: int, repeats: int) -> None:
    """Print the metrics benchmark: one run, medians, ratios."""
    h = histories(n)
    engine = BASIC_PLAN.calendar.engine
    given = TicketColumns(h["received"], h["severity"], columns(h))
    attributes = TicketAttributes(tier=[BASIC_PLAN.tier] * n)

    def core() -> tuple[MetricColumns, ...]:
        return measure(given, attributes, NOW_US, BASIC_PLAN, ZENDESK_METRICS, ())

    span = engine.cover_many(np.concatenate([h["received"], h["at"], [NOW_US]]))
    arrays = (span.starts, span.ends, span.cum)
    core()
    ours = median_s(core, repeats)
    bare = median_s(lambda: sketch(h, *arrays), repeats)
    got = core()
    floor = sketch(h, *arrays)
    names = ("requester_wait_time", "agent_work_time", "agent_wait_time", "on_hold_time")
    same = all(
        np.array_equal(next(m for m in got if m.metric.name == name).elapsed, floor[k])
        for k, name in enumerate(names)
    )
    rows = len(h["at"])
    print(
        f"metrics: {n:,} tickets, {rows:,} status and message rows, all {len(ZENDESK_METRICS)} "
        f"ZENDESK_METRICS from int64 columns {ours:.3f} s; bare numpy sketch of five "
        f"{bare:.3f} s; ratio {ours / bare:.2f}x; the four status sums agree: {same}"
    )
    tickets, events = frames(h)
    through = median_s(
        lambda: evaluate_frame(tickets, NOW, events=events, metrics=ZENDESK_METRICS),
        max(1, repeats // 2),
    )
    print(
        f"metrics: the same through evaluate_frame from pandas tables {through:.3f} s "
        f"({through / bare:.1f}x the sketch; reading the pandas tables adds "
        f"{through - ours:.2f} s)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tickets", type=int, default=200_000)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args(argv)
    metrics(args.tickets, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
