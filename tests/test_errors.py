"""The bad-inputs catalogue as a whole (issue 9): each module's test file holds its own
cases (`BAD_INPUTS`); together they are many, uniquely named, and each refusal is a
`SlaclockError` that is also the built-in exception it names."""

from __future__ import annotations

from tests import test_model
from tests.calendar import test_business_calendar, test_schedule
from tests.sla import (
    test_contact,
    test_escalation,
    test_plan,
    test_severity,
    test_status,
    test_support,
    test_ticket,
)
from tests.support.bad_inputs import Case, Raises

CATALOGUE: list[Case] = [
    *test_model.BAD_INPUTS,
    *test_plan.BAD_INPUTS,
    *test_severity.BAD_INPUTS,
    *test_support.BAD_INPUTS,
    *test_schedule.BAD_INPUTS,
    *test_business_calendar.BAD_INPUTS,
    *test_status.BAD_INPUTS,
    *test_escalation.BAD_INPUTS,
    *test_ticket.BAD_INPUTS,
    *test_contact.BAD_INPUTS,
]


def test_the_catalogue_is_large_and_its_names_are_unique() -> None:
    names = [name for name, _, _ in CATALOGUE]
    assert len(names) >= 150
    assert len(set(names)) == len(names)
    refused = [o for _, _, o in CATALOGUE if isinstance(o, Raises)]
    assert {o.builtin for o in refused} == {ValueError, TypeError, LookupError}
    assert all(issubclass(o.error, o.builtin) for o in refused)
