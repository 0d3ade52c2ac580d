"""Helpdesk tables as columns: any DataFrame (through narwhals) or a folder of CSV or
Parquet files named after the tables, read with whichever DataFrame library is
installed (pyarrow, polars, then pandas), or with Python's `csv` module on a
bare install (then only the columns are read, and no DataFrame comes out).

Columns come out as numpy arrays; instants as UTC microseconds, where a naive
timestamp is read as UTC, as Fivetran's Zendesk connector writes them.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock._time import to_us
from slaclock.errors import ColumnError, MissingExtraError

__all__ = ["BACKENDS", "Table", "id_text", "read_tables"]

I64 = np.int64
#: DataFrame libraries a folder is read with, the first installed one.
BACKENDS = ("pyarrow", "polars", "pandas")


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


def read_tables(
    tables: Mapping[str, Any] | str | Path, names: tuple[str, ...]
) -> dict[str, Table]:
    """The tables among `names` that `tables` holds: a mapping of table name to any
    DataFrame, or a folder of ``<name>.csv`` / ``<name>.parquet`` files."""
    if isinstance(tables, (str, Path)):
        return _folder(Path(tables), names)
    if not isinstance(tables, Mapping):
        raise ColumnError(
            f"tables must map table names to DataFrames or be a folder, got "
            f"{type(tables).__name__}."
        )
    unknown = sorted(set(map(str, tables)) - set(names))
    if unknown:
        raise ColumnError(f"unknown table(s) {unknown}; the tables read are {', '.join(names)}.")
    return {
        name: Table(name, nw.from_native(frame, eager_only=True)) for name, frame in tables.items()
    }


def _folder(folder: Path, names: tuple[str, ...]) -> dict[str, Table]:
    if not folder.is_dir():
        raise ColumnError(f"{folder} is not a folder of table files.")
    backend = folder_backend()
    out = {}
    for name in names:
        csv_path, parquet_path = folder / f"{name}.csv", folder / f"{name}.parquet"
        if parquet_path.exists():
            if backend is None:
                raise MissingExtraError(
                    f"{parquet_path} is Parquet, which needs a DataFrame library: pip install "
                    "'slaclock[pandas]' (or polars, or pyarrow); CSV files need none."
                )
            out[name] = Table(name, nw.read_parquet(str(parquet_path), backend=backend))
        elif csv_path.exists():
            if backend is None:
                out[name] = Table(name, _csv_columns(csv_path))
            else:
                out[name] = Table(name, nw.read_csv(str(csv_path), backend=backend))
    return out


def folder_backend() -> Any:
    """The DataFrame library a folder is read with (None: the `csv` module)."""
    return next((b for b in BACKENDS if importlib.util.find_spec(b) is not None), None)


def _csv_columns(path: Path) -> dict[str, list[str | None]]:
    """A CSV file's columns as text (an empty cell is None)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows, [])
        columns: list[list[str | None]] = [[] for _ in header]
        for row in rows:
            if len(row) != len(header):
                raise ColumnError(
                    f"{path}, line {rows.line_num}: {len(row)} cells, the header has "
                    f"{len(header)}."
                )
            for column, cell in zip(columns, row, strict=True):
                column.append(cell if cell != "" else None)
    return dict(zip(header, columns, strict=True))


def id_text(v: object) -> str:
    """An id as text: 7, 7.0 and "7" are the same id."""
    if isinstance(v, float) and v == v and v.is_integer():
        return str(int(v))
    return str(v).strip()
