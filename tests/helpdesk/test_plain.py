"""`slaclock.plain.load`: the plain layout reads as the Zendesk tables it is made from."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from slaclock import ZENDESK_METRICS, ColumnError, InvalidRowsError, plain, zendesk
from slaclock.helpdesk.data import HelpdeskData
from tests.support.zendesk_tables import generate

ROOT = Path(__file__).resolve().parents[2]


def zendesk_frames(n: int, seed: int) -> dict[str, pd.DataFrame]:
    tables = {k: pd.DataFrame(v) for k, v in generate(n, seed=seed).tables.items()}
    del tables["ticket_schedule"]  # the plain layout has no schedule changes
    return tables


def as_plain(z: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The Zendesk tables rewritten in the plain layout, as a user would."""
    history = z["ticket_field_history"].rename(columns={"updated": "at"})
    created = z["ticket"].set_index("id")["created_at"]
    priority = history[history.field_name == "priority"]
    # The first row, when at the creation, is the priority at creation (as Zendesk reads it).
    is_first = ~priority.ticket_id.duplicated().values
    at_creation = is_first & (priority["at"].values == created.loc[priority.ticket_id].values)
    first = priority[at_creation].set_index("ticket_id")["value"]
    roles = z["user"].set_index("id")["role"]
    comments = z["ticket_comment"].rename(columns={"created": "at"})
    out = {
        "tickets": pd.DataFrame(
            {
                "id": z["ticket"].id,
                "created_at": z["ticket"].created_at,
                "priority": first.loc[z["ticket"].id].values,
            }
        ),
        "priorities": priority[~at_creation].rename(columns={"value": "priority"})[
            ["ticket_id", "at", "priority"]
        ],
        "statuses": history[history.field_name == "status"].rename(columns={"value": "status"})[
            ["ticket_id", "at", "status"]
        ],
        "comments": pd.DataFrame(
            {
                "ticket_id": comments.ticket_id,
                "at": comments["at"],
                "author": np.where(
                    roles.loc[comments.user_id].values == "end-user", "customer", "agent"
                ),
                "public": comments.public,
            }
        ),
    }
    return {name: frame.reset_index(drop=True) for name, frame in out.items()}


def same(a: HelpdeskData, b: HelpdeskData) -> None:
    assert a.ids == b.ids
    x, y = a.columns, b.columns
    assert (x.received == y.received).all() and (x.severity == y.severity).all()
    for name in ("ticket", "code", "value", "at"):
        assert (getattr(x.events, name) == getattr(y.events, name)).all(), name


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return zendesk_frames(120, seed=5)


def test_the_plain_layout_reads_as_the_zendesk_tables(tables: dict[str, pd.DataFrame]) -> None:
    z = zendesk.load(tables)
    p = plain.load(as_plain(tables), plan=z.plan)
    assert p.problems == () and len(p.ids) == 120
    same(z, p)
    for a, b in zip(z.measure(NOW, ZENDESK_METRICS), p.measure(NOW, ZENDESK_METRICS), strict=True):
        assert (a.elapsed == b.elapsed).all() and (a.state == b.state).all()


def test_a_folder_reads_as_the_frames(tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    frames = as_plain(tables)
    for name, frame in frames.items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    same(plain.load(frames), plain.load(tmp_path))


def test_the_csv_module_reads_as_the_frames(
    tables: dict[str, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slaclock.cli import table_folder

    frames = as_plain(tables)
    for name, frame in frames.items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    monkeypatch.setattr(table_folder, "BACKENDS", ())
    bare = plain.load(tmp_path)
    assert bare.backend is None
    same(plain.load(frames), bare)


def small() -> dict[str, pd.DataFrame]:
    return as_plain(zendesk_frames(3, seed=2))


@pytest.mark.parametrize(
    ("table", "column", "value", "reason"),
    [
        ("comments", "at", "2020-01-01 00:00:00", "at is before the ticket's created_at"),
        ("comments", "author", "bot", "author 'bot' is not agent or customer"),
        ("comments", "ticket_id", 999, "the ticket is not in the tickets table"),
        ("statuses", "status", "escalated", "status 'escalated' is not one of"),
        ("statuses", "at", "", "at is missing or not a timestamp"),
        ("tickets", "priority", "p1", "priority 'p1' is not one of 1-4"),
        ("tickets", "priority", None, "the ticket has no priority"),
        ("comments", "public", None, "public is not true or false (None)"),
        ("comments", "public", "maybe", "public is not true or false ('maybe')"),
    ],
)
def test_bad_rows_are_reported_by_table_and_row(
    table: str, column: str, value: object, reason: str
) -> None:
    t = small()
    t[table][column] = t[table][column].astype(object)
    t[table].loc[0, column] = value
    with pytest.raises(InvalidRowsError, match=f"{table}, row 1") as info:
        plain.load(t)
    assert reason in str(info.value)
    marked = plain.load(t, errors="mark")
    assert any(p.table == table and p.line == 1 and reason in p.reason for p in marked.problems)
    if column != "ticket_id":
        bad = str(t[table].loc[0, "id" if table == "tickets" else "ticket_id"])
        assert bad not in marked.ids and len(marked.ids) == 2


def test_deleted_rows_are_left_out_and_counted() -> None:
    t = small()
    t["tickets"]["deleted"] = [True, False, False]
    t["comments"]["deleted"] = False
    t["comments"].loc[len(t["comments"]) - 1, "deleted"] = True
    data = plain.load(t)
    assert str(t["tickets"].id[0]) not in data.ids and len(data.ids) == 2
    assert data.left_out["tickets"] == 1
    gone = int((t["comments"].ticket_id == t["tickets"].id[0]).sum())
    last_is_gone = t["comments"].ticket_id.iloc[-1] == t["tickets"].id[0]
    assert data.left_out["comments"] == gone + (0 if last_is_gone else 1)


def test_unprioritized_gives_a_severity() -> None:
    t = small()
    t["tickets"]["priority"] = None
    assert plain.load(t, unprioritized=2).columns.severity.tolist() == [2, 2, 2]


def test_the_worked_examples_folder_loads() -> None:
    data = plain.load(ROOT / "examples" / "plain")
    assert data.problems == () and data.ids == ("SUP-1", "SUP-2")


NOW = pd.Timestamp("2026-06-01", tz="UTC").to_pydatetime()


def test_the_example_folder_is_the_page_s_files() -> None:
    """examples/plain/ holds the files docs/helpdesks.md shows (and runs)."""
    import re

    page = (ROOT / "docs" / "helpdesks.md").read_text(encoding="utf-8")
    shown = dict(re.findall(r'^```csv title="([^"]+)"\n(.*?)^```', page, re.S | re.M))
    assert set(shown) == {p.name for p in (ROOT / "examples" / "plain").iterdir()}
    for name, text in shown.items():
        assert (ROOT / "examples" / "plain" / name).read_text(encoding="utf-8") == text


def test_a_row_after_the_close_is_a_bad_row() -> None:
    t = small()
    tid = t["tickets"].id[1]
    closed = pd.DataFrame(
        {"ticket_id": [tid], "at": ["2026-09-01 00:00:00"], "status": ["closed"]}
    )
    late = pd.DataFrame(
        {"ticket_id": [tid], "at": ["2026-09-02 00:00:00"], "author": ["agent"], "public": [True]}
    )
    t["statuses"] = pd.concat([t["statuses"], closed], ignore_index=True)
    t["comments"] = pd.concat([t["comments"], late], ignore_index=True)
    marked = plain.load(t, errors="mark")
    assert [(p.table, p.line, p.reason) for p in marked.problems] == [
        ("comments", len(t["comments"]), "the row follows the ticket's close")
    ]
    assert str(tid) not in marked.ids and len(marked.ids) == 2


def test_a_repeated_ticket_id_is_a_bad_row() -> None:
    t = small()
    t["tickets"] = pd.concat([t["tickets"], t["tickets"].iloc[[0]]], ignore_index=True)
    marked = plain.load(t, errors="mark")
    assert [(p.table, p.line, p.reason) for p in marked.problems] == [
        ("tickets", 1, "the ticket id repeats"),
        ("tickets", 4, "the ticket id repeats"),
    ]  # both: which one the other tables mean is unknown
    assert str(t["tickets"].id[0]) not in marked.ids and len(marked.ids) == 2


def test_a_missing_ticket_id_is_told_as_missing() -> None:
    t = small()
    t["comments"]["ticket_id"] = t["comments"]["ticket_id"].astype(object)
    t["comments"].loc[1, "ticket_id"] = None
    marked = plain.load(t, errors="mark")
    assert [(p.table, p.line, p.reason) for p in marked.problems] == [
        ("comments", 2, "ticket_id is missing")
    ]


def test_whole_number_float_priorities_are_severities() -> None:
    """pandas reads an integer column with a blank as floats: 1.0 is priority 1."""
    t = small()
    t["tickets"]["priority"] = [1.0, np.nan, 3.0]
    data = plain.load(t, errors="mark", unprioritized=4)
    assert data.problems == () and data.columns.severity.tolist() == [1, 4, 3]


def test_no_ticket_left_is_no_crash() -> None:
    t = small()
    t["tickets"]["deleted"] = True
    data = plain.load(t)
    assert data.ids == () and data.problems == () and data.left_out["tickets"] == 3


def test_a_priorities_table_needs_its_priority_column() -> None:
    t = small()
    t["priorities"] = pd.DataFrame({"ticket_id": [t["tickets"].id[0]], "at": ["2026-09-01"]})
    with pytest.raises(ColumnError, match="'priorities' table has no 'priority' column"):
        plain.load(t, unprioritized=4)


def test_tables_that_are_not_dataframes_are_refused() -> None:
    with pytest.raises(ColumnError, match="must be a DataFrame"):
        plain.load({"tickets": [1, 2]})


def test_a_deleted_flag_that_is_neither_true_nor_false_is_a_bad_row() -> None:
    t = small()
    t["tickets"]["deleted"] = ["false", "maybe", "0"]
    marked = plain.load(t, errors="mark")
    assert [(p.table, p.line, p.reason) for p in marked.problems] == [
        ("tickets", 2, "deleted is not true or false ('maybe')")
    ]
    assert len(marked.ids) == 2


def test_a_ticket_created_outside_the_calendars_years_is_a_bad_row() -> None:
    tickets = pd.DataFrame(
        {
            "id": ["A", "B", "C"],
            "created_at": ["2026-03-02T10:00:00Z", "1850-03-02T10:00:00Z", "9999-03-02T10:00:00Z"],
            "priority": [2, 2, 2],
        }
    )
    data = plain.load({"tickets": tickets}, errors="mark")
    assert data.ids == ("A",)
    assert [(p.table, p.line, p.ticket_id) for p in data.problems] == [
        ("tickets", 2, "B"),
        ("tickets", 3, "C"),
    ]
    assert all("outside the years the calendar supports" in p.reason for p in data.problems)
    measured = data.measure(datetime(2026, 4, 1, tzinfo=timezone.utc), ZENDESK_METRICS)
    assert len(measured[0].state) == 1
    with pytest.raises(InvalidRowsError, match=r"tickets, row 2 \(ticket B\): created outside"):
        plain.load({"tickets": tickets})


def test_measuring_no_metrics_gives_none() -> None:
    """No metrics asked: no columns (a table of any size, one block or many)."""
    data = plain.load(ROOT / "examples" / "plain")
    assert data.measure(NOW, []) == ()
    assert len(data.measure(NOW, ZENDESK_METRICS)) == len(ZENDESK_METRICS)
