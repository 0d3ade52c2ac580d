"""`what_if(..., errors="mark")` as in `evaluate_frame`: bad rows left out of the rates
and counted; the deadline shift in signed hours; the repr names every scenario."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from slaclock import BASIC_PLAN, InvalidRowsError, argentina, what_if
from tests.domain import ba

NOW = ba(2026, 11, 30, 12)
SCENARIOS = {
    "Basic": BASIC_PLAN,
    "sev-1 in 4 h": BASIC_PLAN.with_targets(critical=timedelta(hours=4)),
    "08-18": BASIC_PLAN.with_calendar(argentina(hours="08:00-18:00")),
}


def frame() -> pd.DataFrame:
    received = [ba(2026, 11, 24, 9), ba(2026, 11, 24, 15), ba(2026, 11, 25, 10), ba(2026, 12, 1)]
    responded = [ba(2026, 11, 24, 12), ba(2026, 11, 25, 9, 30), None, None]
    return pd.DataFrame(
        {
            "id": ["A", "B", "C", "late"],
            "received": pd.to_datetime(received, utc=True),
            "severity": [1, 1, 2, 1],
            "responded_at": pd.to_datetime(responded, utc=True),
        }
    )


def test_marked_rows_are_counted_and_left_out_of_the_rates() -> None:
    with pytest.raises(InvalidRowsError, match="after now"):
        what_if(frame(), NOW, SCENARIOS)
    marked = what_if(frame(), NOW, SCENARIOS, errors="mark")
    good = what_if(frame().iloc[:3], NOW, SCENARIOS)
    overall = marked.overall.set_index("scenario")
    assert (overall["not_evaluated"] == 1).all()
    assert (overall["tickets"] == 3).all()
    clean = good.overall.set_index("scenario")
    assert (clean["not_evaluated"] == 0).all()
    columns = ["tickets", "met", "breached", "breach_rate", "median_fraction_used"]
    pd.testing.assert_frame_equal(overall[columns], clean[columns])
    assert "late" not in set(marked.flips["id"])
    assert all(len(v) == 3 for v in marked.fraction_used.values())


def test_deadline_shift_is_signed_hours() -> None:
    result = what_if(frame().iloc[:3], NOW, SCENARIOS)
    flips = result.flips
    assert flips["deadline_shift_hours"].dtype == "float64"
    for _, row in flips.iterrows():
        hours = (row["deadline"] - row["baseline_deadline"]) / pd.Timedelta(hours=1)
        assert row["deadline_shift_hours"] == pytest.approx(hours)
    assert (flips.loc[flips["scenario"] == "sev-1 in 4 h", "deadline_shift_hours"] > 0).all()


def test_the_repr_names_every_scenario() -> None:
    many = {f"scenario number {k}": BASIC_PLAN for k in range(8)}
    text = repr(what_if(frame().iloc[:3], NOW, many))
    assert all(repr(name) in text for name in many)


def test_errors_takes_raise_or_mark() -> None:
    with pytest.raises(ValueError, match="'raise' or 'mark'"):
        what_if(frame(), NOW, SCENARIOS, errors="drop")  # type: ignore[arg-type]
