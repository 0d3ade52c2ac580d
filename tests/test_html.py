"""Jupyter displays: well-formed HTML (it parses as XML), the key facts, user text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    Closure,
    HolidayRules,
    Responded,
    ServicePlan,
    SupportLevel,
    Ticket,
    Tier,
    argentina,
    classify,
    escalate,
    evaluate,
    what_if,
)
from slaclock import _html as h
from slaclock.calendar.display import shown_year
from tests.support.domain import CONTRACT, ba, ticket

AT = ba(2026, 11, 20, 16, 30)
SCRIPT = "<script>alert('x')</script>"


def parse(markup: str) -> ET.Element:
    """The markup as an XML tree: fails unless every element is closed and every & escaped."""
    return ET.fromstring(markup)


def text_of(markup: str) -> str:
    """All the text a reader sees, entities decoded."""
    return " ".join(" ".join(parse(markup).itertext()).split())


def checked(markup: str) -> str:
    """Well-formed, no raw script element, and the text a reader sees."""
    parse(markup)
    assert "<script" not in markup
    return text_of(markup)


# -- the helper ----------------------------------------------------------------------------
def test_escape_passes_its_own_markup_through() -> None:
    made = h.element("b", "x < y")
    assert made == "<b>x &lt; y</b>"
    assert h.escape(made) is made
    assert h.escape("a & 'b' \"c\"") == "a &amp; &#x27;b&#x27; &quot;c&quot;"


def test_characters_xml_cannot_carry_are_replaced() -> None:
    assert h.escape("a\x00b\x1fc\ud800") == "a\ufffdb\ufffdc\ufffd"


@given(st.text())
def test_any_text_round_trips_through_a_table(s: str) -> None:
    markup = h.table(["k", s], [[s, h.escape(s)]], caption=s or None)
    seen = list(parse(markup).itertext())
    expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]", "\ufffd", s)
    expected = expected.replace("\r\n", "\n").replace("\r", "\n")  # XML's end-of-line rule
    if expected:
        assert seen.count(expected) >= 3


@pytest.mark.parametrize(
    ("fraction", "over"), [(0.0, False), (0.5, False), (0.9, False), (1.0, False), (2.5, True)]
)
def test_the_bar_shows_an_overrun(fraction: float, over: bool) -> None:
    markup = h.bar(fraction)
    text = checked(markup)
    assert f"{100 * fraction:.0f}% of target" in text
    assert ("(over)" in text) is over
    assert ("100% of the target" in markup) is over  # the line marking 100%
    assert ("#c62828" in markup) is over  # red only past the deadline
    if over:
        assert "width:100.00%" in markup and "left:40.00%" in markup


def test_the_bar_is_red_when_late_at_exactly_the_target() -> None:
    markup = h.bar(1.0, late=True)
    assert "#c62828" in markup and "100% of target (deadline passed)" in text_of(markup)
    assert "100% of the target" not in markup  # no overrun to mark


def test_the_bar_of_nan_is_empty() -> None:
    assert "width:0.00%" in h.bar(float("nan"))


# -- calendars -----------------------------------------------------------------------------
def test_calendar_shows_weekly_hours_and_a_years_closed_days() -> None:
    cal = argentina(
        hours=["09:00-13:00", "14:00-18:00"],
        closures=[
            Closure(day=date(2026, 12, 24), hours="13:00-17:00", reason=SCRIPT),
            Closure(day=date(2026, 12, 31), reason="year end"),
        ],
        reopened=[date(2026, 12, 7)],
    )
    cal.add(AT, timedelta(hours=2))  # the engine builds 2026
    markup = cal._repr_html_()
    text = checked(markup)
    assert "Closed days in 2026 (the latest year this calendar has computed)" in text
    for fact in (
        "Monday 09:00-13:00 14:00-18:00 8h",
        "Saturday closed 0h",
        "40h a week",
        "2026-11-23 Mon all day National Sovereignty Day holiday",
        "2026-12-24 Thu 13:00-17:00 " + SCRIPT + " closure",
        "2026-12-31 Thu all day year end closure",
        "2026-12-07 Mon open Bridge Public Holiday (re-opened) re-opened",
        "non-working day",
        "America/Argentina/Buenos_Aires | Mon-Fri 09:00-13:00, 14:00-18:00",
    ):
        assert fact in text, fact
    assert "&lt;script&gt;" in markup
    assert re.search(r"\d+ more holiday\(s\) fall on days without hours", text)


def test_calendar_year_comes_from_what_the_calendar_knows() -> None:
    fresh = argentina()
    info = fresh.holiday_data()
    assert info is not None and info.complete_through is not None
    assert shown_year(fresh) == (
        info.complete_through,
        "the last year its holiday data is complete for",
    )
    assert f"Closed days in {info.complete_through}" in text_of(fresh._repr_html_())

    used = argentina()
    used.add(ba(2031, 3, 2, 10), timedelta(hours=1))
    year, why = shown_year(used) or (0, "")
    assert year >= 2031 and why == "the latest year this calendar has computed"
    assert "Provisional" in text_of(used._repr_html_())

    own = BusinessCalendar(holidays=None, closures=(Closure(day=date(2029, 5, 2)),))
    assert shown_year(own) == (2029, "the year of its first listed date")
    assert "2029-05-02 Wed all day closure closure" in text_of(own._repr_html_())

    bare = BusinessCalendar(holidays=None)
    assert shown_year(bare) is None
    assert "No closed days to list" in text_of(bare._repr_html_())


def test_calendar_without_decreed_data_uses_its_first_listed_date() -> None:
    cal = BusinessCalendar(
        zone="Europe/Madrid",
        holidays=HolidayRules(country="ES", language=None),
        closures=(Closure(day=date(2027, 8, 14), reason="summer"),),
    )
    chosen = shown_year(cal)
    assert chosen is not None
    info = cal.holiday_data()
    if info is not None and info.complete_through is None:
        assert chosen == (2027, "the year of its first listed date")
    text = checked(cal._repr_html_())
    assert "summer" in text


# -- plans ---------------------------------------------------------------------------------
def test_plan_shows_the_target_matrix_and_calendar() -> None:
    text = checked(BASIC_PLAN._repr_html_())
    assert "Basic Support (basic tier)" in text
    assert "1 critical production or critical system down" in text
    for row in ("critical", "major", "minor", "informational"):
        assert row in text
    for target in (" 2h", " 6h", " 12h", " 24h"):
        assert target in text
    assert "America/Argentina/Buenos_Aires | Mon-Fri 09:00-17:00 | holidays AR public" in text
    assert "creation assisted only" in text and "L1, L2" in text


def test_plan_escapes_its_name() -> None:
    plan = ServicePlan(tier=Tier.PREMIUM, name=SCRIPT, targets=BASIC_PLAN.targets)
    markup = plan._repr_html_()
    assert SCRIPT in checked(markup)
    assert "&lt;script&gt;" in markup


# -- tickets and statuses -------------------------------------------------------------------
def a_ticket(**kw: object) -> Ticket:
    t = ticket(AT, priority=1, **{"id": "CAS-1", **kw})
    t = classify(t, 2, AT + timedelta(minutes=10), note=SCRIPT)  # type: ignore[arg-type]
    return escalate(t, SupportLevel.L2, AT + timedelta(minutes=20))


def test_ticket_shows_header_and_history() -> None:
    t = a_ticket(subject=SCRIPT)
    markup = t._repr_html_()
    text = checked(markup)
    assert f"Ticket CAS-1: {SCRIPT}" in text
    for fact in (
        "customer ACME SA",
        "Arcserve UDP 10.0 (Arcserve)",
        "priority 1 total service loss",
        "severity 2 major (confirmed)",
        "channel web portal",
        "received Fri 2026-11-20 16:30 -03:00",
        "state open, at L2",
        f"1 Fri 2026-11-20 16:40 -03:00 classified severity: 2 major; note: {SCRIPT}",
        "2 Fri 2026-11-20 16:50 -03:00 escalated to: L2",
    ):
        assert fact in text, fact


def test_ticket_without_events() -> None:
    assert "No events yet." in checked(ticket(AT)._repr_html_())


def test_status_card_shows_state_deadline_and_the_fraction_used() -> None:
    t = a_ticket(id=SCRIPT)
    breached = evaluate(t, AT + timedelta(days=5))
    markup = breached._repr_html_()
    text = checked(markup)
    assert f"SLA {SCRIPT} breached" in text
    assert "deadline Tue 2026-11-24 14:30 -03:00" in text
    assert "elapsed / target 16h / 6h" in text
    assert "267% of target (over)" in text
    # Answered at 08:30, after a deadline that fell at the previous closing: 100%, but late.
    answered = ticket(ba(2026, 11, 19, 15), priority=1).apply(
        Responded(at=ba(2026, 11, 20, 8, 30))
    )  # due at 17:00 on the 19th
    late = evaluate(answered, AT)
    assert late.breached and late.fraction_used == 1.0
    text = checked(late._repr_html_())
    assert "100% of target (deadline passed)" in text and "#c62828" in late._repr_html_()
    running = evaluate(t, AT + timedelta(hours=1))
    text = checked(running._repr_html_())
    assert "running" in text and "(over)" not in text and "8% of target" in text


def test_status_card_of_a_ticket_not_entitled_lists_why() -> None:
    lapsed = CONTRACT.model_copy(
        update={
            "products": (
                CONTRACT.products[0].model_copy(update={"maintenance_end": date(2026, 1, 1)}),
            )
        }
    )
    status = evaluate(ticket(AT), AT, contract=lapsed)
    text = checked(status._repr_html_())
    assert "not entitled" in text and "maintenance_expired" in text
    assert "of target" not in text  # no bar without a deadline


# -- explanations and what-if --------------------------------------------------------------
def test_explanation_shows_periods_and_skipped_days() -> None:
    cal = argentina(closures=[Closure(day=date(2026, 11, 24), hours="09:00-10:00", reason=SCRIPT)])
    markup = cal.explain(AT, timedelta(hours=2))._repr_html_()
    text = checked(markup)
    for fact in (
        "Deadline Tue 2026-11-24 11:30 -03:00",
        "received Fri 2026-11-20 16:30 -03:00",
        "target 2h of business time",
        "Fri 2026-11-20 16:30 -03:00 Fri 2026-11-20 17:00 -03:00 30m 30m",
        "Tue 2026-11-24 10:00 -03:00 Tue 2026-11-24 11:30 -03:00 1h30m 2h",
        "2026-11-23 Mon all day National Sovereignty Day holiday",
        f"2026-11-24 Tue 09:00-10:00 {SCRIPT} closure",
        "Holidays: holidays",
    ):
        assert fact in text, fact


def test_explanation_clock_start_and_nothing_skipped() -> None:
    text = checked(argentina().explain(ba(2026, 11, 19, 8), timedelta(hours=1))._repr_html_())
    assert "clock starts Thu 2026-11-19 09:00 -03:00 (next opening)" in text
    assert "No scheduled day was skipped." in text


def test_what_if_shows_the_overall_table() -> None:
    df = pd.DataFrame(
        {
            "received": [AT, AT + timedelta(hours=1), AT - timedelta(days=3)],
            "severity": [1, 2, 4],
            "responded_at": [AT + timedelta(hours=20), None, AT - timedelta(days=3, hours=-1)],
        }
    )
    result = what_if(
        df,
        ba(2026, 12, 1),
        {"Basic": BASIC_PLAN, SCRIPT: BASIC_PLAN.with_calendar(argentina(hours="08:00-18:00"))},
    )
    markup = result._repr_html_()
    text = checked(markup)
    assert "scenario tickets met breached running breach rate median used p90 used" in text
    assert "Basic 3 2 1 0 33.3%" in text
    assert f"{SCRIPT} 3" in text
    assert "ticket(s) flip between met and breached against 'Basic'" in text
