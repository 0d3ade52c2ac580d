"""The command line's own messages (issue 14, "The command line"): negative targets reach
slaclock's check, the holiday-data hint names keys that work, huge hours are too large."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import BASIC_PLAN
from slaclock.cli.durations import read_hours
from slaclock.cli.main import main, signed_values
from slaclock.errors import CommandLineError

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
