"""The open runs of a range of local years, and the lookups on them.

A `Span` keeps the merged open runs of local years [first_year, last_year] as
sorted UTC microseconds (`starts`, `ends`) and `cum[k]`, the open time before
run k, so the open time before an instant u is
``cum[i] + min(u, ends[i]) - starts[i]`` for the run i found by bisection. It
answers only inside its window [lo, hi) (the instants no date outside its years
can open or close) and says None where the answer lies beyond it: the `Engine`
then widens. Single values bisect; whole columns use a `Directory`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

from slaclock._time import US_PER_DAY
from slaclock.calendar.column import I64, Column, Mask, merge
from slaclock.calendar.directory import Directory

__all__ = ["LIST_RUNS", "Span"]


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


class Span:
    """The merged open runs of local years [first_year, last_year], exact in [lo, hi)."""

    __slots__ = (
        "base",
        "bdays",
        "bdays_seq",
        "cum",
        "cum_seq",
        "directories",
        "ends",
        "ends_seq",
        "first",
        "first_seq",
        "first_year",
        "hi",
        "last_year",
        "lo",
        "n",
        "starts",
        "starts_seq",
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
        # The `*_seq` twins of the arrays serve single values: `bisect` and indexing run
        # on a Python list many times faster than on an ndarray (no scalar boxing).
        self.first_seq = _scalar_view(self.first)
        self.starts_seq = _scalar_view(starts)
        self.ends_seq = _scalar_view(ends)
        self.cum_seq = _scalar_view(cum)
        self.bdays_seq = _scalar_view(self.bdays)
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
        views = (self.starts_seq, self.ends_seq, self.cum_seq, self.bdays_seq, self.first_seq)
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
        return bisect_right(self.starts_seq, u, self.first_seq[b], self.first_seq[b + 1]) - 1

    def cum_at(self, u: int) -> int:
        """Open time before u; u in [lo, hi]."""
        i = self.find(u)
        if i < 0:
            return 0
        e = self.ends_seq[i]
        return self.cum_seq[i] + (u if u < e else e) - self.starts_seq[i]

    def is_open(self, u: int) -> bool:
        i = self.find(u)
        return i >= 0 and u < self.ends_seq[i]

    def next_open(self, u: int) -> int | None:
        """u if open, else the next opening; None if that is not known here."""
        i = self.find(u)
        if i >= 0 and u < self.ends_seq[i]:
            return u
        if i + 1 < self.n:
            s: int = self.starts_seq[i + 1]
            return s if s <= self.hi else None
        return None

    def next_close(self, u: int) -> int | None:
        """The end of the run holding u, or of the next run."""
        i = self.find(u)
        if not (i >= 0 and u < self.ends_seq[i]):
            i += 1
        if i < self.n:
            e: int = self.ends_seq[i]
            return e if e < self.hi else None
        return None

    def previous_close(self, u: int) -> int | None:
        """The latest end of a run at or before u."""
        j = bisect_right(self.ends_seq, u) - 1
        if j >= 0:
            e: int = self.ends_seq[j]
            return e if e > self.lo else None
        return None

    def previous_open(self, u: int) -> int | None:
        """u if open, else the last open instant before u."""
        i = self.find(u)
        if i < 0:
            return None
        e = self.ends_seq[i]
        if u < e:
            return u
        last: int = e - 1
        return last if last >= self.lo else None

    def period_start(self, x: int) -> int | None:
        """The opening of the run holding the open instant x; None if it may be earlier."""
        s: int = self.starts_seq[self.find(x)]
        return s if s > self.lo else None

    def forward(self, c: int, d: int, i: int) -> int | None:
        """The earliest instant with open time c + d before it (d > 0), searching
        from run i; None if beyond the window."""
        t = c + d
        if t > self.total:
            return None
        n = self.n
        cum_seq = self.cum_seq
        top = i + 9
        if top <= n and cum_seq[top] >= t:
            j = bisect_left(cum_seq, t, i + 1, top) - 1
        else:
            j = bisect_left(cum_seq, t, i + 1) - 1
        r: int = self.starts_seq[j] + t - cum_seq[j]
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
            e = self.ends_seq[i]
            c = self.cum_seq[i] + (u if u < e else e) - self.starts_seq[i]
        if d > 0:
            return self.forward(c, d, i)
        t = c + d
        if t < 0:
            return None
        j = bisect_right(self.cum_seq, t, 0, i + 1) - 1
        r: int = self.starts_seq[j] + t - self.cum_seq[j]
        return r if r >= self.lo else None

    def clock(self, u: int, d: int, until: int) -> tuple[int, int, int] | None:
        """(clock start, deadline, open time from u to `until`, or 0 if until <= u)
        for a clock started at u with target d >= 0, from one lookup."""
        i = self.find(u)
        if i >= 0 and u < self.ends_seq[i]:
            start = u
            c = self.cum_seq[i] + u - self.starts_seq[i]
        elif i + 1 < self.n:
            i += 1
            start = self.starts_seq[i]
            c = self.cum_seq[i]
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
        while i < self.n and self.starts_seq[i] < b:
            s, e = max(self.starts_seq[i], a), min(self.ends_seq[i], b)
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
