"""Reading instants typed on the command line or found in a ticket file.

Only forms that cannot be read two ways are accepted (`FORMS` lists them).
A time without a UTC offset is read in the calendar's zone, and the reader
says so in a note; a wall time that a DST change skips or repeats there is
refused. Anything else is a `CommandLineError` that names what is wrong and
lists the accepted forms: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slaclock._checks import cut
from slaclock._time import MAX_YEAR, MIN_YEAR
from slaclock.errors import CommandLineError, OutOfRangeError

__all__ = ["FORMS", "InstantReader", "offset_text"]

#: The accepted forms, as the help text and the error messages list them.
FORMS = (
    "2026-11-20T16:30-03:00 (ISO 8601 with a UTC offset: Z, +HH:MM, +HHMM or +HH; "
    "seconds and up to 6 decimals optional; a space may replace the T), "
    "2026-11-20T16:30 (no offset: read in the calendar's zone), "
    "2026-11-20 (00:00 in the calendar's zone), "
    "2026-11-20T16:30[Europe/Madrid] (a wall time in an IANA zone)"
)
_TIME = (
    r"(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?"
    r"(?P<off>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)
_ZONE = r"(?:\[(?P<zone>[^\[\]]*)\])?"
_ISO = re.compile(rf"(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})(?:[Tt ]{_TIME})?{_ZONE}")
_DAYFIRST = re.compile(
    rf"(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<mo>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})(?:[Tt ]{_TIME})?"
)
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_BARE_TIME = re.compile(r"\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?(\s*[AaPp][Mm])?")
_OTHER_ORDER = re.compile(r"\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?\b.*")
_SLASHED_ISO = re.compile(r"\d{4}[/.]\d{1,2}[/.]\d{1,2}\b.*")
_ABBREVIATION = re.compile(r".*[\d\s]([A-Za-z]{2,5})\s*")
_ZONE_NAME = re.compile(r".*[\d\s]\[?([A-Za-z_]+/[A-Za-z_/+\-]+)\]?\s*")
_ZONE_KEY = re.compile(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*")
_WORDS = re.compile(r"[A-Za-z]")
_UTC = timezone.utc


def offset_text(offset: timedelta | None) -> str:
    """'-03:00' for a UTC offset (seconds shown only when the zone has them)."""
    if offset is None:
        return "no offset"
    sign = "-" if offset < timedelta(0) else "+"
    seconds = abs(int(offset.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


@dataclass(frozen=True)
class InstantReader:
    """Reads instants for one run: the calendar's zone, and whether dates are day first."""

    zone: ZoneInfo
    dayfirst: bool = False

    def read(
        self, text: str, what: str, notes: list[str] | None = None, *, brief: bool = False
    ) -> datetime:
        """The aware instant `text` names, in the calendar's zone.

        A note is appended to `notes` when the text had no offset (read in the
        calendar's zone). Refused text raises `CommandLineError` (or
        `OutOfRangeError` for a year slaclock does not support); `brief` leaves
        the list of accepted forms out of the message (a file's rows share one).
        """
        given = text.strip()
        if given.lower() == "now":
            return datetime.now(_UTC).astimezone(self.zone)
        match = _ISO.fullmatch(given)
        if match is None and self.dayfirst:
            match = _DAYFIRST.fullmatch(given)
        if match is None:
            raise CommandLineError(self._why(given, what, brief).rstrip())
        return self._instant(match, given, what, notes)

    # -- building the instant ------------------------------------------------------------------
    def _instant(
        self, m: re.Match[str], text: str, what: str, notes: list[str] | None
    ) -> datetime:
        year = int(m["y"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise OutOfRangeError(
                f"{what} {_echo(text)} is in year {year}; slaclock supports years "
                f"{MIN_YEAR}-{MAX_YEAR}. Give an instant inside that range."
            )
        fraction = m["f"] or ""
        if len(fraction) > 6 and fraction[6:].strip("0"):
            raise CommandLineError(
                f"{what} {_echo(text)} has more than 6 decimals of a second; slaclock counts "
                "microseconds: give at most 6 (e.g. 16:30:00.123456)."
            )
        try:
            naive = datetime(
                year,
                int(m["mo"]),
                int(m["d"]),
                int(m["h"] or 0),
                int(m["mi"] or 0),
                int(m["s"] or 0),
                int((fraction[:6]).ljust(6, "0")),
            )
        except ValueError as exc:
            raise CommandLineError(
                f"{what} {_echo(text)} is not a real date and time ({exc}); check the day, "
                "month, hour and minute."
            ) from None
        zone_key = m.groupdict().get("zone")
        offset = _offset(m["off"], text, what) if m["off"] else None
        if zone_key is not None:
            zone = _zone(zone_key, text, what)
            t = _wall(naive, zone, text, what, offset)
            return t.astimezone(self.zone)
        if offset is not None:
            return naive.replace(tzinfo=offset).astimezone(self.zone)
        t = _wall(naive, self.zone, text, what, None)
        if notes is not None:
            if m["h"] is None:
                notes.append(
                    f"{_echo(text)} has no time: read as 00:00 {self.zone.key} time "
                    f"({offset_text(t.utcoffset())})"
                )
            else:
                notes.append(
                    f"{_echo(text)} has no UTC offset: read as {self.zone.key} time "
                    f"({offset_text(t.utcoffset())})"
                )
        return t

    # -- why a text is refused -----------------------------------------------------------------
    def _why(self, text: str, what: str, brief: bool = False) -> str:
        shown = _echo(text)
        accepted = "" if brief else self.accepted()
        if not text:
            return f"{what} is empty. {accepted}"
        if len(text) > 80:
            return f"{what} {shown} is too long to be a date and time. {accepted}"
        if _NUMBER.fullmatch(text):
            return (
                f"{what} {shown} is a bare number: its unit and zone are unclear (a day of "
                f"the month? epoch seconds?). Write the whole date and time. {accepted}"
            )
        if _BARE_TIME.fullmatch(text):
            return f"{what} {shown} is a time without a date; add the date. {accepted}"
        abbreviation = _ABBREVIATION.fullmatch(text)
        if abbreviation is not None and _ISO.match(text):
            return (
                f"{what} {shown} ends in a zone abbreviation ({abbreviation[1]}), which names "
                "different offsets in different places (EST is -05:00 in New York, +10:00 in "
                "Australia); write the offset (2026-11-20T16:30-05:00) or the IANA zone "
                f"(2026-11-20T16:30[America/New_York]). {accepted}"
            )
        zone_name = _ZONE_NAME.fullmatch(text)
        if zone_name is not None and _ISO.match(text):
            key = cut(zone_name[1], 40)
            return (
                f"{what} {shown} names a zone ({key}) outside the ISO form; put it in brackets "
                f"right after the time: 2026-11-20T16:30[{key}]. {accepted}"
            )
        if _OTHER_ORDER.fullmatch(text) and not self.dayfirst:
            return (
                f"{what} {shown} could be read day first or month first (11/12 is 11 "
                "December in Argentina, November 12 in the US); write the year first, "
                f"2026-12-11, or pass --dayfirst. {accepted}"
            )
        if _SLASHED_ISO.fullmatch(text):
            return (
                f"{what} {shown} is not ISO 8601; write the date with dashes (2026-11-20) and "
                f"a T before the time. {accepted}"
            )
        if re.fullmatch(r"[+-]?\d{5,}-.*", text):
            return (
                f"{what} {shown} has a year of more than 4 digits; slaclock supports years "
                f"{MIN_YEAR}-{MAX_YEAR}. {accepted}"
            )
        if _WORDS.search(text) and not _ISO.match(text):
            return (
                f"{what} {shown} is not a date and time slaclock reads (names of days and "
                f"months, 'tomorrow' and the like are not read). {accepted}"
            )
        return f"cannot read {what} {shown} as a date and time. {accepted}"

    def accepted(self) -> str:
        """The sentence that lists the accepted forms."""
        return f"Accepted: {FORMS}, now" + (
            "; 20/11/2026 16:30 (day first)."
            if self.dayfirst
            else "; or pass --dayfirst to read 20/11/2026 day first."
        )


def _echo(text: str) -> str:
    return repr(cut(text, 60))


def _offset(text: str, given: str, what: str) -> tzinfo:
    if text in ("Z", "z"):
        return _UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise CommandLineError(
            f"{what} {_echo(given)} has the UTC offset {text}, which is not one: offsets run "
            "from -23:59 to +23:59 (in use today: -12:00 to +14:00)."
        )
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _zone(key: str, given: str, what: str) -> ZoneInfo:
    if _ZONE_KEY.fullmatch(key) and len(key) <= 64 and ".." not in key:
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise CommandLineError(
        f"{what} {_echo(given)} names the zone {_echo(key)}, which is not in the IANA "
        "database; use a key such as America/Argentina/Buenos_Aires or Europe/Madrid."
    )


def _wall(
    naive: datetime, zone: ZoneInfo, text: str, what: str, offset: tzinfo | None
) -> datetime:
    """`naive` read as a wall time in `zone`; skipped and repeated times are refused."""
    early = naive.replace(tzinfo=zone, fold=0)
    late = naive.replace(tzinfo=zone, fold=1)
    if offset is not None:
        wanted = offset.utcoffset(None)
        for t in (early, late):
            if t.utcoffset() == wanted and _exists(t):
                return t
        raise CommandLineError(
            f"{what} {_echo(text)}: the offset {offset_text(wanted)} is not {zone.key}'s at "
            f"that time ({offset_text(early.utcoffset())}); fix one of them, or drop the offset."
        )
    if early.utcoffset() == late.utcoffset():
        return early
    if _exists(early) and _exists(late):
        raise CommandLineError(
            f"{what} {_echo(text)} happens twice in {zone.key} (clocks go back then: "
            f"{offset_text(early.utcoffset())} and {offset_text(late.utcoffset())}); "
            "add the offset you mean, e.g. "
            f"{naive.isoformat(timespec=_precision(naive))}{offset_text(early.utcoffset())}."
        )
    raise CommandLineError(
        f"{what} {_echo(text)} does not exist in {zone.key} (clocks go forward then, from "
        f"{offset_text(early.utcoffset())} to {offset_text(late.utcoffset())}); "
        "give an offset or a time outside the gap."
    )


def _precision(t: datetime) -> str:
    """The isoformat timespec that keeps every digit the user wrote ('minutes' if it can)."""
    if t.microsecond:
        return "microseconds"
    return "seconds" if t.second else "minutes"


def _exists(t: datetime) -> bool:
    """Whether an aware wall time survives a round trip through UTC unchanged."""
    back = t.astimezone(_UTC).astimezone(t.tzinfo)
    return back.replace(tzinfo=None) == t.replace(tzinfo=None)
