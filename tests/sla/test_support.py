"""Support levels, tiers, channels and after-hours options (`sla/support.py`): the choices
they accept."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from slaclock import (
    BASIC_PLAN,
    Channel,
    Escalated,
    PlanCatalog,
    SupportLevel,
    Tier,
    UndefinedPlanError,
    escalate,
)
from tests.support.bad_inputs import (
    AT,
    AT_VENDOR,
    CLOSED,
    ESCALATION,
    MODEL,
    WRONG_TYPE,
    Case,
    Gives,
    Raises,
    T,
    check,
    plan_with,
    raises,
    ticket_json,
    ticket_with,
)
from tests.support.domain import ba

# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
    # -- choices: support levels, tiers, channels -------------------------------------------------
    (
        "escalate-L3",
        lambda: escalate(T, "L3", AT),  # type: ignore[arg-type]
        raises(*MODEL, "escalate to 'L3' is not a SupportLevel; use one of 'L1', 'L2', 'vendor'"),
    ),
    (
        "escalate-int",
        lambda: escalate(T, 2, AT),  # type: ignore[arg-type]
        raises(*MODEL, "escalate to 2 is not a SupportLevel"),
    ),
    ("escalate-lowercase", lambda: escalate(T, "l2", AT), raises(*MODEL, "'l2'")),  # type: ignore[arg-type]
    (
        "escalate-L1",
        lambda: escalate(T, SupportLevel.L1, AT),
        raises(*ESCALATION, "already at L1"),
    ),
    (
        "escalate-skip",
        lambda: escalate(T, SupportLevel.VENDOR, AT),
        raises(*ESCALATION, "levels cannot be skipped"),
    ),
    (
        "escalate-vendor-no-login",
        lambda: escalate(escalate(T, SupportLevel.L2, AT), SupportLevel.VENDOR, AT),
        raises(*ESCALATION, "pass customer_vendor_login=True"),
    ),
    (
        "escalate-past-vendor",
        lambda: escalate(AT_VENDOR, SupportLevel.VENDOR, ba(2026, 11, 20, 13)),
        raises(*ESCALATION, "already with the vendor"),
    ),
    (
        "escalate-closed",
        lambda: escalate(CLOSED, SupportLevel.L2, ba(2026, 11, 20, 12)),
        raises(*ESCALATION, "Only an open ticket moves on"),
    ),
    ("escalate-L2-str", lambda: escalate(T, "L2", AT).level, Gives(SupportLevel.L2)),  # type: ignore[arg-type]
    (
        "catalog-gold",
        lambda: PlanCatalog.builtin().get("gold"),
        raises(*MODEL, "tier 'gold' is not a Tier; use one of 'basic', 'advanced'"),
    ),
    (
        "catalog-int-tier",
        lambda: PlanCatalog.builtin().get(1),  # type: ignore[arg-type]
        raises(*MODEL, "tier 1 is not a Tier"),
    ),
    (
        "catalog-undefined",
        lambda: PlanCatalog.builtin().get("advanced"),
        raises(UndefinedPlanError, LookupError, "Define it with catalog.define"),
    ),
    ("catalog-basic", lambda: PlanCatalog.builtin().get("basic"), Gives(BASIC_PLAN)),
    (
        "catalog-key-gold",
        lambda: PlanCatalog({"gold": BASIC_PLAN}),  # type: ignore[dict-item]
        raises(*MODEL, "catalog key 'gold' is not a Tier"),
    ),
    (
        "catalog-tier-mismatch",
        lambda: PlanCatalog({Tier.ADVANCED: BASIC_PLAN}),
        raises(*MODEL, "filed under advanced; file it under its own tier (Tier.BASIC)"),
    ),
    (
        "catalog-list",
        lambda: PlanCatalog([BASIC_PLAN]),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "PlanCatalog(plans) must be a Mapping, got list"),
    ),
    (
        "catalog-plan-name",
        lambda: PlanCatalog({Tier.BASIC: "Basic Support"}),  # type: ignore[dict-item]
        raises(*WRONG_TYPE, "plan for basic must be a ServicePlan, got str"),
    ),
    (
        "catalog-define-str",
        lambda: PlanCatalog.builtin().define("basic"),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "define(plan) must be a ServicePlan"),
    ),
    ("plan-tier-gold", lambda: plan_with(tier="gold"), raises(*MODEL, "tier: Input should be")),
    (
        "ticket-channel-fax",
        lambda: ticket_with(channel="fax"),
        raises(*MODEL, "channel: Input should be"),
    ),
    ("ticket-channel-str", lambda: ticket_with(channel="phone").channel, Gives(Channel.PHONE)),
    (
        "escalated-to-L1",
        lambda: Escalated(at=AT, to=SupportLevel.L1),
        raises(*MODEL, "cannot be escalated to L1: it starts there. Escalate to L2"),
    ),
    (
        "history-json-to-L3",
        lambda: ticket_json(
            history=[{"kind": "escalated", "at": "2026-11-20T11:00:00-03:00", "to": "L3"}]
        ),
        raises(*MODEL, "history.0.escalated.to: Input should be 'L1', 'L2' or 'vendor'"),
    ),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)
