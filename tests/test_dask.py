"""A Dask DataFrame through evaluate_frame, lazily, on a real cluster of two worker processes
(with wide columns, and with an events table and metrics: the data of test_dask_events)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

from slaclock import BASIC_PLAN, ColumnError, argentina, evaluate_frame, partition_by_ticket
from tests.domain import CONTRACT, ba
from tests.test_dask_events import EVENTS, METRICS, NOW, PLAN, TICKETS, compare

dd = pytest.importorskip("dask.dataframe")
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
