"""A designated contact: the person entitled to open cases for a product title.

Addresses and phone numbers are checked by well-kept libraries rather than
our own patterns: the email by pydantic's `validate_email` (the
`email-validator` package, syntax only, no DNS lookup), the phone by
`phonenumbers` (Google's libphonenumber metadata).
"""

from __future__ import annotations

import unicodedata
from contextlib import suppress
from functools import lru_cache

import phonenumbers
from pydantic import field_validator, validate_email
from pydantic_core import PydanticCustomError

from slaclock import _text as short
from slaclock._checks import cut, require, shorten
from slaclock._model import FrozenModel, Text
from slaclock.errors import InvalidModelError

__all__ = ["PHONE_REGION", "Contact", "fold_text"]

#: Where a phone number written without a leading + is read: Argentina (the manual's).
PHONE_REGION = "AR"


def fold_text(text: str) -> str:
    """Lower case without accents, for forgiving comparisons of names ("Gómez" ~ "gomez")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# Both checks take some 20 µs; a desk sees the same contacts again and again.
@lru_cache(maxsize=4096)
def _normal_email(text: str) -> str:
    """The address as `email-validator` normalises it (domain in lower case, Unicode NFC)."""
    _, email = validate_email(text.strip())
    return email


def _phone(text: str) -> phonenumbers.PhoneNumber:
    """The parsed number; a number without + is read in `PHONE_REGION`."""
    return phonenumbers.parse(text, PHONE_REGION)


@lru_cache(maxsize=4096)
def _phone_problem(text: str) -> str | None:
    """Why `text` is not a valid phone number, or None if it is one."""
    try:
        number = _phone(text)
    except phonenumbers.NumberParseException as exc:
        return str(exc)
    if not phonenumbers.is_valid_number(number):
        return "no such number in its country's numbering plan"
    return None


class Contact(FrozenModel):
    """First and last name, email and phone, as the on-boarding form asks for them.

    `email` is stored as `email-validator` normalises it: the domain in lower
    case (the local part keeps its case; `same_person` ignores case).
    `phone` keeps the text as given (stripped), so it reads as the customer
    wrote it; it must be a valid number for its country, read as Argentine
    when it has no leading + (`PHONE_REGION`). `phone_e164` gives the
    canonical form, e.g. "+541143210000", for dialling and comparing.
    """

    first_name: Text
    last_name: Text
    email: str
    phone: str

    @field_validator("email", mode="after")
    @classmethod
    def _email(cls, v: str) -> str:
        if "<" in v or ">" in v:
            raise InvalidModelError(
                f"email {shorten(v)} has a display name or angle brackets; give only the "
                "address, e.g. ana@acme.com.ar."
            )
        try:
            return _normal_email(v)
        except PydanticCustomError as exc:
            reason = str(exc).removeprefix("value is not a valid email address: ")
            raise InvalidModelError(
                f"{shorten(v)} is not an email address: {cut(reason, 200)} Write it as "
                "name@company.com."
            ) from exc

    @field_validator("phone", mode="after")
    @classmethod
    def _phone(cls, v: str) -> str:
        v = v.strip()
        reason = _phone_problem(v)
        if reason is not None:
            raise InvalidModelError(
                f"phone {shorten(v)} is not a phone number ({cut(reason, 120)}); give it "
                "with its country code, e.g. '+54 11 4321-0000' (without a +, it is read as "
                "an Argentine number)."
            )
        return v

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"

    @property
    def email_domain(self) -> str:
        """The part after the @, lower case."""
        return self.email.rpartition("@")[2]

    @property
    def phone_e164(self) -> str:
        """The phone in E.164 form, e.g. "+541143210000"."""
        return phonenumbers.format_number(_phone(self.phone), phonenumbers.PhoneNumberFormat.E164)

    def same_person(self, email: str) -> bool:
        """Whether `email` is this contact's (case-insensitive, normalised as `email` is)."""
        require(email, str, "email")
        other = email.strip()
        if not other.isascii():  # Unicode forms may differ; ASCII ones only by case
            with suppress(PydanticCustomError):
                other = _normal_email(other)
        return self.email.casefold() == other.casefold()

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def __repr__(self) -> str:
        return short.call(
            "Contact", short.text(self.full_name), short.text(self.email), short.text(self.phone)
        )
