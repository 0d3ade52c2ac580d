"""slaclock: support SLAs computed the way a helpdesk runs them."""

from slaclock.calendar import ARGENTINA_ZONE, BASIC_HOURS, BusinessCalendar, argentina
from slaclock.closures import Closure, Holiday, HolidayDataInfo, HolidayRules
from slaclock.errors import (
    InvalidDurationError,
    InvalidModelError,
    InvalidScheduleError,
    NaiveDatetimeError,
    NoOpenTimeError,
    OutOfRangeError,
    SlaclockError,
    UnknownHolidayCountryError,
    UnknownTimeZoneError,
)
from slaclock.explanation import ClosedDay, DeadlineExplanation
from slaclock.period import OpenPeriod
from slaclock.plan import BASIC_PLAN, IntakeRules, PlanCatalog, ResponseTargets, ServicePlan
from slaclock.schedule import OpenInterval, WeeklySchedule
from slaclock.severity import Priority, Severity
from slaclock.support import AfterHoursOption, Channel, SupportLevel, Tier

__version__ = "0.1.0"

__all__ = [
    "ARGENTINA_ZONE",
    "BASIC_HOURS",
    "BASIC_PLAN",
    "AfterHoursOption",
    "BusinessCalendar",
    "Channel",
    "ClosedDay",
    "Closure",
    "DeadlineExplanation",
    "Holiday",
    "HolidayDataInfo",
    "HolidayRules",
    "IntakeRules",
    "InvalidDurationError",
    "InvalidModelError",
    "InvalidScheduleError",
    "NaiveDatetimeError",
    "NoOpenTimeError",
    "OpenInterval",
    "OpenPeriod",
    "OutOfRangeError",
    "PlanCatalog",
    "Priority",
    "ResponseTargets",
    "ServicePlan",
    "Severity",
    "SlaclockError",
    "SupportLevel",
    "Tier",
    "UnknownHolidayCountryError",
    "UnknownTimeZoneError",
    "WeeklySchedule",
    "__version__",
    "argentina",
]
