"""`plan=None` means the Basic plan everywhere, so `help()` never prints a plan as a default."""

from __future__ import annotations

import inspect
import pydoc
from collections.abc import Callable
from datetime import date, timedelta

import pytest

import slaclock
from slaclock import (
    BASIC_PLAN,
    Alert,
    AlertKind,
    IntakeRules,
    ServicePlan,
    Severity,
    SupportLevel,
    WrongTypeError,
    alert_recipients,
    check_intake,
    choose_vendor_direct,
    escalate,
    is_public_mailbox,
    next_levels,
    remote_assistance,
    stay_with_provider,
    vendor_direct_offer,
)
from slaclock.sla.plan import plan_or_basic
from tests.support.bad_inputs import (
    MODEL,
    SEVERITY_CHOICES,
    Case,
    Gives,
    H,
    Raises,
    check,
    plan_with,
    raises,
)
from tests.support.domain import CONTRACT, ba, ticket

AT = ba(2026, 11, 20, 16, 30)  # Friday, 16:30 Buenos Aires
T = ticket(AT, priority=1)


def public_functions() -> list[Callable[..., object]]:
    found = []
    for name in slaclock.__all__:
        obj = getattr(slaclock, name)
        if inspect.isfunction(obj) and "plan" in inspect.signature(obj).parameters:
            found.append(obj)
    return found  # type: ignore[return-value]


def test_the_functions_taking_a_plan_are_found() -> None:
    names = {f.__name__ for f in public_functions()}
    assert {
        "alert_recipients",
        "check_intake",
        "choose_vendor_direct",
        "escalate",
        "evaluate",
        "evaluate_frame",
        "evaluate_many",
        "is_public_mailbox",
        "next_levels",
        "remote_assistance",
        "stay_with_provider",
        "vendor_direct_offer",
    } <= names


@pytest.mark.parametrize("function", public_functions(), ids=lambda f: f.__name__)
def test_plan_defaults_to_none_and_help_stays_short(function: Callable[..., object]) -> None:
    plan = inspect.signature(function).parameters["plan"]
    assert plan.default is None
    assert "None" in str(plan.annotation)
    assert "Basic" in (function.__doc__ or "")
    shown = pydoc.render_doc(function, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    assert "ServicePlan(" not in shown and "BusinessCalendar(" not in shown
    assert "datetime.timedelta(" not in shown


CALLS: list[tuple[str, Callable[[object], object]]] = [
    ("next_levels", lambda plan: next_levels(T, plan)),  # type: ignore[arg-type]
    (
        "escalate",
        lambda plan: escalate(T, SupportLevel.L2, AT + timedelta(minutes=5), plan),  # type: ignore[arg-type]
    ),
    ("vendor_direct_offer", lambda plan: vendor_direct_offer(T, AT, plan)),  # type: ignore[arg-type]
    ("choose_vendor_direct", lambda plan: choose_vendor_direct(T, AT, plan)),  # type: ignore[arg-type]
    ("stay_with_provider", lambda plan: stay_with_provider(T, AT, plan)),  # type: ignore[arg-type]
    ("is_public_mailbox", lambda plan: is_public_mailbox("ana@gmail.com", plan)),  # type: ignore[arg-type]
    ("check_intake", lambda plan: check_intake(T, CONTRACT, plan, first_request=True)),  # type: ignore[arg-type]
    ("remote_assistance", lambda plan: remote_assistance(AT, plan)),  # type: ignore[arg-type]
    (
        "alert_recipients",
        lambda plan: alert_recipients(
            Alert(kind=AlertKind.UPDATE, products=("Arcserve UDP",), subject="patch 3"),
            CONTRACT,
            AT,
            plan,  # type: ignore[arg-type]
        ),
    ),
]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_none_behaves_as_basic(name: str, call: Callable[[object], object]) -> None:
    assert call(None) == call(BASIC_PLAN)


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_other_plans_are_still_refused(name: str, call: Callable[[object], object]) -> None:
    with pytest.raises(WrongTypeError, match="plan must be a ServicePlan or None"):
        call("basic")


def test_the_default_is_used_without_naming_it() -> None:
    assert next_levels(T) == (SupportLevel.L2,)
    assert remote_assistance(AT).start == AT
    assert is_public_mailbox("x@yahoo.com.ar")
    assert (
        alert_recipients(
            Alert(kind=AlertKind.THREAT, products=("Arcserve Backup",), subject="CVE"),
            CONTRACT,
            ba(2026, 7, 1),
        )
        == ()
    )  # its maintenance ended on 2026-06-30
    assert date(2026, 6, 30) == CONTRACT.products[1].maintenance_end


def test_plan_or_basic() -> None:
    assert plan_or_basic(None) is BASIC_PLAN
    other = BASIC_PLAN.with_targets(major=timedelta(hours=4))
    assert plan_or_basic(other) is other
    with pytest.raises(WrongTypeError, match="or None for Basic"):
        plan_or_basic(BASIC_PLAN.calendar)  # type: ignore[arg-type]


# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
    # -- target(): only severities 1-4 ------------------------------------------------------------
    ("target-0", lambda: BASIC_PLAN.target(0), raises(*MODEL, "severity 0 " + SEVERITY_CHOICES)),  # type: ignore[arg-type]
    (
        "target-minus-1",
        lambda: BASIC_PLAN.target(-1),  # type: ignore[arg-type]
        raises(*MODEL, "severity -1 " + SEVERITY_CHOICES),
    ),
    ("target-5", lambda: BASIC_PLAN.target(5), raises(*MODEL, "severity 5 " + SEVERITY_CHOICES)),  # type: ignore[arg-type]
    ("target-true", lambda: BASIC_PLAN.target(True), raises(*MODEL, "severity True")),  # type: ignore[arg-type]
    ("target-float", lambda: BASIC_PLAN.target(1.0), raises(*MODEL, "severity 1.0")),  # type: ignore[arg-type]
    ("target-none", lambda: BASIC_PLAN.target(None), raises(*MODEL, "severity None")),  # type: ignore[arg-type]
    ("targets-index-0", lambda: BASIC_PLAN.targets[0], raises(*MODEL, "severity 0")),  # type: ignore[index]
    ("target-digit-str", lambda: BASIC_PLAN.target("2"), Gives(6 * H)),  # type: ignore[arg-type]
    ("target-name", lambda: BASIC_PLAN.target("minor"), Gives(12 * H)),  # type: ignore[arg-type]
    ("target-severity", lambda: BASIC_PLAN.target(Severity.CRITICAL), Gives(2 * H)),
    ("target-int-4", lambda: BASIC_PLAN.target(4), Gives(24 * H)),  # type: ignore[arg-type]
    # -- plans ------------------------------------------------------------------------------------
    (
        "intake-negative-limit",
        lambda: IntakeRules(max_attachment_bytes=-1),
        raises(*MODEL, "max_attachment_bytes: must not be negative, got -1; give the largest"),
    ),
    (
        "intake-zero-limit",
        lambda: IntakeRules(max_attachment_bytes=0).max_attachment_bytes,
        Gives(0),
    ),
    (
        "plan-without-L1",
        lambda: plan_with(levels={SupportLevel.L2}),
        raises(
            *MODEL, "levels: every plan includes L1, since cases arrive at the front line; add"
        ),
    ),
    (
        "plan-warning-0",
        lambda: plan_with(warning_percents=(0, 50)),
        raises(*MODEL, "0 would warn at once"),
    ),
    (
        "plan-warning-100",
        lambda: plan_with(warning_percents=(100,)),
        raises(*MODEL, "between 1 and 99"),
    ),
    ("plan-targets-str", lambda: plan_with(targets="2h"), raises(*MODEL, "targets")),
    (
        "plan-json-too-deep",
        lambda: ServicePlan.model_validate_json('{"tier": ' + "[" * 400 + "]" * 400 + "}"),
        raises(*MODEL, "nests deeper than the parser allows"),
    ),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)
