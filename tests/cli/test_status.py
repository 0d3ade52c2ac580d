"""`slaclock status` without any DataFrame library (issue 14): the file's values go to the
column rules as plain int64 columns, and give what `evaluate_frame` gives on a table."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import evaluate_frame
from slaclock.cli.main import main

NOW = "2026-11-25T12:00:00-03:00"
ART = timezone(timedelta(hours=-3))
_FILE = """id,received,severity,responded_at,classified_at,confirmed_severity
A,2026-11-20T16:30-03:00,1,2026-11-24T09:15-03:00,,
B,2026-11-24T08:00-03:00,critical,,2026-11-24T09:30-03:00,3
C,2026-11-24T10:00-03:00,9,,,
D,2026-11-24T10:00-03:00,2,2026-11-23T10:00-03:00,,
E,,4,,,
"""


def _json_rows(
    capsys: pytest.CaptureFixture[str], path: Path
) -> tuple[int, list[dict[str, object]]]:
    code = main(["status", str(path), "--now", NOW, "--json"])
    return code, [json.loads(x) for x in capsys.readouterr().out.splitlines()]


def test_status_needs_no_dataframe_library(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(_FILE)
    blocked = "; ".join(f"sys.modules[{m!r}] = None" for m in ("polars", "pyarrow", "pandas"))
    script = (
        f"import sys; {blocked}; from slaclock.cli.main import main; "
        f"sys.exit(main(['status', {str(path)!r}, '--now', {NOW!r}, '--csv']))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr  # rows C, D and E are bad
    assert "Traceback" not in done.stderr and "line 4: severity" in done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 6 and lines[1].startswith("2,A,")


def test_status_agrees_with_evaluate_frame(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(_FILE)
    code, rows = _json_rows(capsys, path)
    assert code == 2
    frame = pd.read_csv(path, dtype=str)
    for c in ("received", "responded_at", "classified_at"):
        frame[c] = pd.to_datetime(frame[c], utc=True)
    now = datetime.fromisoformat(NOW)
    table = evaluate_frame(frame, now, errors="mark")
    assert [r["state"] for r in rows] == [
        None if pd.isna(s) else s for s in table["state"].tolist()
    ]
    assert [r["problem"] for r in rows] == [
        None if pd.isna(p) else p for p in table["problem"].tolist()
    ]
    for r, deadline in zip(rows, table["deadline"].tolist()):
        assert r["deadline"] == (None if pd.isna(deadline) else deadline.isoformat())


@given(
    st.lists(
        st.tuples(
            st.datetimes(datetime(2026, 1, 1), datetime(2026, 12, 31)),
            st.integers(1, 4),
            st.one_of(st.none(), st.timedeltas(timedelta(0), timedelta(days=5))),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_status_is_evaluate_frame_on_any_file(
    tickets: list[tuple[datetime, int, timedelta | None]],
) -> None:
    """Property: every row of `status` is the row `evaluate_frame` gives for the same ticket."""
    import io
    import tempfile

    received = [t.replace(tzinfo=ART, microsecond=0) for t, _, _ in tickets]
    responded = [None if d is None else r + d for r, (_, _, d) in zip(received, tickets)]
    now = datetime(2027, 1, 10, 12, tzinfo=ART)
    text = io.StringIO()
    text.write("received,severity,responded_at\n")
    for r, (_, sev, _), x in zip(received, tickets, responded):
        text.write(f"{r.isoformat()},{sev},{'' if x is None else x.isoformat()}\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_text(text.getvalue())
        out = io.StringIO()
        import contextlib

        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["status", str(path), "--now", now.isoformat(), "--json"])
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    frame = pd.DataFrame(
        {
            "received": pd.to_datetime(
                [r.isoformat() for r in received], utc=True, format="ISO8601"
            ),
            "severity": [sev for _, sev, _ in tickets],
            "responded_at": pd.to_datetime(
                [None if x is None else x.isoformat() for x in responded],
                utc=True,
                format="ISO8601",
            ),
        }
    )
    table = evaluate_frame(frame, now, errors="mark")
    assert code == 0
    assert [r["state"] for r in rows] == table["state"].tolist()
    assert [r["deadline"] for r in rows] == [d.isoformat() for d in table["deadline"]]
    assert [r["fraction_used"] for r in rows] == table["fraction_used"].tolist()
