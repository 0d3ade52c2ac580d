"""A column of text held by Arrow, factored by Arrow's own dictionary encoding.

Reading a column of statuses, authors or event kinds means the distinct values (each
read once) and every cell's index among them. For a column Arrow already holds (a
pyarrow table, or pandas' pyarrow-backed strings, pandas 3's default) one
`pyarrow.compute.dictionary_encode` pass gives both, where finding the distinct values
and then comparing the column with each one costs a pass a value. pyarrow is not a
dependency: it is imported only for a column that is already Arrow's.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw

from slaclock.calendar.column import I64, Column

__all__ = ["arrow_codes"]


def arrow_codes(series: nw.Series[Any]) -> tuple[list[Any], Column] | None:
    """(the distinct values, nulls aside, in order of first appearance; each cell's
    index among them, -1 where null) of a text column held by Arrow; None for any
    other column, to be factored another way."""
    native = series.to_native()
    held = series.implementation.is_pyarrow() or (
        series.implementation.is_pandas() and getattr(native.dtype, "storage", None) == "pyarrow"
    )
    if not held:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow = native if series.implementation.is_pyarrow() else pa.array(native)
    kind = arrow.type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        return None
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    encoded = pc.dictionary_encode(arrow)
    codes: Column = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(I64)
    return encoded.dictionary.to_pylist(), codes
