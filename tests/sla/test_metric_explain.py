"""A metric's explanation: every event with what it did to the clock, agreeing with the
metric's own result, as text and as HTML."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slaclock import (
    MANUAL_METRICS,
    ZENDESK_METRICS,
    Escalated,
    Message,
    ResponseTargets,
    StatusChanged,
    SupportLevel,
    WrongTypeError,
    evaluate,
    explain_metric,
)
from tests.support.domain import ba, ticket

AT = ba(2026, 11, 24, 10)
NOW = AT + timedelta(days=1, hours=6)
EVENTS = (
    Message(at=AT, author="customer"),
    Message(at=AT + timedelta(hours=1), author="agent"),
    StatusChanged(at=AT + timedelta(hours=1), status="pending"),
    Message(at=AT + timedelta(hours=3), author="customer"),
    StatusChanged(at=AT + timedelta(hours=3), status="open"),
    Escalated(at=AT + timedelta(hours=4), to=SupportLevel.L2),
    Message(at=AT + timedelta(hours=5), author="agent"),
    StatusChanged(at=AT + timedelta(hours=5), status="solved"),
    StatusChanged(at=AT + timedelta(hours=26), status="open"),
)
METRICS = (*ZENDESK_METRICS, *MANUAL_METRICS)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, len(EVENTS)),
    st.sampled_from(METRICS),
    st.integers(0, 40),
    st.sampled_from([None, 1, 3]),
)
def test_the_steps_agree_with_the_metric(
    cut: int, metric: object, hours: int, target: object
) -> None:
    """Cycles started in the steps = the metric's cycles; a breach step iff a cycle was
    breached; counted time never goes down within a cycle; the event list is the
    receipt then the history up to now."""
    from slaclock import Metric

    assert isinstance(metric, Metric)
    if target is not None:
        metric = metric.with_targets(ResponseTargets.hours(target, target, target, target))  # type: ignore[arg-type]
    t = ticket(AT).model_copy(update={"history": EVENTS[:cut]})
    now = AT + timedelta(hours=hours)
    if any(e.at > now for e in t.history):
        t = t.model_copy(update={"history": tuple(e for e in t.history if e.at <= now)})
    explained = explain_metric(t, now, metric)
    status = evaluate(t, now, metrics=metric).metrics[metric.name]
    assert explained.status == status
    started = sum("started cycle" in s.clock for s in explained.steps)
    assert started == len(status.cycles)
    breaches = sum(s.clock == "breached" for s in explained.steps)
    assert breaches == sum(c.breached for c in status.cycles)
    events = [s for s in explained.steps if s.event != "target reached"]
    assert len(events) == 1 + len(t.history)
    assert events[0].event == "received"


def test_the_text_and_html_name_every_step() -> None:
    t = ticket(AT).model_copy(update={"history": EVENTS})
    metric = ZENDESK_METRICS[5].with_targets(ResponseTargets.hours(3, 3, 3, 3))
    explained = explain_metric(t, NOW, metric)
    text = str(explained)
    assert text.splitlines()[0].startswith("agent_work_time for ticket T-1")
    assert "breached" in text and "paused" in text and "counting again" in text
    html = explained._repr_html_()
    assert html.count("<tr>") == len(explained.steps) + 1
    assert "<script" not in html


def test_a_wrong_metric_is_typed() -> None:
    with pytest.raises(WrongTypeError, match="one Metric"):
        explain_metric(ticket(AT), NOW, ZENDESK_METRICS)  # type: ignore[arg-type]
