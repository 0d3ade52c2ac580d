"""Support vocabulary: who works a case (levels) and how it reaches the desk (channels)."""

from __future__ import annotations

from enum import Enum

__all__ = ["AfterHoursOption", "Channel", "SupportLevel", "Tier"]


class SupportLevel(str, Enum):
    """L1 front line, L2 product specialists, then the vendor (the manufacturer, L3)."""

    L1 = "L1"
    L2 = "L2"
    VENDOR = "vendor"

    @property
    def rank(self) -> int:
        """0, 1, 2: escalation goes up one rank at a time."""
        return _RANKS[self]


_RANKS = {SupportLevel.L1: 0, SupportLevel.L2: 1, SupportLevel.VENDOR: 2}


class Channel(str, Enum):
    """How a request arrives: Basic has email and the web portal; phone only in some tiers."""

    EMAIL = "email"
    WEB_PORTAL = "web_portal"
    PHONE = "phone"


class Tier(str, Enum):
    """The provider's support offers. The manual specifies only Basic."""

    BASIC = "basic"
    ADVANCED = "advanced"
    MANAGED_SERVICES = "managed_services"
    PREMIUM = "premium"


class AfterHoursOption(str, Enum):
    """What a customer can get outside business hours."""

    #: Severity 1: the designated contact may take the case to the vendor directly.
    VENDOR_DIRECT = "vendor_direct"
    #: Follow-up by the provider's engineer after hours: subject to availability, billed.
    PAID_FOLLOW_UP = "paid_follow_up"
    #: Remote assistance now instead of the next business hour, as paid work.
    PAID_REMOTE_ASSISTANCE = "paid_remote_assistance"
