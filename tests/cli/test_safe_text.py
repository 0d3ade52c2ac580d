"""The command line on files from anywhere (issue 17 items 5, 6, 9; issue 14 item 2):
spreadsheet formulas neutralised in --csv, control characters escaped where a terminal
shows them, ICS summaries without raw controls, repeated ids noted, a ticket received
after `now` reported as a bad line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import BASIC_PLAN, Closure, argentina
from slaclock.cli.main import main
from slaclock.cli.safe_text import FORMULA_STARTS, csv_safe, escaped

NOW = "2026-11-25T12:00-03:00"
HOSTILE = (
    "id,received,severity,responded_at\n"
    '"=HYPERLINK(""http://x"",""y"")",2026-11-24T09:00-03:00,1,\n'
    "+SUM(A1),2026-11-24T09:00-03:00,2,\n"
    "-2,2026-11-24T09:00-03:00,@evil,\n"
    "\x1b[2Jclear,2026-11-24T09:00-03:00,3,\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.csv"
    path.write_text(HOSTILE)
    return path


def test_csv_output_neutralises_formulas_in_free_text_only(
    capsys: pytest.CaptureFixture[str], hostile: Path
) -> None:
    code, out, _ = run(capsys, "status", str(hostile), "--now", NOW, "--csv")
    assert code == 2  # '@evil' is not a severity
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == [
        '\'=HYPERLINK("http://x","y")',
        "'+SUM(A1)",
        "'-2",
        "\x1b[2Jclear",  # CSV keeps the data; only a formula's first character matters
    ]
    assert rows[2]["severity"] == "'@evil"
    assert rows[0]["remaining"] == "-PT9H"  # slaclock's own durations keep their sign
    assert rows[0]["received"] == "2026-11-24T09:00:00-03:00"
    assert not any(
        cell.startswith(FORMULA_STARTS)
        for r in rows
        for column, cell in r.items()
        if column in ("id", "severity", "problem")
    )


def test_raw_csv_writes_cells_as_they_are(
    capsys: pytest.CaptureFixture[str], hostile: Path
) -> None:
    _, out, _ = run(capsys, "status", str(hostile), "--now", NOW, "--csv", "--raw-csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows][:3] == ['=HYPERLINK("http://x","y")', "+SUM(A1)", "-2"]


@given(st.text(max_size=20))
def test_csv_safe_never_starts_a_formula_and_loses_nothing(cell: str) -> None:
    safe = csv_safe(cell)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (cell, "'" + cell)


@given(st.text(max_size=30))
def test_escaped_text_has_no_control_characters(text: str) -> None:
    shown = escaped(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert escaped(text, lines=True).split("\n") == [escaped(part) for part in text.split("\n")]


def test_terminal_and_stderr_show_control_characters_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hostile: Path
) -> None:
    code, out, err = run(capsys, "status", str(hostile), "--now", NOW)
    assert code == 2
    assert "\x1b" not in out and "\\x1b[2Jclear" in out
    named = tmp_path / "\x1b]0;title\x07.csv"
    named.write_text("received,severity\n2026-11-24T09:00-03:00,9\n")
    code, _, err = run(capsys, "status", str(named), "--now", NOW)
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;title\\x07.csv" in err
    _, out, _ = run(capsys, "status", str(hostile), "--now", NOW, "--json")
    assert "\x1b" not in out  # JSON escapes it as \u001b
    assert json.loads(out.splitlines()[3])["id"] == "\x1b[2Jclear"


def test_closure_names_are_escaped_in_text_and_ics(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cal = argentina(closures=[Closure(day=date(2026, 12, 24), reason="eve\x1b[2J\x00")])
    path = tmp_path / "cal.json"
    path.write_text(cal.model_dump_json())
    code, out, _ = run(capsys, "calendar", "2026", "--calendar", str(path))
    assert code == 0 and "eve\\x1b[2J\\x00" in out and "\x1b" not in out
    code, out, _ = run(capsys, "calendar", "2026", "--ics", "--calendar", str(path))
    summaries = [line for line in out.splitlines() if line.startswith("SUMMARY")]
    assert code == 0 and any("eve" in line for line in summaries)
    assert not any(c in out for c in "\x00\x1b")
    plan = tmp_path / "plan.json"
    plan.write_text(BASIC_PLAN.model_copy(update={"name": "Gold\x1b[2J"}).model_dump_json())
    code, out, _ = run(capsys, "calendar", "2026", "--ics", "--plan", str(plan))
    assert code == 0 and "Gold\\x1b[2J" in out.replace("\\\\", "\\") and "\x1b" not in out
    code, out, _ = run(capsys, "deadline", "2026-11-20T16:30-03:00", "--plan", str(plan))
    assert code == 0 and "\x1b" not in out and "Gold\\x1b[2J" in out


def test_repeated_ids_are_noted_and_every_row_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(
        "id,received,severity\nA,2026-11-24T09:00-03:00,1\nB,2026-11-24T09:00-03:00,1\n"
        "A,2026-11-24T10:00-03:00,2\n"
    )
    code, out, err = run(capsys, "status", str(path), "--now", NOW, "--json")
    assert code == 0 and len(out.splitlines()) == 3
    assert "note: 1 ticket id is given to more than one row ('A' on lines 2, 4)" in err


def test_zone_says_it_keeps_the_holiday_country(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "deadline", "2026-11-20T16:30", "--zone", "America/New_York")
    assert code == 0
    assert "the holidays are still AR's" in err


def test_ticket_received_after_now_is_a_bad_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "future.csv"
    path.write_text(
        "id,received,severity\nA,2026-11-24T09:00-03:00,1\nB,2026-11-26T09:00-03:00,1\n"
    )
    code, out, err = run(capsys, "status", str(path), "--now", NOW, "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 2
    assert "1 of 2 rows is bad" in err and "line 3:" in err and "after" in err
    assert rows[0]["state"] == "breached" and rows[1]["state"] is None
    assert "after" in rows[1]["problem"]
