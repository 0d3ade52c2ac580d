"""Severity 1-4 as the manual defines it, and the portal's priority field that maps onto it."""

from __future__ import annotations

from enum import IntEnum

from slaclock._checks import shorten
from slaclock.errors import InvalidModelError

__all__ = ["Priority", "Severity"]


class Severity(IntEnum):
    """How bad a case is; 1 is the worst. L1 confirms (or reclassifies) it."""

    CRITICAL = 1
    MAJOR = 2
    MINOR = 3
    INFORMATIONAL = 4

    @property
    def meaning(self) -> str:
        """The manual's definition ("Matriz Tiempos de Respuesta")."""
        return _MEANINGS[self]

    @classmethod
    def code_of(cls, value: object) -> int:
        """`parse`'s answer as the code 1-4, or 0 where it refuses `value` (for columns)."""
        try:
            return int(cls.parse(value))
        except InvalidModelError:
            return 0

    @classmethod
    def parse(cls, value: object) -> Severity:
        """From 1-4 (int or digit string) or a name such as "critical"; else a clear error.

        Booleans, floats and digits other than ASCII ("²") are refused: no guessing.
        """
        if isinstance(value, Severity):
            return value
        if isinstance(value, str):
            text = value.strip()
            if text.isascii() and text.isdigit() and len(text) < 10:
                value = int(text)
            elif text.upper() in cls.__members__:
                return cls[text.upper()]
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4:
            return cls(value)
        raise InvalidModelError(
            f"severity {shorten(value)} is not one of 1 (critical), 2 (major), 3 (minor), "
            "4 (informational); pass one of those numbers or names."
        )

    def __str__(self) -> str:
        return f"severity {int(self)} ({self.name.lower()})"


class Priority(IntEnum):
    """The portal's priority field: the same four levels as `Severity`."""

    TOTAL_SERVICE_LOSS = 1
    IMPORTANT_FUNCTION_AFFECTED = 2
    LIMITED_ADVERSE_EFFECT = 3
    QUESTION = 4

    @property
    def severity(self) -> Severity:
        """The severity a request with this priority starts at, until L1 confirms it."""
        return Severity(int(self))

    @classmethod
    def parse(cls, value: object) -> Priority:
        """A priority from itself, its name ("QUESTION"), or what `Severity.parse` reads:
        1-4 or a severity's name ("critical", "Critical"), as tables and the command line
        take them."""
        if isinstance(value, Priority):
            return value
        if isinstance(value, str) and value.strip().upper() in cls.__members__:
            return cls[value.strip().upper()]
        return cls(int(Severity.parse(value)))


_MEANINGS = {
    Severity.CRITICAL: (
        "production or critical system down, or a big loss of service, or a substantial "
        "part of critical data at considerable risk of loss or damage; no workaround"
    ),
    Severity.MAJOR: (
        "an important function is gravely damaged; systems run restricted; "
        "long-term productivity hurt"
    ),
    Severity.MINOR: "limited adverse effect on business operations",
    Severity.INFORMATIONAL: (
        "no adverse effect; or a feature suggestion; or a licensing, sizing or "
        "configuration question"
    ),
}
