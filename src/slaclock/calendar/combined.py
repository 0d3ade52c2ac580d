"""Calendars combined: open when either is (`a | b`), or when both are (`a & b`).

A follow-the-sun desk is the union of its regional desks; "open when both
the provider and the customer are" is an intersection. Results come in the
zone of the left calendar; a date is a business day of a combined calendar
when it has open time on the left calendar's wall clock.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

import numpy as np

from slaclock.calendar.derived import DerivedSource, intersect, merged_spans, touched_days
from slaclock.calendar.engine import Column, Engine, merge
from slaclock.calendar.explanation import ClosedDay
from slaclock.calendar.face import Calendar
from slaclock.calendar.holidays import HolidayDataInfo

if TYPE_CHECKING:
    from slaclock.calendar.kinds import AnyCalendar

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
    parts: tuple[AnyCalendar, AnyCalendar]

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
