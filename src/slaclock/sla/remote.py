"""Remote assistance: only 09:00-17:00 on business days, no exception.

Asked for outside hours, it is scheduled at the next opening (the first
business hour of the next business day), or done now as paid after-hours work.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from slaclock._model import FrozenModel, Instant
from slaclock.sla.plan import ServicePlan, plan_or_basic
from slaclock.sla.support import AfterHoursOption

__all__ = ["RemoteSlot", "remote_assistance"]


class RemoteSlot(FrozenModel):
    """When remote assistance asked for at `requested` happens, and what "now" would cost."""

    requested: Instant
    start: Instant
    #: End of the first business hour of the slot.
    first_hour_end: Instant
    in_business_hours: bool
    #: Doing it at `requested` instead is paid after-hours work (False inside hours).
    now_is_billable: bool
    #: Whether the plan offers paid after-hours remote assistance at all.
    paid_now_available: bool


def remote_assistance(requested: datetime, plan: ServicePlan | None = None) -> RemoteSlot:
    """The slot for remote assistance requested at `requested` (`plan` None: Basic)."""
    plan = plan_or_basic(plan)
    cal = plan.remote_calendar
    inside = cal.is_open(requested)
    start = cal.next_open(requested)
    return RemoteSlot(
        requested=requested,
        start=start,
        first_hour_end=cal.add(start, timedelta(hours=1)),
        in_business_hours=inside,
        now_is_billable=not inside,
        paid_now_available=AfterHoursOption.PAID_REMOTE_ASSISTANCE in plan.after_hours,
    )
