"""A small web service on slaclock (FastAPI): a deadline endpoint and a status endpoint.

Run it with ``pip install fastapi uvicorn`` and ``uvicorn examples.service:app``; the
test suite drives it through FastAPI's test client (tests/sla/test_ticket.py). The
ticket arrives as JSON and is validated by `Ticket` itself (the same pydantic model
FastAPI reads): a bad payload, or one slaclock refuses (received after `now`, a pause
the plan does not allow), is answered 422 with slaclock's own message.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from slaclock import BASIC_PLAN, SlaclockError, SlaStatus, Ticket, evaluate

app = FastAPI(title="slaclock example service")
PLAN = BASIC_PLAN  # a service would pick the customer's plan (catalog.get(contract.tier))


class StatusRequest(BaseModel):
    ticket: dict[str, Any] = Field(description="A ticket as JSON (see Ticket's schema).")
    now: datetime = Field(description="The instant to evaluate at, with its offset.")


class DeadlineRequest(BaseModel):
    received: datetime = Field(description="When the clock starts, with its offset.")
    hours: float = Field(gt=0, le=10_000, description="Business hours to add.")


class Deadline(BaseModel):
    deadline: datetime


@app.post("/status")
def status(request: StatusRequest) -> dict[str, Any]:
    """The ticket's first-response SLA at `now` (SlaStatus as JSON)."""
    try:
        ticket = Ticket.model_validate(request.ticket)
        result: SlaStatus = evaluate(ticket, request.now, PLAN)
    except SlaclockError as exc:  # typed, bounded, says what to do: safe to return
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    out: dict[str, Any] = result.model_dump(mode="json")
    return out


@app.post("/deadline")
def deadline(request: DeadlineRequest) -> Deadline:
    """`received` plus `hours` of business time on the plan's calendar."""
    try:
        due = PLAN.calendar.add(request.received, timedelta(hours=request.hours))
    except SlaclockError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return Deadline(deadline=due)


if __name__ == "__main__":  # run as a script (the docs test does): one call, no server
    try:
        from fastapi.testclient import TestClient
    except ImportError:  # httpx missing: nothing to show
        raise SystemExit(0) from None
    client = TestClient(app)
    print(client.post("/deadline", json={"received": "2026-11-24T16:00-03:00", "hours": 2}).json())
