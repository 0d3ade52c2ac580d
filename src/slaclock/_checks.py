"""Checks the public functions share: argument types, enum choices, values echoed in errors.

An error names the value that was wrong, but never echoes more than
`ECHO_LIMIT` characters of it: a 1 MB string gives a short message.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import TypeVar

from slaclock.errors import InvalidModelError, WrongTypeError

__all__ = ["ECHO_LIMIT", "choice", "cut", "iterable_of", "require", "shorten", "tuple_of"]

#: At most this many characters of a value are echoed in an error message.
ECHO_LIMIT = 80

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

_REPR = reprlib.Repr()
_REPR.maxstring = ECHO_LIMIT
_REPR.maxother = ECHO_LIMIT
_REPR.maxlong = ECHO_LIMIT


def shorten(value: object, limit: int = ECHO_LIMIT) -> str:
    """`repr(value)` cut to `limit` characters with an ellipsis, for error messages."""
    try:
        text = _REPR.repr(value)
    except Exception:  # a user object whose __repr__ fails must not hide the real error
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cut(text: str, limit: int) -> str:
    """`text` itself (no quotes) cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names(expected: type | tuple[type, ...]) -> str:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join("None" if k is type(None) else k.__name__ for k in kinds)


def require(value: object, expected: type | tuple[type, ...], what: str, hint: str = "") -> None:
    """Raise `WrongTypeError` unless `value` is an instance of `expected`."""
    if not isinstance(value, expected):
        raise WrongTypeError(
            f"{what} must be a {_names(expected)}, got {type(value).__name__}: {shorten(value)}"
            + (f"; {hint}" if hint else ".")
        )


def choice(kind: type[E], value: object, what: str, hint: str = "") -> E:
    """The member of enum `kind` that `value` is or names; else `InvalidModelError`.

    Booleans are refused even where `True == 1`: they are not severities.
    """
    if isinstance(value, kind):
        return value
    if not isinstance(value, bool):
        try:
            return kind(value)
        except (ValueError, TypeError):
            pass
    options = ", ".join(repr(m.value) for m in kind)
    raise InvalidModelError(
        f"{what} {shorten(value)} is not a {kind.__name__}; use one of {options}"
        + (f" ({hint})." if hint else ".")
    )


def iterable_of(values: object, kind: type[T], what: str) -> Iterator[T]:
    """The items of `values`, each checked to be a `kind` as it is reached.

    A mapping or a string is refused up front: iterating one gives its keys or
    characters, never what the caller meant.
    """
    if isinstance(values, kind):
        raise WrongTypeError(
            f"{what} must be an iterable of {kind.__name__}, got one {kind.__name__}; "
            "wrap it in a list: [value]."
        )
    if isinstance(values, Mapping):
        raise WrongTypeError(
            f"{what} must be an iterable of {kind.__name__}, got a {type(values).__name__} "
            "(iterating it gives its keys); pass its values, e.g. list(d.values())."
        )
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise WrongTypeError(
            f"{what} must be an iterable of {kind.__name__} (a list, tuple or generator), "
            f"got {type(values).__name__}: {shorten(values)}."
        )
    return _checked(values, kind, what)


def tuple_of(values: object, kind: type[T], what: str) -> tuple[T, ...]:
    """`iterable_of` as a tuple; a tuple already of `kind` is returned as it is (the
    usual argument, such as `()` or `ZENDESK_METRICS`, costs no copy and no generator)."""
    if type(values) is tuple and all(isinstance(v, kind) for v in values):
        return values
    return tuple(iterable_of(values, kind, what))


def _checked(values: Iterable[object], kind: type[T], what: str) -> Iterator[T]:
    for i, v in enumerate(values):
        if not isinstance(v, kind):
            raise WrongTypeError(
                f"{what}[{i}] must be a {kind.__name__}, got {type(v).__name__}: {shorten(v)}."
            )
        yield v
