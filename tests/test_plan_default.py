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
from tests.domain import CONTRACT, ba, ticket

AT = ba(2026, 11, 20, 16, 30)  # Friday, 16:30 Buenos Aires
T = ticket(AT, priority=1)


def public_functions() -> list[Callable[..., object]]:
    found = []
    for name in slaclock.__all__:
        obj = getattr(slaclock, name)
        if inspect.isfunction(obj) and "plan" in inspect.signature(obj).parameters:
            found.append(obj)
    return found


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
    shown = pydoc.render_doc(function, renderer=pydoc.plaintext)
    assert "ServicePlan(" not in shown and "BusinessCalendar(" not in shown
    assert "datetime.timedelta(" not in shown


CALLS: list[tuple[str, Callable[[object], object]]] = [
    ("next_levels", lambda plan: next_levels(T, plan)),
    (
        "escalate",
        lambda plan: escalate(T, SupportLevel.L2, AT + timedelta(minutes=5), plan),
    ),
    ("vendor_direct_offer", lambda plan: vendor_direct_offer(T, AT, plan)),
    ("choose_vendor_direct", lambda plan: choose_vendor_direct(T, AT, plan)),
    ("stay_with_provider", lambda plan: stay_with_provider(T, AT, plan)),
    ("is_public_mailbox", lambda plan: is_public_mailbox("ana@gmail.com", plan)),
    ("check_intake", lambda plan: check_intake(T, CONTRACT, plan, first_request=True)),
    ("remote_assistance", lambda plan: remote_assistance(AT, plan)),
    (
        "alert_recipients",
        lambda plan: alert_recipients(
            Alert(kind=AlertKind.UPDATE, products=("Arcserve UDP",), subject="patch 3"),
            CONTRACT,
            AT,
            plan,
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
