"""Service plans: what each tier promises, and the built-in Basic plan from the manual.

Only Basic has numbers in the manual. The other tiers exist as names; asking
for one that nobody defined raises `UndefinedPlanError` rather than invent
targets. Define them with `PlanCatalog.define`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from pydantic import Field, TypeAdapter, ValidationError, field_validator, model_validator

from slaclock import _text as short
from slaclock._checks import choice, require, shorten
from slaclock._model import BusinessTime, FrozenModel, changed_fields
from slaclock._once import on_first_use, once
from slaclock.calendar import business_days
from slaclock.calendar.any_calendar import AnyCalendar
from slaclock.calendar.business_calendar import BusinessCalendar
from slaclock.calendar.engine import Engine
from slaclock.errors import InvalidDurationError, InvalidModelError, UndefinedPlanError
from slaclock.sla.display import plan_html
from slaclock.sla.severity import Severity
from slaclock.sla.support import AfterHoursOption, Channel, SupportLevel, Tier

__all__ = [
    "BASIC_PLAN",
    "DEFAULT_CALENDAR",
    "IntakeRules",
    "MetricTargets",
    "NamedCalendar",
    "PlanCatalog",
    "ResponseTargets",
    "ServicePlan",
    "basic_plan",
    "plan_or_basic",
]


class ByTimeOfDay(FrozenModel):
    """A target "by `at` on the n-th business day after the clock starts", such as 16:00
    of the next business day (n = 1) or 17:00 the same day (n = 0).

    If that instant comes before the clock starts (a ticket at 16:30 with "by 16:00
    the same day"), the next business day's `at` applies. Evaluated, it becomes the
    business time from the clock start to that instant, so elapsed, remaining,
    warnings and pauses work as for a duration.
    """

    at: time
    business_days: int = Field(default=1, ge=0)

    @field_validator("at", mode="after")
    @classmethod
    def _wall(cls, v: time) -> time:
        if v.tzinfo is not None:
            raise InvalidModelError(
                f"at {v} carries a time zone; it is a wall-clock time in the plan "
                "calendar's zone, so pass a plain time such as time(16)."
            )
        return v

    @property
    def at_us(self) -> int:
        """Microseconds from midnight to `at`."""
        t = self.at
        return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond

    def __str__(self) -> str:
        when = {0: "the same business day", 1: "the next business day"}.get(
            self.business_days, f"{self.business_days} business days later"
        )
        return f"by {self.at.strftime('%H:%M')} {when}"


#: A first-response target: business time, or a time of day on a later business day.
Target = timedelta | ByTimeOfDay
_durations = once(lambda: TypeAdapter(timedelta))  # pydantic's ISO 8601 reader


class ResponseTargets(FrozenModel):
    """First-response target per severity: business time (a `timedelta`), or a time of
    day on a later business day (`ByTimeOfDay`)."""

    critical: BusinessTime | ByTimeOfDay
    major: BusinessTime | ByTimeOfDay
    minor: BusinessTime | ByTimeOfDay
    informational: BusinessTime | ByTimeOfDay

    @field_validator("critical", "major", "minor", "informational", mode="before")
    @classmethod
    def _one_kind(cls, v: object) -> object:
        """A mapping is a `ByTimeOfDay`; anything else is read as a duration only."""
        if isinstance(v, (ByTimeOfDay, timedelta, Mapping)):
            return v
        try:
            return _durations().validate_python(v)
        except ValidationError as exc:
            reason = str(exc.errors(include_url=False)[0]["msg"]).replace("timedelta", "duration")
            raise InvalidModelError(
                f"{reason}; write an ISO 8601 duration such as 'PT2H'."
            ) from exc

    @model_validator(mode="after")
    def _sane(self) -> ResponseTargets:
        for name in ("critical", "major", "minor", "informational"):
            value = getattr(self, name)
            if isinstance(value, timedelta) and value < timedelta(0):
                raise InvalidModelError(
                    f"the {name} response target is negative ({value}); give the business "
                    "time allowed for a first response, zero or more, e.g. timedelta(hours=2)."
                )
        return self

    def __getitem__(self, severity: Severity) -> Target:
        """The target of a severity (a `Severity`, 1-4 or a name; anything else is refused)."""
        s = Severity.parse(severity)
        return (self.critical, self.major, self.minor, self.informational)[s - 1]

    @classmethod
    def hours(cls, critical: int, major: int, minor: int, informational: int) -> ResponseTargets:
        """Targets given in business hours (int or float), severity 1 first."""
        given = {
            "critical": critical,
            "major": major,
            "minor": minor,
            "informational": informational,
        }
        for name, value in given.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InvalidDurationError(
                    f"ResponseTargets.hours: {name} must be a number of business hours, got "
                    f"{type(value).__name__}: {shorten(value)}; e.g. ResponseTargets.hours(2, 6, "
                    "12, 24)."
                )
        return cls(
            critical=timedelta(hours=critical),
            major=timedelta(hours=major),
            minor=timedelta(hours=minor),
            informational=timedelta(hours=informational),
        )


class IntakeRules(FrozenModel):
    """What a request must carry to be accepted (the manual's email rules)."""

    max_attachment_bytes: int = 10 * 1024 * 1024
    attachment_extensions: frozenset[str] = frozenset({".zip", ".rar"})
    require_signature: bool = True
    public_mail_domains: frozenset[str] = frozenset(
        {
            "gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.ar", "ymail.com",
            "hotmail.com", "hotmail.com.ar", "outlook.com", "outlook.com.ar", "live.com",
            "live.com.ar", "msn.com", "aol.com", "icloud.com", "me.com", "proton.me",
            "protonmail.com", "gmx.com", "mail.com", "zoho.com", "yandex.com",
            "fibertel.com.ar", "arnet.com.ar", "speedy.com.ar",
        }
    )  # fmt: skip

    @field_validator("max_attachment_bytes", mode="after")
    @classmethod
    def _limit(cls, v: int) -> int:
        if v < 0:
            raise InvalidModelError(
                f"must not be negative, got {v}; give the largest attachment accepted, in "
                "bytes, e.g. 10 * 1024 * 1024 for the manual's 10 MB."
            )
        return v

    @field_validator("attachment_extensions", mode="after")
    @classmethod
    def _dots(cls, v: frozenset[str]) -> frozenset[str]:
        return frozenset(e.lower() if e.startswith(".") else "." + e.lower() for e in v)


class NamedCalendar(FrozenModel):
    """A calendar a ticket can move to (another group's or level's hours), by name."""

    name: str = Field(description="What `CalendarChanged` events call it, e.g. 'level_2'.")
    calendar: AnyCalendar

    @field_validator("name", mode="after")
    @classmethod
    def _identifier(cls, v: str) -> str:
        if not _IDENTIFIER.fullmatch(v) or v == DEFAULT_CALENDAR:
            raise InvalidModelError(
                f"a calendar's name must be a lower-case identifier other than "
                f"{DEFAULT_CALENDAR!r} (the plan's own calendar), got {shorten(v)}."
            )
        return v


_NO_DEADLINE = np.iinfo(np.int64).min


@lru_cache(maxsize=64)
def _duration_table(targets: ResponseTargets) -> npt.NDArray[np.int64] | None:
    """Microseconds per severity code (index 0 unused) when every target is a duration
    (None otherwise): built once per targets value, read-only."""
    durations = [t for t in (targets[s] for s in Severity) if isinstance(t, timedelta)]
    if len(durations) != len(Severity):
        return None
    table = np.array([0, *(t // timedelta(microseconds=1) for t in durations)], np.int64)
    table.flags.writeable = False
    return table


#: What `CalendarChanged` calls the plan's own calendar (the one tickets start on).
DEFAULT_CALENDAR = "default"
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,62}")


class MetricTargets(FrozenModel):
    """The targets a policy sets for one metric (None: the metric measures only)."""

    metric: str
    targets: ResponseTargets | None

    @model_validator(mode="after")
    def _durations(self) -> MetricTargets:
        if self.targets is not None:
            for s in Severity:
                if not isinstance(self.targets[s], timedelta):
                    raise InvalidModelError(
                        f"policy targets for {self.metric!r} must be durations (a time of day "
                        "belongs to a plan's first-response targets)."
                    )
        return self


#: A plan's defaults, made on first use (`slaclock._once`).
_manual_calendar = once(BusinessCalendar)
_intake_rules = once(IntakeRules)


class ServicePlan(FrozenModel):
    """What one tier promises: targets, hours, levels, channels and after-hours options."""

    tier: Tier
    name: str
    targets: ResponseTargets
    calendar: AnyCalendar = Field(default_factory=_manual_calendar)
    levels: frozenset[SupportLevel] = frozenset({SupportLevel.L1, SupportLevel.L2})
    channels: frozenset[Channel] = frozenset({Channel.EMAIL, Channel.WEB_PORTAL})
    #: True where the provider follows the vendor case up; Basic only assists its creation.
    vendor_follow_up: bool = False
    #: When remote assistance is given; None means the plan's calendar.
    remote_assistance_calendar: AnyCalendar | None = None
    after_hours: frozenset[AfterHoursOption] = frozenset(AfterHoursOption)
    #: Reclassification restarts the clock at confirmation instead of measuring from receipt.
    restart_clock_on_reclassification: bool = False
    #: Whether the clock may be paused (e.g. waiting on the customer); Basic: no.
    pausing_allowed: bool = False
    #: Warn when this share (in percent) of a target is used.
    warning_percents: tuple[int, ...] = (50, 75, 90)
    proactive_alerts: bool = True
    intake: IntakeRules = Field(default_factory=_intake_rules)
    #: Other calendars a ticket can move to (`CalendarChanged`); it starts on `calendar`.
    calendars: tuple[NamedCalendar, ...] = ()
    #: Targets the plan sets for metrics by name (e.g. L2's update interval), used where
    #: no policy sets them; the manual's Basic plan sets none.
    metric_targets: tuple[MetricTargets, ...] = ()

    @field_validator("calendars", mode="after")
    @classmethod
    def _distinct(cls, v: tuple[NamedCalendar, ...]) -> tuple[NamedCalendar, ...]:
        names = [c.name for c in v]
        if len(set(names)) != len(names):
            raise InvalidModelError(f"the plan's calendars repeat a name: {shorten(names)}.")
        return v

    @property
    def calendar_names(self) -> tuple[str, ...]:
        """The names `CalendarChanged` may use, the plan's own calendar first."""
        return (DEFAULT_CALENDAR, *(c.name for c in self.calendars))

    @property
    def all_calendars(self) -> tuple[AnyCalendar, ...]:
        """The plan's calendar, then the others, in `calendar_names` order."""
        return (self.calendar, *(c.calendar for c in self.calendars))

    @property
    def engines(self) -> tuple[Engine, ...]:
        """The integer engine of each of `all_calendars`."""
        return tuple(c.engine for c in self.all_calendars)

    @field_validator("warning_percents", mode="after")
    @classmethod
    def _percents(cls, v: tuple[int, ...]) -> tuple[int, ...]:
        if any(not 0 < p < 100 for p in v):
            raise InvalidModelError(
                f"warning percents must be between 1 and 99, got {shorten(v)}; drop the others "
                "(0 would warn at once, 100 is the breach itself)."
            )
        return tuple(sorted(set(v)))

    @field_validator("levels", mode="after")
    @classmethod
    def _levels(cls, v: frozenset[SupportLevel]) -> frozenset[SupportLevel]:
        if SupportLevel.L1 not in v:
            raise InvalidModelError(
                "every plan includes L1, since cases arrive at the front line; add "
                "SupportLevel.L1 to levels, e.g. levels={SupportLevel.L1, SupportLevel.L2}."
            )
        return v

    def with_targets(
        self,
        *,
        critical: Target | None = None,
        major: Target | None = None,
        minor: Target | None = None,
        informational: Target | None = None,
    ) -> ServicePlan:
        """The same plan with some targets changed: ``with_targets(major=timedelta(hours=4))``."""
        given = {
            "critical": critical,
            "major": major,
            "minor": minor,
            "informational": informational,
        }
        changed = {k: v for k, v in given.items() if v is not None}
        return self.model_copy(update={"targets": self.targets.model_copy(update=changed)})

    def with_calendar(self, calendar: AnyCalendar) -> ServicePlan:
        """The same plan on another calendar: ``with_calendar(argentina(hours="08:00-18:00"))``."""
        return self.model_copy(update={"calendar": calendar})

    def target(self, severity: Severity) -> Target:
        """First-response target for a severity (a `Severity`, 1-4 or a name such as "minor")."""
        return self.targets[severity]

    def target_us(self, severity: Severity, start_us: int) -> tuple[int, int | None]:
        """A severity's target for a clock started at `start_us`: (microseconds of business
        time, the deadline it must not come before). For a duration the second is None;
        for `ByTimeOfDay` the target is the open time from the clock start to that
        deadline, which is the deadline itself (later only if pauses push it)."""
        target = self.targets[severity]
        if isinstance(target, timedelta):
            return target // timedelta(microseconds=1), None
        engine = self.calendar.engine
        due = business_days.deadline_by(engine, start_us, target.at_us, target.business_days)
        return max(engine.elapsed(start_us, due), 0), due

    def target_columns(
        self, severity: npt.NDArray[np.int8], start: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """`target_us` of each row (severities 1-4, clock starts in UTC microseconds); the
        deadlines not to come before are the smallest int64 for durations."""
        not_before = np.full(len(severity), _NO_DEADLINE, dtype=np.int64)
        table = _duration_table(self.targets)
        if table is not None:  # one lookup a row
            return table[severity.astype(np.intp)], not_before  # (an int8 index: a slow cast)
        out = np.zeros(len(severity), dtype=np.int64)
        engine = self.calendar.engine
        for s in Severity:
            rows = severity == int(s)
            if not rows.any():
                continue
            target = self.targets[s]
            if isinstance(target, timedelta):
                out[rows] = target // timedelta(microseconds=1)
                continue
            n = int(rows.sum())
            at = np.full(n, target.at_us, np.int64)
            days = np.full(n, target.business_days, np.int64)
            due = business_days.deadline_by_many(engine, start[rows], at, days)
            out[rows] = np.maximum(engine.elapsed_many(start[rows], due), 0)
            not_before[rows] = due
        return out, not_before

    @property
    def remote_calendar(self) -> AnyCalendar:
        """The calendar remote assistance follows."""
        return self.remote_assistance_calendar or self.calendar

    # -- display ------------------------------------------------------------------------------
    def __repr__(self) -> str:
        """Name, tier, targets (severity 1 first) and hours; other changes after them."""
        targets = "/".join(
            short.duration(t) if isinstance(t, timedelta) else str(t)
            for t in (self.targets[s] for s in Severity)
        )
        named = {"tier": self.tier.value, "targets": targets}
        cal = self.calendar
        if isinstance(cal, BusinessCalendar) and cal == BusinessCalendar(schedule=cal.schedule):
            named["schedule"] = str(cal.schedule)
        else:
            named["calendar"] = cal.summary()
        for name, v in changed_fields(self):
            if name not in ("tier", "name", "targets", "calendar"):
                named[name] = short.value(v)
        return short.call("ServicePlan", short.text(self.name), named=named)

    def _repr_html_(self) -> str:
        return plan_html(self)


BASIC_PLAN: ServicePlan
"""The manual's Basic Support: 2/6/12/24 business hours, Mon-Fri 09-17 Buenos Aires, L1
and L2, email and web portal, vendor escalation assisted only (no L3 follow-up). Made on
first use, not by `import slaclock`; every access gives this same plan."""
basic_plan = once(
    lambda: ServicePlan(
        tier=Tier.BASIC, name="Basic Support", targets=ResponseTargets.hours(2, 6, 12, 24)
    )
)


if not TYPE_CHECKING:  # a type checker sees the names declared above; a misspelt one is an error
    __getattr__ = on_first_use(__name__, BASIC_PLAN=basic_plan)


def plan_or_basic(plan: ServicePlan | None) -> ServicePlan:
    """`plan` itself, or `BASIC_PLAN` for None (the default of every `plan` argument).

    Anything else is a `WrongTypeError`. A `None` default keeps `help()`
    signatures short: a plan's repr is not an argument's documentation.
    """
    require(
        plan,
        (ServicePlan, type(None)),
        "plan",
        "pass a ServicePlan such as BASIC_PLAN or catalog.get(tier), or None for Basic.",
    )
    return basic_plan() if plan is None else plan


class PlanCatalog:
    """Plans by tier; immutable. `builtin()` knows Basic only."""

    __slots__ = ("_plans",)

    def __init__(self, plans: Mapping[Tier, ServicePlan] | None = None) -> None:
        plans = {} if plans is None else plans
        require(plans, Mapping, "PlanCatalog(plans)", "pass a mapping from Tier to ServicePlan.")
        checked: dict[Tier, ServicePlan] = {}
        for key, plan in plans.items():
            tier = choice(Tier, key, "catalog key")
            require(plan, ServicePlan, f"the catalog's plan for {tier.value}")
            if plan.tier is not tier:
                raise InvalidModelError(
                    f"plan {shorten(plan.name)} is for the {plan.tier.value} tier but is filed "
                    f"under {tier.value}; file it under its own tier (Tier.{plan.tier.name}), "
                    "or add it with catalog.define(plan), which does that for you."
                )
            checked[tier] = plan
        self._plans = MappingProxyType(checked)

    @classmethod
    def builtin(cls) -> PlanCatalog:
        """The manual's plans: Basic."""
        return cls({Tier.BASIC: basic_plan()})

    def define(self, plan: ServicePlan) -> PlanCatalog:
        """A new catalog with `plan` added (or replacing its tier's plan)."""
        require(plan, ServicePlan, "PlanCatalog.define(plan)")
        return PlanCatalog({**self._plans, plan.tier: plan})

    def get(self, tier: Tier | str) -> ServicePlan:
        """The plan of a tier, or `UndefinedPlanError` if nobody defined it."""
        t = choice(Tier, tier, "tier")
        plan = self._plans.get(t)
        if plan is None:
            raise UndefinedPlanError(
                f"the {t.value!r} tier has no plan: the manual gives numbers for Basic only. "
                "Define it with catalog.define(ServicePlan(tier=..., targets=...))."
            )
        return plan

    def __repr__(self) -> str:
        plans = {t.value: short.text(p.name) for t, p in self._plans.items()}
        return short.call("PlanCatalog", named=plans)

    def __contains__(self, tier: object) -> bool:
        return tier in self._plans

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers with a plan."""
        return tuple(self._plans)
