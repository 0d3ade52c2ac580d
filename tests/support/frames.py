"""Tickets as tables: the wide form (one row a ticket) and the long events form, in
pandas, polars or pyarrow; and table rows read back as plain Python values."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import narwhals as nw
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from slaclock import InvalidRowsError, ServicePlan, SlaStatus, Ticket, evaluate_frame
from slaclock.sla.ticket import Classified, Escalated, Resolved, Responded, VendorDirectChosen
from tests.support.domain import ba

UTC = timezone.utc
KINDS = ("pandas", "polars", "pyarrow")


def make_frame(kind: str, data: dict[str, list[Any]], zone: str = "UTC") -> Any:
    """A frame of `kind` from columns of Python values; datetimes become aware columns."""
    if kind == "pandas":
        out = {}
        for name, values in data.items():
            if any(isinstance(v, datetime) for v in values):
                out[name] = pd.to_datetime(
                    [v.astimezone(UTC) if v is not None else None for v in values], utc=True
                ).tz_convert(zone)
            else:
                out[name] = values
        return pd.DataFrame(out)
    if kind == "polars":
        cols = {}
        for name, values in data.items():
            if any(isinstance(v, datetime) for v in values):
                cols[name] = pl.Series(
                    name,
                    [v.astimezone(UTC) if v else None for v in values],
                    pl.Datetime("us", "UTC"),
                ).dt.convert_time_zone(zone)
            else:
                cols[name] = pl.Series(name, values, strict=False)
        return pl.DataFrame(cols)
    arrays = {}
    for name, values in data.items():
        if any(isinstance(v, datetime) for v in values):
            arrays[name] = pa.array(values, pa.timestamp("us", tz=zone))
        else:
            arrays[name] = pa.array(values)
    return pa.table(arrays)


def wide(tickets: list[Ticket]) -> dict[str, list[Any]]:
    """The wide columns of tickets whose histories the wide form can hold."""
    data: dict[str, list[Any]] = {
        "id": [],
        "received": [],
        "severity": [],
        "responded_at": [],
        "resolved_at": [],
        "handed_over_at": [],
        "classified_at": [],
        "confirmed_severity": [],
    }

    def first(t: Ticket, kind: type) -> Any:
        return next((e for e in t.history if isinstance(e, kind)), None)

    for t in tickets:
        classified = first(t, Classified)
        data["id"].append(t.id)
        data["received"].append(t.received)
        data["severity"].append(int(t.priority))
        data["responded_at"].append(getattr(first(t, Responded), "at", None))
        data["resolved_at"].append(getattr(first(t, Resolved), "at", None))
        data["handed_over_at"].append(getattr(first(t, VendorDirectChosen), "at", None))
        data["classified_at"].append(classified.at if classified else None)
        data["confirmed_severity"].append(int(classified.severity) if classified else None)
    return data


def events_table(tickets: list[Ticket]) -> dict[str, list[Any]]:
    """The long events table of tickets' histories."""
    data: dict[str, list[Any]] = {
        "ticket_id": [], "kind": [], "at": [], "severity": [], "to": [], "assisted_only": [],
    }  # fmt: skip
    for t in tickets:
        for e in t.history:
            data["ticket_id"].append(t.id)
            data["kind"].append(e.kind)
            data["at"].append(e.at)
            data["severity"].append(int(e.severity) if isinstance(e, Classified) else None)
            data["to"].append(e.to.value if isinstance(e, Escalated) else None)
            data["assisted_only"].append(e.assisted_only if isinstance(e, Escalated) else None)
    return data


def rows_of(frame: Any) -> list[dict[str, Any]]:
    """Rows as dicts of plain values (None for nulls, datetime, timedelta, float...)."""
    table = nw.from_native(frame, eager_only=True)
    columns = table.to_dict(as_series=False)
    out = []
    for k in range(len(table)):
        row = {}
        for name, values in columns.items():
            v = values[k]
            if v is not None and v != v:  # NaN / NaT
                v = None
            if hasattr(v, "to_pydatetime"):
                v = v.to_pydatetime()
            elif hasattr(v, "to_pytimedelta"):
                v = v.to_pytimedelta()
            row[name] = v
        out.append(row)
    return out


def expected(status: SlaStatus) -> dict[str, Any]:
    """What a table row must hold for a status."""
    return {
        "clock_start": status.clock_start,
        "deadline": status.deadline,
        "state": status.state.value,
        "breached": status.breached,
        "elapsed": status.elapsed,
        "remaining": status.remaining,
        "fraction_used": status.fraction_used,
        "warning": max(status.warnings, default=0),
        "provisional": bool(status.provisional_years),
        "target": status.target,
        "sla_severity": int(status.severity),
    }


def same_instant(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a.astimezone(UTC) == b.astimezone(UTC))


def compare(row: dict[str, Any], status: SlaStatus, zone: str) -> None:
    want = expected(status)
    for name, value in want.items():
        got = row[name]
        if name in ("clock_start", "deadline"):
            assert same_instant(got, value), (name, got, value)
            if got is not None:
                assert str(getattr(got.tzinfo, "key", got.tzinfo)) == zone
        else:
            assert got == value, (name, got, value)


def marked_events(
    kinds: list[str], plan: ServicePlan | None = None, reason: str | None = None
) -> Any:
    """Ticket A with events `kinds` an hour apart from Tuesday 24 November 2026 10:00,
    ticket B with none: refused (`InvalidRowsError` matching `reason`), then evaluated
    with errors="mark" on 30 November."""
    frame = make_frame(
        "pandas", {"id": ["A", "B"], "received": [ba(2026, 11, 24, 9)] * 2, "severity": [1, 2]}
    )
    events = make_frame(
        "pandas",
        {
            "ticket_id": ["A"] * len(kinds),
            "kind": kinds,
            "at": [ba(2026, 11, 24, 10 + k) for k in range(len(kinds))],
        },
    )
    with pytest.raises(InvalidRowsError, match=reason):
        evaluate_frame(frame, ba(2026, 11, 30), plan, events=events)
    return evaluate_frame(frame, ba(2026, 11, 30), plan, events=events, errors="mark")
