"""Which wall-clock runs each local date opens, as int64 columns.

A date opens its weekday's intervals, unless a holiday closes it; then the
user's closures cut time out of it and special openings add time to it. The
common days are computed a weekday at a time with numpy; only the few dates
with closures or openings go through Python.

Runs are naive local microseconds since 1970-01-01 00:00 (wall clock, not
UTC); `zone.ZoneData.preimage` turns them into instants. A run may end after
its date's midnight (an overnight interval); it still belongs to its date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from slaclock._time import US_PER_DAY

__all__ = ["EPOCH_ORDINAL", "DayPlan", "Runs", "subtract", "unite"]

#: `date.toordinal()` of 1970-01-01: local midnight of ordinal o is (o - EPOCH_ORDINAL) days.
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()

#: (start, end) microseconds from a date's midnight, sorted and disjoint.
Runs = tuple[tuple[int, int], ...]


def subtract(runs: Runs, cuts: Runs) -> Runs:
    """`runs` (sorted, disjoint) with the time in `cuts` removed: one sweep over both,
    the cuts sorted and merged first, so many cuts on one date cost n log n."""
    merged = unite((), cuts)
    out: list[tuple[int, int]] = []
    k = 0
    for s, e in runs:
        while k < len(merged) and merged[k][1] <= s:
            k += 1  # cuts wholly before this run cannot touch the later ones either
        j = k
        while j < len(merged) and merged[j][0] < e:
            cs, ce = merged[j]
            if s < cs:
                out.append((s, cs))
            s = max(s, ce)
            if s >= e:
                break
            j += 1
        if s < e:
            out.append((s, e))
    return tuple(out)


def unite(runs: Runs, more: Runs) -> Runs:
    """The union of two sets of runs, sorted and merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted((*runs, *more)):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


@dataclass(frozen=True)
class DayPlan:
    """The open runs of every date: weekly hours, holidays, closures, special openings.

    `closed_dates(year)` gives the ordinals a holiday closes that year;
    `cuts` and `additions` map ordinals to runs removed and added.
    """

    weekly: tuple[Runs, ...]
    closed_dates: Callable[[int], frozenset[int]]
    cuts: Mapping[int, Runs] = field(default_factory=dict)
    additions: Mapping[int, Runs] = field(default_factory=dict)

    def runs_of(self, ordinal: int) -> Runs:
        """The open runs of one date (the slow, obviously right form of `runs`)."""
        day = date.fromordinal(ordinal)
        base = () if ordinal in self.closed_dates(day.year) else self.weekly[day.weekday()]
        cut = self.cuts.get(ordinal)
        if cut:
            base = subtract(base, cut)
        extra = self.additions.get(ordinal)
        return unite(base, extra) if extra else base

    @property
    def spill_us(self) -> int:
        """How far past its date's midnight a run may end (0 without overnight runs)."""
        ends = [e for day in self.weekly for _, e in day]
        ends += [e for runs in self.additions.values() for _, e in runs]
        return max(0, max(ends, default=0) - US_PER_DAY)

    @property
    def ever_opens(self) -> bool:
        """Whether any date could open at all."""
        return any(self.weekly) or any(self.additions.values())

    def runs(self, first: int, stop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Local runs of the dates with ordinals in [first, stop): (starts, ends, ordinal)."""
        ordinals = np.arange(first, stop, dtype=np.int64)
        weekday = (ordinals + 6) % 7
        years = range(date.fromordinal(first).year, date.fromordinal(stop - 1).year + 1)
        special = {o for o in (*self.cuts, *self.additions) if first <= o < stop}
        skip = set(special)
        for y in years:
            skip |= self.closed_dates(y)
        regular = ~np.isin(ordinals, np.fromiter(skip, np.int64, len(skip)))
        starts: list[np.ndarray] = []
        ends: list[np.ndarray] = []
        days: list[np.ndarray] = []
        for wd, intervals in enumerate(self.weekly):
            if not intervals:
                continue
            chosen = ordinals[regular & (weekday == wd)]
            midnight = (chosen - EPOCH_ORDINAL) * US_PER_DAY
            for s, e in intervals:
                starts.append(midnight + s)
                ends.append(midnight + e)
                days.append(chosen)
        extra = [(o, s, e) for o in sorted(special) for s, e in self.runs_of(o)]
        if extra:
            cols = np.array(extra, dtype=np.int64)
            midnight = (cols[:, 0] - EPOCH_ORDINAL) * US_PER_DAY
            starts.append(midnight + cols[:, 1])
            ends.append(midnight + cols[:, 2])
            days.append(cols[:, 0])
        if not starts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        return np.concatenate(starts), np.concatenate(ends), np.concatenate(days)
