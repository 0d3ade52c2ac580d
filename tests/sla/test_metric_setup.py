"""The fixed part of evaluating metrics (`sla.metric_setup`): built once per metrics and
policies, answered by identity for the last call's tuples and by value for others, in
any thread; and the condition index that replaced hashing every condition per call."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from slaclock import MetricTargets, Policy, PolicyMatch, ResponseTargets
from slaclock.sla.builtin_metrics import MANUAL_METRICS, ZENDESK_METRICS
from slaclock.sla.metric_setup import any_of, metric_setup

URGENT = (
    Policy(
        name="urgent",
        when=PolicyMatch(severities={1}),
        targets=(
            MetricTargets(metric="first_reply_time", targets=ResponseTargets.hours(1, 1, 1, 1)),
        ),
    ),
)


def test_the_same_tuples_get_the_same_setup_and_other_policies_their_own() -> None:
    """The last call's tuples are recognised by identity; the same metrics under other
    policies (or an equal copy of the metrics) are not mistaken for them."""
    metrics = tuple(ZENDESK_METRICS)
    plain = metric_setup(metrics, ())
    assert metric_setup(metrics, ()) is plain
    with_policy = metric_setup(metrics, URGENT)
    assert with_policy.policies == URGENT and plain.policies == ()
    assert plain.targets is None and with_policy.targets is not None  # the policy's target
    assert metric_setup(metrics, ()) is plain  # back again: from the cache by value
    copy = tuple(m.model_copy() for m in metrics)
    assert metric_setup(copy, ()).metrics == metrics


def test_threads_alternating_two_metric_sets_each_get_their_own() -> None:
    """Threads that interleave two metric tuples never read the other's setup."""
    a, b = tuple(ZENDESK_METRICS), tuple(MANUAL_METRICS)

    def check(k: int) -> bool:
        metrics = a if k % 2 else b
        return all(metric_setup(metrics, ()).metrics is metrics for _ in range(200))

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(check, range(16)))


def test_each_role_names_the_conditions_of_its_metric() -> None:
    """Every machine's start, stop, cancel and reset conditions, and every metric's pause
    conditions, are the ones the index points at, in order."""
    for metrics in (tuple(ZENDESK_METRICS), tuple(MANUAL_METRICS)):
        setup = metric_setup(metrics, ())
        for k, machine in enumerate(setup.machines):
            for role in ("start", "stop", "cancel", "reset"):
                uses = getattr(setup, f"{role}_uses")[k]
                assert tuple(setup.event_conditions[j] for j in uses) == getattr(machine, role)
        for k, metric in enumerate(metrics):
            assert tuple(setup.state_conditions[j] for j in setup.pause_uses[k]) == metric.pause


def test_any_of_is_the_union_of_the_masks_named() -> None:
    masks = [np.array([True, False, False]), np.array([False, False, True])]
    out = any_of(masks, ((0, 1), (), (1,)), 3)
    assert out.tolist() == [[True, False, True], [False, False, False], [False, False, True]]
