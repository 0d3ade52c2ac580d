"""Jupyter displays of plans, tickets and SLA statuses (`_repr_html_`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from pydantic import BaseModel

from slaclock import _html as h
from slaclock import _text as short
from slaclock._model import changed_fields
from slaclock.sla.severity import Severity

if TYPE_CHECKING:
    from slaclock.sla.plan import ServicePlan
    from slaclock.sla.status import SlaStatus
    from slaclock.sla.ticket import Ticket

__all__ = ["STATE_COLOURS", "plan_html", "status_html", "ticket_html"]

#: The badge colour of each SLA state (by value).
STATE_COLOURS = {
    "running": "#1565c0",
    "paused": "#616161",
    "met": "#2e7d32",
    "breached": "#c62828",
    "not_entitled": "#424242",
    "handed_to_vendor": "#6a1b9a",
}
_DESCRIPTION_LIMIT = 500


def _severity(s: Severity) -> str:
    return f"{int(s)} {s.name.lower()}"


def _plain(v: object) -> str:
    """A value as a table cell shows it: text as it is, the rest as in reprs."""
    if isinstance(v, str) and not isinstance(v, Enum):
        return v
    if isinstance(v, Severity):
        return _severity(v)
    if isinstance(v, datetime):
        return short.when(v)
    return short.value(v)


def plan_html(plan: ServicePlan) -> str:
    """The target matrix (severity, the manual's meaning, target) and the calendar summary."""
    rows = [[_severity(s), s.meaning, _target(plan.targets[s])] for s in Severity]
    matrix = h.table(
        ["severity", "meaning", "first-response target (business time)"],
        rows,
        caption="Response targets",
    )
    levels = sorted(plan.levels, key=lambda lv: lv.rank)
    facts: list[tuple[object, object]] = [
        ("calendar", plan.calendar.summary()),
        ("levels", ", ".join(lv.value for lv in levels)),
        ("channels", ", ".join(sorted(c.value.replace("_", " ") for c in plan.channels))),
        ("vendor case", "followed up" if plan.vendor_follow_up else "creation assisted only"),
        ("pausing", "allowed" if plan.pausing_allowed else "not allowed"),
        ("warnings at", ", ".join(f"{p}%" for p in plan.warning_percents) or "none"),
    ]
    if plan.restart_clock_on_reclassification:
        facts.append(("reclassification", "restarts the clock"))
    if plan.remote_assistance_calendar is not None:
        facts.append(("remote assistance", plan.remote_assistance_calendar.summary()))
    return h.block(matrix, h.fields(facts), title=f"{plan.name} ({plan.tier.value} tier)")


def _details(event: BaseModel) -> str:
    """An event's own fields (not its instant or kind), e.g. 'to: L2; assisted only: True'."""
    parts = [
        f"{name.replace('_', ' ')}: {_plain(v)}"
        for name, v in changed_fields(event)
        if name not in ("at", "kind")
    ]
    return "; ".join(parts)


def ticket_html(ticket: Ticket) -> str:
    """The ticket's header and its history, one row per event."""
    product = " ".join(p for p in (ticket.product, ticket.product_version) if p)
    confirmed = "confirmed" if ticket.classification is not None else "requested"
    facts: list[tuple[object, object]] = [
        ("customer", ticket.customer),
        ("product", f"{product} ({ticket.manufacturer})" if ticket.manufacturer else product),
    ]
    if ticket.platform or ticket.platform_version:
        facts.append(("platform", f"{ticket.platform} {ticket.platform_version}".strip()))
    facts += [
        ("priority", f"{int(ticket.priority)} {ticket.priority.name.lower().replace('_', ' ')}"),
        ("severity", f"{_severity(ticket.severity)} ({confirmed})"),
        ("channel", ticket.channel.value.replace("_", " ")),
        (
            "requester",
            f"{ticket.requester} {ticket.requester.phone}" if ticket.requester else "none given",
        ),
        ("received", short.when(ticket.received)),
        ("state", f"{ticket.state.value}, at {ticket.level.value}"),
    ]
    if ticket.attachments:
        names = ", ".join(f"{a.filename} ({a.size_bytes:,} B)" for a in ticket.attachments)
        facts.append(("attachments", names))
    parts: list[object] = [h.fields(facts)]
    if ticket.description:
        text = ticket.description
        if len(text) > _DESCRIPTION_LIMIT:
            text = text[: _DESCRIPTION_LIMIT - 1] + "…"
        parts.append(h.note(text))
    if ticket.history:
        rows = [
            [k + 1, short.when(e.at), e.kind.replace("_", " "), _details(e)]
            for k, e in enumerate(ticket.history)
        ]
        parts.append(h.table(["#", "at", "event", "details"], rows, caption="History"))
    else:
        parts.append(h.note("No events yet."))
    return h.block(*parts, title=f"Ticket {ticket.id}: {ticket.subject}")


def status_html(status: SlaStatus) -> str:
    """A card: state, deadline, elapsed against target, and a bar of the fraction used."""
    state = status.state.value
    confirmed = "confirmed" if status.severity_confirmed else "requested"
    facts: list[tuple[object, object]] = [
        ("severity", f"{_severity(status.severity)} ({confirmed}), at {status.level.value}"),
    ]
    if status.deadline is not None:
        facts.append(("deadline", short.when(status.deadline)))
    if status.clock_start is not None:
        facts.append(("clock started", short.when(status.clock_start)))
    facts += [
        (
            "elapsed / target",
            f"{short.duration(status.elapsed)} / {short.duration(status.target)}",
        ),
        ("remaining", short.duration(status.remaining)),
    ]
    if status.warnings:
        facts.append(("warnings", ", ".join(f"{p}%" for p in status.warnings)))
    if status.stopped_at is not None:
        facts.append(("clock stopped", short.when(status.stopped_at)))
    facts.append(("at", short.when(status.now)))
    parts: list[object] = [h.fields(facts)]
    if status.deadline is not None:
        parts.append(h.bar(status.fraction_used, late=status.breached))
    for p in status.problems:
        parts.append(h.note(str(p)))
    if status.provisional_years:
        years = ", ".join(str(y) for y in status.provisional_years)
        parts.append(h.note(f"Provisional: depends on {years} (decreed holidays may be missing)."))
    colour = STATE_COLOURS.get(state, "#888")
    title = h.element("span", f"SLA {status.ticket_id} ", h.badge(state.replace("_", " "), colour))
    return h.card(title, *parts, accent=colour)


def _target(target: object) -> str:
    return short.duration(target) if isinstance(target, timedelta) else str(target)
