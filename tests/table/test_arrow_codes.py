"""Arrow's dictionary encoding of a text column (`table.arrow_codes`): the same distinct
values and codes as finding the distinct values and comparing, for every library that
holds text in Arrow, and None (the other path) for the rest."""

from __future__ import annotations

from typing import Any

import narwhals as nw
import pandas as pd
import polars as pl
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from slaclock.table.arrow_codes import arrow_codes
from slaclock.table.column_io import codes_of

CELLS = st.lists(st.sampled_from(["open", "pending", "solved", "", " x ", "ñandú", None]))


def _series(native: Any) -> nw.Series[Any]:
    out: nw.Series[Any] = nw.from_native(native, series_only=True)
    return out


@given(CELLS, st.integers(1, 3))
def test_arrow_text_is_factored_as_the_plain_path_does(
    cells: list[str | None], chunks: int
) -> None:
    """Distinct values in order of first appearance, nulls aside; each cell's index, -1
    where null; a chunked pyarrow column as one."""
    expected_distinct = list(dict.fromkeys(c for c in cells if c is not None))
    expected = [-1 if c is None else expected_distinct.index(c) for c in cells]
    step = max(1, len(cells) // chunks)
    parts = [cells[i : i + step] for i in range(0, len(cells), step)] or [[]]
    for native in (
        pd.Series(cells, dtype="str"),
        pd.Series(cells, dtype=pd.ArrowDtype(pa.string())),
        pd.Series(cells, dtype=pd.ArrowDtype(pa.large_string())),
        pa.chunked_array(parts, type=pa.string()),
    ):
        got = arrow_codes(_series(native))
        assert got is not None, type(native)
        distinct, codes = got
        assert distinct == expected_distinct
        assert codes.tolist() == expected
        assert codes.tolist() == codes_of(_series(native), distinct).tolist()


def test_other_columns_are_left_to_the_plain_path() -> None:
    """Object strings, polars (its own mapping is native already), numbers held by
    Arrow: None."""
    for native in (
        pd.Series(["a", None], dtype=object),
        pl.Series(["a", None]),
        pa.chunked_array([[1, 2, None]]),
        pd.Series([1, 2], dtype=pd.ArrowDtype(pa.int64())),
    ):
        assert arrow_codes(_series(native)) is None
