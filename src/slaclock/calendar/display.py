"""Jupyter displays of calendars and deadline explanations (`_repr_html_`).

A calendar shows its weekly hours and the closed days of one year. The core
never reads the clock, so the year is one the calendar itself points to: the
latest year its engine has built (the year it was last used for), else the
last year the holiday data is complete for, else the year of its first listed
closure or re-opened date. The display says which.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from slaclock import _html as h
from slaclock import _text as short
from slaclock.calendar.holidays import kind_label
from slaclock.calendar.schedule import WEEKDAY_NAMES

if TYPE_CHECKING:
    from slaclock.calendar.business_calendar import BusinessCalendar
    from slaclock.calendar.explanation import DeadlineExplanation

__all__ = ["calendar_html", "explanation_html", "shown_year"]


def shown_year(cal: BusinessCalendar) -> tuple[int, str] | None:
    """The year whose closed days a calendar's display lists, and why that one (or None)."""
    built = cal.engine.years
    if built:
        return max(built), "the latest year this calendar has computed"
    info = cal.holiday_data()
    if info is not None and info.complete_through is not None:
        return info.complete_through, "the last year its holiday data is complete for"
    listed = sorted(
        [c.day for c in cal.closures]
        + [o.day for o in cal.openings]
        + [x.day for x in cal.extra_holidays]
        + list(cal.reopened)
    )
    if listed:
        return listed[0].year, "the year of its first listed date"
    return None


def _weekly(cal: BusinessCalendar) -> h.Html:
    days = cal.schedule.days
    width = max(1, *(len(d) for d in days))
    header = ["day", *(f"interval {k + 1}" for k in range(width)), "open"]
    rows = []
    for name, intervals in zip(WEEKDAY_NAMES, days):
        cells: list[object] = [str(i) for i in intervals] or ["closed"]
        cells += [""] * (width - len(cells))
        total = timedelta(microseconds=sum(i.end_us - i.start_us for i in intervals))
        rows.append([name.title(), *cells, short.duration(total)])
    week = timedelta(microseconds=cal.schedule.weekly_open_us)
    return h.table(header, rows, caption=f"Weekly hours ({short.duration(week)} a week)")


def _closed_days(cal: BusinessCalendar, year: int) -> tuple[list[list[object]], int]:
    """Rows (date, day, closed, why, kind) of `year`, and how many holidays fell on closed days."""
    rows: list[tuple[date, list[object]]] = []
    elsewhere = 0
    table = cal.holidays.for_year(year) if cal.holidays is not None else {}
    for day, holiday in sorted(table.items()):
        if not cal.schedule.days[day.weekday()]:
            elsewhere += 1
            continue
        if day in cal.reopened:
            rows.append((day, ["open", f"{holiday.name} (re-opened)", "re-opened"]))
            continue
        kind = kind_label(holiday.kind)
        rows.append((day, ["all day", holiday.name, kind]))
    for x in cal.extra_holidays:
        if x.day.year == year and x.day not in cal.reopened:
            rows.append((x.day, ["all day", x.name, "named " + kind_label(x.kind)]))
    for c in cal.closures:
        if c.day.year == year:
            span = "all day" if c.hours is None else str(c.hours)
            rows.append((c.day, [span, c.reason, "closure"]))
    for o in cal.openings:
        if o.day.year == year:
            rows.append((o.day, [f"open {o.hours}", o.reason, "special opening"]))
    out = [[d.isoformat(), d.strftime("%a"), *rest] for d, rest in sorted(rows, key=_first)]
    return out, elsewhere


def _first(row: tuple[date, list[object]]) -> date:
    return row[0]


def calendar_html(cal: BusinessCalendar) -> str:
    """Weekly hours and the closed days of one year (see `shown_year`)."""
    parts: list[object] = [h.note(cal.summary()), _weekly(cal)]
    chosen = shown_year(cal)
    if chosen is None:
        parts.append(h.note("No closed days to list: no holidays and no closures."))
    else:
        year, why = chosen
        rows, elsewhere = _closed_days(cal, year)
        caption = f"Closed days in {year} ({why})"
        if rows:
            parts.append(h.table(["date", "day", "closed", "why", "kind"], rows, caption=caption))
        else:
            parts.append(h.note(f"{caption}: none."))
        notes = []
        if elsewhere:
            notes.append(f"{elsewhere} more holiday(s) fall on days without hours.")
        if cal.holidays is not None:
            through = cal.holidays.data_complete_through()
            if through is not None and year > through:
                notes.append(
                    f"Provisional: the data knows decreed days through {through}; "
                    f"bridge days of {year} may be missing."
                )
        if notes:
            parts.append(h.note(" ".join(notes)))
    return h.block(*parts, title="BusinessCalendar")


def explanation_html(ex: DeadlineExplanation) -> str:
    """The deadline, the periods counted and the days skipped, and the data used."""
    facts: list[tuple[object, object]] = [("received", short.when(ex.start))]
    if ex.clock_start != ex.start:
        facts.append(("clock starts", f"{short.when(ex.clock_start)} (next opening)"))
    facts += [
        ("target", f"{short.duration(ex.duration)} of business time"),
        ("calendar", f"{ex.schedule} ({ex.zone})"),
        ("deadline", h.element("strong", short.when(ex.deadline))),
    ]
    parts: list[object] = [h.fields(facts)]
    counted = []
    total = timedelta(0)
    for p in ex.periods:
        total += p.duration
        counted.append(
            [short.when(p.start), short.when(p.end), short.duration(p.duration),
             short.duration(total)]
        )  # fmt: skip
    parts.append(
        h.table(["from", "to", "counted", "running total"], counted, caption="Periods counted")
    )
    if ex.closed_days:
        skipped = [
            [c.day.isoformat(), c.day.strftime("%a"), "all day" if c.hours is None
             else str(c.hours), c.reason, c.kind.replace("_", " ")]
            for c in ex.closed_days
        ]  # fmt: skip
        parts.append(
            h.table(["date", "day", "closed", "why", "kind"], skipped, caption="Days skipped")
        )
    else:
        parts.append(h.note("No scheduled day was skipped."))
    notes = []
    if ex.holiday_data is not None:
        notes.append(f"Holidays: {ex.holiday_data.describe()}.")
    if ex.tz_data:
        notes.append(f"Time zones: {ex.tz_data}.")
    if ex.periods_omitted:
        notes.append(f"Not shown: {ex.omission_note}.")
    parts.append(h.note(" ".join(notes)))
    if ex.provisional:
        parts.append(h.note(h.element("strong", "Provisional: "), ex.provisional_note + "."))
    return h.block(*parts, title=f"Deadline {short.when(ex.deadline)}")
