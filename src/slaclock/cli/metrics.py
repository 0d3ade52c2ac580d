"""`slaclock metrics FOLDER --now T`: every ticket's helpdesk metrics from a folder of
Zendesk tables (CSV or Parquet, named as Fivetran syncs them) or of the plain layout
(``tickets``, ``statuses``, ``comments``, ``priorities``), and a summary.

The tables are read by the layout's loader and measured by the rules
`evaluate_frame` runs (`HelpdeskData.measure`); on a bare install CSV files are
read with Python's `csv` module. Bad rows are listed on stderr by table and row,
their tickets are reported with the reason, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np

from slaclock.cli.durations import iso_duration
from slaclock.cli.options import Context
from slaclock.cli.output import say, show, table, wrap
from slaclock.cli.progress import Progress
from slaclock.cli.safe_text import csv_safe
from slaclock.cli.table_folder import read_folder
from slaclock.errors import CommandLineError
from slaclock.helpdesk.data import HelpdeskData
from slaclock.helpdesk.plain import TABLES as PLAIN_TABLES
from slaclock.helpdesk.plain import load as load_plain
from slaclock.helpdesk.zendesk import TABLES as ZENDESK_TABLES
from slaclock.helpdesk.zendesk import load as load_zendesk
from slaclock.sla.builtin_metrics import ZENDESK_METRICS
from slaclock.sla.metric_cycles import METRIC_STATES, MetricColumns

__all__ = ["add_parser", "run", "summary"]

#: Bad rows listed one by one on stderr; the rest are counted.
LISTED = 50
_US = timedelta(microseconds=1)


def add_parser(sub: Any, **common: Any) -> None:
    """The `metrics` command's arguments."""
    p = sub.add_parser(
        "metrics",
        help="helpdesk metrics (reply, wait, work, resolution) of a folder of helpdesk tables",
        description=wrap(
            "Measure every ticket of a folder of Zendesk tables (ticket, ticket_field_history, "
            "ticket_comment, user, schedule, schedule_holiday, ticket_schedule) or of the plain "
            "layout (tickets, statuses, comments, priorities), as .csv or .parquet files, at "
            "--now, with the built-in ZENDESK metrics in business hours of each ticket's "
            "schedule (the plan's calendar for the plain layout). Prints a summary per metric "
            "(tickets, median, 90th percentile); --csv or --json print one line per ticket "
            "instead. Bad rows are listed on stderr "
            "by table and row and their tickets reported with the reason (exit status 2)."
        ),
        **common,
    )
    p.add_argument("folder", metavar="FOLDER", help="a folder of <table>.csv or .parquet files")
    p.add_argument("--now", default="now", help="when to measure (default: the clock)")
    p.add_argument(
        "--metrics",
        help="metrics to report, separated by commas (default: all of "
        + ", ".join(m.name for m in ZENDESK_METRICS)
        + ")",
    )
    p.add_argument("--csv", action="store_true", help="one CSV line per ticket")
    p.add_argument(
        "--tickets",
        action="store_true",
        help="a table with one row per ticket (each metric's business hours and state)",
    )
    p.add_argument(
        "--unprioritized",
        type=int,
        choices=(1, 2, 3, 4),
        help="the severity of a ticket without a priority (default: such a ticket is a bad row)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the metrics; report bad rows on stderr."""
    if sum((args.csv, ctx.json, args.tickets)) > 1:
        raise CommandLineError("--csv, --json and --tickets are three outputs; choose one.")
    notes: list[str] = []
    now = ctx.reader.read(args.now, "--now", notes)
    metrics = _chosen(args.metrics)
    folder = Path(args.folder)
    names, load = _layout(folder)
    with Progress(len(names) + 2, "reading", "step") as bar:
        tables = read_folder(folder, names, done=lambda _: bar.update(1))
        data = load(tables, plan=ctx.plan, errors="mark", unprioritized=args.unprioritized)
        bar.update(1)
        measured = data.measure(now, metrics)
        bar.update(1)
    if ctx.json or args.csv:
        _per_ticket(data, measured, args.csv)
    elif args.tickets:
        rows = [
            [tid, *(_state_and_hours(m, k) for m in measured)] for k, tid in enumerate(data.ids)
        ]
        header = ["id", *(m.metric.name for m in measured)]
        for text in table(header, rows, set(range(1, len(header)))):
            show(text)
    else:
        rows = [
            [
                s["metric"],
                str(s["tickets"]),
                _hours(s["median"]),
                _hours(s["p90"]),
                "-" if s["breach_rate"] is None else f"{s['breach_rate']:.1%}",
            ]
            for s in summary(measured)
        ]
        for text in table(["metric", "tickets", "median", "p90", "breached"], rows, {1, 2, 3, 4}):
            show(text)
        show(f"{len(data.ids)} tickets measured at {now.isoformat()} (business hours).")
    _report(data, notes)
    return 2 if data.problems else 0


def _layout(folder: Path) -> tuple[tuple[str, ...], Any]:
    """The tables and the loader of the folder's layout: Zendesk's (``ticket``) or the
    plain one (``tickets``)."""

    if not folder.is_dir():
        raise CommandLineError(f"{folder} is not a folder of table files.")

    def has(name: str) -> bool:
        return any((folder / f"{name}{ext}").is_file() for ext in (".csv", ".parquet"))

    if has("ticket") and has("tickets"):
        raise CommandLineError(
            f"{folder} has both ticket (Zendesk's tables) and tickets (the plain layout); "
            "keep one layout per folder."
        )
    if has("ticket"):
        return ZENDESK_TABLES, load_zendesk
    if has("tickets"):
        return PLAIN_TABLES, load_plain
    raise CommandLineError(
        f"{folder} has no ticket.csv (Zendesk's tables) and no tickets.csv (the plain "
        "layout, docs/helpdesks.md), nor .parquet files of those names."
    )


def summary(measured: tuple[MetricColumns, ...]) -> list[dict[str, Any]]:
    """Per metric: tickets whose clock started, the median and 90th percentile of their
    elapsed time, and the breach rate where a target applies (None otherwise)."""
    out = []
    for m in measured:
        started = np.array([METRIC_STATES[s].value != "not_started" for s in m.state.tolist()])
        elapsed = m.elapsed[started].tolist() if len(started) else []
        quantiles = (
            statistics.quantiles(elapsed, n=10, method="inclusive")
            if len(elapsed) > 1
            else elapsed * 9
        )
        out.append(
            {
                "metric": m.metric.name,
                "tickets": int(started.sum()) if len(started) else 0,
                "median": _delta(statistics.median(elapsed)) if elapsed else None,
                "p90": _delta(quantiles[8]) if elapsed else None,
                "breach_rate": float(m.breached[started].mean())
                if m.has_targets and elapsed
                else None,
            }
        )
    return out


def _per_ticket(data: HelpdeskData, measured: tuple[MetricColumns, ...], as_csv: bool) -> None:
    names = ["id"]
    for m in measured:
        names += [f"{m.metric.name}_{f}" for f in ("state", "elapsed", "cycles")]
    writer = csv.writer(sys.stdout, lineterminator="\n") if as_csv else None
    if writer:
        writer.writerow([*names, "problem"])
    with Progress(len(data.ids), "writing", "ticket") as bar:
        for k, tid in enumerate(data.ids):
            values: list[Any] = [tid]
            for m in measured:
                values += [
                    METRIC_STATES[int(m.state[k])].value,
                    iso_duration(int(m.elapsed[k]) * _US),
                    int(m.cycles[k]),
                ]
            _emit(writer, names, values, None)
            bar.update(1)
    for problem in _first_per_ticket(data):
        _emit(writer, names, [str(problem.ticket_id)] + [None] * (len(names) - 1), str(problem))


def _emit(writer: Any, names: list[str], values: list[Any], problem: str | None) -> None:
    if writer is not None:
        writer.writerow([csv_safe(str(v)) if v is not None else "" for v in [*values, problem]])
    else:
        print(
            json.dumps(
                {**dict(zip(names, values, strict=True)), "problem": problem}, ensure_ascii=False
            )
        )


def _first_per_ticket(data: HelpdeskData) -> list[Any]:
    seen: set[object] = set()
    out = []
    for p in data.problems:
        if p.ticket_id is not None and p.ticket_id not in seen:
            seen.add(p.ticket_id)
            out.append(p)
    return out


def _report(data: HelpdeskData, notes: list[str]) -> None:
    for note in notes:
        say(f"slaclock: note: {note}")
    for table_name, count in sorted(data.left_out.items()):
        if count:
            say(f"slaclock: left out {count} soft-deleted row(s) of {table_name}")
    for p in data.problems[:LISTED]:
        say(f"slaclock: bad row: {p}")
    if len(data.problems) > LISTED:
        say(f"slaclock: ... and {len(data.problems) - LISTED} more bad rows")
    if data.problems:
        say(f"slaclock: {len(_first_per_ticket(data))} ticket(s) not measured (bad rows above)")


def _chosen(names: str | None) -> tuple[Any, ...]:
    if names is None:
        return ZENDESK_METRICS
    by_name = {m.name: m for m in ZENDESK_METRICS}
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in by_name]
    if unknown or not wanted:
        raise CommandLineError(
            f"unknown metric(s) {', '.join(unknown) or '(none given)'}; choose from "
            f"{', '.join(by_name)}."
        )
    return tuple(by_name[n] for n in wanted)


def _delta(us: float) -> timedelta:
    return round(us) * _US


def _state_and_hours(m: MetricColumns, k: int) -> str:
    state = METRIC_STATES[int(m.state[k])].value
    if state == "not_started":
        return "-"
    return f"{_hours(int(m.elapsed[k]) * _US)} {state}"


def _hours(d: timedelta | None) -> str:
    return "-" if d is None else f"{d / timedelta(hours=1):.2f} h"
