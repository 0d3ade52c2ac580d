"""The base of every domain model: frozen pydantic, errors translated to slaclock's.

Pydantic reports bad input as `pydantic.ValidationError`, which is not a
`SlaclockError`. `FrozenModel` catches it at the boundary (construction and
`model_validate*`) and raises the original slaclock error when a validator
raised one, else an `InvalidModelError` that keeps pydantic's error list.
"""

from __future__ import annotations

from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict
from typing_extensions import Self

from slaclock.errors import InvalidModelError, SlaclockError


def translate(cls_name: str, exc: pydantic.ValidationError) -> SlaclockError:
    """Turn pydantic's error into the slaclock error a caller should see."""
    errors = exc.errors(include_url=False)
    originals = [e.get("ctx", {}).get("error") for e in errors]
    if len(errors) == 1 and isinstance(originals[0], SlaclockError):
        return originals[0]
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
    """Immutable, validated at construction, serialisable to JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

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
