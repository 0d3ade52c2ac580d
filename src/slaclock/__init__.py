"""slaclock: support SLAs computed the way a helpdesk runs them."""

from slaclock.calendar.business_calendar import (
    ARGENTINA_ZONE,
    BASIC_HOURS,
    BusinessCalendar,
    argentina,
)
from slaclock.calendar.closures import Closure, Opening
from slaclock.calendar.explanation import ClosedDay, DeadlineExplanation
from slaclock.calendar.face import Calendar
from slaclock.calendar.holidays import DatedHoliday, Holiday, HolidayDataInfo, HolidayRules
from slaclock.calendar.kinds import AnyCalendar, CombinedCalendar, Version, VersionedCalendar
from slaclock.calendar.period import OpenPeriod
from slaclock.calendar.schedule import OpenInterval, WeeklySchedule
from slaclock.errors import (
    ColumnError,
    CommandLineError,
    EntitlementError,
    EscalationError,
    HolidayDataError,
    InvalidDurationError,
    InvalidModelError,
    InvalidRowsError,
    InvalidScheduleError,
    LimitExceededError,
    MissingExtraError,
    NaiveDatetimeError,
    NoOpenTimeError,
    OutOfRangeError,
    ReceivedAfterNowError,
    SlaclockError,
    TicketEventError,
    TooManyContactsError,
    UndefinedPlanError,
    UnknownHolidayCountryError,
    UnknownTimeZoneError,
    WrongTypeError,
)
from slaclock.limits import Limits
from slaclock.sla.batch import evaluate_many
from slaclock.sla.contact import Contact
from slaclock.sla.contract import MAX_CONTACTS_PER_TITLE, Contract, CoveredProduct, Entitlement
from slaclock.sla.escalation import (
    VendorDirectOffer,
    choose_vendor_direct,
    classify,
    escalate,
    next_levels,
    stay_with_provider,
    vendor_direct_offer,
)
from slaclock.sla.findings import Finding, FindingCode
from slaclock.sla.intake import check_intake, is_public_mailbox, signature_names_requester
from slaclock.sla.notifications import Alert, AlertKind, alert_recipients
from slaclock.sla.plan import (
    BASIC_PLAN,
    ByTimeOfDay,
    IntakeRules,
    PlanCatalog,
    ResponseTargets,
    ServicePlan,
)
from slaclock.sla.remote import RemoteSlot, remote_assistance
from slaclock.sla.severity import Priority, Severity
from slaclock.sla.status import SlaState, SlaStatus, evaluate
from slaclock.sla.support import AfterHoursOption, Channel, SupportLevel, Tier
from slaclock.sla.ticket import (
    Attachment,
    Classified,
    Closed,
    Escalated,
    Paused,
    Resolved,
    Responded,
    Resumed,
    StayedWithProvider,
    Ticket,
    TicketEvent,
    TicketState,
    Updated,
    VendorDirectChosen,
)
from slaclock.table import ops
from slaclock.table.frame import OUTPUT_COLUMNS, evaluate_frame
from slaclock.table.what_if import SUMMARY_COLUMNS, WhatIf, what_if

__version__ = "0.1.0"

__all__ = [
    "ARGENTINA_ZONE",
    "BASIC_HOURS",
    "BASIC_PLAN",
    "MAX_CONTACTS_PER_TITLE",
    "OUTPUT_COLUMNS",
    "SUMMARY_COLUMNS",
    "AfterHoursOption",
    "Alert",
    "AlertKind",
    "AnyCalendar",
    "Attachment",
    "BusinessCalendar",
    "ByTimeOfDay",
    "Calendar",
    "Channel",
    "Classified",
    "Closed",
    "ClosedDay",
    "Closure",
    "ColumnError",
    "CombinedCalendar",
    "CommandLineError",
    "Contact",
    "Contract",
    "CoveredProduct",
    "DatedHoliday",
    "DeadlineExplanation",
    "Entitlement",
    "EntitlementError",
    "Escalated",
    "EscalationError",
    "Finding",
    "FindingCode",
    "Holiday",
    "HolidayDataError",
    "HolidayDataInfo",
    "HolidayRules",
    "IntakeRules",
    "InvalidDurationError",
    "InvalidModelError",
    "InvalidRowsError",
    "InvalidScheduleError",
    "LimitExceededError",
    "Limits",
    "MissingExtraError",
    "NaiveDatetimeError",
    "NoOpenTimeError",
    "OpenInterval",
    "OpenPeriod",
    "Opening",
    "OutOfRangeError",
    "Paused",
    "PlanCatalog",
    "Priority",
    "ReceivedAfterNowError",
    "RemoteSlot",
    "Resolved",
    "Responded",
    "ResponseTargets",
    "Resumed",
    "ServicePlan",
    "Severity",
    "SlaState",
    "SlaStatus",
    "SlaclockError",
    "StayedWithProvider",
    "SupportLevel",
    "Ticket",
    "TicketEvent",
    "TicketEventError",
    "TicketState",
    "Tier",
    "TooManyContactsError",
    "UndefinedPlanError",
    "UnknownHolidayCountryError",
    "UnknownTimeZoneError",
    "Updated",
    "VendorDirectChosen",
    "VendorDirectOffer",
    "Version",
    "VersionedCalendar",
    "WeeklySchedule",
    "WhatIf",
    "WrongTypeError",
    "__version__",
    "alert_recipients",
    "argentina",
    "check_intake",
    "choose_vendor_direct",
    "classify",
    "escalate",
    "evaluate",
    "evaluate_frame",
    "evaluate_many",
    "is_public_mailbox",
    "next_levels",
    "ops",
    "remote_assistance",
    "signature_names_requester",
    "stay_with_provider",
    "vendor_direct_offer",
    "what_if",
]
