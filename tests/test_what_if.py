"""what_if: summaries and flips agree with evaluate_frame under each scenario."""

from __future__ import annotations

from datetime import timedelta

import matplotlib
import numpy as np
import pandas as pd
import polars as pl
import pytest

from slaclock import (
    BASIC_PLAN,
    SUMMARY_COLUMNS,
    ColumnError,
    argentina,
    evaluate_frame,
    what_if,
)
from tests.domain import ba

matplotlib.use("Agg")
NOW = ba(2026, 12, 1)
SCENARIOS = {
    "Basic": BASIC_PLAN,
    "08-18": BASIC_PLAN.with_calendar(argentina(hours="08:00-18:00")),
    "sev-2 4 h": BASIC_PLAN.with_targets(major=timedelta(hours=4)),
    "bridge days worked": BASIC_PLAN.with_calendar(argentina(non_working_days=False)),
}


def tickets(n: int = 600) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    start = pd.Timestamp("2026-09-01", tz="America/Argentina/Buenos_Aires")
    received = start + pd.to_timedelta(rng.integers(0, 85 * 24 * 60, n), unit="min")
    answered = received + pd.to_timedelta(rng.integers(0, 3 * 24 * 60, n), unit="min")
    return pd.DataFrame(
        {
            "id": [f"T-{k}" for k in range(n)],
            "received": received,
            "severity": rng.integers(1, 5, n),
            "responded_at": answered.where(rng.random(n) < 0.8),
        }
    )


def test_summary_counts_equal_evaluate_frame() -> None:
    df = tickets()
    result = what_if(df, NOW, SCENARIOS)
    summary = result.summary
    assert list(summary.columns) == list(SUMMARY_COLUMNS)
    assert list(result.overall["scenario"]) == list(SCENARIOS)
    for name, plan in SCENARIOS.items():
        out = evaluate_frame(df, NOW, plan)
        mine = summary[summary["scenario"] == name]
        for _, row in mine.iterrows():
            rows = out[out["sla_severity"] == row["severity"]]
            assert row["tickets"] == len(rows)
            for state in ("met", "breached", "running"):
                assert row[state] == (rows["state"] == state).sum()
            assert row["breach_rate"] == pytest.approx((rows["state"] == "breached").mean())
            assert row["median_fraction_used"] == pytest.approx(rows["fraction_used"].median())
            assert row["p90_fraction_used"] == pytest.approx(rows["fraction_used"].quantile(0.9))
        total = result.overall[result.overall["scenario"] == name].iloc[0]
        assert total["breached"] == (out["state"] == "breached").sum()


def test_flips_are_the_met_breached_changes_against_the_baseline() -> None:
    df = tickets()
    result = what_if(df, NOW, SCENARIOS)
    base = evaluate_frame(df, NOW, BASIC_PLAN).set_index("id")
    for name in list(SCENARIOS)[1:]:
        other = evaluate_frame(df, NOW, SCENARIOS[name]).set_index("id")
        flipped = ((base["state"] == "met") & (other["state"] == "breached")) | (
            (base["state"] == "breached") & (other["state"] == "met")
        )
        mine = result.flips[result.flips["scenario"] == name].set_index("id")
        assert sorted(mine.index) == sorted(flipped[flipped].index)
        for ticket_id, row in mine.iterrows():
            assert row["baseline_state"] == base.loc[ticket_id, "state"]
            assert row["state"] == other.loc[ticket_id, "state"]
            shift = other.loc[ticket_id, "deadline"] - base.loc[ticket_id, "deadline"]
            assert row["deadline_shift_hours"] == pytest.approx(shift / pd.Timedelta(hours=1))
    assert (result.flips["scenario"] == "08-18").sum() > 0  # longer hours flip some tickets


def test_same_kind_out_plots_and_errors() -> None:
    df = pl.from_pandas(tickets(80))
    result = what_if(df, NOW, {"Basic": BASIC_PLAN, "08-18": SCENARIOS["08-18"]})
    assert isinstance(result.summary, pl.DataFrame) and isinstance(result.flips, pl.DataFrame)
    assert (
        result.plot_breach_rates().get_title().startswith("Breach rate per severity\n80 tickets")
    )
    assert result.plot_fraction_used().get_xlabel().startswith("fraction of target used")
    only = what_if(df, NOW, {"Basic": BASIC_PLAN})
    assert len(only.flips) == 0 and "deadline_shift_hours" in only.flips.columns
    with pytest.raises(ColumnError, match="not a ServicePlan"):
        what_if(df, NOW, {"Basic": "basic"})  # type: ignore[dict-item]
    with pytest.raises(ColumnError, match="at least one"):
        what_if(df, NOW, {})
