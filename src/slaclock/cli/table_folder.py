"""A folder of helpdesk tables, ``<table>.csv`` or ``<table>.parquet``, read into
`Table`s: with whichever DataFrame library is installed (pyarrow, polars, then
pandas), else CSV with Python's `csv` module (text columns; no DataFrame comes out).

The file reading lives here, at the command line's layer, so that the helpdesk
layer below reads no files; `slaclock.zendesk.load` calls it for a folder.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import narwhals as nw

from slaclock.errors import ColumnError, MissingExtraError
from slaclock.helpdesk.tables import Table

__all__ = ["BACKENDS", "folder_backend", "read_folder"]

#: DataFrame libraries a folder is read with, the first installed one.
BACKENDS = ("pyarrow", "polars", "pandas")


def read_folder(
    folder: Path, names: tuple[str, ...], done: Callable[[str], object] | None = None
) -> dict[str, Table]:
    """The tables among `names` that `folder` has files for; `done` is told each name
    once its file is read (or found absent), for a progress bar."""
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
            out[name] = Table(name, _read(parquet_path, partial(nw.read_parquet, backend=backend)))
        elif csv_path.exists():
            read = _csv_columns if backend is None else partial(nw.read_csv, backend=backend)
            out[name] = Table(name, _read(csv_path, read))
        if done is not None:
            done(name)
    return out


def _read(path: Path, read: Callable[[str], Any]) -> Any:
    """`read(path)`, any failure of the file's contents told as a `ColumnError` with the
    file's name (a DataFrame library raises its own kinds; none of them is a bug here)."""
    try:
        return read(str(path))
    except (ColumnError, MissingExtraError):
        raise
    except Exception as exc:  # the library's parse errors: empty, ragged, corrupt, encoding
        raise ColumnError(f"{path} could not be read: {exc}".rstrip()) from None


def folder_backend() -> Any:
    """The DataFrame library a folder is read with (None: the `csv` module)."""
    return next((b for b in BACKENDS if importlib.util.find_spec(b) is not None), None)


def _csv_columns(path: str) -> dict[str, list[str | None]]:
    """A CSV file's columns as text (an empty cell is None)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows, [])
        if len(set(header)) != len(header):
            raise ColumnError(f"{path}: the header repeats a column name ({', '.join(header)}).")
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
