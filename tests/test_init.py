"""The fixed cost of importing slaclock and of a small call, bounded by what is loaded
and computed (never by timings)."""

from __future__ import annotations

import subprocess
import sys

import holidays
import pytest

from slaclock import BusinessCalendar, HolidayRules
from slaclock.errors import UnknownHolidayCountryError


def _loaded_after_import(prefix: str) -> list[str]:
    code = (
        "import sys, slaclock; "
        f"print('\\n'.join(m for m in sys.modules if m.startswith({prefix!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_import_loads_no_country_data() -> None:
    # The holidays package imports all its ~250 country modules for any one country.
    assert _loaded_after_import("holidays.countries") == []


def test_supported_countries_are_the_packages_own_list() -> None:
    from slaclock.calendar.holidays import HolidayRules as Rules

    for code in holidays.list_supported_countries():
        assert Rules(country=code, categories=("public",), language=None).country == code


def test_an_unknown_country_is_still_refused() -> None:
    with pytest.raises(UnknownHolidayCountryError):
        HolidayRules(country="XX")
    with pytest.raises(UnknownHolidayCountryError):
        HolidayRules(language="xx_XX")


def test_the_default_rules_are_checked_on_first_use() -> None:
    rules = HolidayRules()
    assert rules.covered_years()[0] <= 2026 <= rules.covered_years()[1]
    assert BusinessCalendar().holidays == rules
