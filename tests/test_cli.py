"""The `slaclock` command: the README's main job, JSON output, errors."""

from __future__ import annotations

import json

import pytest

from slaclock.cli.main import main


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
    assert data["target_microseconds"] == 24 * 3600 * 10**6
    assert main(["deadline", "2026-11-20T16:30"]) == 0
    assert "read as America/Argentina/Buenos_Aires time" in capsys.readouterr().out


def test_non_working_days_flag(capsys: pytest.CaptureFixture[str]) -> None:
    main(["deadline", "2026-12-04T16:00-03:00", "--hours", "2"])
    assert "Wed 2026-12-09 10:00" in capsys.readouterr().out
    main(["--open-non-working-days", "deadline", "2026-12-04T16:00-03:00", "--hours", "2"])
    assert "Mon 2026-12-07 10:00" in capsys.readouterr().out


def test_elapsed_and_holidays(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["elapsed", "2026-11-20T16:30-03:00", "2026-11-24T10:30-03:00"]) == 0
    assert "2:00:00" in capsys.readouterr().out
    assert main(["holidays", "2026"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-07 Bridge Public Holiday (non-working day)" in out


def test_bad_input_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2026-11-20T16:30", "--severity", "7"]) == 2
    assert "severity 7" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="cannot read"):
        main(["deadline", "next tuesday-ish"])
