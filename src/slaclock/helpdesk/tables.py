"""Helpdesk tables as columns: any DataFrame (through narwhals), or text columns a
folder's CSV file gave on a bare install (read by `slaclock.cli.table_folder`;
this layer reads no files).

Columns come out as numpy arrays; instants as UTC microseconds, where a naive
timestamp is read as UTC, as Fivetran's Zendesk connector writes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock._time import to_us
from slaclock.errors import ColumnError

__all__ = ["Table", "id_text", "read_tables"]

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
                f"{', '.join(self.names[:12])}); it is needed as Zendesk syncs it."
            )
        return self.frame[column]

    def values(self, column: str) -> npt.NDArray[Any]:
        """The column as a numpy array of Python-comparable values (None for null)."""
        column_ = self.need(column)
        return np.asarray(
            column_ if isinstance(column_, list) else column_.to_list(), dtype=object
        )

    def flags(self, column: str) -> npt.NDArray[np.bool_]:
        """A boolean column (true/false, 1/0, text); null and absent read as false."""
        if column not in self.names:
            return np.zeros(len(self), dtype=bool)
        raw = self.values(column)
        text = np.array([str(v).strip().lower() for v in raw], dtype=object)
        return np.isin(text, ["true", "1", "t", "yes", "1.0"])

    def instants(self, column: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """(UTC microseconds, missing mask); a value that is not a timestamp is missing
        too, so callers report it with its row."""
        series = self.need(column)
        if isinstance(series, list):
            return _parse(series)
        dtype = series.dtype
        if dtype == nw.Datetime:
            if getattr(dtype, "time_zone", None) is None:
                series = series.dt.replace_time_zone("UTC")
            stamps = series.dt.convert_time_zone("UTC").dt.timestamp("us")
            missing = stamps.is_null().to_numpy().astype(bool)
            return stamps.fill_null(0).to_numpy().astype(I64), missing
        return _parse(series.to_list())


def _parse(values: list[object]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Instants from text or datetimes, one by one (naive: UTC)."""
    out = np.zeros(len(values), dtype=I64)
    missing = np.zeros(len(values), dtype=bool)
    for k, v in enumerate(values):
        if isinstance(v, str):
            text = v.strip().removesuffix(" UTC")
            try:
                v = datetime.fromisoformat(text.replace(" ", "T", 1)) if text else None
            except ValueError:
                v = None
        if isinstance(v, datetime):
            out[k] = to_us(v if v.tzinfo is not None else v.replace(tzinfo=timezone.utc))
        else:
            missing[k] = True
    return out, missing


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
        name: frame
        if isinstance(frame, Table)
        else Table(name, nw.from_native(frame, eager_only=True))
        for name, frame in tables.items()
    }


def id_text(v: object) -> str:
    """An id as text: 7, 7.0 and "7" are the same id."""
    if isinstance(v, float) and v == v and v.is_integer():
        return str(int(v))
    return str(v).strip()
