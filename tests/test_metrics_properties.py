"""Metrics against the slow reference (`tests.metric_reference`), on random timelines.

Random Zendesk-shaped timelines (status changes with reopens, same-instant events,
customer and agent messages public and private, escalations, pauses where the plan
allows them, classifications), on the Basic plan's calendar and on a 24/7 one; every
built-in metric and random metrics must give the reference's every field. The
table path (`evaluate_frame` with an events table) must give the one-ticket
answers, and no answer may depend on what was evaluated before.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from slaclock import (
    BASIC_PLAN,
    BusinessCalendar,
    ResponseTargets,
    ServicePlan,
    Severity,
    SupportLevel,
    Ticket,
    evaluate,
    evaluate_frame,
    metric_cycles,
)
from slaclock.sla.builtin_metrics import MANUAL_METRICS, ZENDESK_METRICS
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
from slaclock.sla.statuses import TicketStatus
from slaclock.sla.ticket import (
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
    TicketEvent,
    Updated,
    VendorDirectChosen,
)
from tests.domain import BA, ticket
from tests.metric_reference import RefMetric, evaluate_metrics
from tests.strategies import ALWAYS, OFFICE

UTC = ZoneInfo("UTC")
BUILTIN = (*ZENDESK_METRICS, *MANUAL_METRICS)
#: The Basic plan's calendar; the same allowing pauses; every hour of the week; New
#: York weekdays 09-17, across its DST changes (every boundary a whole UTC hour, as the
#: reference needs).
PLANS = (
    BASIC_PLAN,
    BASIC_PLAN.model_copy(update={"pausing_allowed": True}),
    BASIC_PLAN.model_copy(
        update={
            "calendar": BusinessCalendar(holidays=None, schedule=ALWAYS),
            "pausing_allowed": True,
        }
    ),
    BASIC_PLAN.model_copy(
        update={
            "calendar": BusinessCalendar(zone="America/New_York", holidays=None, schedule=OFFICE),
            "pausing_allowed": True,
        }
    ),
)
START_2026 = datetime(2026, 1, 1, tzinfo=BA)
STATUSES = [s for s in TicketStatus if s is not TicketStatus.CLOSED]
EVENT_KINDS = [
    "status", "status", "status", "status", "message", "message", "message", "message",
    "responded", "updated", "resolved", "to_l2", "to_vendor", "vendor_direct", "classified",
    "pause", "pause", "stayed",
]  # fmt: skip
GAPS = st.one_of(
    st.just(0),
    st.integers(1, 59),
    st.integers(60, 12 * 60),
    st.integers(12 * 60, 4 * 24 * 60),
)


@st.composite
def timelines(draw: st.DrawFn, pauses: bool) -> Ticket:
    """A ticket received at a whole minute of 2026 and up to 12 events, whole minutes
    apart (often at the same instant), sometimes closed at the end."""
    received = START_2026 + timedelta(minutes=draw(st.integers(0, 340 * 24 * 60)))
    t = ticket(received, priority=draw(st.integers(1, 4)), id=f"T-{draw(st.integers(0, 99))}")
    at = received
    paused = False
    events: list[TicketEvent] = []
    for _ in range(draw(st.integers(0, 12))):
        at = at + timedelta(minutes=draw(GAPS))
        kind = draw(st.sampled_from(EVENT_KINDS))
        event: TicketEvent
        if kind == "status":
            event = StatusChanged(at=at, status=draw(st.sampled_from(STATUSES)))
        elif kind == "message":
            author = draw(st.sampled_from(["customer", "agent"]))
            event = Message(at=at, author=author, public=draw(st.booleans()))
        elif kind == "responded":
            event = Responded(at=at)
        elif kind == "updated":
            event = Updated(at=at)
        elif kind == "resolved":
            event = Resolved(at=at)
        elif kind == "to_l2":
            event = Escalated(at=at, to=SupportLevel.L2)
        elif kind == "to_vendor":
            event = Escalated(at=at, to=SupportLevel.VENDOR, assisted_only=draw(st.booleans()))
        elif kind == "vendor_direct":
            event = VendorDirectChosen(at=at)
        elif kind == "classified":
            event = Classified(at=at, severity=Severity(draw(st.integers(1, 4))))
        elif kind == "stayed":
            event = StayedWithProvider(at=at, resumes_at=at + timedelta(hours=10))
        elif pauses:
            event = Resumed(at=at) if paused else Paused(at=at)
            paused = not paused
        else:
            continue
        events.append(event)
    if draw(st.integers(0, 3)) == 0:
        at = at + timedelta(minutes=draw(GAPS))
        events.append(
            Closed(at=at)
            if draw(st.booleans())
            else StatusChanged(at=at, status=TicketStatus.CLOSED)
        )
    return t.model_copy(update={"history": tuple(events)})


@st.composite
def cases(draw: st.DrawFn) -> tuple[Ticket, datetime, ServicePlan]:
    """A plan, a timeline it accepts and a `now` from receipt to days after the last event
    (so that some events are after now and do not count)."""
    plan = draw(st.sampled_from(PLANS))
    t = draw(timelines(plan.pausing_allowed))
    last = t.history[-1].at if t.history else t.received
    span = int((last - t.received) / timedelta(minutes=1))
    now = t.received + timedelta(minutes=draw(st.integers(0, span + 5 * 24 * 60)))
    return t, now, plan


def statuses(draw: st.DrawFn) -> frozenset[TicketStatus]:
    return frozenset(draw(st.sets(st.sampled_from(list(TicketStatus)), min_size=1, max_size=3)))


@st.composite
def event_conditions(draw: st.DrawFn) -> Any:
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return Created()
    if kind == 1:
        return StatusEntered(statuses=statuses(draw))
    if kind == 2:
        return StatusLeft(statuses=statuses(draw))
    if kind == 3:
        return Reopened()
    if kind == 4:
        author = draw(st.sampled_from(["customer", "agent"]))
        return MessageSent(author=author, public=draw(st.sampled_from([True, False, None])))
    if kind == 5:
        return LevelTook(level=draw(st.sampled_from(list(SupportLevel))))
    return Classification()


@st.composite
def state_conditions(draw: st.DrawFn) -> Any:
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return InStatus(statuses=statuses(draw))
    if kind == 1:
        levels = draw(st.sets(st.sampled_from(list(SupportLevel)), min_size=1, max_size=2))
        return HeldBy(levels=frozenset(levels))
    return PausedByEvent()


TARGET_MINUTES = st.one_of(
    st.just(0), st.integers(1, 120), st.integers(1, 40).map(lambda h: 60 * h)
)


@st.composite
def metrics(draw: st.DrawFn, name: str = "m") -> Metric:
    """A random metric: conditions of every kind, every after_stop, both hours, targets
    (whole minutes, zero included) or none, both tie rules."""
    targets = None
    if draw(st.booleans()):
        m = [draw(TARGET_MINUTES) for _ in range(4)]
        targets = ResponseTargets(
            critical=timedelta(minutes=m[0]),
            major=timedelta(minutes=m[1]),
            minor=timedelta(minutes=m[2]),
            informational=timedelta(minutes=m[3]),
        )
    return Metric(
        name=name,
        start=tuple(draw(st.lists(event_conditions(), min_size=1, max_size=2))),
        stop=tuple(draw(st.lists(event_conditions(), max_size=2))),
        pause=tuple(draw(st.lists(state_conditions(), max_size=2))),
        cancel=tuple(draw(st.lists(event_conditions(), max_size=1))),
        reset=tuple(draw(st.lists(event_conditions(), max_size=1))),
        after_stop=draw(st.sampled_from(["new_cycle", "resume", "extend", "ignore"])),
        hours=draw(st.sampled_from(["business", "calendar"])),
        targets=targets,
        breach_at_target=draw(st.booleans()),
        warning_percents=tuple(draw(st.sets(st.integers(1, 99), max_size=3))),
    )


# -- comparing ------------------------------------------------------------------------------------


def value(v: Any) -> Any:
    """A comparable plain value: instants in UTC, enums as their values."""
    if isinstance(v, datetime):
        return v.astimezone(UTC)
    return getattr(v, "value", v)


def got_metric(status: Any) -> dict[str, Any]:
    """The fields of a `MetricStatus` the reference gives."""
    return {
        "state": value(status.state),
        "start": value(status.start),
        "stop": value(status.stop),
        "deadline": value(status.deadline),
        "elapsed": status.elapsed,
        "remaining": status.remaining,
        "fraction_used": status.fraction_used,
        "breached": bool(status.cycles) and status.cycles[-1].breached,
        "warnings": tuple(status.warnings),
        "target": status.target,
        "breach_at": value(status.breach_at),
        "cycles": [
            (value(c.start), value(c.stop), c.elapsed, value(c.state), c.breached)
            for c in status.cycles
        ],
        "breached_cycles": status.breached_cycles,
    }


def want_metric(ref: RefMetric) -> dict[str, Any]:
    """The same fields from the reference."""
    return {
        "state": ref.state,
        "start": value(ref.start),
        "stop": value(ref.stop),
        "deadline": value(ref.deadline),
        "elapsed": ref.elapsed,
        "remaining": ref.remaining,
        "fraction_used": ref.fraction_used,
        "breached": ref.breached,
        "warnings": ref.warnings,
        "target": ref.target,
        "breach_at": value(ref.deadline) if ref.breached else None,
        "cycles": [
            (value(c.start), value(c.stop), c.elapsed, c.state, c.breached) for c in ref.cycles
        ],
        "breached_cycles": ref.breached_cycles,
    }


def differences(got: dict[str, Any], want: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Field -> (got, expected), for the fields that differ. A metric that never started
    has no target yet to speak of: its target, remaining and fraction are not compared."""
    skip = {"remaining", "fraction_used", "target"} if want["state"] == "not_started" else set()
    return {k: (got[k], want[k]) for k in want if k not in skip and got[k] != want[k]}


def check(t: Ticket, now: datetime, plan: ServicePlan, chosen: tuple[Metric, ...]) -> None:
    status = evaluate(t, now, plan, metrics=chosen)
    ref = evaluate_metrics(t, now, plan, chosen)
    wrong = {
        name: d
        for name, r in ref.items()
        if (d := differences(got_metric(status.metrics[name]), want_metric(r)))
    }
    assert not wrong, (t.history, now, wrong)


# -- the properties -------------------------------------------------------------------------------


@settings(max_examples=150)
@given(cases())
def test_builtin_metrics_equal_the_reference(case: tuple[Ticket, datetime, ServicePlan]) -> None:
    """Every built-in metric, every field, every cycle, as the semantics say."""
    check(*case, BUILTIN)


@settings(max_examples=150)
@given(cases(), st.lists(metrics(), min_size=1, max_size=3))
def test_random_metrics_equal_the_reference(
    case: tuple[Ticket, datetime, ServicePlan], chosen: list[Metric]
) -> None:
    """Random conditions, after_stop modes, hours, targets and tie rules."""
    named = tuple(m.model_copy(update={"name": f"m{k}"}) for k, m in enumerate(chosen))
    check(*case, named)


# Many timelines have no cycle longer than a minute: `assume` filters them, on purpose.
@settings(max_examples=100, suppress_health_check=[HealthCheck.filter_too_much])
@given(cases(), metrics(), st.sampled_from([-1, 0, 0, 1]), st.booleans())
def test_targets_next_to_a_cycles_elapsed_time(
    case: tuple[Ticket, datetime, ServicePlan], metric: Metric, off: int, at_target: bool
) -> None:
    """Targets a minute either side of, or exactly at, a cycle's counted time (random
    targets rarely tie): the tie rule, deadlines at the crossing, met against breached."""
    t, now, plan = case
    measured = evaluate_metrics(t, now, plan, (metric.with_targets(None),))[metric.name]
    times = [c.elapsed for c in measured.cycles if c.elapsed > timedelta(minutes=1)]
    assume(times)
    target = times[-1] + off * timedelta(minutes=1)
    tied = metric.model_copy(
        update={
            "targets": ResponseTargets(
                critical=target, major=target, minor=target, informational=target
            ),
            "breach_at_target": at_target,
        }
    )
    check(t, now, plan, (tied,))


# -- the table path -------------------------------------------------------------------------------


def tables(tickets: list[Ticket]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tickets frame (id, received, severity) and the long events table."""
    frame = pd.DataFrame(
        {
            "id": [t.id for t in tickets],
            "received": pd.to_datetime([t.received for t in tickets], utc=True),
            "severity": [int(t.priority) for t in tickets],
        }
    )
    rows: list[dict[str, Any]] = []
    for t in tickets:
        for e in t.history:
            row: dict[str, Any] = {
                "ticket_id": t.id, "kind": e.kind, "at": e.at, "severity": None, "to": None,
                "assisted_only": None, "status": None, "author": None, "public": None,
            }  # fmt: skip
            if isinstance(e, Classified):
                row["severity"] = int(e.severity)
            elif isinstance(e, Escalated):
                row["to"], row["assisted_only"] = e.to.value, e.assisted_only
            elif isinstance(e, StatusChanged):
                row["status"] = e.status.value
            elif isinstance(e, Message):
                row["author"], row["public"] = e.author, e.public
            rows.append(row)
    columns = ["ticket_id", "kind", "at", "severity", "to", "assisted_only", "status"]
    events = pd.DataFrame(rows, columns=[*columns, "author", "public"])
    events["at"] = pd.to_datetime(events["at"], utc=True)
    events["severity"] = events["severity"].astype("Int64")
    return frame, events


#: The columns of every metric, and those of a metric with targets only (a measure-only
#: metric has no deadline, remaining, fraction or breach to write).
ALWAYS_FIELDS = ("state", "start", "stop", "elapsed", "cycles")
TARGET_FIELDS = ("target", "deadline", "remaining", "fraction_used", "breached", "breached_cycles")
FIELDS = (*ALWAYS_FIELDS, *TARGET_FIELDS)


def plain(v: Any) -> Any:
    """A table cell as a plain value (None for nulls)."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime().astimezone(UTC)
    if isinstance(v, pd.Timedelta):
        return v.to_pytimedelta()
    if hasattr(v, "item"):
        return v.item()
    return value(v)


def row_of(status: Any) -> dict[str, Any]:
    """What a table row holds for one `MetricStatus`."""
    out = {f: value(getattr(status, f)) for f in FIELDS if f not in ("breached", "cycles")}
    out["breached"] = bool(status.cycles) and status.cycles[-1].breached
    out["cycles"] = len(status.cycles)
    return out


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[Ticket], datetime, ServicePlan]:
    """Up to 4 tickets with distinct ids on one plan, and a now after every receipt."""
    plan = draw(st.sampled_from(PLANS))
    tickets = draw(st.lists(timelines(plan.pausing_allowed), min_size=1, max_size=4))
    tickets = [t.model_copy(update={"id": f"T-{k}"}) for k, t in enumerate(tickets)]
    latest = max(t.received for t in tickets)
    now = latest + timedelta(minutes=draw(st.integers(0, 30 * 24 * 60)))
    return tickets, now, plan


@settings(max_examples=60)
@given(batches(), st.lists(metrics(), max_size=2))
def test_frame_rows_equal_one_ticket_answers(
    batch: tuple[list[Ticket], datetime, ServicePlan], extra: list[Metric]
) -> None:
    """Every <metric>_<field> cell of evaluate_frame is evaluate(ticket).metrics', whatever
    the other tickets of the table, and every metric_cycles row is its cycle; and
    evaluating a ticket again, after the others and with warm caches, gives the same
    answer."""
    tickets, now, plan = batch
    chosen = (*BUILTIN, *(m.model_copy(update={"name": f"x{k}"}) for k, m in enumerate(extra)))
    first = [evaluate(t, now, plan, metrics=chosen).metrics for t in tickets]
    frame, events = tables(tickets)
    # the tickets' events interleaved by time (a stable sort: same-instant events of one
    # ticket keep their order), as a helpdesk export lists them
    events = events.sort_values("at", kind="stable").reset_index(drop=True)
    out = evaluate_frame(frame, now, plan, events=events, metrics=chosen)
    for k, t in enumerate(tickets):
        for m in chosen:
            fields = ALWAYS_FIELDS + (TARGET_FIELDS if m.targets is not None else ())
            want = {f: v for f, v in row_of(first[k][m.name]).items() if f in fields}
            got = {f: plain(out[f"{m.name}_{f}"].iloc[k]) for f in fields}
            assert got == want, (t.id, t.history, now, m.name, got, want)
    long = metric_cycles(frame, now, plan, events=events, metrics=chosen)
    seen: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for _, r in long.sort_values(["ticket_id", "metric", "cycle"]).iterrows():
        seen.setdefault((r["ticket_id"], r["metric"]), []).append(
            tuple(plain(r[f]) for f in ("start", "stop", "elapsed", "state", "breached"))
        )
    for k, t in enumerate(tickets):
        for m in chosen:
            want_cycles = [
                (value(c.start), value(c.stop), c.elapsed, value(c.state), c.breached)
                for c in first[k][m.name].cycles
            ]
            assert seen.get((t.id, m.name), []) == want_cycles, (t.id, m.name)
    again = [evaluate(t, now, plan, metrics=chosen).metrics for t in reversed(tickets)]
    assert again[::-1] == first
