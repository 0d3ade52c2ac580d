"""`slaclock status TICKETS --now T`: the SLA status of every ticket in a file.

The file is read by `slaclock.cli.ticket_file` (line numbers, exact times) and
evaluated by the rules `evaluate_frame` uses (`ticket_columns`, `evaluate_rows`)
fed with plain int64 columns: no DataFrame library is needed. Every row of the
file comes out, in order: a bad row with empty SLA columns and its reason in
``problem``, and on stderr with its line number. Exit status 2 when any row was bad.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock._checks import cut
from slaclock._time import from_us, to_us
from slaclock.calendar.explanation import format_duration, format_instant
from slaclock.cli.files import MB
from slaclock.cli.options import Context
from slaclock.cli.output import iso_duration, iso_instant, say, show, table, wrap
from slaclock.cli.progress import Progress
from slaclock.cli.safe_text import csv_safe, escaped
from slaclock.cli.ticket_file import FORMATS, INSTANTS, TicketFile, read_ticket_file
from slaclock.errors import CommandLineError
from slaclock.sla.columns import STATE_LABELS, StatusColumns
from slaclock.sla.plan import ServicePlan
from slaclock.table.eager import OUTPUT_COLUMNS, evaluate_rows
from slaclock.table.tickets import Problems, severity_codes, ticket_columns

__all__ = ["COLUMNS", "DEFAULT_MAX_MB", "FREE_TEXT", "Statuses", "add_parser", "evaluate", "run"]

#: The columns of the CSV and JSON output, in order (JSON lines add ``notes``).
COLUMNS = ("line", "id", "received", "severity", *OUTPUT_COLUMNS, "problem")
#: The columns whose text comes from the file (the others are slaclock's own).
FREE_TEXT = frozenset({"id", "severity", "problem"})
#: The largest ticket file read unless --max-mb says otherwise.
DEFAULT_MAX_MB = 100
_INSTANT_OUT = frozenset({"clock_start", "deadline"})
_DURATION_OUT = frozenset({"elapsed", "remaining", "target"})
#: Bad rows listed one by one on stderr; the rest are counted (all are in the output).
LISTED = 50


def add_parser(sub: Any, **common: Any) -> None:
    """The `status` command's arguments."""
    p = sub.add_parser(
        "status",
        help="the SLA status of every ticket in a file (CSV or JSON lines)",
        description=wrap(
            "Evaluate every ticket of a file at --now: deadline, state, business time "
            "elapsed and remaining. The file has a header line (line 1) with the columns "
            "id, received, severity (required: received, severity) and optionally "
            "responded_at, resolved_at, handed_over_at, classified_at with confirmed_severity; "
            "other columns are reported and left alone. Bad rows are listed on stderr by line "
            "and kept in the output with the reason in 'problem'; the others are still computed "
            "(exit status 2)."
        ),
        **common,
    )
    p.add_argument(
        "tickets",
        metavar="TICKETS",
        help="a CSV file, or JSON lines (.jsonl, .ndjson); '-' reads standard input",
    )
    p.add_argument("--now", default="now", help="when to evaluate (default: the clock)")
    p.add_argument(
        "--format", choices=FORMATS, help="the file's format (default: by extension, else CSV)"
    )
    p.add_argument("--csv", action="store_true", help="CSV output (--json gives JSON lines)")
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="with --csv, write the id, severity and problem cells as they are; by default "
        "a cell starting with =, +, -, @, a tab or a carriage return gets a ' in front, so "
        "that a spreadsheet does not run it as a formula (OWASP: CSV injection)",
    )
    p.add_argument(
        "--max-mb",
        type=_megabytes,
        default=DEFAULT_MAX_MB,
        metavar="N",
        help=f"read at most N MB of tickets (default {DEFAULT_MAX_MB}; memory is about 6 "
        "times the file)",
    )
    p.set_defaults(run=run)


@dataclass
class Statuses:
    """The SLA columns of every ticket of a file (None for bad rows), as Python values."""

    columns: dict[str, list[Any]]

    def row(self, k: int) -> dict[str, Any]:
        """Ticket `k`'s SLA values by column name."""
        return {c: v[k] for c, v in self.columns.items()}


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the statuses; report bad rows and notes on stderr."""
    if args.csv and ctx.json:
        raise CommandLineError("--csv and --json are two outputs; choose one.")
    now_notes: list[str] = []
    now = ctx.reader.read(args.now, "--now", now_notes)
    if args.raw_csv and not args.csv:
        raise CommandLineError("--raw-csv changes the --csv output; add --csv or drop it.")
    tickets = read_ticket_file(args.tickets, args.format, ctx.reader, args.max_mb * MB)
    statuses = evaluate(tickets, now, ctx.plan)
    rows = _rows(tickets, statuses, ctx)
    with Progress(len(tickets), "writing", "row") as bar:
        if ctx.json:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
                bar.update(1)
        elif args.csv:
            out = csv.writer(sys.stdout, lineterminator="\n")
            out.writerow(COLUMNS)
            for row in rows:
                out.writerow(_csv_cell(row[c], c, args.raw_csv) for c in COLUMNS)
                bar.update(1)
        else:
            for text in _table(tickets, statuses, ctx, now):
                show(text)
    _report(tickets, ctx, now_notes)
    return 2 if tickets.problems else 0


def evaluate(tickets: TicketFile, now: datetime, plan: ServicePlan) -> Statuses:
    """The column rules (`evaluate_rows`) over the rows that could be read; the others stay
    None. No DataFrame library is needed: the file's values go in as plain int64 columns.

    A row the rules cannot evaluate gets its reason in `tickets.problems`.
    """
    n = len(tickets)
    problems = Problems(n)
    problems.add("file", "could not be read", np.array(sorted(tickets.problems), dtype=np.int64))
    instants = {c: _instants(tickets.values[c], c) for c in tickets.columns if c in INSTANTS}
    received, missing = instants.pop("received")
    problems.add("received", "is missing", missing)
    severity = _severities(tickets, "severity", problems, True)
    confirmed = (
        _severities(tickets, "confirmed_severity", problems, False)
        if "confirmed_severity" in tickets.columns
        else None
    )
    columns = ticket_columns(received, missing, severity, instants, confirmed, problems)
    result = evaluate_rows(columns, problems, np.arange(n, dtype=np.int64), to_us(now), plan)
    for k, reason in enumerate(problems.messages().tolist()):
        if reason is not None:
            tickets.bad(k, reason)
    return Statuses(_values(result, plan, set(tickets.problems)))


def _instants(
    values: list[Any], column: str
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """(UTC microseconds, missing mask) of a column of aware datetimes (None: empty)."""
    absent = np.array([v is None for v in values], dtype=bool)
    us = np.array([0 if v is None else to_us(v, column) for v in values], dtype=np.int64)
    return us, absent


def _severities(
    tickets: TicketFile, column: str, problems: Problems, required: bool
) -> npt.NDArray[np.int8]:
    values = tickets.values[column]
    missing = np.array([v is None for v in values], dtype=bool)
    return severity_codes(values, missing, column, problems, required)


def _values(result: StatusColumns, plan: ServicePlan, bad: set[int]) -> dict[str, list[Any]]:
    """The output columns as Python values (None for bad rows)."""
    zone = plan.calendar.zone
    one = timedelta(microseconds=1)
    columns: dict[str, list[Any]] = {
        "clock_start": [from_us(v, zone) for v in result.clock_start.tolist()],
        "deadline": [from_us(v, zone) for v in result.deadline.tolist()],
        "state": [STATE_LABELS[code] for code in result.state.tolist()],
        "breached": result.breached.tolist(),
        "elapsed": [one * v for v in result.elapsed.tolist()],
        "remaining": [one * v for v in result.remaining.tolist()],
        "fraction_used": result.fraction_used.tolist(),
        "warning": result.warning.tolist(),
        "provisional": result.provisional.tolist(),
        "target": [one * v for v in result.target.tolist()],
        "sla_severity": result.severity.tolist(),
    }
    assert tuple(columns) == OUTPUT_COLUMNS
    for values in columns.values():
        for k in bad:
            values[k] = None
    return columns


def _rows(tickets: TicketFile, statuses: Statuses, ctx: Context) -> Iterator[dict[str, Any]]:
    """The JSON form of each ticket's output (instants and durations as ISO 8601)."""
    ids = tickets.values.get("id")
    for k, line in enumerate(tickets.lines):
        received = tickets.values["received"][k]
        row: dict[str, Any] = {
            "line": line,
            "id": None if ids is None else ids[k],
            "received": None if received is None else iso_instant(received),
            "severity": tickets.values["severity"][k],
        }
        for c, v in statuses.row(k).items():
            if v is None:
                row[c] = None
            elif c in _INSTANT_OUT:
                row[c] = iso_instant(v)
            elif c in _DURATION_OUT:
                row[c] = iso_duration(v)
            else:
                row[c] = v
        row["problem"] = tickets.problems.get(k)
        row["notes"] = tickets.notes.get(k, [])
        yield row


def _csv_cell(v: Any, column: str, raw: bool) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if column in FREE_TEXT and not raw:
        return csv_safe(str(v))
    return str(v)  # slaclock's own text: ISO instants and durations (-PT9H), numbers


def _megabytes(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 0 < len(text) < 7 and int(text) > 0):
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a whole number of MB (1 or more)")
    return int(text)


def _table(tickets: TicketFile, statuses: Statuses, ctx: Context, now: datetime) -> list[str]:
    """The statuses as an aligned table for people."""
    zone = ctx.calendar.zone.key
    head = [f"SLA status at {format_instant(now)} ({ctx.plan.name}; times in {zone})"]
    if not len(tickets):
        return [*head, "(no tickets)"]
    has_ids = "id" in tickets.values
    header = ["line", *(["id"] if has_ids else []), "sev", "received", "deadline", "state"]
    header += ["elapsed", "remaining", "used"]
    bad = bool(tickets.problems)
    header += ["problem"] if bad else []
    rows = []
    for k, line in enumerate(tickets.lines):
        s = statuses.row(k)
        received = tickets.values["received"][k]
        cells = [str(line), *([escaped(tickets.values["id"][k] or "")] if has_ids else [])]
        cells += [
            escaped(tickets.values["severity"][k] or ""),
            "" if received is None else _short(received),
            "" if s["deadline"] is None else _short(s["deadline"]),
            s["state"] or "(bad row)",
            "" if s["elapsed"] is None else format_duration(s["elapsed"]),
            "" if s["remaining"] is None else format_duration(s["remaining"]),
            _used(s["elapsed"], s["target"]),
        ]
        if bad:
            problem = tickets.problems.get(k)
            cells.append("" if problem is None else escaped(_first_sentence(problem)))
        rows.append(cells)
    right = {0, header.index("elapsed"), header.index("remaining"), header.index("used")}
    lines = [*head, *table(header, rows, right)]
    counts: dict[str, int] = {}
    for state in statuses.columns["state"]:
        counts[state or "bad"] = counts.get(state or "bad", 0) + 1
    summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
    lines.append(f"{len(tickets)} tickets: {summary}")
    return lines


def _short(t: datetime) -> str:
    """'2026-11-24 10:30' in the calendar's zone (seconds and microseconds when present)."""
    if t.microsecond:
        return t.strftime("%Y-%m-%d %H:%M:%S.%f")
    return t.strftime("%Y-%m-%d %H:%M:%S" if t.second else "%Y-%m-%d %H:%M")


def _used(elapsed: timedelta | None, target: timedelta | None) -> str:
    """The share of the target used, in whole percent, rounded down (100% only when reached)."""
    if elapsed is None or target is None:
        return ""
    if not target:
        return "100%"
    return f"{elapsed * 100 // target}%"


def _first_sentence(text: str) -> str:
    head = text.split("; ")[0]
    return head if len(head) <= 70 else head[:69] + "…"


def _report(tickets: TicketFile, ctx: Context, now_notes: list[str]) -> None:
    """Bad rows (by line) and notes, on stderr."""
    name = "standard input" if tickets.name == "-" else tickets.name
    for note in now_notes:
        say(f"slaclock: note: {note}")
    problems = sorted(tickets.problems.items())
    if problems:
        verb = "is" if len(problems) == 1 else "are"
        say(
            f"slaclock: {name}: {len(problems)} of {len(tickets)} rows {verb} bad; the others "
            "were computed (bad rows keep empty SLA columns and their reason in 'problem'):"
        )
        for k, reason in problems[:LISTED]:
            say(f"  line {tickets.lines[k]}: {reason}")
        if len(problems) > LISTED:
            say(
                f"  ... and {len(problems) - LISTED} more; --csv or --json gives every row "
                "with its reason in 'problem'."
            )
        if tickets.unread_times:
            say(f"  {ctx.reader.accepted()}")
    for column, lines in tickets.naive.items():
        shown = ", ".join(map(str, lines[:10])) + (", ..." if len(lines) > 10 else "")
        plural = "value has" if len(lines) == 1 else "values have"
        say(
            f"slaclock: note: {len(lines)} {column} {plural} no UTC offset (line "
            f"{shown}): read as {ctx.calendar.zone.key} time"
        )
    if tickets.ignored:
        say(f"slaclock: note: columns not read: {', '.join(tickets.ignored)}")
    _repeated_ids(tickets)
    if not len(tickets):
        say(f"slaclock: note: {name} has no tickets")


def _repeated_ids(tickets: TicketFile) -> None:
    """A note on stderr for ids given to more than one row (every row is kept)."""
    lines: dict[str, list[int]] = {}
    for k, ticket_id in enumerate(tickets.values.get("id", ())):
        if ticket_id is not None:
            lines.setdefault(ticket_id, []).append(tickets.lines[k])
    repeated = [(i, where) for i, where in lines.items() if len(where) > 1]
    if not repeated:
        return
    shown = "; ".join(
        f"{escaped(cut(i, 40))!r} on lines {', '.join(map(str, where[:5]))}"
        + (", ..." if len(where) > 5 else "")
        for i, where in repeated[:5]
    )
    more = f"; and {len(repeated) - 5} more" if len(repeated) > 5 else ""
    plural = "id is" if len(repeated) == 1 else "ids are"
    say(
        f"slaclock: note: {len(repeated)} ticket {plural} given to more than one row ({shown}"
        f"{more}); every row was evaluated. Is a ticket in the file twice?"
    )
