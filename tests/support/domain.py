"""Shared domain fixtures: a customer, its contract and a ticket factory."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from slaclock import (
    Channel,
    Contact,
    Contract,
    CoveredProduct,
    Priority,
    Ticket,
    Tier,
)

BA = ZoneInfo("America/Argentina/Buenos_Aires")

ANA = Contact(
    first_name="Ana", last_name="Gómez", email="ana.gomez@acme.com.ar", phone="+54 11 4321-0000"
)
LUIS = Contact(
    first_name="Luis", last_name="Pérez", email="luis.perez@acme.com.ar", phone="+54 11 4321-0001"
)
EVA = Contact(
    first_name="Eva", last_name="Ruiz", email="eva.ruiz@acme.com.ar", phone="+54 11 4321-0002"
)

UDP = CoveredProduct(
    title="Arcserve UDP", maintenance_end=date(2026, 12, 31), contacts=(ANA, LUIS)
)
BACKUP = CoveredProduct(
    title="Arcserve Backup", maintenance_end=date(2026, 6, 30), contacts=(EVA,)
)
CONTRACT = Contract(
    customer="ACME SA",
    tier=Tier.BASIC,
    products=(UDP, BACKUP),
    remote_assistance_cards=("XP-0001",),
)


def ba(*args: int) -> datetime:
    return datetime(*args, tzinfo=BA)  # type: ignore[arg-type, misc]


def ticket(received: datetime, priority: int = 1, **kw: Any) -> Ticket:
    data: dict[str, Any] = {
        "id": "T-1",
        "customer": "ACME SA",
        "product": "Arcserve UDP",
        "product_version": "10.0",
        "subject": "backup job fails",
        "description": "job 42 fails with error 5",
        "platform": "Windows Server",
        "platform_version": "2022",
        "priority": Priority(priority),
        "channel": Channel.WEB_PORTAL,
        "requester": ANA,
        "received": received,
    }
    data.update(kw)
    return Ticket(**data)
