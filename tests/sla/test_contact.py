"""Contacts (`sla/contact.py`): emails and phone numbers, read as email-validator and
phonenumbers read them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from slaclock import (
    Contract,
    CoveredProduct,
    TooManyContactsError,
    alert_recipients,
    check_intake,
    is_public_mailbox,
    remote_assistance,
    signature_names_requester,
)
from tests.support.bad_inputs import (
    AT,
    MODEL,
    WRONG_TYPE,
    Case,
    Gives,
    Raises,
    T,
    check,
    contact,
    raises,
)
from tests.support.domain import ANA, CONTRACT, EVA, LUIS

# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
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
        lambda: ANA.same_person(5),  # type: ignore[arg-type]
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
    ("product-title-int", lambda: CONTRACT.product(5), raises(*WRONG_TYPE, "title must be a str")),  # type: ignore[arg-type]
    (
        "entitlement-zone-str",
        lambda: CONTRACT.entitlement(
            "Arcserve UDP",
            ANA.email,
            AT,
            "America/Argentina/Buenos_Aires",  # type: ignore[arg-type]
        ),
        raises(*WRONG_TYPE, "zone must be a tzinfo"),
    ),
    (
        "public-mailbox-none",
        lambda: is_public_mailbox(None),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "email must be a str"),
    ),
    ("public-mailbox-fine", lambda: is_public_mailbox("ana@GMAIL.com"), Gives(True)),
    (
        "signature-int",
        lambda: signature_names_requester(5, "Ana", "Gómez"),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "signature must be a str or None"),
    ),
    (
        "intake-contract-str",
        lambda: check_intake(T, "ACME SA", first_request=True),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "pass None when there is none"),
    ),
    (
        "intake-ticket-dict",
        lambda: check_intake({}, CONTRACT, first_request=True),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "ticket must be a Ticket"),
    ),
    (
        "alerts-alert-str",
        lambda: alert_recipients("threat", CONTRACT, AT),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "alert must be a Alert"),
    ),
    (
        "remote-plan-str",
        lambda: remote_assistance(AT, "basic"),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "plan must be a ServicePlan"),
    ),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)
