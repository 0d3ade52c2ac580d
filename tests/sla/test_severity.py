"""Severities and priorities (`sla/severity.py`): the names and numbers they read."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from slaclock import Severity
from tests.support.bad_inputs import MODEL, SEVERITY_CHOICES, Case, Gives, Raises, check, raises

# -- bad inputs (the catalogue of issue 9; its building blocks: tests/support/bad_inputs.py) --

BAD_INPUTS: list[Case] = [
    # -- Severity.parse ---------------------------------------------------------------------
    (
        "severity-superscript",
        lambda: Severity.parse("²"),
        raises(*MODEL, "severity '²' " + SEVERITY_CHOICES),
    ),
    ("severity-arabic-digit", lambda: Severity.parse("\u0661"), raises(*MODEL, SEVERITY_CHOICES)),
    ("severity-zero-str", lambda: Severity.parse("0"), raises(*MODEL, "severity 0 ")),
    ("severity-word", lambda: Severity.parse("five"), raises(*MODEL, "severity 'five'")),
    ("severity-empty", lambda: Severity.parse(""), raises(*MODEL, "severity ''")),
    ("severity-none", lambda: Severity.parse(None), raises(*MODEL, "severity None")),
    ("severity-bool", lambda: Severity.parse(True), raises(*MODEL, "severity True")),
    ("severity-decimal-str", lambda: Severity.parse("1.0"), raises(*MODEL, "severity '1.0'")),
    ("severity-long-digits", lambda: Severity.parse("9" * 5000), raises(*MODEL, "...")),
    ("severity-padded", lambda: Severity.parse(" 3 "), Gives(Severity.MINOR)),
    ("severity-name", lambda: Severity.parse("Critical"), Gives(Severity.CRITICAL)),
]


@pytest.mark.parametrize(
    ("call", "outcome"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(call: Callable[[], object], outcome: Raises | Gives) -> None:
    check(call, outcome)
