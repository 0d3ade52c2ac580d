"""A designated contact: the person entitled to open cases for a product title."""

from __future__ import annotations

import re
import unicodedata

from pydantic import field_validator

from slaclock._model import FrozenModel, Text
from slaclock.errors import InvalidModelError

__all__ = ["Contact", "fold_text"]

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]+$")


def fold_text(text: str) -> str:
    """Lower case without accents, for forgiving comparisons of names ("Gómez" ~ "gomez")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Contact(FrozenModel):
    """First and last name, email and phone, as the on-boarding form asks for them."""

    first_name: Text
    last_name: Text
    email: str
    phone: str

    @field_validator("email", mode="after")
    @classmethod
    def _email(cls, v: str) -> str:
        v = v.strip()
        if not _EMAIL.match(v):
            raise InvalidModelError(f"{v!r} is not an email address; write name@company.com.")
        local, _, domain = v.rpartition("@")
        return f"{local}@{domain.lower()}"

    @field_validator("phone", mode="after")
    @classmethod
    def _phone(cls, v: str) -> str:
        v = v.strip()
        digits = sum(c.isdigit() for c in v)
        if not _PHONE.match(v) or not 6 <= digits <= 20:
            raise InvalidModelError(
                f"{v!r} is not a phone number; give 6-20 digits, optionally with +, spaces, "
                "dashes or parentheses, e.g. '+54 11 4321-0000'."
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

    def same_person(self, email: str) -> bool:
        """Whether `email` is this contact's (case-insensitive)."""
        return self.email.casefold() == email.strip().casefold()

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"
