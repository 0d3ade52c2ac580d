"""A Dask DataFrame through evaluate_frame, lazily, on a real cluster of two worker processes."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

from slaclock import BASIC_PLAN, ColumnError, argentina, evaluate_frame
from tests.domain import CONTRACT, ba

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
