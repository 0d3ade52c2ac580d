"""Which UTC instants show a given wall-clock reading in a zone (DST-exact).

A schedule says "open while the clocks read 09:00-17:00". Local time is a
piecewise shift of UTC (one offset per segment between transitions), so the
instants whose local reading falls in [S, E) are, per segment with offset o,
[S - o, E - o) clipped to the segment. A skipped hour has no instants; a
repeated hour has two runs. zoneinfo does not publish its transitions, so
they are found by sampling every few hours and bisecting to the second.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime, timedelta, timezone, tzinfo

from slaclock._time import US_PER_SECOND

__all__ = ["ZoneSegments"]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_STEP_S = 6 * 3600  # no zone has had two transitions within six hours of each other
_MAX_OFFSET_US = 26 * 3600 * US_PER_SECOND  # wider than any UTC offset


def _offset_us(zone: tzinfo, second: int) -> int:
    off = (_EPOCH + timedelta(seconds=second)).astimezone(zone).utcoffset()
    assert off is not None
    return (off.days * 86_400 + off.seconds) * US_PER_SECOND + off.microseconds


class ZoneSegments:
    """Constant-offset segments of a zone over a UTC range, built once per index."""

    __slots__ = ("offsets", "starts")

    def __init__(self, zone: tzinfo, first_us: int, last_us: int) -> None:
        lo = first_us // US_PER_SECOND - _STEP_S
        hi = last_us // US_PER_SECOND + _STEP_S
        starts = [lo * US_PER_SECOND]
        offsets = [_offset_us(zone, lo)]
        prev_s, prev_off = lo, offsets[0]
        s = lo
        while s < hi:
            s = min(s + _STEP_S, hi)
            off = _offset_us(zone, s)
            if off != prev_off:
                a, b = prev_s, s  # offset(a) == prev_off, offset(b) == off
                while b - a > 1:
                    mid = (a + b) // 2
                    if _offset_us(zone, mid) == prev_off:
                        a = mid
                    else:
                        b = mid
                starts.append(b * US_PER_SECOND)
                offsets.append(off)
                prev_off = off
            prev_s = s
        self.starts = starts
        self.offsets = offsets

    def preimage(self, local_start: int, local_end: int) -> list[tuple[int, int]]:
        """UTC runs (microseconds) whose wall-clock reading is in [local_start, local_end)."""
        starts, offsets = self.starts, self.offsets
        i = max(bisect_right(starts, local_start - _MAX_OFFSET_US) - 1, 0)
        j = bisect_right(starts, local_end + _MAX_OFFSET_US)
        runs: list[tuple[int, int]] = []
        for k in range(i, j):
            seg_lo = starts[k]
            seg_hi = starts[k + 1] if k + 1 < len(starts) else None
            o = offsets[k]
            a = max(local_start - o, seg_lo)
            b = local_end - o if seg_hi is None else min(local_end - o, seg_hi)
            if a < b:
                runs.append((a, b))
        return runs
