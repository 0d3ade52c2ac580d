"""Every kind of calendar, as one type: what a plan, a table or a version may hold.

`AnyCalendar` is the union pydantic validates and serialises: a
`BusinessCalendar`, a `CombinedCalendar` (`a | b`, `a & b`) or a
`VersionedCalendar`; each tells itself apart by its fields.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from slaclock.calendar import combined, versioned
from slaclock.calendar.business_calendar import BusinessCalendar
from slaclock.calendar.combined import CombinedCalendar
from slaclock.calendar.versioned import Version, VersionedCalendar

__all__ = ["AnyCalendar", "BusinessCalendar", "CombinedCalendar", "Version", "VersionedCalendar"]

AnyCalendar = Annotated[
    BusinessCalendar | CombinedCalendar | VersionedCalendar, Field(union_mode="smart")
]

# The combined and versioned calendars name `AnyCalendar` in their fields (a forward
# reference: the union holds them). With the name in their modules, pydantic resolves it
# when each is first validated, not at import (see `slaclock._once`).
for _module in (combined, versioned):
    setattr(_module, "AnyCalendar", AnyCalendar)  # noqa: B010
