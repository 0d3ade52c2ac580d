"""`evaluate_frame`: every row of every frame kind equals `evaluate` on the same ticket.

Typed errors for the table API's arguments (issue 14, item 4): a repeated column
name, a prefix or plan of the wrong type, scenarios that are not a mapping.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    ZENDESK_METRICS,
    Classified,
    ColumnError,
    InvalidRowsError,
    Resolved,
    Responded,
    Severity,
    Ticket,
    VendorDirectChosen,
    WrongTypeError,
    evaluate,
    evaluate_frame,
    what_if,
)
from tests.support.domain import CONTRACT, ba, ticket
from tests.support.frames import (
    KINDS,
    compare,
    events_table,
    make_frame,
    marked_events,
    rows_of,
    wide,
)
from tests.support.strategies import precise_instants
from tests.support.tickets import histories, latest, nows, plans

ZONE = "America/Argentina/Buenos_Aires"


@st.composite
def wide_tickets(draw: st.DrawFn) -> Ticket:
    """Tickets whose history the wide columns hold: at most one of each event."""
    received = draw(precise_instants())
    t = ticket(received, priority=draw(st.integers(1, 4)), id=f"W-{draw(st.integers(0, 10**6))}")
    events = []
    for kind in ("classified", "responded", "resolved", "vendor_direct"):
        if draw(st.booleans()):
            at = received + timedelta(minutes=draw(st.integers(0, 5 * 24 * 60)))
            if kind == "classified":
                events.append(
                    (at, 0, Classified(at=at, severity=Severity(draw(st.integers(1, 4)))))
                )
            elif kind == "responded":
                events.append((at, 1, Responded(at=at)))  # type: ignore[arg-type]
            elif kind == "resolved":
                events.append((at, 2, Resolved(at=at)))  # type: ignore[arg-type]
            else:
                events.append((at, 3, VendorDirectChosen(at=at)))  # type: ignore[arg-type]
    for _, _, event in sorted(events, key=lambda e: (e[0], e[1])):
        t = t.apply(event)
    return t


@given(
    st.lists(wide_tickets(), min_size=1, max_size=8), plans(), st.sampled_from(KINDS), st.data()
)
def test_wide_rows_equal_evaluate(
    tickets: list[Ticket], plan: Any, kind: str, data: st.DataObject
) -> None:
    now = data.draw(nows(latest(tickets)))
    zone = plan.calendar.zone.key
    frame = make_frame(kind, wide(tickets), zone="Asia/Tokyo")
    before = rows_of(frame)
    out = evaluate_frame(frame, now, plan)
    assert type(out) is type(frame)
    assert rows_of(frame) == before  # the caller's frame is untouched
    rows = rows_of(out)
    assert [r["id"] for r in rows] == [t.id for t in tickets]  # same rows, same order
    for row, t in zip(rows, tickets):
        compare(row, evaluate(t, now, plan), zone)


@given(st.lists(histories(), min_size=1, max_size=6), plans(), st.sampled_from(KINDS), st.data())
def test_event_table_rows_equal_evaluate(
    tickets: list[Ticket], plan: Any, kind: str, data: st.DataObject
) -> None:
    """Whole histories (pauses, reclassifications, escalations) in a long events table."""
    tickets = list({t.id: t for t in tickets}.values())  # ids are unique in a table
    now = data.draw(nows(latest(tickets)))
    frame = make_frame(
        kind, {k: v for k, v in wide(tickets).items() if k in ("id", "received", "severity")}
    )
    events = events_table(tickets)
    ev = make_frame(kind, events) if events["kind"] else None
    outcome: list[Any] = []
    for t in tickets:
        try:
            outcome.append(evaluate(t, now, plan))
        except Exception as exc:  # a ticket the rules refuse
            outcome.append(exc)
    out = evaluate_frame(frame, now, plan, events=ev, errors="mark")
    for row, want in zip(rows_of(out), outcome):
        if isinstance(want, Exception):
            assert row["problem"] is not None and row["state"] is None
            assert str(want).split(" ", 2)[2].split(";")[0] in row["problem"]
        else:
            assert row["problem"] is None
            compare(row, want, plan.calendar.zone.key)


@pytest.mark.parametrize("kind", KINDS)
def test_contracts_give_entitlement_per_row(kind: str) -> None:
    received = [ba(2026, 11, 20, 16, 30), ba(2026, 7, 2, 10), ba(2026, 11, 24, 9)]
    frame = make_frame(
        kind,
        {
            "received": received,
            "severity": [1, 2, 3],
            "customer": ["ACME SA", "ACME SA", "Other SA"],
            "product": ["Arcserve UDP", "Arcserve Backup", "Arcserve UDP"],
            "requester_email": ["ana.gomez@acme.com.ar", "eva.ruiz@acme.com.ar", "x@other.com"],
        },
    )
    now = ba(2026, 11, 30, 12)
    rows = rows_of(evaluate_frame(frame, now, contracts={"ACME SA": CONTRACT}))
    tickets = [
        ticket(received[0], 1),
        ticket(
            received[1], 2, product="Arcserve Backup", requester=CONTRACT.products[1].contacts[0]
        ),
        ticket(received[2], 3, customer="Other SA"),
    ]
    for row, t in zip(rows, tickets):
        contract = CONTRACT if t.customer == "ACME SA" else None
        status = evaluate(t, now, contract=contract) if contract else None
        if status is not None:
            compare(row, status, ZONE)
            assert row["entitlement"] == ("; ".join(str(p) for p in status.problems) or None)
    assert rows[1]["state"] == "not_entitled" and "maintenance_expired" in rows[1]["entitlement"]
    assert rows[2]["state"] == "not_entitled" and "no_contract" in rows[2]["entitlement"]


def test_bad_rows_raise_with_column_count_and_labels() -> None:
    frame = pd.DataFrame(
        {
            "received": pd.to_datetime(
                ["2026-11-20T16:30-03:00", None, "2026-11-24T09:00-03:00", None], utc=True
            ),
            "severity": [1, 2, "urgent", 4],
            "responded_at": pd.to_datetime(["2026-11-19T10:00-03:00", None, None, None], utc=True),
        },
        index=["a", "b", "c", "d"],
    )
    now = ba(2026, 11, 30)
    with pytest.raises(InvalidRowsError) as err:
        evaluate_frame(frame, now)
    text = str(err.value)
    assert "received: 2 rows is missing (first: 'b', 'd')" in text
    assert "severity: 1 row not a severity" in text and "'c'" in text
    assert "responded_at: 1 row is before received (first: 'a')" in text
    assert "errors='mark'" in text
    assert {p["column"] for p in err.value.problems} == {"received", "severity", "responded_at"}
    marked = evaluate_frame(frame, now, errors="mark")
    assert list(marked.index) == ["a", "b", "c", "d"]
    assert marked["problem"].tolist()[0].startswith("responded_at")
    assert marked["state"].isna().tolist() == [True, True, True, True]
    good = evaluate_frame(frame.iloc[[]], now)
    assert len(good) == 0 and "deadline" in good.columns


def test_column_errors() -> None:
    naive = pd.DataFrame({"received": pd.to_datetime(["2026-11-20T16:30"]), "severity": [1]})
    with pytest.raises(ColumnError, match="naive"):
        evaluate_frame(naive, ba(2026, 11, 30))
    with pytest.raises(ColumnError, match="no 'received' column"):
        evaluate_frame(pd.DataFrame({"severity": [1]}), ba(2026, 11, 30))
    text = pd.DataFrame({"received": ["2026-11-20T16:30-03:00"], "severity": [1]})
    with pytest.raises(ColumnError, match="must hold timezone-aware datetimes"):
        evaluate_frame(text, ba(2026, 11, 30))
    ok = pd.DataFrame(
        {"created": pd.to_datetime(["2026-11-20T16:30-03:00"], utc=True), "sev": [1]}
    )
    out = evaluate_frame(ok, ba(2026, 11, 30), columns={"received": "created", "severity": "sev"})
    assert out["state"].tolist() == ["breached"]
    with pytest.raises(ColumnError, match="unknown name"):
        evaluate_frame(ok, ba(2026, 11, 30), columns={"recieved": "created"})
    with pytest.raises(ColumnError, match="prefix"):
        evaluate_frame(
            out.drop(columns=["clock_start"]),
            ba(2026, 11, 30),
            columns={"received": "created", "severity": "sev"},
        )
    again = evaluate_frame(
        out, ba(2026, 11, 30), columns={"received": "created", "severity": "sev"}, prefix="again_"
    )
    assert "again_deadline" in again.columns
    with pytest.raises(ColumnError, match="DataFrame"):
        evaluate_frame([1, 2, 3], ba(2026, 11, 30))


@pytest.mark.parametrize("kind", KINDS)
def test_output_types(kind: str) -> None:
    frame = make_frame(kind, {"received": [ba(2026, 11, 20, 16, 30)], "severity": ["critical"]})
    out = evaluate_frame(frame, ba(2026, 11, 25, 12))
    row = rows_of(out)[0]
    assert row["deadline"] == ba(2026, 11, 24, 10, 30)
    assert row["elapsed"] == timedelta(hours=11, minutes=30)
    assert isinstance(row["fraction_used"], float) and row["warning"] == 90
    assert row["state"] == "breached"
    assert row["breached"] == True  # noqa: E712 (a numpy or Python bool)


def test_fraction_used_is_a_float_column_pandas_can_describe() -> None:
    received = [ba(2026, 11, 24, 9) + timedelta(hours=k) for k in range(6)]
    frame = make_frame("pandas", {"received": received, "severity": [1, 2, 3, 4, 1, 2]})
    out = evaluate_frame(frame, ba(2026, 11, 25, 12))
    assert out["fraction_used"].dtype == np.float64
    assert "fraction_used" in out.describe().columns
    assert 0 < out["fraction_used"].quantile(0.5) < 3


def test_now_must_be_aware() -> None:
    frame = make_frame("pandas", {"received": [ba(2026, 11, 24, 9)], "severity": [1]})
    with pytest.raises(Exception, match="naive"):
        evaluate_frame(frame, datetime(2026, 11, 25))
    assert (
        evaluate_frame(frame, datetime(2026, 11, 25, tzinfo=timezone.utc))["state"][0]
        == "breached"
    )
    assert BASIC_PLAN.calendar.zone.key == ZONE


def test_events_at_the_same_instant_are_ordered_classified_first() -> None:
    """A confirmation and a response at the same instant: the confirmation counts."""
    at = ba(2026, 11, 24, 9, 30)
    frame = make_frame(
        "pandas",
        {
            "received": [ba(2026, 11, 24, 9)],
            "severity": [4],
            "classified_at": [at],
            "confirmed_severity": [1],
            "responded_at": [at],
        },
    )
    row = rows_of(evaluate_frame(frame, ba(2026, 11, 30)))[0]
    t = ticket(ba(2026, 11, 24, 9), 4).apply(Classified(at=at, severity=Severity.CRITICAL))
    t = t.apply(Responded(at=at))
    compare(row, evaluate(t, ba(2026, 11, 30)), ZONE)
    assert row["sla_severity"] == 1


@pytest.mark.parametrize(
    ("kinds", "reason"),
    [
        (["paused", "paused"], "is paused twice without a resume"),
        (["resumed"], "resumes without being paused"),
        (["paused"], "does not allow pausing"),
    ],
)
def test_pauses_out_of_order_in_an_events_table(kinds: list[str], reason: str) -> None:
    """An events table is not a Ticket: its pause order is checked per row."""
    marked = marked_events(kinds, reason=reason)
    assert reason in marked["problem"][0] and marked["problem"].isna()[1]
    assert marked["state"][1] == "breached"


# -- was tests/test_table_arguments.py ---------------------------------------------------

NOW = datetime(2026, 11, 25, tzinfo=timezone.utc)
GOOD = pd.DataFrame({"received": [datetime(2026, 11, 24, tzinfo=timezone.utc)], "severity": [1]})


def test_a_repeated_column_name_is_a_column_error() -> None:
    frame = pd.DataFrame([[NOW, 1, 2]], columns=["received", "severity", "severity"])
    for call in (
        lambda: evaluate_frame(frame, NOW),
        lambda: what_if(frame, NOW, {"B": BASIC_PLAN}),
    ):
        with pytest.raises(ColumnError, match=r"repeats column name\(s\) \['severity'\]"):
            call()


@pytest.mark.parametrize(
    ("options", "named"),
    [({"prefix": 3}, "prefix must be a str"), ({"plan": 3}, "plan must be a ServicePlan")],
)
def test_wrong_types_are_refused_before_any_work(options: dict[str, Any], named: str) -> None:
    with pytest.raises(WrongTypeError, match=named):
        evaluate_frame(GOOD, NOW, **options)
    assert isinstance(WrongTypeError("x"), TypeError)


def test_scenarios_must_be_named() -> None:
    with pytest.raises(WrongTypeError, match="scenarios must be a Mapping"):
        what_if(GOOD, NOW, [BASIC_PLAN])  # type: ignore[arg-type]
    with pytest.raises(ColumnError, match="at least one scenario"):
        what_if(GOOD, NOW, {})


def test_good_arguments_still_work() -> None:
    out = evaluate_frame(GOOD, NOW, prefix="sla_", plan=None)
    assert "sla_deadline" in out.columns


def test_a_receipt_outside_the_calendars_years_is_a_bad_row_not_an_error() -> None:
    """A ticket from 1850 (or 9999) in a table is that row's problem: the rest of the
    table is evaluated, and with errors='raise' the message names the row."""
    frame = pd.DataFrame(
        {
            "received": pd.to_datetime(
                ["2026-11-24T10:00:00-03:00", "1850-03-02T10:00:00Z", "9999-01-01T00:00:00Z"],
                utc=True,
                format="ISO8601",
            ).astype("datetime64[us, UTC]"),
            "severity": [2, 2, 2],
        }
    )
    now = ba(2026, 11, 25, 12)
    for metrics in ((), ZENDESK_METRICS):
        out = evaluate_frame(frame, now, errors="mark", metrics=metrics)
        years = BASIC_PLAN.calendar.engine.source
        reason = f"received: is outside the years the calendar supports ({years.first_year}-"
        assert out["problem"].isna().tolist() == [True, False, False]
        assert all(p.startswith(reason) for p in out["problem"][1:])
        alone = evaluate_frame(frame.iloc[:1], now, metrics=metrics)
        for column in ("state", "deadline", "elapsed", "breached"):
            assert out[column].iloc[0] == alone[column].iloc[0]
    with pytest.raises(InvalidRowsError, match="2 rows is outside the years"):
        evaluate_frame(frame, now)
