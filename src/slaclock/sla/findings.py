"""A finding: one reason, with a stable code, why a request is not (fully) acceptable."""

from __future__ import annotations

from enum import Enum

from slaclock import _text as short
from slaclock._model import FrozenModel

__all__ = ["Finding", "FindingCode"]


class FindingCode(str, Enum):
    """Stable codes a service can branch on; the message is for people."""

    MISSING_SIGNATURE = "missing_signature"
    PUBLIC_MAILBOX = "public_mailbox"
    ATTACHMENT_TYPE = "attachment_type"
    ATTACHMENT_TOO_LARGE = "attachment_too_large"
    ATTACHMENT_SUSPICIOUS = "attachment_suspicious"
    NOT_DESIGNATED_CONTACT = "not_designated_contact"
    PRODUCT_NOT_COVERED = "product_not_covered"
    MAINTENANCE_EXPIRED = "maintenance_expired"
    CHANNEL_NOT_INCLUDED = "channel_not_included"
    NO_CONTRACT = "no_contract"


class Finding(FrozenModel):
    """A code and a message saying what is wrong and what to do."""

    code: FindingCode
    message: str

    def __str__(self) -> str:
        return f"{self.code.value}: {self.message}"

    def __repr__(self) -> str:
        return short.call("Finding", self.code.value, short.text(self.message))
