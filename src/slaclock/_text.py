"""Short text for values, shared by every `__repr__` and `_repr_html_`.

Instants read as ISO 8601 with their UTC offset, durations as business hours
("2h", "1h30m", "45m10.5s", never days), enums as their value, long text and
long collections cut. Nothing here reads the clock or the zone database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from enum import Enum
from zoneinfo import ZoneInfo

__all__ = ["TEXT_LIMIT", "VALUE_LIMIT", "call", "duration", "instant", "text", "value", "when"]

#: Free text is cut to this many characters (with an ellipsis) in a repr.
TEXT_LIMIT = 40
#: A nested value whose own repr is longer is summarised (its class name, or a count).
VALUE_LIMIT = 60

_US_PER_HOUR = 3_600_000_000
_US_PER_MINUTE = 60_000_000
_US_PER_SECOND = 1_000_000


def duration(d: timedelta, *, spaced: bool = False) -> str:
    """A duration in hours, minutes and seconds: '2h', '1h30m', '45m10.5s', '-1h', '0h'.

    Business time reads as hours, so a day of it is '24h'. `spaced` gives the
    longer form of explanations: '2 h', '1 h 30 min', '45 min 10.5 s'.
    """
    us = (d.days * 86_400 + d.seconds) * _US_PER_SECOND + d.microseconds
    sign = "-" if us < 0 else ""
    hours, rest = divmod(abs(us), _US_PER_HOUR)
    minutes, rest = divmod(rest, _US_PER_MINUTE)
    seconds, micro = divmod(rest, _US_PER_SECOND)
    units = (" h", " min", " s") if spaced else ("h", "m", "s")
    parts = []
    if hours:
        parts.append(f"{hours}{units[0]}")
    if minutes:
        parts.append(f"{minutes}{units[1]}")
    if seconds or micro:
        parts.append(f"{seconds}.{micro:06d}".rstrip("0").rstrip(".") + units[2])
    return sign + (" ".join(parts) if spaced else "".join(parts)) if parts else "0" + units[0]


def instant(t: datetime) -> str:
    """ISO 8601 with the UTC offset, e.g. '2026-11-20T16:30:00-03:00' (naive ones as they are)."""
    return t.isoformat()


def when(t: datetime) -> str:
    """For people: 'Fri 2026-11-20 16:30 -03:00' (seconds shown only when not zero)."""
    clock = "%H:%M:%S" if t.second or t.microsecond else "%H:%M"
    offset = t.strftime("%z")
    if len(offset) == 5:
        offset = f"{offset[:3]}:{offset[3:]}"
    return t.strftime(f"%a %Y-%m-%d {clock}") + (f" {offset}" if offset else "")


def text(s: str, limit: int = TEXT_LIMIT) -> str:
    """`repr` of a string cut to `limit` characters of content (with an ellipsis)."""
    return repr(s if len(s) <= limit else s[: limit - 1] + "…")


def _clock(t: time) -> str:
    return t.isoformat(timespec="minutes" if not (t.second or t.microsecond) else "auto")


def _many(items: Iterable[object], open_: str, close: str, kind: str) -> str:
    shown = [value(x) for x in items]
    inner = ", ".join(shown)
    if len(inner) <= VALUE_LIMIT:
        return f"{open_}{inner}{',' if open_ == '(' and len(shown) == 1 else ''}{close}"
    return f"{open_}{len(shown)} {kind}{close}"


def value(v: object) -> str:
    """Short text of one field value, for reprs.

    Enum members as their value, instants as ISO 8601, durations in hours,
    dates as ISO 8601, times as HH:MM, zones as their key, text quoted and cut,
    collections listed when short and counted when long, any other object as
    its own repr, or its class name when that repr is long.
    """
    if v is None or isinstance(v, bool):
        return str(v)
    if isinstance(v, Enum):
        return str(v.value)
    if isinstance(v, datetime):
        return instant(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, time):
        return _clock(v)
    if isinstance(v, timedelta):
        return duration(v)
    if isinstance(v, ZoneInfo):
        return str(v.key)
    if isinstance(v, tzinfo):
        return str(v)
    if isinstance(v, str):
        return text(v)
    if isinstance(v, float):
        return format(v, ".4g")
    if isinstance(v, (tuple, list)):
        kinds = {type(x).__name__ for x in v}
        kind = kinds.pop() if len(kinds) == 1 else "items"
        return _many(v, "(", ")", kind)
    if isinstance(v, (set, frozenset)):
        return _many(sorted(v, key=value), "{", "}", "items")
    shown = repr(v)
    return shown if len(shown) <= VALUE_LIMIT else f"{type(v).__name__}(…)"


def call(name: str, *positional: str, named: Mapping[str, str] | None = None) -> str:
    """'Name(a, b, key=c)' from texts already made short."""
    args = [*positional, *(f"{k}={v}" for k, v in (named or {}).items())]
    return f"{name}({', '.join(args)})"
