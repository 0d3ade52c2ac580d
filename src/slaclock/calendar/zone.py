"""Wall clock -> UTC for a zone, from the zone's own transitions.

A schedule says "open while the clocks read 09:00-17:00". Local time is UTC
shifted by an offset that is constant between transitions, so the instants
whose local reading lies in [S, E) are, for each constant-offset segment with
offset o, [S - o, E - o) clipped to the segment. A skipped hour has no
instants; a repeated hour has two runs.

The transitions come from a TZif file of one tz database, chosen explicitly
(`TzDatabase`): by default the `tzdata` package (so the same installed
packages give the same answers on every machine), or with ``"system"`` the
first match on `zoneinfo.TZPATH` (what `ZoneInfo(key)` itself reads first),
including the POSIX TZ rule in its footer for the years after the last listed
transition. Every transition found is checked against the `ZoneInfo` object
itself: an object built from the other database that disagrees for this zone
is read from its own database instead (the system's files, as `ZoneInfo(key)`
reads them), so the answers always match the object results are shown in, and
`describe()` says so. A zone without a readable file (no key, or a file
zoneinfo cannot read) is sampled instead (every 6 hours, each change bisected
to the second). Reading the time-zone database is the only
file access in the library, as for `zoneinfo`.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, replace
from datetime import date, timedelta, tzinfo
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal
from zoneinfo import TZPATH, ZoneInfo

import numpy as np

from slaclock._time import EPOCH, MAX_YEAR, MIN_YEAR, US_PER_SECOND, naive_us

__all__ = ["PosixRule", "TzDatabase", "ZoneData", "sampled_zone_data", "zone_data"]

#: Which tz database a calendar reads: the `tzdata` package (the default) or the system's.
TzDatabase = Literal["tzdata", "system"]

I64 = np.int64
_NEVER = -(2**62)  # before any transition
#: Transitions are listed (and checked) for these years; instants outside are out of range.
_FIRST_YEAR = MIN_YEAR - 1
_LAST_YEAR = MAX_YEAR + 1
_FALLBACK_MAX_OFFSET_US = 26 * 3600 * US_PER_SECOND  # wider than any UTC offset ever used


@dataclass(frozen=True, slots=True)
class ZoneData:
    """A zone's constant-offset segments: `starts[k]` (UTC µs) begins offset `offsets[k]`.

    `starts[0]` is a sentinel before every instant. `max_offset_us` bounds
    |offset| over all time, so a local day is known to lie within that much
    of its naive reading. `source` and `version` say which database was read.
    """

    key: str | None
    starts: np.ndarray
    offsets: np.ndarray
    max_offset_us: int
    source: str
    version: str | None

    def describe(self) -> str:
        """'tzdata 2025b (system, /usr/share/zoneinfo)' or similar, for explanations."""
        version = f"tzdata {self.version}" if self.version else "tz database, version unknown"
        return f"{version} ({self.source})"

    def preimage(
        self, local_starts: np.ndarray, local_ends: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """UTC runs whose wall-clock reading lies in each [local_start, local_end).

        Returns (starts, ends, which): `which[k]` is the input run that UTC run
        k came from. A run in a skipped hour gives nothing; one across a
        repeated hour gives one longer run; one that a transition cuts in two
        gives two runs.
        """
        t, o = self.starts, self.offsets
        m = self.max_offset_us
        first = np.searchsorted(t, local_starts - m, "right") - 1
        last = np.searchsorted(t, local_ends + m, "left")
        count = last - first
        which = np.repeat(np.arange(len(local_starts)), count)
        step = np.arange(len(which)) - np.repeat(np.cumsum(count) - count, count)
        k = first[which] + step
        seg_end = np.append(t[1:], np.iinfo(I64).max)
        a = np.maximum(local_starts[which] - o[k], t[k])
        b = np.minimum(local_ends[which] - o[k], seg_end[k])
        keep = a < b
        return a[keep], b[keep], which[keep]


def zone_data(zone: tzinfo, database: TzDatabase | None = None) -> ZoneData:
    """The segments of `zone` for the supported years, read from `database` (cached).

    Without a database, the file the object itself was read from (the first on
    `zoneinfo.TZPATH`, else the tzdata package), sampled if it disagrees; with one,
    that database's file, unless the object disagrees with it: then as without one.
    """
    if isinstance(zone, ZoneInfo) and zone.key is not None:
        found = _from_database(zone, database)
        if found is not None:
            return found
        if database is not None:
            own = _from_database(zone, None)
            if own is not None:
                note = f"; the ZoneInfo object's own, the {database} database disagrees"
                return replace(own, source=own.source + note)
    return sampled_zone_data(zone)


# -- reading the TZif file ---------------------------------------------------------------


@lru_cache(maxsize=256)
def _from_database(zone: ZoneInfo, database: TzDatabase | None) -> ZoneData | None:
    located = _locate(str(zone.key), database)
    if located is None:
        return None
    data, source, version = located
    parsed = _parse_tzif(data)
    if parsed is None:
        return None
    times, offsets, initial, footer = parsed
    rule = PosixRule.parse(footer) if footer else None
    if footer and rule is None:
        return None
    starts, offs = _segments(times, offsets, initial, rule)
    if not _agrees(zone, starts, offs):
        return None
    every = [initial, *offsets, *(rule.offsets if rule else ())]
    return ZoneData(
        key=zone.key,
        starts=starts,
        offsets=offs,
        max_offset_us=max(abs(x) for x in every) * US_PER_SECOND,
        source=source,
        version=version,
    )


def _locate(key: str, database: TzDatabase | None) -> tuple[bytes, str, str | None] | None:
    """The TZif bytes of `key` in `database`; the other one only for a key it lacks (no
    database: what zoneinfo reads, the system's first)."""
    if database is None:
        return _on_path(key) or _in_package(key)
    if database == "tzdata":
        return _in_package(key) or _on_path(key, " (not in the tzdata package)")
    return _on_path(key) or _in_package(key, " (not on the system)")


def _on_path(key: str, note: str = "") -> tuple[bytes, str, str | None] | None:
    """The system's TZif bytes for `key`: the first match on `zoneinfo.TZPATH`."""
    for root in TZPATH:
        path = Path(root) / key
        if path.is_file():
            return path.read_bytes(), f"system, {root}{note}", _system_version(root)
    return None


def _in_package(key: str, note: str = "") -> tuple[bytes, str, str | None] | None:
    """The `tzdata` package's TZif bytes for `key`."""
    try:
        import tzdata

        node = resources.files("tzdata.zoneinfo").joinpath(*key.split("/"))
        return node.read_bytes(), f"tzdata package{note}", str(tzdata.IANA_VERSION)
    except (ImportError, OSError):
        return None


@lru_cache(maxsize=8)
def _system_version(root: str) -> str | None:
    for name in ("tzdata.zi", "+VERSION"):
        path = Path(root) / name
        if path.is_file():
            head = path.read_text(encoding="ascii", errors="replace")[:64]
            m = re.search(r"(\d{4}[a-z])", head)
            if m:
                return m[1]
    return None


def _parse_tzif(
    data: bytes,
) -> tuple[list[int], list[int], int, str] | None:
    """(transition seconds, offset after each, offset before the first, footer) from TZif
    version 2 or later (RFC 8536); None for anything else, e.g. leap-second zones."""
    if data[:4] != b"TZif" or data[4:5] not in (b"2", b"3", b"4"):
        return None
    isut, isstd, leap, timecnt, typecnt, charcnt = struct.unpack(">6l", data[20:44])
    v1 = timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    head = 44 + v1
    if data[head : head + 4] != b"TZif":
        return None
    isut, isstd, leap, timecnt, typecnt, charcnt = struct.unpack(
        ">6l", data[head + 20 : head + 44]
    )
    if leap or typecnt == 0:
        return None
    pos = head + 44
    times = list(struct.unpack(f">{timecnt}q", data[pos : pos + 8 * timecnt]))
    pos += 8 * timecnt
    kinds = data[pos : pos + timecnt]
    pos += timecnt
    utoffs = [struct.unpack(">l", data[pos + 6 * k : pos + 6 * k + 4])[0] for k in range(typecnt)]
    pos += 6 * typecnt + charcnt + isstd + isut
    footer = data[pos:].strip(b"\n").decode("ascii", errors="replace")
    return times, [utoffs[k] for k in kinds], utoffs[0], footer


def _segments(
    times: list[int], offsets: list[int], initial: int, rule: PosixRule | None
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted segment starts (µs, sentinel first) and offsets (µs) through `_LAST_YEAR`."""
    points: list[tuple[int, int]] = list(zip(times, offsets))
    last = times[-1] if times else _NEVER // US_PER_SECOND
    if rule is not None:
        # The rule governs every instant after the last listed transition.
        if rule.dst is None:
            points.append((last + 1, rule.std))
        year = min(max(1970 + last // 31_556_952 - 1, _FIRST_YEAR), _LAST_YEAR + 1)
        for y in range(year, _LAST_YEAR + 2):
            points.extend(p for p in rule.transitions(y) if p[0] > last)
    starts = [_NEVER]
    offs = [initial * US_PER_SECOND]
    for second, off in sorted(points):
        us = second * US_PER_SECOND
        if off * US_PER_SECOND != offs[-1]:
            starts.append(us)
            offs.append(off * US_PER_SECOND)
    return np.array(starts, dtype=I64), np.array(offs, dtype=I64)


def _offset_us(zone: tzinfo, us: int) -> int:
    off = (EPOCH + timedelta(microseconds=us)).astimezone(zone).utcoffset()
    if off is None:
        raise ValueError("tzinfo.utcoffset returned None")
    return off // timedelta(microseconds=1)


def _agrees(zone: tzinfo, starts: np.ndarray, offsets: np.ndarray) -> bool:
    """Whether the zone object shows each transition in the supported years as read."""
    lo = naive_us(date(_FIRST_YEAR, 1, 1))
    hi = naive_us(date(_LAST_YEAR, 12, 31))
    one = US_PER_SECOND
    for k in range(1, len(starts)):
        t = int(starts[k])
        if lo <= t <= hi and (
            _offset_us(zone, t) != int(offsets[k])
            or _offset_us(zone, t - one) != int(offsets[k - 1])
        ):
            return False
    probe = int(np.clip(naive_us(date(2000, 1, 1)), lo, hi))
    k = int(np.searchsorted(starts, probe, "right")) - 1
    return _offset_us(zone, probe) == int(offsets[k])


# -- the footer: a POSIX TZ rule ---------------------------------------------------------

_NAME = r"(?:<[+\-A-Za-z0-9]+>|[A-Za-z]{3,})"
_OFFSET = r"[+-]?\d{1,3}(?::\d{1,2}){0,2}"
_DATE = r"(?:J\d{1,3}|\d{1,3}|M\d{1,2}\.\d\.\d)"
_POSIX = re.compile(
    rf"^{_NAME}(?P<std>{_OFFSET})(?:{_NAME}(?P<dst>{_OFFSET})?"
    rf"(?:,(?P<start>{_DATE})(?:/(?P<start_time>{_OFFSET}))?"
    rf",(?P<end>{_DATE})(?:/(?P<end_time>{_OFFSET}))?)?)?$"
)


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _rule_day(spec: str, year: int) -> date:
    if spec.startswith("M"):
        month, week, weekday = (int(x) for x in spec[1:].split("."))
        first = date(year, month, 1)
        day = 1 + (weekday - (first.weekday() + 1) % 7) % 7 + 7 * (week - 1)
        after = date(year + month // 12, month % 12 + 1, 1)
        while day > (after - first).days:
            day -= 7
        return date(year, month, day)
    if spec.startswith("J"):
        n = int(spec[1:])
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return date(year, 1, 1) + timedelta(days=n - 1 + (leap and n >= 60))
    return date(year, 1, 1) + timedelta(days=int(spec))


@dataclass(frozen=True, slots=True)
class PosixRule:
    """The footer of a TZif file (RFC 8536, section 3.3): the standard offset, and DST
    with its yearly rule if any. Offsets are seconds east of UTC; times seconds after
    local midnight (as the rule writes them: up to 167 hours, possibly negative)."""

    std: int
    dst: int | None
    start: str
    start_time: int
    end: str
    end_time: int

    @property
    def offsets(self) -> tuple[int, ...]:
        return (self.std,) if self.dst is None else (self.std, self.dst)

    @classmethod
    def parse(cls, text: str) -> PosixRule | None:
        """The rule a footer states, or None if it is not a POSIX TZ string."""
        m = _POSIX.match(text)
        if m is None:
            return None
        std = -_seconds(m["std"])
        if not _has_dst_name(text):
            return cls(std, None, "", 0, "", 0)
        dst = -_seconds(m["dst"]) if m["dst"] else std + 3600
        start, end = m["start"] or "M3.2.0", m["end"] or "M11.1.0"
        start_time = _seconds(m["start_time"]) if m["start_time"] else 7200
        end_time = _seconds(m["end_time"]) if m["end_time"] else 7200
        return cls(std, dst, start, start_time, end, end_time)

    def transitions(self, year: int) -> list[tuple[int, int]]:
        """(UTC second, offset after) of the year's DST start and end."""
        if self.dst is None:
            return []
        epoch = date(1970, 1, 1)
        on = (_rule_day(self.start, year) - epoch).days * 86_400 + self.start_time - self.std
        off = (_rule_day(self.end, year) - epoch).days * 86_400 + self.end_time - self.dst
        return [(on, self.dst), (off, self.std)]


def _has_dst_name(text: str) -> bool:
    rest = re.sub(rf"^{_NAME}{_OFFSET}", "", text)
    return bool(re.match(_NAME, rest))


# -- the fallback: sampling a tzinfo that exposes no data ---------------------------------

_STEP_S = 6 * 3600  # no zone has had two transitions within six hours of each other


@lru_cache(maxsize=64)
def sampled_zone_data(zone: tzinfo) -> ZoneData:
    """The segments found by sampling the zone's offset (for a tzinfo with no TZif data)."""
    lo = naive_us(date(_FIRST_YEAR, 1, 1)) // US_PER_SECOND
    hi = naive_us(date(_LAST_YEAR + 1, 1, 1)) // US_PER_SECOND

    def offset(second: int) -> int:
        return _offset_us(zone, second * US_PER_SECOND)

    starts, offs = [_NEVER], [offset(lo)]
    prev = lo
    s = lo
    while s < hi:
        s = min(s + _STEP_S, hi)
        off = offset(s)
        if off != offs[-1]:
            a, b = prev, s
            while b - a > 1:
                mid = (a + b) // 2
                if offset(mid) == offs[-1]:
                    a = mid
                else:
                    b = mid
            starts.append(b * US_PER_SECOND)
            offs.append(off)
        prev = s
    return ZoneData(
        key=getattr(zone, "key", None),
        starts=np.array(starts, dtype=I64),
        offsets=np.array(offs, dtype=I64),
        max_offset_us=max(_FALLBACK_MAX_OFFSET_US, *(abs(o) for o in offs)),
        source="sampled from the tzinfo object (no readable TZif data)",
        version=None,
    )


# -- zones from the tzdata package -----------------------------------------------------------


class PackageZone(ZoneInfo):
    """A zone read from the `tzdata` package, for a key whose system file disagrees.

    One instance per key (so equality holds, as for `ZoneInfo`); it pickles as its key.
    """

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (package_zone, (str(self.key),))


@lru_cache(maxsize=512)
def package_zone(key: str) -> ZoneInfo:
    """The zone `key` as the `tzdata` package has it."""
    node = resources.files("tzdata.zoneinfo").joinpath(*key.split("/"))
    with node.open("rb") as f:
        return PackageZone.from_file(f, key=key)


@lru_cache(maxsize=512)  # ZoneInfo(key) is cached per key too: the same object comes back
def zone_of_key(key: str, database: TzDatabase) -> ZoneInfo:
    """The zone for an IANA key whose wall clock agrees with `database`: `ZoneInfo(key)`
    itself, unless it comes from the system's files and those disagree with the tzdata
    package (then the package's zone). Raises what `ZoneInfo(key)` raises."""
    zone = ZoneInfo(key)
    if database == "system" or _from_database(zone, database) is not None:
        return zone
    return package_zone(key)
