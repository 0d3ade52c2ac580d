"""Typed errors for the table API's arguments (issue 14, item 4): a repeated column
name, a prefix or plan of the wrong type, scenarios that are not a mapping."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pandas as pd
import pytest

from slaclock import BASIC_PLAN, ColumnError, WrongTypeError, evaluate_frame, what_if

NOW = datetime(2026, 11, 25, tzinfo=timezone.utc)
GOOD = pd.DataFrame({"received": [datetime(2026, 11, 24, tzinfo=timezone.utc)], "severity": [1]})


def test_a_repeated_column_name_is_a_column_error() -> None:
    frame = pd.DataFrame([[NOW, 1, 2]], columns=["received", "severity", "severity"])
    for call in (
        lambda: evaluate_frame(frame, NOW),
        lambda: what_if(frame, NOW, {"B": BASIC_PLAN}),
    ):
        with pytest.raises(ColumnError, match=r"repeats column name\(s\) \['severity'\]"):
            call()


@pytest.mark.parametrize(
    ("options", "named"),
    [({"prefix": 3}, "prefix must be a str"), ({"plan": 3}, "plan must be a ServicePlan")],
)
def test_wrong_types_are_refused_before_any_work(options: dict[str, Any], named: str) -> None:
    with pytest.raises(WrongTypeError, match=named):
        evaluate_frame(GOOD, NOW, **options)
    assert isinstance(WrongTypeError("x"), TypeError)


def test_scenarios_must_be_named() -> None:
    with pytest.raises(WrongTypeError, match="scenarios must be a Mapping"):
        what_if(GOOD, NOW, [BASIC_PLAN])  # type: ignore[arg-type]
    with pytest.raises(ColumnError, match="at least one scenario"):
        what_if(GOOD, NOW, {})


def test_good_arguments_still_work() -> None:
    out = evaluate_frame(GOOD, NOW, prefix="sla_", plan=None)
    assert "sla_deadline" in out.columns
