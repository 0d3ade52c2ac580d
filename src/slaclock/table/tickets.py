"""A table of tickets (and optionally a long table of their events) as `TicketColumns`.

Columns a ticket table may have (names mappable with ``columns={...}``):

=====================  ========================================================
``received``           aware datetimes; required
``severity``           1-4, "1"-"4" or a name ("critical", "MAJOR", ...); required
``responded_at``       first response (null: not yet)
``resolved_at``        resolution (null: not yet)
``handed_over_at``     case handed to the vendor without follow-up (null: not yet)
``classified_at``      L1's confirmation or reclassification, with...
``confirmed_severity`` ...the severity it confirmed (both or neither)
``id``                 ticket ids, needed only with an events table
=====================  ========================================================

Events at the same instant are taken in the order classified, responded,
resolved, handed over. A long events table (``ticket_id``, ``kind``, ``at``,
``severity``, and for escalations ``to`` and optionally ``assisted_only``)
carries whole histories: pauses, several reclassifications, escalations;
``kind`` takes the values of `Ticket.history` events ("classified",
"responded", "paused", ...). Bad values are reported per row, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt

from slaclock.errors import ColumnError
from slaclock.sla.columns import TicketColumns
from slaclock.sla.plan import DEFAULT_CALENDAR
from slaclock.sla.severity import Severity
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.timeline import (
    AGENT,
    CODE_OF_NAME,
    PUBLIC,
    Code,
    EventColumns,
    after_close,
    event_order,
)
from slaclock.table.arrow_codes import arrow_codes
from slaclock.table.column_io import codes_of, instants_of, values_of
from slaclock.table.flags import flag_code

__all__ = [
    "EVENT_COLUMNS",
    "TICKET_COLUMNS",
    "Problems",
    "read_tickets",
    "severity_codes",
    "ticket_columns",
]

I64 = np.int64
TICKET_COLUMNS = (
    "received",
    "severity",
    "responded_at",
    "resolved_at",
    "handed_over_at",
    "classified_at",
    "confirmed_severity",
    "id",
)
EVENT_COLUMNS = (
    "ticket_id",
    "kind",
    "at",
    "severity",
    "to",
    "assisted_only",
    "status",
    "author",
    "public",
    "calendar",
)
_WIDE_EVENTS = (
    ("classified_at", Code.CLASSIFIED),
    ("responded_at", Code.RESPONDED),
    ("resolved_at", Code.RESOLVED),
    ("handed_over_at", Code.HANDED_OVER),
)


@dataclass
class Problems:
    """Bad rows found while reading, per (column, reason); the first reason per row."""

    n: int
    found: dict[tuple[str, str], npt.NDArray[np.int64]] = field(default_factory=dict)

    def add(
        self, column: str, reason: str, rows: npt.NDArray[np.bool_] | npt.NDArray[np.int64]
    ) -> None:
        """Record `reason` for the rows of a mask (or of an array of row numbers)."""
        where = np.flatnonzero(rows) if rows.dtype == np.bool_ else np.asarray(rows, dtype=I64)
        if len(where):
            key = (column, reason)
            old = self.found.get(key)
            self.found[key] = where if old is None else np.union1d(old, where)

    @property
    def mask(self) -> npt.NDArray[np.bool_]:
        """Rows with any problem."""
        out = np.zeros(self.n, dtype=bool)
        for rows in self.found.values():
            out[rows] = True
        return out

    def messages(self) -> npt.NDArray[np.object_]:
        """'column: reason' per row (the first found), None for good rows."""
        out = np.full(self.n, None, dtype=object)
        told = np.zeros(self.n, dtype=bool)
        for (column, reason), rows in self.found.items():
            fresh = rows[~told[rows]]
            out[fresh] = f"{column}: {reason}"
            told[fresh] = True
        return out


def _column(frame: nw.DataFrame[Any], names: Mapping[str, str], key: str) -> nw.Series[Any] | None:
    name = names.get(key, key)
    return frame.get_column(name) if name in frame.columns else None


def _severities(
    series: nw.Series[Any], name: str, problems: Problems, required: bool
) -> npt.NDArray[np.int8]:
    """Severity codes 1-4 (0 where missing), bad values reported."""
    dtype = series.dtype
    if not (dtype.is_integer() or dtype.is_float()):
        missing = series.is_null().to_numpy().astype(bool)
        return severity_codes(series.to_list(), missing, name, problems, required)
    raw, missing = values_of(series, 0)
    codes = raw.astype(I64) if dtype.is_integer() else np.where(raw == raw.astype(I64), raw, -1)
    codes = np.asarray(codes, dtype=I64)
    bad = ~missing & ((codes < 1) | (codes > 4))
    return _checked_severities(codes, missing, bad, name, problems, required)


def severity_codes(
    values: Sequence[object],
    missing: npt.NDArray[np.bool_],
    name: str,
    problems: Problems,
    required: bool,
) -> npt.NDArray[np.int8]:
    """Severity codes 1-4 of plain values (text such as "2" or "critical", `Severity`),
    0 where `missing`; bad values reported in `problems` under `name`."""
    texts = np.array(values, dtype=object)
    texts[missing] = ""
    text = np.array([str(v.value if isinstance(v, Severity) else v) for v in texts], dtype=object)
    unique, inverse = np.unique(text, return_inverse=True)
    mapped = np.array([Severity.code_of(u) for u in unique], dtype=I64)
    codes = mapped[inverse]
    bad = ~missing & (codes == 0)
    return _checked_severities(codes, missing, bad, name, problems, required)


def _checked_severities(
    codes: npt.NDArray[np.int64],
    missing: npt.NDArray[np.bool_],
    bad: npt.NDArray[np.bool_],
    name: str,
    problems: Problems,
    required: bool,
) -> npt.NDArray[np.int8]:
    n = len(missing)
    problems.add(name, "not a severity; use 1-4 or critical, major, minor, informational", bad)
    if required:
        problems.add(name, "is missing", missing)
    out = np.where(bad | missing, 0, codes).astype(np.int8)
    return out if len(out) == n else np.zeros(n, dtype=np.int8)


def read_tickets(
    frame: nw.DataFrame[Any],
    names: Mapping[str, str],
    events: nw.DataFrame[Any] | None = None,
    event_names: Mapping[str, str] | None = None,
    vendor_follow_up: bool = False,
    calendars: tuple[str, ...] = (DEFAULT_CALENDAR,),
) -> tuple[TicketColumns, Problems]:
    """The tickets of a frame as columns, and the rows that cannot be used (`calendars`:
    the names calendar events may use, the plan's `calendar_names`)."""
    n = len(frame)
    problems = Problems(n)
    for key in ("received", "severity"):
        if names.get(key, key) not in frame.columns:
            name = names.get(key, key)
            have = ", ".join(map(str, frame.columns[:20]))
            raise ColumnError(
                f"the table has no {name!r} column (it has: {have}); add it or map yours "
                f"with columns={{{key!r}: 'your_name'}}."
            )
    received_col = _column(frame, names, "received")
    assert received_col is not None
    received_name = names.get("received", "received")
    received, missing = instants_of(received_col, received_name)
    problems.add(received_name, "is missing", missing)
    severity_col = _column(frame, names, "severity")
    assert severity_col is not None
    severity = _severities(severity_col, names.get("severity", "severity"), problems, True)

    confirmed_col = _column(frame, names, "confirmed_severity")
    confirmed_name = names.get("confirmed_severity", "confirmed_severity")
    confirmed = (
        _severities(confirmed_col, confirmed_name, problems, False)
        if confirmed_col is not None
        else None
    )
    wide = {}
    for key, _ in _WIDE_EVENTS:
        col = _column(frame, names, key)
        if col is not None:
            wide[key] = instants_of(col, names.get(key, key))
    return (
        ticket_columns(
            received,
            missing,
            severity,
            wide,
            confirmed,
            problems,
            names,
            None
            if events is None
            else lambda: _read_events(
                frame,
                names,
                events,
                event_names or {},
                received,
                problems,
                vendor_follow_up,
                calendars,
            ),
        ),
        problems,
    )


def ticket_columns(
    received: npt.NDArray[np.int64],
    missing: npt.NDArray[np.bool_],
    severity: npt.NDArray[np.int8],
    wide: Mapping[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]],
    confirmed: npt.NDArray[np.int8] | None,
    problems: Problems,
    names: Mapping[str, str] | None = None,
    extra: Callable[[], tuple[Any, ...]] | None = None,
) -> TicketColumns:
    """Tickets as columns from plain arrays, no DataFrame library needed: UTC microseconds
    of receipt (with its missing mask), severity codes (`severity_codes`), the wide event
    columns present (key -> (UTC microseconds, absent mask), keys as in `TICKET_COLUMNS`)
    and confirmed severity codes (None: no such column). Bad rows go to `problems`."""
    names = names or {}
    n = len(received)
    confirmed_name = names.get("confirmed_severity", "confirmed_severity")
    parts: list[tuple[Any, ...]] = []  # (ticket, kind, at, severity, tie)
    rows = np.arange(n, dtype=I64)
    for tie, (key, kind) in enumerate(_WIDE_EVENTS):
        if key not in wide:
            if key == "classified_at" and confirmed is not None:
                raise ColumnError(
                    f"{confirmed_name!r} needs {names.get(key, key)!r}: a confirmed severity "
                    "counts from the instant L1 confirmed it."
                )
            continue
        name = names.get(key, key)
        at, absent = wide[key]
        problems.add(name, "is before received", ~absent & ~missing & (at < received))
        happened = ~absent
        new = np.zeros(n, dtype=np.int8)
        if key == "classified_at":
            if confirmed is None:
                raise ColumnError(
                    f"{name!r} needs {confirmed_name!r}: the severity L1 confirmed then."
                )
            problems.add(name, f"is set but {confirmed_name} is not", happened & (confirmed == 0))
            problems.add(confirmed_name, f"is set but {name} is not", absent & (confirmed > 0))
            happened &= confirmed > 0
            new = confirmed
        parts.append(
            (
                rows[happened],
                np.full(happened.sum(), kind),
                at[happened],
                new[happened],
                np.full(happened.sum(), tie),
            )
        )

    if extra is not None:  # the events table's (ticket, kind, at, severity, tie) arrays
        parts.append(extra())

    if len(parts) == 1 and extra is None:  # one wide column: already in ticket order
        owner, code, at, new, _ = parts[0]
        event_columns = EventColumns.of(owner, code, new, at)
    elif parts:
        owners = np.concatenate([p[0] for p in parts]).astype(I64)
        codes = np.concatenate([p[1] for p in parts]).astype(np.int8)
        instants = np.concatenate([p[2] for p in parts]).astype(I64)
        values = np.concatenate([p[3] for p in parts]).astype(np.int8)
        ties = np.concatenate([p[4] for p in parts]).astype(I64)
        if _in_order(owners, instants, ties):  # an events table alone, already sorted
            event_columns = EventColumns.of(owners, codes, values, instants)
        else:
            order = event_order(owners, len(received), instants, ties)
            event_columns = EventColumns.of(
                owners[order], codes[order], values[order], instants[order]
            )
    else:
        event_columns = EventColumns.empty()
    return TicketColumns(received, severity, event_columns)


def _read_events(
    frame: nw.DataFrame[Any],
    names: Mapping[str, str],
    events: nw.DataFrame[Any],
    event_names: Mapping[str, str],
    received: npt.NDArray[np.int64],
    problems: Problems,
    vendor_follow_up: bool,
    calendars: tuple[str, ...],
) -> tuple[Any, ...]:
    """The long events table as (ticket row, kind, at, severity, tie) arrays."""
    id_col = _column(frame, names, "id")
    if id_col is None:
        raise ColumnError(
            f"an events table needs ticket ids in the tickets table: add an "
            f"{names.get('id', 'id')!r} column or map yours with columns={{'id': ...}}."
        )

    def ev(key: str) -> nw.Series[Any] | None:
        name = event_names.get(key, key)
        return events[name] if name in events.columns else None

    for key in ("ticket_id", "kind", "at"):
        if ev(key) is None:
            raise ColumnError(
                f"the events table has no {event_names.get(key, key)!r} column; add it or map "
                f"yours with event_columns={{{key!r}: 'your_name'}}."
            )
    owner = _positions(id_col, ev("ticket_id"), names.get("id", "id"))  # type: ignore[arg-type]
    at_name = event_names.get("at", "at")
    at, absent = instants_of(ev("at"), at_name)  # type: ignore[arg-type]
    kind = _mapped(ev("kind"), lambda v: CODE_OF_NAME.get(_text(v), -1), -1)  # type: ignore[arg-type]
    bad_kind = kind < 0
    _flag_events(
        problems, owner, bad_kind, f"events: kind is not one of {', '.join(sorted(CODE_OF_NAME))}"
    )
    _flag_events(problems, owner, absent, f"events: {at_name} is missing")
    _flag_events(
        problems, owner, ~absent & (at < received[owner]), f"events: {at_name} is before received"
    )
    value = np.zeros(len(owner), dtype=np.int8)
    sev_col = ev("severity")
    is_classified = kind == Code.CLASSIFIED
    if is_classified.any():
        if sev_col is None:
            raise ColumnError("classified events need a 'severity' column in the events table.")
        scratch = Problems(len(owner))
        codes = _severities(sev_col, "severity", scratch, False)
        bad = is_classified & (codes == 0)
        _flag_events(problems, owner, bad, "events: a classified event has no valid severity")
        value = np.where(is_classified, codes, value).astype(np.int8)
    is_status = kind == Code.STATUS
    if is_status.any():
        status = _mapped(_required(ev, event_names, "status", "status"), TicketStatus.code_of, -1)
        names_ = ", ".join(s.value for s in TicketStatus)
        _flag_events(
            problems, owner, is_status & (status < 0), f"events: status is not one of {names_}"
        )
        value = np.where(is_status, np.maximum(status, 0), value).astype(np.int8)
    is_message = kind == Code.MESSAGE
    if is_message.any():
        author = _mapped(
            _required(ev, event_names, "author", "message"),
            lambda v: {"agent": AGENT, "customer": 0}.get(_text(v), -1),
            -1,
        )
        _flag_events(
            problems,
            owner,
            is_message & (author < 0),
            "events: a message's author must be customer or agent",
        )
        public_col = ev("public")
        public = np.ones(len(owner), dtype=np.int8)
        if public_col is not None:
            public = _mapped(public_col, lambda v: _flag(v, True), 1)
            _flag_events(
                problems, owner, is_message & (public < 0), "events: public must be true or false"
            )
        bits = np.maximum(author, 0) | np.where(public > 0, PUBLIC, 0)
        value = np.where(is_message, bits, value).astype(np.int8)
    is_calendar = kind == Code.CALENDAR
    if is_calendar.any():
        index = {name: k for k, name in enumerate(calendars)}
        which = _mapped(
            _required(ev, event_names, "calendar", "calendar"),
            lambda v: index.get(str(v).strip(), -1),
            -1,
        )
        _flag_events(
            problems,
            owner,
            is_calendar & (which < 0),
            f"events: calendar is not one of the plan's calendars ({', '.join(calendars)})",
        )
        value = np.where(is_calendar, np.maximum(which, 0), value).astype(np.int8)
    escalated = kind == Code.TO_L2  # "escalated", refined by `to` below
    if escalated.any():
        to_col = ev("to")
        if to_col is None:
            raise ColumnError(
                "escalated events need a 'to' column (L2 or vendor) in the events table."
            )
        to = _mapped(to_col, lambda v: {"l2": 1, "vendor": 2}.get(_text(v), -1), -1)
        to_vendor = escalated & (to == 2)
        _flag_events(
            problems,
            owner,
            escalated & (to < 0),
            "events: escalated 'to' must be L2 or vendor",
        )
        assisted_col = ev("assisted_only")
        default = not vendor_follow_up
        if assisted_col is not None:
            flag = _mapped(assisted_col, lambda v: _flag(v, default), int(default))
            _flag_events(
                problems,
                owner,
                to_vendor & (flag < 0),
                "events: assisted_only must be true or false",
            )
            assisted = flag > 0
        else:
            assisted = np.full(len(owner), default)
        kind = np.where(
            to_vendor, np.where(assisted, Code.HANDED_OVER, Code.TO_VENDOR), kind
        ).astype(np.int8)
    follows = after_close(len(received), owner, kind, value, at)
    _flag_events(problems, owner, ~absent & follows, "events: an event follows closed")
    keep = ~bad_kind & ~absent
    return (
        owner[keep],
        kind[keep],
        at[keep],
        value[keep],
        np.full(keep.sum(), len(_WIDE_EVENTS)),
    )


def _text(value: object) -> str:
    """A cell as the names read it: stripped, lower-case."""
    return str(value).strip().lower()


def _flag(value: object, missing: bool) -> int:
    """A flag cell (`public`, `assisted_only`) as 1 or 0 (`flags.flag_code`), `missing`
    for an empty cell, -1 when it cannot be read (it is reported, never guessed)."""
    code = flag_code(value)
    return int(missing) if code is None else code


def _is_null(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _in_order(
    owners: npt.NDArray[np.int64], instants: npt.NDArray[np.int64], ties: npt.NDArray[np.int64]
) -> bool:
    """Whether the events are already in (ticket, instant, tie) order: then the sort,
    the slowest step of reading a sorted events table, is skipped (it would keep them)."""
    if len(owners) < 2:
        return True
    d_owner, d_at = np.diff(owners), np.diff(instants)
    later = (d_at > 0) | ((d_at == 0) & (np.diff(ties) >= 0))
    return bool(((d_owner > 0) | ((d_owner == 0) & later)).all())


def _mapped(
    series: nw.Series[Any], read: Callable[[object], int], null: int
) -> npt.NDArray[np.int8]:
    """`read` of each cell as int8 codes, `null` for empty cells: `read` is called once
    per distinct value and the codes are placed by the frame's own library, so a column
    of millions of rows costs a few native operations."""
    encoded = arrow_codes(series)
    distinct = (
        [v for v in series.unique().to_list() if not _is_null(v)]
        if encoded is None
        else encoded[0]
    )
    if not distinct:
        return np.full(len(series), null, dtype=np.int8)
    codes = [read(v) for v in distinct]
    try:
        index = codes_of(series, distinct) if encoded is None else encoded[1]
        out = np.array([*codes, null], dtype=np.int8)[index]
    except Exception:  # a library that cannot map these values natively: one per row
        lookup = dict(zip(distinct, codes, strict=True))
        out = np.array(
            [null if _is_null(v) else lookup.get(v, read(v)) for v in series.to_list()],
            dtype=np.int8,
        )
    return out


def _positions(ids: nw.Series[Any], event_ids: nw.Series[Any], name: str) -> npt.NDArray[np.int64]:
    """The row in the tickets table of each event's ticket id (sorted once, searched per
    event); repeated ticket ids and unknown event ids are `ColumnError`."""
    missing = int(event_ids.is_null().sum())
    if missing:
        raise ColumnError(
            f"{missing} events have no ticket id; give each event the id of its ticket, or "
            "drop those rows."
        )
    keys, wanted = _comparable(ids.to_numpy(), event_ids.to_numpy())
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    if len(ordered) > 1 and bool((ordered[1:] == ordered[:-1]).any()):
        raise ColumnError(
            f"ticket ids in {name!r} repeat; each ticket must appear once when its events "
            "come in a separate table."
        )
    at = np.minimum(np.searchsorted(ordered, wanted), max(len(ordered) - 1, 0))
    found = (ordered[at] == wanted) if len(ordered) else np.zeros(len(wanted), dtype=bool)
    owner = np.where(found, order[at] if len(ordered) else 0, -1).astype(I64)
    unknown = np.flatnonzero(owner < 0)
    if len(unknown):
        shown = ", ".join(repr(_plain(wanted[k])) for k in unknown[:5])
        raise ColumnError(
            f"{len(unknown)} events name tickets that are not in the tickets table "
            f"(first: {shown}); add those tickets or drop their events."
        )
    return owner


def _required(
    ev: Callable[[str], nw.Series[Any] | None], names: Mapping[str, str], key: str, kind: str
) -> nw.Series[Any]:
    """A column of the events table that `kind` events need."""
    col = ev(key)
    if col is None:
        raise ColumnError(
            f"{kind} events need a {names.get(key, key)!r} column in the events table; add it "
            f"or map yours with event_columns={{{key!r}: 'your_name'}}."
        )
    return col


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value


def _comparable(
    a: npt.NDArray[Any], b: npt.NDArray[Any]
) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Two id columns in one sortable dtype: numbers as they are, text as text; ids of
    mixed kinds (7 and "7" differ) as (kind, value) text keys."""
    if a.dtype.kind in "iuf" and b.dtype.kind in "iuf":
        return a, b
    text = a.dtype.kind in "OUS" and b.dtype.kind in "OUS"
    if text and all(isinstance(x, str) for x in a) and all(isinstance(x, str) for x in b):
        return a.astype(str), b.astype(str)

    def keyed(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        return np.array([f"{type(_plain(v)).__name__}:{_plain(v)!r}" for v in values], dtype=str)

    return keyed(a), keyed(b)


def _flag_events(
    problems: Problems, owner: npt.NDArray[np.int64], bad: npt.NDArray[np.bool_], reason: str
) -> None:
    """Report the tickets of bad event rows."""
    if bad.any():
        problems.add("events", reason.removeprefix("events: "), np.unique(owner[bad]))
