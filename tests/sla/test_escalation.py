"""Escalation (`sla/escalation.py`): the arguments its functions accept."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from slaclock import (
    BASIC_PLAN,
    Severity,
    SupportLevel,
    choose_vendor_direct,
    classify,
    escalate,
    next_levels,
    stay_with_provider,
    vendor_direct_offer,
)
from tests.support.bad_inputs import (
    AT,
    CLOSED,
    ESCALATION,
    MODEL,
    NAIVE,
    NUMBER_FOR_INSTANT,
    T4,
    WRONG_TYPE,
    Case,
    Gives,
    Raises,
    T,
    check,
    raises,
)
from tests.support.domain import ba

# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
    # -- escalation functions ---------------------------------------------------------------------
    ("classify-superscript", lambda: classify(T, "²", AT), raises(*MODEL, "severity '²'")),  # type: ignore[arg-type]
    ("classify-zero", lambda: classify(T, 0, AT), raises(*MODEL, "severity 0")),  # type: ignore[arg-type]
    (
        "classify-ticket-str",
        lambda: classify("T-1", 1, AT),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "ticket must be a Ticket, got str"),
    ),
    (
        "classify-closed",
        lambda: classify(CLOSED, Severity.MAJOR, ba(2026, 11, 20, 12)),
        raises(*ESCALATION, "is closed; cannot classify it"),
    ),
    ("classify-at-number", lambda: classify(T, 2, 5), raises(*NAIVE, "Classified.at")),  # type: ignore[arg-type]
    (
        "classify-fine",
        lambda: classify(T, "2", ba(2026, 11, 20, 11)).severity,  # type: ignore[arg-type]
        Gives(Severity.MAJOR),
    ),
    (
        "next-levels-plan-str",
        lambda: next_levels(T, "basic"),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "plan must be a ServicePlan"),
    ),
    (
        "escalate-ticket-dict",
        lambda: escalate({}, SupportLevel.L2, AT),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "ticket must be a Ticket"),
    ),
    (
        "vendor-direct-not-sev1",
        lambda: choose_vendor_direct(T4, AT),
        raises(*ESCALATION, "has no vendor-direct offer"),
    ),
    (
        "stay-plan-none-means-basic",
        lambda: stay_with_provider(T, AT, None),
        Gives(stay_with_provider(T, AT, BASIC_PLAN)),
    ),
    (
        "offer-at-number",
        lambda: vendor_direct_offer(T, 5),  # type: ignore[arg-type]
        raises(*NAIVE, "at " + NUMBER_FOR_INSTANT),
    ),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)
