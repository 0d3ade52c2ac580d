"""Helpdesk tables as columns: any DataFrame (through narwhals), or text columns a
folder's CSV file gave on a bare install (read by `slaclock.cli.table_folder`;
this layer reads no files).

Columns come out as numpy arrays; instants as UTC microseconds, where a naive
timestamp is read as UTC, as Fivetran's Zendesk connector writes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock.errors import ColumnError
from slaclock.helpdesk.ids import id_text
from slaclock.helpdesk.timestamps import iso_texts, one_by_one
from slaclock.table.arrow_codes import arrow_codes
from slaclock.table.column_io import codes_of, stamps_of, values_of
from slaclock.table.flags import flag_code

__all__ = ["Table", "read_tables"]

I64 = np.int64


@dataclass(frozen=True)
class Table:
    """One table's rows: a narwhals frame, or text columns read by the `csv` module."""

    name: str
    frame: nw.DataFrame[Any] | dict[str, list[str | None]]

    def __len__(self) -> int:
        if isinstance(self.frame, dict):
            return len(next(iter(self.frame.values()), []))
        return len(self.frame)

    @property
    def backend(self) -> Any:
        """The DataFrame library the table came in (None: text columns of the csv module)."""
        return None if isinstance(self.frame, dict) else nw.get_native_namespace(self.frame)

    @property
    def names(self) -> list[str]:
        """The table's column names."""
        return list(self.frame) if isinstance(self.frame, dict) else list(self.frame.columns)

    def has(self, column: str) -> bool:
        """Whether the table has `column`."""
        return column in self.names

    def need(self, column: str) -> Any:
        """The column (a narwhals Series, or a list of text), or a `ColumnError`."""
        if column not in self.names:
            raise ColumnError(
                f"the {self.name!r} table has no {column!r} column (it has "
                f"{', '.join(self.names[:12])}); the reader needs it (docs/zendesk.md, "
                "docs/helpdesks.md)."
            )
        return self.frame[column]

    def values(self, column: str) -> npt.NDArray[Any]:
        """The column as a numpy array of Python-comparable values (None for null)."""
        column_ = self.need(column)
        return np.asarray(
            column_ if isinstance(column_, list) else column_.to_list(), dtype=object
        )

    def factor(self, column: str) -> tuple[list[Any], npt.NDArray[np.int64]]:
        """The column's distinct values (null aside) and each row's index among them (-1:
        null): rules then look at each distinct value once, not at every row."""
        column_ = self.need(column)
        if isinstance(column_, list):
            return _factor_cells(column_)
        encoded = arrow_codes(column_)
        if encoded is not None:
            return encoded
        try:
            distinct = column_.drop_nulls().unique().to_list()
        except TypeError:  # cells the library cannot hash (lists in a pandas column)
            return _factor_cells(column_.to_list())
        return distinct, codes_of(column_, distinct)

    def flags(self, column: str) -> npt.NDArray[np.bool_]:
        """A boolean column (see `truth`); null, absent and unreadable read as false."""
        return self.truth(column)[0]

    def truth(
        self, column: str, null: bool | None = False
    ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """A boolean column (true/false, 1/0, t/f, yes/no, any case) and where a value is
        neither, to be reported: a null is `null` (None: unreadable too); an absent
        column is all false."""
        if column not in self.names:
            return np.zeros(len(self), dtype=bool), np.zeros(len(self), dtype=bool)
        distinct, codes = self.factor(column)
        read = [flag_code(v) for v in distinct]
        value = np.array([bool(null) if c is None else c == 1 for c in read] + [bool(null)])
        unreadable = np.array(
            [null is None if c is None else c < 0 for c in read] + [null is None]
        )
        return value[codes], unreadable[codes]

    def cell(self, column: str, row: int) -> object:
        """One value, as a problem shows it."""
        column_ = self.need(column)
        return column_[row] if isinstance(column_, list) else column_.to_list()[row]

    def keys(self, column: str) -> npt.NDArray[Any]:
        """An id column: int64 when every id is a whole number, else text (7, 7.0 and
        "7" are one id), so that ids match across tables whatever their types."""
        column_ = self.need(column)
        if not isinstance(column_, list):
            if column_.dtype.is_integer() and not column_.null_count():
                whole = column_.to_numpy()
                if whole.dtype.kind != "u" or not len(whole) or whole.max() <= _INT64_MAX:
                    return np.asarray(whole, dtype=I64)
            column_ = column_.to_list()
        text = np.array([id_text(v) for v in column_], dtype=object)
        try:
            whole = text.astype(str).astype(I64)
        except (ValueError, OverflowError):
            return text
        return whole if bool((whole.astype(str).astype(object) == text).all()) else text

    def instants(self, column: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """(UTC microseconds, missing mask); a value that is not a timestamp is missing
        too, so callers report it with its row."""
        series = self.need(column)
        if isinstance(series, list):
            return one_by_one(series)
        parsed = iso_texts(series) if series.dtype == nw.String else None
        if parsed is not None:
            return parsed
        dtype = series.dtype
        if dtype == nw.Datetime:
            # As numpy holds them: UTC instants, or naive values, which are UTC here (as
            # the helpdesks store them and as the conversion below reads them).
            numbers = stamps_of(series.to_numpy())
            if numbers is not None:
                return numbers
            if getattr(dtype, "time_zone", None) is None:
                series = series.dt.replace_time_zone("UTC")
            stamps, missing = values_of(series.dt.convert_time_zone("UTC").dt.timestamp("us"), 0)
            return stamps.astype(I64), missing
        return one_by_one(series.to_list())


def _factor_cells(cells: list[Any]) -> tuple[list[Any], npt.NDArray[np.int64]]:
    """`Table.factor` one cell at a time; a cell that cannot be a key (a list) stands as
    its text, so the rules report it as the value it is."""
    seen: dict[object, int] = {}
    codes = []
    for v in cells:
        if v is None:
            codes.append(-1)
            continue
        try:
            hash(v)
        except TypeError:
            v = repr(v)
        codes.append(seen.setdefault(v, len(seen)))
    return list(seen), np.asarray(codes, dtype=I64).reshape(-1)


_INT64_MAX = np.iinfo(I64).max


def read_tables(tables: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Table]:
    """The tables `tables` maps by name: any DataFrame, or a `Table` already read (the
    command line reads a folder into those; this layer reads no files)."""
    if not isinstance(tables, Mapping):
        raise ColumnError(
            f"tables must map table names to DataFrames or be a folder, got "
            f"{type(tables).__name__}."
        )
    unknown = sorted(set(map(str, tables)) - set(names))
    if unknown:
        raise ColumnError(f"unknown table(s) {unknown}; the tables read are {', '.join(names)}.")
    return {
        name: frame if isinstance(frame, Table) else Table(name, _eager(name, frame))
        for name, frame in tables.items()
    }


def _eager(name: str, frame: object) -> nw.DataFrame[Any]:
    try:
        return nw.from_native(frame, eager_only=True)
    except TypeError:
        raise ColumnError(
            f"table {name!r} is a {type(frame).__name__}; it must be a DataFrame (pandas, "
            "polars or pyarrow; a polars LazyFrame: .collect() it first)."
        ) from None
