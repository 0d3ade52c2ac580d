"""`slaclock metrics`: a folder of Zendesk tables measured, summarised, bad rows told."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from slaclock import ZENDESK_METRICS, zendesk
from slaclock.cli.durations import iso_duration
from slaclock.cli.main import main

EXAMPLE = Path(__file__).parents[2] / "examples" / "zendesk"
NOW = "2026-11-25T12:00-03:00"


def test_json_lines_equal_the_loaded_metrics(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", str(EXAMPLE), "--now", NOW, "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    data = zendesk.load(EXAMPLE)
    measured = data.measure(datetime.fromisoformat(NOW), ZENDESK_METRICS)
    assert [r["id"] for r in rows] == list(data.ids)
    for k, row in enumerate(rows):
        for m in measured:
            assert row[f"{m.metric.name}_elapsed"] == iso_duration(
                int(m.elapsed[k]) * timedelta(microseconds=1)
            )


def test_summary_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", str(EXAMPLE), "--now", NOW]) == 0
    out = capsys.readouterr().out
    assert "first_reply_time" in out and "median" in out and "12 tickets" in out
    assert main(["metrics", str(EXAMPLE), "--now", NOW, "--csv", "--metrics", "on_hold_time"]) == 0
    table = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert table[0] == [
        "id",
        "on_hold_time_state",
        "on_hold_time_elapsed",
        "on_hold_time_cycles",
        "problem",
    ]
    assert len(table) == 13


def test_bad_rows_exit_2_with_table_and_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "z"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "ticket_field_history.csv"
    lines = path.read_text().splitlines()
    k = next(i for i, x in enumerate(lines) if ",status," in x and i > 0)
    lines[k] = lines[k].rsplit(",", 2)[0] + ",escalated," + lines[k].rsplit(",", 1)[1]
    path.write_text("\n".join(lines) + "\n")
    assert main(["metrics", str(folder), "--now", NOW, "--json"]) == 2
    captured = capsys.readouterr()
    assert f"ticket_field_history, row {k}" in captured.err and "escalated" in captured.err
    rows = [json.loads(x) for x in captured.out.splitlines()]
    assert len(rows) == 12 and sum(r["problem"] is not None for r in rows) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--metrics", "bogus"], "unknown metric"),
        (["--csv", "--json"], "choose one"),
    ],
)
def test_bad_options_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["metrics", str(EXAMPLE), "--now", NOW, *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_not_a_folder_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["metrics", str(tmp_path / "none"), "--now", NOW]) == 2
    assert "not a folder" in capsys.readouterr().err


PLAIN = Path(__file__).parents[2] / "examples" / "plain"


def test_a_plain_folder_is_read_as_the_plain_layout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", str(PLAIN), "--now", "2026-03-04T12:00-03:00", "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["SUP-1", "SUP-2"]
    assert {r["first_reply_time_elapsed"] for r in rows} == {"PT1H"}


def test_a_folder_of_neither_layout_or_both_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["metrics", str(tmp_path), "--now", NOW]) == 2
    assert "no ticket.csv" in capsys.readouterr().err
    shutil.copytree(PLAIN, tmp_path, dirs_exist_ok=True)
    shutil.copy(EXAMPLE / "ticket.csv", tmp_path / "ticket.csv")
    assert main(["metrics", str(tmp_path), "--now", NOW]) == 2
    assert "keep one layout per folder" in capsys.readouterr().err


def test_a_bad_plain_row_is_told_with_its_table_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(PLAIN, tmp_path, dirs_exist_ok=True)
    with (tmp_path / "comments.csv").open("a", encoding="utf-8") as f:
        f.write("SUP-2,2026-03-03T10:00:00.000-0300,robot,True\n")
    assert main(["metrics", str(tmp_path), "--now", "2026-03-04T12:00-03:00"]) == 2
    err = capsys.readouterr().err
    assert "comments, row 8 (ticket SUP-2): author 'robot' is not agent or customer" in err


def test_tickets_is_a_table_per_ticket(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["metrics", str(PLAIN), "--now", "2026-03-04T12:00-03:00", "--tickets"]
    assert main([*args, "--metrics", "first_reply_time"]) == 0
    assert capsys.readouterr().out.split("\n")[1:3] == [
        "SUP-1    1.00 h stopped",
        "SUP-2    1.00 h stopped",
    ]
    assert main([*args, "--csv"]) == 2
    assert "choose one" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "told"),
    [
        ("tickets.csv", b"", "could not be read"),
        ("tickets.csv", b"id,id\n1,2\n", "id"),
        ("tickets.csv", b"id,created_at,priority\n1,2026-03-02 10:00:00\n", "could not be read"),
        ("ticket.parquet", b"garbage", "could not be read"),
        ("tickets.csv", b"id,created_at,priority\n\xff,2026-03-02 10:00:00,1\n", ""),
    ],
)
@pytest.mark.parametrize("bare", [False, True], ids=["library", "csv module"])
def test_a_file_that_cannot_be_read_exits_2(
    name: str,
    content: bytes,
    told: str,
    bare: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from slaclock.cli import table_folder

    code = 2
    if bare:
        monkeypatch.setattr(table_folder, "BACKENDS", ())
        told = ""  # the csv module's own words (the line, the cells)
        if name.endswith(".parquet"):  # an extra to install, not bad input: exit status 1
            code, told = 1, "needs a DataFrame library"
    elif b"\xff" in content:
        pytest.skip("a DataFrame library may read bytes that are not UTF-8 as binary")
    (tmp_path / name).write_bytes(content)
    assert main(["metrics", str(tmp_path), "--now", NOW]) == code
    err = capsys.readouterr().err
    assert told in err and "bug" not in err
