"""what_if on metrics: every metric compared across plans and policies."""

from __future__ import annotations

import math
from datetime import timedelta

import pandas as pd
import pytest

from slaclock import (
    BASIC_PLAN,
    METRIC_SUMMARY_COLUMNS,
    ZENDESK_METRICS,
    ColumnError,
    MetricTargets,
    Policy,
    ResponseTargets,
    Scenario,
    argentina,
    what_if,
)
from tests.domain import ba

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
