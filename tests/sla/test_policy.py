"""Policies: the first whose conditions hold sets the targets of the metrics it names,
for one ticket and in a table; a reclassification re-selects; bad input is typed."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from slaclock import (
    ZENDESK_METRICS,
    Channel,
    Classified,
    InvalidModelError,
    Message,
    MetricTargets,
    Policy,
    PolicyMatch,
    ResponseTargets,
    Tier,
    WrongTypeError,
    evaluate,
    evaluate_frame,
)
from slaclock.sla import one_ticket
from tests.support.domain import ba, ticket

FRT = ZENDESK_METRICS[0]
FAST = ResponseTargets.hours(1, 1, 1, 1)
SLOW = ResponseTargets.hours(8, 8, 8, 8)
POLICIES = (
    Policy(
        name="urgent",
        when=PolicyMatch(severities={1}, channels={Channel.EMAIL}),
        targets=(MetricTargets(metric="first_reply_time", targets=FAST),),
    ),
    Policy(name="vip", when=PolicyMatch(tags={"vip"}), targets=()),
    Policy(
        name="basic tier",
        when=PolicyMatch(tiers={Tier.BASIC}),
        targets=(MetricTargets(metric="first_reply_time", targets=SLOW),),
    ),
)
AT = ba(2026, 11, 24, 10)


def replied(priority: int, after: timedelta, **fields: object) -> object:
    t = ticket(AT, priority=priority).model_copy(update={"channel": Channel.EMAIL, **fields})
    return t.model_copy(
        update={
            "history": (
                Message(at=AT, author="customer"),
                Message(at=AT + after, author="agent"),
            )
        }
    )


def test_the_first_matching_policy_sets_the_targets() -> None:
    s = evaluate(replied(1, timedelta(hours=2)), AT + timedelta(days=1), metrics=FRT,  # type: ignore[arg-type]
                 policies=POLICIES)  # fmt: skip
    m = s.metrics["first_reply_time"]
    assert (m.policy, m.target, m.state.value) == ("urgent", timedelta(hours=1), "breached")
    s = evaluate(replied(3, timedelta(hours=2)), AT + timedelta(days=1), metrics=FRT,  # type: ignore[arg-type]
                 policies=POLICIES)  # fmt: skip
    m = s.metrics["first_reply_time"]
    assert (m.policy, m.target, m.state.value) == ("basic tier", timedelta(hours=8), "met")


def test_a_policy_that_names_no_target_leaves_the_metric_its_own() -> None:
    t = replied(3, timedelta(hours=2), tags=frozenset({"vip"}))
    m = evaluate(t, AT + timedelta(days=1), metrics=FRT, policies=POLICIES).metrics[  # type: ignore[arg-type]
        "first_reply_time"
    ]
    assert (m.policy, m.target, m.state.value) == ("vip", None, "stopped")
    m = evaluate(t, AT + timedelta(days=1), metrics=FRT).metrics["first_reply_time"]  # type: ignore[arg-type]
    assert (m.policy, m.target) == (None, None)


def test_a_reclassification_reselects_the_policy() -> None:
    t = replied(3, timedelta(hours=2))
    t = t.model_copy(  # type: ignore[attr-defined]
        update={"history": (*t.history, Classified(at=AT + timedelta(hours=3), severity=1))}  # type: ignore[attr-defined]
    )
    before = evaluate(t, AT + timedelta(hours=2, minutes=30), metrics=FRT, policies=POLICIES)
    after = evaluate(t, AT + timedelta(hours=4), metrics=FRT, policies=POLICIES)
    assert before.metrics["first_reply_time"].policy == "basic tier"
    assert after.metrics["first_reply_time"].policy == "urgent"
    assert after.metrics["first_reply_time"].state.value == "breached"


def test_a_table_reads_the_attributes_policies_need() -> None:
    tickets = pd.DataFrame(
        {
            "id": ["A", "B"],
            "received": [AT, AT],
            "severity": [1, 3],
            "channel": ["email", "web_portal"],
            "tags": ["", "vip, gold"],
        }
    )
    events = pd.DataFrame(
        {
            "ticket_id": ["A", "A", "B", "B"],
            "kind": ["message"] * 4,
            "at": [AT, AT + timedelta(hours=2), AT, AT + timedelta(hours=2)],
            "author": ["customer", "agent", "customer", "agent"],
        }
    )
    out = evaluate_frame(tickets, AT + timedelta(days=1), events=events, metrics=FRT,
                         policies=POLICIES)  # fmt: skip
    assert out["policy"].tolist() == ["urgent", "vip"]
    assert out["first_reply_time_state"].tolist() == ["breached", "stopped"]
    assert out["first_reply_time_target"][0] == pd.Timedelta(hours=1)
    assert pd.isna(out["first_reply_time_target"][1])
    backwards = tickets.iloc[::-1].reset_index(drop=True)
    whole = evaluate_frame(backwards, AT + timedelta(days=1), events=events, metrics=FRT,
                           policies=POLICIES)  # fmt: skip
    with pytest.MonkeyPatch.context() as mp:  # a block a ticket: each its own attributes
        mp.setattr(one_ticket, "BLOCK_EVENTS", 1)
        blocked = evaluate_frame(backwards, AT + timedelta(days=1), events=events,
                                 metrics=FRT, policies=POLICIES)  # fmt: skip
    assert blocked["policy"].tolist() == ["vip", "urgent"]
    pd.testing.assert_frame_equal(blocked, whole)
    with pytest.raises(InvalidModelError, match="'tags' column"):
        evaluate_frame(tickets.drop(columns="tags"), AT + timedelta(days=1), events=events,
                       metrics=FRT, policies=POLICIES[1:])  # fmt: skip


def test_bad_policies_are_typed() -> None:
    with pytest.raises(WrongTypeError, match=r"policies\[0\] must be a Policy"):
        evaluate(replied(1, timedelta(hours=1)), AT + timedelta(days=1), policies=[3])  # type: ignore[arg-type, list-item]
    with pytest.raises(InvalidModelError, match="twice"):
        Policy(name="x", targets=(MetricTargets(metric="a", targets=None),) * 2)


def test_the_plan_sets_targets_where_no_policy_does() -> None:
    """L2's update interval is the plan's to set (the manual leaves Basic without one)."""
    from slaclock import BASIC_PLAN, MANUAL_METRICS, Escalated, SupportLevel

    plan = BASIC_PLAN.model_copy(
        update={
            "metric_targets": (
                MetricTargets(metric="l2_update", targets=ResponseTargets.hours(2, 4, 8, 8)),
            )
        }
    )
    t = ticket(AT, priority=2).model_copy(
        update={
            "history": (
                Message(at=AT, author="customer"),
                Escalated(at=AT + timedelta(hours=1), to=SupportLevel.L2),
                Message(at=AT + timedelta(hours=2), author="agent"),
            )
        }
    )
    update = MANUAL_METRICS[0]
    m = evaluate(t, AT + timedelta(hours=7), plan, metrics=update).metrics["l2_update"]
    assert (m.target, m.state.value, m.elapsed) == (
        timedelta(hours=4),
        "breached",
        timedelta(hours=5),
    )
    assert evaluate(t, AT + timedelta(hours=7), metrics=update).metrics["l2_update"].target is None
