"""The user's own closures: a whole date, or some wall-clock hours of it."""

from __future__ import annotations

from datetime import date

from pydantic import field_validator

from slaclock import _text as short
from slaclock._model import FrozenModel
from slaclock.calendar.schedule import OpenInterval

__all__ = ["Closure"]


class Closure(FrozenModel):
    """A date the provider closes: the whole day, or only `hours` of it (wall-clock)."""

    day: date
    hours: OpenInterval | None = None
    reason: str = "closure"

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, v: object) -> object:
        return OpenInterval.parse(v) if isinstance(v, str) else v

    def __str__(self) -> str:
        span = f" {self.hours}" if self.hours is not None else ""
        return f"{self.day.isoformat()}{span} ({self.reason})"

    def __repr__(self) -> str:
        span = f" {self.hours}" if self.hours is not None else ""
        return f"Closure({self.day.isoformat()}{span}, {short.text(self.reason)})"
