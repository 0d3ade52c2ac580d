"""Calendars combined: open when either is (`a | b`), or when both are (`a & b`).

A follow-the-sun desk is the union of its regional desks; "open when both
the provider and the customer are" is an intersection. Results come in the
zone of the left calendar; a date is a business day of a combined calendar
when it has open time on the left calendar's wall clock.

A union of unions is one union of all their parts (``a | b | c`` holds three
parts, not a union inside a union), and likewise for intersections: the
layout stays flat, so no level asks the one below it for more than it needs.
How many calendars one holds, and how deeply combinations nest, are limits
(`Limits.combined_parts`, `Limits.nesting_depth`) checked at validation.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

import numpy as np
from pydantic import Field, ValidationInfo, field_validator, model_validator

from slaclock.calendar.base import Calendar, Shape, check_raw_shape, check_shape
from slaclock.calendar.column import Column, merge
from slaclock.calendar.derived_source import DerivedSource, intersect, merged_spans, touched_days
from slaclock.calendar.engine import Engine
from slaclock.calendar.explanation import ClosedDay
from slaclock.calendar.holidays import HolidayDataInfo
from slaclock.calendar.zone import TzDatabase

if TYPE_CHECKING:
    from slaclock.calendar.any_calendar import AnyCalendar

__all__ = ["CombinedCalendar", "CombinedSource"]


class CombinedSource(DerivedSource):
    """The open runs of a union or intersection of calendars."""

    def __init__(self, op: str, parts: list[Engine]) -> None:
        lo = max(p.source.min_us for p in parts)
        hi = min(p.source.max_us for p in parts)
        super().__init__(parts[0].source, parts, lo, hi)
        self.op = op

    @property
    def ever_opens(self) -> bool:
        opens = [p.source.ever_opens for p in self.parts]
        return all(opens) if self.op == "intersection" else any(opens)

    def build(self, first_year: int, last_year: int) -> tuple[Column, Column, Column]:
        lo, hi = self.window(first_year, last_year)
        runs = [p.runs_within(lo, hi) for p in self.parts]
        if self.op == "union":
            starts, ends = merge(
                np.concatenate([s for s, _ in runs]), np.concatenate([e for _, e in runs])
            )
        else:
            starts, ends = runs[0]
            for s, e in runs[1:]:
                starts, ends = intersect(starts, ends, s, e)
        first, last = self.days_of(first_year, last_year)
        return starts, ends, touched_days(starts, ends, self.primary, first, last)


class CombinedCalendar(Calendar):
    """Open when either part is (op="union", ``a | b``) or both are ("intersection", ``a & b``)."""

    op: Literal["union", "intersection"]
    #: Two or more calendars; a part of the same op is flattened into this one.
    parts: tuple[AnyCalendar, ...] = Field(min_length=2)

    @model_validator(mode="before")
    @classmethod
    def _not_too_large(cls, data: object) -> object:
        check_raw_shape(data, "a combined calendar")
        return data

    @field_validator("parts", mode="after")
    @classmethod
    def _flat(cls, v: tuple[AnyCalendar, ...], info: ValidationInfo) -> tuple[AnyCalendar, ...]:
        op = info.data.get("op")
        if not any(isinstance(p, CombinedCalendar) and p.op == op for p in v):
            return v
        flat: list[AnyCalendar] = []
        for p in v:
            flat.extend(p.parts if isinstance(p, CombinedCalendar) and p.op == op else (p,))
        return tuple(flat)

    @model_validator(mode="after")
    def _within_limits(self) -> CombinedCalendar:
        check_shape(self.shape, f"a combined calendar ({self.op})")
        return self

    @cached_property
    def shape(self) -> Shape:
        """How many calendars it holds, how deeply they nest, intervals a day in all."""
        return Shape.around(p.shape for p in self.parts)

    @cached_property
    def engine(self) -> Engine:
        """The engine of the combined open time (built on first use)."""
        return Engine(CombinedSource(self.op, [p.engine for p in self.parts]))

    @property
    def zone(self) -> ZoneInfo:
        """The left calendar's zone: results are given in it."""
        return self.parts[0].zone

    @property
    def result_zone(self) -> ZoneInfo:
        return self.zone

    def result_database(self) -> TzDatabase:
        """The tz database the result zone is read from."""
        return self.parts[0].result_database()

    def summary(self) -> str:
        word = " | or | " if self.op == "union" else " | and | "
        return word.join(f"({p.summary()})" for p in self.parts)

    def __repr__(self) -> str:
        return f"CombinedCalendar({self.describe_hours()})"

    def describe_hours(self) -> str:
        word = " or " if self.op == "union" else " and "
        return word.join(f"({p.describe_hours()}, {p.zone.key})" for p in self.parts)

    def closed_candidates(self, year: int) -> tuple[date, ...]:
        return tuple(sorted({d for p in self.parts for d in p.closed_candidates(year)}))

    def closed_reason(self, day: date) -> ClosedDay | None:
        """Union: why every part is closed that day; intersection: why one part is."""
        reasons = [p.closed_reason(day) for p in self.parts]
        found = [r for r in reasons if r is not None]
        if not found or (self.op == "union" and len(found) < len(reasons)):
            return None
        return _joined(day, found)

    def why_closed_at(self, u: int) -> ClosedDay:
        closed = [p for p in self.parts if not p.engine.is_open(u)]
        reasons = [p.why_closed_at(u) for p in closed]
        return _joined(reasons[0].day, reasons)

    def holiday_data(self) -> HolidayDataInfo | None:
        for part in self.parts:
            info = part.holiday_data()
            if info is not None:
                return info
        return None

    def tz_data(self) -> str:
        return "; ".join(dict.fromkeys(p.tz_data() for p in self.parts))

    def provisional_years_us(self, a: int, b: int) -> tuple[int, ...]:
        return tuple(sorted({y for p in self.parts for y in p.provisional_years_us(a, b)}))

    def provisional_spans_us(self) -> tuple[tuple[int, int], ...]:
        return self.provisional_spans

    @cached_property
    def provisional_spans(self) -> tuple[tuple[int, int], ...]:
        """`provisional_spans_us`, computed once (the calendar is immutable)."""
        return merged_spans(s for p in self.parts for s in p.provisional_spans_us())


def _joined(day: date, reasons: list[ClosedDay]) -> ClosedDay:
    if len(reasons) == 1:
        return reasons[0]
    return ClosedDay(day=day, reason="; ".join(r.reason for r in reasons), kind=reasons[0].kind)
