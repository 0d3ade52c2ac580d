"""The base of every domain model: frozen pydantic, errors translated to slaclock's.

Pydantic reports bad input as `pydantic.ValidationError`, which is not a
`SlaclockError`. `FrozenModel` catches it at the boundary (construction and
`model_validate*`) and raises the original slaclock error when a validator
raised one, else an `InvalidModelError` that keeps pydantic's error list.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import pydantic
from pydantic import AfterValidator, BaseModel, ConfigDict
from typing_extensions import Self

from slaclock._time import to_us
from slaclock.errors import InvalidModelError, SlaclockError

__all__ = ["FrozenModel", "Instant", "Text", "translate"]


def _text(v: str) -> str:
    v = " ".join(v.split())
    if not v:
        raise InvalidModelError("must not be blank")
    return v


def _instant(v: datetime) -> datetime:
    to_us(v)  # raises NaiveDatetimeError for a naive datetime
    return v


#: A required piece of text: inner whitespace folded, blank refused.
Text = Annotated[str, AfterValidator(_text)]
#: A timezone-aware datetime; a naive one is a `NaiveDatetimeError`.
Instant = Annotated[datetime, AfterValidator(_instant)]


def translate(cls_name: str, exc: pydantic.ValidationError) -> SlaclockError:
    """Turn pydantic's error into the slaclock error a caller should see."""
    errors = exc.errors(include_url=False)
    originals = [e.get("ctx", {}).get("error") for e in errors]
    if len(errors) == 1 and isinstance(originals[0], SlaclockError):
        if type(originals[0]) is not InvalidModelError:
            return originals[0]
        where = ".".join(str(p) for p in errors[0]["loc"]) or "(model)"
        return InvalidModelError(f"invalid {cls_name}: {where}: {originals[0]}")
    known = [o for o in originals if isinstance(o, SlaclockError)]
    if len(known) == len(originals) and len({type(o) for o in known}) == 1:
        return type(known[0])(f"invalid {cls_name}: " + "; ".join(str(o) for o in known))
    lines = []
    for err in errors:
        where = ".".join(str(p) for p in err["loc"]) or "(model)"
        lines.append(f"{where}: {err['msg']}")
    message = f"invalid {cls_name}: " + "; ".join(lines)
    plain: list[dict[str, object]] = [
        {"loc": tuple(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in errors
    ]
    return InvalidModelError(message, plain)


class FrozenModel(BaseModel):
    """Immutable, validated at construction, serialisable to JSON.

    A model may precompute lookups from its fields in `_derive`; they live in
    the instance dict (plain attribute speed), never in dumps, equality or
    pickles, and are rebuilt for copies and unpickled instances.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    def _derive(self) -> dict[str, object]:
        """Attributes computed once from the fields (override to add some)."""
        return {}

    def model_post_init(self, context: Any, /) -> None:
        for name, value in self._derive().items():
            object.__setattr__(self, name, value)

    def model_copy(self, *, update: Any = None, deep: bool = False) -> Self:
        """A validated copy with `update` applied (derived attributes rebuilt)."""
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(update or {})
        return type(self)(**data)

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

    def __setstate__(self, state: dict[Any, Any]) -> None:
        super().__setstate__(state)
        self.model_post_init(None)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except pydantic.ValidationError as exc:
            raise translate(type(self).__name__, exc) from exc

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
