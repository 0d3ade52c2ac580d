"""Open time as int64 UTC microseconds: the one engine behind every calendar query.

Layout. For a range of local years a `Span` keeps the open runs as sorted
UTC microseconds (`starts`, `ends`, merged), and `cum[k]`, the open time
before run k (`cum[n]` is the total). The open time before an instant u is
``cum[i] + min(u, ends[i]) - starts[i]`` for the run i found by bisection, so
add, elapsed and the rest cost O(log n) whatever the duration, and a whole
column costs one lookup in a `Directory` (direct addressing, a few passes over
the column). A small table of the first run of each UTC day narrows the
bisection for a single value; the target of a short `add` is looked for in
the next few runs before the whole array.

Exactness. A span answers only inside its window [lo, hi): the instants that
no date outside its years can open or close. Every answer is checked to lie
in the window; if not, the span is widened (geometrically, building only the
years not built yet, then joined, so a run that crosses the old edge is one
run) and the question asked again. So an answer never depends on what was
asked before.

Threads and processes. Spans are immutable; the engine swaps in a new tuple
of spans with a compare-and-swap under one module lock, which is never held
while building. A forked child gets a fresh lock (`os.register_at_fork`).
"""

from __future__ import annotations

import os
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date, timezone
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from slaclock._time import MAX_YEAR, MIN_YEAR, US_PER_DAY, from_us
from slaclock.calendar.days import EPOCH_ORDINAL
from slaclock.calendar.directory import Directory
from slaclock.errors import NoOpenTimeError, OutOfRangeError, SlaclockError

__all__ = ["SWAP", "Column", "Engine", "Mask", "Source", "Span", "SwapLock", "merge"]

I64 = np.int64
#: A column of instants or durations: int64 microseconds (UTC instants since the epoch).
Column = npt.NDArray[np.int64]
#: A column of flags.
Mask = npt.NDArray[np.bool_]


class SwapLock:
    """The lock held while a calendar swaps in new spans (never while building them).

    One for all calendars. A forked child gets a new one, so a fork taken while
    another thread held it cannot leave the child waiting forever.
    """

    __slots__ = ("lock",)

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def renew(self) -> None:
        """Replace the lock (in a freshly forked child)."""
        self.lock = threading.Lock()


SWAP = SwapLock()
os.register_at_fork(after_in_child=SWAP.renew)
_SMALLER = "use a smaller duration."
_NEVER_CLOSES = "the open period holding it does not end within them (the calendar never closes)."
_NEVER_CLOSED = "the open period holding it began before them (the calendar was never closed)."


class Source(Protocol):
    """What the engine needs to know about a calendar: its open runs, year by year."""

    @property
    def first_year(self) -> int:
        """The first local year this calendar answers for (`MIN_YEAR` or later)."""
        ...

    @property
    def last_year(self) -> int:
        """The last local year this calendar answers for (`MAX_YEAR` or earlier)."""
        ...

    @property
    def min_us(self) -> int:
        """The first supported instant (local 1 January of `first_year`)."""
        ...

    @property
    def max_us(self) -> int:
        """The first instant after the supported range (local 1 January after `last_year`)."""
        ...

    def limit(self, year: int) -> SlaclockError | None:
        """Why `year` (within 1900-2199) is beyond this calendar's years, as the error to
        raise; None if it is not (e.g. no holiday data for it: `HolidayDataError`)."""
        ...

    @property
    def ever_opens(self) -> bool:
        """False when no date can ever open (then every search fails at once)."""
        ...

    def year_of(self, u: int) -> int:
        """The local year of instant u."""
        ...

    def years_of(self, u: Column) -> Column:
        """The local year of each instant."""
        ...

    def ordinals_of(self, u: Column) -> Column:
        """The local date of each instant, as `date.toordinal()` numbers."""
        ...

    def first_instants_at(self, local: Column) -> Column:
        """For each naive local time (µs since 1970-01-01 00:00 on the wall clock), the
        first instant whose wall clock reads it or later."""
        ...

    def window(self, first_year: int, last_year: int) -> tuple[int, int]:
        """[lo, hi): the instants the runs of these years describe completely."""
        ...

    def build(self, first_year: int, last_year: int) -> tuple[Column, Column, Column]:
        """The UTC runs (starts, ends; any order, disjoint or touching) opened by the
        dates of these years, and the ordinals of those dates that open at all."""
        ...


#: Spans with at most this many runs also keep Python lists for single-value queries:
#: `bisect` and indexing are fastest on lists, and a few thousand runs (a decade of a
#: 09-17 desk) cost little. Larger spans use memoryviews of the int64 arrays, which
#: hold 8 bytes a value instead of about 40.
LIST_RUNS = 16_384


def _scalar_view(a: npt.NDArray[np.integer[Any]]) -> list[int] | memoryview:
    if len(a) <= LIST_RUNS + 1:
        values: list[int] = a.tolist()
        return values
    return a.data


def _view_bytes(v: list[int] | memoryview) -> int:
    """Bytes a view adds to its array: none for a memoryview, the objects for a list."""
    if isinstance(v, memoryview):
        return 0
    return sum(x.__sizeof__() for x in v) + v.__sizeof__()


def merge(starts: Column, ends: Column) -> tuple[Column, Column]:
    """Sort runs and merge those that overlap or touch."""
    if len(starts) == 0:
        return starts, ends
    if np.any(starts[1:] < starts[:-1]):
        order = np.argsort(starts, kind="stable")
        starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    first = np.ones(len(starts), dtype=bool)
    first[1:] = starts[1:] > reach[:-1]
    idx = np.flatnonzero(first)
    return starts[idx], np.maximum.reduceat(reach, idx)


class Span:
    """The merged open runs of local years [first_year, last_year], exact in [lo, hi)."""

    __slots__ = (
        "B",
        "C",
        "E",
        "F",
        "S",
        "base",
        "bdays",
        "cum",
        "directories",
        "ends",
        "first",
        "first_year",
        "hi",
        "last_year",
        "lo",
        "n",
        "starts",
        "total",
    )

    def __init__(
        self,
        first_year: int,
        last_year: int,
        window: tuple[int, int],
        starts: Column,
        ends: Column,
        bdays: Column,
    ) -> None:
        self.first_year = first_year
        self.last_year = last_year
        self.lo, self.hi = window
        self.starts = starts
        self.ends = ends
        cum = np.zeros(len(starts) + 1, dtype=I64)
        np.cumsum(ends - starts, out=cum[1:])
        self.cum = cum
        self.bdays = bdays.astype(np.int32)
        self.n = len(starts)
        self.base = self.lo // US_PER_DAY * US_PER_DAY
        days = max(0, (self.hi - self.base) // US_PER_DAY) + 2
        marks = self.base + np.arange(days, dtype=I64) * US_PER_DAY
        self.first = np.searchsorted(starts, marks, "left").astype(np.int32)
        self.total = int(cum[-1])
        self.F = _scalar_view(self.first)
        self.S = _scalar_view(starts)
        self.E = _scalar_view(ends)
        self.C = _scalar_view(cum)
        self.B = _scalar_view(self.bdays)
        self.directories: tuple[Directory, Directory] | None = None

    @classmethod
    def empty(cls) -> Span:
        """A span that holds no instant (lo == hi): every lookup falls through it."""
        nothing = np.zeros(0, dtype=I64)
        return cls(0, -1, (0, 0), nothing, nothing, nothing)

    @classmethod
    def join(cls, parts: list[Span], window: tuple[int, int]) -> Span:
        """One span from spans of consecutive years (runs across their edges merged)."""
        parts = sorted(parts, key=lambda p: p.first_year)
        starts, ends = merge(
            np.concatenate([p.starts for p in parts]), np.concatenate([p.ends for p in parts])
        )
        bdays = np.concatenate([p.bdays for p in parts])
        return cls(parts[0].first_year, parts[-1].last_year, window, starts, ends, bdays)

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays (and the column directories, once built)."""
        arrays = (self.starts, self.ends, self.cum, self.bdays, self.first)
        views = (self.S, self.E, self.C, self.B, self.F)
        built = self.directories or ()
        return (
            sum(a.nbytes for a in arrays)
            + sum(_view_bytes(v) for v in views)
            + sum(d.nbytes for d in built)
        )

    # -- one value ----------------------------------------------------------------------
    def find(self, u: int) -> int:
        """The last run starting at or before u (-1 if none); u in [lo, hi]."""
        b = (u - self.base) // US_PER_DAY
        return bisect_right(self.S, u, self.F[b], self.F[b + 1]) - 1

    def cum_at(self, u: int) -> int:
        """Open time before u; u in [lo, hi]."""
        i = self.find(u)
        if i < 0:
            return 0
        e = self.E[i]
        return self.C[i] + (u if u < e else e) - self.S[i]

    def is_open(self, u: int) -> bool:
        i = self.find(u)
        return i >= 0 and u < self.E[i]

    def next_open(self, u: int) -> int | None:
        """u if open, else the next opening; None if that is not known here."""
        i = self.find(u)
        if i >= 0 and u < self.E[i]:
            return u
        if i + 1 < self.n:
            s: int = self.S[i + 1]
            return s if s <= self.hi else None
        return None

    def next_close(self, u: int) -> int | None:
        """The end of the run holding u, or of the next run."""
        i = self.find(u)
        if not (i >= 0 and u < self.E[i]):
            i += 1
        if i < self.n:
            e: int = self.E[i]
            return e if e < self.hi else None
        return None

    def previous_close(self, u: int) -> int | None:
        """The latest end of a run at or before u."""
        j = bisect_right(self.E, u) - 1
        if j >= 0:
            e: int = self.E[j]
            return e if e > self.lo else None
        return None

    def previous_open(self, u: int) -> int | None:
        """u if open, else the last open instant before u."""
        i = self.find(u)
        if i < 0:
            return None
        e = self.E[i]
        if u < e:
            return u
        last: int = e - 1
        return last if last >= self.lo else None

    def period_start(self, x: int) -> int | None:
        """The opening of the run holding the open instant x; None if it may be earlier."""
        s: int = self.S[self.find(x)]
        return s if s > self.lo else None

    def forward(self, c: int, d: int, i: int) -> int | None:
        """The earliest instant with open time c + d before it (d > 0), searching
        from run i; None if beyond the window."""
        t = c + d
        if t > self.total:
            return None
        n = self.n
        C = self.C
        top = i + 9
        if top <= n and C[top] >= t:
            j = bisect_left(C, t, i + 1, top) - 1
        else:
            j = bisect_left(C, t, i + 1) - 1
        r: int = self.S[j] + t - C[j]
        return r if r <= self.hi else None

    def add(self, u: int, d: int) -> int | None:
        """Forward (d > 0): the earliest instant with d of open time since u.
        Backward (d < 0): the latest instant with -d of open time until u.
        Zero: `next_open`. None if the answer is not known here."""
        if d == 0:
            return self.next_open(u)
        i = self.find(u)
        if i < 0:
            c = 0
        else:
            e = self.E[i]
            c = self.C[i] + (u if u < e else e) - self.S[i]
        if d > 0:
            return self.forward(c, d, i)
        t = c + d
        if t < 0:
            return None
        j = bisect_right(self.C, t, 0, i + 1) - 1
        r: int = self.S[j] + t - self.C[j]
        return r if r >= self.lo else None

    def clock(self, u: int, d: int, until: int) -> tuple[int, int, int] | None:
        """(clock start, deadline, open time from u to `until`, or 0 if until <= u)
        for a clock started at u with target d >= 0, from one lookup."""
        i = self.find(u)
        if i >= 0 and u < self.E[i]:
            start = u
            c = self.C[i] + u - self.S[i]
        elif i + 1 < self.n:
            i += 1
            start = self.S[i]
            c = self.C[i]
            if start > self.hi:
                return None
        else:
            return None
        deadline = self.forward(c, d, i) if d else start
        if deadline is None:
            return None
        if until <= u:
            return start, deadline, 0
        if until > self.hi:
            return None
        used = self.cum_at(until) - c
        return start, deadline, used if used > 0 else 0

    def runs(self, a: int, b: int) -> Iterator[tuple[int, int]]:
        """The open runs between a and b (a < b, both in the window), clipped to them."""
        i = max(self.find(a), 0)
        while i < self.n and self.S[i] < b:
            s, e = max(self.S[i], a), min(self.E[i], b)
            if s < e:
                yield s, e
            i += 1

    def runs_within(self, a: int, b: int) -> tuple[Column, Column]:
        """The open runs between a and b (both in the window) clipped to them, as columns."""
        i = max(int(np.searchsorted(self.starts, a, "right")) - 1, 0)
        j = int(np.searchsorted(self.starts, b, "left"))
        starts = np.maximum(self.starts[i:j], a)
        ends = np.minimum(self.ends[i:j], b)
        keep = starts < ends
        return starts[keep], ends[keep]

    # -- whole columns ------------------------------------------------------------------
    def _directories(self) -> tuple[Directory, Directory]:
        """Direct-address lookups in `starts` and `cum` (n > 0), built at first use by a
        column: a few passes over a column instead of a bisection a row. Two threads may
        both build them; the results are equal."""
        built = self.directories
        if built is None:
            built = self.directories = (Directory(self.starts), Directory(self.cum))
        return built

    def find_many(self, u: Column) -> Column:
        """`find` of each instant: the last run starting at or before it (-1 if none)."""
        if self.n == 0:
            return np.full(len(u), -1, dtype=I64)
        i: Column = self._directories()[0].right(u)
        i -= 1
        return i

    def cum_many(self, u: Column) -> tuple[Column, Column]:
        """Open time before each instant, and the run index found (-1 if none)."""
        i = self.find_many(u)
        if self.n == 0:
            return np.zeros(len(u), dtype=I64), i
        k = np.maximum(i, 0)
        c = self.cum[k] + np.minimum(u, self.ends[k]) - self.starts[k]
        c[i < 0] = 0
        return c, i

    def open_many(self, u: Column) -> Mask:
        """Whether each instant is open."""
        if self.n == 0:
            return np.zeros(len(u), dtype=bool)
        i = self.find_many(u)
        return (i >= 0) & (u < self.ends[np.maximum(i, 0)])

    def next_open_many(self, u: Column) -> tuple[Column, Mask]:
        """`next_open` of each instant, and whether it is known here."""
        if self.n == 0:
            return u.copy(), np.zeros(len(u), dtype=bool)
        i = self.find_many(u)
        inside = (i >= 0) & (u < self.ends[np.maximum(i, 0)])
        nxt = np.minimum(i + 1, self.n - 1)
        later = self.starts[nxt]
        out = np.where(inside, u, later)
        ok = inside | ((i + 1 < self.n) & (later <= self.hi))
        return out, ok

    def add_many(self, u: Column, d: Column) -> tuple[Column, Mask]:
        """`add` of each (instant, duration), durations of any sign, and which are known."""
        n = self.n
        if n == 0:
            return u.copy(), np.zeros(len(u), dtype=bool)
        c, _ = self.cum_many(u)
        t = c + d
        cum = self._directories()[1]
        fwd = cum.left(t) - 1
        back = cum.right(t) - 1
        j = np.clip(np.where(d > 0, fwd, back), 0, n - 1)
        r = self.starts[j] + t - self.cum[j]
        ok_fwd = (t <= self.cum[n]) & (r <= self.hi)
        ok_back = (t >= 0) & (r >= self.lo)
        zero, ok_zero = self.next_open_many(u)
        out = np.where(d == 0, zero, r)
        ok = np.where(d == 0, ok_zero, np.where(d > 0, ok_fwd, ok_back))
        return out, ok

    def clock_many(
        self, u: Column, d: Column, until: Column
    ) -> tuple[Column, Column, Column, Mask]:
        """`clock` of each row (d >= 0; every `until` > u in the window), and which are
        known here: one bisection of u, one of the target, one of `until`."""
        n = self.n
        if n == 0:
            zero = np.zeros(len(u), dtype=I64)
            return u.copy(), u.copy(), zero, np.zeros(len(u), dtype=bool)
        i = self.find_many(u)
        k = np.maximum(i, 0)
        end = self.ends[k]
        c = self.cum[k] + np.minimum(u, end) - self.starts[k]
        before = i < 0
        c[before] = 0
        inside = (u < end) & ~before
        following = self.starts[np.minimum(i + 1, n - 1)]
        clock = np.where(inside, u, following)
        ok = inside | ((i + 1 < n) & (following <= self.hi))
        t = c + d
        j = np.minimum(self._directories()[1].left(t) - 1, n - 1)
        deadline = self.starts[j] + t - self.cum[j]
        zero = d == 0
        deadline[zero] = clock[zero]
        ok &= zero | ((t <= self.total) & (deadline <= self.hi))
        elapsed = self.cum_many(until)[0] - c
        np.maximum(elapsed, 0, out=elapsed)
        elapsed[until <= u] = 0
        return clock, deadline, elapsed, ok


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

    def _check(self, u: int, what: str) -> None:
        src = self.source
        if not src.min_us <= u < src.max_us:
            utc_year = 1970 + u // 31_556_952_000_000  # near enough: only compared to edges
            if u < src.min_us:
                year = min(utc_year, src.first_year - 1)
            else:
                year = max(utc_year, src.last_year + 1)
            raise self._beyond_years(
                year,
                f"{what} {_describe(u)} is outside the years slaclock supports "
                f"({MIN_YEAR}-{MAX_YEAR} in the calendar's zone); pass an instant inside them.",
            )

    def _beyond_years(self, year: int, message: str) -> SlaclockError:
        """The calendar's own error for a year it has no data for, else `message`."""
        own = self.source.limit(year) if MIN_YEAR <= year <= MAX_YEAR else None
        return own if own is not None else OutOfRangeError(message)

    def span(self, u: int, what: str = "instant") -> Span:
        """A span whose window holds instant u (building what is missing)."""
        cur = self._current
        if cur.lo <= u < cur.hi:
            return cur
        for s in self._spans:
            if s.lo <= u < s.hi:
                self._current = s
                return s
        self._check(u, what)
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
                    parts.append(self._build(year, gap_end))
                if s is not None:
                    year = s.last_year + 1
            joined = parts[0] if len(parts) == 1 else Span.join(parts, self.source.window(lo, hi))
            with SWAP.lock:
                if self._spans is state:
                    rest = [s for s in state if s not in near]
                    self._spans = tuple(sorted([*rest, joined], key=lambda s: s.first_year))
                    self._current = joined
                    return joined

    def _build(self, first: int, last: int) -> Span:
        starts, ends, bdays = self.source.build(first, last)
        starts, ends = merge(starts.astype(I64), ends.astype(I64))
        return Span(first, last, self.source.window(first, last), starts, ends, np.unique(bdays))

    def widen(self, s: Span, forward: bool, u: int, remedy: str = _SMALLER) -> Span:
        """A span reaching further forward (or backward) than s; an error at the range edge."""
        if not self.source.ever_opens:
            raise _never_opens()
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
        raise self._ran_off(forward, opens, remedy)

    def _ran_off(self, forward: bool, opens: bool, remedy: str) -> SlaclockError:
        """The error for a search that ran off this calendar's years."""
        first, last = self.source.first_year, self.source.last_year
        edge = f"{last}-12-31" if forward else f"{first}-01-01"
        if not opens:
            way = "after" if forward else "before"
            return NoOpenTimeError(
                f"the calendar has no open time {way} this point up to {edge}: holidays and "
                "closures close every scheduled day. Add open hours, reopen dates or remove "
                "closures."
            )
        return self._beyond_years(
            last + 1 if forward else first - 1,
            f"the result would fall {'after' if forward else 'before'} {edge}, outside the "
            f"years slaclock supports ({MIN_YEAR}-{MAX_YEAR}); {remedy}",
        )

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
            s = self.widen(s, True, u, _NEVER_CLOSES)

    def previous_close(self, u: int) -> int:
        """The latest closing at or before u."""
        s = self.span(u)
        while True:
            r = s.previous_close(u)
            if r is not None:
                return r
            s = self.widen(s, False, u, _NEVER_CLOSED)

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
            s = self.widen(s, False, x, _NEVER_CLOSED)

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

    # -- business days (ordinals of local dates) ------------------------------------------
    def _days(self, first: int, last: int) -> Span:
        src = self.source
        for o in (first, last):
            day = date.fromordinal(o)
            if not src.first_year <= day.year <= src.last_year:
                raise self._beyond_years(
                    day.year,
                    f"date {day} is outside the years slaclock supports ({MIN_YEAR}-{MAX_YEAR}).",
                )
        return self.years_span(date.fromordinal(first).year, date.fromordinal(last).year)

    def is_business_day(self, o: int) -> bool:
        """Whether the date with ordinal o opens at all."""
        B = self._days(o, o).B
        k = bisect_left(B, o)
        return k < len(B) and B[k] == o

    def add_business_days(self, o: int, n: int) -> int:
        """The n-th business day after date o (before, if n < 0); n == 0 rolls forward."""
        s = self._days(o, o)
        while True:
            B = s.B
            k = bisect_right(B, o) + n - 1 if n > 0 else bisect_left(B, o) + n
            if 0 <= k < len(B):
                return int(B[k])
            if not self.source.ever_opens:
                raise _never_opens()
            forward = k >= 0
            span = s.last_year - s.first_year + 1
            first, last = self.source.first_year, self.source.last_year
            if forward and s.last_year < last:
                s = self.years_span(s.first_year, s.last_year + span)
            elif not forward and s.first_year > first:
                s = self.years_span(s.first_year - span, s.last_year)
            else:  # s reaches the edge: is any business day left on the way there?
                left = bisect_right(B, o) < len(B) if forward else bisect_left(B, o) > 0
                raise self._ran_off(forward, left, "use a smaller number of days.")

    def business_days_between(self, a: int, b: int) -> int:
        """Business days d with a <= d < b (negative if b < a)."""
        if b < a:
            return -self.business_days_between(b, a)
        B = self._days(a, b).B
        return bisect_left(B, b) - bisect_left(B, a)

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

    def _days_many(self, o: Column) -> Span:
        """One span holding the years of every date (ordinals) in a non-empty column."""
        lo, hi = int(o.min()), int(o.max())
        self._days(lo, lo)
        self._days(hi, hi)
        return self.years_span(date.fromordinal(lo).year, date.fromordinal(hi).year)

    def is_business_day_many(self, o: Column) -> Mask:
        """Whether each date (ordinal) opens at all."""
        if len(o) == 0:
            return np.zeros(0, dtype=bool)
        bdays = self._days_many(o).bdays
        k = np.searchsorted(bdays, o)
        hit: Mask = bdays[np.minimum(k, len(bdays) - 1)] == o if len(bdays) else k < 0
        return hit

    def add_business_days_many(self, o: Column, n: Column) -> Column:
        """`add_business_days` of each (date ordinal, count)."""
        out = np.zeros(len(o), dtype=I64)
        if len(o) == 0:
            return out
        s = self._days_many(o)
        todo = np.arange(len(o))
        while True:
            bdays = s.bdays.astype(I64)
            k = np.where(
                n[todo] > 0,
                np.searchsorted(bdays, o[todo], "right") + n[todo] - 1,
                np.searchsorted(bdays, o[todo], "left") + n[todo],
            )
            ok = (k >= 0) & (k < len(bdays))
            out[todo[ok]] = bdays[k[ok]]
            todo = todo[~ok]
            if len(todo) == 0:
                return out
            first = int(todo[0])
            out[first] = self.add_business_days(int(o[first]), int(n[first]))  # widens or raises
            todo = todo[1:]
            s = self._days_many(np.append(o, out[first]))  # every row's years, and beyond

    def deadline_by(self, u: int, at_us: int, n: int) -> int:
        """ "By wall-clock time `at_us` (µs after midnight) on the n-th business day after
        the clock's start date": the clock starts at next_open(u); if that instant on
        the chosen day comes before the start, the next business day's."""
        got = self.deadline_by_many(
            np.array([u], dtype=I64), np.array([at_us], dtype=I64), np.array([n], dtype=I64)
        )
        return int(got[0])

    def deadline_by_many(self, u: Column, at_us: Column, n: Column) -> Column:
        """`deadline_by` of each row."""
        if len(u) == 0:
            return np.zeros(0, dtype=I64)
        start = self.next_open_many(u)
        day = self.local_ordinals(start)
        chosen = self.add_business_days_many(day, n)
        epoch = date(1970, 1, 1).toordinal()
        due = self.source.first_instants_at((chosen - epoch) * US_PER_DAY + at_us)
        early = due < start
        if early.any():
            later = self.add_business_days_many(chosen[early], np.ones(int(early.sum()), I64))
            due[early] = self.source.first_instants_at((later - epoch) * US_PER_DAY + at_us[early])
        return due

    def business_days_between_many(self, a: Column, b: Column) -> Column:
        """`business_days_between` row by row (negative where b < a)."""
        if len(a) == 0:
            return np.zeros(0, dtype=I64)
        bdays = self._days_many(np.concatenate([a, b])).bdays
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        count = np.searchsorted(bdays, hi) - np.searchsorted(bdays, lo)
        out: Column = np.where(b < a, -count, count).astype(I64)
        return out

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


_CYCLE_DAYS = 146_097  # days in 400 Gregorian years


def _describe(u: int) -> str:
    """An instant for a message, even one no datetime can hold."""
    try:
        return from_us(u, timezone.utc).isoformat()
    except (OverflowError, ValueError):
        # Move the day by whole 400-year Gregorian cycles into datetime's years.
        ordinal = u // US_PER_DAY + EPOCH_ORDINAL
        cycles = (ordinal - 1) // _CYCLE_DAYS
        year = date.fromordinal(ordinal - cycles * _CYCLE_DAYS).year + 400 * cycles
        return f"in UTC year {year}"


def _never_opens() -> NoOpenTimeError:
    return NoOpenTimeError(
        "the calendar has no open time at all: its weekly schedule has no open intervals and no "
        "special openings. Give it open hours."
    )
