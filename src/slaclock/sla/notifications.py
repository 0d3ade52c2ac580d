"""Proactive alerts: who hears about a vendor threat alert or a product update.

They go to the designated contacts of the products concerned, while those
products' maintenance is in force.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from slaclock._checks import require
from slaclock._model import FrozenModel
from slaclock._time import to_us
from slaclock.sla.contact import Contact
from slaclock.sla.contract import Contract
from slaclock.sla.plan import ServicePlan, plan_or_basic

__all__ = ["Alert", "AlertKind", "alert_recipients"]


class AlertKind(str, Enum):
    """A vendor threat alert (with its risk level) or a product update / patch notice."""

    THREAT = "threat"
    UPDATE = "update"


class Alert(FrozenModel):
    """One alert about one or more product titles."""

    kind: AlertKind
    products: tuple[str, ...]
    subject: str
    #: The vendor's risk category, for threat alerts.
    risk_level: str | None = None


def alert_recipients(
    alert: Alert, contract: Contract, at: datetime, plan: ServicePlan | None = None
) -> tuple[Contact, ...]:
    """Designated contacts of the alert's products whose maintenance covers `at`.

    `plan` None means the Basic plan (its calendar's zone reads the date).
    """
    require(alert, Alert, "alert")
    require(contract, Contract, "contract")
    plan = plan_or_basic(plan)
    to_us(at, "at")
    if not plan.proactive_alerts:
        return ()
    day = at.astimezone(plan.calendar.zone).date()
    seen: dict[str, Contact] = {}
    for title in alert.products:
        covered = contract.product(title)
        if covered is None or not covered.in_maintenance(day):
            continue
        for c in covered.contacts:
            seen.setdefault(c.email.casefold(), c)
    return tuple(seen.values())
