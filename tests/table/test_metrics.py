"""The metric columns of a table: never two outputs of one name, never a user's column
overwritten (whichever plan a contract's tier picks), flag cells as CSV gives them."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import polars as pl
import pytest

from slaclock import (
    BASIC_PLAN,
    ColumnError,
    Contract,
    Created,
    Metric,
    MetricTargets,
    PlanCatalog,
    Policy,
    ResponseTargets,
    StatusEntered,
    evaluate_frame,
)
from tests.support.domain import CONTRACT, ba

AT = ba(2026, 11, 24, 10)
NOW = AT + timedelta(hours=5)
HOUR = ResponseTargets.hours(1, 1, 1, 1)
TICKETS = pd.DataFrame({"id": ["A"], "received": [AT], "severity": [3]})


@pytest.mark.parametrize("native", [lambda f: f, pl.from_pandas])
def test_a_metric_name_that_makes_an_output_twice_is_refused(native: object) -> None:
    clock = Metric(name="clock", start=(Created(),))
    with pytest.raises(ColumnError, match=r"clock_start.*twice"):
        evaluate_frame(native(TICKETS), NOW, metrics=clock)  # type: ignore[operator]
    x = Metric(name="x", start=(Created(),), targets=HOUR)
    x_breached = Metric(name="x_breached", start=(StatusEntered(statuses={"solved"}),))
    with pytest.raises(ColumnError, match="x_breached_cycles"):
        evaluate_frame(native(TICKETS), NOW, metrics=(x, x_breached))  # type: ignore[operator]


def test_a_tier_plans_metric_targets_count_in_the_name_check() -> None:
    """The catalog's tier plan sets targets for `x`: its x_target column would overwrite
    the user's, so the call is refused as when that plan is given directly."""
    x = Metric(name="x", start=(Created(),))
    tier_plan = BASIC_PLAN.model_copy(
        update={"metric_targets": (MetricTargets(metric="x", targets=HOUR),)}
    )
    catalog = PlanCatalog({tier_plan.tier: tier_plan})
    table = TICKETS.assign(
        x_target=["mine"],
        customer=[CONTRACT.customer],
        product=["Arcserve UDP"],
        requester_email=["ana@acme.com.ar"],
    )
    contracts: dict[str, Contract] = {CONTRACT.customer: CONTRACT}
    with pytest.raises(ColumnError, match="x_target"):
        evaluate_frame(table, NOW, metrics=x, contracts=contracts, catalog=catalog)


def test_policies_without_metrics_write_no_policy_column() -> None:
    table = TICKETS.assign(policy=["the user's"])
    out = evaluate_frame(table, NOW, policies=(Policy(name="p", targets=()),))
    assert out["policy"].tolist() == ["the user's"]


def test_public_as_floats_and_null_ids() -> None:
    """A CSV column of 1 and blanks reads as floats 1.0 and NaN: public and the default."""
    events = pd.DataFrame(
        {
            "ticket_id": ["A", "A"],
            "kind": ["message", "message"],
            "at": [AT, AT + timedelta(hours=1)],
            "author": ["customer", "agent"],
            "public": [1.0, float("nan")],
        }
    )
    from slaclock import ZENDESK_METRICS

    out = evaluate_frame(TICKETS, NOW, events=events, metrics=ZENDESK_METRICS[0])
    assert out["first_reply_time_elapsed"][0] == pd.Timedelta(hours=1)
    with pytest.raises(ColumnError, match="1 events have no ticket id"):
        evaluate_frame(TICKETS, NOW, events=events.assign(ticket_id=["A", None]))
