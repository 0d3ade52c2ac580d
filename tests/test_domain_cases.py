"""The manual's rules (SPEC §2-§6) as concrete examples."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from slaclock import (
    BASIC_PLAN,
    Alert,
    AlertKind,
    Attachment,
    Channel,
    Contact,
    CoveredProduct,
    EntitlementError,
    EscalationError,
    FindingCode,
    InvalidModelError,
    Paused,
    PlanCatalog,
    Priority,
    Responded,
    ResponseTargets,
    Resumed,
    ServicePlan,
    Severity,
    SlaclockError,
    SlaState,
    SupportLevel,
    TicketEventError,
    Tier,
    TooManyContactsError,
    UndefinedPlanError,
    alert_recipients,
    check_intake,
    choose_vendor_direct,
    classify,
    escalate,
    evaluate,
    evaluate_many,
    next_levels,
    remote_assistance,
    stay_with_provider,
    vendor_direct_offer,
)
from tests.domain import ANA, CONTRACT, EVA, LUIS, ba, ticket

H = timedelta(hours=1)


# -- §2 severities and targets ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "due"),
    [
        # Received Friday 2026-11-27 16:00: 1 h on Friday, the rest from Monday 09:00.
        (1, ba(2026, 11, 30, 10)),
        (2, ba(2026, 11, 30, 14)),
        (3, ba(2026, 12, 1, 12)),
        # 24 h: Mon 8 h, Tue 8 h, Wed 7 h.
        (4, ba(2026, 12, 2, 16)),
    ],
)
def test_each_severity_across_a_weekend(severity: int, due: object) -> None:
    t = ticket(ba(2026, 11, 27, 16), priority=severity)
    status = evaluate(t, ba(2026, 11, 27, 16, 30))
    assert status.deadline == due
    assert status.target == BASIC_PLAN.target(Severity(severity))
    assert status.state is SlaState.RUNNING


@pytest.mark.parametrize(
    ("severity", "due"),
    [
        # Received Friday 2026-12-04 16:00; Mon 7 Dec (bridge) and Tue 8 Dec are closed.
        (1, ba(2026, 12, 9, 10)),
        (2, ba(2026, 12, 9, 14)),
        (3, ba(2026, 12, 10, 12)),
        (4, ba(2026, 12, 11, 16)),
    ],
)
def test_each_severity_across_a_holiday(severity: int, due: object) -> None:
    assert (
        evaluate(ticket(ba(2026, 12, 4, 16), priority=severity), ba(2026, 12, 4, 16)).deadline
        == due
    )


def test_targets_are_the_manuals() -> None:
    assert [BASIC_PLAN.target(s) for s in Severity] == [2 * H, 6 * H, 12 * H, 24 * H]
    assert Priority.TOTAL_SERVICE_LOSS.severity is Severity.CRITICAL
    assert "no workaround" in Severity.CRITICAL.meaning


def test_reclassification_uses_confirmed_target_from_receipt() -> None:
    t = ticket(ba(2026, 11, 24, 9), priority=4)
    assert evaluate(t, ba(2026, 11, 24, 9)).deadline == ba(2026, 11, 26, 17)
    t = classify(t, Severity.CRITICAL, ba(2026, 11, 24, 10))
    status = evaluate(t, ba(2026, 11, 24, 10))
    assert status.severity_confirmed
    assert status.deadline == ba(2026, 11, 24, 11)  # 2 h from receipt, not from confirmation
    restart = BASIC_PLAN.model_copy(update={"restart_clock_on_reclassification": True})
    assert evaluate(t, ba(2026, 11, 24, 10), restart).deadline == ba(2026, 11, 24, 12)


def test_met_breached_and_breach_instant() -> None:
    t = ticket(ba(2026, 11, 24, 9))
    assert evaluate(t, ba(2026, 11, 24, 11)).state is SlaState.RUNNING  # exactly at the deadline
    late = evaluate(t, ba(2026, 11, 24, 11, 0, 0, 1))
    assert late.state is SlaState.BREACHED
    assert late.breach_at == ba(2026, 11, 24, 11)
    answered = t.apply(Responded(at=ba(2026, 11, 24, 10, 59)))
    met = evaluate(answered, ba(2026, 11, 30, 9))
    assert met.state is SlaState.MET
    assert met.elapsed == timedelta(hours=1, minutes=59)
    assert met.fraction_used == 119 / 120  # a float64: elapsed / target
    assert met.warnings == (50, 75, 90)
    assert met.stopped_at == ba(2026, 11, 24, 10, 59)


def test_status_ignores_events_after_now() -> None:
    t = ticket(ba(2026, 11, 24, 9)).apply(Responded(at=ba(2026, 11, 24, 10)))
    assert evaluate(t, ba(2026, 11, 24, 9, 30)).state is SlaState.RUNNING
    assert evaluate(t, ba(2026, 11, 24, 10)).state is SlaState.MET


# -- §3 tiers, contracts, entitlement --------------------------------------------------------


def test_only_basic_is_built_in() -> None:
    catalog = PlanCatalog.builtin()
    assert catalog.get(Tier.BASIC) is BASIC_PLAN
    for tier in (Tier.ADVANCED, Tier.MANAGED_SERVICES, Tier.PREMIUM):
        with pytest.raises(UndefinedPlanError, match="define"):
            catalog.get(tier)
    premium = ServicePlan(
        tier=Tier.PREMIUM,
        name="Premium (ours)",
        targets=ResponseTargets.hours(1, 2, 4, 8),
        channels=frozenset({Channel.EMAIL, Channel.WEB_PORTAL, Channel.PHONE}),
        vendor_follow_up=True,
    )
    assert catalog.define(premium).get("premium").target(Severity.CRITICAL) == H


def test_basic_plan_scope() -> None:
    assert BASIC_PLAN.levels == {SupportLevel.L1, SupportLevel.L2}
    assert BASIC_PLAN.channels == {Channel.EMAIL, Channel.WEB_PORTAL}
    assert not BASIC_PLAN.vendor_follow_up
    assert str(BASIC_PLAN.calendar.schedule) == "Mon-Fri 09:00-17:00"


def test_a_third_contact_is_refused() -> None:
    with pytest.raises(TooManyContactsError, match="at most 2"):
        CoveredProduct(
            title="Arcserve UDP", maintenance_end=date(2027, 1, 1), contacts=(ANA, LUIS, EVA)
        )


def test_contact_fields_are_validated() -> None:
    with pytest.raises(InvalidModelError, match="email"):
        Contact(first_name="Ana", last_name="Gómez", email="ana-at-acme", phone="+54 11 4321 0000")
    with pytest.raises(InvalidModelError, match="phone"):
        Contact(first_name="Ana", last_name="Gómez", email="ana@acme.com", phone="call me")
    with pytest.raises(SlaclockError):
        Contact(first_name=" ", last_name="Gómez", email="ana@acme.com", phone="4321 0000")


def test_entitlement_reasons() -> None:
    at = ba(2026, 11, 24, 10)
    ok = CONTRACT.entitlement("arcserve udp", ANA.email, at, BASIC_PLAN.calendar.zone)
    assert ok.entitled and ok.product is not None and ok.product.title == "Arcserve UDP"
    codes = lambda e: [p.code for p in e.problems]  # noqa: E731
    assert codes(
        CONTRACT.entitlement("Arcserve UDP", "mallory@acme.com.ar", at, BASIC_PLAN.calendar.zone)
    ) == [FindingCode.NOT_DESIGNATED_CONTACT]
    assert codes(
        CONTRACT.entitlement("Arcserve Backup", EVA.email, at, BASIC_PLAN.calendar.zone)
    ) == [FindingCode.MAINTENANCE_EXPIRED]
    assert codes(CONTRACT.entitlement("Veeam", ANA.email, at, BASIC_PLAN.calendar.zone)) == [
        FindingCode.PRODUCT_NOT_COVERED
    ]


def test_expired_contract_is_not_entitled_but_a_covered_ticket_keeps_its_deadline() -> None:
    expired = ticket(ba(2026, 7, 1, 10), product="Arcserve Backup", requester=EVA)
    status = evaluate(expired, ba(2026, 7, 1, 11), contract=CONTRACT)
    assert status.state is SlaState.NOT_ENTITLED
    assert [p.code for p in status.problems] == [FindingCode.MAINTENANCE_EXPIRED]
    # Received on the last covered day at 16:30, due after maintenance ended: still tracked.
    last_day = ticket(ba(2026, 6, 30, 16, 30), product="Arcserve Backup", requester=EVA)
    status = evaluate(last_day, ba(2026, 7, 1, 9), contract=CONTRACT)
    assert status.state is SlaState.RUNNING
    assert status.deadline == ba(2026, 7, 1, 10, 30)


def test_maintenance_end_is_read_in_the_calendar_zone() -> None:
    # 2026-07-01 01:00 UTC is still 2026-06-30 in Buenos Aires: covered.
    from datetime import datetime, timezone

    t = ticket(
        datetime(2026, 7, 1, 1, tzinfo=timezone.utc), product="Arcserve Backup", requester=EVA
    )
    assert evaluate(t, ba(2026, 7, 1, 9), contract=CONTRACT).state is not SlaState.NOT_ENTITLED


def test_contract_of_another_customer_is_an_error() -> None:
    with pytest.raises(EntitlementError, match="contract"):
        evaluate(
            ticket(ba(2026, 11, 24, 9), customer="Other SA"),
            ba(2026, 11, 24, 9),
            contract=CONTRACT,
        )


# -- §4 intake --------------------------------------------------------------------------------


def test_intake_findings() -> None:
    bad = ticket(
        ba(2026, 11, 24, 9),
        channel=Channel.EMAIL,
        signature="Saludos, Ana",
        requester=Contact(
            first_name="Ana", last_name="Gómez", email="ana.gomez@gmail.com", phone="11 4321 0000"
        ),
        attachments=(
            Attachment(filename="logs.7z", size_bytes=1000),
            Attachment(filename="big.zip", size_bytes=11 * 1024 * 1024),
            Attachment(filename="x.zip", size_bytes=10, suspicious=True),
        ),
    )
    codes = [f.code for f in check_intake(bad, CONTRACT, first_request=True)]
    assert codes == [
        FindingCode.MISSING_SIGNATURE,
        FindingCode.PUBLIC_MAILBOX,
        FindingCode.ATTACHMENT_TYPE,
        FindingCode.ATTACHMENT_TOO_LARGE,
        FindingCode.ATTACHMENT_SUSPICIOUS,
        FindingCode.NOT_DESIGNATED_CONTACT,
    ]
    good = ticket(
        ba(2026, 11, 24, 9),
        channel=Channel.EMAIL,
        signature="Saludos,\nANA GOMEZ\nACME SA",
        attachments=(Attachment(filename="logs.ZIP", size_bytes=10 * 1024 * 1024),),
    )
    assert check_intake(good, CONTRACT, first_request=True) == ()
    phone = ticket(ba(2026, 11, 24, 9), channel=Channel.PHONE)
    assert [f.code for f in check_intake(phone, None, first_request=False)] == [
        FindingCode.CHANNEL_NOT_INCLUDED,
        FindingCode.NO_CONTRACT,
    ]


# -- §5 escalation ------------------------------------------------------------------------------


def test_vendor_path_without_skipping() -> None:
    t = classify(ticket(ba(2026, 11, 24, 9), priority=2), Severity.MAJOR, ba(2026, 11, 24, 9, 10))
    assert next_levels(t) == (SupportLevel.L2,)
    with pytest.raises(EscalationError, match="skipped"):
        escalate(t, SupportLevel.VENDOR, ba(2026, 11, 24, 10), customer_vendor_login=True)
    t = escalate(t, SupportLevel.L2, ba(2026, 11, 24, 10))
    assert t.level is SupportLevel.L2
    with pytest.raises(EscalationError, match="login"):
        escalate(t, SupportLevel.VENDOR, ba(2026, 11, 25, 10))
    t = escalate(
        t,
        SupportLevel.VENDOR,
        ba(2026, 11, 25, 10),
        vendor_case_id="ARC-1",
        customer_vendor_login=True,
    )
    assert t.level is SupportLevel.VENDOR and next_levels(t) == ()
    # No response before the hand-over, which came after the 6 h deadline: breached.
    assert evaluate(t, ba(2026, 11, 26, 9)).state is SlaState.BREACHED
    with pytest.raises(EscalationError, match="already with the vendor"):
        escalate(t, SupportLevel.VENDOR, ba(2026, 11, 26, 9), customer_vendor_login=True)


def test_handed_to_vendor_within_target() -> None:
    t = escalate(ticket(ba(2026, 11, 24, 9), priority=4), SupportLevel.L2, ba(2026, 11, 24, 9, 30))
    t = escalate(t, SupportLevel.VENDOR, ba(2026, 11, 24, 10), customer_vendor_login=True)
    assert evaluate(t, ba(2026, 12, 24, 10)).state is SlaState.HANDED_TO_VENDOR


def test_severity_1_vendor_direct_offer() -> None:
    t = classify(ticket(ba(2026, 11, 20, 16, 30)), Severity.CRITICAL, ba(2026, 11, 20, 16, 40))
    offer = vendor_direct_offer(t, ba(2026, 11, 20, 16, 45))
    assert offer is not None
    assert offer.resumes_at == ba(2026, 11, 24, 9)  # Monday 23 is a holiday
    assert offer.paid_follow_up_available
    stayed = stay_with_provider(t, ba(2026, 11, 20, 16, 45))
    assert stayed.level is SupportLevel.L1
    direct = choose_vendor_direct(t, ba(2026, 11, 20, 16, 45))
    assert direct.level is SupportLevel.VENDOR
    assert evaluate(direct, ba(2026, 11, 30, 9)).state is SlaState.HANDED_TO_VENDOR
    minor = ticket(ba(2026, 11, 20, 16, 30), priority=3)
    assert vendor_direct_offer(minor, ba(2026, 11, 20, 16, 45)) is None
    with pytest.raises(EscalationError, match="severity-1"):
        choose_vendor_direct(minor, ba(2026, 11, 20, 16, 45))


def test_remote_assistance_only_in_business_hours() -> None:
    inside = remote_assistance(ba(2026, 11, 24, 10))
    assert inside.in_business_hours and inside.start == ba(2026, 11, 24, 10)
    assert not inside.now_is_billable
    night = remote_assistance(ba(2026, 11, 20, 20))
    assert night.start == ba(2026, 11, 24, 9)
    assert night.first_hour_end == ba(2026, 11, 24, 10)
    assert night.now_is_billable and night.paid_now_available


def test_pausing_needs_a_plan_that_allows_it() -> None:
    t = ticket(ba(2026, 11, 24, 9), priority=2)
    t = t.apply(Paused(at=ba(2026, 11, 24, 10))).apply(Resumed(at=ba(2026, 11, 24, 12)))
    with pytest.raises(TicketEventError, match="pausing"):
        evaluate(t, ba(2026, 11, 24, 13))
    pausable = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
    status = evaluate(t, ba(2026, 11, 24, 13), pausable)
    assert status.deadline == ba(2026, 11, 24, 17)  # 6 h + 2 h paused
    assert status.elapsed == 2 * H
    paused = ticket(ba(2026, 11, 24, 9), priority=2).apply(Paused(at=ba(2026, 11, 24, 10)))
    assert evaluate(paused, ba(2026, 11, 24, 16), pausable).state is SlaState.PAUSED


def test_ticket_history_must_be_in_time_order() -> None:
    t = ticket(ba(2026, 11, 24, 9))
    with pytest.raises(TicketEventError, match="time order"):
        t.apply(Responded(at=ba(2026, 11, 24, 8)))


# -- §6 notifications ---------------------------------------------------------------------------


def test_alert_recipients_are_contacts_of_titles_in_maintenance() -> None:
    alert = Alert(
        kind=AlertKind.THREAT,
        products=("Arcserve UDP", "Arcserve Backup"),
        subject="CVE",
        risk_level="high",
    )
    assert alert_recipients(alert, CONTRACT, ba(2026, 5, 1, 12)) == (ANA, LUIS, EVA)
    assert alert_recipients(alert, CONTRACT, ba(2026, 7, 1, 12)) == (ANA, LUIS)
    assert alert_recipients(alert, CONTRACT, ba(2027, 1, 1, 12)) == ()


# -- batch ----------------------------------------------------------------------------------------


def test_evaluate_many_returns_records() -> None:
    tickets = [ticket(ba(2026, 11, 24, 9), priority=p, id=f"T-{p}") for p in (1, 2, 3, 4)]
    rows = evaluate_many(tickets, ba(2026, 11, 24, 12))
    assert [r["state"] for r in rows] == ["breached", "running", "running", "running"]
    assert rows[0]["ticket_id"] == "T-1" and rows[0]["severity"] == 1
    one = evaluate(tickets[0], ba(2026, 11, 24, 12)).as_record()
    assert rows[0] == one
    with_contracts = evaluate_many(tickets, ba(2026, 11, 24, 12), contracts={"ACME SA": CONTRACT})
    assert [r["state"] for r in with_contracts] == [r["state"] for r in rows]
    nobody = evaluate_many(tickets[:1], ba(2026, 11, 24, 12), contracts={})
    assert nobody[0]["state"] == "not_entitled" and "no_contract" in nobody[0]["problems"]


def test_reclassification_after_a_breach_or_a_response_changes_nothing() -> None:
    t = ticket(ba(2026, 11, 24, 9), priority=1)  # 2 h: due 11:00
    # Downgraded at 12:00, after the breach at 11:00: the breach stands.
    late = classify(t, Severity.INFORMATIONAL, ba(2026, 11, 24, 12))
    status = evaluate(late, ba(2026, 11, 24, 13))
    assert status.state is SlaState.BREACHED
    assert status.deadline == ba(2026, 11, 24, 11)
    assert status.severity is Severity.CRITICAL and not status.severity_confirmed
    # Downgraded at 10:00, before the deadline: the 24 h target applies from receipt.
    early = classify(t, Severity.INFORMATIONAL, ba(2026, 11, 24, 10))
    assert evaluate(early, ba(2026, 11, 24, 13)).deadline == ba(2026, 11, 26, 17)
    # Upgraded after the first response: the met response stays met.
    answered = ticket(ba(2026, 11, 24, 9), priority=4).apply(Responded(at=ba(2026, 11, 24, 14)))
    upgraded = classify(answered, Severity.CRITICAL, ba(2026, 11, 24, 15))
    assert evaluate(upgraded, ba(2026, 11, 24, 16)).state is SlaState.MET
