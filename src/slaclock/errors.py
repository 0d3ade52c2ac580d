"""Every error slaclock raises: one root, `SlaclockError`, and a class per mistake.

Each class also subclasses the built-in exception a Python user would catch
(`ValueError` for a bad value, `TypeError` for a wrong type), so both
``except SlaclockError`` and ``except ValueError`` work.
"""

from __future__ import annotations

__all__ = [
    "ColumnError",
    "CommandLineError",
    "EntitlementError",
    "EscalationError",
    "HolidayDataError",
    "InvalidDurationError",
    "InvalidModelError",
    "InvalidRowsError",
    "InvalidScheduleError",
    "LimitExceededError",
    "MissingExtraError",
    "NaiveDatetimeError",
    "NoOpenTimeError",
    "OutOfRangeError",
    "ReceivedAfterNowError",
    "SlaclockError",
    "TicketEventError",
    "TooManyContactsError",
    "UndefinedPlanError",
    "UnknownHolidayCountryError",
    "UnknownTimeZoneError",
    "WrongTypeError",
]


class SlaclockError(Exception):
    """Root of every error raised by slaclock."""


class NaiveDatetimeError(SlaclockError, ValueError):
    """A datetime without a time zone was given where an instant is needed."""


class InvalidDurationError(SlaclockError, TypeError):
    """A duration was not a `datetime.timedelta`."""


class WrongTypeError(SlaclockError, TypeError):
    """An argument is not of the type the function takes (e.g. a plan's name for a plan).

    The message names the argument, the type given and the type expected.
    """


class UnknownTimeZoneError(SlaclockError, ValueError):
    """A time-zone key is not in the IANA database (zoneinfo / tzdata)."""


class UnknownHolidayCountryError(SlaclockError, ValueError):
    """The `holidays` package does not know a country, subdivision or category."""


class InvalidScheduleError(SlaclockError, ValueError):
    """Open intervals overlap, end before they start, or are otherwise malformed."""


class OutOfRangeError(SlaclockError, ValueError):
    """A date or instant lies outside the years slaclock supports."""


class HolidayDataError(OutOfRangeError):
    """A result needs a year for which the holiday data has nothing.

    The `holidays` package covers each country for a range of years (Argentina:
    1957-2100). Outside it, slaclock does not assume there are no holidays: supply
    them (`BusinessCalendar(extra_holidays=...)`) and say that the data is complete,
    or say explicitly that none apply: ``HolidayRules(missing_years="none")``.
    """


class NoOpenTimeError(SlaclockError, ValueError):
    """The calendar has no open time where some is needed (e.g. an empty schedule)."""


class InvalidModelError(SlaclockError, ValueError):
    """A domain model was built from invalid data, or a value is not one of its choices.

    `errors` lists each problem as a dict with `loc` (the path to the field, a
    tuple), `msg` (what is wrong and what to do) and `type` (pydantic's error
    type, or the name of the slaclock error a validator raised).
    """

    def __init__(self, message: str, errors: list[dict[str, object]] | None = None) -> None:
        super().__init__(message)
        if errors is None:
            errors = [{"loc": (), "msg": message, "type": type(self).__name__}]
        self.errors = errors


class TooManyContactsError(SlaclockError, ValueError):
    """More designated contacts than a product title allows (2 while in maintenance)."""


class UndefinedPlanError(SlaclockError, LookupError):
    """A tier was asked for whose plan nobody has defined (only Basic is built in)."""


class EntitlementError(SlaclockError, ValueError):
    """An operation needs an entitled request (covered product, maintenance, contact)."""


class EscalationError(SlaclockError, ValueError):
    """An escalation step that the rules forbid (e.g. skipping L2)."""


class TicketEventError(SlaclockError, ValueError):
    """An event that cannot be applied to a ticket in its current state."""


class ReceivedAfterNowError(TicketEventError):
    """A ticket was received after the `now` it is evaluated at (a skewed clock, a
    mistyped ``--now``): refused rather than reported as running with nothing used."""


class ColumnError(SlaclockError, ValueError):
    """A table lacks a column, or a column has the wrong type (e.g. naive datetimes)."""


class InvalidRowsError(SlaclockError, ValueError):
    """Rows of a table hold values the rules cannot use; nothing was dropped or guessed.

    `problems` lists, per column and reason, how many rows and the first row
    labels (the index for pandas, row numbers otherwise). Pass
    ``errors="mark"`` to keep every row with the reason in a ``problem`` column.
    """

    def __init__(self, message: str, problems: list[dict[str, object]] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class CommandLineError(SlaclockError, ValueError):
    """The `slaclock` command cannot read an argument or an input file.

    Raised by the command line only (`slaclock.cli`): a time in a form that could
    be read more than one way (``11/12/2026``, ``16:30``, ``EST``), a duration
    without a unit, a missing or empty file, a file that is not CSV or JSON
    lines. The message lists the forms that are accepted. The command exits
    with status 2.
    """


class MissingExtraError(SlaclockError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


# -- untrusted input: limits (kept together) ------------------------------------------------


class LimitExceededError(SlaclockError, ValueError):
    """An input is larger than a documented limit (`slaclock.Limits`): refused at validation.

    `limit` names the limit (a field of `Limits`, e.g. ``"combined_parts"``), `value`
    is what the input had and `maximum` the limit in force. A caller who trusts
    the input raises the limit: ``with Limits(combined_parts=500).active(): ...``.
    """

    def __init__(self, message: str, limit: str = "", value: int = 0, maximum: int = 0) -> None:
        super().__init__(message)
        self.limit = limit
        self.value = value
        self.maximum = maximum
