"""Open time as int64 UTC microseconds: the one engine behind every calendar query.

Layout. For a range of local years a `Span` (span.py) keeps the open runs as
sorted UTC microseconds and the cumulative open time before each, so add,
elapsed and the rest cost O(log n) whatever the duration, and a whole column
costs one lookup in a `Directory` (direct addressing, a few passes over the
column). Business days are in business_days.py, the errors for searches beyond
the supported years in range_errors.py.

Exactness. A span answers only inside its window [lo, hi): the instants that
no date outside its years can open or close. Every answer is checked to lie
in the window; if not, the span is widened (geometrically, building only the
years not built yet, then joined, so a run that crosses the old edge is one
run) and the question asked again. So an answer never depends on what was
asked before.

Threads and processes. Spans are immutable; the engine swaps in a new tuple
of spans with a compare-and-swap under one module lock (swap.py), which is
never held while building.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from slaclock.calendar.column import I64, Column, Mask, merge
from slaclock.calendar.range_errors import check_instant, never_opens, ran_off
from slaclock.calendar.source import Source
from slaclock.calendar.span import Span
from slaclock.calendar.swap import SWAP

__all__ = ["NEVER_CLOSED", "NEVER_CLOSES", "SMALLER", "Engine"]

#: The remedies the errors of a search that ran off the supported years suggest.
SMALLER = "use a smaller duration."
NEVER_CLOSES = "the open period holding it does not end within them (the calendar never closes)."
NEVER_CLOSED = "the open period holding it began before them (the calendar was never closed)."


class Engine:
    """The open time of one calendar over the supported years, built on demand."""

    __slots__ = ("_current", "_spans", "source")

    def __init__(self, source: Source) -> None:
        self.source = source
        self._spans: tuple[Span, ...] = ()
        self._current = Span.empty()

    # -- spans ----------------------------------------------------------------------------
    @property
    def spans(self) -> tuple[Span, ...]:
        """The spans built so far (for reporting and tests)."""
        return self._spans

    @property
    def years(self) -> tuple[int, ...]:
        """The local years built so far."""
        return tuple(y for s in self._spans for y in range(s.first_year, s.last_year + 1))

    def span(self, u: int, what: str = "instant") -> Span:
        """A span whose window holds instant u (building what is missing)."""
        cur = self._current
        if cur.lo <= u < cur.hi:
            return cur
        for s in self._spans:
            if s.lo <= u < s.hi:
                self._current = s
                return s
        check_instant(self.source, u, what)
        return self.cover(u, u)

    def cover(self, a: int, b: int) -> Span:
        """One span whose window holds every instant in [a, b] (a <= b, both supported)."""
        for s in (self._current, *self._spans):
            if s.lo <= a and b < s.hi:
                return s
        first = self.source.year_of(a)
        last = self.source.year_of(b)
        while True:
            s = self.years_span(first, last)
            if s.lo <= a and b < s.hi:
                self._current = s
                return s
            first = s.first_year - (a < s.lo)
            last = s.last_year + (b >= s.hi)

    def years_span(self, first: int, last: int) -> Span:
        """One span holding at least the local years [first, last] (clamped to the range)."""
        first, last = max(first, self.source.first_year), min(last, self.source.last_year)
        while True:
            state = self._spans
            near = [s for s in state if s.first_year <= last + 1 and s.last_year >= first - 1]
            if len(near) == 1 and near[0].first_year <= first and last <= near[0].last_year:
                return near[0]
            lo = min([first, *(s.first_year for s in near)])
            hi = max([last, *(s.last_year for s in near)])
            parts = list(near)
            year = lo
            for s in [*sorted(near, key=lambda s: s.first_year), None]:
                gap_end = (s.first_year if s is not None else hi + 1) - 1
                if year <= gap_end:
                    parts.append(self.build(year, gap_end))
                if s is not None:
                    year = s.last_year + 1
            joined = parts[0] if len(parts) == 1 else Span.join(parts, self.source.window(lo, hi))
            with SWAP.lock:
                if self._spans is state:
                    rest = [s for s in state if s not in near]
                    self._spans = tuple(sorted([*rest, joined], key=lambda s: s.first_year))
                    self._current = joined
                    return joined

    def build(self, first: int, last: int) -> Span:
        """The span of local years [first, last], built from the source (not kept)."""
        starts, ends, bdays = self.source.build(first, last)
        starts, ends = merge(starts.astype(I64), ends.astype(I64))
        return Span(first, last, self.source.window(first, last), starts, ends, np.unique(bdays))

    def widen(self, s: Span, forward: bool, u: int, remedy: str = SMALLER) -> Span:
        """A span reaching further forward (or backward) than s; an error at the range edge."""
        if not self.source.ever_opens:
            raise never_opens()
        k = s.last_year - s.first_year + 1
        first, last = self.source.first_year, self.source.last_year
        if forward and s.last_year < last:
            return self.years_span(s.first_year, s.last_year + k)
        if not forward and s.first_year > first:
            return self.years_span(s.first_year - k, s.last_year)
        year = self.source.year_of(u)
        whole = self.years_span(year, last) if forward else self.years_span(first, year)
        if forward:
            opens = whole.n > 0 and int(whole.ends[-1]) > u
        else:
            opens = whole.n > 0 and int(whole.starts[0]) < u
        raise ran_off(self.source, forward, opens, remedy)

    # -- one value ------------------------------------------------------------------------
    def is_open(self, u: int) -> bool:
        """Whether instant u is open."""
        return self.span(u).is_open(u)

    def add(self, u: int, d: int) -> int:
        """See `Span.add`: forward, backward or zero, exact to the microsecond."""
        s = self._current
        if not s.lo <= u < s.hi:
            s = self.span(u)
        while True:
            r = s.add(u, d)
            if r is not None:
                return r
            s = self.widen(s, d >= 0, u)

    def next_open(self, u: int) -> int:
        """u if open, else the next opening."""
        return self.add(u, 0)

    def next_close(self, u: int) -> int:
        """The end of the open period holding u, or of the next one."""
        s = self.span(u)
        while True:
            r = s.next_close(u)
            if r is not None:
                return r
            s = self.widen(s, True, u, NEVER_CLOSES)

    def previous_close(self, u: int) -> int:
        """The latest closing at or before u."""
        s = self.span(u)
        while True:
            r = s.previous_close(u)
            if r is not None:
                return r
            s = self.widen(s, False, u, NEVER_CLOSED)

    def previous_open(self, u: int) -> int:
        """u if open, else the latest open instant before u."""
        s = self.span(u)
        while True:
            r = s.previous_open(u)
            if r is not None:
                return r
            s = self.widen(s, False, u)

    def elapsed(self, a: int, b: int) -> int:
        """Open time from a to b, negative if b < a."""
        s = self.span(a)
        if not s.lo <= b < s.hi and (b != s.hi or b >= self.source.max_us):
            self.span(b)  # b == s.hi needs nothing built, unless it is the end of the range
            s = self.cover(min(a, b), max(a, b))
        return s.cum_at(b) - s.cum_at(a)

    def clock(self, u: int, d: int, until: int) -> tuple[int, int, int]:
        """(clock start, deadline, open time from u to until, 0 if until <= u), d >= 0."""
        s = self.span(u)
        if until >= s.hi and (until > s.hi or until >= self.source.max_us):
            self.span(until)  # until == s.hi needs nothing built, unless it ends the range
            s = self.cover(u, until)
        while True:
            r = s.clock(u, d, until)
            if r is not None:
                return r
            s = self.widen(s, True, u)

    def runs(self, a: int, b: int) -> Iterator[tuple[int, int]]:
        """The open runs between a and b, clipped to them (nothing if b <= a)."""
        if b <= a:
            return iter(())
        self.span(a)
        self.span(b)
        return self.cover(a, b).runs(a, b)

    def period_start(self, x: int) -> int:
        """The opening of the open period holding the open instant x."""
        s = self.span(x)
        while True:
            r = s.period_start(x)
            if r is not None:
                return r
            s = self.widen(s, False, x, NEVER_CLOSED)

    def periods_after(self, u: int) -> Iterator[tuple[int, int]]:
        """Open periods from u onward, the first clipped at u; endless until the range ends.
        A period is asked only for the side it is not clipped on, so a period that began
        before the range still yields its part after u."""
        x = self.next_open(u)
        while True:
            end = self.next_close(x)
            yield x, end
            x = self.next_open(end)

    def periods_before(self, u: int) -> Iterator[tuple[int, int]]:
        """Open periods before u, latest first, the first clipped at u (a period that
        never closes before the range ends still yields its part before u)."""
        x = self.previous_open(u - 1)
        while True:
            start = self.period_start(x)
            yield start, x + 1
            x = self.previous_open(start - 1)

    def runs_within(self, a: int, b: int) -> tuple[Column, Column]:
        """The open runs between a and b (a < b, both supported), exact, as columns."""
        self.span(a)
        self.span(b - 1)
        return self.cover(a, b - 1).runs_within(a, b)

    # -- whole columns ------------------------------------------------------------------------
    def cover_many(self, u: Column, what: str = "instant") -> Span:
        """One span whose window holds every instant of a non-empty column."""
        lo, hi = int(u.min()), int(u.max())
        self.span(lo, what)
        self.span(hi, what)
        return self.cover(lo, hi)

    def add_many(self, u: Column, d: Column) -> Column:
        """`add` over whole columns (int64 µs), durations of any sign."""
        if len(u) == 0:
            return np.zeros(0, dtype=I64)
        if len(u) == 1:  # one ticket as a table of one row: one lookup, no column search
            return np.array([self.add(int(u[0]), int(d[0]))], dtype=I64)
        s = self.cover_many(u)
        out, ok = s.add_many(u, d)
        while not ok.all():
            todo = np.flatnonzero(~ok)
            forward = bool((d[todo] >= 0).any())
            s = self.widen(s, forward, int(u[todo[0]]))
            out[todo], ok[todo] = s.add_many(u[todo], d[todo])
        return out

    def next_open_many(self, u: Column) -> Column:
        """`next_open` of each instant."""
        return self.add_many(u, np.zeros(len(u), dtype=I64))

    def clock_many(self, u: Column, d: Column, until: Column) -> tuple[Column, Column, Column]:
        """`clock` over whole columns: (clock start, deadline, open time from u to until,
        0 where until <= u), targets d >= 0."""
        if len(u) == 0:
            empty = np.zeros(0, dtype=I64)
            return empty, empty, empty
        if len(u) == 1:  # one row: one lookup, no column search
            c, dl, e = self.clock(int(u[0]), int(d[0]), int(until[0]))
            return (np.array([c], dtype=I64), np.array([dl], dtype=I64), np.array([e], dtype=I64))
        later = until > u
        s = self.cover_many(np.concatenate([u, until[later]]))
        clock, deadline, elapsed, ok = s.clock_many(u, d, until)
        while not ok.all():
            todo = np.flatnonzero(~ok)
            s = self.widen(s, True, int(u[todo[0]]))
            clock[todo], deadline[todo], elapsed[todo], ok[todo] = s.clock_many(
                u[todo], d[todo], until[todo]
            )
        return clock, deadline, elapsed

    def local_years(self, u: Column) -> Column:
        """The local year of each instant (in the calendar's zone)."""
        return self.source.years_of(u)

    def local_ordinals(self, u: Column) -> Column:
        """The local date of each instant (in the calendar's zone), as ordinals."""
        return self.source.ordinals_of(u)

    def elapsed_many(self, a: Column, b: Column) -> Column:
        """Open time from each a to each b (negative where b < a)."""
        if len(a) == 0:
            return np.zeros(0, dtype=I64)
        if len(a) == 1:  # one row: one lookup, no column search
            return np.array([self.elapsed(int(a[0]), int(b[0]))], dtype=I64)
        s = self.cover_many(np.concatenate([a, b]))
        return s.cum_many(b)[0] - s.cum_many(a)[0]

    def open_many(self, u: Column) -> Mask:
        """Whether each instant is open."""
        if len(u) == 0:
            return np.zeros(0, dtype=bool)
        return self.cover_many(u).open_many(u)
