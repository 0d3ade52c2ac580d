"""The shared rules of the helpdesk loaders (`slaclock.helpdesk.collect`, with
`plain`, `tables`, `ids` and `timestamps`): each test pins one rule a mutation run
found unchecked, with the ticket each bad row is blamed on, the exact messages, and
the paths few inputs take (a tickets table alone, Datetime columns, odd ids)."""

from __future__ import annotations

import narwhals as nw
import numpy as np
import pandas as pd
import polars as pl
import pytest

from slaclock import ColumnError, InvalidRowsError, plain
from slaclock.helpdesk import plain as hplain
from slaclock.helpdesk.data import HelpdeskData
from slaclock.helpdesk.ids import locate
from slaclock.helpdesk.tables import Table
from slaclock.helpdesk.timestamps import FIRST_US, LAST_US
from slaclock.sla.timeline import Code

T0 = "2026-03-02 09:00:00"
T1 = "2026-03-02 10:00:00"
NAMES = "1-4, critical, major, minor, informational, urgent, high, normal or low"


def base() -> dict[str, pd.DataFrame]:
    return {
        "tickets": pd.DataFrame(
            {"id": [1, 2], "created_at": [T0, T1], "priority": ["high", "low"]}
        ),
        "statuses": pd.DataFrame({"ticket_id": [1, 2], "at": [T0, T1], "status": ["new", "new"]}),
        "comments": pd.DataFrame(
            {
                "ticket_id": [1, 2],
                "at": [T0, T1],
                "author": ["customer", "customer"],
                "public": [True, True],
            }
        ),
    }


def probs(d: HelpdeskData) -> list[tuple[str, int, object, str]]:
    return [(p.table, p.line, p.ticket_id, p.reason) for p in d.problems]


def test_base_is_clean() -> None:
    d = plain.load(base())
    assert d.problems == () and d.ids == ("1", "2")


def test_tickets_only() -> None:
    d = plain.load({"tickets": base()["tickets"]})
    assert d.ids == ("1", "2") and len(d.columns.events.code) == 0


def test_no_priority_column() -> None:
    t = {"tickets": base()["tickets"].drop(columns="priority")}
    assert plain.load(t, unprioritized=3).columns.severity.tolist() == [3, 3]


def test_unprioritized_values() -> None:
    t = base()
    t["tickets"]["priority"] = None
    assert plain.load(t, unprioritized=1).columns.severity.tolist() == [1, 1]
    assert plain.load(t, unprioritized=3).columns.severity.tolist() == [3, 3]
    with pytest.raises(
        ColumnError, match=r"^unprioritized must be a severity 1-4 or None, got 7\.$"
    ):
        plain.load(t, unprioritized=7)
    with pytest.raises(ColumnError, match=r"^errors must be 'raise' or 'mark', got 'x'\.$"):
        plain.load(t, errors="x")  # type: ignore[arg-type]


def test_missing_created_at() -> None:
    t = base()
    t["tickets"]["created_at"] = [T0, None]
    d = plain.load(t, errors="mark")
    assert probs(d) == [("tickets", 2, "2", "created_at is missing or not a timestamp")]


def test_missing_ticket_ids() -> None:
    t = base()
    t["tickets"] = pd.DataFrame(
        {"id": ["A", "B", None], "created_at": [T0, T1, T1], "priority": ["high"] * 3}
    )
    t["statuses"] = pd.DataFrame(
        {"ticket_id": ["A", None, "B"], "at": [T0, T1, T1], "status": ["new"] * 3}
    )
    t["comments"]["ticket_id"] = ["A", "B"]
    d = plain.load(t, errors="mark")
    assert probs(d) == [
        ("tickets", 3, "", "the ticket id is missing"),
        ("statuses", 2, "", "ticket_id is missing"),
    ]
    assert d.ids == ("A", "B")


def test_orphans_show_their_id_and_flag_no_ticket() -> None:
    t = base()
    t["statuses"] = pd.DataFrame(
        {"ticket_id": [99, 1, 2, 98], "at": [T0, T0, T1, T1], "status": ["new"] * 4}
    )
    d = plain.load(t, errors="mark")
    why = "the ticket is not in the tickets table"
    assert probs(d) == [("statuses", 1, "99", why), ("statuses", 4, "98", why)]
    assert d.ids == ("1", "2")


def test_problem_on_first_ticket_shows_its_id() -> None:
    t = base()
    t["tickets"]["priority"] = ["p1", "high"]
    d = plain.load(t, errors="mark")
    assert probs(d) == [("tickets", 1, "1", f"priority 'p1' is not one of {NAMES}")]


def test_tickets_rows_after_a_deleted_ticket() -> None:
    t = base()
    t["tickets"] = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "created_at": [T0, T1, T1],
            "priority": ["high", "high", "p9"],
            "deleted": [True, "maybe", False],
        }
    )
    t["statuses"]["ticket_id"] = [2, 3]
    t["comments"]["ticket_id"] = [2, 3]
    t["statuses"]["at"] = [T1, T1]
    t["comments"]["at"] = [T1, T1]
    d = plain.load(t, errors="mark")
    assert probs(d) == [
        ("tickets", 2, "2", "deleted is not true or false ('maybe')"),
        ("tickets", 3, "3", f"priority 'p9' is not one of {NAMES}"),
    ]
    assert d.ids == () and d.left_out["tickets"] == 1


def test_unreadable_deleted_in_statuses() -> None:
    t = base()
    t["statuses"] = pd.DataFrame(
        {
            "ticket_id": [1, 2, 2],
            "at": [T0, T1, T1],
            "status": ["new"] * 3,
            "deleted": [False, False, "maybe"],
        }
    )
    d = plain.load(t, errors="mark")
    assert probs(d) == [("statuses", 3, "2", "deleted is not true or false ('maybe')")]
    assert d.ids == ("1",)


def test_missing_and_early_at_name_their_ticket() -> None:
    t = base()
    t["statuses"] = pd.DataFrame({"ticket_id": [2, 1], "at": [None, T0], "status": ["new", "new"]})
    t["comments"] = pd.DataFrame(
        {
            "ticket_id": [2, 1],
            "at": ["2020-01-01 00:00:00", T0],
            "author": ["customer"] * 2,
            "public": [True] * 2,
        }
    )
    d = plain.load(t, errors="mark")
    assert probs(d) == [
        ("statuses", 1, "2", "at is missing or not a timestamp"),
        ("comments", 1, "2", "at is before the ticket's created_at"),
    ]
    assert d.ids == ("1",)


def test_null_status_on_last_row() -> None:
    t = base()
    t["statuses"] = pd.DataFrame({"ticket_id": [1, 2], "at": [T0, T1], "status": ["new", None]})
    d = plain.load(t, errors="mark")
    assert [p[:3] for p in probs(d)] == [("statuses", 2, "2")]
    assert d.problems[0].reason.startswith("status None is not one of")


def test_priority_changes() -> None:
    t = base()
    t["priorities"] = pd.DataFrame(
        {
            "ticket_id": [1, 2],
            "at": ["2026-03-02 09:30:00", "2026-03-02 10:30:00"],
            "priority": ["urgent", "p9"],
        }
    )
    d = plain.load(t, errors="mark")
    assert probs(d) == [("priorities", 2, "2", f"priority 'p9' is not one of {NAMES}")]
    ev = d.columns.events
    cls = ev.code == Code.CLASSIFIED
    assert ev.value[cls].tolist() == [1] and ev.ticket[cls].tolist() == [0]


def test_comment_bits() -> None:
    t = base()
    t["comments"] = pd.DataFrame(
        {
            "ticket_id": [1, 1, 2],
            "at": [T0, "2026-03-02 09:10:00", T1],
            "author": ["customer", "customer", "agent"],
        }
    )
    d = plain.load(t)
    ev = d.columns.events
    msgs = np.isin(ev.code, [Code.MESSAGE, Code.DESCRIPTION])
    assert ev.value[msgs].tolist() == [2, 2, 3]
    t["comments"]["public"] = [True, False, True]
    d = plain.load(t)
    ev = d.columns.events
    msgs = np.isin(ev.code, [Code.MESSAGE, Code.DESCRIPTION])
    assert ev.value[msgs].tolist() == [2, 0, 3]


def test_comment_problems_name_their_ticket() -> None:
    t = base()
    t["comments"] = pd.DataFrame(
        {
            "ticket_id": [2, 1],
            "at": [T1, T0],
            "author": ["customer", None],
            "public": ["maybe", True],
        }
    )
    d = plain.load(t, errors="mark")
    assert probs(d) == [
        ("comments", 1, "2", "public is not true or false ('maybe')"),
        ("comments", 2, "1", "author None is not agent or customer"),
    ]


def test_good_tickets_keep_their_events() -> None:
    t = base()
    t["tickets"]["priority"] = ["p1", "high"]
    d = plain.load(t, errors="mark")
    assert d.ids == ("2",) and len(d.columns.events.code) > 0


def test_row_after_close_names_its_ticket() -> None:
    t = base()
    t["statuses"] = pd.DataFrame(
        {"ticket_id": [1, 1], "at": [T0, "2026-03-02 09:05:00"], "status": ["closed", "new"]}
    )
    d = plain.load(t, errors="mark")
    assert probs(d) == [("statuses", 2, "1", "the row follows the ticket's close")]


def _bad(n: int) -> dict[str, pd.DataFrame]:
    t = {
        "tickets": pd.DataFrame(
            {"id": list(range(1, n + 1)), "created_at": [T0] * n, "priority": ["p9"] * n}
        )
    }
    return t


def test_raise_message_and_rows() -> None:
    with pytest.raises(InvalidRowsError) as info:
        plain.load(_bad(1))
    msg = str(info.value)
    assert msg.startswith("1 bad row(s) in the plain tables: ")
    assert msg.endswith(
        ". Fix them, or pass errors='mark' to leave their tickets out and list them in the "
        "result's problems."
    )
    assert info.value.problems == [
        {
            "table": "tickets",
            "row": 1,
            "ticket_id": "1",
            "reason": f"priority 'p9' is not one of {NAMES}",
        }
    ]
    with pytest.raises(InvalidRowsError) as info:
        plain.load(_bad(5))
    assert "more)" not in str(info.value) and str(info.value).count("; ") == 4
    with pytest.raises(InvalidRowsError) as info:
        plain.load(_bad(7))
    assert " (and 2 more). Fix" in str(info.value) and str(info.value).count("; ") == 4


def test_default_errors_is_raise_in_helpdesk_layer() -> None:
    with pytest.raises(InvalidRowsError):
        hplain.load(_bad(1))


def test_same_instant_order_microseconds_apart() -> None:
    t = base()
    t["statuses"] = pd.DataFrame(
        {"ticket_id": [1], "at": ["2026-03-02 09:20:00"], "status": ["open"]}
    )
    t["comments"] = pd.DataFrame(
        {
            "ticket_id": [1],
            "at": ["2026-03-02 09:20:00.000002"],
            "author": ["agent"],
            "public": [True],
        }
    )
    ev = plain.load(t).columns.events
    codes = [c for c in ev.code.tolist() if c in (Code.STATUS, Code.MESSAGE, Code.DESCRIPTION)]
    assert codes[0] == Code.STATUS


def test_year_bounds() -> None:
    """Years 1 and 9999 are read to the microsecond; a ticket there is outside every
    calendar's years, so it is a bad row, not an error from the calendar."""
    tickets = pd.DataFrame(
        {
            "id": [1, 2],
            "created_at": ["0001-01-01 00:00:00", "9999-12-31 23:59:59.999999"],
            "priority": ["high"] * 2,
        }
    )
    table = Table("tickets", nw.from_native(tickets, eager_only=True))
    assert table.instants("created_at")[0].tolist() == [FIRST_US, LAST_US]
    d = plain.load({"tickets": tickets}, errors="mark")
    assert d.ids == ()
    assert [p.line for p in d.problems] == [1, 2]
    assert all("outside the years the calendar supports" in p.reason for p in d.problems)


def test_polars_beyond_year_9999() -> None:
    ts = pl.Series([0, LAST_US + 1]).cast(pl.Datetime("us"))
    t = {"tickets": pl.DataFrame({"id": [1, 2], "created_at": ts, "priority": ["high"] * 2})}
    d = plain.load(t, errors="mark")
    assert probs(d) == [("tickets", 2, "2", "created_at is missing or not a timestamp")]


def test_text_offsets_and_utc_suffix() -> None:
    t = {
        "tickets": pd.DataFrame(
            {
                "id": [1, 2],
                "created_at": ["2026-03-02 09:15:00 UTC", "2026-03-02T09:15:00+01:00"],
                "priority": ["high"] * 2,
            }
        )
    }
    d = plain.load(t)
    base_us = int(pd.Timestamp("2026-03-02 09:15:00", tz="UTC").value // 1000)
    assert d.columns.received.tolist() == [base_us, base_us - 3_600_000_000]


def test_datetime_columns() -> None:
    naive = pd.to_datetime(["2026-03-02 09:15:00"]).as_unit("us")
    paris = naive.tz_localize("Europe/Paris")
    us = int(pd.Timestamp("2026-03-02 09:15:00", tz="UTC").value // 1000)
    for col, want in ((naive, us), (paris, us - 3_600_000_000)):
        t = {"tickets": pd.DataFrame({"id": [1], "created_at": col, "priority": ["high"]})}
        assert plain.load(t).columns.received.tolist() == [want]
        t = {"tickets": pl.from_pandas(t["tickets"])}
        assert plain.load(t).columns.received.tolist() == [want]


def test_null_deleted_is_not_deleted() -> None:
    t = base()
    t["tickets"]["deleted"] = [None, True]
    d = plain.load(t)
    assert d.ids == ("1",) and d.left_out["tickets"] == 1


def test_text_columns_null_and_unreadable() -> None:
    tickets = Table(
        "tickets",
        {
            "id": ["1", "2", "3"],
            "created_at": [T0, T1, T1],
            "priority": ["high"] * 3,
            "deleted": ["true", None, "maybe"],
        },
    )
    d = plain.load({"tickets": tickets}, errors="mark")
    assert probs(d) == [("tickets", 3, "3", "deleted is not true or false ('maybe')")]
    assert d.ids == ("2",) and d.left_out["tickets"] == 1
    empty = Table("statuses", {"ticket_id": [], "at": [], "status": []})
    assert plain.load({"tickets": tickets, "statuses": empty}, errors="mark").ids == ("2",)


def test_text_ids_keep_leading_zeros() -> None:
    t = base()
    t["tickets"]["id"] = ["007", "8"]
    t["statuses"]["ticket_id"] = ["007", "8"]
    t["comments"]["ticket_id"] = ["007", "8"]
    assert plain.load(t).ids == ("007", "8")


def test_table_errors() -> None:
    with pytest.raises(
        ColumnError,
        match=r"^unknown table\(s\) \['ticket'\]; the tables read are tickets, statuses, "
        r"comments, priorities\.$",
    ):
        plain.load({"tickets": base()["tickets"], "ticket": base()["tickets"]})
    with pytest.raises(
        ColumnError,
        match=r"^tables must map table names to DataFrames or be a folder, got list\.$",
    ):
        hplain.load([1])  # type: ignore[arg-type]
    lazy = pl.from_pandas(base()["tickets"]).lazy()
    with pytest.raises(
        ColumnError,
        match=r"^table 'tickets' is a LazyFrame; it must be a DataFrame \(pandas, polars or "
        r"pyarrow; a polars LazyFrame: \.collect\(\) it first\)\.$",
    ):
        plain.load({"tickets": lazy})
    with pytest.raises(
        ColumnError,
        match=r"^the plain layout needs a 'tickets' table \(id, created_at, priority\)\.$",
    ):
        plain.load({"statuses": base()["statuses"]})
    pr = pd.DataFrame({"ticket_id": [1], "at": [T0], **{f"c{k}": [1] for k in range(12)}})
    with pytest.raises(ColumnError) as info:
        plain.load({"tickets": base()["tickets"], "priorities": pr})
    cols = ", ".join(["ticket_id", "at"] + [f"c{k}" for k in range(10)])
    assert str(info.value) == (
        f"the 'priorities' table has no 'priority' column (it has {cols}); "
        "the reader needs it (docs/zendesk.md, docs/helpdesks.md)."
    )


def test_backend() -> None:
    assert plain.load(base()).backend is pd


def test_deleted_row_without_ticket_id_is_left_out_silently() -> None:
    t = base()
    t["statuses"] = pd.DataFrame(
        {"ticket_id": ["1", None], "at": [T0, T0], "status": ["new"] * 2, "deleted": [False, True]}
    )
    d = plain.load(t)
    assert d.problems == () and d.left_out["statuses"] == 1


def test_empty_uint64_ids() -> None:
    t = {
        "tickets": pl.DataFrame(
            {
                "id": pl.Series([], dtype=pl.UInt64),
                "created_at": pl.Series([], dtype=pl.String),
                "priority": pl.Series([], dtype=pl.String),
            }
        )
    }
    assert plain.load(t).ids == ()


def test_far_future_microseconds() -> None:
    from datetime import datetime, timezone

    from slaclock._time import to_us

    comments = pd.DataFrame({"at": ["2300-01-01 00:00:00.000001", T1]})
    at = Table("comments", nw.from_native(comments, eager_only=True)).instants("at")[0]
    assert at[0] == to_us(datetime(2300, 1, 1, 0, 0, 0, 1, tzinfo=timezone.utc))


def test_locate_across_dtypes_and_first_row() -> None:
    assert locate(np.array([1]), np.array(["1", "a"], dtype=object)).tolist() == [0]
    among = np.array([5] * 40 + [3] * 40)
    assert locate(np.array([5, 3]), among).tolist() == [0, 40]


def test_priority_problem_on_other_ticket_row() -> None:
    t = base()
    t["priorities"] = pd.DataFrame(
        {
            "ticket_id": [2, 1],
            "at": ["2026-03-02 10:30:00", "2026-03-02 09:30:00"],
            "priority": ["p9", "urgent"],
        }
    )
    d = plain.load(t, errors="mark")
    assert probs(d) == [("priorities", 1, "2", f"priority 'p9' is not one of {NAMES}")]
    assert d.ids == ("1",)


def test_raise_message_exact() -> None:
    p = f"tickets, row {{}} (ticket {{}}): priority 'p9' is not one of {NAMES}"
    tail = (
        ". Fix them, or pass errors='mark' to leave their tickets out and list them in the "
        "result's problems."
    )
    for n in (1, 6):
        with pytest.raises(InvalidRowsError) as info:
            plain.load(_bad(n))
        shown = "; ".join(p.format(k, k) for k in range(1, min(n, 5) + 1))
        more = " (and 1 more)" if n == 6 else ""
        assert str(info.value) == f"{n} bad row(s) in the plain tables: {shown}{more}{tail}"


def test_severity_dtype() -> None:
    assert plain.load(base()).columns.severity.dtype == np.int8
