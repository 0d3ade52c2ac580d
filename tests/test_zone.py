"""Zone transitions read from TZif data agree with zoneinfo, with sampling, and with
the POSIX rules they state."""

from __future__ import annotations

import io
import random
import zoneinfo
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from slaclock import argentina
from slaclock.calendar.zone import PosixRule, ZoneData, sampled_zone_data, zone_data

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
US = timedelta(microseconds=1)
LO = (datetime(1899, 1, 1, tzinfo=timezone.utc) - EPOCH) // US
HI = (datetime(2201, 1, 1, tzinfo=timezone.utc) - EPOCH) // US


def offset_of(data: ZoneData, us: int) -> int:
    return int(data.offsets[np.searchsorted(data.starts, us, "right") - 1])


def zoneinfo_offset(zone: zoneinfo.ZoneInfo, us: int) -> int:
    off = (EPOCH + timedelta(microseconds=us)).astimezone(zone).utcoffset()
    assert off is not None
    return off // US


def test_every_zone_agrees_with_zoneinfo() -> None:
    """All IANA zones: random instants 1900-2200 and a second either side of each
    transition, the footer's rule years included."""
    for key in sorted(zoneinfo.available_timezones()):
        zone = zoneinfo.ZoneInfo(key)
        data = zone_data(zone)
        assert not data.source.startswith("sampled"), key
        assert data.max_offset_us < 16 * 3600 * 10**6, key  # Juneau's LMT was +15:02
        rng = random.Random(key)
        points = [rng.randrange(LO, HI) for _ in range(60)]
        points += [int(t) + d for t in data.starts[1:] if LO < t < HI for d in (-1, 0)]
        for us in points:
            assert offset_of(data, us) == zoneinfo_offset(zone, us), (key, us)


@pytest.mark.parametrize(
    "key",
    [
        "America/Santiago",  # transitions at midnight
        "America/Havana",  # transitions at midnight
        "Australia/Lord_Howe",  # 30-minute DST
        "Pacific/Apia",  # skipped 2011-12-30
        "Europe/Dublin",  # negative DST
        "Pacific/Kiritimati",  # UTC+14
        "America/Argentina/Buenos_Aires",
    ],
)
def test_tzif_transitions_equal_sampled_ones(key: str) -> None:
    read = zone_data(zoneinfo.ZoneInfo(key))
    sampled = sampled_zone_data(zoneinfo.ZoneInfo(key))
    inside = lambda d: [  # noqa: E731
        (int(t), int(o)) for t, o in zip(d.starts, d.offsets) if LO + 86_400 * 10**6 < t < HI
    ]
    assert inside(read) == inside(sampled)


def test_a_zone_with_no_file_is_sampled() -> None:
    path = Path(zoneinfo.TZPATH[0]) / "Europe/Dublin"
    if not path.is_file():
        pytest.skip("no system tz database")
    keyless = zoneinfo.ZoneInfo.from_file(io.BytesIO(path.read_bytes()))
    data = zone_data(keyless)
    assert data.source.startswith("sampled")
    assert (
        offset_of(data, (datetime(2026, 7, 1, tzinfo=timezone.utc) - EPOCH) // US) == 3600 * 10**6
    )


def test_a_zone_whose_file_disagrees_with_the_object_is_sampled() -> None:
    """A ZoneInfo built from Tokyo's data under New York's key: trust the object."""
    path = Path(zoneinfo.TZPATH[0]) / "Asia/Tokyo"
    if not path.is_file():
        pytest.skip("no system tz database")
    odd = zoneinfo.ZoneInfo.from_file(io.BytesIO(path.read_bytes()), key="America/New_York")
    data = zone_data(odd)
    assert data.source.startswith("sampled")
    assert offset_of(data, (datetime(2026, 7, 1, tzinfo=timezone.utc) - EPOCH) // US) == (
        9 * 3600 * 10**6
    )


def utc(*args: int) -> int:
    return int((datetime(*args, tzinfo=timezone.utc) - EPOCH).total_seconds())  # type: ignore[misc]


@pytest.mark.parametrize(
    ("footer", "year", "expected"),
    [
        # US: second Sunday of March 02:00 EST, first Sunday of November 02:00 EDT.
        (
            "EST5EDT,M3.2.0,M11.1.0",
            2026,
            [(utc(2026, 3, 8, 7), -4 * 3600), (utc(2026, 11, 1, 6), -5 * 3600)],
        ),
        # Chile: 24:00 of the first Saturday of September / April.
        (
            "<-04>4<-03>,M9.1.6/24,M4.1.6/24",
            2026,
            [(utc(2026, 9, 6, 4), -3 * 3600), (utc(2026, 4, 5, 3), -4 * 3600)],
        ),
        # Lord Howe: half-hour DST.
        (
            "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
            2026,
            [(utc(2026, 10, 3, 15, 30), 11 * 3600), (utc(2026, 4, 4, 15), 37_800)],
        ),
        # Ireland: "daylight" time is the winter one (negative DST).
        (
            "IST-1GMT0,M10.5.0,M3.5.0/1",
            2026,
            [(utc(2026, 10, 25, 1), 0), (utc(2026, 3, 29, 1), 3600)],
        ),
        # Greenland: negative transition times.
        (
            "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
            2026,
            [(utc(2026, 3, 29, 1), -3600), (utc(2026, 10, 25, 1), -7200)],
        ),
        # Julian days: J60 is 1 March every year; 59 counts 29 February.
        (
            "EST5EDT,J60/2,J300/2",
            2028,
            [(utc(2028, 3, 1, 7), -4 * 3600), (utc(2028, 10, 27, 6), -5 * 3600)],
        ),
        (
            "EST5EDT,59/2,299/2",
            2028,
            [(utc(2028, 2, 29, 7), -4 * 3600), (utc(2028, 10, 26, 6), -5 * 3600)],
        ),
        ("<-03>3", 2026, []),
    ],
)
def test_posix_rules(footer: str, year: int, expected: list[tuple[int, int]]) -> None:
    rule = PosixRule.parse(footer)
    assert rule is not None
    assert rule.transitions(year) == expected


@pytest.mark.parametrize("footer", ["", "EST", "nonsense", "EST5EDT,M13.1.0", "<+03"])
def test_unreadable_footers(footer: str) -> None:
    assert PosixRule.parse(footer) is None


def test_the_explanation_says_which_tz_database() -> None:
    cal = argentina()
    text = str(cal.explain(datetime(2026, 11, 20, 16, tzinfo=cal.zone), timedelta(hours=2)))
    assert "time zones    tzdata 20" in text
    assert cal.tz_data().startswith("tzdata 20")
