"""`slaclock.zendesk.load`: Zendesk's tables read as the timelines they hold."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from slaclock import (
    ZENDESK_METRICS,
    InvalidRowsError,
    UnknownTimeZoneError,
    evaluate,
    evaluate_frame,
    zendesk,
)
from tests.support.zendesk_tables import calendars, generate

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


def frames(tables: dict[str, dict[str, list[object]]]) -> dict[str, pd.DataFrame]:
    return {name: pd.DataFrame(cols) for name, cols in tables.items()}


@pytest.fixture(scope="module")
def generated():  # type: ignore[no-untyped-def]
    return generate(150, seed=3)


def test_schedules_are_the_calendars_they_mean(generated) -> None:  # type: ignore[no-untyped-def]
    data = zendesk.load(frames(generated.tables))
    by_hand = calendars()
    assert data.plan.calendar == by_hand["7"]  # the earliest created is the default
    assert {c.name: c.calendar for c in data.plan.calendars} == {
        f"schedule_{k}": v for k, v in by_hand.items()
    }


def test_metrics_equal_the_timelines_given_directly(generated) -> None:  # type: ignore[no-untyped-def]
    """Every ticket, every ZENDESK metric: the loaded tables through evaluate_frame, and
    through HelpdeskData.measure, equal `evaluate` of the ticket written as events."""
    data = zendesk.load(frames(generated.tables))
    assert data.problems == () and len(data.ids) == len(generated.tickets)
    out = evaluate_frame(data.tickets, NOW, data.plan, events=data.events, metrics=ZENDESK_METRICS)
    measured = data.measure(NOW, ZENDESK_METRICS)
    for k, ticket in enumerate(generated.tickets):
        status = evaluate(ticket, NOW, data.plan, metrics=ZENDESK_METRICS)
        for j, metric in enumerate(ZENDESK_METRICS):
            want = status.metrics[metric.name]
            got = out[f"{metric.name}_elapsed"].iloc[k].to_pytimedelta()
            assert (ticket.id, metric.name, got) == (ticket.id, metric.name, want.elapsed)
            assert out[f"{metric.name}_state"].iloc[k] == want.state.value
            assert out[f"{metric.name}_cycles"].iloc[k] == len(want.cycles)
            assert measured[j].elapsed[k] == want.elapsed // timedelta(microseconds=1)


def test_a_change_of_schedule_counts_per_span(generated) -> None:  # type: ignore[no-untyped-def]
    moved = [t for t in generated.tickets if any(e.kind == "calendar" for e in t.history)]
    assert len(moved) > 10


def test_folder_of_csv_reads_the_same(generated, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name, frame in frames(generated.tables).items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    a = zendesk.load(frames(generated.tables))
    b = zendesk.load(tmp_path)
    assert a.ids == b.ids
    for x, y in zip(a.measure(NOW, ZENDESK_METRICS), b.measure(NOW, ZENDESK_METRICS), strict=True):
        assert (x.elapsed == y.elapsed).all()


def small() -> dict[str, pd.DataFrame]:
    return frames(generate(3, seed=1).tables)


def test_soft_deleted_rows_are_left_out_and_counted() -> None:
    t = small()
    t["ticket"].loc[0, "_fivetran_deleted"] = True
    first = t["ticket"].loc[0, "id"]
    t["ticket_comment"].loc[len(t["ticket_comment"]) - 1, "_fivetran_deleted"] = True
    data = zendesk.load(t)
    assert str(first) not in data.ids and len(data.ids) == 2
    assert data.left_out["ticket"] == 1
    assert data.left_out["ticket_comment"] >= 1


@pytest.mark.parametrize(
    ("table", "column", "value", "reason"),
    [
        ("ticket_comment", "created", "2020-01-01 00:00:00", "before the ticket's created_at"),
        ("ticket_field_history", "value", "escalated", "status 'escalated' is not one of"),
        ("ticket_comment", "user_id", 999, "user 999 is not in the user table"),
        ("ticket_comment", "created", "yesterday", "created is missing or not a timestamp"),
        ("ticket_comment", "public", "perhaps", "public is not true or false ('perhaps')"),
        ("ticket_comment", "_fivetran_deleted", "?", "_fivetran_deleted is not true or false"),
    ],
)
def test_bad_rows_are_reported_by_table_and_row(
    table: str, column: str, value: object, reason: str
) -> None:
    t = small()
    if column == "value":
        k = t[table].index[t[table]["field_name"] == "status"][0]
    else:
        k = 0
    t[table][column] = t[table][column].astype(object)
    t[table].loc[k, column] = value
    with pytest.raises(InvalidRowsError, match=f"{table}, row {k + 1}") as info:
        zendesk.load(t)
    assert reason in str(info.value)
    marked = zendesk.load(t, errors="mark")
    bad = str(t[table].loc[k, "ticket_id"])
    assert bad not in marked.ids and len(marked.ids) == 2
    assert any(
        p.table == table and p.line == k + 1 and reason in p.reason for p in marked.problems
    )


def test_overlapping_intervals_make_the_schedule_unusable() -> None:
    t = small()
    extra = t["schedule"].iloc[[0]].assign(start_time=1440 + 600, end_time=1440 + 700)
    t["schedule"] = pd.concat([t["schedule"], extra], ignore_index=True)
    with pytest.raises(InvalidRowsError, match="overlaps"):
        zendesk.load(t)


def test_an_unknown_zone_is_a_typed_error() -> None:
    from slaclock.helpdesk.rails_zones import zone_of_rails_name

    assert str(zone_of_rails_name("Eastern Time (US & Canada)")) == "America/New_York"
    assert str(zone_of_rails_name("Europe/Madrid")) == "Europe/Madrid"
    with pytest.raises(UnknownTimeZoneError, match="Rails"):
        zone_of_rails_name("Mars Time")
    t = small()
    t["schedule"]["time_zone"] = "Mars Time"
    with pytest.raises(InvalidRowsError, match="Mars Time"):
        zendesk.load(t)


def test_a_ticket_without_priority_is_refused_unless_told() -> None:
    t = small()
    h = t["ticket_field_history"]
    t["ticket_field_history"] = h[h["field_name"] != "priority"].reset_index(drop=True)
    t["ticket"]["priority"] = None
    with pytest.raises(InvalidRowsError, match="no priority"):
        zendesk.load(t)
    assert set(zendesk.load(t, unprioritized=4).columns.severity.tolist()) == {4}


def test_polars_in_polars_out(generated) -> None:  # type: ignore[no-untyped-def]
    pl = pytest.importorskip("polars")
    tables = {name: pl.DataFrame(cols, strict=False) for name, cols in generated.tables.items()}
    data = zendesk.load(tables)
    assert isinstance(data.tickets, pl.DataFrame) and isinstance(data.events, pl.DataFrame)
    out = evaluate_frame(data.tickets, NOW, data.plan, events=data.events, metrics=ZENDESK_METRICS)
    ref = zendesk.load(frames(generated.tables)).measure(NOW, ZENDESK_METRICS)
    assert [x.total_seconds() * 1e6 for x in out["requester_wait_time_elapsed"].to_list()] == ref[
        4
    ].elapsed.tolist()


def test_a_bare_install_reads_csv_with_the_csv_module(generated, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from slaclock.cli import table_folder
    from slaclock.errors import MissingExtraError

    for name, frame in frames(generated.tables).items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    monkeypatch.setattr(table_folder, "folder_backend", lambda: None)
    bare = zendesk.load(tmp_path)
    ref = zendesk.load(frames(generated.tables))
    assert bare.ids == ref.ids
    for x, y in zip(
        bare.measure(NOW, ZENDESK_METRICS), ref.measure(NOW, ZENDESK_METRICS), strict=True
    ):
        assert (x.elapsed == y.elapsed).all() and (x.state == y.state).all()
    with pytest.raises(MissingExtraError, match="DataFrame"):
        _ = bare.tickets


def test_a_user_with_rows_of_two_roles_is_never_guessed() -> None:
    t = small()
    author = t["ticket_comment"].user_id[0]
    twice = pd.concat([t["user"], t["user"][t["user"].id == author]], ignore_index=True)
    t["user"] = twice  # the same role twice: fine
    assert zendesk.load(t).problems == ()
    twice.loc[len(twice) - 1, "role"] = "agent" if twice.role[0] == "end-user" else "end-user"
    marked = zendesk.load(t, errors="mark")
    assert f"user {author} has rows of different roles" in marked.problems[0].reason.replace(
        "'", ""
    )


def test_missing_ids_in_nullable_columns_are_told() -> None:
    t = small()
    t["ticket_comment"]["ticket_id"] = pd.array(
        [None, *t["ticket_comment"].ticket_id[1:]], dtype="Int64"
    )
    marked = zendesk.load(t, errors="mark")
    assert [(p.table, p.line, p.reason) for p in marked.problems] == [
        ("ticket_comment", 1, "ticket_id is missing")
    ]


def test_no_ticket_left_is_no_crash() -> None:
    t = small()
    t["ticket"]["_fivetran_deleted"] = True
    data = zendesk.load(t)
    assert data.ids == () and data.left_out["ticket"] == 3
