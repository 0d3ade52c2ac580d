"""slaclock: support SLAs computed the way a helpdesk runs them."""

import importlib
from typing import TYPE_CHECKING

from slaclock.calendar.any_calendar import (
    AnyCalendar,
    CombinedCalendar,
    Version,
    VersionedCalendar,
)
from slaclock.calendar.base import Calendar
from slaclock.calendar.business_calendar import (
    ARGENTINA_ZONE,
    BusinessCalendar,
    argentina,
)
from slaclock.calendar.closures import Closure, Opening
from slaclock.calendar.explanation import ClosedDay, DeadlineExplanation
from slaclock.calendar.holidays import DatedHoliday, Holiday, HolidayDataInfo, HolidayRules
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
from slaclock.sla.metric import (
    Classification,
    Created,
    HeldBy,
    InStatus,
    LevelTook,
    MessageSent,
    Metric,
    PausedByEvent,
    Reopened,
    StatusEntered,
    StatusLeft,
)
from slaclock.sla.metric_cycles import MetricState
from slaclock.sla.metric_explain import MetricExplanation, MetricStep, explain_metric
from slaclock.sla.metric_status import MetricCycle, MetricStatus
from slaclock.sla.notifications import Alert, AlertKind, alert_recipients
from slaclock.sla.plan import (
    ByTimeOfDay,
    IntakeRules,
    NamedCalendar,
    PlanCatalog,
    ResponseTargets,
    ServicePlan,
)
from slaclock.sla.policy import MetricTargets, Policy, PolicyMatch
from slaclock.sla.remote import RemoteSlot, remote_assistance
from slaclock.sla.severity import Priority, Severity
from slaclock.sla.status import SlaState, SlaStatus, evaluate
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.support import AfterHoursOption, Channel, SupportLevel, Tier
from slaclock.sla.ticket import (
    Attachment,
    CalendarChanged,
    Classified,
    Closed,
    Escalated,
    Message,
    Paused,
    Resolved,
    Responded,
    Resumed,
    StatusChanged,
    StayedWithProvider,
    Ticket,
    TicketEvent,
    TicketState,
    Updated,
    VendorDirectChosen,
)
from slaclock.table import calendar_columns as ops
from slaclock.table.cycles import metric_cycles
from slaclock.table.dask import partition_by_ticket
from slaclock.table.eager import OUTPUT_COLUMNS
from slaclock.table.frame import evaluate_frame
from slaclock.table.what_if import (
    METRIC_SUMMARY_COLUMNS,
    SUMMARY_COLUMNS,
    Scenario,
    WhatIf,
    what_if,
)

if TYPE_CHECKING:  # made on first use: see `__getattr__`
    from slaclock.calendar.business_calendar import BASIC_HOURS
    from slaclock.sla.builtin_metrics import MANUAL_METRICS, ZENDESK_METRICS
    from slaclock.sla.plan import BASIC_PLAN

__version__ = "0.1.0"

__all__ = [
    "ARGENTINA_ZONE",
    "BASIC_HOURS",
    "BASIC_PLAN",
    "MANUAL_METRICS",
    "MAX_CONTACTS_PER_TITLE",
    "METRIC_SUMMARY_COLUMNS",
    "OUTPUT_COLUMNS",
    "SUMMARY_COLUMNS",
    "ZENDESK_METRICS",
    "AfterHoursOption",
    "Alert",
    "AlertKind",
    "AnyCalendar",
    "Attachment",
    "BusinessCalendar",
    "ByTimeOfDay",
    "Calendar",
    "CalendarChanged",
    "Channel",
    "Classification",
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
    "Created",
    "DatedHoliday",
    "DeadlineExplanation",
    "Entitlement",
    "EntitlementError",
    "Escalated",
    "EscalationError",
    "Finding",
    "FindingCode",
    "HeldBy",
    "Holiday",
    "HolidayDataError",
    "HolidayDataInfo",
    "HolidayRules",
    "InStatus",
    "IntakeRules",
    "InvalidDurationError",
    "InvalidModelError",
    "InvalidRowsError",
    "InvalidScheduleError",
    "LevelTook",
    "LimitExceededError",
    "Limits",
    "Message",
    "MessageSent",
    "Metric",
    "MetricCycle",
    "MetricExplanation",
    "MetricState",
    "MetricStatus",
    "MetricStep",
    "MetricTargets",
    "MissingExtraError",
    "NaiveDatetimeError",
    "NamedCalendar",
    "NoOpenTimeError",
    "OpenInterval",
    "OpenPeriod",
    "Opening",
    "OutOfRangeError",
    "Paused",
    "PausedByEvent",
    "PlanCatalog",
    "Policy",
    "PolicyMatch",
    "Priority",
    "ReceivedAfterNowError",
    "RemoteSlot",
    "Reopened",
    "Resolved",
    "Responded",
    "ResponseTargets",
    "Resumed",
    "Scenario",
    "ServicePlan",
    "Severity",
    "SlaState",
    "SlaStatus",
    "SlaclockError",
    "StatusChanged",
    "StatusEntered",
    "StatusLeft",
    "StayedWithProvider",
    "SupportLevel",
    "Ticket",
    "TicketEvent",
    "TicketEventError",
    "TicketState",
    "TicketStatus",
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
    "explain_metric",
    "is_public_mailbox",
    "metric_cycles",
    "next_levels",
    "ops",
    "partition_by_ticket",
    "remote_assistance",
    "signature_names_requester",
    "stay_with_provider",
    "vendor_direct_offer",
    "what_if",
]


#: The built-in values `import slaclock` does not make (`slaclock._once`): their modules.
_ON_FIRST_USE = {
    "BASIC_HOURS": "slaclock.calendar.business_calendar",
    "BASIC_PLAN": "slaclock.sla.plan",
    "MANUAL_METRICS": "slaclock.sla.builtin_metrics",
    "ZENDESK_METRICS": "slaclock.sla.builtin_metrics",
}


if not TYPE_CHECKING:  # a type checker sees the names declared above; a misspelt one is an error

    def __getattr__(name: str) -> object:
        """The built-in plan, hours and metrics, made on first use."""
        module = _ON_FIRST_USE.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
