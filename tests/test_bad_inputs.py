"""Issue 9: a catalogue of bad (and a few good) inputs through the API, each with its outcome.

Every case runs in this process and fast. An input that must be refused names
the exact `SlaclockError` subclass, the built-in exception it also is, and a
piece of its message; an input that is fine names the value it gives. Any
message is short, whatever the input (errors never echo unbounded input).
Many calls are ill-typed on purpose; mypy checks `src`, not this catalogue.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from slaclock import (
    BASIC_PLAN,
    Alert,
    AlertKind,
    Attachment,
    BusinessCalendar,
    Channel,
    Classified,
    Closed,
    Closure,
    Contact,
    Contract,
    CoveredProduct,
    EntitlementError,
    Escalated,
    EscalationError,
    HolidayDataError,
    HolidayRules,
    IntakeRules,
    InvalidDurationError,
    InvalidModelError,
    InvalidScheduleError,
    NaiveDatetimeError,
    NoOpenTimeError,
    OpenInterval,
    OutOfRangeError,
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
    SlaStatus,
    StayedWithProvider,
    SupportLevel,
    Ticket,
    TicketEventError,
    Tier,
    TooManyContactsError,
    UndefinedPlanError,
    UnknownHolidayCountryError,
    UnknownTimeZoneError,
    VendorDirectOffer,
    WeeklySchedule,
    WrongTypeError,
    alert_recipients,
    argentina,
    check_intake,
    choose_vendor_direct,
    classify,
    escalate,
    evaluate,
    evaluate_many,
    is_public_mailbox,
    next_levels,
    remote_assistance,
    signature_names_requester,
    stay_with_provider,
    vendor_direct_offer,
)
from tests.domain import ANA, CONTRACT, EVA, LUIS, ba, ticket
from tests.strategies import ALWAYS

H = timedelta(hours=1)
CAL = BASIC_PLAN.calendar
AT = ba(2026, 11, 20, 10)  # a Friday, 10:00 Buenos Aires
NOW = ba(2026, 11, 24, 10)
T = ticket(AT)
T4 = ticket(AT, priority=4)
CLOSED = T.apply(Closed(at=ba(2026, 11, 20, 11)))
AT_VENDOR = T.apply(Escalated(at=ba(2026, 11, 20, 11), to=SupportLevel.L2)).apply(
    Escalated(at=ba(2026, 11, 20, 12), to=SupportLevel.VENDOR, assisted_only=True)
)
PAUSED = T.apply(Paused(at=ba(2026, 11, 20, 11)))
NEVER = BusinessCalendar(schedule=WeeklySchedule(days=[[]] * 7), holidays=None)
OPEN_ALWAYS = BusinessCalendar(schedule=ALWAYS, holidays=None)
MEGABYTE = "x" * 1_000_000
#: No message may be longer than this, whatever the input.
MESSAGE_LIMIT = 1200


class BareZone(tzinfo):
    """A tzinfo subclass that implements nothing: utcoffset() raises NotImplementedError."""


class NoOffsetZone(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


class BrokenZone(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        raise RuntimeError("zone database unavailable")


# -- building blocks -----------------------------------------------------------------------

TARGETS = {"critical": 2 * H, "major": 6 * H, "minor": 12 * H, "informational": 24 * H}
TARGETS_JSON = {"critical": "PT2H", "major": "PT6H", "minor": "PT12H", "informational": "PT24H"}


def targets(**changes: Any) -> ResponseTargets:
    return ResponseTargets(**{**TARGETS, **changes})


def targets_json(**changes: Any) -> ResponseTargets:
    return ResponseTargets.model_validate_json(json.dumps({**TARGETS_JSON, **changes}))


def ticket_with(**changes: Any) -> Ticket:
    return Ticket(**{**dict(T), **changes})


def ticket_json(**changes: Any) -> Ticket:
    return Ticket.model_validate_json(json.dumps({**json.loads(T.model_dump_json()), **changes}))


def ticket_dict(**changes: Any) -> Ticket:
    return Ticket.model_validate({**T.model_dump(), **changes})


def contact(**changes: Any) -> Contact:
    data = {"first_name": "Ana", "last_name": "Gómez", "email": "ana@acme.com.ar"}
    return Contact(**{**data, "phone": "+54 11 4321-0000", **changes})


def calendar_json(**changes: Any) -> BusinessCalendar:
    data = {**json.loads(argentina().model_dump_json()), **changes}
    return BusinessCalendar.model_validate_json(json.dumps(data))


def mondays_all_closed() -> BusinessCalendar:
    """Open on Mondays only, and every Monday of 1900-2199 closed."""
    first = date(1900, 1, 1)
    closures = [Closure(day=first + timedelta(weeks=k)) for k in range(15_654)]
    return BusinessCalendar(
        schedule=WeeklySchedule.of(monday="09:00-17:00"), holidays=None, closures=closures
    )


def plan_with(**changes: Any) -> ServicePlan:
    return BASIC_PLAN.model_copy(update=changes)


def status_json(**changes: Any) -> SlaStatus:
    data = {**json.loads(evaluate(T, NOW).model_dump_json()), **changes}
    return SlaStatus.model_validate_json(json.dumps(data))


# -- outcomes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Raises:
    """The exact slaclock class, the built-in it also is, and a piece of the message."""

    error: type[SlaclockError]
    builtin: type[Exception]
    fragment: str


@dataclass(frozen=True)
class Gives:
    """A fine input, and the value it gives."""

    value: object


Case = tuple[str, Callable[[], object], Raises | Gives]


def raises(error: type[SlaclockError], builtin: type[Exception], fragment: str) -> Raises:
    return Raises(error, builtin, fragment)


NAIVE = (NaiveDatetimeError, ValueError)
DURATION = (InvalidDurationError, TypeError)
MODEL = (InvalidModelError, ValueError)
WRONG_TYPE = (WrongTypeError, TypeError)
SCHEDULE = (InvalidScheduleError, ValueError)
RANGE = (OutOfRangeError, ValueError)
#: A calendar with no public holidays: its years are 1900-2199.
NO_HOLIDAYS = BusinessCalendar(holidays=None)
ZONE = (UnknownTimeZoneError, ValueError)
HOLIDAYS = (UnknownHolidayCountryError, ValueError)
ESCALATION = (EscalationError, ValueError)
EVENT = (TicketEventError, ValueError)

NUMBER_FOR_DURATION = "must be a datetime.timedelta, got int: 2. Write e.g. timedelta(hours=2)"
NUMBER_FOR_INSTANT = "must be a timezone-aware datetime.datetime, got int"
NOT_A_DATE = "must be a datetime.date"
SEVERITY_CHOICES = "is not one of 1 (critical), 2 (major), 3 (minor), 4 (informational)"

CASES: list[Case] = [
    # -- durations: numbers are refused, from Python and from JSON, as add() refuses them ---------
    ("targets-int", lambda: targets(critical=2), raises(*DURATION, NUMBER_FOR_DURATION)),
    ("targets-float", lambda: targets(major=2.5), raises(*DURATION, "got float: 2.5")),
    ("targets-bool", lambda: targets(minor=True), raises(*DURATION, "got bool: True")),
    (
        "targets-decimal",
        lambda: targets(informational=Decimal(24)),
        raises(*DURATION, "got Decimal"),
    ),
    ("targets-digits-str", lambda: targets(critical="7200"), raises(*DURATION, "got str: '7200'")),
    ("targets-exponent-str", lambda: targets(critical="1e3"), raises(*DURATION, "'1e3'")),
    (
        "targets-all-ints",
        lambda: ResponseTargets(critical=2, major=6, minor=12, informational=24),
        raises(*DURATION, "ResponseTargets.critical " + NUMBER_FOR_DURATION),
    ),
    ("targets-json-int", lambda: targets_json(critical=2), raises(*DURATION, NUMBER_FOR_DURATION)),
    ("targets-json-float", lambda: targets_json(major=6.5), raises(*DURATION, "got float: 6.5")),
    ("targets-json-true", lambda: targets_json(minor=True), raises(*DURATION, "got bool: True")),
    ("targets-json-digits", lambda: targets_json(critical="7200"), raises(*DURATION, "'7200'")),
    ("targets-json-decimal-str", lambda: targets_json(critical="2.5"), raises(*DURATION, "2.5")),
    ("targets-json-iso", lambda: targets_json().critical, Gives(2 * H)),
    ("targets-json-hhmmss", lambda: targets_json(major="06:00:00").major, Gives(6 * H)),
    ("targets-python-iso-str", lambda: targets(minor="PT12H").minor, Gives(12 * H)),
    (
        "targets-json-words",
        lambda: targets_json(critical="two hours"),
        raises(
            *MODEL,
            "critical: Input should be a valid duration, invalid character in hour; "
            "write an ISO 8601 duration such as 'PT2H'",
        ),
    ),
    (
        "targets-negative",
        lambda: targets(major=-H),
        raises(*MODEL, "the major response target is negative"),
    ),
    (
        "targets-missing",
        lambda: ResponseTargets(critical=H, major=H, minor=H),
        raises(*MODEL, "informational: required"),
    ),
    (
        "targets-int-keys-in-plan",
        lambda: ServicePlan(tier=Tier.BASIC, name="x", targets={1: H, 2: H, 3: H, 4: H}),
        raises(*MODEL, "targets: ResponseTargets is keyed by field name, got the key 1"),
    ),
    (
        "targets-int-keys-validate",
        lambda: ResponseTargets.model_validate({1: H}),
        raises(*MODEL, "keyed by field name"),
    ),
    (
        "targets-hours-str",
        lambda: ResponseTargets.hours("2", 6, 12, 24),
        raises(*DURATION, "critical must be a number of business hours"),
    ),
    (
        "targets-hours-bool",
        lambda: ResponseTargets.hours(2, True, 12, 24),
        raises(*DURATION, "major must be a number of business hours, got bool"),
    ),
    ("targets-hours-fine", lambda: ResponseTargets.hours(2, 6, 12, 24), Gives(BASIC_PLAN.targets)),
    (
        "plan-json-number-targets",
        lambda: ServicePlan.model_validate_json(
            json.dumps({"tier": "basic", "name": "x", "targets": {**TARGETS_JSON, "minor": 12}})
        ),
        raises(*DURATION, "ResponseTargets.minor must be a datetime.timedelta, got int: 12"),
    ),
    ("add-int-duration", lambda: CAL.add(AT, 2), raises(*DURATION, NUMBER_FOR_DURATION)),
    ("add-float-duration", lambda: CAL.add(AT, 2.0), raises(*DURATION, "got float")),
    ("explain-int-duration", lambda: CAL.explain(AT, 2), raises(*DURATION, "timedelta")),
    ("explain-negative", lambda: CAL.explain(AT, -H), raises(*RANGE, "pass a positive duration")),
    (
        "status-json-number-target",
        lambda: status_json(target=7200),
        raises(*DURATION, "SlaStatus.target must be a datetime.timedelta, got int: 7200"),
    ),
    # -- instants: numbers refused, ISO strings with an offset read, naive ones refused -----------
    (
        "ticket-epoch-ms",
        lambda: ticket_with(received=1_700_000_000_000),
        raises(*NAIVE, "Ticket.received " + NUMBER_FOR_INSTANT + ": 1700000000000"),
    ),
    ("ticket-epoch-float", lambda: ticket_with(received=1.7e9), raises(*NAIVE, "got float")),
    ("ticket-received-bool", lambda: ticket_with(received=True), raises(*NAIVE, "got bool")),
    ("ticket-json-epoch", lambda: ticket_json(received=12345), raises(*NAIVE, NUMBER_FOR_INSTANT)),
    ("ticket-json-float", lambda: ticket_json(received=1.5), raises(*NAIVE, "got float: 1.5")),
    ("ticket-json-digits", lambda: ticket_json(received="12345"), raises(*NAIVE, "'12345'")),
    ("ticket-dict-epoch", lambda: ticket_dict(received=0), raises(*NAIVE, "got int: 0")),
    (
        "ticket-json-naive",
        lambda: ticket_json(received="2026-11-20T10:00:00"),
        raises(*NAIVE, "Ticket.received 2026-11-20T10:00:00 is naive"),
    ),
    (
        "ticket-json-date-only",
        lambda: ticket_json(received="2026-11-20"),
        raises(*NAIVE, "is naive"),
    ),
    (
        "ticket-json-offset",
        lambda: ticket_json(received="2026-11-20T10:00:00-03:00").received,
        Gives(AT),
    ),
    ("ticket-json-utc", lambda: ticket_json(received="2026-11-20T13:00:00Z").received, Gives(AT)),
    (
        "ticket-json-words",
        lambda: ticket_json(received="yesterday"),
        raises(*MODEL, "received: 'yesterday' is not an ISO 8601 date and time"),
    ),
    (
        "ticket-json-megabyte-instant",
        lambda: ticket_json(received=MEGABYTE),
        raises(*MODEL, "is not an ISO 8601 date and time"),
    ),
    (
        "ticket-python-iso-str",
        lambda: ticket_with(received="2026-11-20T10:00:00-03:00").received,
        Gives(AT),
    ),
    (
        "ticket-naive-datetime",
        lambda: ticket_with(received=datetime(2026, 11, 20, 10)),
        raises(*NAIVE, "is naive (no time zone)"),
    ),
    (
        "ticket-date-for-instant",
        lambda: ticket_with(received=date(2026, 11, 20)),
        raises(*NAIVE, "got date"),
    ),
    (
        "ticket-bare-tzinfo",
        lambda: ticket_with(received=datetime(2026, 11, 20, 10, tzinfo=BareZone())),
        raises(*NAIVE, "has a tzinfo (BareZone) that fails to give a UTC offset"),
    ),
    (
        "ticket-no-offset-tzinfo",
        lambda: ticket_with(received=datetime(2026, 11, 20, 10, tzinfo=NoOffsetZone())),
        raises(*NAIVE, "whose utcoffset() is None"),
    ),
    (
        "ticket-broken-tzinfo",
        lambda: ticket_with(received=datetime(2026, 11, 20, 10, tzinfo=BrokenZone())),
        raises(*NAIVE, "zone database unavailable"),
    ),
    (
        "add-bare-tzinfo",
        lambda: CAL.add(datetime(2026, 11, 20, 10, tzinfo=BareZone()), H),
        raises(*NAIVE, "start 2026-11-20T10:00:00 has a tzinfo (BareZone)"),
    ),
    (
        "is-open-no-offset-tzinfo",
        lambda: CAL.is_open(datetime(2026, 11, 20, 10, tzinfo=NoOffsetZone())),
        raises(*NAIVE, "utcoffset() is None"),
    ),
    (
        "add-epoch-start",
        lambda: CAL.add(1_700_000_000, H),
        raises(*NAIVE, "start " + NUMBER_FOR_INSTANT),
    ),
    ("is-open-int", lambda: CAL.is_open(12345), raises(*NAIVE, "got int: 12345")),
    (
        "elapsed-str",
        lambda: CAL.elapsed("2026-11-20T10:00-03:00", AT),
        raises(*NAIVE, "got str"),
    ),
    ("evaluate-now-int", lambda: evaluate(T, 0), raises(*NAIVE, "now " + NUMBER_FOR_INSTANT)),
    (
        "evaluate-now-naive",
        lambda: evaluate(T, datetime(2026, 11, 24)),
        raises(*NAIVE, "now 2026-11-24T00:00:00 is naive"),
    ),
    (
        "responded-at-int",
        lambda: Responded(at=5),
        raises(*NAIVE, "Responded.at " + NUMBER_FOR_INSTANT),
    ),
    (
        "history-json-number",
        lambda: ticket_json(history=[{"kind": "responded", "at": 5}]),
        raises(*NAIVE, "Responded.at " + NUMBER_FOR_INSTANT),
    ),
    (
        "history-json-naive",
        lambda: ticket_json(history=[{"kind": "paused", "at": "2026-11-20T11:00:00"}]),
        raises(*NAIVE, "Paused.at 2026-11-20T11:00:00 is naive"),
    ),
    (
        "stayed-resumes-at-number",
        lambda: StayedWithProvider(at=AT, resumes_at=1e9),
        raises(
            *NAIVE, "StayedWithProvider.resumes_at " + NUMBER_FOR_INSTANT.replace("int", "float")
        ),
    ),
    (
        "offer-model-at-number",
        lambda: VendorDirectOffer(
            ticket_id="T-1",
            at=5,
            resumes_at=AT,
            paid_follow_up_available=True,
        ),
        raises(*NAIVE, "VendorDirectOffer.at"),
    ),
    ("status-json-now-number", lambda: status_json(now=5), raises(*NAIVE, "SlaStatus.now")),
    (
        "status-json-deadline-naive",
        lambda: status_json(deadline="2026-11-20T12:00:00"),
        raises(*NAIVE, "SlaStatus.deadline 2026-11-20T12:00:00 is naive"),
    ),
    ("remote-number", lambda: remote_assistance(12345), raises(*NAIVE, "got int")),
    (
        "entitlement-at-number",
        lambda: CONTRACT.entitlement("Arcserve UDP", ANA.email, 5, CAL.zone),
        raises(*NAIVE, "at " + NUMBER_FOR_INSTANT),
    ),
    (
        "alerts-at-naive",
        lambda: alert_recipients(
            Alert(kind=AlertKind.THREAT, products=("Arcserve UDP",), subject="x"),
            CONTRACT,
            datetime(2026, 11, 20),
        ),
        raises(*NAIVE, "at 2026-11-20T00:00:00 is naive"),
    ),
    (
        "evaluate-year-9999",
        lambda: evaluate(ticket_json(received="9999-12-31T23:00:00-05:00"), NOW),
        raises(*RANGE, "outside the years slaclock supports"),
    ),
    (
        "add-year-1800",
        lambda: CAL.add(datetime(1800, 1, 1, tzinfo=CAL.zone), H),
        raises(*RANGE, "1800"),
    ),
    (
        "add-beyond-holiday-data",
        lambda: CAL.add(ba(2090, 1, 1), 200_000 * H),
        raises(HolidayDataError, ValueError, "has AR holidays for 1957-2100 only"),
    ),
    (
        "add-beyond-2199",
        lambda: NO_HOLIDAYS.add(ba(2190, 1, 1), 200_000 * H),
        raises(*RANGE, "outside the years slaclock supports"),
    ),
    (
        "instant-before-holiday-data",
        lambda: CAL.is_open(ba(1950, 1, 2, 10)),
        raises(HolidayDataError, ValueError, "this needs 1950"),
    ),
    # -- dates: numbers refused -------------------------------------------------------------------
    ("closure-day-int", lambda: Closure(day=20261123), raises(*MODEL, "day: " + NOT_A_DATE)),
    ("closure-day-bool", lambda: Closure(day=True), raises(*MODEL, "got bool")),
    (
        "closure-json-day-zero",
        lambda: Closure.model_validate_json('{"day": 0}'),
        raises(*MODEL, NOT_A_DATE + ", got int: 0"),
    ),
    (
        "closure-json-day-digits",
        lambda: Closure.model_validate_json('{"day": "20261123"}'),
        raises(*MODEL, "got str: '20261123'"),
    ),
    ("closure-day-iso", lambda: Closure(day="2026-11-23").day, Gives(date(2026, 11, 23))),
    (
        "maintenance-end-int",
        lambda: CoveredProduct(title="UDP", maintenance_end=20261231),
        raises(*MODEL, "maintenance_end: " + NOT_A_DATE),
    ),
    (
        "reopened-ints",
        lambda: BusinessCalendar(reopened=[1, 2]),
        raises(*MODEL, "reopened: " + NOT_A_DATE + ", got int: 1"),
    ),
    (
        "reopened-json-ints",
        lambda: calendar_json(reopened=[20261123]),
        raises(*MODEL, "reopened: " + NOT_A_DATE),
    ),
    # -- booleans are not priorities, severities or numbers ---------------------------------------
    (
        "priority-true",
        lambda: ticket_with(priority=True),
        raises(*MODEL, "priority: must be 1, 2, 3, 4 (Priority), got the bool True"),
    ),
    ("priority-false", lambda: ticket_with(priority=False), raises(*MODEL, "bool False")),
    ("priority-json-true", lambda: ticket_json(priority=True), raises(*MODEL, "bool True")),
    (
        "priority-5",
        lambda: ticket_with(priority=5),
        raises(*MODEL, "Input should be 1, 2, 3 or 4"),
    ),
    ("priority-0", lambda: ticket_json(priority=0), raises(*MODEL, "priority: Input should be")),
    (
        "priority-fine",
        lambda: ticket_json(priority=3).priority,
        Gives(Priority.LIMITED_ADVERSE_EFFECT),
    ),
    (
        "classified-severity-true",
        lambda: Classified(at=AT, severity=True),
        raises(*MODEL, "severity: must be 1, 2, 3, 4 (Severity), got the bool True"),
    ),
    (
        "history-json-severity-true",
        lambda: ticket_json(
            history=[{"kind": "classified", "at": "2026-11-20T11:00:00-03:00", "severity": True}]
        ),
        raises(*MODEL, "history.0.classified.severity: must be 1, 2, 3, 4 (Severity)"),
    ),
    (
        "status-json-severity-true",
        lambda: status_json(severity=True),
        raises(*MODEL, "severity: must be 1, 2, 3, 4 (Severity)"),
    ),
    (
        "attachment-size-bool",
        lambda: Attachment(filename="logs.zip", size_bytes=True),
        raises(*MODEL, "size_bytes: must be a whole number, got the bool True"),
    ),
    (
        "attachment-size-negative",
        lambda: Attachment(filename="logs.zip", size_bytes=-1),
        raises(*MODEL, "size_bytes: Input should be greater than or equal to 0"),
    ),
    (
        "intake-limit-bool",
        lambda: IntakeRules(max_attachment_bytes=True),
        raises(*MODEL, "max_attachment_bytes: must be a whole number, got the bool True"),
    ),
    (
        "warning-percents-bool",
        lambda: plan_with(warning_percents=(True, 50)),
        raises(*MODEL, "warning_percents: must be a whole number, got the bool True"),
    ),
    (
        "complete-through-bool",
        lambda: HolidayRules(complete_through=True),
        raises(*MODEL, "complete_through: must be a whole number, got the bool True"),
    ),
    # -- target(): only severities 1-4 ------------------------------------------------------------
    ("target-0", lambda: BASIC_PLAN.target(0), raises(*MODEL, "severity 0 " + SEVERITY_CHOICES)),
    (
        "target-minus-1",
        lambda: BASIC_PLAN.target(-1),
        raises(*MODEL, "severity -1 " + SEVERITY_CHOICES),
    ),
    ("target-5", lambda: BASIC_PLAN.target(5), raises(*MODEL, "severity 5 " + SEVERITY_CHOICES)),
    ("target-true", lambda: BASIC_PLAN.target(True), raises(*MODEL, "severity True")),
    ("target-float", lambda: BASIC_PLAN.target(1.0), raises(*MODEL, "severity 1.0")),
    ("target-none", lambda: BASIC_PLAN.target(None), raises(*MODEL, "severity None")),
    ("targets-index-0", lambda: BASIC_PLAN.targets[0], raises(*MODEL, "severity 0")),
    ("target-digit-str", lambda: BASIC_PLAN.target("2"), Gives(6 * H)),
    ("target-name", lambda: BASIC_PLAN.target("minor"), Gives(12 * H)),
    ("target-severity", lambda: BASIC_PLAN.target(Severity.CRITICAL), Gives(2 * H)),
    ("target-int-4", lambda: BASIC_PLAN.target(4), Gives(24 * H)),
    # -- Severity.parse ---------------------------------------------------------------------
    (
        "severity-superscript",
        lambda: Severity.parse("²"),
        raises(*MODEL, "severity '²' " + SEVERITY_CHOICES),
    ),
    ("severity-arabic-digit", lambda: Severity.parse("\u0661"), raises(*MODEL, SEVERITY_CHOICES)),
    ("severity-zero-str", lambda: Severity.parse("0"), raises(*MODEL, "severity 0 ")),
    ("severity-word", lambda: Severity.parse("five"), raises(*MODEL, "severity 'five'")),
    ("severity-empty", lambda: Severity.parse(""), raises(*MODEL, "severity ''")),
    ("severity-none", lambda: Severity.parse(None), raises(*MODEL, "severity None")),
    ("severity-bool", lambda: Severity.parse(True), raises(*MODEL, "severity True")),
    ("severity-decimal-str", lambda: Severity.parse("1.0"), raises(*MODEL, "severity '1.0'")),
    ("severity-long-digits", lambda: Severity.parse("9" * 5000), raises(*MODEL, "...")),
    ("severity-padded", lambda: Severity.parse(" 3 "), Gives(Severity.MINOR)),
    ("severity-name", lambda: Severity.parse("Critical"), Gives(Severity.CRITICAL)),
    # -- choices: support levels, tiers, channels -------------------------------------------------
    (
        "escalate-L3",
        lambda: escalate(T, "L3", AT),
        raises(*MODEL, "escalate to 'L3' is not a SupportLevel; use one of 'L1', 'L2', 'vendor'"),
    ),
    (
        "escalate-int",
        lambda: escalate(T, 2, AT),
        raises(*MODEL, "escalate to 2 is not a SupportLevel"),
    ),
    ("escalate-lowercase", lambda: escalate(T, "l2", AT), raises(*MODEL, "'l2'")),
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
    ("escalate-L2-str", lambda: escalate(T, "L2", AT).level, Gives(SupportLevel.L2)),
    (
        "catalog-gold",
        lambda: PlanCatalog.builtin().get("gold"),
        raises(*MODEL, "tier 'gold' is not a Tier; use one of 'basic', 'advanced'"),
    ),
    (
        "catalog-int-tier",
        lambda: PlanCatalog.builtin().get(1),
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
        lambda: PlanCatalog({"gold": BASIC_PLAN}),
        raises(*MODEL, "catalog key 'gold' is not a Tier"),
    ),
    (
        "catalog-tier-mismatch",
        lambda: PlanCatalog({Tier.ADVANCED: BASIC_PLAN}),
        raises(*MODEL, "filed under advanced; file it under its own tier (Tier.BASIC)"),
    ),
    (
        "catalog-list",
        lambda: PlanCatalog([BASIC_PLAN]),
        raises(*WRONG_TYPE, "PlanCatalog(plans) must be a Mapping, got list"),
    ),
    (
        "catalog-plan-name",
        lambda: PlanCatalog({Tier.BASIC: "Basic Support"}),
        raises(*WRONG_TYPE, "plan for basic must be a ServicePlan, got str"),
    ),
    (
        "catalog-define-str",
        lambda: PlanCatalog.builtin().define("basic"),
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
    # -- weekly schedules and intervals -----------------------------------------------------------
    (
        "schedule-days-none",
        lambda: WeeklySchedule(days=[None] * 7),
        raises(*SCHEDULE, "monday: None is not a list of open intervals"),
    ),
    (
        "schedule-json-days-null",
        lambda: WeeklySchedule.model_validate_json(json.dumps({"days": [None] * 7})),
        raises(*SCHEDULE, "monday: None is not a list of open intervals"),
    ),
    (
        "schedule-days-ints",
        lambda: WeeklySchedule(days=[5] * 7),
        raises(*SCHEDULE, "monday: 5 is not a list"),
    ),
    (
        "schedule-none",
        lambda: WeeklySchedule(days=None),
        raises(*SCHEDULE, "exactly 7 days"),
    ),
    (
        "schedule-str",
        lambda: WeeklySchedule(days="09:00-17:00"),
        raises(*SCHEDULE, "exactly 7 days"),
    ),
    (
        "schedule-funday",
        lambda: WeeklySchedule.of(funday="09:00-17:00"),
        raises(*SCHEDULE, "unknown weekday name(s) 'funday'"),
    ),
    (
        "schedule-int-weekday",
        lambda: WeeklySchedule(days={1: ["09:00-17:00"]}),
        raises(*SCHEDULE, "unknown weekday name(s) 1"),
    ),
    (
        "schedule-overlap",
        lambda: WeeklySchedule.weekdays("09:00-13:00", "12:00-17:00"),
        raises(*SCHEDULE, "overlap; merge them"),
    ),
    (
        "schedule-json-interval-junk",
        lambda: WeeklySchedule.model_validate_json(
            json.dumps({"days": [[{"start": "9am", "end": "5pm"}]] + [[]] * 6})
        ),
        raises(*SCHEDULE, "start '9am' is not a time of day"),
    ),
    (
        "interval-none",
        lambda: OpenInterval.parse(None),
        raises(*SCHEDULE, "interval None is not text"),
    ),
    (
        "interval-megabyte",
        lambda: OpenInterval.parse("0" * 1_000_000 + "-17:00"),
        raises(*SCHEDULE, "is not a time of day"),
    ),
    ("interval-no-dash", lambda: OpenInterval.parse("0900 1700"), raises(*SCHEDULE, "has no '-'")),
    (
        "interval-am-pm",
        lambda: OpenInterval.parse("9am-5pm"),
        raises(*SCHEDULE, "'9am' is not a time of day"),
    ),
    (
        "interval-overnight",
        lambda: OpenInterval.parse("17:00-09:00").overnight,
        Gives(True),
    ),
    (
        "interval-empty",
        lambda: OpenInterval.parse("09:00-09:00"),
        raises(*SCHEDULE, "ends when it starts"),
    ),
    (
        "interval-24-start",
        lambda: OpenInterval.parse("24:00-24:00"),
        raises(*SCHEDULE, "cannot start at 24:00"),
    ),
    ("interval-25h", lambda: OpenInterval.parse("09:00-25:00"), raises(*SCHEDULE, "'25:00'")),
    (
        "interval-aware-time",
        lambda: OpenInterval(start="09:00", end=time(17, tzinfo=timezone.utc)),
        raises(*SCHEDULE, "carries a time zone"),
    ),
    ("interval-fine", lambda: str(OpenInterval.parse(" 09:00 - 17:00 ")), Gives("09:00-17:00")),
    (
        "interval-midnight-end",
        lambda: str(OpenInterval.parse("20:00-24:00")),
        Gives("20:00-24:00"),
    ),
    # -- calendars: zones, closures, re-opened dates, holiday rules -------------------------------
    (
        "zone-folder",
        lambda: BusinessCalendar(zone="America"),
        raises(*ZONE, "time zone 'America' is not in the IANA database"),
    ),
    (
        "zone-too-long",
        lambda: BusinessCalendar(zone="A" * 10_000),
        raises(*ZONE, "is not in the IANA database"),
    ),
    (
        "zone-unknown",
        lambda: BusinessCalendar(zone="Mars/Olympus"),
        raises(*ZONE, "'Mars/Olympus'"),
    ),
    ("zone-empty", lambda: BusinessCalendar(zone=""), raises(*ZONE, "time zone ''")),
    (
        "zone-path",
        lambda: BusinessCalendar(zone="../../etc/passwd"),
        raises(*ZONE, "not in the IANA"),
    ),
    ("zone-nul", lambda: BusinessCalendar(zone="UTC\x00"), raises(*ZONE, "not in the IANA")),
    (
        "zone-fixed-offset",
        lambda: BusinessCalendar(zone=timezone(-3 * H)),
        raises(*ZONE, "fixed offsets are refused"),
    ),
    ("zone-int", lambda: BusinessCalendar(zone=5), raises(*ZONE, "got 5")),
    ("zone-json-folder", lambda: calendar_json(zone="Europe"), raises(*ZONE, "'Europe'")),
    (
        "zone-fine",
        lambda: calendar_json(zone="Europe/Madrid").zone,
        Gives(ZoneInfo("Europe/Madrid")),
    ),
    (
        "reopened-1800",
        lambda: argentina(reopened=[date(1800, 1, 1)]),
        raises(
            *RANGE, "re-opened date 1800-01-01 is in year 1800; slaclock supports years 1900-2199"
        ),
    ),
    ("reopened-2300", lambda: argentina(reopened=[date(2300, 1, 2)]), raises(*RANGE, "2300")),
    (
        "reopened-saturday",
        lambda: argentina(reopened=[date(2026, 11, 21)]),
        raises(*SCHEDULE, "re-opened date 2026-11-21 is a Saturday, which has no scheduled hours"),
    ),
    (
        "reopened-and-closed",
        lambda: argentina(
            reopened=[date(2026, 11, 23)],
            closures=[Closure(day=date(2026, 11, 23), reason="audit")],
        ),
        raises(*SCHEDULE, "2026-11-23 is both re-opened and closed all day (closure 'audit')"),
    ),
    (
        "reopened-json-sunday",
        lambda: calendar_json(reopened=["2026-11-22"]),
        raises(*SCHEDULE, "is a Sunday"),
    ),
    (
        "reopened-holiday",
        lambda: argentina(reopened=[date(2026, 11, 23)]).is_open(ba(2026, 11, 23, 10)),
        Gives(True),
    ),
    (
        "reopened-holiday-with-part-closure",
        lambda: argentina(
            reopened=[date(2026, 11, 23)],
            closures=[Closure(day=date(2026, 11, 23), hours=OpenInterval.parse("09:00-12:00"))],
        ).next_open(ba(2026, 11, 23, 9)),
        Gives(ba(2026, 11, 23, 12)),
    ),
    (
        "closure-1066",
        lambda: argentina(closures=[Closure(day=date(1066, 10, 14))]),
        raises(*RANGE, "closure on 1066-10-14"),
    ),
    ("closures-str", lambda: BusinessCalendar(closures="soon"), raises(*MODEL, "closures")),
    (
        "argentina-closures-int",
        lambda: argentina(closures=5),
        raises(*WRONG_TYPE, "closures must be an iterable of Closure"),
    ),
    (
        "argentina-reopened-str",
        lambda: argentina(reopened="2026-11-23"),
        raises(*WRONG_TYPE, "reopened must be an iterable of date"),
    ),
    (
        "argentina-reopened-items",
        lambda: argentina(reopened=["2026-11-23"]),
        raises(*WRONG_TYPE, "reopened[0] must be a date"),
    ),
    (
        "holiday-str",
        lambda: CAL.holiday("2026-01-01"),
        raises(*WRONG_TYPE, "must be a datetime.date, got str"),
    ),
    (
        "business-day-datetime",
        lambda: CAL.is_business_day(AT),
        Gives(CAL.is_business_day(AT.astimezone(CAL.zone).date())),
    ),
    (
        "business-day-naive-datetime",
        lambda: CAL.is_business_day(AT.replace(tzinfo=None)),
        raises(*NAIVE, "naive"),
    ),
    (
        "add-business-days-float",
        lambda: CAL.add_business_days(date(2026, 11, 20), 2.5),
        raises(*WRONG_TYPE, "n must be an int"),
    ),
    (
        "add-business-days-bool",
        lambda: CAL.add_business_days(date(2026, 11, 20), True),
        raises(*WRONG_TYPE, "got True"),
    ),
    (
        "add-business-days-fine",
        lambda: CAL.add_business_days(date(2026, 11, 20), 1),
        Gives(date(2026, 11, 24)),
    ),
    ("holiday-fine", lambda: CAL.holiday(date(2026, 11, 23)) is not None, Gives(True)),
    (
        "never-open-add",
        lambda: NEVER.add(AT, H),
        raises(NoOpenTimeError, ValueError, "Give it open hours"),
    ),
    (
        "mondays-all-closed",  # the cause, not "use a smaller duration"
        lambda: mondays_all_closed().add(AT, H),
        raises(NoOpenTimeError, ValueError, "holidays and closures close every scheduled day"),
    ),
    (
        "always-open-next-close",
        lambda: OPEN_ALWAYS.next_close(AT),
        raises(*RANGE, "the calendar never closes"),
    ),
    (
        "complete-through-negative",
        lambda: HolidayRules(complete_through=-5),
        raises(*RANGE, "complete_through -5 is outside the years slaclock supports (1900-2199)"),
    ),
    (
        "complete-through-3000",
        lambda: HolidayRules(complete_through=3000),
        raises(*RANGE, "or None to use"),
    ),
    (
        "complete-through-fine",
        lambda: HolidayRules(complete_through=2026).data_complete_through(),
        Gives(2026),
    ),
    (
        "holidays-country-xx",
        lambda: HolidayRules(country="XX"),
        raises(*HOLIDAYS, "country 'XX' is not in the holidays package"),
    ),
    (
        "holidays-country-huge",
        lambda: HolidayRules(country="X" * 100_000),
        raises(*HOLIDAYS, "is not in the holidays package"),
    ),
    (
        "holidays-category",
        lambda: HolidayRules(categories=("chocolate",)),
        raises(*HOLIDAYS, "['chocolate'] are not available"),
    ),
    (
        "holidays-subdivision",
        lambda: HolidayRules(subdivision="ZZ"),
        raises(*HOLIDAYS, "subdivision 'ZZ' is unknown"),
    ),
    (
        "holidays-language",
        lambda: HolidayRules(language="tlh"),
        raises(*HOLIDAYS, "language 'tlh' is not available"),
    ),
    (
        "holidays-year-str",
        lambda: HolidayRules().for_year("2026"),
        raises(*WRONG_TYPE, "the year must be an int, got str"),
    ),
    (
        "holidays-year-1800",
        lambda: HolidayRules().for_year(1800),
        raises(*RANGE, "holiday lookup is in year 1800"),
    ),
    (
        "calendar-copy-int-key",
        lambda: CAL.model_copy(update={1: 2}),
        raises(*MODEL, "BusinessCalendar is keyed by field name, got the key 1 (int)"),
    ),
    (
        "calendar-copy-unknown-field",
        lambda: CAL.model_copy(update={"zones": "UTC"}),
        raises(*MODEL, "zones: not a field here; check the spelling"),
    ),
    (
        "calendar-json-broken",
        lambda: BusinessCalendar.model_validate_json("{"),
        raises(*MODEL, "pass valid JSON"),
    ),
    (
        "calendar-json-too-deep",
        lambda: BusinessCalendar.model_validate_json("[" * 5000 + "]" * 5000),
        raises(*MODEL, "recursion limit exceeded at line 1 column 202: the JSON nests deeper"),
    ),
    (
        "calendar-json-list",
        lambda: BusinessCalendar.model_validate_json("[]"),
        raises(*MODEL, "Input should be an object"),
    ),
    # -- evaluate and evaluate_many -----------------------------------------------------------
    (
        "evaluate-plan-str",
        lambda: evaluate(T, NOW, plan="basic"),
        raises(
            *WRONG_TYPE,
            "plan must be a ServicePlan or None, got str: 'basic'; pass a ServicePlan such as",
        ),
    ),
    (
        "evaluate-plan-tier",
        lambda: evaluate(T, NOW, plan=Tier.BASIC),
        raises(*WRONG_TYPE, "got Tier"),
    ),
    (
        "evaluate-ticket-dict",
        lambda: evaluate({"id": "T-1"}, NOW),
        raises(*WRONG_TYPE, "ticket must be a Ticket, got dict"),
    ),
    (
        "evaluate-contract-str",
        lambda: evaluate(T, NOW, contract="ACME SA"),
        raises(*WRONG_TYPE, "contract must be a Contract or None"),
    ),
    (
        "evaluate-other-contract",
        lambda: evaluate(T, NOW, contract=CONTRACT.model_copy(update={"customer": "Other SA"})),
        raises(EntitlementError, ValueError, "pass the ticket customer's contract"),
    ),
    (
        "evaluate-paused-basic",
        lambda: evaluate(PAUSED, NOW),
        raises(*EVENT, "does not allow pausing (pausing_allowed=False); remove the pause"),
    ),
    ("evaluate-fine", lambda: evaluate(T, ba(2026, 11, 20, 11)).state, Gives(SlaState.RUNNING)),
    (
        "evaluate-many-dict",
        lambda: evaluate_many({"T-1": T}, NOW),
        raises(
            *WRONG_TYPE,
            "tickets must be an iterable of Ticket, got a dict (iterating it gives its keys)",
        ),
    ),
    (
        "evaluate-many-str",
        lambda: evaluate_many("T-1", NOW),
        raises(*WRONG_TYPE, "got str: 'T-1'"),
    ),
    ("evaluate-many-none", lambda: evaluate_many(None, NOW), raises(*WRONG_TYPE, "got NoneType")),
    (
        "evaluate-many-ticket",
        lambda: evaluate_many(T, NOW),
        raises(*WRONG_TYPE, "got one Ticket; wrap it in a list"),
    ),
    (
        "evaluate-many-items",
        lambda: evaluate_many([T, "T-2"], NOW),
        raises(*WRONG_TYPE, "tickets[1] must be a Ticket, got str"),
    ),
    (
        "evaluate-many-plan-str",
        lambda: evaluate_many([T], NOW, plan="basic"),
        raises(*WRONG_TYPE, "plan must be a ServicePlan or None"),
    ),
    (
        "evaluate-many-contracts-list",
        lambda: evaluate_many([T], NOW, contracts=[CONTRACT]),
        raises(*WRONG_TYPE, "contracts must be a Mapping"),
    ),
    (
        "evaluate-many-contract-str",
        lambda: evaluate_many([T], NOW, contracts={"ACME SA": "gold"}),
        raises(*WRONG_TYPE, "contracts['ACME SA'] must be a Contract, got str"),
    ),
    (
        "evaluate-many-catalog-dict",
        lambda: evaluate_many([T], NOW, catalog={}),
        raises(*WRONG_TYPE, "catalog must be a PlanCatalog"),
    ),
    (
        "evaluate-many-generator",
        lambda: [r["state"] for r in evaluate_many(iter([T]), NOW)],
        Gives(["breached"]),
    ),
    # -- escalation functions ---------------------------------------------------------------------
    ("classify-superscript", lambda: classify(T, "²", AT), raises(*MODEL, "severity '²'")),
    ("classify-zero", lambda: classify(T, 0, AT), raises(*MODEL, "severity 0")),
    (
        "classify-ticket-str",
        lambda: classify("T-1", 1, AT),
        raises(*WRONG_TYPE, "ticket must be a Ticket, got str"),
    ),
    (
        "classify-closed",
        lambda: classify(CLOSED, Severity.MAJOR, ba(2026, 11, 20, 12)),
        raises(*ESCALATION, "is closed; cannot classify it"),
    ),
    ("classify-at-number", lambda: classify(T, 2, 5), raises(*NAIVE, "Classified.at")),
    (
        "classify-fine",
        lambda: classify(T, "2", ba(2026, 11, 20, 11)).severity,
        Gives(Severity.MAJOR),
    ),
    (
        "next-levels-plan-str",
        lambda: next_levels(T, "basic"),
        raises(*WRONG_TYPE, "plan must be a ServicePlan"),
    ),
    (
        "escalate-ticket-dict",
        lambda: escalate({}, SupportLevel.L2, AT),
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
        lambda: vendor_direct_offer(T, 5),
        raises(*NAIVE, "at " + NUMBER_FOR_INSTANT),
    ),
    # -- ticket histories -------------------------------------------------------------------------
    (
        "apply-str",
        lambda: T.apply("responded"),
        raises(*WRONG_TYPE, "event must be a ticket event"),
    ),
    (
        "apply-dict",
        lambda: T.apply({"kind": "responded", "at": AT}),
        raises(*WRONG_TYPE, "got dict"),
    ),
    (
        "paused-twice",
        lambda: PAUSED.apply(Paused(at=ba(2026, 11, 20, 12))),
        raises(*EVENT, "while already paused (since 2026-11-20T11:00:00-03:00); apply Resumed"),
    ),
    (
        "resume-without-pause",
        lambda: T.apply(Resumed(at=ba(2026, 11, 20, 11))),
        raises(*EVENT, "without being paused; apply Paused first"),
    ),
    (
        "event-before-receipt",
        lambda: T.apply(Responded(at=ba(2026, 11, 20, 9))),
        raises(*EVENT, "events must be applied in time order"),
    ),
    (
        "event-after-closed",
        lambda: CLOSED.apply(Responded(at=ba(2026, 11, 20, 12))),
        raises(*EVENT, "Nothing follows Closed"),
    ),
    (
        "history-json-huge-kind",
        lambda: ticket_json(history=[{"kind": MEGABYTE, "at": "2026-11-20T11:00:00Z"}]),
        raises(*MODEL, "history.0: kind 'xxxx"),
    ),
    (
        "history-json-no-at",
        lambda: ticket_json(history=[{"kind": "responded"}]),
        raises(*MODEL, "history.0.responded.at: required"),
    ),
    ("history-strs", lambda: ticket_with(history=["responded"]), raises(*MODEL, "history.0")),
    (
        "ticket-blank-id",
        lambda: ticket_with(id="   "),
        raises(*MODEL, "invalid Ticket: id: must not be blank"),
    ),
    (
        "ticket-extra-field",
        lambda: ticket_with(colour="red"),
        raises(*MODEL, "colour: not a field here"),
    ),
    (
        "ticket-many-problems",
        lambda: Ticket.model_validate({"id": ""}),
        raises(*MODEL, "and 2 more (see .errors)"),  # requester is optional
    ),
    (
        "ticket-nested-contact",
        lambda: ticket_dict(
            requester={"first_name": "Ana", "last_name": "G", "email": "x", "phone": "y"}
        ),
        raises(*MODEL, "requester.email: 'x' is not an email address"),
    ),
    # -- contacts: email-validator and phonenumbers -----------------------------------------------
    (
        "email-hyphen-domain",
        lambda: contact(email="ana@-acme-.com"),
        raises(*MODEL, "cannot have a hyphen immediately after the @-sign"),
    ),
    (
        "email-dots",
        lambda: contact(email=".ana..@acme.com"),
        raises(*MODEL, "is not an email address"),
    ),
    (
        "email-megabyte",
        lambda: contact(email="a" * 1_000_000 + "@acme.com"),
        raises(*MODEL, "Length must not exceed"),
    ),
    ("email-no-at", lambda: contact(email="ana-at-acme"), raises(*MODEL, "must have an @-sign")),
    (
        "email-display-name",
        lambda: contact(email="Ana <ana@acme.com>"),
        raises(*MODEL, "give only the address"),
    ),
    (
        "email-no-dot",
        lambda: contact(email="ana@acme"),
        raises(*MODEL, "email: 'ana@acme' is not an email address"),
    ),
    (
        "email-reserved",
        lambda: contact(email="ana@acme.test"),
        raises(*MODEL, "special-use or reserved name"),
    ),
    (
        "email-space",
        lambda: contact(email="ana gomez@acme.com"),
        raises(*MODEL, "is not an email address"),
    ),
    (
        "email-normalised",
        lambda: contact(email=" Ana@ACME.com.ar ").email,
        Gives("Ana@acme.com.ar"),
    ),
    (
        "phone-punctuation",
        lambda: contact(phone="()()()--123456"),
        raises(*MODEL, "phone '()()()--123456' is not a phone number"),
    ),
    (
        "phone-words",
        lambda: contact(phone="call me"),
        raises(*MODEL, "did not seem to be a phone number"),
    ),
    ("phone-megabyte", lambda: contact(phone="1" * 1_000_000), raises(*MODEL, "too long")),
    (
        "phone-no-area-code",
        lambda: contact(phone="4321 0000"),
        raises(*MODEL, "is read as an Argentine number"),
    ),
    (
        "phone-international",
        lambda: contact(phone="+54 11 4321-0000").phone_e164,
        Gives("+541143210000"),
    ),
    ("phone-national", lambda: contact(phone="11 4321-0000").phone_e164, Gives("+541143210000")),
    (
        "phone-kept-as-written",
        lambda: contact(phone=" 011 4321-0000 ").phone,
        Gives("011 4321-0000"),
    ),
    (
        "phone-other-country",
        lambda: contact(phone="+1 212 555 0100").phone_e164,
        Gives("+12125550100"),
    ),
    (
        "contact-blank-name",
        lambda: contact(first_name=" "),
        raises(*MODEL, "first_name: must not be blank"),
    ),
    (
        "same-person-int",
        lambda: ANA.same_person(5),
        raises(*WRONG_TYPE, "email must be a str, got int"),
    ),
    ("same-person-case", lambda: ANA.same_person(" ANA.GOMEZ@ACME.COM.AR "), Gives(True)),
    (
        "duplicate-contact",
        lambda: CoveredProduct(title="UDP", maintenance_end=date(2027, 1, 1), contacts=(ANA, ANA)),
        raises(
            *MODEL,
            "lists the contact 'ana.gomez@acme.com.ar' twice (contacts are matched by email",
        ),
    ),
    (
        "three-contacts",
        lambda: CoveredProduct(
            title="UDP", maintenance_end=date(2027, 1, 1), contacts=(ANA, LUIS, EVA)
        ),
        raises(TooManyContactsError, ValueError, "at most 2 per title are allowed. Replace one"),
    ),
    (
        "duplicate-title",
        lambda: Contract(
            customer="ACME SA", products=(CONTRACT.products[0], CONTRACT.products[0])
        ),
        raises(*MODEL, "appears twice (titles are matched ignoring case and accents)"),
    ),
    (
        "maintenance-datetime",
        lambda: CONTRACT.products[0].in_maintenance(AT),
        raises(*WRONG_TYPE, "day must be a datetime.date, got datetime"),
    ),
    ("product-title-int", lambda: CONTRACT.product(5), raises(*WRONG_TYPE, "title must be a str")),
    (
        "entitlement-zone-str",
        lambda: CONTRACT.entitlement(
            "Arcserve UDP", ANA.email, AT, "America/Argentina/Buenos_Aires"
        ),
        raises(*WRONG_TYPE, "zone must be a tzinfo"),
    ),
    (
        "public-mailbox-none",
        lambda: is_public_mailbox(None),
        raises(*WRONG_TYPE, "email must be a str"),
    ),
    ("public-mailbox-fine", lambda: is_public_mailbox("ana@GMAIL.com"), Gives(True)),
    (
        "signature-int",
        lambda: signature_names_requester(5, "Ana", "Gómez"),
        raises(*WRONG_TYPE, "signature must be a str or None"),
    ),
    (
        "intake-contract-str",
        lambda: check_intake(T, "ACME SA", first_request=True),
        raises(*WRONG_TYPE, "pass None when there is none"),
    ),
    (
        "intake-ticket-dict",
        lambda: check_intake({}, CONTRACT, first_request=True),
        raises(*WRONG_TYPE, "ticket must be a Ticket"),
    ),
    (
        "alerts-alert-str",
        lambda: alert_recipients("threat", CONTRACT, AT),
        raises(*WRONG_TYPE, "alert must be a Alert"),
    ),
    (
        "remote-plan-str",
        lambda: remote_assistance(AT, "basic"),
        raises(*WRONG_TYPE, "plan must be a ServicePlan"),
    ),
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


@pytest.mark.parametrize(("call", "outcome"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    if isinstance(outcome, Gives):
        assert call() == outcome.value
        return
    with pytest.raises(SlaclockError) as info:
        call()
    error = info.value
    assert type(error) is outcome.error, f"{type(error).__name__}: {error}"
    assert isinstance(error, outcome.builtin)
    assert outcome.fragment in str(error), str(error)
    assert len(str(error)) <= MESSAGE_LIMIT


def test_the_catalogue_is_large_and_its_names_are_unique() -> None:
    names = [name for name, _, _ in CASES]
    assert len(names) >= 150
    assert len(set(names)) == len(names)
    refused = [o for _, _, o in CASES if isinstance(o, Raises)]
    assert {o.builtin for o in refused} == {ValueError, TypeError, LookupError}
    assert all(issubclass(o.error, o.builtin) for o in refused)
