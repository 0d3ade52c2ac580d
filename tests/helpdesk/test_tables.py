"""`slaclock.helpdesk.tables`: ids matched by sorting, distinct values, and timestamps
read at once, each checked against a plain Python reference."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import narwhals as nw
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock.helpdesk.ids import id_text, locate, repeats
from slaclock.helpdesk.tables import Table

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

IDS = st.one_of(
    st.lists(st.integers(-5, 30), max_size=30),
    st.lists(st.sampled_from(["a", "b", "7", "07", " 7", "x y", ""]), max_size=30),
)


@given(IDS, IDS)
def test_locate_is_the_first_row_of_each_key(keys: list[Any], among: list[Any]) -> None:
    first: dict[str, int] = {}
    for k, v in enumerate(among):
        first.setdefault(str(v), k)
    got = locate(np.array(keys, dtype=object), np.array(among, dtype=object))
    assert got.tolist() == [first.get(str(v), -1) for v in keys]


@given(IDS)
def test_repeats_are_the_keys_seen_before(keys: list[Any]) -> None:
    seen: set[str] = set()
    want = []
    for v in keys:
        want.append(str(v) in seen)
        seen.add(str(v))
    assert repeats(np.array(keys, dtype=object)).tolist() == want


def tables(column: list[Any]) -> list[Table]:
    """The column as each library holds it, and as the csv module's text."""
    text = [None if v is None else str(v) for v in column]
    return [
        Table("t", nw.from_native(pd.DataFrame({"c": column}), eager_only=True)),
        Table("t", nw.from_native(pl.DataFrame({"c": column}, strict=False), eager_only=True)),
        Table("t", nw.from_native(pa.table({"c": column}), eager_only=True)),
        Table("t", {"c": text}),
    ]


@given(st.lists(st.one_of(st.none(), st.sampled_from(["open", "Open", " solved", "x"]))))
def test_factor_gives_back_every_value(column: list[Any]) -> None:
    for table in tables(column):
        distinct, codes = table.factor("c")
        assert [None if c < 0 else distinct[c] for c in codes.tolist()] == column


@given(st.lists(st.one_of(st.none(), st.integers(0, 10**12)), max_size=20))
def test_keys_match_across_libraries_and_text(column: list[Any]) -> None:
    want = [id_text(v) for v in column]
    for table in tables(column):
        assert [str(k) for k in table.keys("c").tolist()] == want


STAMPS = st.sampled_from(
    [
        "2026-03-02 09:15:00",
        "2026-03-02T09:15:00",
        " 2026-03-02 23:59:59 ",
        "2026-03-02 09:15",
        "2026-03-02 09:15:00.250",
        "2026-03-02",
        "2026-02-30 00:00:00",  # no such day
        "2026-03-02 24:00:00",
        "2026-03-02T09:15:00Z",
        "2026-03-02T09:15:00-03:00",
        "2026-03-02 09:15:00 UTC",
        "now",
        "today",
        "NaT",
        "",
        "yesterday",
        "0000-06-01 00:00:00",  # year 0: no datetime holds it
        "2026-06-01 00:00:00.",
        "2026-03-02 09:15:00.1234567",
    ]
)


@given(st.lists(st.one_of(st.none(), STAMPS), max_size=12))
def test_text_timestamps_read_at_once_equal_one_by_one(column: list[Any]) -> None:
    """Whatever the library, text timestamps give the instants (and the missing ones) that
    the csv module's text, parsed value by value, gives: never numpy's "now"."""
    reference = Table("t", {"c": list(column)}).instants("c")
    for table in tables(column)[:3]:
        at, missing = table.instants("c")
        assert missing.tolist() == reference[1].tolist()
        assert at.tolist() == reference[0].tolist()


def test_a_uint64_id_beyond_int64_keeps_its_value() -> None:
    big = np.array([2**63 + 5], dtype=np.uint64)
    table = Table("t", nw.from_native(pd.DataFrame({"c": big}), eager_only=True))
    assert [str(k) for k in table.keys("c").tolist()] == [str(2**63 + 5)]


def test_pandas_missing_values_are_missing_ids() -> None:
    assert id_text(pd.NA) == "" and id_text(float("nan")) == "" and id_text(None) == ""
    column = pd.array([7, None], dtype="Int64")
    table = Table("t", nw.from_native(pd.DataFrame({"c": column}), eager_only=True))
    assert [str(k) for k in table.keys("c").tolist()] == ["7", ""]


def test_cells_a_library_cannot_hash_stand_as_their_text() -> None:
    cells = [["open"], None, "open", ["open"], {"a": 1}]
    expected = (["['open']", "open", "{'a': 1}"], [0, -1, 1, 0, 2])
    for frame in (
        nw.from_native(pd.DataFrame({"s": pd.Series(cells, dtype=object)}), eager_only=True),
        {"s": cells},
    ):
        distinct, codes = Table("t", frame).factor("s")  # type: ignore[arg-type]
        assert (distinct, codes.tolist()) == expected


@given(
    st.lists(
        st.one_of(
            st.none(),
            st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1)),
        ),
        max_size=12,
    ),
    st.sampled_from(["s", "ms", "us", "ns"]),
)
def test_datetime_columns_read_as_utc_in_every_library(column: list[Any], unit: str) -> None:
    """A column already of datetimes (as a reader that parses dates gives it), naive (the
    helpdesk's UTC) or in UTC, reads as the same instants as its ISO text, whatever the
    library and the unit; a null is missing."""
    per = {"s": 1_000_000, "ms": 1_000}.get(unit, 1)  # values the unit holds exactly
    column = [
        None if v is None else v.replace(microsecond=v.microsecond // per * per) for v in column
    ]
    text = [None if v is None else v.isoformat(sep=" ") for v in column]
    reference = Table("t", {"c": text}).instants("c")
    naive = pa.array(column, type=pa.timestamp(unit))
    aware = pa.array(column, type=pa.timestamp(unit, tz="UTC"))
    frames = [pa.table({"c": naive}), pa.table({"c": aware})]
    frames += [f.to_pandas() for f in frames] + [pl.from_arrow(f) for f in frames]
    for frame in frames:
        at, missing = Table("t", nw.from_native(frame, eager_only=True)).instants("c")
        assert missing.tolist() == reference[1].tolist(), type(frame)
        assert at.tolist() == reference[0].tolist(), type(frame)
