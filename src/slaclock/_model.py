"""The base of every domain model: frozen pydantic, strict about time, errors translated.

Whatever its fields, every model gets three things from `FrozenModel`:

* **No guessing.** A field typed `datetime` (an instant), `timedelta` (a
  duration) or `date`, alone, optional or in a tuple, refuses numbers,
  booleans and strings of digits, from Python and from JSON alike, with the
  message `BusinessCalendar.add` gives (`NaiveDatetimeError`,
  `InvalidDurationError`): is 2 two hours or two seconds? ISO 8601 strings
  are read: an instant must carry a UTC offset ("2026-11-20T16:30:00-03:00";
  without one it is a `NaiveDatetimeError`), a duration may be "PT2H".
  A field typed `int` or an `IntEnum` (priority, severity) refuses booleans.
  Keys of the input mapping must be field names (strings).
* **What a JSON round trip gives back.** JSON (RFC 3339) carries an instant
  and its UTC offset at that instant, not the name of its zone. An instant
  read from a string therefore comes back as the same instant with a
  fixed-offset `datetime.timezone` (e.g. UTC-03:00), never pydantic's own
  tzinfo class: it compares equal and every slaclock result computed from it
  is the same (slaclock converts instants to UTC and answers in the
  calendar's zone), but wall-clock arithmetic on the value itself no longer
  follows the zone's DST rules; convert it first with
  `.astimezone(calendar.zone)`. A calendar's `zone` field round-trips as its
  IANA key.
* **A short repr.** `repr(model)` names the fields that differ from their
  defaults, with short values: instants in ISO 8601 with their offset,
  durations in business hours ("1h30m"), enums as their value, nested
  models summarised. Models where a one-liner reads better define their own.
* **Typed errors.** Pydantic reports bad input as `pydantic.ValidationError`,
  which is not a `SlaclockError`. It is caught at the boundary (construction,
  `model_validate`, `model_validate_json`, `model_copy`) and turned into the
  slaclock error a validator raised, or an `InvalidModelError` whose `errors`
  lists every problem with its location. Messages never echo more than a
  short prefix of the input.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import IntEnum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

import pydantic
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PlainSerializer,
    TypeAdapter,
    model_validator,
)
from typing_extensions import Self

from slaclock import _text as short
from slaclock._checks import cut, shorten
from slaclock._once import once
from slaclock._time import iso_hours, to_us, us_of_timedelta
from slaclock.errors import InvalidModelError, LimitExceededError, SlaclockError

__all__ = ["BusinessTime", "FrozenModel", "Instant", "Text", "changed_fields", "translate"]


def _text(v: str) -> str:
    v = " ".join(v.split())
    if not v:
        raise InvalidModelError("must not be blank; give some text.")
    return v


#: Business time: a `timedelta` written in JSON as ISO 8601 hours ("PT24H", not "P1D",
#: which would read as a calendar day).
BusinessTime = Annotated[timedelta, PlainSerializer(iso_hours, return_type=str, when_used="json")]

#: A required piece of text: inner whitespace folded, blank refused.
Text = Annotated[str, AfterValidator(_text)]
#: A timezone-aware datetime. Every `datetime` field of a `FrozenModel` is
#: checked as one (naive values and numbers refused); the name documents intent.
Instant = datetime

# -- no guessing: the checks every model applies to its time and integer fields ---------------

#: A number written as text: "12345", "-2.5", "1e9". Pydantic would read it as a
#: Unix timestamp (instants) or fail obscurely (durations).
_NUMBER = re.compile(r"\s*[-+]?(\d[\d_]*\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


@once
def _datetime_reader() -> TypeAdapter[datetime]:
    """Pydantic's ISO 8601 reader, built on first use (not by `import slaclock`)."""
    return TypeAdapter(datetime)


_SEQUENCES = (list, tuple, set, frozenset)


@dataclass(frozen=True, slots=True)
class _Check:
    """One field to check: its name, the kind of value, whether it holds several."""

    name: str
    kind: str  # "instant", "duration", "date" or "int"
    many: bool
    what: str
    enum: type[IntEnum] | None = None


def _is_model(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        return _is_model(get_args(annotation)[0])
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _kind(annotation: Any) -> tuple[str, bool, type[IntEnum] | None] | None:
    """What to check in a field of this type: (kind, several values?, enum) or None."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kind(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        # Models beside a value (a target: a duration, or a time of day) take dicts;
        # the value's check still refuses a bare number.
        members = [a for a in get_args(annotation) if a is not type(None) and not _is_model(a)]
        kinds = {_kind(a) for a in members}
        return kinds.pop() if len(kinds) == 1 else None
    if origin in _SEQUENCES:
        kinds = {_kind(a) for a in get_args(annotation) if a is not Ellipsis}
        one = kinds.pop() if len(kinds) == 1 else None
        return (one[0], True, one[2]) if one is not None and not one[1] else None
    if annotation is datetime:
        return ("instant", False, None)
    if annotation is timedelta:
        return ("duration", False, None)
    if annotation is date:
        return ("date", False, None)
    if annotation is int:
        return ("int", False, None)
    if isinstance(annotation, type) and issubclass(annotation, IntEnum):
        return ("int", False, annotation)
    return None


@cache
def _checks(cls: type[BaseModel]) -> tuple[_Check, ...]:
    out = []
    for name, info in cls.model_fields.items():
        found = _kind(info.annotation)
        if found is not None:
            kind, many, enum = found
            out.append(_Check(name, kind, many, f"{cls.__name__}.{name}", enum))
    return tuple(out)


def _is_number_text(v: object) -> bool:
    return isinstance(v, str) and _NUMBER.fullmatch(v) is not None


def _instant_of(v: object, what: str) -> object:
    if not isinstance(v, str) or _is_number_text(v):
        to_us(v, what)  # a datetime passes (if aware); anything else is refused here
        return v
    try:
        t = _datetime_reader().validate_python(v)
    except pydantic.ValidationError as exc:
        reason = exc.errors(include_url=False)[0]["msg"]
        raise InvalidModelError(
            f"{shorten(v)} is not an ISO 8601 date and time ({reason}); "
            "write e.g. '2026-11-20T16:30:00-03:00'."
        ) from exc
    to_us(t, what)  # refuses a string without an offset
    offset = t.utcoffset()
    if type(t.tzinfo) is not timezone and offset is not None:
        t = t.replace(tzinfo=timezone(offset))  # the stdlib's fixed offset, not pydantic's
    return t


def _check(c: _Check, v: object) -> object:
    """`v` as the field should receive it, or the error for a guess it refuses."""
    if v is None:
        return v
    if c.kind == "instant":
        return _instant_of(v, c.what)
    if c.kind == "duration":
        if isinstance(v, (BaseModel, Mapping)):
            return v  # the union's model alternative (pydantic checks it)
        if not isinstance(v, str) or _is_number_text(v):
            us_of_timedelta(v, c.what)  # a timedelta passes; anything else is refused here
        return v
    if c.kind == "date":
        if isinstance(v, date) or (isinstance(v, str) and not _is_number_text(v)):
            return v
        raise InvalidModelError(
            f"must be a datetime.date, got {type(v).__name__}: {shorten(v)}. "
            'Pass e.g. date(2026, 12, 31) (in JSON: "2026-12-31"); numbers are refused '
            "because their meaning is unclear."
        )
    if isinstance(v, bool):  # "int": True == 1 in Python, but a flag is not a number
        wanted = (
            ", ".join(str(int(m)) for m in c.enum) + f" ({c.enum.__name__})"
            if c.enum is not None
            else "a whole number"
        )
        raise InvalidModelError(f"must be {wanted}, got the bool {v}.")
    return v


class FrozenModel(BaseModel):
    """Immutable, validated at construction, serialisable to JSON.

    Lazily built caches (a calendar's engine) live in the instance dict, never in
    dumps, equality or pickles.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _no_guessing(cls, data: Any) -> Any:
        """Refuse numbers for instants, durations and dates, and bools for integers."""
        if not isinstance(data, dict):
            return data
        for key in data:
            if not isinstance(key, str):
                fields = ", ".join(cls.model_fields)
                raise InvalidModelError(
                    f"{cls.__name__} is keyed by field name, got the key {shorten(key)} "
                    f"({type(key).__name__}); its fields are: {fields}."
                )
        out = data
        for c in _checks(cls):
            if c.name not in data:
                continue
            v = data[c.name]
            try:
                if c.many and isinstance(v, _SEQUENCES):
                    new: object = [_check(c, x) for x in v]
                else:
                    new = _check(c, v)
            except InvalidModelError as exc:  # give it the field's location
                raise InvalidModelError(
                    str(exc), [{"loc": (c.name,), "msg": str(exc), "type": "InvalidModelError"}]
                ) from exc
            if new is not v:
                if out is data:
                    out = dict(data)
                out[c.name] = new
        return out

    def __repr__(self) -> str:
        """`Name(field=value, ...)` for the fields that differ from their defaults, short."""
        named = {name: short.value(v) for name, v in changed_fields(self)}
        return short.call(type(self).__name__, named=named)

    def __str__(self) -> str:
        return repr(self)

    def model_copy(self, *, update: Any = None, deep: bool = False) -> Self:
        """A validated copy with `update` applied (caches not carried over)."""
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(update or {})
        return type(self).model_validate(data)

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        # An immutable value is its own copy (as for tuples); its lazily built
        # caches (a calendar's engine) are shared, never duplicated.
        return self

    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        fields = type(self).model_fields
        state["__dict__"] = {k: v for k, v in state["__dict__"].items() if k in fields}
        return state

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except pydantic.ValidationError as exc:
            raise translate(type(self).__name__, exc) from exc

    # This __init__ only translates errors, so pydantic may validate nested models
    # without calling it (as for BaseModel's own): one ValidationError then carries
    # the full path of every problem, translated once, at the boundary.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: Any = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        try:
            return super().model_validate(
                obj, strict=strict, from_attributes=from_attributes, context=context
            )
        except pydantic.ValidationError as exc:
            raise translate(cls.__name__, exc) from exc

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Any = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        try:
            return super().model_validate_json(json_data, strict=strict, context=context)
        except pydantic.ValidationError as exc:
            raise translate(cls.__name__, exc) from exc


def changed_fields(model: BaseModel) -> tuple[tuple[str, Any], ...]:
    """(name, value) of the model's fields that are required or differ from their default."""
    out = []
    for name, info in type(model).model_fields.items():
        v = getattr(model, name)
        if not info.is_required():
            default = info.get_default(call_default_factory=True)
            if type(v) is type(default) and v == default:
                continue
        out.append((name, v))
    return tuple(out)


# -- errors --------------------------------------------------------------------------------

#: At most this many problems are spelt out in a message (all are in `errors`).
_LISTED = 5
#: A pydantic message is cut to this length (some quote the input); one of
#: slaclock's own (which echo at most `ECHO_LIMIT` of a value) to the longer one.
_MSG_LIMIT = 300
_OWN_LIMIT = 600

_Problem = tuple[tuple[Any, ...], str, str, SlaclockError | None]
#: A field name or mapping key in a location is echoed at most this long.
_KEY_LIMIT = 40
#: At most this many steps of a location are echoed (the deepest ones).
_LOC_STEPS = 12


def _loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A location with every key cut to `_KEY_LIMIT` characters and only its last steps:
    an unknown field name or a dict key of a megabyte gives a short message."""
    steps = tuple(x if isinstance(x, int) else cut(str(x), _KEY_LIMIT) for x in loc)
    return steps if len(steps) <= _LOC_STEPS else ("…", *steps[-_LOC_STEPS:])


def _pydantic_message(err: Any, cls_name: str) -> str:
    kind, msg = err["type"], str(err["msg"])
    if kind == "missing":
        return "required: give a value."
    if kind == "extra_forbidden":
        return "not a field here; check the spelling (unknown fields are refused)."
    if kind.startswith("time_delta"):
        return f"{cut(msg, _MSG_LIMIT)}; write an ISO 8601 duration such as 'PT2H'."
    if kind.startswith("date_"):
        return f"{cut(msg, _MSG_LIMIT)}; write the date as 'YYYY-MM-DD'."
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        field = str(ctx.get("discriminator", "tag")).strip("'")
        tags = cut(str(ctx.get("expected_tags", "")), _MSG_LIMIT)
        return f"{field} {shorten(ctx.get('tag'))} is not known; use one of {tags}."
    if kind == "json_invalid":
        if "recursion limit" in msg:
            return (
                f"{msg}: the JSON nests deeper than the parser allows, and a {cls_name} nests "
                f"only a few levels; pass one {cls_name} as model_dump_json() writes it."
            )
        return f"{msg}; pass valid JSON, e.g. what {cls_name}.model_dump_json() writes."
    return cut(msg, _MSG_LIMIT)


def _problems(cls_name: str, exc: pydantic.ValidationError) -> list[_Problem]:
    out: list[_Problem] = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = _loc(tuple(err["loc"]))
        original = err.get("ctx", {}).get("error")
        if isinstance(original, InvalidModelError):
            # Its problems (several if it came from a model validated inside a
            # validator), each under this location.
            for sub in original.errors:
                sub_loc = sub.get("loc", ())
                sub_loc = tuple(sub_loc) if isinstance(sub_loc, tuple) else (sub_loc,)
                out.append(
                    (_loc(loc + sub_loc), cut(str(sub["msg"]), _OWN_LIMIT), str(sub["type"]), None)
                )
        elif isinstance(original, SlaclockError):
            out.append((loc, cut(str(original), _OWN_LIMIT), type(original).__name__, original))
        else:
            out.append((loc, _pydantic_message(err, cls_name), str(err["type"]), None))
    return out


def translate(cls_name: str, exc: pydantic.ValidationError) -> SlaclockError:
    """Turn pydantic's error into the slaclock error a caller should see.

    One slaclock error (other than `InvalidModelError`) raised by a validator
    comes back as itself; several of one such class as one of that class;
    anything else as an `InvalidModelError` listing each problem with its path.
    """
    problems = _problems(cls_name, exc)
    originals = [p[3] for p in problems]
    for o in originals:  # a limit is why validation stopped, whatever else was reported
        if isinstance(o, LimitExceededError):
            return o
    first = originals[0] if originals else None
    if (
        first is not None
        and type(first) is not InvalidModelError
        and all(type(o) is type(first) for o in originals)
    ):
        if len(originals) == 1:
            return first
        return type(first)(f"invalid {cls_name}: {_listing(problems)}")
    errors: list[dict[str, object]] = [
        {"loc": loc, "msg": msg, "type": kind} for loc, msg, kind, _ in problems
    ]
    return InvalidModelError(f"invalid {cls_name}: {_listing(problems)}", errors)


def _listing(problems: list[_Problem]) -> str:
    """The first few problems as "where: what" lines, and how many more there are."""
    lines = []
    for loc, msg, _, _ in problems[:_LISTED]:
        where = ".".join(str(x) for x in loc)
        lines.append(f"{where}: {msg}" if where else msg)
    if len(problems) > _LISTED:
        lines.append(f"and {len(problems) - _LISTED} more (see .errors)")
    return "; ".join(lines)
