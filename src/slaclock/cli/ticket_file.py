"""A file of tickets (CSV or JSON lines) read with the line each ticket starts on.

The file is read with Python's own `csv` and `json` modules rather than a
DataFrame library's reader, for two reasons: the line of every ticket is
known exactly (quoted fields may span lines, blank lines are skipped), and
every time is read by the command line's own rules (`InstantReader`): exact
to the microsecond, aware, a value without an offset read in the calendar's
zone and reported. A value that cannot be read makes its row bad, with the
reason; the other rows are kept. The header is line 1.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from slaclock._checks import cut
from slaclock.cli.files import MB, read_input, shown
from slaclock.cli.instants import InstantReader
from slaclock.cli.progress import Progress
from slaclock.errors import CommandLineError, SlaclockError
from slaclock.table.tickets import TICKET_COLUMNS

__all__ = ["FORMATS", "INSTANTS", "READ", "TicketFile", "read_ticket_file"]

#: The columns read (the names `evaluate_frame` takes); any other column is reported as not read.
READ = ("id", *(name for name in TICKET_COLUMNS if name != "id"))
INSTANTS = frozenset(
    {"received", "responded_at", "resolved_at", "handed_over_at", "classified_at"}
)
_SEVERITIES = frozenset({"severity", "confirmed_severity"})
_REQUIRED = ("received", "severity")
FORMATS = ("csv", "jsonl")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_HEADER_EXAMPLE = "id,received,severity,responded_at"


@dataclass
class TicketFile:
    """The tickets of a file: read columns, the line of each ticket, and what was wrong."""

    name: str
    columns: tuple[str, ...]
    lines: list[int] = field(default_factory=list)
    values: dict[str, list[Any]] = field(default_factory=dict)
    #: Ticket number -> why it cannot be evaluated (the first reason found).
    problems: dict[int, str] = field(default_factory=dict)
    #: Ticket number -> notes (a value without an offset, read in the calendar's zone).
    notes: dict[int, list[str]] = field(default_factory=dict)
    #: Column -> lines whose value had no offset.
    naive: dict[str, list[int]] = field(default_factory=dict)
    #: Columns of the file slaclock does not read.
    ignored: tuple[str, ...] = ()
    #: Whether some time could not be read (the accepted forms are then worth listing).
    unread_times: bool = False

    def __len__(self) -> int:
        return len(self.lines)

    def add(self, line: int, record: Mapping[str, object], reader: InstantReader) -> None:
        """Read one ticket's values; a value that cannot be read makes the ticket bad."""
        k = len(self.lines)
        self.lines.append(line)
        for column in self.columns:
            notes: list[str] = []
            try:
                value = _value(column, record.get(column), reader, notes)
            except SlaclockError as exc:
                value = None
                self.problems.setdefault(k, str(exc))
                self.unread_times |= column in INSTANTS
            if notes:
                self.notes.setdefault(k, []).extend(notes)
                self.naive.setdefault(column, []).append(line)
            self.values[column].append(value)

    def bad(self, k: int, reason: str) -> None:
        """Mark ticket `k` bad (keeping an earlier reason)."""
        self.problems.setdefault(k, reason)


def read_ticket_file(
    name: str, fmt: str | None, reader: InstantReader, limit: int = 100 * MB
) -> TicketFile:
    """The tickets of the file `name` ('-': standard input) in `fmt` (None: by extension),
    of at most `limit` bytes."""
    kind = fmt or _format_of(name)
    text = _text(name, limit)
    if not text.strip():
        what = (
            f"a header line ({_HEADER_EXAMPLE}) and one ticket a line"
            if kind == "csv"
            else 'one JSON object a line ({"id": ..., "received": ..., "severity": ...})'
        )
        raise CommandLineError(f"{_shown(name)} is empty; write {what}.")
    with Progress(text.count("\n") + (not text.endswith("\n")), "reading") as bar:
        if kind == "csv":
            return _read_csv(name, text, reader, bar)
        return _read_jsonl(name, text, reader, bar)


# -- the two formats ------------------------------------------------------------------------------
def _read_csv(name: str, text: str, reader: InstantReader, bar: Progress) -> TicketFile:
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    done = 0
    try:
        header: list[str] = []
        while not header:
            header = next(rows)
            bar.update(rows.line_num - done)
            done = rows.line_num
        names = [h.strip() for h in header]
        if len(names) == 1 and ";" in names[0]:
            raise CommandLineError(
                f"{_shown(name)}: the header {cut(header[0], 60)!r} is separated by ';'; "
                f"slaclock reads comma-separated files: {_HEADER_EXAMPLE}."
            )
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise CommandLineError(
                f"{_shown(name)}: the header names {', '.join(map(repr, repeated))} more than "
                "once; give each column once."
            )
        tickets = _start(name, names)
        for record in rows:
            first, done = done + 1, rows.line_num
            bar.update(done - first + 1)
            if not record or record == [""]:
                continue  # a blank line
            k = len(tickets)
            tickets.add(first, dict(zip(names, record)), reader)
            if len(record) != len(names):  # the first reason: the values are misplaced
                fields = f"has {len(record)} fields where the header has {len(names)}"
                tickets.problems[k] = fields
    except StopIteration:
        raise CommandLineError(f"{_shown(name)} has no header line.") from None
    except csv.Error as exc:
        raise CommandLineError(
            f"{_shown(name)} line {done + 1}: not CSV that slaclock can read ({exc}); "
            "check the quotes of the record that starts there."
        ) from None
    return tickets


def _read_jsonl(name: str, text: str, reader: InstantReader, bar: Progress) -> TicketFile:
    records: list[tuple[int, dict[str, object] | None, str]] = []
    keys: dict[str, None] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        bar.update(1)
        body = raw.strip()
        if not body:
            continue
        try:
            value = json.loads(body)
        except json.JSONDecodeError as exc:
            records.append((number, None, f"is not JSON ({exc.msg}, column {exc.colno})"))
            continue
        except RecursionError:
            records.append((number, None, "is JSON nested too deeply to be a ticket"))
            continue
        if not isinstance(value, dict):
            records.append((number, None, f"is a JSON {_kind(value)}, not an object {{...}}"))
            continue
        keys.update(dict.fromkeys(value))
        records.append((number, value, ""))
    if not keys and records:  # not one line was a JSON object: not JSON lines at all
        number, _, problem = records[0]
        raise CommandLineError(
            f"{_shown(name)}: no line is a JSON object (line {number} {problem}); slaclock "
            'reads JSON lines: one {"received": ..., "severity": ...} object a line.'
        )
    tickets = _start(name, list(keys))
    for number, record, problem in records:
        k = len(tickets)
        tickets.add(number, record or {}, reader)
        if record is None:
            tickets.problems[k] = problem  # the line's own problem comes first
    return tickets


# -- shared ---------------------------------------------------------------------------------------
def _start(name: str, names: list[str]) -> TicketFile:
    """An empty TicketFile for a file with these column names (required ones checked)."""
    missing = [c for c in _REQUIRED if c not in names]
    if missing:
        have = ", ".join(repr(n) for n in names[:20]) or "none"
        raise CommandLineError(
            f"{_shown(name)} has no {' or '.join(map(repr, missing))} column (its columns: "
            f"{have}); slaclock reads {', '.join(READ)}."
        )
    if ("classified_at" in names) != ("confirmed_severity" in names):
        raise CommandLineError(
            f"{_shown(name)}: 'classified_at' and 'confirmed_severity' go together (when L1 "
            "confirmed a severity, and which); give both columns or neither."
        )
    columns = tuple(c for c in READ if c in names)
    ignored = tuple(n for n in names if n not in READ)
    return TicketFile(name, columns, values={c: [] for c in columns}, ignored=ignored)


def _value(column: str, v: object, reader: InstantReader, notes: list[str]) -> object:
    """One cell, read: an aware datetime, a severity's text, an id, or None (empty)."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if column in INSTANTS:
        if not isinstance(v, str):
            raise CommandLineError(
                f"{column} {_json(v)} is a JSON {_kind(v)}, not a date and time; write it as "
                'text, e.g. "2026-11-20T16:30:00-03:00" (numbers are refused: their unit and '
                "zone are unclear)."
            )
        t: datetime = reader.read(v, column, notes, brief=True)
        return t
    if isinstance(v, bool) or not isinstance(v, (str, int)):
        wanted = "1-4 or a name" if column in _SEVERITIES else "text or a whole number"
        raise CommandLineError(f"{column} {_json(v)} is a JSON {_kind(v)}; give {wanted}.")
    return v.strip() if isinstance(v, str) else str(v)


def _json(v: object) -> str:
    return cut(json.dumps(v, ensure_ascii=False, default=str), 40)


def _kind(v: object) -> str:
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, dict):
        return "object"
    return "list" if isinstance(v, list) else type(v).__name__


def _format_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        raise CommandLineError(
            f"{_shown(name)}: slaclock reads JSON lines (one ticket object a line, .jsonl or "
            ".ndjson), not a JSON document; pass --format jsonl if the file is JSON lines."
        )
    return "csv"


def _text(name: str, limit: int) -> str:
    """The file's text (UTF-8, a byte order mark dropped); every failure is one line."""
    data = read_input(
        name,
        limit,
        _shown(name),
        f"pass --max-mb {max(2 * limit // MB, 1)} (or more) to read it",
        "a file of tickets",
        stdin=True,
    )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = (
            " (a spreadsheet? export it as 'CSV UTF-8')"
            if Path(name).suffix.lower() in (".xlsx", ".xls", ".ods")
            else ""
        )
        raise CommandLineError(
            f"{_shown(name)} line {line}: not UTF-8 text{hint}; save it as UTF-8."
        ) from None


_shown = shown
