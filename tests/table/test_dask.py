"""A Dask DataFrame of tickets with a long events table and metrics: partition by
partition, each tickets partition with the events partition of the same number, equal to
the eager pandas result on the whole table, on the synchronous scheduler (the same on a
real cluster of two worker processes: tests/test_dask.py, which shares its cluster).

A Dask DataFrame through evaluate_frame, lazily, on a real cluster of two worker processes
(with wide columns, and with an events table and metrics: the data of test_dask_events).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

from slaclock import (
    BASIC_PLAN,
    MANUAL_METRICS,
    ZENDESK_METRICS,
    ColumnError,
    InvalidRowsError,
    SlaclockError,
    argentina,
    evaluate_frame,
    partition_by_ticket,
)
from tests.support.domain import CONTRACT, ba

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

NOW = ba(2026, 12, 1, 12)
PLAN = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
METRICS = ZENDESK_METRICS + MANUAL_METRICS
EVENT_NAMES = ("ticket_id", "kind", "at", "severity", "to", "assisted_only", "status",
               "author", "public")  # fmt: skip
#: The synchronous scheduler, the input's dtypes kept, and a task-based shuffle (with a
#: distributed Client alive, dask would pick its peer-to-peer shuffle, which needs one).
SYNC = {
    "scheduler": "synchronous",
    "dataframe.convert-string": False,
    "dataframe.shuffle.method": "tasks",
}


def histories(n: int, seed: int = 11, bad: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`n` tickets received over autumn 2026 and their histories in time order: the
    customer's description, then status changes, public and private messages from both
    sides, reclassifications, pauses, escalations to L2 or the vendor, some closed. The
    first `bad` tickets get one bad event each (an unknown status)."""
    rng = np.random.default_rng(seed)
    received = pd.Timestamp("2026-09-01", tz="America/Argentina/Buenos_Aires") + pd.to_timedelta(
        rng.integers(0, 85 * 24 * 60, n), unit="min"
    )
    ids = [f"T{k:04d}" for k in range(n)]
    tickets = pd.DataFrame({"id": ids, "received": received, "severity": rng.integers(1, 5, n)})
    rows: list[dict[str, Any]] = []
    for k, tid in enumerate(ids):
        at = received[k]
        steps: list[tuple[pd.Timestamp, str, dict[str, Any]]] = [
            (at, "message", {"author": "customer", "public": True})
        ]
        escalated = paused = False
        for _ in range(int(rng.integers(0, 10))):
            at = at + pd.Timedelta(minutes=int(rng.integers(5, 2500)))
            pick = int(rng.integers(0, 9))
            if pick == 0:
                status = str(rng.choice(["open", "pending", "on-hold", "solved"]))
                steps.append((at, "status", {"status": status}))
            elif pick == 1:
                public = bool(rng.random() < 0.8)
                steps.append((at, "message", {"author": "agent", "public": public}))
            elif pick == 2:
                steps.append((at, "message", {"author": "customer", "public": True}))
            elif pick == 3 and not escalated:
                escalated = True
                to = "vendor" if rng.random() < 0.3 else "L2"
                steps.append((at, "escalated", {"to": to, "assisted_only": False}))
            elif pick == 4:
                steps.append((at, "classified", {"severity": int(rng.integers(1, 5))}))
            elif pick == 5:
                steps.append((at, "resumed" if paused else "paused", {}))
                paused = not paused
            elif pick == 6:
                steps.append((at, "responded", {}))
            else:
                steps.append((at, "status", {"status": "open"}))
        if k < bad:
            steps.append((at + pd.Timedelta(minutes=1), "status", {"status": "archived"}))
        if rng.random() < 0.2:
            steps.append((at + pd.Timedelta(hours=2), "status", {"status": "closed"}))
        rows += [{"ticket_id": tid, "kind": kind, "at": t, **v} for t, kind, v in steps]
    events = pd.DataFrame(rows, columns=list(EVENT_NAMES))
    return tickets, events


TICKETS, EVENTS = histories(240, bad=7)
GOOD_EVENTS = EVENTS[EVENTS["status"] != "archived"]


def compare(lazy: Any, expected: pd.DataFrame, meta: bool = True) -> pd.DataFrame:
    """The computed Dask result against the eager one: same rows (index included),
    values and dtypes; with `meta`, the lazy frame announced those dtypes (not so for
    errors="mark" with bad rows: their nulls make bool columns object, int ones float)."""
    got = lazy.compute()
    if meta:
        pd.testing.assert_series_equal(got.dtypes, lazy.dtypes)
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index())
    return got


def test_metrics_with_events_equal_pandas_on_the_synchronous_scheduler() -> None:
    with dask.config.set(SYNC):
        tickets, events = partition_by_ticket(TICKETS, GOOD_EVENTS, npartitions=4)
        lazy = evaluate_frame(tickets, NOW, PLAN, events=events, metrics=METRICS)
        assert type(lazy).__module__.startswith("dask")  # nothing computed yet
        assert lazy.npartitions == 4
        parts = dask.compute(tickets.to_delayed(), events.to_delayed(), lazy.to_delayed())
    got = pd.concat(parts[2])
    pd.testing.assert_series_equal(got.dtypes, lazy.dtypes)
    expected = evaluate_frame(TICKETS, NOW, PLAN, events=GOOD_EVENTS, metrics=METRICS)
    pd.testing.assert_frame_equal(got.sort_index(), expected)
    # each partition is its pair evaluated eagerly, rows in the partition's order
    for part, part_events, out in zip(*parts):
        alone = evaluate_frame(part, NOW, PLAN, events=part_events, metrics=METRICS)
        pd.testing.assert_frame_equal(out, alone)
    assert (got["periodic_update_time_cycles"] > 1).any()
    assert set(got["agent_work_time_state"]) >= {"running", "paused", "stopped"}
    assert set(got["l2_update_state"]) >= {"not_started", "running", "paused"}


def test_errors_mark_works_per_partition() -> None:
    with dask.config.set(SYNC):
        tickets, events = partition_by_ticket(TICKETS, EVENTS, npartitions=4)
        lazy = evaluate_frame(tickets, NOW, PLAN, events=events, metrics=METRICS, errors="mark")
        expected = evaluate_frame(
            TICKETS, NOW, PLAN, events=EVENTS, metrics=METRICS, errors="mark"
        )
        got = compare(lazy, expected, meta=False)
    marked = got.loc[got["problem"].notna(), "id"]
    assert set(marked) == {f"T{k:04d}" for k in range(7)}  # the bad histories only


def test_events_in_the_wrong_partition_raise() -> None:
    with dask.config.set(SYNC):
        tickets = dd.from_pandas(TICKETS, npartitions=2)
        events = dd.from_pandas(EVENTS.iloc[::-1], npartitions=2)
        lazy = evaluate_frame(tickets, NOW, PLAN, events=events)
        with pytest.raises(SlaclockError, match="partition_by_ticket") as caught:
            lazy.compute()
    assert isinstance(caught.value, ColumnError)
    assert re.search(r"names \d+ ticket\(s\) .* \(first: \['T\d{4}'", str(caught.value))


def test_an_event_of_an_unknown_ticket_names_it() -> None:
    stray = GOOD_EVENTS.iloc[:1].assign(ticket_id="T9999")
    events = pd.concat([GOOD_EVENTS, stray], ignore_index=True)
    with dask.config.set(SYNC):
        tickets, parts = partition_by_ticket(TICKETS, events, npartitions=3)
        with pytest.raises(ColumnError, match=r"'T9999'.*add any ticket"):
            evaluate_frame(tickets, NOW, PLAN, events=parts).compute()


def test_different_partition_counts_are_refused_at_call_time() -> None:
    tickets = dd.from_pandas(TICKETS, npartitions=3)
    events = dd.from_pandas(EVENTS, npartitions=2)
    with pytest.raises(ColumnError, match=r"3 partitions but the events 2.*partition_by_ticket"):
        evaluate_frame(tickets, NOW, PLAN, events=events)


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_eager_events_with_dask_tickets_are_refused(kind: str) -> None:
    events = EVENTS if kind == "pandas" else pl.from_pandas(EVENTS)
    with pytest.raises(ColumnError, match=r"events is a DataFrame; .*partition_by_ticket"):
        evaluate_frame(dd.from_pandas(TICKETS, npartitions=2), NOW, events=events)


def test_bad_rows_raise_with_errors_raise() -> None:
    with dask.config.set(SYNC):
        tickets, events = partition_by_ticket(TICKETS, EVENTS, npartitions=2)
        lazy = evaluate_frame(tickets, NOW, PLAN, events=events, metrics=METRICS)
        with pytest.raises(InvalidRowsError, match="status is not one of"):
            lazy.compute()


def test_more_partitions_than_tickets() -> None:
    """Empty partitions evaluate to empty frames with the same columns."""
    small = TICKETS.iloc[:5]
    small_events = GOOD_EVENTS[GOOD_EVENTS["ticket_id"].isin(small["id"])]
    with dask.config.set(SYNC):
        tickets, events = partition_by_ticket(small, small_events, npartitions=8)
        lazy = evaluate_frame(tickets, NOW, PLAN, events=events, metrics=ZENDESK_METRICS[:2])
        expected = evaluate_frame(
            small, NOW, PLAN, events=small_events, metrics=ZENDESK_METRICS[:2]
        )
        compare(lazy, expected)


def test_metrics_without_events_on_dask() -> None:
    """Wide columns alone also give metrics (the first response ends first_reply_time)."""
    rng = np.random.default_rng(2)
    wide = TICKETS.assign(
        responded_at=(TICKETS["received"] + pd.Timedelta(hours=3)).where(
            rng.random(len(TICKETS)) < 0.5
        )
    )
    with dask.config.set(SYNC):
        lazy = evaluate_frame(dd.from_pandas(wide, npartitions=3), NOW, metrics=ZENDESK_METRICS)
        compare(lazy, evaluate_frame(wide, NOW, metrics=ZENDESK_METRICS))


def _partition_of(frame: Any, column: str) -> dict[Any, set[int]]:
    """Which partitions each value of `column` is in."""
    where: dict[Any, set[int]] = {}
    (parts,) = dask.compute(frame.to_delayed())
    for k, part in enumerate(parts):
        for value in part[column].tolist():
            where.setdefault(value, set()).add(k)
    return where


def test_partition_by_ticket_puts_events_with_their_ticket() -> None:
    """Same partition number for a ticket and its events, whatever the ids' dtypes: int
    ids against integral floats, object text against Arrow strings."""
    n = 200
    tickets = pd.DataFrame({"id": np.arange(n), "x": np.arange(n)})
    events = pd.DataFrame({"ticket_id": np.repeat(np.arange(n), 3).astype(float)})
    text = pd.DataFrame({"id": pd.Series([f"T{k}" for k in range(n)], dtype=object)})
    text_events = pd.DataFrame(
        {"ticket_id": pd.Series([f"T{k}" for k in range(n)] * 2, dtype="string[pyarrow]")}
    )
    with dask.config.set(SYNC):
        for t_in, e_in in ((tickets, events), (text, text_events)):
            t, e = partition_by_ticket(t_in, e_in, npartitions=5)
            homes = _partition_of(t, "id")
            assert all(len(p) == 1 for p in homes.values()) and len(homes) == n
            used = {next(iter(p)) for p in homes.values()}
            assert len(used) == 5  # spread over every partition
            for value, parts in _partition_of(e, "ticket_id").items():
                key = int(value) if isinstance(value, float) else value
                assert parts == homes[key]
            assert sorted(t.compute()["id"].tolist()) == sorted(t_in["id"].tolist())
            assert len(e.compute()) == len(e_in)


def test_partition_by_ticket_keeps_pandas_dtypes() -> None:
    """Dask's default conversion of object columns to Arrow strings is not applied."""
    with dask.config.set({"scheduler": "synchronous", "dataframe.shuffle.method": "tasks"}):
        t, e = partition_by_ticket(TICKETS, EVENTS, npartitions=2)
        pd.testing.assert_series_equal(e.dtypes, EVENTS.dtypes)
        pd.testing.assert_frame_equal(e.compute().sort_index(), EVENTS)
        pd.testing.assert_series_equal(t.dtypes, TICKETS.dtypes)


def test_partition_by_ticket_defaults() -> None:
    with dask.config.set(SYNC):
        t, e = partition_by_ticket(TICKETS, EVENTS)
        assert (t.npartitions, e.npartitions) == (1, 1)
        t, e = partition_by_ticket(dd.from_pandas(TICKETS, npartitions=3), EVENTS)
        assert (t.npartitions, e.npartitions) == (3, 3)
        pd.testing.assert_frame_equal(t.compute().sort_index(), TICKETS)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: partition_by_ticket(pl.from_pandas(TICKETS), EVENTS), "pandas or Dask"),
        (lambda: partition_by_ticket(TICKETS, EVENTS, id="case"), r"no 'case' column.*id="),
        (lambda: partition_by_ticket(TICKETS, EVENTS, ticket_id="t"), r"'t'.*ticket_id="),
        (lambda: partition_by_ticket(TICKETS, EVENTS, npartitions=0), "npartitions"),
        (lambda: partition_by_ticket(TICKETS, EVENTS, npartitions=2.0), "npartitions"),  # type: ignore[arg-type]
    ],
)
def test_partition_by_ticket_refuses(call: Any, message: str) -> None:
    with pytest.raises(ColumnError, match=message):
        call()


def _one_ticket_events(**columns: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    tickets = pd.DataFrame(
        {"id": ["A"], "received": [pd.Timestamp("2026-11-24 13:00", tz="UTC")], "severity": [2]}
    )
    n = len(next(iter(columns.values())))
    at = pd.Timestamp("2026-11-24 14:00", tz="UTC") + pd.to_timedelta(range(n), unit="h")
    return tickets, pd.DataFrame({"ticket_id": ["A"] * n, "at": at, **columns})


@pytest.mark.parametrize("dtype", ["boolean", "string"])
def test_a_nullable_public_column_reads_as_none(dtype: str) -> None:
    values = [True, None] if dtype == "boolean" else ["True", None]
    tickets, events = _one_ticket_events(
        kind=["message", "message"],
        author=["customer", "agent"],
        public=pd.array(values, dtype=dtype),
    )
    evaluate_frame(tickets, NOW, events=events)


def test_assisted_only_text_false_reads_as_false() -> None:
    tickets, events = _one_ticket_events(
        kind=["escalated"], to=["vendor"], assisted_only=pd.Series(["False"], dtype=object)
    )
    as_text = evaluate_frame(tickets, NOW, events=events)
    as_bool = evaluate_frame(tickets, NOW, events=events.assign(assisted_only=False))
    assert as_text["state"].tolist() == as_bool["state"].tolist()  # breached, not handed over


def test_bad_row_labels_of_an_int64_index_read_as_numbers() -> None:
    received = [pd.Timestamp("2026-11-24 10:00", tz="UTC"), None]
    tickets = pd.DataFrame({"received": received, "severity": [2, 2]}, index=pd.Index([5, 7]))
    with pytest.raises(InvalidRowsError, match=r"\(first: 7\)"):
        evaluate_frame(tickets, NOW)


# -- was tests/test_dask.py --------------------------------------------------------------

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def tickets(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    start = pd.Timestamp("2025-06-01", tz="America/Argentina/Buenos_Aires")
    received = start + pd.to_timedelta(rng.integers(0, 500 * 24 * 60, n), unit="min")
    answered = received + pd.to_timedelta(rng.integers(0, 4 * 24 * 60, n), unit="min")
    return pd.DataFrame(
        {
            "received": received,
            "severity": rng.integers(1, 5, n),
            "responded_at": answered.where(rng.random(n) < 0.7),
            "customer": "ACME SA",
            "product": np.where(rng.random(n) < 0.5, "Arcserve UDP", "Arcserve Backup"),
            "requester_email": "ana.gomez@acme.com.ar",
        }
    )


def test_dask_partitions_equal_pandas(client: object) -> None:
    import dask

    df = tickets(20_000)
    with dask.config.set({"dataframe.convert-string": False}):  # keep the input's dtypes
        ddf = dd.from_pandas(df, npartitions=6)
    plan = BASIC_PLAN.with_calendar(argentina(hours="08:00-18:00"))
    now = ba(2026, 11, 30, 12)
    lazy = evaluate_frame(ddf, now, plan)
    assert type(lazy).__module__.startswith("dask")  # nothing computed yet
    pd.testing.assert_frame_equal(lazy.compute(), evaluate_frame(df, now, plan))
    with_contracts = evaluate_frame(ddf, now, contracts={"ACME SA": CONTRACT}, errors="mark")
    pd.testing.assert_frame_equal(
        with_contracts.compute(),
        evaluate_frame(df, now, contracts={"ACME SA": CONTRACT}, errors="mark"),
    )


def test_dask_refuses_an_eager_events_table(client: object) -> None:
    """Events go with Dask tickets as a Dask frame partitioned like them (test_dask_events)."""
    ddf = dd.from_pandas(tickets(10), npartitions=2)
    with pytest.raises(ColumnError, match="partition_by_ticket"):
        evaluate_frame(ddf, ba(2026, 11, 30), events=pd.DataFrame())


def test_metrics_with_events_equal_pandas_on_a_cluster(client: object) -> None:
    """Dask inputs with other partition counts and dask's own string conversion, renamed
    id columns: the result equals the eager one on the same (converted) tables. (The flags
    are booleans: dask turns an object column of True/None into text, see the xfails.)"""
    flags = EVENTS.assign(
        public=EVENTS["public"].fillna(True).astype(bool),
        assisted_only=EVENTS["assisted_only"].fillna(False).astype(bool),
    )
    tickets_in = dd.from_pandas(TICKETS.rename(columns={"id": "case"}), npartitions=3)
    events_in = dd.from_pandas(flags.rename(columns={"ticket_id": "case_no"}), npartitions=5)
    parts, part_events = partition_by_ticket(tickets_in, events_in, id="case", ticket_id="case_no")
    assert (parts.npartitions, part_events.npartitions) == (3, 3)
    options: dict[str, Any] = {
        "columns": {"id": "case"},
        "event_columns": {"ticket_id": "case_no"},
        "metrics": METRICS,
        "errors": "mark",
        "prefix": "sla_",
    }
    lazy = evaluate_frame(parts, NOW, PLAN, events=part_events, **options)
    expected = evaluate_frame(
        tickets_in.compute(), NOW, PLAN, events=events_in.compute(), **options
    )
    got = compare(lazy, expected, meta=False)
    assert got["sla_problem"].notna().sum() == 7


def test_events_in_the_wrong_partition_raise_on_a_cluster(client: object) -> None:
    parts = dd.from_pandas(TICKETS, npartitions=3)
    part_events = dd.from_pandas(EVENTS, npartitions=3)  # split by row count, not by ticket
    lazy = evaluate_frame(parts, NOW, PLAN, events=part_events, metrics=METRICS)
    with pytest.raises(ColumnError, match=r"events partition \d names .*partition_by_ticket"):
        lazy.compute()
