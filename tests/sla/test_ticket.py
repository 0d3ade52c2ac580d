"""Services (issue 14): a ticket from JSON without a requester, priority by name, the
status and its schema as JSON, the pausing error naming `pausing_allowed`, and the
example web service through FastAPI's test client."""

from __future__ import annotations

import json
import runpy
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from slaclock import (
    BASIC_PLAN,
    EntitlementError,
    InvalidModelError,
    Paused,
    Priority,
    Responded,
    Resumed,
    SlaStatus,
    Ticket,
    TicketEventError,
    check_intake,
    evaluate,
)
from tests.support.bad_inputs import (
    AT,
    CLOSED,
    EVENT,
    MEGABYTE,
    MODEL,
    PAUSED,
    WRONG_TYPE,
    Case,
    Gives,
    Raises,
    T,
    check,
    raises,
    ticket_dict,
    ticket_json,
    ticket_with,
)
from tests.support.domain import CONTRACT, ba, ticket

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD: dict[str, Any] = {
    "id": "CAS-7",
    "customer": "ACME SA",
    "product": "Arcserve UDP",
    "subject": "backup job fails",
    "priority": "critical",
    "channel": "web_portal",
    "received": "2026-11-24T09:30:00-03:00",
    "history": [{"kind": "paused", "at": "2026-11-24T10:00:00-03:00", "reason": "logs"}],
}


@pytest.mark.parametrize(
    ("name", "code"),
    [("critical", 1), ("Critical", 1), (" MAJOR ", 2), ("3", 3), ("informational", 4),
     ("QUESTION", 4), (2, 2)],
)  # fmt: skip
def test_priority_takes_the_names_tables_and_the_command_line_take(
    name: object, code: int
) -> None:
    data = {**PAYLOAD, "priority": name, "history": []}
    assert Ticket.model_validate(data).priority is Priority(code)
    assert Ticket.model_validate_json(json.dumps(data)).priority is Priority(code)


def test_a_bad_priority_is_refused() -> None:
    with pytest.raises(InvalidModelError, match="priority"):
        Ticket.model_validate({**PAYLOAD, "priority": "urgent"})


def test_no_requester_is_needed_for_an_sla_but_intake_says_it_is() -> None:
    t = Ticket.model_validate_json(json.dumps({**PAYLOAD, "history": []}))
    assert t.requester is None
    status = evaluate(t, ba(2026, 11, 24, 10))
    assert status.state.value == "running"
    with pytest.raises(EntitlementError, match=r"no requester.*intake"):
        check_intake(t, CONTRACT, first_request=True)
    with pytest.raises(EntitlementError, match=r"no requester.*entitlement"):
        evaluate(t, ba(2026, 11, 24, 10), contract=CONTRACT)
    assert "none given" in t._repr_html_()


def test_the_pausing_error_names_pausing_allowed() -> None:
    t = Ticket.model_validate(PAYLOAD)
    with pytest.raises(TicketEventError, match=r"pausing_allowed=False"):
        evaluate(t, ba(2026, 11, 24, 11))
    plan = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
    assert evaluate(t, ba(2026, 11, 24, 11), plan).state.value == "paused"


def test_a_paused_deadline_moves_with_now() -> None:
    """As documented: while paused, the deadline moves later as open time passes."""
    plan = BASIC_PLAN.model_copy(update={"pausing_allowed": True})
    t = Ticket.model_validate(PAYLOAD)
    early, late = evaluate(t, ba(2026, 11, 24, 11), plan), evaluate(t, ba(2026, 11, 24, 12), plan)
    assert early.deadline is not None and late.deadline is not None
    assert late.deadline - early.deadline == ba(2026, 11, 24, 12) - ba(2026, 11, 24, 11)
    assert early.elapsed == late.elapsed


def test_status_and_schema_as_json() -> None:
    status = evaluate(ticket(ba(2026, 11, 24, 9)), ba(2026, 11, 24, 10))
    back = SlaStatus.model_validate_json(status.model_dump_json())
    assert back == status
    schema = SlaStatus.model_json_schema()
    missing = [k for k, v in schema["properties"].items() if not v.get("description")]
    assert missing == []
    ticket_schema = Ticket.model_json_schema()
    for name in ("id", "priority", "received", "history", "requester"):
        assert ticket_schema["properties"][name].get("description"), name
    assert "requester" not in ticket_schema.get("required", [])


def test_the_example_service() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    app = runpy.run_path(str(ROOT / "examples" / "service.py"))["app"]
    client = TestClient(app)
    body = {"ticket": {**PAYLOAD, "history": []}, "now": "2026-11-24T10:30:00-03:00"}
    status = client.post("/status", json=body)
    assert status.status_code == 200, status.text
    assert status.json()["state"] == "running"
    assert status.json()["deadline"] == "2026-11-24T11:30:00-03:00"
    due = client.post("/deadline", json={"received": "2026-11-24T16:00:00-03:00", "hours": 2})
    assert due.status_code == 200, due.text
    assert datetime.fromisoformat(due.json()["deadline"]) == ba(2026, 11, 25, 10)
    later = {**body, "now": "2026-11-24T09:00:00-03:00"}  # before receipt: refused, typed
    refused = client.post("/status", json=later)
    assert refused.status_code == 422 and "after now" in refused.json()["detail"]
    paused = client.post("/status", json={**body, "ticket": PAYLOAD})
    assert paused.status_code == 422 and "pausing_allowed" in paused.json()["detail"]
    bad = client.post("/status", json={**body, "ticket": {**PAYLOAD, "priority": "urgent"}})
    assert bad.status_code == 422


# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
    # -- ticket histories -------------------------------------------------------------------------
    (
        "apply-str",
        lambda: T.apply("responded"),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "event must be a ticket event"),
    ),
    (
        "apply-dict",
        lambda: T.apply({"kind": "responded", "at": AT}),  # type: ignore[arg-type]
        raises(*WRONG_TYPE, "got dict"),
    ),
    (
        "paused-twice",
        lambda: PAUSED.apply(Paused(at=ba(2026, 11, 20, 12))),
        raises(*EVENT, "while already paused (since 2026-11-20T11:00:00-03:00); apply Resumed"),
    ),
    (
        "resume-without-pause",
        lambda: T.apply(Resumed(at=ba(2026, 11, 20, 11))),
        raises(*EVENT, "without being paused; apply Paused first"),
    ),
    (
        "event-before-receipt",
        lambda: T.apply(Responded(at=ba(2026, 11, 20, 9))),
        raises(*EVENT, "events must be applied in time order"),
    ),
    (
        "event-after-closed",
        lambda: CLOSED.apply(Responded(at=ba(2026, 11, 20, 12))),
        raises(*EVENT, "Nothing follows Closed"),
    ),
    (
        "history-json-huge-kind",
        lambda: ticket_json(history=[{"kind": MEGABYTE, "at": "2026-11-20T11:00:00Z"}]),
        raises(*MODEL, "history.0: kind 'xxxx"),
    ),
    (
        "history-json-no-at",
        lambda: ticket_json(history=[{"kind": "responded"}]),
        raises(*MODEL, "history.0.responded.at: required"),
    ),
    ("history-strs", lambda: ticket_with(history=["responded"]), raises(*MODEL, "history.0")),
    (
        "ticket-blank-id",
        lambda: ticket_with(id="   "),
        raises(*MODEL, "invalid Ticket: id: must not be blank"),
    ),
    (
        "ticket-extra-field",
        lambda: ticket_with(colour="red"),
        raises(*MODEL, "colour: not a field here"),
    ),
    (
        "ticket-many-problems",
        lambda: Ticket.model_validate({"id": ""}),
        raises(*MODEL, "and 2 more (see .errors)"),  # requester is optional
    ),
    (
        "ticket-nested-contact",
        lambda: ticket_dict(
            requester={"first_name": "Ana", "last_name": "G", "email": "x", "phone": "y"}
        ),
        raises(*MODEL, "requester.email: 'x' is not an email address"),
    ),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)
