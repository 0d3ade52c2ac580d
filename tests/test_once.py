"""Values made on first use (`slaclock._once`): once, the same object everywhere, in
threads and forked children; and `import slaclock` validating no model."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest

import slaclock
from slaclock import (
    BASIC_HOURS,
    BASIC_PLAN,
    MANUAL_METRICS,
    ZENDESK_METRICS,
    BusinessCalendar,
    HolidayRules,
    Policy,
    PolicyMatch,
    ResponseTargets,
    ServicePlan,
    Tier,
    WeeklySchedule,
)
from slaclock._once import once
from slaclock.limits import Limits
from slaclock.sla import builtin_metrics
from slaclock.sla.plan import IntakeRules, plan_or_basic


def test_made_once_and_the_same_object_in_every_thread() -> None:
    calls = []
    gate = threading.Event()

    def make() -> object:
        calls.append(1)
        gate.wait(5)
        return object()

    value = once(make)
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(value())) for _ in range(16)]
    for t in threads:
        t.start()
    time.sleep(0.05)  # every thread is waiting for the first to finish
    gate.set()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(got) == 16 and all(g is got[0] for g in got)
    assert value() is got[0]


def test_a_value_may_need_another_and_a_failure_is_retried() -> None:
    inner = once(lambda: [1])
    outer = once(lambda: (inner(), 2))
    assert outer() == ([1], 2) and outer()[0] is inner()
    tries: list[int] = []

    def flaky() -> int:
        tries.append(1)
        if len(tries) == 1:
            raise RuntimeError("first try")
        return 7

    value = once(flaky)
    with pytest.raises(RuntimeError):
        value()
    assert value() == 7 and value() == 7 and len(tries) == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_child_forked_while_a_value_is_being_made_can_make_its_own() -> None:
    inside, release = threading.Event(), threading.Event()

    def slow() -> int:
        inside.set()
        release.wait(10)
        return 1

    held = once(slow)
    other = once(lambda: 2)
    maker = threading.Thread(target=held)
    maker.start()
    assert inside.wait(5)  # the maker holds the lock now
    pid = os.fork()
    if pid == 0:  # the child: the maker thread is gone, its lock must not be
        os._exit(0 if other() == 2 else 1)
    deadline = time.monotonic() + 30
    status = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.01)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    release.set()
    maker.join()
    assert status is not None and os.waitstatus_to_exitcode(status) == 0


def test_import_validates_no_model() -> None:
    """The first validation in a process is where pydantic builds its validators and
    looks for plugins: `import slaclock` leaves it to the first use."""
    code = (
        "import pydantic, slaclock\n"
        "def subs(c):\n"
        "    for s in c.__subclasses__():\n"
        "        yield s\n"
        "        yield from subs(s)\n"
        "built = [c.__name__ for c in subs(pydantic.BaseModel)\n"
        "         if c.__module__.startswith('slaclock') and c.__pydantic_complete__]\n"
        "print(','.join(built))\n"
        "print(slaclock.BASIC_PLAN.calendar.add.__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    built, used = out.stdout.splitlines()
    assert built == ""
    assert used == "add"


def test_the_built_in_values_are_one_object_wherever_they_are_read() -> None:
    assert slaclock.BASIC_PLAN is BASIC_PLAN is plan_or_basic(None)
    assert slaclock.sla.plan.BASIC_PLAN is BASIC_PLAN
    assert builtin_metrics.ZENDESK_METRICS is ZENDESK_METRICS is slaclock.ZENDESK_METRICS
    assert builtin_metrics.MANUAL_METRICS is MANUAL_METRICS
    assert BusinessCalendar().schedule is BASIC_HOURS
    assert Limits.current() is Limits.current()
    for name in ("BASIC_HOURS", "BASIC_PLAN", "MANUAL_METRICS", "ZENDESK_METRICS"):
        assert name in dir(slaclock) and name in slaclock.__all__
    with pytest.raises(AttributeError, match="no attribute 'BASIC_PLANS'"):
        _ = slaclock.BASIC_PLANS  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        _ = builtin_metrics.OTHER_METRICS  # type: ignore[attr-defined]


def test_the_built_in_values_are_what_they_were_when_made_at_import() -> None:
    assert WeeklySchedule.weekdays("09:00-17:00") == BASIC_HOURS
    assert (
        ServicePlan(
            tier=Tier.BASIC,
            name="Basic Support",
            targets=ResponseTargets.hours(2, 6, 12, 24),
            calendar=BusinessCalendar(schedule=BASIC_HOURS, holidays=HolidayRules()),
            intake=IntakeRules(),
        )
        == BASIC_PLAN
    )
    assert BASIC_PLAN.target(slaclock.Severity(1)) == timedelta(hours=2)
    assert Policy(name="p", targets=()).when == PolicyMatch()
    assert Limits.current() == Limits()
    # A default that is made, not stored, is still shown as a default.
    assert repr(BusinessCalendar()) == repr(BusinessCalendar(schedule=BASIC_HOURS))
    assert [m.name for m in ZENDESK_METRICS][:2] == ["first_reply_time", "next_reply_time"]
    assert len(ZENDESK_METRICS) == 10 and len(MANUAL_METRICS) == 4
