"""Tests written against the surviving mutants of `slaclock.calendar.zone` (mutmut).

The oracle is CPython's own `zoneinfo`: POSIX rules are checked against a
`ZoneInfo` read from a small TZif file that holds only that rule, and TZif files
written here (transitions, footers, versions, leap seconds) are read through
`zone_data` from a temporary tz directory and checked against `ZoneInfo` objects
of the same bytes.

Zone transitions read from TZif data agree with zoneinfo, with sampling, and with
the POSIX rules they state.
"""

from __future__ import annotations

import io
import itertools
import random
import struct
import zoneinfo
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from slaclock import argentina
from slaclock.calendar import zone as zone_module
from slaclock.calendar.zone import PosixRule, ZoneData, sampled_zone_data, zone_data

UTC = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
US = timedelta(microseconds=1)
S = 1_000_000


def tzif(
    footer: str,
    times: tuple[int, ...] = (),
    kinds: tuple[int, ...] = (),
    types: tuple[tuple[int, int, str], ...] = ((-18000, 0, "EST"),),
    version: bytes = b"2",
    leap: int = 0,
    v1_leap: int | None = None,
) -> bytes:
    """A TZif file (RFC 8536): transitions (seconds), their type indices, the types
    (offset, isdst, abbreviation), `leap` leap-second records (in the version 1 block
    `v1_leap` of them, if given), then the footer."""
    chars = b""
    infos = b""
    for off, dst, abbr in types:
        infos += struct.pack(">lBB", off, dst, len(chars))
        chars += abbr.encode() + b"\0"

    def block(fmt: str, leap_size: int, leaps: int) -> bytes:
        body = struct.pack(f">{len(times)}{fmt}", *times) + bytes(kinds) + infos + chars
        return body + b"\0" * (leap_size * leaps)

    def header(leaps: int) -> bytes:
        counts = struct.pack(">6l", 0, 0, leaps, len(times), len(types), len(chars))
        return b"TZif" + version + b"\0" * 15 + counts

    first = leap if v1_leap is None else v1_leap
    v1 = header(first) + block("l", 8, first)
    return v1 + header(leap) + block("q", 12, leap) + b"\n" + footer.encode("latin-1") + b"\n"


def offset_us(zone: ZoneInfo, u: int) -> int:
    off = (EPOCH + u * US).astimezone(zone).utcoffset()
    assert off is not None
    return off // US


def offset_of(data: ZoneData, u: int) -> int:
    return int(data.offsets[np.searchsorted(data.starts, u, "right") - 1])


# -- POSIX rules ---------------------------------------------------------------------------


def hms(seconds: int, signed: bool) -> str:
    """A POSIX offset or time: [+-]h[:mm[:ss]], as short as it can be written."""
    sign = "-" if seconds < 0 else ("+" if signed else "")
    h, rest = divmod(abs(seconds), 3600)
    m, s = divmod(rest, 60)
    text = f"{sign}{h}"
    if m or s:
        text += f":{m:02d}"
    if s:
        text += f":{s:02d}"
    return text


offsets = st.integers(-14, 14).map(lambda h: h * 3600) | st.sampled_from(
    [-(9 * 3600 + 30 * 60), 5 * 3600 + 45 * 60, 37_800, -(3600 + 1), 12_345]
)
names = st.sampled_from(["EST", "ABCD", "<-03>", "<+0530>", "<X1>", "GMT"])


@st.composite
def rule_days(draw: st.DrawFn, kinds: str = "MJn") -> str:
    """A day rule away from the ends of the year (where rules of two years would meet):
    Mm.w.d, Jn (1-365, never 29 February) or n (0-365, counting it)."""
    kind = draw(st.sampled_from(kinds))
    if kind == "M":
        return f"M{draw(st.integers(2, 11))}.{draw(st.integers(1, 5))}.{draw(st.integers(0, 6))}"
    if kind == "J":
        return f"J{draw(st.integers(32, 334))}"
    return str(draw(st.integers(31, 333)))


@st.composite
def posix_rules(draw: st.DrawFn, kinds: str = "MJn") -> tuple[str, PosixRule]:
    """A POSIX TZ string and the rule it states, written independently of the parser."""
    std = draw(offsets)
    std_name = draw(names)
    text = f"{std_name}{hms(-std, signed=draw(st.booleans()))}"
    if not draw(st.booleans()):
        return text, PosixRule(std, None, "", 0, "", 0)
    text += draw(names.filter(lambda n: n not in ("GMT", std_name)))
    dst = std + 3600
    if draw(st.booleans()):
        dst = draw(offsets.filter(lambda o: o != std))
        text += hms(-dst, signed=draw(st.booleans()))
    start, end, start_time, end_time = "M3.2.0", "M11.1.0", 7200, 7200
    if draw(st.booleans()):
        start, end = draw(rule_days(kinds)), draw(rule_days(kinds))
        text += f",{start}"
        if draw(st.booleans()):
            start_time = draw(st.integers(-24, 48).map(lambda h: h * 3600) | st.just(5400))
            text += f"/{hms(start_time, signed=False)}"
        text += f",{end}"
        if draw(st.booleans()):
            end_time = draw(st.integers(-24, 48).map(lambda h: h * 3600) | st.just(-1800))
            text += f"/{hms(end_time, signed=False)}"
    return text, PosixRule(std, dst, start, start_time, end, end_time)


@given(posix_rules())
def test_posix_rules_parse_to_their_fields(case: tuple[str, PosixRule]) -> None:
    """Names of three or more letters or <quoted>, offsets west-positive with optional
    minutes and seconds, DST one hour ahead by default, M3.2.0/M11.1.0 at 02:00 by default."""
    text, rule = case
    assert PosixRule.parse(text) == rule
    assert rule.offsets == ((rule.std,) if rule.dst is None else (rule.std, rule.dst))


@pytest.mark.parametrize(
    "text",
    ["EST5EDT,M3.2.0", "EST5EDT,M3.2.0/2", "EST5EDT4,M3.1.0,M1.1.0,", "ES5", "EST5:00:00:00"],
)
def test_half_rules_are_not_rules(text: str) -> None:
    """A rule needs both dates and nothing after them; a two-letter name or a fourth time
    field is no rule."""
    assert PosixRule.parse(text) is None


@given(posix_rules(kinds="MJ"), st.integers(1901, 2198))
def test_posix_rule_transitions_match_zoneinfo(case: tuple[str, PosixRule], year: int) -> None:
    """Each transition a rule gives for a year is where zoneinfo (reading a TZif file whose
    only content is that rule) changes to the stated offset: the offset at the second
    before it differs, at the second itself is the stated one. (Zero-based "n" days are
    left to test_zone's cases: CPython's zoneinfo reads them a day early.)"""
    text, rule = case
    try:
        zone = ZoneInfo.from_file(io.BytesIO(tzif(text)), key="Test/Rule")
    except ValueError:  # zoneinfo wants the dates written out when DST is named
        assume("," not in text)
        return
    got = rule.transitions(year)
    if rule.dst is None:
        assert got == []
        return
    assert [off for _, off in got] == [rule.dst, rule.std]
    for second, off in got:
        if abs(got[0][0] - got[1][0]) < 2 * 86_400:
            continue  # rules this strange overlap (zoneinfo orders them differently)
        assert offset_us(zone, second * S) == off * S
        assert offset_us(zone, (second - 1) * S) != off * S


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("EST5EDT,M1.5.0,M12.1.0", 2026),  # the last Sunday of January, the first of December
        ("EST5EDT,M12.2.3/5,M1.3.6", 2027),  # southern style, across the new year
        ("EST5EDT,M12.5.1,M1.1.2", 2029),
        ("EST5EDT,J60/2,J300/2", 2000),  # leap year (divisible by 400)
        ("EST5EDT,J60/2,J300/2", 2100),  # not a leap year (divisible by 100)
        ("EST5EDT,J60/2,J300/2", 1900),
        ("EST5EDT,J60/2,J300/2", 2024),
        ("EST5EDT,J59/2,J61/2", 2023),
    ],
)
def test_posix_rules_in_december_january_and_century_years(text: str, year: int) -> None:
    """Rules in the first and last months, and Julian days around 29 February in leap and
    century years, give zoneinfo's transitions."""
    rule = PosixRule.parse(text)
    assert rule is not None
    zone = ZoneInfo.from_file(io.BytesIO(tzif(text)), key="Test/Edge")
    for second, off in rule.transitions(year):
        assert datetime.fromtimestamp(second, UTC).year == year
        assert offset_us(zone, second * S) == off * S
        assert offset_us(zone, (second - 1) * S) != off * S


# -- TZif files read through zone_data -------------------------------------------------------


@pytest.fixture
def tzdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tz directory of our own, first (and only) on the path zone_data searches."""
    monkeypatch.setattr(zone_module, "TZPATH", (str(tmp_path),))
    return tmp_path


def install(tzdir: Path, key: str, data: bytes) -> ZoneInfo:
    path = tzdir / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return ZoneInfo.from_file(io.BytesIO(data), key=key)


SWITCHES = (
    -2_000_000_000,  # 1906
    -1_000_000_000,
    0,
    1_000_000_000,
    1_700_000_000,
)
TYPES = ((-17762, 0, "LMT"), (-18000, 0, "EST"), (-14400, 1, "EDT"))


def agrees(zone: ZoneInfo, data: ZoneData) -> None:
    """data gives zoneinfo's offset a second either side of each change and at spread
    instants 1900-2200."""
    lo = int(datetime(1900, 1, 2, tzinfo=UTC).timestamp())
    hi = int(datetime(2199, 12, 30, tzinfo=UTC).timestamp())
    points = [int(t) // S + d for t in data.starts[1:] if lo < int(t) // S < hi for d in (-1, 0)]
    points += list(range(lo, hi, 86_400 * 997))
    for second in points:
        assert offset_of(data, second * S) == offset_us(zone, second * S), second


@pytest.mark.parametrize("footer", ["EST5EDT,M3.2.0,M11.1.0", "EST5", "XXX5", ""])
@pytest.mark.parametrize("version", [b"2", b"3", b"4"])
def test_tzif_transitions_and_footers_are_read(tzdir: Path, footer: str, version: bytes) -> None:
    """A TZif file of version 2, 3 or 4 with listed transitions and a footer (a DST rule,
    a fixed offset, or none): the segments agree with zoneinfo, begin with a sentinel
    before every instant at the initial offset, and the largest offset bounds them all."""
    kinds = (1, 2, 1, 2, 1)
    zone = install(tzdir, "Test/Zone", tzif(footer, SWITCHES, kinds, TYPES, version))
    data = zone_data(zone)
    assert data.source == f"system, {tzdir}"
    assert data.key == "Test/Zone"
    assert data.starts[0] < -(2**61) and data.offsets[0] == -17762 * S
    assert data.max_offset_us == 18000 * S
    agrees(zone, data)
    if not footer:
        assert data.starts[-1] == 1_700_000_000 * S
    assert len(np.unique(data.starts)) == len(data.starts)
    assert (np.diff(data.offsets) != 0).all()


def test_the_64_bit_header_is_found_past_the_version_1_block(tzdir: Path) -> None:
    """The version 1 block is skipped by its own counts, leap-second records included (the
    64-bit block that follows has none, so the file is read)."""
    data = tzif("EST5EDT,M3.2.0,M11.1.0", SWITCHES, (1, 2, 1, 2, 1), TYPES, v1_leap=2)
    zone = install(tzdir, "Test/V1Leap", data)
    got = zone_data(zone)
    assert got.source == f"system, {tzdir}"
    agrees(zone, got)


def test_a_rule_after_transitions_before_1970_governs_every_later_year(tzdir: Path) -> None:
    """When the last listed transition is in 1938, the footer's rule fills in every year from
    then on (none skipped)."""
    data = tzif("EST5EDT,M3.2.0,M11.1.0", SWITCHES[:2], (1, 1), TYPES)
    zone = install(tzdir, "Test/Old", data)
    got = zone_data(zone)
    agrees(zone, got)
    years = {datetime.fromtimestamp(int(t) // S, UTC).year for t in got.starts[2:]}
    assert set(range(1939, 2202)) <= years


def test_tzif_without_transitions_uses_the_footer_from_the_first_year(tzdir: Path) -> None:
    """With no transition listed, the rule governs every year from 1899 to 2201."""
    zone = install(tzdir, "Test/Only", tzif("EST5EDT,M3.2.0,M11.1.0"))
    data = zone_data(zone)
    agrees(zone, data)
    assert datetime.fromtimestamp(int(data.starts[1]) // S, UTC).year == 1899
    assert datetime.fromtimestamp(int(data.starts[-1]) // S, UTC).year == 2201


@pytest.fixture
def sampled(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record the zones zone_data falls back to sampling (without sampling them)."""
    calls: list[object] = []

    def fake(zone: object) -> ZoneData:
        calls.append(zone)
        return ZoneData(None, np.zeros(1, np.int64), np.zeros(1, np.int64), 0, "sampled", None)

    monkeypatch.setattr(zone_module, "sampled_zone_data", fake)
    return calls


V1_SIZE = 6 + 4  # one type and "EST\0": where the 64-bit header starts, after 44 bytes


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(tzif("EST5", version=b"\0"), id="version-1"),
        pytest.param(tzif("EST5", leap=1), id="leap-seconds"),
        pytest.param(b"TZxx" + tzif("EST5")[4:], id="magic"),
        pytest.param(
            tzif("EST5")[: 44 + V1_SIZE] + b"XXXX" + tzif("EST5")[48 + V1_SIZE :],
            id="second-header",
        ),
        pytest.param(tzif("not a rule"), id="footer"),
        pytest.param(tzif("EST5", types=()), id="no-types"),
        pytest.param(tzif("EST5\xe9"), id="not-ascii"),
        pytest.param(tzif("EST5 "), id="trailing-space"),
    ],
)
def test_unreadable_tzif_files_fall_back_to_sampling(
    tzdir: Path, sampled: list[object], data: bytes
) -> None:
    """Files zone_data cannot read (version 1, leap seconds, a broken header, a footer that
    is no POSIX rule, not ASCII or padded, no types) are sampled from the ZoneInfo object
    instead; the same file without the fault is read."""
    (tzdir / "Test").mkdir()
    (tzdir / "Test" / "Odd").write_bytes(data)
    (tzdir / "Test" / "Even").write_bytes(tzif("EST5"))
    odd = ZoneInfo.from_file(io.BytesIO(tzif("EST5")), key="Test/Odd")
    assert zone_data(odd).source == "sampled"
    assert sampled == [odd]
    even = ZoneInfo.from_file(io.BytesIO(tzif("EST5")), key="Test/Even")
    assert zone_data(even).source == f"system, {tzdir}"
    assert sampled == [odd]


def test_a_zone_missing_from_the_directory_uses_the_tzdata_package(tzdir: Path) -> None:
    """A key not under the tz directory is read from the tzdata package, with its version."""
    import tzdata

    got = zone_data(ZoneInfo.no_cache("Europe/Paris"))  # not one already read
    assert got.source == "tzdata package"
    assert got.version == tzdata.IANA_VERSION
    assert got.describe() == f"tzdata {tzdata.IANA_VERSION} (tzdata package)"


@pytest.mark.parametrize(
    ("name", "text", "version"),
    [
        ("tzdata.zi", "# version 2031x\n# more\n", "2031x"),
        ("+VERSION", "2032a\n", "2032a"),
        ("tzdata.zi", "# no version here\n", None),
    ],
)
def test_the_directory_version_is_read_from_its_files(
    tzdir: Path, name: str, text: str, version: str | None
) -> None:
    """The version of a tz directory is the first YYYYx in tzdata.zi or +VERSION."""
    (tzdir / name).write_text(text, encoding="ascii")
    zone = install(tzdir, f"Test/V{len(text)}", tzif("EST5"))
    data = zone_data(zone)
    assert data.version == version
    expected = f"tzdata {version}" if version else "tz database, version unknown"
    assert data.describe() == f"{expected} (system, {tzdir})"


def test_a_file_that_disagrees_with_its_object_is_sampled(
    tzdir: Path, sampled: list[object]
) -> None:
    """A file whose transitions differ from the ZoneInfo object's (all, or only the first,
    an hour later) is not trusted; neither is one whose offset in 2000 differs."""
    good = tzif("", SWITCHES, (1, 2, 1, 2, 1), TYPES)
    late = tzif("", tuple(t + 3600 for t in SWITCHES), (1, 2, 1, 2, 1), TYPES)
    (tzdir / "Test").mkdir()
    (tzdir / "Test" / "Late").write_bytes(late)
    zone = ZoneInfo.from_file(io.BytesIO(good), key="Test/Late")
    assert zone_data(zone).source == "sampled"
    first_late = tzif("", (SWITCHES[0] + 3600, *SWITCHES[1:]), (1, 2, 1, 2, 1), TYPES)
    (tzdir / "Test" / "FirstLate").write_bytes(first_late)
    zone = ZoneInfo.from_file(io.BytesIO(good), key="Test/FirstLate")
    assert zone_data(zone).source == "sampled"
    shifted = tzif("", (), (), ((-14400, 0, "AST"),))
    (tzdir / "Test" / "Shift").write_bytes(shifted)
    zone = ZoneInfo.from_file(
        io.BytesIO(tzif("", (), (), ((-18000, 0, "EST"),))), key="Test/Shift"
    )
    assert zone_data(zone).source == "sampled"
    assert len(sampled) == 3


# -- sampling and preimages ----------------------------------------------------------------


def test_sampled_data_finds_each_change_to_the_second() -> None:
    """Sampling a zone whose file is not on the path finds the same changes as its file,
    through 2200, with a margin of at least 26 hours."""
    data = tzif("EST5EDT,M3.2.0,M11.1.0", SWITCHES, (1, 2, 1, 2, 1), TYPES)
    zone = ZoneInfo.from_file(io.BytesIO(data), key=None)
    got = sampled_zone_data(zone)
    assert got.key is None
    assert got.max_offset_us == 26 * 3600 * S
    agrees(zone, got)
    years = [datetime.fromtimestamp(int(t) // S, UTC).year for t in got.starts[1:]]
    assert years[0] == 1906 and years[-1] == 2200


@given(
    st.sampled_from(["America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC"]), st.data()
)
def test_preimage_is_every_instant_whose_reading_is_in_the_run(
    key: str, data: st.DataObject
) -> None:
    """preimage maps wall-clock runs to the UTC instants whose reading lies in them (a
    skipped hour has none, a repeated hour two), tagging each with its run: checked
    minute by minute around a change of offset."""
    zone = ZoneInfo(key)
    zd = zone_data(zone)
    changes = [int(t) for t in zd.starts[1:] if 0 < t < 2_000_000_000 * S]
    t = data.draw(st.sampled_from(changes)) if changes else 1_000_000_000 * S
    naive = t + offset_us(zone, t - 1)
    runs = data.draw(
        st.lists(
            st.tuples(st.integers(-180, 180), st.integers(1, 240)).map(
                lambda p: (naive + p[0] * 60 * S, naive + (p[0] + p[1]) * 60 * S)
            ),
            min_size=1,
            max_size=3,
        )
    )
    starts, ends, which = zd.preimage(
        np.array([a for a, _ in runs], dtype=np.int64),
        np.array([b for _, b in runs], dtype=np.int64),
    )
    assert (starts < ends).all()
    for k, (a, b) in enumerate(runs):
        mine = [
            (s, e) for s, e, w in zip(starts.tolist(), ends.tolist(), which.tolist()) if w == k
        ]
        assert all(p[1] <= q[0] for p, q in itertools.pairwise(sorted(mine)))  # none twice
        for u in range(t - 6 * 3600 * S, t + 6 * 3600 * S, 60 * S):
            reading = u + offset_us(zone, u)
            assert any(s <= u < e for s, e in mine) == (a <= reading < b)


class NoOffset(tzinfo):
    """A tzinfo that converts from UTC but then reports no offset."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None

    def fromutc(self, dt: datetime) -> datetime:
        return dt


def test_other_tzinfos_are_sampled_and_one_without_offsets_is_refused(
    sampled: list[object],
) -> None:
    """zone_data samples any tzinfo that is not a keyed ZoneInfo (a fixed offset, a ZoneInfo
    read from a file without a key); sampling one whose utcoffset() is None says so."""
    fixed = timezone(timedelta(hours=5, minutes=30))
    keyless = ZoneInfo.from_file(io.BytesIO(tzif("EST5")))
    assert zone_data(fixed).source == "sampled"
    assert zone_data(keyless).source == "sampled"
    assert sampled == [fixed, keyless]
    with pytest.raises(ValueError, match=r"^tzinfo\.utcoffset returned None$"):
        sampled_zone_data(NoOffset())  # type: ignore[abstract]


# -- was tests/test_zone.py --------------------------------------------------------------

LO = (datetime(1899, 1, 1, tzinfo=timezone.utc) - EPOCH) // US
HI = (datetime(2201, 1, 1, tzinfo=timezone.utc) - EPOCH) // US


def offset_at(data: ZoneData, us: int) -> int:
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
            assert offset_at(data, us) == zoneinfo_offset(zone, us), (key, us)


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
    assert inside(read) == inside(sampled)  # type: ignore[no-untyped-call]


def test_a_zone_with_no_file_is_sampled() -> None:
    path = Path(zoneinfo.TZPATH[0]) / "Europe/Dublin"
    if not path.is_file():
        pytest.skip("no system tz database")
    keyless = zoneinfo.ZoneInfo.from_file(io.BytesIO(path.read_bytes()))
    data = zone_data(keyless)
    assert data.source.startswith("sampled")
    assert (
        offset_at(data, (datetime(2026, 7, 1, tzinfo=timezone.utc) - EPOCH) // US) == 3600 * 10**6
    )


def test_a_zone_whose_file_disagrees_with_the_object_is_sampled() -> None:
    """A ZoneInfo built from Tokyo's data under New York's key: trust the object."""
    path = Path(zoneinfo.TZPATH[0]) / "Asia/Tokyo"
    if not path.is_file():
        pytest.skip("no system tz database")
    odd = zoneinfo.ZoneInfo.from_file(io.BytesIO(path.read_bytes()), key="America/New_York")
    data = zone_data(odd)
    assert data.source.startswith("sampled")
    assert offset_at(data, (datetime(2026, 7, 1, tzinfo=timezone.utc) - EPOCH) // US) == (
        9 * 3600 * 10**6
    )


def utc(*args: int) -> int:
    return int((datetime(*args, tzinfo=timezone.utc) - EPOCH).total_seconds())  # type: ignore[arg-type, misc]


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
