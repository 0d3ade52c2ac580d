"""How the command prints: aligned text for people, JSON and CSV for programs.

One JSON format for every command: an object (JSON lines for `status`, one
object a ticket) whose instants are ISO 8601 with their UTC offset, in the
calendar's zone, whose durations are ISO 8601 in hours (``PT32H``, see
`iso_duration`), and which always carries ``notes`` (e.g. a time that had no
offset and was read in the calendar's zone).
"""

from __future__ import annotations

import contextlib
import json
import sys
import textwrap
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TextIO

from slaclock.calendar.any_calendar import AnyCalendar
from slaclock.cli.durations import iso_duration
from slaclock.cli.safe_text import escaped

__all__ = [
    "LABEL",
    "calendar_json",
    "iso_duration",
    "iso_instant",
    "line",
    "print_json",
    "say",
    "show",
    "table",
    "wrap",
]

#: Width of the labels in the text output ("deadline      Tue ...").
LABEL = 14


def iso_instant(t: datetime) -> str:
    """ISO 8601 with the UTC offset: '2026-11-24T10:30:00-03:00'."""
    return t.isoformat()


def line(label: str, text: str) -> str:
    """A labelled line of text output."""
    return f"{label:<{LABEL}}{text}"


def calendar_json(cal: AnyCalendar) -> dict[str, object]:
    """The calendar as JSON output names it: schedule and zone."""
    return {"schedule": cal.describe_hours(), "zone": cal.zone.key}


def print_json(data: dict[str, Any], out: TextIO | None = None) -> None:
    """One JSON object, indented, non-ASCII kept."""
    print(json.dumps(data, indent=2, ensure_ascii=False), file=out or sys.stdout)


def wrap(text: str) -> str:
    """A paragraph of help text wrapped for an 80-column terminal."""
    return textwrap.fill(text, 79)


def show(text: str) -> None:
    """Text output for people on stdout, control characters escaped (lines kept)."""
    print(escaped(text, lines=True))


def say(message: str) -> None:
    """A message on stderr, control characters escaped (never fails: a closed stderr is
    ignored)."""
    with contextlib.suppress(OSError, ValueError):
        print(escaped(message, lines=True), file=sys.stderr, flush=True)


def table(header: Sequence[str], rows: Iterable[Sequence[str]], right: set[int]) -> list[str]:
    """Rows aligned under a header; the columns in `right` aligned right."""
    cells = [list(header), *(list(r) for r in rows)]
    widths = [max(len(r[k]) for r in cells) for k in range(len(header))]
    out = []
    for r in cells:
        parts = [
            r[k].rjust(widths[k]) if k in right else r[k].ljust(widths[k])
            for k in range(len(header))
        ]
        out.append("  ".join(parts).rstrip())
    return out
