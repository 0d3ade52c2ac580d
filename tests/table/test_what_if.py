"""what_if: summaries and flips agree with evaluate_frame under each scenario.

`what_if(..., errors="mark")` as in `evaluate_frame`: bad rows left out of the rates
and counted; the deadline shift in signed hours; the repr names every scenario.

what_if on metrics: every metric compared across plans and policies.
"""

from __future__ import annotations

import math
from datetime import timedelta

import matplotlib
import numpy as np
import pandas as pd
import polars as pl
import pytest

from slaclock import (
    BASIC_PLAN,
    METRIC_SUMMARY_COLUMNS,
    SUMMARY_COLUMNS,
    ZENDESK_METRICS,
    ColumnError,
    InvalidRowsError,
    MetricTargets,
    Policy,
    ResponseTargets,
    Scenario,
    argentina,
    evaluate_frame,
    what_if,
)
from tests.support.domain import ba

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


# -- was tests/test_what_if_marked.py ----------------------------------------------------

MARKED_NOW = ba(2026, 11, 30, 12)
MARKED_SCENARIOS = {
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
        what_if(frame(), MARKED_NOW, MARKED_SCENARIOS)
    marked = what_if(frame(), MARKED_NOW, MARKED_SCENARIOS, errors="mark")
    good = what_if(frame().iloc[:3], MARKED_NOW, MARKED_SCENARIOS)
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
    result = what_if(frame().iloc[:3], MARKED_NOW, MARKED_SCENARIOS)
    flips = result.flips
    assert flips["deadline_shift_hours"].dtype == "float64"
    for _, row in flips.iterrows():
        hours = (row["deadline"] - row["baseline_deadline"]) / pd.Timedelta(hours=1)
        assert row["deadline_shift_hours"] == pytest.approx(hours)
    assert (flips.loc[flips["scenario"] == "sev-1 in 4 h", "deadline_shift_hours"] > 0).all()


def test_the_repr_names_every_scenario() -> None:
    many = {f"scenario number {k}": BASIC_PLAN for k in range(8)}
    text = repr(what_if(frame().iloc[:3], MARKED_NOW, many))
    assert all(repr(name) in text for name in many)


def test_errors_takes_raise_or_mark() -> None:
    with pytest.raises(ValueError, match="'raise' or 'mark'"):
        what_if(frame(), MARKED_NOW, MARKED_SCENARIOS, errors="drop")  # type: ignore[arg-type]


# -- was tests/test_what_if_metrics.py ---------------------------------------------------

AT = ba(2026, 11, 24, 10)
TICKETS = pd.DataFrame({"id": ["A", "B"], "received": [AT, AT], "severity": [3, 3]})
EVENTS = pd.DataFrame(
    {
        "ticket_id": ["A", "A", "B"],
        "kind": ["message", "message", "message"],
        "at": [AT, AT + timedelta(hours=2), AT],
        "author": ["customer", "agent", "customer"],
    }
)
FRT = ZENDESK_METRICS[0]


def test_plans_and_policies_compared_on_every_metric() -> None:
    tight = Policy(
        name="1h",
        targets=(
            MetricTargets(metric="first_reply_time", targets=ResponseTargets.hours(1, 1, 1, 1)),
        ),
    )
    result = what_if(
        TICKETS,
        AT + timedelta(hours=5),
        {
            "Basic": BASIC_PLAN,
            "1 h reply": Scenario(plan=BASIC_PLAN, policies=(tight,)),
            "07-19": BASIC_PLAN.with_calendar(argentina(hours="07:00-19:00")),
        },
        events=EVENTS,
        metrics=ZENDESK_METRICS[:2],
    )
    table = result.metrics
    assert tuple(table.columns) == METRIC_SUMMARY_COLUMNS
    frt = table[table["metric"] == "first_reply_time"].set_index("scenario")
    assert frt.loc["Basic", "started"] == 2
    assert frt.loc["Basic", "median_elapsed_hours"] == pytest.approx(3.5)  # 2 h and 5 h
    assert math.isnan(frt.loc["Basic", "breach_rate"])  # no target: measured only
    assert frt.loc["1 h reply", "breached"] == 2  # 2 h > 1 h; 5 h running past 1 h
    assert frt.loc["1 h reply", "breach_rate"] == 1.0
    nrt = table[table["metric"] == "next_reply_time"]
    assert (nrt["started"] == 0).all()


def test_a_scenario_must_be_a_plan_or_a_scenario() -> None:
    with pytest.raises(ColumnError, match="Scenario"):
        what_if(TICKETS, AT, {"x": 3}, events=EVENTS, metrics=FRT)  # type: ignore[dict-item]
    assert what_if(TICKETS, AT + timedelta(hours=5), {"Basic": BASIC_PLAN}).metrics is None
