"""The `slaclock` command: deadlines, elapsed time, the closed days, options, JSON, exit codes.

Most tests call `main()` in this process; those about the process itself
(`python -m slaclock`, a closed pipe, a full disk) start one.

The command line's own messages (issue 14, "The command line"): negative targets reach
slaclock's check, the holiday-data hint names keys that work, huge hours are too large.

A catalogue of bad command lines, each run in its own process, each with its outcome.

Every case runs ``python -m slaclock ...`` as a user would and must end with
the exit status `--help` documents (2 for bad input, 1 for a failure), a
message on stderr that says what was wrong, and no traceback. The processes
are started from a thread pool, a few at a time, once for the whole module.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from pydantic import TypeAdapter

from slaclock import BASIC_PLAN, BusinessCalendar, Closure, ResponseTargets, argentina
from slaclock.cli import deadline as deadline_command
from slaclock.cli.durations import iso_duration, read_duration, read_hours
from slaclock.cli.main import main, signed_values
from slaclock.errors import CommandLineError

BA = ZoneInfo("America/Argentina/Buenos_Aires")
DURATIONS = TypeAdapter(timedelta)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_deadline_explained(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2026-11-20T16:30-03:00", "--severity", "1"]) == 0
    out = capsys.readouterr().out
    assert "deadline      Tue 2026-11-24 10:30:00 -0300" in out
    assert "National Sovereignty Day" in out
    assert "no UTC offset" not in out


def test_local_time_is_read_in_the_calendar_zone_and_said(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["deadline", "2026-11-20T16:30", "--severity", "4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["deadline"] == "2026-11-26T16:30:00-03:00"
    assert data["target"] == "PT24H"
    assert data["notes"] == [
        "'2026-11-20T16:30' has no UTC offset: read as America/Argentina/Buenos_Aires time "
        "(-03:00)"
    ]
    assert main(["deadline", "2026-11-20T16:30"]) == 0
    assert "read as America/Argentina/Buenos_Aires time" in capsys.readouterr().out


def test_non_working_days_flag(capsys: pytest.CaptureFixture[str]) -> None:
    main(["deadline", "2026-12-04T16:00-03:00", "--hours", "2"])
    assert "Wed 2026-12-09 10:00" in capsys.readouterr().out
    main(["--open-non-working-days", "deadline", "2026-12-04T16:00-03:00", "--hours", "2"])
    assert "Mon 2026-12-07 10:00" in capsys.readouterr().out


def test_elapsed_and_holidays(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["elapsed", "2026-11-20T16:30-03:00", "2026-11-24T10:30-03:00"]) == 0
    assert "elapsed       2 h of business time" in capsys.readouterr().out
    assert main(["holidays", "2026"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-07 Bridge Public Holiday (non-working day)" in out


def test_bad_input_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2026-11-20T16:30", "--severity", "7"]) == 2
    assert "severity 7" in capsys.readouterr().err
    assert main(["deadline", "next tuesday-ish"]) == 2
    err = capsys.readouterr().err
    assert "is not a date and time slaclock reads" in err
    assert "Accepted: 2026-11-20T16:30-03:00" in err


# -- elapsed in business hours --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "end", "shown", "iso"),
    [
        ("2026-11-16T09:00-03:00", "2026-11-20T09:00-03:00", "32 h", "PT32H"),
        ("2026-11-20T09:00-03:00", "2026-11-19T09:00-03:00", "-8 h", "-PT8H"),
        ("2026-11-20T09:00-03:00", "2026-11-20T10:30-03:00", "1 h 30 min", "PT1H30M"),
        (
            "2026-11-20T09:00:00.000001-03:00",
            "2026-11-20T10:00:05.25-03:00",
            "1 h 5.249999 s",
            "PT1H5.249999S",
        ),
        ("2026-11-21T09:00-03:00", "2026-11-22T17:00-03:00", "0 h", "PT0S"),
    ],
)
def test_elapsed_prints_business_hours(
    capsys: pytest.CaptureFixture[str], start: str, end: str, shown: str, iso: str
) -> None:
    code, out, _ = run(capsys, "elapsed", start, end)
    assert code == 0
    assert out.splitlines()[0] == f"elapsed       {shown} of business time"
    code, out, _ = run(capsys, "elapsed", start, end, "--json")
    data = json.loads(out)
    assert data["elapsed"] == iso
    a, b = (datetime.fromisoformat(x) for x in (start, end))
    assert DURATIONS.validate_python(iso) == BASIC_PLAN.calendar.elapsed(a, b)


def test_the_explanation_keeps_microseconds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "2026-11-20T16:30:00.000001-03:00", "--target", "2h")
    assert code == 0
    assert "received      Fri 2026-11-20 16:30:00.000001 -0300" in out
    assert "  counted     Fri 2026-11-20 16:30:00.000001 - 17:00  (29 min 59.999999 s)" in out
    assert "deadline      Tue 2026-11-24 10:30:00.000001 -0300" in out
    code, out, _ = run(capsys, "deadline", "2026-11-20T16:30:00.000001-03:00", "--json")
    assert json.loads(out)["deadline"] == "2026-11-24T10:30:00.000001-03:00"


# -- targets --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "target", ["90m", "1.5h", "1h30m", "1h 30min", "PT1H30M", "PT90M", "5400s"]
)
def test_targets_with_units(capsys: pytest.CaptureFixture[str], target: str) -> None:
    code, out, _ = run(capsys, "deadline", "2026-11-24T09:00-03:00", "--target", target, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["target"] == "PT1H30M"
    assert data["deadline"] == "2026-11-24T10:30:00-03:00"
    assert data["severity"] is None


def test_hours_take_decimals(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "2026-11-24T09:00-03:00", "--hours", "1.5", "--json")
    assert (code, json.loads(out)["target"]) == (0, "PT1H30M")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("10", "has no unit"),
        ("1.5", "has no unit"),
        ("P1D", "counts days"),
        ("2d", "counts days"),
        ("1h30", "cannot read"),
        ("1.0000001s", "whole number of microseconds"),
        ("3 fortnights", "does not read"),
        ("", "is empty"),
    ],
)
def test_durations_refused(text: str, why: str) -> None:
    with pytest.raises(CommandLineError, match=why):
        read_duration(text, "--target")


@pytest.mark.parametrize(
    "d",
    [
        timedelta(0),
        timedelta(hours=24),
        timedelta(hours=-8),
        timedelta(microseconds=1),
        timedelta(days=-1, microseconds=5),
        timedelta(hours=10_000, minutes=1, seconds=1, microseconds=10),
    ],
)
def test_iso_durations_read_back_by_the_library_and_the_command(d: timedelta) -> None:
    text = iso_duration(d)
    assert "D" not in text  # business hours are never written as days
    assert DURATIONS.validate_python(text) == d
    assert read_duration(text, "--target") == d


@pytest.mark.parametrize("other", ["1", "2", "critical"])
def test_severity_and_a_target_are_alternatives(
    capsys: pytest.CaptureFixture[str], other: str
) -> None:
    code, _, err = run(
        capsys, "deadline", "2026-11-24T09:00-03:00", "--severity", other, "--hours", "3"
    )
    assert code == 2
    assert "not allowed with argument --severity" in err
    code, _, err = run(
        capsys, "deadline", "2026-11-24T09:00-03:00", "--target", "3h", "--severity", other
    )
    assert code == 2
    assert "not allowed with argument" in err


# -- global options, before or after the command ------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["--zone", "Europe/Madrid", "--json", "deadline", "2026-11-20T16:30"],
        ["deadline", "2026-11-20T16:30", "--zone", "Europe/Madrid", "--json"],
        ["--json", "deadline", "--zone", "Europe/Madrid", "2026-11-20T16:30"],
    ],
)
def test_global_options_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    data = json.loads(out)
    assert data["calendar"]["zone"] == "Europe/Madrid"
    assert data["received"] == "2026-11-20T16:30:00+01:00"
    assert "read as Europe/Madrid time (+01:00)" in data["notes"][0]


def test_plan_and_calendar_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = BASIC_PLAN.model_copy(
        update={"name": "Fast", "targets": ResponseTargets.hours(1, 2, 3, 4)}
    )
    (tmp_path / "plan.json").write_text(plan.model_dump_json(), encoding="utf-8")
    cal = argentina(hours="08:00-18:00", closures=[Closure(day=date(2026, 11, 25))])
    (tmp_path / "cal.json").write_text(cal.model_dump_json(), encoding="utf-8")
    code, out, _ = run(
        capsys, "deadline", "2026-11-24T17:30-03:00", "--plan", str(tmp_path / "plan.json"),
        "--severity", "2", "--json",
    )  # fmt: skip
    data = json.loads(out)
    assert (code, data["plan"], data["target"]) == (0, "Fast", "PT2H")
    assert data["deadline"] == "2026-11-25T11:00:00-03:00"  # the plan's own (Basic) calendar
    code, out, _ = run(
        capsys, "--plan", str(tmp_path / "plan.json"), "--calendar", str(tmp_path / "cal.json"),
        "deadline", "2026-11-24T17:30-03:00", "--severity", "2", "--json",
    )  # fmt: skip
    data = json.loads(out)
    assert data["calendar"]["schedule"] == "Mon-Fri 08:00-18:00"
    assert data["deadline"] == "2026-11-26T09:30:00-03:00"  # 30 min, closed 25th, 1 h 30 min
    assert [s["reason"] for s in data["skipped"]] == ["closure"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, "slaclock 0.1.0\n")


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "  1    failure:" in out
    assert "  2    bad input:" in out
    for command in ("deadline", "elapsed", "calendar", "status"):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0
        assert "exit status:" in out
        assert "--zone ZONE" in out


# -- times ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20T16:30-03:00", "2026-11-20T16:30:00-03:00"),
        ("2026-11-20 16:30:00-0300", "2026-11-20T16:30:00-03:00"),
        ("2026-11-20T19:30Z", "2026-11-20T16:30:00-03:00"),
        ("2026-11-20t19:30:00.5z", "2026-11-20T16:30:00.500000-03:00"),
        ("2026-11-20T16:30-03", "2026-11-20T16:30:00-03:00"),
        ("2026-11-20T14:30[America/New_York]", "2026-11-20T16:30:00-03:00"),
        ("2026-11-20T14:30-05:00[America/New_York]", "2026-11-20T16:30:00-03:00"),
    ],
)
def test_unambiguous_times_are_read(
    capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    code, out, _ = run(capsys, "deadline", text, "--json")
    data = json.loads(out)
    assert (code, data["received"], data["notes"]) == (0, expected, [])


def test_dayfirst_reads_day_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "11/12/2026 16:30", "--dayfirst", "--json")
    assert (code, json.loads(out)["received"]) == (0, "2026-12-11T16:30:00-03:00")
    code, _, err = run(capsys, "deadline", "11/12/2026 16:30")
    assert code == 2 and "--dayfirst" in err


def test_a_date_is_midnight_and_said(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "elapsed", "2026-11-20", "2026-11-27", "--json")
    data = json.loads(out)
    assert (code, data["elapsed"]) == (0, "PT32H")
    assert (
        "'2026-11-20' has no time: read as 00:00 America/Argentina/Buenos_Aires"
        in data["notes"][0]
    )


def test_wall_times_a_dst_change_skips_or_repeats_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "--zone", "America/New_York", "deadline", "2026-03-08T02:30")
    assert code == 2 and "does not exist in America/New_York" in err
    code, _, err = run(capsys, "--zone", "America/New_York", "deadline", "2026-11-01T01:30")
    assert code == 2 and "happens twice" in err
    code, out, _ = run(
        capsys, "--zone", "America/New_York", "--json", "deadline", "2026-11-01T01:30-05:00"
    )
    assert (code, json.loads(out)["received"]) == (0, "2026-11-01T01:30:00-05:00")


def test_now_is_the_clock(capsys: pytest.CaptureFixture[str]) -> None:
    before = datetime.now(BA)
    code, out, _ = run(capsys, "--json", "elapsed", "now", "now")
    data = json.loads(out)
    assert code == 0
    assert datetime.fromisoformat(data["start"]) >= before.replace(microsecond=0)
    assert data["notes"] == []


# -- the closed days ------------------------------------------------------------------------------
def test_calendar_lists_closures_and_warns_of_provisional_years(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cal = argentina(
        closures=[
            Closure(day=date(2027, 12, 24), hours="13:00-17:00", reason="Christmas Eve afternoon"),
            Closure(day=date(2027, 12, 31), reason="year end"),
        ],
        reopened=[date(2027, 12, 8)],
    )
    (tmp_path / "cal.json").write_text(cal.model_dump_json(), encoding="utf-8")
    code, out, _ = run(capsys, "calendar", "2027", "--calendar", str(tmp_path / "cal.json"))
    assert code == 0
    assert "Fri 2027-12-24 13:00-17:00 Christmas Eve afternoon (closure)" in out
    assert "Fri 2027-12-31 year end (closure)" in out
    assert "2027-12-08" not in out  # re-opened
    assert "note: 2027 is after 2026" in out or "decreed days known through 2027" in out
    code, out, _ = run(
        capsys, "calendar", "2027", "--calendar", str(tmp_path / "cal.json"), "--json"
    )
    data = json.loads(out)
    assert {"day": "2027-12-24", "name": "Christmas Eve afternoon", "kind": "closure",
            "hours": "13:00-17:00"} in data["closed"]  # fmt: skip
    assert isinstance(data["notes"], list)


def test_ics_imports_as_all_day_events_with_stable_uids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cal = argentina(closures=[Closure(day=date(2026, 12, 24), hours="13:00-24:00", reason="eve")])
    (tmp_path / "cal.json").write_text(cal.model_dump_json(), encoding="utf-8")
    argv = ["calendar", "2026", "--ics", "--calendar", str(tmp_path / "cal.json")]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    code, first, _ = run(capsys, *argv)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    code2, second, _ = run(capsys, *argv)
    assert code == code2 == 0
    assert first.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//slaclock//")
    parsed = Calendar.from_ical(first)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == 21  # 20 holidays and non-working days, 1 closure
    for e in events:
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(e)
    days = {e.decoded("DTSTART"): e for e in events if type(e.decoded("DTSTART")) is date}
    assert str(days[date(2026, 11, 23)]["SUMMARY"]) == "National Sovereignty Day"
    assert days[date(2026, 11, 23)].decoded("DTEND") == date(2026, 11, 24)
    assert str(days[date(2026, 12, 7)]["SUMMARY"]) == "Bridge Public Holiday (non-working day)"
    eve = next(e for e in events if type(e.decoded("DTSTART")) is not date)
    assert eve.decoded("DTSTART") == datetime(2026, 12, 24, 13, tzinfo=BA)
    assert eve.decoded("DTEND") == datetime(2026, 12, 25, 0, tzinfo=BA)
    assert events[0].decoded("DTSTAMP") == datetime.fromisoformat("2026-01-01T00:00:00+00:00")
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in Calendar.from_ical(second).walk("VEVENT")]


# -- the process: python -m, pipes, full disks, interrupts, bugs ----------------------------------
def _slaclock(*argv: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "slaclock", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )


def test_python_dash_m() -> None:
    done = _slaclock("--version")
    assert (done.returncode, done.stdout) == (0, "slaclock 0.1.0\n")


def test_output_piped_into_head_stops_quietly() -> None:
    script = (
        f"{sys.executable} -m slaclock calendar 2026 | head -1; "
        f"{sys.executable} -m slaclock --help | head -1"
    )
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in done.stderr
    assert done.stderr == ""


def test_a_full_disk_is_a_failure_not_a_traceback() -> None:
    with open("/dev/full", "w") as full:
        done = _slaclock("calendar", "2026", stdout=full)
    assert done.returncode == 1
    assert done.stderr.startswith("slaclock: failed: No space left on device")


def test_interrupt_and_bugs_are_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(deadline_command, "run", interrupted)
    assert run(capsys, "deadline", "now") == (130, "", "slaclock: interrupted\n")

    def buggy(*_: object) -> int:
        raise RuntimeError("oops")

    monkeypatch.setattr(deadline_command, "run", buggy)
    code, _out, err = run(capsys, "deadline", "now")
    assert code == 1
    assert err.startswith("slaclock: failed (RuntimeError: oops); this is a bug")
    assert "Traceback" not in err


# -- status: a file of tickets -------------------------------------------------------------------
NOW = "2026-11-25T12:00-03:00"
TICKETS = """\
id,received,severity,responded_at,subject
CAS-1,2026-11-20T16:30:00-03:00,1,2026-11-24T10:00:00-03:00,backups fail
CAS-2,2026-11-20T16:30,2,,restore slow
CAS-3,11/12/2026,3,,licence
CAS-4,2026-11-24T09:00:00-03:00,7,,"a subject
over two lines"
CAS-5,2026-11-24T09:00:00.000001-03:00,major,2026-11-23T09:00:00-03:00,before
CAS-6,2026-11-24T09:00:00-03:00,4

CAS-7,2026-11-25T12:00:00.000001Z,critical,,late
"""
#: The line each ticket starts on (the header is line 1; line 9 is blank).
LINES = {"CAS-1": 2, "CAS-2": 3, "CAS-3": 4, "CAS-4": 5, "CAS-5": 7, "CAS-6": 8, "CAS-7": 10}
BAD = {
    "CAS-3": "received '11/12/2026' could be read day first or month first",
    "CAS-4": "severity: not a severity",
    "CAS-5": "responded_at: is before received",
    "CAS-6": "has 3 fields where the header has 5",
}


@pytest.fixture
def tickets_csv(tmp_path: Path) -> Path:
    path = tmp_path / "tickets.csv"
    path.write_text(TICKETS, encoding="utf-8")
    return path


def _json_lines(out: str) -> dict[str, dict[str, object]]:
    rows = [json.loads(line) for line in out.splitlines()]
    return {str(r["id"]): r for r in rows}


def test_status_reports_bad_rows_by_line_and_computes_the_others(
    capsys: pytest.CaptureFixture[str], tickets_csv: Path
) -> None:
    code, out, err = run(capsys, "status", str(tickets_csv), "--now", NOW, "--json")
    assert code == 2
    rows = _json_lines(out)
    assert list(rows) == list(LINES)  # every row, in order: nothing dropped
    assert {k: r["line"] for k, r in rows.items()} == LINES
    for key, why in BAD.items():
        assert str(rows[key]["problem"]).startswith(why)
        assert rows[key]["deadline"] is None and rows[key]["state"] is None
        assert f"  line {LINES[key]}: {why}" in err
    assert f"{tickets_csv}: 4 of 7 rows are bad" in err
    assert "Accepted: 2026-11-20T16:30-03:00" in err  # once, for the unreadable time
    good = {k: r for k, r in rows.items() if k not in BAD}
    assert all(r["problem"] is None for r in good.values())
    assert good["CAS-1"]["state"] == "met"
    assert good["CAS-1"]["deadline"] == "2026-11-24T10:30:00-03:00"
    assert good["CAS-2"]["state"] == "breached"
    assert good["CAS-2"]["remaining"] == "-PT5H30M"
    assert good["CAS-7"]["received"] == "2026-11-25T09:00:00.000001-03:00"
    assert good["CAS-7"]["deadline"] == "2026-11-25T11:00:00.000001-03:00"  # exact to the µs
    assert good["CAS-7"]["elapsed"] == "PT2H59M59.999999S"


def test_status_rows_equal_the_library(
    capsys: pytest.CaptureFixture[str], tickets_csv: Path
) -> None:
    """The good rows are what `evaluate` gives for the same tickets."""
    from slaclock import Channel, Contact, Priority, Ticket, evaluate
    from slaclock.sla.ticket import Responded

    _, out, _ = run(capsys, "status", str(tickets_csv), "--now", NOW, "--json")
    rows = _json_lines(out)
    now = datetime.fromisoformat(NOW)
    ana = Contact(
        first_name="Ana", last_name="Gómez", email="ana@acme.com.ar", phone="+54 11 4321 0000"
    )
    for key, priority, received, responded in [
        ("CAS-1", 1, datetime(2026, 11, 20, 16, 30, tzinfo=BA), datetime(2026, 11, 24, 10, tzinfo=BA)),  # noqa: E501
        ("CAS-2", 2, datetime(2026, 11, 20, 16, 30, tzinfo=BA), None),
        ("CAS-7", 1, datetime(2026, 11, 25, 9, 0, 0, 1, tzinfo=BA), None),
    ]:  # fmt: skip
        ticket = Ticket(
            id=key, customer="ACME", product="UDP", subject="s", priority=Priority(priority),
            channel=Channel.EMAIL, received=received, requester=ana,
            history=(Responded(at=responded),) if responded else (),
        )  # fmt: skip
        s = evaluate(ticket, now=now)
        assert rows[key]["deadline"] == s.deadline.isoformat()  # type: ignore[union-attr]
        assert rows[key]["state"] == s.state.value
        assert rows[key]["elapsed"] == iso_duration(s.elapsed)
        assert rows[key]["remaining"] == iso_duration(s.remaining)


def test_status_notes_times_without_offset_and_columns_not_read(
    capsys: pytest.CaptureFixture[str], tickets_csv: Path
) -> None:
    _, out, err = run(capsys, "status", str(tickets_csv), "--now", NOW, "--json")
    rows = _json_lines(out)
    assert rows["CAS-2"]["notes"] == [
        "'2026-11-20T16:30' has no UTC offset: read as America/Argentina/Buenos_Aires time "
        "(-03:00)"
    ]
    assert rows["CAS-1"]["notes"] == []
    assert "note: 1 received value has no UTC offset (line 3): read as America/Argentina" in err
    assert "note: columns not read: subject" in err


def test_status_table_and_csv(capsys: pytest.CaptureFixture[str], tickets_csv: Path) -> None:
    import csv
    import io

    from slaclock.cli.status import COLUMNS

    code, out, _ = run(capsys, "status", str(tickets_csv), "--now", NOW)
    lines = out.splitlines()
    assert code == 2
    assert lines[0].startswith("SLA status at Wed 2026-11-25 12:00:00 -0300 (Basic Support;")
    assert lines[1].split() == [
        "line", "id", "sev", "received", "deadline", "state", "elapsed", "remaining", "used",
        "problem",
    ]  # fmt: skip
    assert lines[2].split()[:8] == [
        "2",
        "CAS-1",
        "1",
        "2026-11-20",
        "16:30",
        "2026-11-24",
        "10:30",
        "met",
    ]
    assert "(bad row)" in lines[4]
    assert lines[-1] == "7 tickets: 4 bad, 2 breached, 1 met"
    code, out, _ = run(capsys, "status", str(tickets_csv), "--now", NOW, "--csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert tuple(table[0]) == COLUMNS
    assert [r["line"] for r in table] == [str(v) for v in LINES.values()]
    assert table[0]["breached"] == "false" and table[0]["elapsed"] == "PT1H30M"
    assert table[2]["deadline"] == "" and table[2]["problem"].startswith(BAD["CAS-3"])


def test_status_reads_json_lines_and_standard_input(
    capsys: pytest.CaptureFixture[str], tickets_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    _, from_csv, _ = run(capsys, "status", str(tickets_csv), "--now", NOW, "--json")
    records = _json_lines(from_csv)
    jsonl = tickets_csv.with_suffix(".jsonl")
    jsonl.write_text(
        "\n".join(
            json.dumps({"id": k, "received": r["received"], "severity": r["severity"]})
            for k, r in records.items()
            if k not in BAD
        )
        + "\n\n[1]\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "status", str(jsonl), "--now", NOW, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and "line 5: is a JSON list, not an object" in err
    assert [r["line"] for r in rows] == [1, 2, 3, 5]
    deadlines = [records[k]["deadline"] for k in ("CAS-1", "CAS-2", "CAS-7")]
    assert [r["deadline"] for r in rows[:3]] == deadlines  # no response column: same deadlines
    assert rows[0]["state"] == "breached"  # but CAS-1 has no response in this file
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TICKETS.encode())))
    code, out, _ = run(capsys, "status", "-", "--now", NOW, "--json")
    assert (code, out) == (2, from_csv)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty; write a header line (id,received,severity,responded_at)"),
        ("\n  \n", "is empty"),
        ("id;received;severity\n", "is separated by ';'"),
        ("id,received\n", "has no 'severity' column (its columns: 'id', 'received')"),
        ("received,severity,received\n", "names 'received' more than once"),
        ("received,severity,classified_at\n", "'classified_at' and 'confirmed_severity' go"),
        ('received,severity\n"2026-11-20T16:30Z,1\n', "line 2: not CSV that slaclock can read"),
    ],
)
def test_status_refuses_files_it_cannot_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "status", str(path), "--now", NOW)
    assert (code, out) == (2, "")
    assert message in err
    assert len(err.splitlines()) == 1


def test_status_with_no_tickets(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,received,severity\n", encoding="utf-8")
    code, out, err = run(capsys, "status", str(path), "--now", NOW)
    assert code == 0
    assert out.splitlines()[1] == "(no tickets)"
    assert "has no tickets" in err


def test_status_lists_the_first_bad_rows_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from slaclock.cli.status import LISTED

    path = tmp_path / "t.csv"
    rows = [f"{k},2026-11-20T16:30Z,{9 if k % 2 else 1}" for k in range(200)]
    path.write_text("id,received,severity\n" + "\n".join(rows), encoding="utf-8")
    code, out, err = run(capsys, "status", str(path), "--now", NOW, "--csv")
    assert code == 2
    assert len(out.splitlines()) == 201
    assert f"  line {2 * LISTED + 1}: severity" in err
    assert f"  ... and {100 - LISTED} more; --csv or --json gives every row" in err


def test_progress_bar_only_on_a_terminal(
    capsys: pytest.CaptureFixture[str], tickets_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slaclock.cli import progress

    _, _, err = run(capsys, "status", str(tickets_csv), "--now", NOW, "--csv")
    assert "reading" not in err
    monkeypatch.setattr(progress, "_is_terminal", lambda: True)
    monkeypatch.setattr(progress, "DELAY", 0)
    _, _, err = run(capsys, "status", str(tickets_csv), "--now", NOW, "--csv")
    assert "reading" in err and "writing" in err


# -- was tests/test_cli_messages.py ------------------------------------------------------

T = "2026-11-20T16:30-03:00"


def test_the_holiday_data_hint_names_keys_that_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["deadline", T, "--hours", "200000"]) == 2
    err = capsys.readouterr().err
    assert '"missing_years": "none"' in err and "BusinessCalendar(" not in err
    data = json.loads(BASIC_PLAN.calendar.model_dump_json())
    data["holidays"]["missing_years"] = "none"  # the hint, followed to the letter
    path = tmp_path / "cal.json"
    path.write_text(json.dumps(data))
    assert main(["deadline", T, "--hours", "200000", "--calendar", str(path)]) == 0
    assert "deadline" in capsys.readouterr().out


@given(
    st.sampled_from(["--target", "--hours"]), st.from_regex(r"-[0-9]{1,3}[hm]?", fullmatch=True)
)
def test_a_negative_value_is_joined_to_its_option(option: str, value: str) -> None:
    assert signed_values(["deadline", T, option, value]) == ["deadline", T, f"{option}={value}"]
    assert signed_values(["deadline", option, "--json"]) == ["deadline", option, "--json"]


@given(st.integers(11, 400))  # past 2.7 million years of hours
def test_hours_with_a_huge_exponent_are_too_large(exponent: int) -> None:
    with pytest.raises(CommandLineError, match="is too large"):
        read_hours(f"1e{exponent}", "--hours")


# -- was tests/test_cli_bad_inputs.py ----------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A command line (``{files}`` is the folder of sample files) and what it must give."""

    id: str
    argv: tuple[str | bytes, ...]
    code: int
    says: str
    stdin: bytes = b""
    full_disk: bool = False  # stdout is /dev/full
    ascii_out: bool = False  # the output's encoding is ASCII


def case(id: str, argv: str | tuple[str | bytes, ...], code: int, says: str, **kw: object) -> Case:
    words = tuple(argv.split()) if isinstance(argv, str) else argv
    return Case(id, words, code, says, **kw)  # type: ignore[arg-type]


NOW_ARGS = ("--now", "2026-11-25T12:00-03:00")
ACCEPTED = "Accepted: 2026-11-20T16:30-03:00"
CASES = [
    # -- times that could be read more than one way ------------------------------------------
    case("month-first date", "deadline 11/12/2026", 2, "could be read day first or month first"),
    case("bare time", "deadline 16:30", 2, "is a time without a date"),
    case("bare number", "deadline 10", 2, "is a bare number"),
    case("zone abbreviation", ("deadline", "2026-11-20 16:30 EST"), 2, "zone abbreviation (EST)"),
    case("zone without brackets", ("deadline", "2026-11-20T16:30 Europe/Madrid"), 2, "brackets"),
    case("slashed year first", "deadline 2026/11/20", 2, "write the date with dashes"),
    case("words", "deadline tomorrow", 2, "is not a date and time slaclock reads"),
    case("empty time", ("deadline", ""), 2, "the received time is empty"),
    case("long time", ("deadline", "2" * 10_000), 2, "is too long to be a date and time"),
    case("undecodable argv", (b"deadline", b"\xff\xfe"), 2, ACCEPTED),
    # -- times that do not exist ------------------------------------------------------------------
    case("offset +25:00", "deadline 2026-11-20T16:30+25:00", 2, "+25:00, which is not one"),
    case("offset minutes 99", "deadline 2026-11-20T16:30+05:99", 2, "which is not one"),
    case(
        "year 1", "deadline 0001-01-01T00:00+05:00", 2, "year 1; slaclock supports years 1900-2199"
    ),
    case("year 9999", "deadline 9999-12-31T23:00-05:00", 2, "year 9999; slaclock supports"),
    case("year 0", "deadline 0000-01-01T00:00", 2, "year 0; slaclock supports"),
    case("year 10000", "deadline 10000-01-01T00:00", 2, "has a year of more than 4 digits"),
    case("30 February", "deadline 2026-02-30T10:00", 2, "is not a real date and time"),
    case("hour 24", "deadline 2026-11-20T24:00", 2, "is not a real date and time"),
    case("nanoseconds", "deadline 2026-11-20T16:30:00.1234567Z", 2, "more than 6 decimals"),
    case("unknown zone", "deadline 2026-11-20T16:30[Mars/Base]", 2, "not in the IANA database"),
    case("DST gap", "--zone America/New_York deadline 2026-03-08T02:30", 2, "does not exist in"),
    case("DST fold", "--zone America/New_York deadline 2026-11-01T01:30", 2, "happens twice"),
    case("offset vs zone", "deadline 2026-11-20T16:30-03:00[Europe/Madrid]", 2, "is not Europe"),
    # -- severities and targets ------------------------------------------------------------------
    case("severity ²", f"deadline {T} --severity ²", 2, "severity '²' is not one of 1"),
    case("severity 0", f"deadline {T} --severity 0", 2, "severity 0 is not one of"),
    case("severity 5", f"deadline {T} --severity 5", 2, "severity 5 is not one of"),
    case("severity -1", f"deadline {T} --severity -1", 2, "severity '-1' is not one of"),
    case("severity 1 and hours", f"deadline {T} --severity 1 --hours 3", 2, "not allowed with"),
    case("severity 2 and hours", f"deadline {T} --severity 2 --hours 3", 2, "not allowed with"),
    case("hours 10^12", f"deadline {T} --hours 1000000000000", 2, "is too large"),
    case("hours past the holiday data", f"deadline {T} --hours 1000000", 2, "1957-2100 only"),
    case("hours with exponent", f"deadline {T} --hours 1e3", 2, "is not a number of hours"),
    case("negative hours", f"deadline {T} --hours=-1", 2, "is negative"),
    case("target without unit", f"deadline {T} --target 10", 2, "has no unit: hours or minutes"),
    case("target in days", f"deadline {T} --target P1D", 2, "counts days"),
    case("target unit", f"deadline {T} --target 3fortnights", 2, "does not read"),
    case("target below 1 µs", f"deadline {T} --target 1.0000001s", 2, "whole number of micro"),
    # -- the command line itself -----------------------------------------------------------------
    case("no command", (), 2, "the following arguments are required: COMMAND"),
    case("unknown command", "frobnicate", 2, "invalid choice: 'frobnicate'"),
    case("unknown option", "deadline now --frobnicate", 2, "unrecognized arguments: --frobnicate"),
    case("missing received", "deadline", 2, "the following arguments are required: received"),
    case("elapsed bare time", "elapsed now 16:30", 2, "the end '16:30' is a time without"),
    case("ics and json", "calendar 2026 --ics --json", 2, "--ics and --json are two outputs"),
    # -- global options ---------------------------------------------------------------------------
    case("zone folder", "deadline now --zone America", 2, "time zone 'America' is not in"),
    case("zone 10k chars", ("deadline", "now", "--zone", "A" * 10_000), 2, "is not in the IANA"),
    case("plan missing", "--plan {files}/nope.json deadline now", 2, "nope.json': no such file"),
    case("plan folder", "--plan {files} deadline now", 2, "is a directory; give a JSON file"),
    case("plan empty", "--plan {files}/empty.json deadline now", 2, "is empty; write it with"),
    case("plan not JSON", "--plan {files}/broken.json deadline now", 2, "invalid ServicePlan"),
    case("plan numbers", "--plan {files}/numbers.json deadline now", 2, "PT2H"),
    case("calendar zone", "--calendar {files}/badzone.json deadline now", 2, "'Mars/Base' is not"),
    case(
        "open days without holidays",
        "--calendar {files}/noholidays.json --open-non-working-days deadline now",
        2,
        "the calendar has no public holidays to open",
    ),
    # -- the closed days of a year ----------------------------------------------------------------
    case("holidays 0", "holidays 0", 2, "year 0; slaclock supports years 1900-2199"),
    case("holidays 10000", "holidays 10000", 2, "year 10000; slaclock supports"),
    case("holidays -1", "holidays -1", 2, "year -1; slaclock supports"),
    case("calendar ²", "calendar ²", 2, "the year '²' is not a year"),
    case("calendar arabic digits", "calendar ٢٠٢٦", 2, "is not a year"),
    case("calendar 21 digits", "calendar 999999999999999999999", 2, "is not a year"),
    # -- ticket files -----------------------------------------------------------------------------
    case(
        "tickets missing", ("status", "{files}/nope.csv", *NOW_ARGS), 2, "nope.csv: no such file"
    ),
    case("tickets folder", ("status", "{files}", *NOW_ARGS), 2, "is a directory; give a file"),
    case("tickets empty", ("status", "{files}/empty.csv", *NOW_ARGS), 2, "empty.csv is empty"),
    case("tickets ;", ("status", "{files}/semi.csv", *NOW_ARGS), 2, "is separated by ';'"),
    case("no severity", ("status", "{files}/nosev.csv", *NOW_ARGS), 2, "has no 'severity' column"),
    case("classified alone", ("status", "{files}/classified.csv", *NOW_ARGS), 2, "go together"),
    case("unclosed quote", ("status", "{files}/quote.csv", *NOW_ARGS), 2, "line 3: not CSV"),
    case(
        "huge field", ("status", "{files}/huge.csv", *NOW_ARGS), 2, "field larger than field limit"
    ),
    case(
        "a spreadsheet", ("status", "{files}/book.xlsx", *NOW_ARGS), 2, "not UTF-8 text (a spread"
    ),
    case(
        "a JSON document", ("status", "{files}/t.json", *NOW_ARGS), 2, "slaclock reads JSON lines"
    ),
    case("bad rows", ("status", "{files}/bad.csv", *NOW_ARGS), 2, "line 4: received '11/12/2026'"),
    case("bad JSON lines", ("status", "{files}/bad.jsonl", *NOW_ARGS), 2, "line 2: is not JSON"),
    case(
        "CSV as JSON lines",
        ("status", "{files}/good.csv", "--format", "jsonl", *NOW_ARGS),
        2,
        "no line is a JSON object (line 1 is not JSON",
    ),
    case("csv and json", ("status", "{files}/good.csv", "--csv", "--json", *NOW_ARGS), 2, "two"),
    case("now bare time", ("status", "{files}/good.csv", "--now", "16:30"), 2, "--now '16:30'"),
    case("stdin empty", ("status", "-", *NOW_ARGS), 2, "standard input is empty"),
    case(
        "stdin bad",
        ("status", "-", *NOW_ARGS),
        2,
        "line 2: severity",
        stdin=b"received,severity\n2026-11-20T16:30Z,9\n",
    ),
    # -- issue 14: the command line's own messages -------------------------------------------
    case("negative target", f"deadline {T} --target -2h", 2, "the target -2 h is negative"),
    case("negative hours spaced", f"deadline {T} --hours -1", 2, "the target -1 h is negative"),
    case("hours 1e308", f"deadline {T} --hours 1e308", 2, "'1e308' is too large"),
    case("zone EST", f"deadline {T} --zone EST", 2, "'EST' is a zone abbreviation"),
    case("zone EST5EDT", f"deadline {T} --zone EST5EDT", 2, "is a zone abbreviation"),
    case(
        "past the holiday data: --calendar keys",
        f"deadline {T} --hours 1000000",
        2,
        'pass it with --calendar FILE.json: under "holidays" set "missing_years": "none"',
    ),
    case(
        "DST fold with seconds",
        "--zone America/New_York deadline 2026-11-01T01:30:15",
        2,
        "happens twice in America/New_York (clocks go back then: -04:00 and -05:00); add the "
        "offset you mean, e.g. 2026-11-01T01:30:15-04:00",
    ),
    case(
        "DST fold in a ticket file",
        ("--zone", "America/New_York", "status", "-", *NOW_ARGS),
        2,
        "line 2: received '2026-11-01T01:30' happens twice in America/New_York",
        stdin=b"received,severity\n2026-11-01T01:30,1\n",
    ),
    case(
        "DST fold in --now",
        ("--zone", "America/New_York", "status", "{files}/good.csv", "--now", "2026-11-01T01:30"),
        2,
        "--now '2026-11-01T01:30' happens twice in America/New_York",
    ),
    # -- issue 17: files that are not regular files, and sizes -----------------------------------
    case(
        "tickets FIFO", ("status", "{files}/fifo", *NOW_ARGS), 2, "not a regular file but a named"
    ),
    case("plan FIFO", "--plan {files}/fifo deadline now", 2, "--plan '"),
    case("calendar FIFO", "--calendar {files}/fifo deadline now", 2, "but a named pipe (FIFO)"),
    case(
        "tickets device", ("status", "/dev/zero", *NOW_ARGS), 2, "not a regular file but a device"
    ),
    case("plan from stdin", "--plan - deadline now", 2, "--plan '-': no such file"),
    case(
        "stdin over --max-mb",
        ("status", "-", "--max-mb", "1", *NOW_ARGS),
        2,
        "standard input is larger than 1 MB, the most slaclock reads; pass --max-mb 2",
        stdin=b"received,severity\n" + b"2026-11-20T16:30Z,1\n" * 60_000,
    ),
    case("max-mb 0", ("status", "-", "--max-mb", "0", *NOW_ARGS), 2, "not a whole number of MB"),
    case("raw-csv alone", ("status", "{files}/good.csv", "--raw-csv", *NOW_ARGS), 2, "add --csv"),
    case(
        "escape in a file name",
        ("status", "{files}/\x1b[2Jgone.csv", *NOW_ARGS),
        2,
        "\\x1b[2Jgone.csv: no such file",
    ),
    # -- failures: the command could not finish ---------------------------------------------------
    case("full disk", "calendar 2026", 1, "failed: No space left on device", full_disk=True),
    case("ASCII output", "calendar 2026", 1, "set PYTHONIOENCODING=utf-8", ascii_out=True),
    case(
        "full disk status",
        ("status", "{files}/good.csv", "--csv", *NOW_ARGS),
        1,
        "failed: No space left on device",
        full_disk=True,
    ),
]


def _files(root: Path) -> None:
    """The sample files the cases name."""
    (root / "empty.json").write_text("")
    (root / "broken.json").write_text("{")
    numbers = json.loads(BASIC_PLAN.model_dump_json())
    numbers["targets"] = {"critical": 2, "major": 6, "minor": 12, "informational": 24}
    (root / "numbers.json").write_text(json.dumps(numbers))
    (root / "calendar.json").write_text(BASIC_PLAN.calendar.model_dump_json())
    bad_zone = json.loads(BASIC_PLAN.calendar.model_dump_json())
    bad_zone["zone"] = "Mars/Base"
    (root / "badzone.json").write_text(json.dumps(bad_zone))
    (root / "noholidays.json").write_text(BusinessCalendar(holidays=None).model_dump_json())
    (root / "empty.csv").write_text("")
    (root / "semi.csv").write_text("id;received;severity\n1;2026-11-20T16:30Z;1\n")
    (root / "nosev.csv").write_text("id,received\n1,2026-11-20T16:30Z\n")
    (root / "twice.csv").write_text("received,severity,received\n")
    (root / "classified.csv").write_text("received,severity,classified_at\n")
    (root / "quote.csv").write_text('received,severity\n2026-11-20T16:30Z,1\n"2026,1\n')
    (root / "huge.csv").write_text("received,severity\n" + "x" * 200_000 + ",1\n")
    (root / "book.xlsx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff")
    (root / "t.json").write_text('[{"received": "2026-11-20T16:30Z", "severity": 1}]')
    os.mkfifo(root / "fifo")
    (root / "good.csv").write_text("id,received,severity\nA,2026-11-20T16:30Z,1\n")
    (root / "bad.csv").write_text(
        "id,received,severity\nA,2026-11-20T16:30Z,1\nB,2026-11-20T16:30Z,2\n"
        "C,11/12/2026,3\nD,2026-11-20T16:30Z,9\n"
    )
    (root / "bad.jsonl").write_text(
        '{"received": "2026-11-20T16:30Z", "severity": 1}\n{oops\n'
        '{"received": 1790000000, "severity": 1}\n'
    )


def _run(c: Case, files: Path) -> subprocess.CompletedProcess[bytes]:
    argv = [a.replace("{files}", str(files)) if isinstance(a, str) else a for a in c.argv]
    env = {**os.environ, "COLUMNS": "80", "PYTHONUTF8": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    if c.ascii_out:
        env["PYTHONIOENCODING"] = "ascii"
    command = [sys.executable.encode(), b"-m", b"slaclock"]
    command += [a.encode() if isinstance(a, str) else a for a in argv]
    if c.full_disk:
        with open("/dev/full", "wb") as full:
            return subprocess.run(
                command, input=c.stdin, stdout=full, stderr=subprocess.PIPE, env=env, timeout=120
            )
    return subprocess.run(command, input=c.stdin, capture_output=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    files = tmp_path_factory.mktemp("files")
    _files(files)
    workers = max(2, os.cpu_count() or 2)
    with ThreadPoolExecutor(workers) as pool:
        return dict(zip((c.id for c in CASES), pool.map(lambda c: _run(c, files), CASES)))


def test_the_catalogue_is_large_and_its_ids_unique() -> None:
    assert len(CASES) >= 50
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_bad_command_line(
    c: Case, outcomes: dict[str, subprocess.CompletedProcess[bytes]]
) -> None:
    done = outcomes[c.id]
    err = done.stderr.decode("utf-8", "replace")
    out = b"" if done.stdout is None else done.stdout
    assert "Traceback" not in err and b"Traceback" not in out
    assert c.says in err, err
    assert done.returncode == c.code, err
    assert err.startswith(("slaclock:", "usage: slaclock")), err
